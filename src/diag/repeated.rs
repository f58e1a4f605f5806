//! Repeated warnings, counted per rule: which rules fire so often that a report summarises them
//! (a catalogue without German pages has hundreds of `missing-translation` warnings), and the
//! counts per group phrase ("courses with no page in German: 849") that the summary shows.

use super::Diagnostic;

/// A rule with more warnings than this is summarised by the human report (unless every warning
/// is asked for): its first [`SHOWN`] are printed in full, then the counts.
pub const MANY: usize = 10;

/// How many warnings of a summarised rule are printed in full.
pub const SHOWN: usize = 3;

/// The warnings of one rule, in report order.
pub struct Rule<'a> {
    pub code: &'static str,
    pub items: Vec<&'a Diagnostic>,
}

impl<'a> Rule<'a> {
    /// Each group phrase with how many of the rule's warnings count under it, the largest
    /// count first (then in order of first appearance); warnings without a phrase are left out.
    pub fn groups(&self) -> Vec<(&'a str, usize)> {
        let mut out: Vec<(&'a str, usize)> = Vec::new();
        for g in self.items.iter().flat_map(|d| d.groups()) {
            match out.iter_mut().find(|(p, _)| *p == g) {
                Some((_, n)) => *n += 1,
                None => out.push((g, 1)),
            }
        }
        out.sort_by_key(|g| std::cmp::Reverse(g.1));
        out
    }

    /// "courses with no page in German: 849; pages with no page in German: 9", or "" when the
    /// warnings carry no group phrase.
    pub fn counts(&self) -> String {
        self.groups()
            .iter()
            .map(|(p, n)| format!("{p}: {n}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The warnings of `diags` by rule, rules in order of their first warning.
pub fn warnings_by_rule(diags: &[Diagnostic]) -> Vec<Rule<'_>> {
    let mut rules: Vec<Rule<'_>> = Vec::new();
    for d in diags
        .iter()
        .filter(|d| d.severity == super::Severity::Warning)
    {
        match rules.iter_mut().find(|r| r.code == d.code) {
            Some(r) => r.items.push(d),
            None => rules.push(Rule {
                code: d.code,
                items: vec![d],
            }),
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_rule_and_phrase_largest_first() {
        let w = |code, g: Option<&str>| {
            let d = Diagnostic::warning(code, "m");
            match g {
                Some(g) => d.with_group(g),
                None => d,
            }
        };
        let diags = vec![
            w("b", None),
            w("a", Some("pages with no page in German")),
            Diagnostic::error("a", "an error is not a repeated warning"),
            w("a", Some("courses with no page in German")),
            w("a", Some("courses with no page in German"))
                .with_group("courses with no page in French"),
        ];
        let rules = warnings_by_rule(&diags);
        assert_eq!(
            rules
                .iter()
                .map(|r| (r.code, r.items.len()))
                .collect::<Vec<_>>(),
            [("b", 1), ("a", 3)]
        );
        assert_eq!(
            rules[1].counts(),
            "courses with no page in German: 2; pages with no page in German: 1; \
             courses with no page in French: 1"
        );
        assert_eq!(rules[0].counts(), "");
    }
}
