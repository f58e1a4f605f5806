//! A weekly event's times: `DTSTART`/`DTEND` in its zone, `RRULE` and `EXDATE` (the
//! `VTIMEZONE` the `TZID` needs is [`super::zone`]'s).

use super::zone;
use super::{date_basic, local_to_utc, utc_basic, Writer};
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use chrono_tz::Tz;

/// A weekly `RRULE` with its zone and exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recur {
    pub tz: Tz,
    /// The first occurrence's start and end: local date-times in `tz`, or (all-day) the first
    /// day and the exclusive end day at midnight.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub all_day: bool,
    pub days: Vec<Weekday>,
    /// The last day an occurrence may start on (local).
    pub until: NaiveDate,
    /// Days without an occurrence (local).
    pub except: Vec<NaiveDate>,
}

impl Recur {
    /// The days the zone's `VTIMEZONE` must cover (none for an all-day rhythm, which has no
    /// `TZID`).
    pub fn zone_span(&self) -> Option<zone::ZoneSpan> {
        (!self.all_day).then_some(zone::ZoneSpan {
            tz: self.tz,
            from: self.start.date(),
            to: self.until.max(self.end.date()),
        })
    }
}

/// `MO`, `TU` … as `BYDAY` writes them.
fn byday(d: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][d.num_days_from_monday() as usize]
}

/// `DTSTART`, `DTEND`, `RRULE` and `EXDATE` of a weekly event: local times with the zone's
/// `TZID`, and `UNTIL` in UTC as RFC 5545 §3.3.10 requires with a `TZID` (a date for an
/// all-day rhythm).
pub(super) fn write_recur(w: &mut Writer, r: &Recur) {
    let days: Vec<&str> = r.days.iter().map(|d| byday(*d)).collect();
    let days = days.join(",");
    if r.all_day {
        let (a, b) = (
            r.start.date(),
            r.end
                .date()
                .max(r.start.date() + chrono::TimeDelta::days(1)),
        );
        w.line(&format!("DTSTART;VALUE=DATE:{}", date_basic(a)));
        w.line(&format!("DTEND;VALUE=DATE:{}", date_basic(b)));
        w.line(&format!(
            "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY={days};UNTIL={}",
            date_basic(r.until)
        ));
        if !r.except.is_empty() {
            let list: Vec<String> = r.except.iter().map(|d| date_basic(*d)).collect();
            w.line(&format!("EXDATE;VALUE=DATE:{}", list.join(",")));
        }
        return;
    }
    let tzid = r.tz.name();
    let local = |t: NaiveDateTime| crate::render::kit::iso::local_basic(t);
    w.line(&format!("DTSTART;TZID={tzid}:{}", local(r.start)));
    w.line(&format!("DTEND;TZID={tzid}:{}", local(r.end)));
    let until = local_to_utc(r.tz, r.until.and_time(r.start.time()));
    w.line(&format!(
        "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY={days};UNTIL={}",
        utc_basic(&until)
    ));
    if !r.except.is_empty() {
        let list: Vec<String> = r
            .except
            .iter()
            .map(|d| local(d.and_time(r.start.time())))
            .collect();
        w.line(&format!("EXDATE;TZID={tzid}:{}", list.join(",")));
    }
}
