//! Printers for CI systems: `github` (workflow annotations, within GitHub's ten warnings per
//! step) and `gitlab` (a Code Quality report, shown on merge requests).

use super::repeated::{self, SHOWN};
use super::report::headline;
use super::{Diagnostic, Severity};
use std::fmt::Write as _;

/// GitHub shows at most this many warning annotations (and as many error annotations) per step;
/// the others are only in the log.
pub const GITHUB_ANNOTATIONS: usize = 10;

/// GitHub Actions workflow commands. Errors come first, every one annotated. Then the warnings:
/// a rule with one warning annotates it; a rule with several gets one annotation with its count
/// (and the counts per group phrase), then its first few warnings are annotated as long as the
/// ten annotations last, then every warning of the rule is listed in a collapsed log group. With
/// `all_warnings`, every warning is annotated. Notes (`Info`) come last, as notices.
pub fn github(diags: &[Diagnostic], all_warnings: bool) -> String {
    let mut out = String::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        annotation(&mut out, d);
    }
    if all_warnings {
        for d in diags.iter().filter(|d| !d.is_error()) {
            annotation(&mut out, d);
        }
        return out;
    }
    let rules = repeated::warnings_by_rule(diags);
    // One annotation per rule first, then the rest shared out, one per rule in turn.
    let mut budget = GITHUB_ANNOTATIONS.saturating_sub(rules.len());
    let mut annotated = vec![0usize; rules.len()];
    while budget > 0 {
        let before = budget;
        for (i, r) in rules.iter().enumerate() {
            if budget > 0 && r.items.len() > 1 && annotated[i] < SHOWN.min(r.items.len()) {
                annotated[i] += 1;
                budget -= 1;
            }
        }
        if budget == before {
            break;
        }
    }
    for (r, &k) in rules.iter().zip(&annotated) {
        if let [only] = r.items[..] {
            annotation(&mut out, only);
            continue;
        }
        let n = r.items.len();
        let counts = r.counts();
        let counts = if counts.is_empty() {
            String::new()
        } else {
            format!(" ({counts})")
        };
        let shown = match k {
            0 => "None is annotated".to_string(),
            k if k == n => "All are annotated".to_string(),
            k => format!("The first {k} are annotated"),
        };
        let message = format!(
            "{n} warnings of rule {}{counts}. {shown}; the log lists all {n} under \"{}: {n} warnings\".",
            r.code, r.code
        );
        let title = format!("{}: {n} warnings", r.code);
        let _ = writeln!(
            out,
            "::warning title={}::{}",
            gh_prop(&title),
            gh_data(&message)
        );
    }
    for (r, &k) in rules.iter().zip(&annotated) {
        if r.items.len() > 1 {
            for d in &r.items[..k] {
                annotation(&mut out, d);
            }
        }
    }
    for r in rules.iter().filter(|r| r.items.len() > 1) {
        let _ = writeln!(out, "::group::{}: {} warnings", r.code, r.items.len());
        for d in &r.items {
            // Plain log lines: a line starting with `::` would be taken as a command.
            let _ = writeln!(out, "{}", headline(d, false).replace("::", ": :"));
            if let Some(h) = &d.hint {
                let _ = writeln!(out, "  hint: {h}");
            }
        }
        let _ = writeln!(out, "::endgroup::");
    }
    // Notes last (GitHub shows them as notices, which have their own limit).
    for d in diags.iter().filter(|d| d.severity == Severity::Info) {
        annotation(&mut out, d);
    }
    out
}

/// One workflow command; `%`, CR and LF are escaped as the runner expects.
fn annotation(out: &mut String, d: &Diagnostic) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = Vec::new();
    if let Some(f) = &d.file {
        props.push(format!("file={}", gh_prop(f)));
        if d.line > 0 {
            props.push(format!("line={}", d.line));
            props.push(format!("col={}", d.col));
        }
    }
    props.push(format!("title={}", gh_prop(d.code)));
    let mut msg = d.message.clone();
    if let Some(h) = &d.hint {
        msg.push_str("\nhint: ");
        msg.push_str(h);
    }
    let _ = writeln!(out, "::{kind} {}::{}", props.join(","), gh_data(&msg));
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A GitLab Code Quality report (the Code Climate subset GitLab reads): a JSON array with one
/// issue per diagnostic. Errors are `critical`, warnings `minor`. A problem that is not in a
/// file (a missing folder) is placed on the site folder, `.`. The fingerprint, which GitLab
/// compares between the merge request and its target, hashes the rule, file, quoted line and
/// message (not the line number, so that adding a line above does not make it new).
pub fn gitlab(diags: &[Diagnostic]) -> String {
    let mut seen: Vec<u64> = Vec::new();
    let issues: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut description = d.message.clone();
            if let Some(h) = &d.hint {
                description.push_str(" (hint: ");
                description.push_str(h);
                description.push(')');
            }
            let key = [
                d.code,
                d.file.as_deref().unwrap_or(""),
                d.line_text.as_deref().unwrap_or(""),
                &d.message,
            ];
            let base = fnv1a(&key);
            // The same problem twice in one file (two identical lines) still gets two ids.
            let nth = seen.iter().filter(|&&b| b == base).count();
            seen.push(base);
            let fingerprint = format!("{base:016x}{nth:04x}");
            serde_json::json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": d.file.as_deref().unwrap_or("."),
                    "lines": { "begin": d.line.max(1) },
                },
            })
        })
        .collect();
    serde_json::Value::Array(issues).to_string() + "\n"
}

