//! iCalendar writer (RFC 5545, plus the calendar properties of RFC 7986) for the course
//! calendars: `/<lang>/courses/<slug>/<code>.ics`, `/<lang>/topics/<topic>/calendar.ics` and
//! `/<lang>/calendar.ics` (SPEC.md, "Output").
//!
//! Pure text in, text out: no file I/O, no clock, no randomness. The same [`Calendar`] always
//! gives the same bytes, so `DTSTAMP` (and everything else) depends only on what the caller
//! passes in, i.e. on the input files and `--now`.
//!
//! What the output looks like:
//! * every line ends in CRLF and is folded at 75 octets (RFC 5545 §3.1) without splitting a
//!   UTF-8 character ([`fold_line`]);
//! * TEXT values are escaped (§3.3.11, [`escape_text`]); URIs are made ASCII and never escaped;
//! * all-day events are `VALUE=DATE` with an exclusive `DTEND`; timed events are UTC (`…Z`),
//!   so no `VTIMEZONE` is ever needed. Local times are turned into UTC by [`local_to_utc`] and
//!   [`end_of_day_utc`], which define what happens on DST change days. Both are the model's
//!   (`crate::model::when`, also used for the application states, so a deadline is the same
//!   instant on the page and in the calendar), re-exported here; this module's tests check them
//!   across DST changes (every gap of the tz database since 1900, midnight changes, odd zones).
//!
//! [`When`] here is the *output* form of a time (an iCalendar DATE or a UTC DATE-TIME), not the
//! model's `When` (what authors wrote: a date, a local time or a time with an offset);
//! `render::calendar` turns the one into the other.
//!
//! Why not the `icalendar` crate (0.17.17, checked with `cargo info` and its source): its
//! `escape_text` leaves a CR in place, so a CRLF in a description becomes a bare CR plus `\n`
//! (a broken line for strict readers and the harness's `ics-crlf`/`ics-control-char` rules);
//! its writer falls back to `Utc::now()` and a random UUID when DTSTAMP or UID is missing
//! (against "same bytes for the same input"); it orders properties alphabetically; and it pulls
//! in `uuid` and `nom`. Its folding keeps UTF-8 intact, but its whitespace check indexes
//! characters with a byte offset, and it may still end a line with a space, which trimming
//! readers lose. Writing our own is ~150 lines.
//!
//! An empty calendar is not written: RFC 5545 §3.6 requires at least one component, and a
//! placeholder event would show up in people's calendars. [`write_calendar`] returns `None`
//! for it; callers then neither write the file nor link to it.

use chrono::{DateTime, NaiveDate, Utc};

mod lines;
mod recur;
use crate::render::kit::iso::{date_basic, utc_basic};
use lines::fold_into;
pub use lines::{escape_text, fold_line};
pub mod zone;
use recur::write_recur;
pub use recur::Recur;

pub use crate::model::when::{end_of_day_utc, local_to_utc};

#[cfg(test)]
mod tests;

/// When an event starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A whole day (written `;VALUE=DATE:20250908`). As an end, it is exclusive: a session whose
    /// last day is 2025-10-31 ends at `Date(2025-11-01)`.
    Date(NaiveDate),
    /// An instant (written `20250825T215959Z`); sub-second parts are dropped.
    Utc(DateTime<Utc>),
}

