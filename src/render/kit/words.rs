//! Facts in words, in a page's language: dates and ranges of dates, times, amounts of money,
//! counts with the language's plural forms, the labels of modalities and kinds of notice.

use crate::i18n::cldr;
use crate::model::{Course, CourseText, Modality, SessionFacts, TextField, When};
use crate::render::kit::lang::{mark, LangMark};
use crate::render::Lctx;
use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;

pub fn modality_label(l: &Lctx<'_>, m: Modality) -> String {
    l.t.get(&format!("modality_{}", m.id().replace('-', "_")))
        .to_string()
}

/// A date, and its time when it has one, joined as the language joins dates and hours
/// (`dates_schedule`: "15 September 2025, 12:00 PM", "15 سبتمبر 2025، 12:00 م").
pub fn when_text(l: &Lctx<'_>, w: &When, tz: chrono_tz::Tz, show_zone: bool) -> String {
    let date = cldr::long_date(&l.lang, w.date_in(tz));
    let time = match w.time_in(tz) {
        None => return date,
        Some(t) if show_zone => format!("{} ({})", cldr::time(&l.lang, t), zone_words(l, tz)),
        Some(t) => cldr::time(&l.lang, t),
    };
    l.t.fill("dates_schedule", &[("dates", &date), ("schedule", &time)])
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
        return match starts_note(c, text) {
            Some(note) => note.to_string(),
            None => {
                l.t.get(&format!("starts_{}", starts.id().replace('-', "_")))
                    .to_string()
            }
        };
    }
    let dates = match (c.first_start(), c.last_end()) {
        (Some(s), Some(e)) => range_text(l, s.date_in(c.tz), e.date_in(c.tz)),
        _ => return l.t.get("self_paced_dates").to_string(),
    };
    // One session: its rhythm and hours too ("Every Tuesday and Thursday, 18:00–20:00").
    match c.sessions.as_slice() {
        [s] => match schedule_text(l, s, c.tz) {
            Some(schedule) => l.t.fill(
                "dates_schedule",
                &[("dates", &dates), ("schedule", &schedule)],
            ),
            None => dates,
        },
        _ => dates,
    }
}

/// The `starts_note` that [`dates_text`] shows for a course without set dates, if any.
fn starts_note<'a>(c: &Course, text: &'a CourseText) -> Option<&'a str> {
    c.starts?;
    text.starts_note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// The language of [`dates_text`] when it is a `starts_note` written in another language than
/// the page's (`text` is in `text_lang`, and may take the note from another translation).
pub fn dates_lang(
    c: &Course,
    l: &Lctx<'_>,
    text_lang: &str,
    text: &CourseText,
) -> Option<LangMark> {
    starts_note(c, text)?;
    mark(
        &l.lang,
        Some(text.borrowed(TextField::StartsNote).unwrap_or(text_lang)),
    )
}

/// The zone as the page's language names it ("Italy Time", "heure : Italie").
pub fn zone_words(l: &Lctx<'_>, tz: Tz) -> String {
    cldr::zone_name(&l.lang, tz.name())
}

/// `items` joined as the language lists them: "a, b and c" (`list_separator`, `list_and`).
pub fn and_list(l: &Lctx<'_>, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => l.t.fill(
            "list_and",
            &[
                ("first", &rest.join(l.t.get("list_separator"))),
                ("last", last),
            ],
        ),
    }
}

/// A session's hours in its zone, when it has them: "18:00–20:00 (Italy Time)".
pub fn hours_text(l: &Lctx<'_>, s: &SessionFacts, tz: Tz) -> Option<String> {
    let (a, b) = (s.start.time_in(tz)?, s.end.time_in(tz));
    let times = match b {
        Some(b) => format!("{}–{}", cldr::time(&l.lang, a), cldr::time(&l.lang, b)),
        None => cldr::time(&l.lang, a),
    };
    Some(format!("{times} ({})", zone_words(l, tz)))
}

/// The weekdays a session meets on: "Every Tuesday and Thursday" (CLDR's weekday names).
pub fn weekly_text(l: &Lctx<'_>, days: &[Weekday]) -> String {
    let names = cldr::weekday_names_long(&l.lang);
    let names: Vec<String> = days
        .iter()
        .map(|d| names[d.num_days_from_monday() as usize].clone())
        .collect();
    l.t.fill("session_weekly", &[("days", &and_list(l, &names))])
}

/// When a session meets, beyond its dates: its weekly rhythm and its hours ("Every Tuesday and
/// Thursday, 18:00–20:00 (Italy Time)"); `None` for a session of whole days without rhythm.
pub fn schedule_text(l: &Lctx<'_>, s: &SessionFacts, tz: Tz) -> Option<String> {
    let weekly = s.repeat.as_ref().map(|r| weekly_text(l, &r.days));
    match (weekly, hours_text(l, s, tz)) {
        (Some(w), Some(h)) => {
            Some(l.t.fill("session_weekly_hours", &[("days", &w), ("hours", &h)]))
        }
        (w, h) => w.or(h),
    }
}

/// The days a weekly session skips: "No meeting on 7 April 2026"; `None` when it skips none.
pub fn except_text(l: &Lctx<'_>, s: &SessionFacts) -> Option<String> {
    let r = s.repeat.as_ref().filter(|r| !r.except.is_empty())?;
    let days: Vec<String> = r
        .except
        .iter()
        .map(|d| cldr::long_date(&l.lang, *d))
        .collect();
    Some(l.t.fill("session_except", &[("dates", &and_list(l, &days))]))
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
