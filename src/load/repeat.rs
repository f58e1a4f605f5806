//! A session's weekly rhythm as one file writes it: `repeat = { days = […], until = … }` (or
//! `count = …`) and `except = [dates]`, each value with its position. The rules that need the
//! session's start (a meeting day, exceptions within the range) are `validate::repeat`'s.

use super::fields::{Fields, Sp};
use super::values;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::repeat::{parse_day, DAY_NAMES};
use crate::model::When;
use chrono::{NaiveDate, Weekday};
use toml::de::DeValue;
use toml::Spanned;

/// The most meetings `count` may give (twenty years of weekly meetings).
pub const MAX_COUNT: i64 = 1000;

/// `repeat = { … }` as written.
#[derive(Debug, Clone)]
pub struct RepeatFile {
    pub span: std::ops::Range<usize>,
    /// The meeting days, Monday first, each once; `None` when none was readable.
    pub days: Option<Sp<Vec<Weekday>>>,
    pub until: Option<Sp<When>>,
    pub count: Option<Sp<u32>>,
}

/// Reads `repeat` of a session, reporting each problem of its own form.
pub fn repeat(mut t: Fields<'_, '_>, d: &mut Diagnostics) -> RepeatFile {
    let span = t.span();
    let days = days(&mut t, d);
    let until = t.when(d, "until");
    let count = t.integer(d, "count").and_then(|n| {
        match u32::try_from(*n.get_ref()) {
            Ok(v) if (1..=MAX_COUNT).contains(&i64::from(v)) => Some(Spanned::new(n.span(), v)),
            _ => {
                d.push(
                    Diagnostic::error(
                        "bad-value",
                        format!("`count` in `repeat` is {}: a session meets from 1 to {MAX_COUNT} times", n.get_ref()),
                    )
                    .at(&t.src, n.span())
                    .with_hint("write how many meetings there are, e.g. count = 12, or the last day: until = 2026-04-30"),
                );
                None
            }
        }
    });
    let written = |k| t.has(k);
    if written("until") && written("count") {
        d.push(
            Diagnostic::error(
                "repeat-until-and-count",
                "`repeat` gives both the last day (`until`) and the number of meetings (`count`)",
            )
            .at(&t.src, t.value_span("count").unwrap_or(span.clone()))
            .with_hint("keep one of the two: until = 2026-04-30 (the last day meetings can fall on) or count = 12"),
        );
    } else if !written("until") && !written("count") {
        d.push(
            Diagnostic::error(
                "repeat-without-end",
                "`repeat` does not say until when the session meets",
            )
            .at(&t.src, span.clone())
            .with_hint("add the last day, e.g. repeat = { days = [\"tue\", \"thu\"], until = 2026-04-30 }, or the number of meetings: count = 12"),
        );
    }
    t.finish(d);
    RepeatFile {
        span,
        days,
        until,
        count,
    }
}

/// `days`: a non-empty list of `mon` … `sun`.
fn days(t: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Vec<Weekday>>> {
    let span = t.value_span("days");
    let Some(list) = t.string_list(d, "days") else {
        if span.is_none() {
            t.missing(
                d,
                "days",
                "say on which days the session meets, e.g. days = [\"tue\", \"thu\"]",
            );
        }
        return None;
    };
    let span = span.unwrap_or(t.span());
    let mut out = Vec::new();
    let mut bad = false;
    for name in &list {
        match parse_day(&name.get_ref().trim().to_ascii_lowercase()) {
            Some(day) if !out.contains(&day) => out.push(day),
            Some(_) => {}
            None => {
                bad = true;
                d.push(
                    Diagnostic::error(
                        "repeat-bad-day",
                        format!(
                            "\"{}\" is not a day of the week as `repeat` writes them",
                            name.get_ref()
                        ),
                    )
                    .at(&t.src, name.span())
                    .with_hint(day_hint(name.get_ref())),
                );
            }
        }
    }
    if list.is_empty() {
        d.push(
            Diagnostic::error("repeat-bad-day", "`days` in `repeat` lists no day")
                .at(&t.src, span.clone())
                .with_hint("write the days the session meets, e.g. days = [\"tue\", \"thu\"]"),
        );
        return None;
    }
    if bad {
        return None;
    }
    out.sort_by_key(Weekday::num_days_from_monday);
    Some(Spanned::new(span, out))
}

/// How to write the days, with the nearest name when there is one ("tues" → "tue").
fn day_hint(written: &str) -> String {
    let near = crate::diag::suggest(&written.to_ascii_lowercase(), &DAY_NAMES, "days");
    let near = if near.starts_with("did you mean") {
        format!(" ({near})")
    } else {
        String::new()
    };
    format!(
        "write the days with their first three letters in English: {}{near}",
        DAY_NAMES.join(", ")
    )
}

/// `except`: a list of dates (days without a time).
pub fn except(s: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Vec<Sp<NaiveDate>>>> {
    let v = s.raw("except")?;
    let DeValue::Array(items) = v.get_ref() else {
        wrong(
            s,
            d,
            v.span(),
            "`except` must be a list of dates, like except = [2026-04-07]",
        );
        return None;
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let when = match item.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() => When::from_toml(dt),
            _ => None,
        };
        match when {
            Some(When::Date(day)) if values::YEARS.contains(&chrono::Datelike::year(&day)) => {
                out.push(Spanned::new(item.span(), day));
            }
            _ => wrong(
                s,
                d,
                item.span(),
                "each day in `except` must be a date without quotes and without a time, like 2026-04-07",
            ),
        }
    }
    Some(Spanned::new(v.span(), out))
}

fn wrong(s: &Fields<'_, '_>, d: &mut Diagnostics, span: std::ops::Range<usize>, message: &str) {
    d.push(
        Diagnostic::error("wrong-type", message.to_string())
            .at(&s.src, span)
            .with_hint(
                "write the days the session does not meet, e.g. except = [2026-04-07, 2026-04-09]",
            ),
    );
}
