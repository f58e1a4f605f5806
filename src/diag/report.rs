//! Printers for diagnostics: `human` (compiler-style, optional colour), `github` (workflow
//! annotations) and `json` (one object per line).
//!
//! The human format is written here rather than with a snippet crate because SPEC fixes its first
//! line (`path:line:col: error: message`), which the crates we looked at (annotate-snippets,
//! codespan-reporting) replace with their own header; the quoted line and the underline are a
//! dozen lines of code.

use super::{Diagnostic, Severity};
use std::fmt::Write as _;

/// Output format of a report, as chosen with `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Github,
    Json,
}

/// Renders all diagnostics followed by a one-line summary (human format only).
pub fn render(diags: &[Diagnostic], format: Format, colour: bool) -> String {
    let mut out = String::new();
    for d in diags {
        match format {
            Format::Human => human(&mut out, d, colour),
            Format::Github => github(&mut out, d),
            Format::Json => {
                out.push_str(&json(d));
                out.push('\n');
            }
        }
    }
    if format == Format::Human {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
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

fn human(out: &mut String, d: &Diagnostic, colour: bool) {
    let sev = match d.severity {
        Severity::Error => paint(colour, "1;31", "error"),
        Severity::Warning => paint(colour, "1;33", "warning"),
    };
    let place = match (&d.file, d.line) {
        (Some(f), 0) => format!("{f}: "),
        (Some(f), l) => format!("{f}:{l}:{}: ", d.col),
        (None, _) => String::new(),
    };
    let _ = writeln!(
        out,
        "{}{sev}: {} [{}]",
        paint(colour, "1", &place),
        d.message,
        d.code
    );
    if let (Some(text), true) = (&d.line_text, d.line > 0) {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let shown: String = text.replace('\t', " ");
        let lead: String = shown.chars().take(d.col.saturating_sub(1)).collect();
        let under = " ".repeat(lead.chars().count()) + &"^".repeat(d.len.max(1));
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{num} | {shown}");
        let _ = writeln!(out, "{pad} | {}", paint(colour, "1;31", &under));
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  {}: {h}", paint(colour, "1;36", "hint"));
    }
}

/// GitHub Actions workflow command; `%`, CR and LF are escaped as the runner expects.
fn github(out: &mut String, d: &Diagnostic) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
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

    #[test]
    fn json_object() {
        let s = render(&[sample()], Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(s.trim()).unwrap();
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 1);
        assert_eq!(v["code"], "unknown-key");
        assert_eq!(v["severity"], "error");
    }
}
