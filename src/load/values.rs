//! Values as people write them outside TOML (dates as `01/03/2027` or "1 March 2027", amounts
//! as `1,860`), recognised so that an error can show the line rewritten the TOML way; and the
//! limits every output can write (years, amounts, days).

use chrono::{Datelike, NaiveDate};

/// Dates must fall in these years. Every output writes a year with exactly four digits
/// (iCalendar's `date-fullyear`, RFC 3339 in the feeds and `data-deadline`, the dates of
/// JSON-LD and `<time datetime>`, which JavaScript's `Date.parse` reads), and some write a
/// day later than the author's (an all-day session ends at the next midnight, a deadline's end
/// of day moves into UTC): year 9999 gave a nine-digit `DTEND`. The time-zone rules the dates
/// are read with are Local Mean Time before about 1900. Within 1900–2999 every output is right
/// with centuries to spare, and slips such as 0205 or 9025 for 2025 are caught.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// The largest amount of a fee, in whole units: twelve digits. Up to this, every amount and
/// the sum of a fee's lines stay exact for every program reading the site's data (JavaScript
/// reads numbers exactly up to 2^53, and the pages write amounts as text). A larger number is
/// a slip (a reference number pasted, a decimal point lost).
pub const MAX_AMOUNT: i64 = 999_999_999_999;

pub use crate::model::course::{AMOUNT_DECIMALS, AMOUNT_SCALE};

/// The largest `min_days` of a refund tier: ten years before the start.
pub const MAX_DAYS: i64 = 3650;
/// The most places a course may state: more is a slip (a code pasted, a year).
pub const MAX_CAPACITY: i64 = 100_000;

/// The longest session, from its first to its last day: ten years (and a leap day or three).
/// Longer is a slip in a year, which would put the session in every month of the calendars.
pub const MAX_SESSION_DAYS: i64 = 3653;

/// Month names of the languages staff most often write dates in (en, fr, es, pt, it, de), lower
/// case; a name is also recognised by its first three letters or more ("Sept.", "déc").
const MONTHS: [&str; 12] = [
    "january janvier enero janeiro gennaio januar",
    "february février fevrier febrero fevereiro febbraio februar",
    "march mars marzo março marco märz marz",
    "april avril abril aprile",
    "may mai mayo maio maggio",
    "june juin junio junho giugno juni",
    "july juillet julio julho luglio juli",
    "august août aout agosto",
    "september septembre septiembre setiembre setembro settembre",
    "october octobre octubre outubro ottobre oktober",
    "november novembre noviembre novembro",
    "december décembre decembre diciembre dezembro dicembre dezember",
];

/// Words that may sit between the parts of a date written in words ("1 de marzo de 2027").
const FILLERS: [&str; 6] = ["de", "del", "of", "the", "le", "er"];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let found: Vec<u32> = (1..=12)
        .filter(|&m| {
            MONTHS[m as usize - 1]
                .split(' ')
                .any(|name| name == w || name.starts_with(&w))
        })
        .collect();
    // "ma" would be both March and May: only a name that says one month counts.
    (found.len() == 1).then(|| found[0])
}