/// 64-bit FNV-1a over the parts, each followed by a zero byte: stable across Rust versions and
/// machines, unlike the standard library's hasher.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;

    fn missing(i: usize, lang: &str) -> Diagnostic {
        Diagnostic::warning(
            "missing-translation",
            format!("course C{i} has no page in de"),
        )
        .in_file(&format!("content/courses/c{i:03}.md"))
        .with_hint("add the translation")
        .with_group(format!("courses with no page in {lang}"))
    }

    fn error() -> Diagnostic {
        let text = "+++\ndeadlin = 1\n+++\n";
        let src = SourceText::new("content/courses/a.md", text);
        Diagnostic::error("unknown-key", "unknown key `deadlin`").at(&src, 4..11)
    }

    fn annotations(s: &str, kind: &str) -> usize {
        s.lines()
            .filter(|l| l.starts_with(&format!("::{kind} ")))
            .count()
    }

    #[test]
    fn github_errors_first_then_one_line_per_rule_then_the_first_few() {
        let mut diags: Vec<Diagnostic> = (0..849).map(|i| missing(i, "German")).collect();
        diags.push(missing(900, "French"));
        diags.push(
            Diagnostic::warning("closing-soon", "applications for A close tomorrow").in_file("x"),
        );
        diags.insert(5, error());
        let s = github(&diags, false);
        let lines: Vec<&str> = s.lines().collect();
        assert!(
            lines[0]
                .starts_with("::error file=content/courses/a.md,line=2,col=1,title=unknown-key::"),
            "{s}"
        );
        assert_eq!(
            lines[1],
            "::warning title=missing-translation%3A 850 warnings::850 warnings of rule missing-translation \
             (courses with no page in German: 849; courses with no page in French: 1). The first 3 are \
             annotated; the log lists all 850 under \"missing-translation: 850 warnings\"."
        );
        assert!(
            lines[2].starts_with("::warning file=x,title=closing-soon::"),
            "{s}"
        );
        assert!(lines[3].starts_with("::warning file=content/courses/c000.md,title=missing-translation::course C0 has no page in de%0Ahint: add the translation"), "{s}");
        assert_eq!(annotations(&s, "warning"), 5);
        assert!(s.contains("::group::missing-translation: 850 warnings\ncontent/courses/c000.md: warning: course C0 has no page in de [missing-translation]\n  hint: add the translation\n"), "{s}");
        assert_eq!(
            s.matches("has no page in de [missing-translation]").count(),
            850
        );
        assert!(s.ends_with("::endgroup::\n"), "{s}");
    }

    #[test]
    fn github_never_annotates_more_than_ten_warnings() {
        // Twelve rules of two warnings each: one line per rule, nothing more fits.
        let diags: Vec<Diagnostic> = (0..24)
            .map(|i| {
                let code: &'static str = Box::leak(format!("rule-{:02}", i / 2).into_boxed_str());
                Diagnostic::warning(code, format!("w{i}")).in_file("f")
            })
            .collect();
        let s = github(&diags, false);
        assert_eq!(annotations(&s, "warning"), 12);
        assert!(s.contains("None is annotated"), "{s}");
        // Three rules of five: three summaries, then the first 3, 2 and 2 warnings.
        let diags: Vec<Diagnostic> = (0..15)
            .map(|i| {
                let code = ["a", "b", "c"][i / 5];
                Diagnostic::warning(code, format!("w{i}")).in_file("f")
            })
            .collect();
        let s = github(&diags, false);
        assert_eq!(annotations(&s, "warning"), GITHUB_ANNOTATIONS);
        assert!(s.contains("The first 3 are annotated") && s.contains("The first 2 are annotated"));
        assert_eq!(github(&diags, true).matches("::warning file=f").count(), 15);
    }

    #[test]
    fn github_lines_in_a_group_are_never_commands() {
        let d = Diagnostic::warning("w", "::error::not a command").in_file("f");
        let s = github(&[d.clone(), d], false);
        let group = s.split("::group::").nth(1).unwrap();
        assert!(
            group
                .lines()
                .skip(1)
                .all(|l| !l.starts_with("::") || l == "::endgroup::"),
            "{s}"
        );
    }

    #[test]
    fn gitlab_code_quality_report() {
        let d = error();
        let s = gitlab(&[d.clone(), d, Diagnostic::error("io", "no folder")]);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        let a = v.as_array().unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0]["check_name"], "unknown-key");
        assert_eq!(a[0]["severity"], "critical");
        assert_eq!(a[0]["location"]["path"], "content/courses/a.md");
        assert_eq!(a[0]["location"]["lines"]["begin"], 2);
        assert_ne!(a[0]["fingerprint"], a[1]["fingerprint"]);
        assert_eq!(a[2]["location"]["path"], ".");
        assert_eq!(a[2]["location"]["lines"]["begin"], 1);
        // Stable: the same input gives the same fingerprint on every machine and Rust version.
        assert_eq!(fnv1a(&["a"]), 0x089b_e207_b544_f1e4);
    }
}
