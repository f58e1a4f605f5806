//! `VTIMEZONE` components (RFC 5545 §3.6.5) for the zones of repeating events: a weekly
//! meeting at 18:00 in Rome is an `RRULE` on a `DTSTART;TZID=Europe/Rome` (in UTC it would
//! move by an hour at each change of the clocks), and every `TZID` needs its `VTIMEZONE`.
//!
//! The component lists the zone's offsets as the tz database gives them over the days the
//! events cover (one observance for the offset in force at the start, then one per change),
//! without `RRULE`s of its own: exact for those days, whatever the zone's rules did or will do.

use chrono::{DateTime, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The days a calendar's events in one zone cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneSpan {
    pub tz: Tz,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One span per zone, covering every span of that zone in `spans`, in the zones' name order.
pub fn merge(spans: impl IntoIterator<Item = ZoneSpan>) -> Vec<ZoneSpan> {
    let mut out: Vec<ZoneSpan> = Vec::new();
    for s in spans {
        match out.iter_mut().find(|z| z.tz == s.tz) {
            Some(z) => {
                z.from = z.from.min(s.from);
                z.to = z.to.max(s.to);
            }
            None => out.push(s),
        }
    }
    out.sort_by_key(|z| z.tz.name());
    out
}

/// The offset in seconds east of UTC, whether it is summer time, and its abbreviation.
fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    let dst = !o.dst_offset().is_zero();
    let name = o.abbreviation().unwrap_or("").to_string();
    (o.fix().local_minus_utc(), dst, name)
}

/// The instants in `[from, to)` at which `tz` changes its offset (found day by day, then to
/// the second): the clocks change at most once a day in every zone of the tz database.
fn changes(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut t = from;
    while t < to {
        let next = (t + TimeDelta::days(1)).min(to);
        if offset_at(tz, t).0 != offset_at(tz, next).0 {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > TimeDelta::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == offset_at(tz, lo).0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t = next;
    }
    out
}

/// `+0100`, `-0330`.
fn offset_value(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The content lines of the `VTIMEZONE` of `z` (unfolded: each is short).
pub fn lines(z: &ZoneSpan) -> Vec<String> {
    let day = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN));
    // A day of margin on each side: local days start up to 14 hours away from UTC's.
    let from = day(z.from) - TimeDelta::days(1);
    let to = day(z.to) + TimeDelta::days(2);
    let mut out = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", z.tz.name()),
    ];
    let mut observance = |at: DateTime<Utc>, before: i32| {
        let (after, dst, name) = offset_at(z.tz, at);
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the local time at which the observance begins, in the offset before it.
        let local = at.naive_utc() + TimeDelta::seconds(i64::from(before));
        out.push(format!("BEGIN:{kind}"));
        out.push(format!(
            "DTSTART:{}",
            crate::render::kit::iso::local_basic(local)
        ));
        out.push(format!("TZOFFSETFROM:{}", offset_value(before)));
        out.push(format!("TZOFFSETTO:{}", offset_value(after)));
        if !name.is_empty() && !name.starts_with(['+', '-']) {
            out.push(format!("TZNAME:{name}"));
        }
        out.push(format!("END:{kind}"));
        after
    };
    let mut before = observance(from, offset_at(z.tz, from).0);
    for at in changes(z.tz, from, to) {
        before = observance(at, before);
    }
    out.push("END:VTIMEZONE".to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rome_in_spring_2026() {
        let z = ZoneSpan {
            tz: "Europe/Rome".parse().unwrap(),
            from: "2026-03-03".parse().unwrap(),
            to: "2026-04-30".parse().unwrap(),
        };
        let text = lines(&z).join("\n");
        assert!(text.contains("BEGIN:STANDARD\nDTSTART:20260302T010000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD"), "{text}");
        // 29 March 2026 at 02:00 CET the clocks go to 03:00 CEST.
        assert!(text.contains("BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT"), "{text}");
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 1);
    }

    #[test]
    fn zones_merge_by_name() {
        let rome: Tz = "Europe/Rome".parse().unwrap();
        let lima: Tz = "America/Lima".parse().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let m = merge([
            ZoneSpan {
                tz: rome,
                from: d("2026-03-03"),
                to: d("2026-04-30"),
            },
            ZoneSpan {
                tz: lima,
                from: d("2026-01-01"),
                to: d("2026-01-31"),
            },
            ZoneSpan {
                tz: rome,
                from: d("2025-10-01"),
                to: d("2026-01-31"),
            },
        ]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].tz, lima);
        assert_eq!((m[1].from, m[1].to), (d("2025-10-01"), d("2026-04-30")));
    }
}
