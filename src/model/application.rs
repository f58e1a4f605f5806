//! How participants get into a course: what its note states (`[application]`), resolved once
//! in assembly into the instants that every page, card, calendar, filter row, JSON-LD block,
//! state and `next-change` read. A course holds one [`Admission`]; a course with several runs
//! (each with its own sessions) will hold one per run.

use super::{Lang, When};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// How participants are chosen, as far as the note says.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Admission {
    /// The note has no `[application]`: the site says nothing about applying.
    #[default]
    Unstated,
    /// `[application] by = "nomination"`: participants are nominated; nobody applies online.
    Nomination,
    /// Visitors apply through a form.
    Apply(Application),
}

impl Admission {
    pub fn application(&self) -> Option<&Application> {
        match self {
            Admission::Apply(a) => Some(a),
            _ => None,
        }
    }
}

/// Applying through a form: where, from when, until when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    /// The form's address for each language the course has a page in (a translation that
    /// gives none takes a sibling's).
    pub url: BTreeMap<Lang, String>,
    pub opens: Option<Opens>,
    /// `None`: applications never close (a self-paced course without a deadline).
    pub closes: Option<Closes>,
}

impl Application {
    /// The form for a page in `lang` (`lang` is a language the course has a page in).
    pub fn url_for(&self, lang: &str) -> Option<&str> {
        self.url.get(lang).map(String::as_str)
    }

    /// The closing the note states as `deadline` (not the one that follows from the start).
    pub fn deadline(&self) -> Option<&Closes> {
        self.closes.as_ref().filter(|c| c.by == ClosedBy::Deadline)
    }
}

/// When applications open: the start of the stated day (or the stated instant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opens {
    pub when: When,
    /// The first instant applications are accepted.
    pub at: DateTime<Utc>,
}

impl Opens {
    pub fn new(when: When, tz: Tz) -> Opens {
        Opens {
            when,
            at: when.start_instant(tz),
        }
    }
}

/// What ends the time to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosedBy {
    /// The note's `deadline`.
    Deadline,
    /// No deadline: applications are open until the course starts.
    Start,
}

/// When applications close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closes {
    pub by: ClosedBy,
    /// As the note states it: the deadline, or the first session's start.
    pub when: When,
    /// The last instant applications are accepted: the end of the deadline's day in the
    /// course's zone (or the deadline's own time), or the second before the course starts.
    pub at: DateTime<Utc>,
    /// The last day one can apply on, in the course's zone (the day of `at`): what "closes in
    /// 4 days", "closes tomorrow" and "last day to apply" count to.
    pub last_day: NaiveDate,
}

impl Closes {
    /// Applications close with the `deadline` (a date: at the end of that day).
    pub fn deadline(deadline: When, tz: Tz) -> Closes {
        Closes::new(ClosedBy::Deadline, deadline, deadline.end_instant(tz), tz)
    }

    /// No deadline: applications close when the course starts (`start`, its first session's).
    pub fn at_start(start: When, tz: Tz) -> Closes {
        let at = start.start_instant(tz) - Duration::seconds(1);
        Closes::new(ClosedBy::Start, start, at, tz)
    }

    fn new(by: ClosedBy, when: When, at: DateTime<Utc>, tz: Tz) -> Closes {
        Closes {
            by,
            when,
            at,
            last_day: at.with_timezone(&tz).date_naive(),
        }
    }

    /// Calendar days from `now`'s day to the last day, both in `tz` (the course's zone), as
    /// people count them: 4 on 25 March for a 29 March deadline, 1 the day before, 0 on the
    /// day. `None` once applications have closed.
    pub fn days_left(&self, tz: Tz, now: DateTime<Utc>) -> Option<i64> {
        (now <= self.at).then(|| (self.last_day - now.with_timezone(&tz).date_naive()).num_days())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rome() -> Tz {
        "Europe/Rome".parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> When {
        When::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_deadline_closes_at_the_end_of_its_day_and_counts_calendar_days() {
        let c = Closes::deadline(date(2026, 3, 29), rome());
        assert_eq!(c.at.to_rfc3339(), "2026-03-29T21:59:59+00:00");
        assert_eq!(c.last_day, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
        // 25 March, late evening in Rome: four days, whatever the hour.
        assert_eq!(c.days_left(rome(), at("2026-03-25T22:30:00Z")), Some(4));
        assert_eq!(c.days_left(rome(), at("2026-03-25T00:30:00Z")), Some(4));
        // 00:30 on 28 March in Rome is still 27 March in UTC: the course's zone counts.
        assert_eq!(c.days_left(rome(), at("2026-03-27T23:30:00Z")), Some(1));
        assert_eq!(c.days_left(rome(), at("2026-03-29T21:59:59Z")), Some(0));
        assert_eq!(c.days_left(rome(), at("2026-03-29T22:00:00Z")), None);
    }

    #[test]
    fn without_a_deadline_applications_close_when_the_course_starts() {
        let c = Closes::at_start(date(2025, 8, 1), rome());
        assert_eq!(c.by, ClosedBy::Start);
        // Open until the start instant (00:00 on 1 August in Rome): the last day is 31 July.
        assert_eq!(c.at.to_rfc3339(), "2025-07-31T21:59:59+00:00");
        assert_eq!(c.last_day, NaiveDate::from_ymd_opt(2025, 7, 31).unwrap());
        assert_eq!(c.days_left(rome(), at("2025-07-27T10:00:00Z")), Some(4));
        assert_eq!(c.days_left(rome(), at("2025-07-31T21:59:59Z")), Some(0));
        assert_eq!(c.days_left(rome(), at("2025-07-31T22:00:00Z")), None);
        // A start with a time: one can apply on the start day until that time.
        let t = When::Local(
            NaiveDate::from_ymd_opt(2025, 8, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        let c = Closes::at_start(t, rome());
        assert_eq!(c.at.to_rfc3339(), "2025-08-01T06:59:59+00:00");
        assert_eq!(c.last_day, NaiveDate::from_ymd_opt(2025, 8, 1).unwrap());
    }
}
