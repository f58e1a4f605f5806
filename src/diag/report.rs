//! Printers for diagnostics: `human` (compiler-style, optional colour, rules with many warnings
//! summarised) and `json` (one object per line); the CI formats are in [`super::ci`].
//!
//! The human format is written here rather than with a snippet crate because SPEC fixes its first
//! line (`path:line:col: error: message`), which the crates we looked at (annotate-snippets,
//! codespan-reporting) replace with their own header; the quoted line and the underline are a
//! dozen lines of code.

use super::repeated::{self, MANY, SHOWN};
use super::{Diagnostic, Severity};
use std::fmt::Write as _;

/// Output format of a report, as chosen with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Github,
    Gitlab,
    Json,
}

/// How a report is printed besides its format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// ANSI colours (human format, on a terminal).
    pub colour: bool,
    /// Every warning in full: no summary of rules with many warnings (`--all-warnings`).
    pub all_warnings: bool,
}

/// Renders all diagnostics, rules with many warnings summarised (see [`render_with`]).
pub fn render(diags: &[Diagnostic], format: Format, colour: bool) -> String {
    let style = Style {
        colour,
        all_warnings: false,
    };
    render_with(diags, format, style)
}

/// Renders all diagnostics in `format`:
/// - human: in file order, then a summary of each rule with more than [`MANY`] warnings (its
///   first [`SHOWN`] stay in full, the rest are counted), then the notes, then a count line;
/// - github: workflow annotations, errors first, then repeated warnings grouped (see
///   [`super::ci::github`]); json and gitlab: every diagnostic, one object each.
pub fn render_with(diags: &[Diagnostic], format: Format, style: Style) -> String {
    match format {
        Format::Human => human_report(diags, style),
        Format::Github => super::ci::github(diags, style.all_warnings),
        Format::Gitlab => super::ci::gitlab(diags),
        Format::Json => diags.iter().map(|d| json(d) + "\n").collect(),
    }
}