/// A day number, also as an ordinal ("1st", "2nd", "1er").
fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let rest = &word[digits.len()..];
    let ordinal = matches!(
        rest.to_lowercase().as_str(),
        "" | "." | "st" | "nd" | "rd" | "th" | "er" | "o" | "º"
    );
    (ordinal && (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The dates a text written as a date can mean, most likely first: `2027-03-01` for
/// "1 March 2027" or "2027/03/01"; two readings for `01/03/2027` (day first, as in most of the
/// world, then month first, as in the United States) unless one of them is impossible. Empty
/// when the text is not a date.
pub fn date_readings(text: &str) -> Vec<NaiveDate> {
    let text = text.trim().trim_matches(['"', '\'']).trim();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | ',' | '.'))
        .filter(|w| !w.is_empty() && !FILLERS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.len() != 3 {
        return Vec::new();
    }
    let date = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let mut out = Vec::new();
    if let Some(y) = year_of(words[0]) {
        // Year first: 2027/03/01, 2027.03.01, "2027-03-01" in quotes.
        if let (Some(m), Some(d)) = (words[1].parse().ok(), day_of(words[2])) {
            out.extend(date(y, m, d));
        }
    } else if let Some(y) = year_of(words[2]) {
        match (month_of(words[0]), month_of(words[1])) {
            (None, Some(m)) => out.extend(day_of(words[0]).and_then(|d| date(y, m, d))),
            (Some(m), None) => out.extend(day_of(words[1]).and_then(|d| date(y, m, d))),
            _ => {
                if let (Some(a), Some(b)) = (day_of(words[0]), day_of(words[1])) {
                    out.extend(date(y, b, a));
                    out.extend(date(y, a, b));
                }
            }
        }
    }
    out.dedup();
    out
}

/// A text written as a date of numbers (`31/02/2026`, `2026.02.31`) that no calendar has: its
/// year and month, and the month's last day, to say so. `None` for anything else (a date that
/// exists, a date in words, not a date).
pub fn impossible_date(text: &str) -> Option<(i32, u32, u32)> {
    let text = text.trim().trim_matches(['"', '\'']).trim();
    let words: Vec<&str> = text.split(['/', '-', '.']).collect();
    if words.len() != 3 || !date_readings(text).is_empty() {
        return None;
    }
    let num = |w: &str| -> Option<u32> {
        ((1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())?
    };
    let (y, a, b) = match (year_of(words[0]), year_of(words[2])) {
        (Some(y), _) => (y, num(words[1])?, num(words[2])?),
        (_, Some(y)) => (y, num(words[1])?, num(words[0])?),
        _ => return None,
    };
    // The month is the part that can be one (`31/02`: February), the other the day.
    let m = [a, b].into_iter().find(|m| (1..=12).contains(m))?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    }?;
    Some((y, m, next.pred_opt()?.day()))
}

/// "1 March 2027", to say which reading of an ambiguous date a rewritten line stands for.
fn in_words(d: NaiveDate) -> String {
    format!("{} {}", d.day(), d.format("%B %Y"))
}

/// The hint for a date written another way: the line written as TOML writes dates, both ways
/// when the day and the month could be either.
pub fn date_hint(key: &str, readings: &[NaiveDate]) -> String {
    match readings {
        [one] => format!("dates are written year-month-day, without quotes; write the line as: {key} = {one}"),
        [a, b, ..] => format!(
            "dates are written year-month-day, without quotes; write the line as: {key} = {a} (if you mean {}), or {key} = {b} (if you mean {})",
            in_words(*a),
            in_words(*b)
        ),
        [] => "dates are written year-month-day, without quotes, e.g. 2025-09-08".to_string(),
    }
}

/// A number written with thousands separators (`1,860`, `1 860`, `1'860`, `1.860,50`), as TOML
/// writes it (`1860`, `1860.50`); `None` when the text is not such a number.
pub fn without_separators(text: &str) -> Option<String> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", t),
    };
    // The decimal mark is the last `.` or `,` followed by one or two digits only.
    let (int, frac) = match t.rfind(['.', ',']) {
        Some(i) if (2..=3).contains(&(t.len() - i)) => (&t[..i], &t[i + 1..]),
        _ => (t, ""),
    };
    let groups: Vec<&str> = int
        .split([',', '.', ' ', '\'', '\u{a0}', '\u{202f}'])
        .collect();
    let grouped = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && frac.bytes().all(|b| b.is_ascii_digit());
    grouped.then(|| {
        let whole = groups.concat();
        if frac.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{frac}")
        }
    })
}

/// Why an amount as written (a TOML integer or decimal) cannot be a fee.
#[derive(Debug, PartialEq, Eq)]
pub enum AmountProblem {
    /// `1e3`, `inf`, `nan`.
    NotWrittenInFull,
    /// More than [`AMOUNT_DECIMALS`] decimals (how many).
    Decimals(usize),
    /// More than [`MAX_AMOUNT`].
    TooLarge,
}

