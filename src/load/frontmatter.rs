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
    // A `+++` line inside a multi-line string (`"""` or `'''`) is text, not the end.
    // After a one-line string left open (a TOML error of its own) quotes mean nothing more.
    let mut open: Option<(usize, &str)> = None;
    let mut follow = true;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        if open.is_none() && line.trim_end() == "+++" {
            return Ok(Split {
                toml: first_end..pos,
                body: end..text.len(),
            });
        }
        if follow {
            match strings_open_after(line, pos, open) {
                Ok(o) => open = o,
                Err(()) => (open, follow) = (None, false),
            }
        }
        pos = end;
    }
    if let Some((at, quotes)) = open {
        return Err(Diagnostic::error(
            "front-matter",
            format!("the text opened with {quotes} here is never closed, so the front matter never ends"),
        )
        .at(src, at..at + 3)
        .with_hint(format!("end the text with {quotes} on the line after its last line")));
    }
    Err(Diagnostic::error(
        "front-matter",
        "the front matter opened here is never closed",
    )
    .at(src, 0..3)
    .with_hint("add a line with only +++ after the last field, before the text of the page"))
}

/// Follows TOML's strings along one line of front matter (starting at byte `pos` of the file):
/// the multi-line string still open at its end, as (where it opened, its quotes), given the one
/// open at its start. Comments and one-line strings are skipped so that quotes inside them do
/// not count; `Err` for a one-line string that the line leaves open.
fn strings_open_after<'q>(
    line: &str,
    pos: usize,
    mut open: Option<(usize, &'q str)>,
) -> Result<Option<(usize, &'q str)>, ()> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some((_, quotes)) = open {
            if quotes == "\"\"\"" && b[i] == b'\\' {
                i += 2;
            } else if b[i..].starts_with(quotes.as_bytes()) {
                // A closing run may hold up to two more quotes that belong to the text.
                let mut j = i + 3;
                while j < b.len() && j < i + 5 && b[j] == quotes.as_bytes()[0] {
                    j += 1;
                }
                open = None;
                i = j;
            } else {
                i += 1;
            }
            continue;
        }
        match b[i] {
            b'#' => break,
            b'"' | b'\'' => {
                let q = b[i];
                if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                    open = Some((pos + i, if q == b'"' { "\"\"\"" } else { "'''" }));
                    i += 3;
                    continue;
                }
                // A one-line string: to its closing quote (escapes in basic strings).
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                }
                if b.get(i) != Some(&q) {
                    return Err(());
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(open)
}

/// A TOML syntax error as a diagnostic, with plain-words hints for the usual slips.
pub fn toml_error(src: &SourceText<'_>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..1);
    let raw = e.message().trim().to_string();
    if !raw.contains("duplicate") {
        if let Some(d) = written_another_way(src, span.clone()) {
            return d;
        }
    }
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

/// A date or a number on the line of a syntax error written as people write them elsewhere
/// (`01/03/2027`, `1,860`): said in plain words, with the line rewritten the TOML way.
fn written_another_way(src: &SourceText<'_>, span: std::ops::Range<usize>) -> Option<Diagnostic> {
    let line = src.locate(span.clone()).line_text;
    let (key, value, range) = super::values::value_of(&line)?;
    let abs = (src.base + span.start).min(src.text.len());
    let line_start = src.text[..abs].rfind('\n').map_or(0, |i| i + 1);
    let at = line_start.saturating_sub(src.base);
    let at = at + range.start..at + range.end;
    let readings = super::values::date_readings(value);
    // Already a TOML date (the error is about something else): nothing to rewrite.
    let iso = value.parse::<chrono::NaiveDate>().is_ok();
    if !readings.is_empty() && !iso && !value.starts_with(['"', '\'']) {
        return Some(
            Diagnostic::error(
                "invalid-toml",
                format!("the date `{value}` must be written year-month-day"),
            )
            .at(src, at)
            .with_hint(super::values::date_hint(key, &readings)),
        );
    }
    // Written day first or with slashes (`31/02/2026`); `2026-02-31` has TOML's own message.
    let impossible = super::values::impossible_date(value).filter(|_| !looks_like_bad_date(&line));
    if let Some((y, m, last)) = impossible {
        let month = chrono::NaiveDate::from_ymd_opt(y, m, 1)
            .map_or(String::new(), |d| d.format("%B %Y").to_string());
        return Some(
            Diagnostic::error(
                "invalid-toml",
                format!("the date `{value}` does not exist ({month} has {last} days)"),
            )
            .at(src, at)
            .with_hint(format!(
                "check the day and the month, and write the date year-month-day without quotes, e.g. {key} = {y}-{m:02}-{last:02}"
            )),
        );
    }
    let number = super::values::without_separators(value)?;
    Some(
        Diagnostic::error(
            "invalid-toml",
            format!("the number `{value}` must be written without separators"),
        )
        .at(src, at)
        .with_hint(format!("write the line as: {key} = {number}")),
    )
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
