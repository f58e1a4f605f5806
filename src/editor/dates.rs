//! Dates and times as the build writes them, for the editor's previews (`assets/dates.js`).
//!
//! The previews run in the browser, where only `Intl` formats dates, and `Intl` does not write
//! them as the build does (bare "en" gives "September 22, 2025" where pages say "22 September
//! 2025"). So the build gives the previews its own writing, made by the functions the pages use
//! (`i18n::cldr::long_date`, `day_month`, `time`, and `render::kit::words::range_text` for a
//! range within one month), with the day, year and minutes left as placeholders: `{d}`, `{y}`,
//! `{d1}`–`{d2}`, `{mm}`, written in the language's digits (`digits`). Each pattern is checked
//! against the formatter on another date; a language whose dates cannot be written this way
//! gets `null`, and the previews fall back to the browser's `Intl`.

use crate::i18n::cldr;
use crate::render::kit::words::range_text;
use crate::render::Lctx;
use chrono::{NaiveDate, NaiveTime};
use serde_json::{json, Value};

/// The date the patterns are made from: a year and days that no month number, and no other
/// number of the date, contains.
const YEAR: i32 = 1999;
const DAY: u32 = 28;
const FIRST: u32 = 27;
/// The date each pattern is checked against.
const CHECK_YEAR: i32 = 2031;
const CHECK_DAY: u32 = 3;
const CHECK_FIRST: u32 = 1;

/// `n` in the digits the language writes dates with (`cldr::number` of each digit).
fn digits_of(digits: &[String; 10], n: u32) -> String {
    n.to_string()
        .bytes()
        .map(|b| digits[usize::from(b - b'0')].as_str())
        .collect()
}

/// `text` with each `(value, placeholder)` replaced, in order, at its first place; `None` when
/// a value is not there.
fn holes(text: &str, parts: &[(&str, &str)]) -> Option<String> {
    let mut out = text.to_string();
    for (value, hole) in parts {
        let at = out.find(value)?;
        out.replace_range(at..at + value.len(), hole);
    }
    Some(out)
}

/// A pattern filled in as `dates.js` fills it.
fn fill(pattern: &str, parts: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (hole, value) in parts {
        out = out.replace(hole, value);
    }
    out
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The previews' date patterns of one language, or `Value::Null` when one of them does not give
/// what the build writes.
pub fn patterns(l: &Lctx<'_>) -> Value {
    let lang = l.lang.as_str();
    let digits: [String; 10] = std::array::from_fn(|i| cldr::number(lang, i as i64));
    let n = |v: u32| digits_of(&digits, v);
    let year = |y: i32| digits_of(&digits, y.unsigned_abs());
    let (y, d, d1) = (year(YEAR), n(DAY), n(FIRST));
    let (cy, cd, cd1) = (year(CHECK_YEAR), n(CHECK_DAY), n(CHECK_FIRST));
    let mut long = Vec::new();
    let mut day_month = Vec::new();
    let mut same_month = Vec::new();
    for m in 1..=12 {
        let p = holes(
            &cldr::long_date(lang, date(YEAR, m, DAY)),
            &[(&y, "{y}"), (&d, "{d}")],
        );
        let ok = |p: &String| {
            fill(p, &[("{y}", &cy), ("{d}", &cd)])
                == cldr::long_date(lang, date(CHECK_YEAR, m, CHECK_DAY))
        };
        let Some(p) = p.filter(ok) else {
            return Value::Null;
        };
        long.push(p);
        let p = holes(&cldr::day_month(lang, date(YEAR, m, DAY)), &[(&d, "{d}")]).filter(|p| {
            fill(p, &[("{d}", &cd)]) == cldr::day_month(lang, date(CHECK_YEAR, m, CHECK_DAY))
        });
        let Some(p) = p else {
            return Value::Null;
        };
        day_month.push(p);
        let p = holes(
            &range_text(l, date(YEAR, m, FIRST), date(YEAR, m, DAY)),
            &[(&y, "{y}"), (&d, "{d2}"), (&d1, "{d1}")],
        )
        .filter(|p| {
            fill(p, &[("{y}", &cy), ("{d2}", &cd), ("{d1}", &cd1)])
                == range_text(
                    l,
                    date(CHECK_YEAR, m, CHECK_FIRST),
                    date(CHECK_YEAR, m, CHECK_DAY),
                )
        });
        let Some(p) = p else {
            return Value::Null;
        };
        same_month.push(p);
    }
    let mut hours = Vec::new();
    for h in 0..24 {
        let at = |m: u32| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        let p = holes(&cldr::time(lang, at(59)), &[(&n(59), "{mm}")]).filter(|p| {
            fill(p, &[("{mm}", &format!("{}{}", n(0), n(7)))]) == cldr::time(lang, at(7))
        });
        let Some(p) = p else {
            return Value::Null;
        };
        hours.push(p);
    }
    json!({
        "digits": digits,
        "long": long,
        "dayMonth": day_month,
        "sameMonth": same_month,
        "hours": hours,
    })
}

#[cfg(test)]
mod tests;
