//! Calendars from the model: the iCalendar files of SPEC "Output" and the calendar page.
//!
//! * `/<lang>/courses/<slug>/<code>.ics`: a course's sessions and its application deadline;
//! * `/<lang>/calendar.ics`: every course, to subscribe to;
//! * `/<lang>/topics/<topic>/calendar.ics`: the courses of one topic;
//! * `/<lang>/calendar/index.html`: the courses month by month ([`page`]), with a page per
//!   month, `/<lang>/calendar/<yyyy>-<mm>/` (itself split into pages when it is long), when the
//!   calendar is large ([`split_months`]).
//!
//! Every language gets its calendars. A course with no page in a language is still in that
//! language's site and topic calendars, with its text in an available language
//! ([`Course::text_for`]) and the event's `LANGUAGE` parameter saying so.
//!
//! What goes into each event, and why:
//! * **UID** `<code>-s<n>-<lang>@<host>` for the n-th session (1-based, in the order the course
//!   lists them) and `<code>-deadline-<lang>@<host>` for the deadline; `<host>` is the host of
//!   `base_url`. Stable from build to build, the same for one event in the course's file and in
//!   the feeds (so a subscriber who also imported the course file sees one event), distinct
//!   across languages (each language's calendar is its own set of events). `--base-url`
//!   changes the host, so preview builds get other UIDs than the published site.
//! * **DTSTAMP** is the build's "now" (`--now`, `SOURCE_DATE_EPOCH`, else the clock), to the
//!   second: the same input built with the same `--now` gives the same bytes.
//! * **SEQUENCE** is 0, and 1 when the course is cancelled or postponed: the one change a build
//!   can recognise without remembering earlier builds, and the one clients must apply (they
//!   ignore an update whose SEQUENCE is not higher). Changed dates do not raise it (no state is
//!   kept between builds); `DTSTAMP` moves with `--now`, which clients use to order updates of
//!   one SEQUENCE.
//! * **STATUS** `CANCELLED` for a cancelled course, `TENTATIVE` for a postponed one, else
//!   `CONFIRMED`: the events stay in the calendars, so subscribers see the change; the SUMMARY
//!   then starts with the status ("Course cancelled: …") for clients that hide STATUS.
//! * **SUMMARY** the course title (with the session's name when it has one); the deadline event
//!   is "Application deadline: <title>". **DESCRIPTION** the course summary, the status line,
//!   the application link for the deadline, then the course page's absolute URL, also in
//!   **URL**. **LOCATION** the session's location, or "Online" for an online session without one.
//!   **CATEGORIES** the topics' labels.
//! * Sessions written as dates are all-day events (`VALUE=DATE`, exclusive `DTEND`, the day
//!   after the last one); sessions with times are UTC instants, converted from the course's
//!   zone. The deadline is an instant (no `DTEND`): the end of its day in the course's zone, or
//!   its time.
//! * **TRANSP** face-to-face sessions block time (`OPAQUE`); online and self-paced sessions
//!   (weeks of part-time study) and deadlines do not (`TRANSPARENT`).
//!
//! A calendar without events is neither written nor linked (RFC 5545 needs one component).

mod entries;
mod events;
mod files;
mod grid;
pub mod months;
mod page;
#[cfg(test)]
mod tests;

pub use events::{
    add_links, course_events, deadline_key, deadline_uid, event_fingerprints, has_events,
    session_key, session_span, session_uid, topics_with_events, uid_host, AddLinks,
};
pub use files::{
    course_calendar, ics_jobs, ics_url, render_ics, site_calendar, topic_calendar, webcal, IcsJob,
    PRODID,
};
pub use months::{split_months, Month, Months};
pub use page::{page, page_jobs, PageJob};
