//! Dates and times in the fixed-width ISO 8601 forms that pages, data files, links and calendars
//! carry (`2025-10-06`, `2025-10`, `20251006T070000Z`, …), one function per form.
//!
//! Written digit by digit: chrono's `format("%Y-%m-%d")` reads its pattern again on every call
//! (about a thousand instructions a date), and a build writes a few hundred thousand of them.
//! A year outside 0–9999 (which the loader refuses: `load::values::YEARS`) is written by chrono,
//! as before, so every value stays what `format` wrote.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// `YYYY-MM-DD`.
pub fn date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d, "-", "%Y-%m-%d");
    s
}

/// `YYYY-MM`.
pub fn month(d: NaiveDate) -> String {
    let mut s = String::with_capacity(7);
    if !push_year(&mut s, d, "%Y-%m") {
        return s;
    }
    s.push('-');
    push_digits(&mut s, d.month(), 2);
    s
}

/// `YYYYMMDD` (iCalendar's DATE, Google Calendar's all-day dates).
pub fn date_basic(d: NaiveDate) -> String {
    let mut s = String::with_capacity(8);
    push_date(&mut s, d, "", "%Y%m%d");
    s
}

/// `YYYYMMDDTHHMMSS` (iCalendar's local DATE-TIME).
pub fn local_basic(t: NaiveDateTime) -> String {
    let mut s = String::with_capacity(15);
    if push_date(&mut s, t.date(), "", "%Y%m%dT%H%M%S") {
        s.push('T');
        push_time(&mut s, t.time(), "");
    }
    s
}

/// `YYYYMMDDTHHMMSSZ` (iCalendar's UTC DATE-TIME).
pub fn utc_basic(t: &DateTime<Utc>) -> String {
    let mut s = String::with_capacity(16);
    if push_date(&mut s, t.date_naive(), "", "%Y%m%dT%H%M%SZ") {
        s.push('T');
        push_time(&mut s, t.time(), "");
        s.push('Z');
    }
    s
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_extended(t: &DateTime<Utc>) -> String {
    let mut s = String::with_capacity(20);
    if push_date(&mut s, t.date_naive(), "-", "%Y-%m-%dT%H:%M:%SZ") {
        s.push('T');
        push_time(&mut s, t.time(), ":");
        s.push('Z');
    }
    s
}

/// `HH:MM:SS`.
pub fn time(t: NaiveTime) -> String {
    let mut s = String::with_capacity(8);
    push_time(&mut s, t, ":");
    s
}

/// The date with `sep` between its parts; `false` when the year is out of range and the whole
/// value (`pattern`) was written by chrono instead.
fn push_date(s: &mut String, d: NaiveDate, sep: &str, pattern: &str) -> bool {
    if !push_year(s, d, pattern) {
        return false;
    }
    s.push_str(sep);
    push_digits(s, d.month(), 2);
    s.push_str(sep);
    push_digits(s, d.day(), 2);
    true
}

fn push_year(s: &mut String, d: NaiveDate, pattern: &str) -> bool {
    match u32::try_from(d.year()) {
        Ok(y) if y <= 9999 => {
            push_digits(s, y, 4);
            true
        }
        _ => {
            let t = d.and_time(NaiveTime::MIN);
            s.push_str(&t.format(pattern).to_string());
            false
        }
    }
}

fn push_time(s: &mut String, t: NaiveTime, sep: &str) {
    push_digits(s, t.hour(), 2);
    s.push_str(sep);
    push_digits(s, t.minute(), 2);
    s.push_str(sep);
    // A leap second (chrono's second 59 with a nanosecond count past one second) is second 60,
    // as `%S` writes it. None reaches a page: the loader refuses them (`When::from_toml`).
    let leap = u32::from(t.nanosecond() >= 1_000_000_000);
    push_digits(s, t.second() + leap, 2);
}

/// `n` in decimal with exactly `width` digits (`n` < 10^width).
fn push_digits(s: &mut String, n: u32, width: u32) {
    let mut div = 10u32.pow(width.saturating_sub(1));
    while div > 0 {
        s.push(char::from(b'0' + u8::try_from(n / div % 10).unwrap_or(0)));
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form against chrono's `format`, which wrote them before, over dates and times
    /// that cover each digit position, the ends of the loader's years and beyond them.
    #[test]
    fn every_form_is_what_chrono_wrote() {
        let days = [
            (1900, 1, 1),
            (1999, 12, 31),
            (2025, 10, 6),
            (2026, 2, 28),
            (2999, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (0, 1, 1),
        ];
        let times = [(0, 0, 0), (7, 5, 9), (23, 59, 59), (12, 30, 0)];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(month(day), day.format("%Y-%m").to_string());
            assert_eq!(date_basic(day), day.format("%Y%m%d").to_string());
            for (h, mi, se) in times {
                let local = day.and_hms_opt(h, mi, se).unwrap();
                let utc = local.and_utc();
                if (0..=9999).contains(&y) {
                    assert_eq!(
                        local_basic(local),
                        local.format("%Y%m%dT%H%M%S").to_string()
                    );
                    assert_eq!(utc_basic(&utc), utc.format("%Y%m%dT%H%M%SZ").to_string());
                    assert_eq!(
                        utc_extended(&utc),
                        utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
                    );
                }
                assert_eq!(time(local.time()), local.format("%H:%M:%S").to_string());
            }
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_milli_opt(23, 59, 59, 1_500)
            .unwrap();
        assert_eq!(utc_basic(&leap.and_utc()), "20161231T235960Z");
        assert_eq!(time(leap.time()), leap.format("%H:%M:%S").to_string());
    }
}