/// An amount as TOML wrote it (`1860`, `1_860`, `-3.5`, `1250.50`, with its radix for integers)
/// in ten-thousandths ([`AMOUNT_SCALE`]): `1250.5` → 12_505_000.
pub fn amount_units(raw: &str, radix: Option<u32>) -> Result<i64, AmountProblem> {
    let raw = raw.replace('_', "");
    if let Some(radix) = radix {
        let n = i64::from_str_radix(&raw, radix).map_err(|_| AmountProblem::TooLarge)?;
        return match n.checked_abs() {
            Some(a) if a <= MAX_AMOUNT => Ok(n * AMOUNT_SCALE),
            _ => Err(AmountProblem::TooLarge),
        };
    }
    let (neg, s) = match raw.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, raw.strip_prefix('+').unwrap_or(&raw)),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) {
        return Err(AmountProblem::NotWrittenInFull);
    }
    if frac.len() > AMOUNT_DECIMALS {
        return Err(AmountProblem::Decimals(frac.len()));
    }
    let whole: i64 = int.parse().map_err(|_| AmountProblem::TooLarge)?;
    if whole > MAX_AMOUNT {
        return Err(AmountProblem::TooLarge);
    }
    let part: i64 = format!("{frac:0<AMOUNT_DECIMALS$}").parse().unwrap_or(0);
    let n = whole * AMOUNT_SCALE + part;
    Ok(if neg { -n } else { n })
}

/// An amount ([`AMOUNT_SCALE`]) as an author writes it, exactly, with at least two decimals
/// when it has any: `1860`, `1250.50`, `120.125`, `-3.25` (in messages, and the price of the
/// JSON-LD).
pub fn amount_text(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let n = units.unsigned_abs();
    let scale = AMOUNT_SCALE.unsigned_abs();
    if n.is_multiple_of(scale) {
        return format!("{sign}{}", n / scale);
    }
    let frac = format!("{:0width$}", n % scale, width = AMOUNT_DECIMALS);
    let frac = frac.trim_end_matches('0');
    format!("{sign}{}.{frac:0<2}", n / scale)
}

/// How many decimals an amount is written with (`1.860` → 3, `1860` → 0): what the fee rules
/// compare with the currency's minor unit (a thousands dot, `1.860` for 1860 euros, has three).
pub fn written_decimals(raw: &str) -> usize {
    raw.replace('_', "")
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len())
}