/// `STATUS` of an event (RFC 5545 §3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    pub fn as_ical(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One `VEVENT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Must be unique within one calendar and stable from build to build.
    pub uid: String,
    pub dtstamp: DateTime<Utc>,
    pub start: When,
    /// Exclusive for [`When::Date`]. When it is not after `start` (or not of the same kind),
    /// a date event is written as one day (`DTEND` = start + 1) and a UTC event as an instant
    /// (no `DTEND`, RFC 5545 §3.6.1), so the output is always valid.
    pub end: When,
    pub summary: String,
    /// Omitted when empty.
    pub description: String,
    /// Written only when it is an absolute URI (`scheme:…`); non-ASCII and unsafe characters
    /// are percent-encoded (RFC 3987 §3.1), so an IRI is fine.
    pub url: Option<String>,
    /// Omitted when `None` or empty.
    pub location: Option<String>,
    pub status: EventStatus,
    pub sequence: u32,
    /// `LAST-MODIFIED`: when what the event shows last changed (the build's state).
    pub last_modified: Option<DateTime<Utc>>,
    /// `ORGANIZER` (RFC 5545 §3.8.4.3): who to ask. `METHOD:PUBLISH` is written only when every
    /// event of the calendar has one (RFC 5546 §3.2.1, libical's iTIP check).
    pub organizer: Option<Organizer>,
    /// A `VALARM` reminder before the start.
    pub alarm: Option<Alarm>,
    /// Empty items are skipped; no `CATEGORIES` line when none is left.
    pub categories: Vec<String>,
    /// `TRANSP:TRANSPARENT` (does not block time, e.g. a deadline) or `TRANSP:OPAQUE`.
    pub transp_transparent: bool,
    /// Language of `summary`, `description` and `location` when it differs from the calendar's
    /// (a course with no page in the calendar's language is shown in another one). `None`: the
    /// calendar's [`Calendar::lang`].
    pub lang: Option<String>,
    /// A weekly rhythm: the event is then written with its first occurrence's local times in
    /// the rhythm's zone (`DTSTART;TZID=…`), an `RRULE` and its `EXDATE`s; `start` and `end`
    /// are still the first occurrence in UTC (for "add to calendar" forms).
    pub recur: Option<Recur>,
}

/// An event's `ORGANIZER`: a name and an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organizer {
    /// The `CN` parameter; left out when empty.
    pub name: String,
    /// An absolute URI (`mailto:…`, `https://…`); the organizer is not written otherwise.
    pub address: String,
}

/// A `VALARM` (RFC 5545 §3.6.6): `ACTION:DISPLAY`, `hours_before` the event's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    pub hours_before: u32,
    /// What the reminder says (`DESCRIPTION`, required for `DISPLAY`).
    pub description: String,
}

/// One `VCALENDAR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// `PRODID`, e.g. `-//ITC ILO//Prospectus 0.1//EN`.
    pub prodid: String,
    /// Written as `NAME` (RFC 7986) and as `X-WR-CALNAME` (Google, Apple, Outlook), both escaped
    /// as TEXT (an X- property's value type is TEXT, RFC 5545 §3.8.8.2) and both with an explicit
    /// `VALUE=TEXT`: ical.js, Python `icalendar` and `vobject` read an X- property (and `NAME`,
    /// unknown to the first two) as written, and showed a comma of the name as `\,`, unless the
    /// value type is stated (see [`TEXT_TYPED`]).
    pub name: String,
    /// Written as `X-WR-CALDESC` and `DESCRIPTION` (RFC 7986), escaped as TEXT, when present and
    /// not empty.
    pub description: Option<String>,
    /// BCP 47 tag of the calendar's texts: the `LANGUAGE` parameter (RFC 5545 §3.2.10) of
    /// `NAME`, `DESCRIPTION`, and of each event's `SUMMARY`, `DESCRIPTION`, `LOCATION` unless
    /// [`Event::lang`] says otherwise. Left out when empty or not a plausible tag.
    pub lang: String,
    /// `URL` of the calendar (RFC 7986 §5.5), same rules as [`Event::url`].
    pub url: Option<String>,
    /// `REFRESH-INTERVAL;VALUE=DURATION:PT<n>H` (RFC 7986) and `X-PUBLISHED-TTL:PT<n>H`
    /// (Outlook, Google). `None` or `Some(0)`: neither.
    pub refresh_interval_hours: Option<u32>,
    /// `SOURCE;VALUE=URI` (RFC 7986 §5.8): where to fetch the calendar again, same rules as
    /// [`Event::url`].
    pub source: Option<String>,
    pub events: Vec<Event>,
}

/// The complete `VCALENDAR`, CRLF everywhere, or `None` when `cal.events` is empty (RFC 5545
/// §3.6 requires at least one component; see the module documentation).
pub fn write_calendar(cal: &Calendar) -> Option<String> {
    let events = write_events(&cal.events, &cal.lang);
    let organized = cal.events.iter().all(has_organizer);
    let zones = zone::merge(
        cal.events
            .iter()
            .filter_map(|e| e.recur.as_ref()?.zone_span()),
    );
    write_calendar_with(cal, &[events.as_str()], organized, &zones)
}

/// Whether [`write_events`] writes an `ORGANIZER` for `ev`; a calendar says
/// `METHOD:PUBLISH` only when all its events have one.
pub fn has_organizer(ev: &Event) -> bool {
    ev.organizer
        .as_ref()
        .is_some_and(|o| uri_value(&o.address).is_some())
}

