//! What every text value read from TOML is checked for (a `???` left from a skeleton, invisible
//! control characters), and the words messages use to show a value and its right shape.

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use std::ops::Range;
use toml::de::DeValue;

/// Reports a value still holding the `???` of a skeleton made by `prospectus new`.
pub fn unfilled(
    src: &SourceText<'_>,
    d: &mut Diagnostics,
    key: &str,
    value: &str,
    span: Range<usize>,
) {
    if value.contains(crate::scaffold::UNFILLED) {
        d.push(
            Diagnostic::error("unfilled", format!("`{key}` has not been filled in yet"))
                .at(src, span)
                .with_hint(
                    "replace ??? with the real text (see the comment at the end of the line)",
                ),
        );
    }
}

/// A control character other than a tab or a line break (those are text).
pub fn is_invisible_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Reports an invisible control character in a text (a NUL or a bell written as `\u0000`,
/// or pasted from another program): it would reach the pages, links and calendars as is.
pub fn control_characters(
    src: &SourceText<'_>,
    d: &mut Diagnostics,
    key: &str,
    value: &str,
    span: Range<usize>,
) {
    if let Some(c) = value.chars().find(|&c| is_invisible_control(c)) {
        d.push(
            Diagnostic::error(
                "control-character",
                format!(
                    "`{key}` contains an invisible control character (U+{:04X})",
                    u32::from(c)
                ),
            )
            .at(src, span)
            .with_hint("remove it: look for an escape such as \\u0000 between the quotes, or retype text pasted from another program"),
        );
    }
}

/// A line showing the right shape of a value, for the hint of a wrong type.
pub fn example_for(key: &str, want: &str) -> String {
    let example = if want.starts_with("text") {
        format!("{key} = \"…\"")
    } else if want.starts_with("a list of tables") {
        format!("[[{key}]] on a line of its own before the keys of each one")
    } else if want == "a table" {
        format!("[{key}] on a line of its own, followed by its keys")
    } else if want.starts_with("a list") {
        format!("{key} = [\"…\", \"…\"]")
    } else if want.starts_with("a date") {
        format!("{key} = 2025-09-08")
    } else if want.starts_with("true") {
        format!("{key} = true")
    } else if want.contains("number") {
        format!("{key} = 1860")
    } else {
        return "see docs/authors.md for the fields and their values".to_string();
    };
    format!("write it like: {example}")
}

/// "a number", "text", … for messages.
pub fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("text \"{}\"", truncate(s, 40)),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(dt) => format!("the date {dt}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}