fn human_report(diags: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    let summarised: Vec<repeated::Rule<'_>> = repeated::warnings_by_rule(diags)
        .into_iter()
        .filter(|r| !style.all_warnings && r.items.len() > MANY)
        .collect();
    let hidden: std::collections::HashSet<*const Diagnostic> = summarised
        .iter()
        .flat_map(|r| r.items[SHOWN..].iter().map(|d| *d as *const Diagnostic))
        .collect();
    let note = |d: &&Diagnostic| d.severity == Severity::Info;
    for d in diags
        .iter()
        .filter(|d| !hidden.contains(&(*d as *const _)) && !note(d))
    {
        human(&mut out, d, style.colour);
    }
    for r in &summarised {
        let head = format!(
            "{} `{}` warnings, the first {SHOWN} shown above",
            r.items.len(),
            r.code
        );
        let _ = writeln!(
            out,
            "{}: {head} [{}]",
            paint(style.colour, "1;33", "warning"),
            r.code
        );
        for (phrase, n) in r.groups() {
            let _ = writeln!(out, "  {phrase}: {n}");
        }
        let _ = writeln!(
            out,
            "  {}: run the command again with --all-warnings to list every one",
            paint(style.colour, "1;36", "hint")
        );
    }
    // Notes after the problems, before the count.
    for d in diags.iter().filter(note) {
        human(&mut out, d, style.colour);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors + warnings > 0 {
        let _ = writeln!(
            out,
            "{} error{}, {} warning{}",
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" }
        );
    }
    out
}

fn paint(colour: bool, code: &str, text: &str) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The first line of a diagnostic: `path:line:col: error: message [code]`.
pub fn headline(d: &Diagnostic, colour: bool) -> String {
    let sev = match d.severity {
        Severity::Error => paint(colour, "1;31", "error"),
        Severity::Warning => paint(colour, "1;33", "warning"),
        Severity::Info => paint(colour, "1;36", "info"),
    };
    let place = match (&d.file, d.line) {
        (Some(f), 0) => format!("{}: ", printable(f)),
        (Some(f), l) => format!("{}:{l}:{}: ", printable(f), d.col),
        (None, _) => String::new(),
    };
    format!(
        "{}{sev}: {} [{}]",
        paint(colour, "1", &place),
        printable(&d.message),
        d.code
    )
}

fn human(out: &mut String, d: &Diagnostic, colour: bool) {
    let _ = writeln!(out, "{}", headline(d, colour));
    if let (Some(text), true) = (&d.line_text, d.line > 0) {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let (shown, col) = window(&printable(text).replace('\t', " "), d.col);
        let lead: String = shown.chars().take(col.saturating_sub(1)).collect();
        let room = shown
            .chars()
            .count()
            .saturating_sub(lead.chars().count())
            .max(1);
        let under = " ".repeat(lead.chars().count()) + &"^".repeat(d.len.get().clamp(1, room));
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{num} | {shown}");
        let _ = writeln!(out, "{pad} | {}", paint(colour, "1;31", &under));
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  {}: {h}", paint(colour, "1;36", "hint"));
    }
}

/// Control characters of the file (an escape sequence, a NUL) would act on the terminal rather
/// than be shown: each becomes one `�`, so columns stay right. Tabs are kept.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// A very long line (a minified paste, a 3 MB paragraph) is quoted as the 120 characters or so
/// around the column, with `…` where it is cut; returns the text and the column within it.
fn window(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    const BEFORE: usize = 40;
    let n = line.chars().count();
    if n <= WIDTH + 20 {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(1)
        .saturating_sub(BEFORE)
        .min(n.saturating_sub(WIDTH));
    let end = (start + WIDTH).min(n);
    let mut shown: String = line.chars().skip(start).take(end - start).collect();
    let mut col = col - start.min(col.saturating_sub(1));
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if end < n {
        shown.push('…');
    }
    (shown, col)
}

/// One diagnostic as a JSON object (serde_json does the escaping).
pub fn json(d: &Diagnostic) -> String {
    serde_json::json!({
        "severity": d.severity.as_str(),
        "file": d.file,
        "line": d.line,
        "column": d.col,
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
        "groups": d.groups().collect::<Vec<_>>(),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;

    fn sample() -> Diagnostic {
        let text = "+++\ndeadlin = 1\n+++\n";
        let src = SourceText::new("content/courses/a.md", text);
        Diagnostic::error("unknown-key", "unknown key `deadlin`")
            .at(&src, 4..11)
            .with_hint("did you mean `deadline`?")
    }

    #[test]
    fn human_quotes_and_underlines() {
        let s = render(&[sample()], Format::Human, false);
        assert!(s.starts_with("content/courses/a.md:2:1: error: unknown key `deadlin`"));
        assert!(s.contains("2 | deadlin = 1\n  | ^^^^^^^\n"));
        assert!(s.contains("hint: did you mean `deadline`?"));
        assert!(s.ends_with("1 error, 0 warnings\n"));
    }

    #[test]
    fn github_annotation() {
        let s = render(&[sample()], Format::Github, false);
        assert!(s.starts_with(
            "::error file=content/courses/a.md,line=2,col=1,title=unknown-key::unknown key `deadlin`%0Ahint: did you mean `deadline`?"
        ));
    }

    fn many(n: usize) -> Vec<Diagnostic> {
        (0..n)
            .map(|i| {
                let lang = if i % 10 == 9 { "French" } else { "German" };
                Diagnostic::warning("missing-translation", format!("course C{i:03} has no page"))
                    .in_file(&format!("content/courses/c{i:03}.md"))
                    .with_group(format!("courses with no page in {lang}"))
            })
            .collect()
    }

    #[test]
    fn human_summarises_a_rule_with_many_warnings() {
        let mut diags = many(849);
        diags.push(sample());
        let s = render(&diags, Format::Human, false);
        assert_eq!(s.matches("[missing-translation]").count(), SHOWN + 1, "{s}");
        assert!(
            s.contains("C002 has no page") && !s.contains("C003 has no page"),
            "{s}"
        );
        assert!(
            s.contains("error: unknown key `deadlin`"),
            "errors are never summarised"
        );
        assert!(s.ends_with(
            "warning: 849 `missing-translation` warnings, the first 3 shown above [missing-translation]\n  \
             courses with no page in German: 765\n  courses with no page in French: 84\n  \
             hint: run the command again with --all-warnings to list every one\n\
             1 error, 849 warnings\n"
        ), "{s}");
        let all = render_with(
            &diags,
            Format::Human,
            Style {
                colour: false,
                all_warnings: true,
            },
        );
        assert_eq!(all.matches("[missing-translation]").count(), 849);
        assert!(!all.contains("--all-warnings"));
    }

    #[test]
    fn human_lists_a_few_warnings_of_a_rule_in_full() {
        let s = render(&many(MANY), Format::Human, false);
        assert_eq!(s.matches("[missing-translation]").count(), MANY, "{s}");
        assert!(!s.contains("--all-warnings"), "{s}");
    }

    #[test]
    fn json_object() {
        let s = render(&[sample()], Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(s.trim()).unwrap();
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 1);
        assert_eq!(v["code"], "unknown-key");
        assert_eq!(v["severity"], "error");
    }

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let text = format!("+++\ntitle = \"{}\" x = 1\n+++\n", "a".repeat(100_000));
        let at = text.find(" x = 1").unwrap() + 1;
        let src = SourceText::new("a.md", &text);
        let d = Diagnostic::error("invalid-toml", "bad").at(&src, at..at + 1);
        let s = render(&[d], Format::Human, false);
        let quoted = s.lines().nth(2).unwrap();
        assert!(quoted.chars().count() < 140, "{quoted}");
        assert!(
            quoted.contains("…aaa") && quoted.contains("\" x = 1"),
            "{quoted}"
        );
        let under = s.lines().nth(3).unwrap();
        let caret = under.chars().position(|c| c == '^').unwrap();
        assert_eq!(quoted.chars().nth(caret), Some('x'), "{quoted}\n{under}");
    }

    #[test]
    fn control_characters_are_not_sent_to_the_terminal() {
        let text = "title = \"\u{1b}[2J\u{7}\" x\n";
        let src = SourceText::new("a.md", text);
        let at = text.find(" x").unwrap() + 1;
        let d = Diagnostic::error("e", "bad \u{1b}[31m").at(&src, at..at + 1);
        let s = render(&[d], Format::Human, false);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s:?}");
        let quoted = s.lines().nth(2).unwrap();
        let under = s.lines().nth(3).unwrap();
        let caret = under.chars().position(|c| c == '^').unwrap();
        assert_eq!(quoted.chars().nth(caret), Some('x'), "{quoted}\n{under}");
    }
}
