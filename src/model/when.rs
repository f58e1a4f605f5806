//! A point or day in time as authors write it: a date, a local date-time (in the course's
//! zone) or a date-time with an offset.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum When {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Offset(DateTime<FixedOffset>),
}

impl When {
    /// From a TOML datetime; `None` for a time without a date.
    pub fn from_toml(dt: &toml::value::Datetime) -> Option<When> {
        let date = dt.date?;
        let d = NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )?;
        let Some(t) = dt.time else {
            return Some(When::Date(d));
        };
        let time = NaiveTime::from_hms_nano_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second),
            t.nanosecond,
        )?;
        let local = d.and_time(time);
        match dt.offset {
            None => Some(When::Local(local)),
            Some(toml::value::Offset::Z) => {
                Some(When::Offset(Utc.from_utc_datetime(&local).fixed_offset()))
            }
            Some(toml::value::Offset::Custom { minutes }) => {
                let off = FixedOffset::east_opt(i32::from(minutes) * 60)?;
                off.from_local_datetime(&local).single().map(When::Offset)
            }
        }
    }

    pub fn is_date(&self) -> bool {
        matches!(self, When::Date(_))
    }

    /// The calendar day in the given zone.
    pub fn date_in(&self, tz: Tz) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::Local(l) => l.date(),
            When::Offset(o) => o.with_timezone(&tz).date_naive(),
        }
    }

    /// The instant it begins: a date begins at 00:00 in `tz`.
    pub fn start_instant(&self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Date(d) => local_to_utc(tz, d.and_time(NaiveTime::MIN)),
            When::Local(l) => local_to_utc(tz, *l),
            When::Offset(o) => o.with_timezone(&Utc),
        }
    }

    /// The instant it ends: a date (a deadline) ends at the last second of that day in `tz`
    /// ([`end_of_day_utc`]: 23:59:59 local on ordinary and DST change days).
    pub fn end_instant(&self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Date(d) => end_of_day_utc(tz, *d),
            When::Local(l) => local_to_utc(tz, *l),
            When::Offset(o) => o.with_timezone(&Utc),
        }
    }

    /// The local time of day in `tz`, when there is one.
    pub fn time_in(&self, tz: Tz) -> Option<NaiveTime> {
        match self {
            When::Date(_) => None,
            When::Local(l) => Some(l.time()),
            When::Offset(o) => Some(o.with_timezone(&tz).time()),
        }
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::Local(l) => write!(f, "{}", l.format("%Y-%m-%dT%H:%M:%S")),
            When::Offset(o) => write!(f, "{}", o.to_rfc3339()),
        }
    }
}

/// A local wall-clock time in `tz` as an instant. In the spring-forward gap the time is moved
/// forward by the gap (02:30 → 03:30 in Rome); in the autumn overlap the earlier instant wins.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    // The same few instants are asked for many times in a build (a course's deadline and end
    // by its card, page, calendars and state), and each answer searches the zone's rules:
    // each thread keeps the last answers, in a small table indexed by a hash of the question.
    let key = (local.and_utc().timestamp() as u64) ^ (tz as u64).rotate_left(40);
    let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize;
    let hit = RECENT.with(|r| match r[slot].get() {
        Some((z, l, t)) if z == tz && l == local => Some(t),
        _ => None,
    });
    if let Some(t) = hit {
        return t;
    }
    let t = zone_to_utc(tz, local);
    RECENT.with(|r| r[slot].set(Some((tz, local, t))));
    t
}

/// The table of [`local_to_utc`]'s last answers: 2^`RECENT_BITS` entries per thread.
const RECENT_BITS: u32 = 6;
type Answer = Option<(Tz, NaiveDateTime, DateTime<Utc>)>;
thread_local! {
    static RECENT: [std::cell::Cell<Answer>; 1 << RECENT_BITS] =
        const { [const { std::cell::Cell::new(None) }; 1 << RECENT_BITS] };
}

/// [`local_to_utc`] by the zone's rules.
fn zone_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    use chrono::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            // Walk forward minute by minute (gaps are at most a few hours) to the first valid time,
            // then take back the part of the gap already crossed.
            let mut probe = local;
            for _ in 0..(24 * 60) {
                probe += chrono::Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    let before =
                        tz.offset_from_utc_datetime(&(t.naive_utc() - chrono::Duration::hours(6)));
                    let naive_utc = local
                        - chrono::Duration::seconds(i64::from(
                            chrono::Offset::fix(&before).local_minus_utc(),
                        ));
                    return Utc.from_utc_datetime(&naive_utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

/// The last second of the local day `date` in `tz`, as UTC: one second before the next local
/// midnight (as [`local_to_utc`] reads it). On ordinary days, DST change days included, that is
/// 23:59:59 local: 2026-03-29 in Europe/Rome → 2026-03-29T21:59:59Z. It also stays right in
/// zones that change their clocks at midnight: when 23:59:59 occurs twice, the later one (the
/// day really ends then); when the next midnight does not exist, the second before the change.
/// (Tested with the iCalendar writer's time-zone tests, `render::ics::tests`.)
pub fn end_of_day_utc(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    match date.succ_opt() {
        Some(next) => {
            local_to_utc(tz, next.and_time(NaiveTime::MIN)) - chrono::TimeDelta::seconds(1)
        }
        None => local_to_utc(tz, date.and_hms_opt(23, 59, 59).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rome() -> Tz {
        "Europe/Rome".parse().unwrap()
    }

    #[test]
    fn deadline_on_dst_change_day() {
        let d = When::Date(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        assert_eq!(
            d.end_instant(rome()).to_rfc3339(),
            "2026-03-29T21:59:59+00:00"
        );
        assert_eq!(
            d.start_instant(rome()).to_rfc3339(),
            "2026-03-28T23:00:00+00:00"
        );
    }

    #[test]
    fn gap_and_overlap() {
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        // 02:30 does not exist; read with the offset before the change (+01:00) it is 01:30Z.
        assert_eq!(
            local_to_utc(rome(), gap).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        let overlap = NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(
            local_to_utc(rome(), overlap).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }
}
