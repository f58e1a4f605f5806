//! States derived from "now": whether applications are open, whether a course is running, which
//! notices are current. Pure functions of the model and an instant.

use crate::model::{Course, Notice, Status, When};
use chrono::{DateTime, Duration, Utc};

/// How many days before the deadline applications count as closing soon.
pub const CLOSING_SOON_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Application {
    /// No `[application]`: participants are selected otherwise.
    None,
    NotYetOpen,
    Open,
    ClosingSoon,
    Closed,
    Unavailable,
}

impl Application {
    pub fn id(self) -> &'static str {
        match self {
            Application::None => "none",
            Application::NotYetOpen => "not-yet-open",
            Application::Open => "open",
            Application::ClosingSoon => "closing-soon",
            Application::Closed => "closed",
            Application::Unavailable => "unavailable",
        }
    }

    pub fn accepts(self) -> bool {
        matches!(self, Application::Open | Application::ClosingSoon)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CourseState {
    Upcoming,
    Running,
    Finished,
    Cancelled,
    Postponed,
    /// Self-paced, no dates: always available.
    Ongoing,
}

impl CourseState {
    pub fn id(self) -> &'static str {
        match self {
            CourseState::Upcoming => "upcoming",
            CourseState::Running => "running",
            CourseState::Finished => "finished",
            CourseState::Cancelled => "cancelled",
            CourseState::Postponed => "postponed",
            CourseState::Ongoing => "ongoing",
        }
    }
}

pub fn opens_at(c: &Course) -> Option<DateTime<Utc>> {
    c.opens.map(|w| w.start_instant(c.tz))
}

pub fn deadline_at(c: &Course) -> Option<DateTime<Utc>> {
    c.deadline.map(|w| w.end_instant(c.tz))
}

pub fn application(c: &Course, now: DateTime<Utc>) -> Application {
    if !c.has_application {
        return Application::None;
    }
    if c.status != Status::Scheduled {
        return Application::Unavailable;
    }
    if opens_at(c).is_some_and(|o| now < o) {
        return Application::NotYetOpen;
    }
    // Without a deadline, applications close when the course starts (or never, self-paced).
    let close = deadline_at(c).or_else(|| c.first_start().map(|s| s.start_instant(c.tz)));
    match close {
        Some(d) if now > d => Application::Closed,
        Some(d) if d - now <= Duration::days(CLOSING_SOON_DAYS) => Application::ClosingSoon,
        _ => Application::Open,
    }
}

pub fn course(c: &Course, now: DateTime<Utc>) -> CourseState {
    match c.status {
        Status::Cancelled => return CourseState::Cancelled,
        Status::Postponed => return CourseState::Postponed,
        _ => {}
    }
    let (Some(start), Some(end)) = (c.first_start(), c.last_end()) else {
        return CourseState::Ongoing;
    };
    if now < start.start_instant(c.tz) {
        CourseState::Upcoming
    } else if now <= end.end_instant(c.tz) {
        CourseState::Running
    } else {
        CourseState::Finished
    }
}

/// Whole days from `now` to the deadline (rounded up), for "closes in 3 days".
pub fn days_left(c: &Course, now: DateTime<Utc>) -> Option<i64> {
    let d = deadline_at(c)?;
    let secs = (d - now).num_seconds();
    (secs >= 0).then(|| (secs + 86_399) / 86_400)
}

pub fn notice_current(n: &Notice, now: DateTime<Utc>, tz: chrono_tz::Tz) -> bool {
    n.expires.is_none_or(|e: When| now <= e.end_instant(tz))
}

/// The next instant after `now` at which any derived state changes: an opening, a deadline, a
/// "closing soon" threshold, a start or end, a notice's expiry.
pub fn next_change(
    courses: &[Course],
    notices: &[Notice],
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut points = Vec::new();
    for c in courses {
        points.extend(opens_at(c));
        if let Some(d) = deadline_at(c) {
            points.push(d + Duration::seconds(1));
            points.push(d - Duration::days(CLOSING_SOON_DAYS));
        }
        if let Some(s) = c.first_start() {
            points.push(s.start_instant(c.tz));
        }
        if let Some(e) = c.last_end() {
            points.push(e.end_instant(c.tz) + Duration::seconds(1));
        }
    }
    for n in notices {
        if let Some(e) = n.expires {
            points.push(e.end_instant(tz) + Duration::seconds(1));
        }
    }
    points.into_iter().filter(|p| *p > now).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::NaiveDate;
    use std::collections::BTreeMap;

    fn date(y: i32, m: u32, d: u32) -> When {
        When::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn course() -> Course {
        Course {
            code: "A1".into(),
            slug: "a".into(),
            modality: Modality::Online,
            topics: vec![],
            languages: vec![],
            tz: "Europe/Rome".parse().unwrap(),
            status: Status::Scheduled,
            draft: false,
            sessions: vec![SessionFacts {
                start: date(2025, 9, 8),
                end: date(2025, 10, 31),
                modality: None,
            }],
            has_application: true,
            opens: Some(date(2025, 5, 1)),
            deadline: Some(date(2025, 8, 25)),
            fee: None,
            cancellation: None,
            contacts: vec![],
            texts: BTreeMap::new(),
            bundle: None,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn application_states() {
        let c = course();
        assert_eq!(
            application(&c, at("2025-04-30T12:00:00Z")),
            Application::NotYetOpen
        );
        assert_eq!(
            application(&c, at("2025-07-01T12:00:00Z")),
            Application::Open
        );
        assert_eq!(
            application(&c, at("2025-08-20T10:00:00Z")),
            Application::ClosingSoon
        );
        assert_eq!(days_left(&c, at("2025-08-20T10:00:00Z")), Some(6));
        // The deadline date ends at midnight in Rome (22:00 UTC in summer).
        assert_eq!(
            application(&c, at("2025-08-25T21:59:00Z")),
            Application::ClosingSoon
        );
        assert_eq!(
            application(&c, at("2025-08-25T22:00:00Z")),
            Application::Closed
        );
        let mut x = course();
        x.status = Status::Cancelled;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            Application::Unavailable
        );
        x.has_application = false;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            Application::None
        );
    }

    #[test]
    fn course_states_and_next_change() {
        let c = course();
        assert_eq!(
            course_state_at(&c, "2025-09-01T00:00:00Z"),
            CourseState::Upcoming
        );
        assert_eq!(
            course_state_at(&c, "2025-09-10T00:00:00Z"),
            CourseState::Running
        );
        assert_eq!(
            course_state_at(&c, "2025-11-01T00:00:00Z"),
            CourseState::Finished
        );
        let next = next_change(&[c], &[], chrono_tz::UTC, at("2025-08-20T10:00:00Z")).unwrap();
        assert_eq!(next.to_rfc3339(), "2025-08-25T22:00:00+00:00");
    }

    fn course_state_at(c: &Course, s: &str) -> CourseState {
        super::course(c, at(s))
    }
}