/// The `VEVENT` blocks of `events` as [`write_calendar`] writes them in a calendar whose
/// language is `cal_lang`: a caller that puts the same events in several calendars (a course's
/// file, its topics' feeds, the site feed) writes them once and passes the blocks to
/// [`write_calendar_with`].
pub fn write_events(events: &[Event], cal_lang: &str) -> String {
    let mut w = Writer(String::with_capacity(640 * events.len()));
    let lang = language_param(cal_lang);
    for ev in events {
        let ev_lang = match &ev.lang {
            Some(l) => language_param(l),
            None => lang.clone(),
        };
        write_event(&mut w, ev, &ev_lang);
    }
    w.0
}

/// A `VCALENDAR` around event blocks from [`write_events`] (`cal.events` is not used), or
/// `None` when there is no event at all. `organized`: every event has an `ORGANIZER`
/// ([`has_organizer`]), so the calendar may say `METHOD:PUBLISH`. `zones`: the `VTIMEZONE`s
/// the events' `TZID`s need ([`Recur::zone_span`], merged by [`zone::merge`]).
pub fn write_calendar_with(
    cal: &Calendar,
    blocks: &[&str],
    organized: bool,
    zones: &[zone::ZoneSpan],
) -> Option<String> {
    if blocks.iter().all(|b| b.is_empty()) {
        return None;
    }
    let size: usize = blocks.iter().map(|b| b.len()).sum();
    let mut w = Writer(String::with_capacity(1024));
    let lang = language_param(&cal.lang);
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.text("PRODID", "", &cal.prodid);
    w.line("CALSCALE:GREGORIAN");
    if organized {
        w.line("METHOD:PUBLISH");
    }
    w.text("X-WR-CALNAME", TEXT_TYPED, &cal.name);
    w.text("NAME", &format!("{TEXT_TYPED}{lang}"), &cal.name);
    if let Some(d) = cal.description.as_deref().filter(|d| !d.is_empty()) {
        w.text("X-WR-CALDESC", TEXT_TYPED, d);
        w.text("DESCRIPTION", &lang, d);
    }
    if let Some(u) = cal.url.as_deref().and_then(uri_value) {
        w.line(&format!("URL:{u}"));
    }
    if let Some(u) = cal.source.as_deref().and_then(uri_value) {
        w.line(&format!("SOURCE;VALUE=URI:{u}"));
    }
    if let Some(h) = cal.refresh_interval_hours.filter(|&h| h > 0) {
        w.line(&format!("REFRESH-INTERVAL;VALUE=DURATION:PT{h}H"));
        w.line(&format!("X-PUBLISHED-TTL:PT{h}H"));
    }
    for z in zones {
        for line in zone::lines(z) {
            w.line(&line);
        }
    }
    // The events' blocks and the last line, in one reservation: the head's length is known
    // only now (a calendar of every course is megabytes; growing it at the end copied it all).
    w.0.reserve(size + "END:VCALENDAR\r\n".len());
    for b in blocks {
        w.0.push_str(b);
    }
    w.line("END:VCALENDAR");
    Some(w.0)
}

fn write_event(w: &mut Writer, ev: &Event, lang: &str) {
    w.line("BEGIN:VEVENT");
    w.text("UID", "", &ev.uid);
    w.parts(&["DTSTAMP:", &utc_basic(&ev.dtstamp)]);
    if let Some(t) = ev.last_modified {
        w.parts(&["LAST-MODIFIED:", &utc_basic(&t)]);
    }
    match ev.recur.as_ref() {
        Some(r) => write_recur(w, r),
        None => write_span(w, ev),
    }
    write_texts(w, ev, lang);
}

/// `DTSTART` and `DTEND` (or `DURATION`) of a one-off event.
fn write_span(w: &mut Writer, ev: &Event) {
    match ev.start {
        When::Date(start) => {
            w.parts(&["DTSTART;VALUE=DATE:", &date_basic(start)]);
            let end = match ev.end {
                When::Date(end) if end > start => Some(end),
                _ => start.succ_opt(),
            };
            if let Some(end) = end {
                w.parts(&["DTEND;VALUE=DATE:", &date_basic(end)]);
            }
        }
        When::Utc(start) => {
            w.parts(&["DTSTART:", &utc_basic(&start)]);
            // Compare whole seconds: that is what is written. An instant says so with a zero
            // `DURATION`: without one, khal shows an hour.
            match ev.end {
                When::Utc(end) if end.timestamp() > start.timestamp() => {
                    w.parts(&["DTEND:", &utc_basic(&end)]);
                }
                _ => w.line("DURATION:PT0S"),
            }
        }
    }
}

