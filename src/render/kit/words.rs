//! Facts in words, in a page's language: dates and ranges of dates, times, amounts of money,
//! counts with the language's plural forms, the labels of modalities and kinds of notice.

use crate::i18n::cldr;
use crate::model::{Course, CourseText, Modality, When};
use crate::render::Lctx;
use chrono::NaiveDate;

pub fn modality_label(l: &Lctx<'_>, m: Modality) -> String {
    l.t.get(&format!("modality_{}", m.id().replace('-', "_")))
        .to_string()
}

pub fn when_text(l: &Lctx<'_>, w: &When, tz: chrono_tz::Tz, show_zone: bool) -> String {
    let date = cldr::long_date(&l.lang, w.date_in(tz));
    match w.time_in(tz) {
        None => date,
        Some(t) if show_zone => format!("{date}, {} ({})", cldr::time(&l.lang, t), tz.name()),
        Some(t) => format!("{date}, {}", cldr::time(&l.lang, t)),
    }
}

pub fn range_text(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> String {
    use chrono::Datelike;
    if a == b {
        return cldr::long_date(&l.lang, a);
    }
    if a.year() == b.year() && a.month() == b.month() {
        return short_range(l, a, b);
    }
    let (start, end) = if a.year() == b.year() {
        year_once(l, a, b)
    } else {
        (cldr::long_date(&l.lang, a), cldr::long_date(&l.lang, b))
    };
    l.t.fill("date_range", &[("start", &start), ("end", &end)])
}

/// Two dates of one year with the year written once: at the end where the language writes
/// the year last ("8 September – 31 October 2025"), with the start where it writes it first
/// ("2025年9月8日至10月31日").
fn year_once(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> (String, String) {
    use chrono::Datelike;
    let end = cldr::long_date(&l.lang, b);
    if end.starts_with(&b.year().to_string()) {
        (cldr::long_date(&l.lang, a), cldr::day_month(&l.lang, b))
    } else {
        (cldr::day_month(&l.lang, a), end)
    }
}

pub fn money(l: &Lctx<'_>, amount: i64, currency: &str) -> String {
    if amount == 0 {
        l.t.get("free").to_string()
    } else {
        cldr::money(&l.lang, amount, currency)
    }
}

/// "5 days", in the language's plural forms.
pub fn days_phrase(l: &Lctx<'_>, n: i64) -> String {
    l.t.count(&l.lang, "days", n, &n.to_string())
}

/// When the course takes place, in words: its dates; for a course without set dates, its
/// `starts_note` in `text` (else what `starts` means); "start any time" for a self-paced one.
pub fn dates_text(c: &Course, l: &Lctx<'_>, text: &CourseText) -> String {
    if let Some(starts) = c.starts {
        return match text.starts_note.as_deref().map(str::trim) {
            Some(note) if !note.is_empty() => note.to_string(),
            _ => {
                l.t.get(&format!("starts_{}", starts.id().replace('-', "_")))
                    .to_string()
            }
        };
    }
    match (c.first_start(), c.last_end()) {
        (Some(s), Some(e)) => range_text(l, s.date_in(c.tz), e.date_in(c.tz)),
        _ => l.t.get("self_paced_dates").to_string(),
    }
}

/// `{prefix}_{category}` filled with `n`: the language's plural form (see `Strings::count`).
pub fn plural_phrase(l: &Lctx<'_>, prefix: &str, n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    l.t.count(&l.lang, prefix, n, &cldr::number(&l.lang, n))
}

/// The label of a kind of notice (`call-for-tender`) in the page's language, when the UI
/// strings have one (`kind_call_for_tender`).
pub fn notice_kind(l: &Lctx<'_>, kind: &str) -> Option<String> {
    let key = format!("kind_{}", kind.replace('-', "_"));
    l.t.has(&key).then(|| l.t.get(&key).to_string())
}

/// "26–31 August 2025" when both days are in one month, else two long dates.
pub fn short_range(l: &Lctx<'_>, a: NaiveDate, b: NaiveDate) -> String {
    use chrono::Datelike;
    if a.year() == b.year() && a.month() == b.month() {
        // "26–31 August 2025": when the language writes the day first, keep only the first
        // day before the dash (CLDR's interval format for a range within one month).
        let end = cldr::long_date(&l.lang, b);
        if let Some(rest) = end.strip_prefix(&b.day().to_string()) {
            if rest.starts_with([' ', '\u{a0}']) {
                return format!("{}–{end}", a.day());
            }
            // "22.–26. September 2025": German (and Danish, Czech …) write the day "26.".
            if rest.starts_with(". ") || rest.starts_with(".\u{a0}") {
                return format!("{}.–{end}", a.day());
            }
        }
        let (start, end) = year_once(l, a, b);
        l.t.fill("date_range", &[("start", &start), ("end", &end)])
    } else {
        l.t.fill(
            "date_range",
            &[
                ("start", &cldr::long_date(&l.lang, a)),
                ("end", &cldr::long_date(&l.lang, b)),
            ],
        )
    }
}

/// An instant for the page script: RFC 3339 in UTC, to the second.
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
