//! States derived from "now": whether applications are open, whether a course is running, which
//! notices are current. Pure functions of the model and an instant.

use crate::model::{Admission, Course, Notice, Status, When};
use chrono::{DateTime, Duration, Utc};

/// How many days before the deadline applications count as closing soon.
pub const CLOSING_SOON_DAYS: i64 = 7;

/// Where applications stand at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplicationState {
    /// The note says nothing about applying: nothing is shown.
    None,
    /// Participants are nominated (`by = "nomination"`).
    Nomination,
    NotYetOpen,
    Open,
    ClosingSoon,
    Closed,
    /// The course is cancelled, postponed or full.
    Unavailable,
}

impl ApplicationState {
    pub fn id(self) -> &'static str {
        match self {
            ApplicationState::None => "none",
            ApplicationState::Nomination => "nomination",
            ApplicationState::NotYetOpen => "not-yet-open",
            ApplicationState::Open => "open",
            ApplicationState::ClosingSoon => "closing-soon",
            ApplicationState::Closed => "closed",
            ApplicationState::Unavailable => "unavailable",
        }
    }

    pub fn accepts(self) -> bool {
        matches!(self, ApplicationState::Open | ApplicationState::ClosingSoon)
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

/// Where applications for a course stand at `now`: those of its run shown first
/// ([`Course::lead`]; a course with runs is open when any run is).
pub fn application(c: &Course, now: DateTime<Utc>) -> ApplicationState {
    let r = c.lead(now);
    admission(&r.admission, r.status, now)
}

/// Where applications stand at `now`, from how participants are admitted and the status of
/// what they are admitted to (a course; one of its runs when courses have several).
pub fn admission(a: &Admission, status: Status, now: DateTime<Utc>) -> ApplicationState {
    let app = match (a, status) {
        (Admission::Unstated, _) => return ApplicationState::None,
        (_, s) if !s.takes_applications() => return ApplicationState::Unavailable,
        (Admission::Nomination, _) => return ApplicationState::Nomination,
        (Admission::Apply(app), _) => app,
    };
    if app.opens.is_some_and(|o| now < o.at) {
        return ApplicationState::NotYetOpen;
    }
    match app.closes {
        Some(c) if now > c.at => ApplicationState::Closed,
        Some(c) if c.at - now <= Duration::days(CLOSING_SOON_DAYS) => ApplicationState::ClosingSoon,
        _ => ApplicationState::Open,
    }
}

/// Where a course stands at `now`: where its run shown first ([`Course::lead`]) stands.
pub fn course(c: &Course, now: DateTime<Utc>) -> CourseState {
    let c = c.lead(now);
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

/// Whether the home page lists a course under "Starting soon" at `now`: it has not started,
/// starts within `days` days, and does not accept applications (a course that does is listed
/// under "Open for applications", so each course shows once). The page script
/// (`BELONGS.soon` in `assets/prospectus.js`) applies the same rule by the visitor's clock.
pub fn starting_soon(c: &Course, now: DateTime<Utc>, days: u32) -> bool {
    let Some(start) = upcoming_start(c, now) else {
        return false;
    };
    start - now <= Duration::days(days.into()) && !application(c, now).accepts()
}

/// Whether a course may be listed under "Starting soon" at some instant from `now` on (see
/// [`starting_soon`]): it has not started, and its applications are not open through the
/// whole time from when it comes within `days` days (or from `now`) to its start.
pub fn may_start_soon(c: &Course, now: DateTime<Utc>, days: u32) -> bool {
    let Some(start) = upcoming_start(c, now) else {
        return false;
    };
    let from = now.max(start - Duration::days(days.into()));
    let last = start - Duration::seconds(1);
    // Applications are accepted over one stretch of time: open at both ends, open throughout.
    !(application(c, from).accepts() && application(c, last).accepts())
}

/// When a course that has not started yet at `now` starts.
fn upcoming_start(c: &Course, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if course(c, now) != CourseState::Upcoming {
        return None;
    }
    let c = c.lead(now);
    c.first_start().map(|s| s.start_instant(c.tz))
}

/// Where a course stands in lists at `now` (the smaller first): courses to come or running, by
/// their start; then self-paced courses (no dates); then finished courses, the most recently
/// ended first. The catalogue, the topic pages and the filter data list courses in this order
/// (then by code), and the page script (`Prospectus.rank` in `assets/prospectus.js`) sorts
/// them the same way by the visitor's clock.
pub fn listing(c: &Course, now: DateTime<Utc>) -> (u8, i64) {
    let c = c.lead(now);
    match (c.first_start(), c.last_end()) {
        (Some(s), Some(e)) => {
            let end = e.end_instant(c.tz);
            if now <= end {
                (0, s.start_instant(c.tz).timestamp())
            } else {
                (2, -end.timestamp())
            }
        }
        _ => (1, 0),
    }
}

/// Whether a course counts as finished in lists at `now` (the last group of [`listing`]): it
/// has ended. With `[catalogue] past = "archive"` or `"hide"` it leaves the catalogue then; the
/// page script (`Prospectus.rank`, group 2) moves it by the visitor's clock.
pub fn finished_in_lists(c: &Course, now: DateTime<Utc>) -> bool {
    listing(c, now).0 == 2
}

/// Calendar days left to apply, in the course's zone (see [`crate::model::Closes::days_left`]): for
/// "closes in 4 days", "closes tomorrow", "last day to apply". `None` without a closing or
/// once closed.
pub fn days_left(c: &Course, now: DateTime<Utc>) -> Option<i64> {
    let c = c.lead(now);
    c.application()?.closes?.days_left(c.tz, now)
}

/// The first instant of the calendar day after `now`'s in `tz`: when a count of days left
/// changes next (the state script skips its zone arithmetic until then).
pub fn next_day_start(tz: chrono_tz::Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let day = now.with_timezone(&tz).date_naive();
    day_start(tz, day.succ_opt().unwrap_or(day))
}

/// The first instant of the month after `now`'s in `tz`: when "this month" changes next.
pub fn next_month_start(tz: chrono_tz::Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Datelike;
    let d = now.with_timezone(&tz).date_naive();
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    day_start(tz, chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d))
}

/// The first instant of `day` in `tz`: midnight, or the first hour that exists where a clock
/// change skips midnight.
fn day_start(tz: chrono_tz::Tz, day: chrono::NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    (0..24)
        .find_map(|h| {
            tz.from_local_datetime(&(midnight + Duration::hours(h)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

pub fn notice_current(n: &Notice, now: DateTime<Utc>, tz: chrono_tz::Tz) -> bool {
    n.expires.is_none_or(|e: When| now <= e.end_instant(tz))
}

/// The next instant after `now` at which any derived state changes: an opening, a deadline, a
/// "closing soon" threshold, a course coming within `soon_days` of its start (the home page's
/// "Starting soon"), a start or end, the end of a price option, a notice's expiry; of every
/// run of a course.
pub fn next_change(
    courses: &[Course],
    notices: &[Notice],
    tz: chrono_tz::Tz,
    soon_days: u32,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut points = Vec::new();
    for c in courses.iter().flat_map(Course::runs) {
        if let Some(a) = c.application() {
            points.extend(a.opens.map(|o| o.at));
            if let Some(cl) = a.closes {
                points.push(cl.at + Duration::seconds(1));
                points.push(cl.at - Duration::days(CLOSING_SOON_DAYS));
            }
        }
        // The end of a price option (early booking): the lowest current price changes.
        let options = c.fee.iter().flat_map(|f| &f.options);
        points.extend(
            options.filter_map(|o| o.until.map(|u| u.end_instant(c.tz) + Duration::seconds(1))),
        );
        if let Some(s) = c.first_start() {
            points.push(s.start_instant(c.tz));
            points.push(s.start_instant(c.tz) - Duration::days(soon_days.into()));
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

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn next_day_and_month_start_in_the_zone_where_midnight_may_be_skipped() {
        let rome = chrono_tz::Europe::Rome;
        // 20 August 2025, 23:30 in Rome: the next day starts at 22:00 UTC... of the 20th.
        assert_eq!(
            next_day_start(rome, utc("2025-08-20T21:30:00Z")),
            utc("2025-08-20T22:00:00Z")
        );
        assert_eq!(
            next_month_start(rome, utc("2025-12-31T22:59:59Z")),
            utc("2025-12-31T23:00:00Z")
        );
        assert_eq!(
            next_month_start(rome, utc("2025-08-20T10:00:00Z")),
            utc("2025-08-31T22:00:00Z")
        );
        // Chile moved its clocks from 00:00 to 01:00 on 11 September 2022: that day starts at 01:00.
        let santiago = chrono_tz::America::Santiago;
        assert_eq!(
            next_day_start(santiago, utc("2022-09-10T12:00:00Z")),
            utc("2022-09-11T04:00:00Z")
        );
    }

    fn date(y: i32, m: u32, d: u32) -> When {
        When::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn rome() -> chrono_tz::Tz {
        "Europe/Rome".parse().unwrap()
    }

    /// An online course from 8 September 2025 in Rome, applications from 1 May, with the
    /// given deadline.
    fn course_with(deadline: Option<When>) -> Course {
        let start = date(2025, 9, 8);
        let text = CourseText {
            title: "A".into(),
            ..CourseText::default()
        };
        Course {
            code: "A1".into(),
            slug: "a".into(),
            modality: Modality::Online,
            topics: vec![],
            languages: vec![],
            page_languages: vec![],
            tz: rome(),
            status: Status::Scheduled,
            capacity: None,
            draft: false,
            sessions: vec![SessionFacts {
                start,
                end: date(2025, 10, 31),
                modality: None,
                repeat: None,
                country: None,
            }],
            hours: None,
            starts: None,
            admission: Admission::Apply(Application {
                url: BTreeMap::from([("en".to_string(), "https://apply.example.org".into())]),
                opens: Some(Opens::new(date(2025, 5, 1), rome())),
                closes: Some(match deadline {
                    Some(d) => Closes::deadline(d, rome()),
                    None => Closes::at_start(start, rome()),
                }),
            }),
            fee: None,
            cancellation: None,
            contacts: vec![],
            instructors: vec![],
            texts: Texts::new(BTreeMap::from([("en".to_string(), text)])).unwrap(),
            runs: vec![],
            run_at: None,
            bundle: None,
        }
    }

    fn course() -> Course {
        course_with(Some(date(2025, 8, 25)))
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn application_states() {
        let c = course();
        let st = |s: &str| application(&c, at(s));
        assert_eq!(st("2025-04-30T12:00:00Z"), ApplicationState::NotYetOpen);
        assert_eq!(st("2025-07-01T12:00:00Z"), ApplicationState::Open);
        assert_eq!(st("2025-08-20T10:00:00Z"), ApplicationState::ClosingSoon);
        // Calendar days in Rome: 20 August to 25 August.
        assert_eq!(days_left(&c, at("2025-08-20T10:00:00Z")), Some(5));
        // The deadline date ends at midnight in Rome (22:00 UTC in summer).
        assert_eq!(st("2025-08-25T21:59:00Z"), ApplicationState::ClosingSoon);
        assert_eq!(st("2025-08-25T22:00:00Z"), ApplicationState::Closed);
        let mut x = course();
        x.status = Status::Cancelled;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            ApplicationState::Unavailable
        );
        x.admission = Admission::Unstated;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            ApplicationState::None
        );
        x.admission = Admission::Nomination;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            ApplicationState::Unavailable
        );
        x.status = Status::Scheduled;
        assert_eq!(
            application(&x, at("2025-07-01T12:00:00Z")),
            ApplicationState::Nomination
        );
    }

    #[test]
    fn without_a_deadline_days_are_counted_to_the_start() {
        // The course starts on 8 September (00:00 in Rome); five days before, the last day to
        // apply (7 September) is four calendar days away, not "the last day".
        let c = course_with(None);
        let now = at("2025-09-03T10:00:00Z");
        assert_eq!(application(&c, now), ApplicationState::ClosingSoon);
        assert_eq!(days_left(&c, now), Some(4));
        assert_eq!(days_left(&c, at("2025-09-07T21:59:59Z")), Some(0));
        assert_eq!(
            application(&c, at("2025-09-07T22:00:00Z")),
            ApplicationState::Closed
        );
    }

    #[test]
    fn starting_soon_leaves_out_courses_open_for_applications() {
        // Starts 8 September (Rome); applications close 25 August.
        let c = course();
        let soon = |t: &str, days| starting_soon(&c, at(t), days);
        assert!(!soon("2025-08-20T10:00:00Z", 60), "open for applications");
        assert!(
            soon("2025-08-26T10:00:00Z", 60),
            "closed, starts in 13 days"
        );
        assert!(!soon("2025-08-26T10:00:00Z", 10), "beyond 10 days");
        assert!(!soon("2025-09-08T10:00:00Z", 60), "started");
        assert!(may_start_soon(&c, at("2025-06-01T00:00:00Z"), 60));
        // Open until the start: never listed as starting soon.
        let c = course_with(None);
        assert!(!may_start_soon(&c, at("2025-06-01T00:00:00Z"), 60));
        assert!(!starting_soon(&c, at("2025-09-01T00:00:00Z"), 60));
        // Not open yet when it comes within 200 days.
        assert!(may_start_soon(&c, at("2025-01-01T00:00:00Z"), 200));
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
        let next = next_change(&[c], &[], chrono_tz::UTC, 60, at("2025-08-20T10:00:00Z")).unwrap();
        assert_eq!(next.to_rfc3339(), "2025-08-25T22:00:00+00:00");
    }

    #[test]
    fn next_change_schedules_closing_soon_without_a_deadline() {
        // Applications close when the course starts (8 September, 00:00 in Rome): they are
        // closing soon from seven days before, which is the next change, not the start.
        let c = course_with(None);
        let next = next_change(&[c], &[], chrono_tz::UTC, 60, at("2025-08-20T10:00:00Z")).unwrap();
        assert_eq!(next.to_rfc3339(), "2025-08-31T21:59:59+00:00");
        let c = course_with(None);
        assert_eq!(
            application(&c, next - Duration::seconds(1)),
            ApplicationState::Open
        );
        assert_eq!(application(&c, next), ApplicationState::ClosingSoon);
    }

    fn course_state_at(c: &Course, s: &str) -> CourseState {
        super::course(c, at(s))
    }
}