/// The value part of a `key = value` line, without a trailing comment, and its byte range in
/// the line; `None` for a line without `=`.
pub fn value_of(line: &str) -> Option<(&str, &str, std::ops::Range<usize>)> {
    let (key, _) = line.split_once('=')?;
    let start = key.len() + 1;
    let rest = &line[start..];
    let end = start
        + if rest.trim_start().starts_with(['"', '\'']) {
            rest.len()
        } else {
            rest.find('#').unwrap_or(rest.len())
        };
    let raw = &line[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    (!value.is_empty()).then(|| (key.trim(), value, start + lead..start + lead + value.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_written_other_ways() {
        assert_eq!(
            date_readings("01/03/2027"),
            vec![ymd(2027, 3, 1), ymd(2027, 1, 3)]
        );
        assert_eq!(date_readings("01.03.2027").len(), 2);
        assert_eq!(date_readings("13/03/2027"), vec![ymd(2027, 3, 13)]);
        assert_eq!(date_readings("03/13/2027"), vec![ymd(2027, 3, 13)]);
        assert_eq!(date_readings("05/05/2027"), vec![ymd(2027, 5, 5)]);
        assert_eq!(date_readings("1 March 2027"), vec![ymd(2027, 3, 1)]);
        assert_eq!(date_readings("March 1st, 2027"), vec![ymd(2027, 3, 1)]);
        assert_eq!(date_readings("1er mars 2027"), vec![ymd(2027, 3, 1)]);
        assert_eq!(date_readings("1 de marzo de 2027"), vec![ymd(2027, 3, 1)]);
        assert_eq!(date_readings("15 déc. 2027"), vec![ymd(2027, 12, 15)]);
        assert_eq!(date_readings("\"2027-03-01\""), vec![ymd(2027, 3, 1)]);
        assert_eq!(date_readings("2027/03/01"), vec![ymd(2027, 3, 1)]);
        for not_a_date in [
            "",
            "soon",
            "32/13/2027",
            "1 Ma 2027",
            "1860",
            "31/02/2027",
            "1,860",
        ] {
            assert!(date_readings(not_a_date).is_empty(), "{not_a_date}");
        }
    }

    #[test]
    fn date_hints_rewrite_the_line() {
        assert_eq!(
            date_hint("start", &date_readings("01/03/2027")),
            "dates are written year-month-day, without quotes; write the line as: start = 2027-03-01 (if you mean 1 March 2027), or start = 2027-01-03 (if you mean 3 January 2027)"
        );
        assert!(date_hint("deadline", &[ymd(2027, 3, 1)]).ends_with("deadline = 2027-03-01"));
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(impossible_date("31/02/2026"), Some((2026, 2, 28)));
        assert_eq!(impossible_date("2024.02.30"), Some((2024, 2, 29)));
        assert_eq!(impossible_date("31-04-2026"), Some((2026, 4, 30)));
        assert_eq!(impossible_date("28/02/2026"), None);
        assert_eq!(impossible_date("31/13/2026"), None);
        assert_eq!(impossible_date("1,860"), None);
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(without_separators("1,860").as_deref(), Some("1860"));
        assert_eq!(without_separators("1 860").as_deref(), Some("1860"));
        assert_eq!(without_separators("1'860").as_deref(), Some("1860"));
        assert_eq!(without_separators("1.860").as_deref(), Some("1860"));
        assert_eq!(without_separators("1.860,50").as_deref(), Some("1860.50"));
        assert_eq!(without_separators("1,860.5").as_deref(), Some("1860.5"));
        assert_eq!(
            without_separators("12,345,678").as_deref(),
            Some("12345678")
        );
        for not_grouped in ["1860", "18,60", "1,86", "a,bcd", "1,8600", "", "1.86"] {
            assert_eq!(without_separators(not_grouped), None, "{not_grouped}");
        }
    }

    #[test]
    fn amounts_in_ten_thousandths() {
        assert_eq!(amount_units("1250.5", None), Ok(12_505_000));
        assert_eq!(amount_units("120.125", None), Ok(1_201_250));
        assert_eq!(amount_units("0.0001", None), Ok(1));
        assert_eq!(written_decimals("1.860"), 3);
        assert_eq!(written_decimals("1_860"), 0);
        assert_eq!(amount_units("1860.00", None), Ok(18_600_000));
        assert_eq!(amount_units("-3.25", None), Ok(-32_500));
        assert_eq!(amount_units("1_860", Some(10)), Ok(18_600_000));
        assert_eq!(
            amount_units("1.23456", None),
            Err(AmountProblem::Decimals(5))
        );
        assert_eq!(
            amount_units("1e3", None),
            Err(AmountProblem::NotWrittenInFull)
        );
        assert_eq!(
            amount_units("inf", None),
            Err(AmountProblem::NotWrittenInFull)
        );
        assert_eq!(
            amount_units("999999999999", Some(10)),
            Ok(9_999_999_999_990_000)
        );
        for too_large in ["1000000000000", "123456789012345678", "9007199254740993"] {
            assert_eq!(
                amount_units(too_large, Some(10)),
                Err(AmountProblem::TooLarge)
            );
        }
        assert_eq!(
            amount_units("99999999999999999999", Some(10)),
            Err(AmountProblem::TooLarge)
        );
        assert_eq!(
            amount_units("9007199254740993.5", None),
            Err(AmountProblem::TooLarge)
        );
        assert_eq!(
            amount_units("-9223372036854775808", Some(10)),
            Err(AmountProblem::TooLarge)
        );
    }

    #[test]
    fn amounts_as_written() {
        assert_eq!(amount_text(18_600_000), "1860");
        assert_eq!(amount_text(12_505_000), "1250.50");
        assert_eq!(amount_text(1_201_250), "120.125");
        assert_eq!(amount_text(500), "0.05");
        assert_eq!(amount_text(1), "0.0001");
        assert_eq!(amount_text(-32_500), "-3.25");
        assert_eq!(amount_text(-5_000), "-0.50");
        assert_eq!(amount_text(i64::MIN), "-922337203685477.5808");
        for n in [0, 1, 99, 100, 10_000, 12_345, 9_999_999_999_999_999] {
            let t = amount_text(n);
            let radix = (!t.contains('.')).then_some(10);
            assert_eq!(amount_units(&t, radix), Ok(n), "{t}");
        }
    }

    #[test]
    fn value_of_a_line() {
        assert_eq!(
            value_of("start = 01/03/2027  # first day"),
            Some(("start", "01/03/2027", 8..18))
        );
        assert_eq!(value_of("  amount=1,860"), Some(("amount", "1,860", 9..14)));
        assert_eq!(
            value_of("title = \"A # b\""),
            Some(("title", "\"A # b\"", 8..15))
        );
        assert_eq!(value_of("[sessions]"), None);
    }
}