/// Everything of an event after its times.
fn write_texts(w: &mut Writer, ev: &Event, lang: &str) {
    w.text("SUMMARY", lang, &ev.summary);
    if !ev.description.is_empty() {
        w.text("DESCRIPTION", lang, &ev.description);
    }
    if let Some(u) = ev.url.as_deref().and_then(uri_value) {
        w.parts(&["URL:", &u]);
    }
    if let Some(l) = ev.location.as_deref().filter(|l| !l.is_empty()) {
        w.text("LOCATION", lang, l);
    }
    w.parts(&["STATUS:", ev.status.as_ical()]);
    w.parts(&["SEQUENCE:", &ev.sequence.to_string()]);
    if let Some(o) = &ev.organizer {
        if let Some(addr) = uri_value(&o.address) {
            let cn = param_value(&o.name);
            let with_cn = if cn.is_empty() { "" } else { ";CN=" };
            w.parts(&["ORGANIZER", with_cn, &cn, ":", &addr]);
        }
    }
    let cats: Vec<String> = ev
        .categories
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| escape_text(c))
        .collect();
    if !cats.is_empty() {
        w.line(&format!("CATEGORIES:{}", cats.join(",")));
    }
    let transp = if ev.transp_transparent {
        "TRANSPARENT"
    } else {
        "OPAQUE"
    };
    w.parts(&["TRANSP:", transp]);
    if let Some(a) = &ev.alarm {
        w.line("BEGIN:VALARM");
        w.line("ACTION:DISPLAY");
        w.line(&format!("TRIGGER:-PT{}H", a.hours_before));
        w.text("DESCRIPTION", "", &a.description);
        w.line("END:VALARM");
    }
    w.line("END:VEVENT");
}

/// Accumulates folded, CRLF-terminated content lines.
struct Writer(String);

impl Writer {
    /// `line` is one unfolded content line with everything already escaped.
    fn line(&mut self, line: &str) {
        fold_into(&mut self.0, line);
    }

    /// One content line made of `parts`, everything already escaped: written as it goes when
    /// it needs no folding (most lines), instead of being built first.
    fn parts(&mut self, parts: &[&str]) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len <= lines::FIRST {
            for p in parts {
                self.0.push_str(p);
            }
            self.0.push_str("\r\n");
        } else {
            self.line(&parts.concat());
        }
    }

    /// A TEXT property; `params` is `""` or starts with `;`.
    fn text(&mut self, name: &str, params: &str, value: &str) {
        self.parts(&[name, params, ":", &escape_text(value)]);
    }
}

/// The parameter that states a value's type as TEXT (RFC 5545 §3.2.20), for the calendar's name
/// and description: readers that do not know a property (X- properties; `NAME` of RFC 7986) take
/// its value as written, backslashes included, unless it says it is TEXT. With it, ical.js
/// (Thunderbird, Nextcloud), Python `icalendar` and `vobject` show "Design, monitoring" as
/// written; libical unescapes X- properties either way (tried with each, issue 15).
const TEXT_TYPED: &str = ";VALUE=TEXT";

/// `;LANGUAGE=<tag>` when `tag` looks like a BCP 47 tag (letters, digits, `-`), else `""`.
fn language_param(tag: &str) -> String {
    let plausible = !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if plausible {
        format!(";LANGUAGE={tag}")
    } else {
        String::new()
    }
}

/// The URI to write for `s`, or `None` when `s` is not absolute (no `scheme:` prefix, RFC 3986
/// §3.1, or nothing after it). Bytes outside RFC 3986's unreserved/reserved sets and `%` are
/// percent-encoded: non-ASCII (IRI → URI, RFC 3987 §3.1), spaces, quotes, control characters.
fn uri_value(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once(':')?;
    let mut sb = scheme.bytes();
    let scheme_ok = sb.next().is_some_and(|b| b.is_ascii_alphabetic())
        && sb.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok || rest.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// A parameter value (RFC 5545 §3.2): quoted when it holds `:` `;` or `,`; `"` and control
/// characters, which a parameter cannot hold, are dropped.
fn param_value(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}
