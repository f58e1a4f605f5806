//! A session's weekly rhythm (`repeat`, `except`) and the meetings it gives: [`meetings`] is
//! the one function every date derived from a session's meetings goes through (pages,
//! calendars, structured data, month filters).

use super::When;
use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

/// A session that meets on the same weekdays every week: its `start` and `end` are the first
/// meeting's as written, `until` the last day a meeting can fall on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Repeat {
    /// The meeting days, Monday first, each once.
    pub days: Vec<Weekday>,
    /// The last day a meeting can fall on: `until` as written, or the day of the last of
    /// `count` meetings.
    pub until: NaiveDate,
    /// Meeting days on which the session does not meet (holidays), in date order.
    pub except: Vec<NaiveDate>,
    /// When the last meeting ends (from [`meetings`]): the session's end as every state,
    /// filter and list counts it.
    pub last_end: When,
}

/// The weekday names authors write, Monday first (`chrono`'s order from Monday).
pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The weekday a name of [`DAY_NAMES`] stands for.
pub fn parse_day(name: &str) -> Option<Weekday> {
    let i = DAY_NAMES.iter().position(|d| *d == name)?;
    Some(weekday_from_monday(i))
}

/// The weekday `i` days after Monday (0 = Monday, 6 = Sunday).
pub fn weekday_from_monday(i: usize) -> Weekday {
    let mut d = Weekday::Mon;
    for _ in 0..i % 7 {
        d = d.succ();
    }
    d
}

/// One meeting of a session: when it starts and ends (a date meeting is that whole day; a
/// timed one keeps the wall-clock time of the first meeting in the course's zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub start: When,
    pub end: When,
}

/// The days from `first` on that fall on one of `days`, without those in `except`, up to and
/// including `last` (at most `limit` of them).
pub fn meeting_days(
    first: NaiveDate,
    last: NaiveDate,
    days: &[Weekday],
    except: &[NaiveDate],
    limit: usize,
) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| days.contains(&d.weekday()) && !except.contains(d))
        .take(limit)
        .collect()
}

/// The last day of `count` meetings from `first` on `days`, skipping `except`; `None` when
/// fewer than `count` fall within `max_days` of `first`.
pub fn until_for_count(
    first: NaiveDate,
    days: &[Weekday],
    except: &[NaiveDate],
    count: usize,
    max_days: i64,
) -> Option<NaiveDate> {
    let last = first.checked_add_signed(chrono::TimeDelta::days(max_days))?;
    let found = meeting_days(first, last, days, except, count);
    (found.len() == count && count > 0)
        .then(|| found.last().copied())
        .flatten()
}

/// The same wall-clock moment as `w` (in `tz`), on `day`: a date stays a date.
fn on_day(w: &When, tz: Tz, day: NaiveDate) -> When {
    match w.time_in(tz) {
        None => When::Date(day),
        Some(t) => When::Local(day.and_time(t)),
    }
}

/// Every meeting of a session that starts at `start` and ends at `end` (for a repeating one:
/// the first meeting's), in the course's zone `tz`, in date order. A session without `repeat`
/// is one meeting, as written.
pub fn meetings(start: &When, end: &When, repeat: Option<&Repeat>, tz: Tz) -> Vec<Meeting> {
    let Some(r) = repeat else {
        return vec![Meeting {
            start: *start,
            end: *end,
        }];
    };
    let first = start.date_in(tz);
    let length = end.date_in(tz) - first;
    meeting_days(first, r.until, &r.days, &r.except, usize::MAX)
        .into_iter()
        .map(|day| Meeting {
            start: on_day(start, tz, day),
            end: on_day(end, tz, day + length),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rome() -> Tz {
        "Europe/Rome".parse().unwrap()
    }

    #[test]
    fn weekly_meetings_keep_their_hour_across_a_dst_change() {
        let start = When::Local(d("2026-03-24").and_hms_opt(18, 0, 0).unwrap());
        let end = When::Local(d("2026-03-24").and_hms_opt(20, 0, 0).unwrap());
        let r = Repeat {
            days: vec![Weekday::Tue, Weekday::Thu],
            until: d("2026-04-09"),
            except: vec![d("2026-04-02")],
            last_end: end,
        };
        let m = meetings(&start, &end, Some(&r), rome());
        let days: Vec<String> = m
            .iter()
            .map(|m| m.start.date_in(rome()).to_string())
            .collect();
        assert_eq!(
            days,
            [
                "2026-03-24",
                "2026-03-26",
                "2026-03-31",
                "2026-04-07",
                "2026-04-09"
            ]
        );
        // 18:00 in Rome is 17:00Z before the change of 29 March and 16:00Z after it.
        assert_eq!(
            m[1].start.start_instant(rome()).to_rfc3339(),
            "2026-03-26T17:00:00+00:00"
        );
        assert_eq!(
            m[2].start.start_instant(rome()).to_rfc3339(),
            "2026-03-31T16:00:00+00:00"
        );
        assert_eq!(
            m[4].end.end_instant(rome()).to_rfc3339(),
            "2026-04-09T18:00:00+00:00"
        );
    }

    #[test]
    fn a_session_without_rhythm_is_one_meeting() {
        let s = When::Date(d("2025-10-06"));
        let e = When::Date(d("2025-10-10"));
        assert_eq!(
            meetings(&s, &e, None, rome()),
            vec![Meeting { start: s, end: e }]
        );
    }

    #[test]
    fn count_gives_the_last_day_skipping_exceptions() {
        let days = [Weekday::Mon, Weekday::Wed];
        // 2026-03-02 is a Monday: Mon 2, Wed 4, (Mon 9 excepted), Wed 11.
        assert_eq!(
            until_for_count(d("2026-03-02"), &days, &[d("2026-03-09")], 3, 3653),
            Some(d("2026-03-11"))
        );
        assert_eq!(until_for_count(d("2026-03-02"), &days, &[], 0, 3653), None);
        assert_eq!(
            until_for_count(d("2026-03-02"), &days, &[], 5000, 3653),
            None
        );
        assert_eq!(parse_day("sun"), Some(Weekday::Sun));
        assert_eq!(parse_day("Sunday"), None);
    }
}
