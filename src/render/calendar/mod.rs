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
//! * **SEQUENCE** and **LAST-MODIFIED** come from the build's revisions
//!   ([`crate::render::revisions`], the state file the previous build left in the output): an
//!   event whose dates, location, modality or status (or, for the deadline, its instant)
//!   changed gets the next SEQUENCE and the build's time, which clients need to replace their
//!   copy (they ignore an update whose SEQUENCE is not higher). Seen for the first time, an
//!   event starts at 0, or 1 when the course is cancelled or postponed (what versions without
//!   a state wrote). `DTSTAMP` moves with `--now`.
//! * **ORGANIZER** the course's first contact with an e-mail address, else the organisation
//!   with its `url`; a calendar says `METHOD:PUBLISH` only when all its events have one.
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
//!   zone. The deadline is an instant (`DURATION:PT0S`, which khal and ical.js place on its
//!   day): the end of its day in the course's zone, or its time, with a `VALARM` one day
//!   before (`[calendar] deadline_reminder`) unless the course is cancelled or postponed, whose
//!   deadline then carries no application link either.
//! * A session held on a weekly rhythm (issue 16, not yet in the model) will be one event
//!   with an `RRULE`: see the note in `events::course_events` where sessions become events.
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
