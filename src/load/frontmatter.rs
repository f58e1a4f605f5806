//! Splitting a content file into its TOML front matter and Markdown body.

use crate::diag::{Diagnostic, SourceText};

/// The two parts of a content file, as byte ranges of its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the `+++` lines.
    pub toml: std::ops::Range<usize>,
    /// The Markdown after the closing `+++` line.
    pub body: std::ops::Range<usize>,
}

/// Finds the front matter. The text has no BOM (the loader strips it); CRLF is accepted.
pub fn split(src: &SourceText<'_>) -> Result<Split, Diagnostic> {
    let text = src.text;
    if text.trim().is_empty() {
        return Err(Diagnostic::error("front-matter", "the file is empty")
            .in_file(src.path)
            .with_hint("a content file starts with front matter between two +++ lines, e.g.\n+++\ntitle = \"…\"\n+++"));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    if first != "+++" {
        let hint = if first == "---" {
            "front matter here is TOML between +++ lines, not YAML between --- lines"
        } else {
            "the first line of the file must be +++, then the TOML fields, then another +++ line"
        };
        return Err(Diagnostic::error(
            "front-matter",
            "the file does not start with front matter (+++)",
        )
        .at(src, 0..first.len().max(1))
        .with_hint(hint));
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            return Ok(Split {
                toml: first_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(Diagnostic::error(
        "front-matter",
        "the front matter opened here is never closed",
    )
    .at(src, 0..3)
    .with_hint("add a line with only +++ after the last field, before the text of the page"))
}

/// A TOML syntax error as a diagnostic, with plain-words hints for the usual slips.
pub fn toml_error(src: &SourceText<'_>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..1);
    let raw = e.message().trim().to_string();
    let line = src.locate(span.clone()).line_text;
    let mut hint = "check the quotes, brackets and `=` signs on this line".to_string();
    let lower = raw.to_lowercase();
    if lower.contains("duplicate") {
        hint = "each key may appear only once in a table".into();
    } else if lower.contains("recurse") || lower.contains("recursion") {
        hint = "lists and tables are nested too deeply here".into();
    } else if lower.contains("date") || lower.contains("time") || looks_like_bad_date(&line) {
        hint = "dates are written year-month-day without quotes, e.g. 2025-09-08, and must exist (no 30 February)".into();
    } else if lower.contains("string")
        || lower.contains("quote")
        || lower.contains("invalid") && line.contains('=') && !line.contains('"')
    {
        hint = "text values need double quotes: title = \"My course\"".into();
    }
    Diagnostic::error("invalid-toml", format!("invalid TOML: {raw}"))
        .at(src, span)
        .with_hint(hint)
}

fn looks_like_bad_date(line: &str) -> bool {
    let v = line.split_once('=').map_or("", |(_, v)| v.trim());
    v.len() >= 10 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit) && v.as_bytes()[4] == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        for text in ["+++\na = 1\n+++\nbody\n", "+++\r\na = 1\r\n+++\r\nbody\r\n"] {
            let src = SourceText::new("x.md", text);
            let s = split(&src).unwrap();
            assert_eq!(text[s.toml.clone()].trim(), "a = 1");
            assert_eq!(text[s.body.clone()].trim(), "body");
        }
    }

    #[test]
    fn reports_missing_parts() {
        let e = split(&SourceText::new("x.md", "")).unwrap_err();
        assert!(e.message.contains("empty"));
        let e = split(&SourceText::new("x.md", "---\na: 1\n---\n")).unwrap_err();
        assert!(e.hint.unwrap().contains("YAML"));
        let e = split(&SourceText::new("x.md", "+++\na = 1\nbody")).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn impossible_date_is_a_toml_error_with_a_date_hint() {
        let text = "start = 2025-02-30\n";
        let err = toml::de::DeTable::parse(text).unwrap_err();
        let d = toml_error(&SourceText::new("x.md", text), &err);
        assert_eq!(d.line, 1);
        assert!(d.hint.unwrap().contains("year-month-day"), "{}", d.message);
    }
}
