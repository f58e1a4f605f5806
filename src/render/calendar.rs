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

mod page;
#[cfg(test)]
mod tests;

use super::ics::{self, Calendar, Event, EventStatus};
use super::{Ctx, Lctx, Output};
use crate::model::{Course, Lang, Modality, SessionFacts, Status, When};

pub use page::{page, page_jobs, split_months, Month, Months, PageJob};

/// `PRODID` of every calendar (RFC 5545 §3.7.3).
pub const PRODID: &str = concat!(
    "-//Prospectus//Prospectus ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// How often subscribers should refresh the site and topic feeds.
pub const REFRESH_HOURS: u32 = 12;

/// One `.ics` file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsJob {
    /// A course's calendar in a language it has a page in (index into `Site::courses`).
    Course(Lang, usize),
    /// Every course.
    Site(Lang),
    /// The courses of a topic.
    Topic(Lang, String),
}

/// The `.ics` files of a build: only those that have events.
pub fn ics_jobs(ctx: &Ctx<'_>) -> Vec<IcsJob> {
    let site = ctx.site;
    let mut jobs = Vec::new();
    let any = site.courses.iter().any(has_events);
    for lang in &site.config.languages {
        if any {
            jobs.push(IcsJob::Site(lang.clone()));
        }
        for t in topics_with_events(ctx) {
            jobs.push(IcsJob::Topic(lang.clone(), t));
        }
    }
    for (i, c) in site.courses.iter().enumerate() {
        if has_events(c) {
            jobs.extend(c.texts.keys().map(|l| IcsJob::Course(l.clone(), i)));
        }
    }
    jobs
}

/// The address of an `.ics` file.
pub fn ics_url(ctx: &Ctx<'_>, job: &IcsJob) -> String {
    match job {
        IcsJob::Course(lang, i) => {
            let c = &ctx.site.courses[*i];
            ctx.urls.course_ics(lang, &c.slug, &c.code)
        }
        IcsJob::Site(lang) => ctx.urls.calendar_ics(lang),
        IcsJob::Topic(lang, t) => ctx.urls.topic_ics(lang, t),
    }
}

/// Writes one `.ics` file (nothing when it would be empty).
pub fn render_ics(ctx: &Ctx<'_>, job: &IcsJob) -> Vec<Output> {
    let courses = &ctx.site.courses;
    let url = ics_url(ctx, job);
    let (cal, members): (Calendar, Vec<usize>) = match job {
        IcsJob::Course(lang, i) => (course_calendar_header(ctx, &courses[*i], lang), vec![*i]),
        IcsJob::Site(lang) => (
            site_calendar_header(ctx, lang),
            (0..courses.len()).collect(),
        ),
        IcsJob::Topic(lang, t) => (
            topic_calendar_header(ctx, lang, t),
            (0..courses.len())
                .filter(|&i| courses[i].topics.iter().any(|x| x == t))
                .collect(),
        ),
    };
    let lang = cal.lang.clone();
    let blocks: Vec<std::borrow::Cow<'_, String>> = members
        .iter()
        .map(|&i| {
            ctx.ics_events.get(i, &lang, || {
                ics::write_events(&course_events(ctx, &courses[i], &lang), &lang)
            })
        })
        .collect();
    let refs: Vec<&str> = blocks.iter().map(|b| b.as_str()).collect();
    ics::write_calendar_with(&cal, &refs)
        .map(|text| Output::bytes(ctx.urls.file_of(&url), text))
        .into_iter()
        .collect()
}

/// Whether a course has anything to put in a calendar: a session or a deadline.
pub fn has_events(c: &Course) -> bool {
    !c.sessions.is_empty() || c.deadline().is_some()
}

/// Topic ids (in `data/topics.toml` order) with at least one course that has events.
pub fn topics_with_events(ctx: &Ctx<'_>) -> Vec<String> {
    ctx.site
        .data
        .topics
        .keys()
        .filter(|t| {
            ctx.site
                .courses
                .iter()
                .any(|c| has_events(c) && c.topics.contains(t))
        })
        .cloned()
        .collect()
}

/// The host of the base URL, for UIDs: `https://training.example.org/sub` → `training.example.org`.
pub fn uid_host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() {
        "prospectus.invalid".to_string()
    } else {
        host.to_ascii_lowercase()
    }
}

/// UID of the `n`-th session (1-based) of a course in a language's calendars.
pub fn session_uid(code: &str, n: usize, lang: &str, host: &str) -> String {
    format!("{code}-s{n}-{lang}@{host}")
}

/// UID of a course's application deadline in a language's calendars.
pub fn deadline_uid(code: &str, lang: &str, host: &str) -> String {
    format!("{code}-deadline-{lang}@{host}")
}

/// Start and (exclusive) end of a session as iCalendar values: all-day when both ends are
/// dates, else UTC instants (a date end then ends at the end of its day in the course's zone).
pub fn session_span(s: &SessionFacts, tz: chrono_tz::Tz) -> (ics::When, ics::When) {
    match (s.start, s.end) {
        (When::Date(a), When::Date(b)) => (
            ics::When::Date(a),
            ics::When::Date(b.succ_opt().unwrap_or(b)),
        ),
        (a, b) => (
            ics::When::Utc(a.start_instant(tz)),
            ics::When::Utc(b.end_instant(tz)),
        ),
    }
}

fn status_of(c: &Course) -> (EventStatus, u32) {
    match c.status {
        Status::Cancelled => (EventStatus::Cancelled, 1),
        Status::Postponed => (EventStatus::Tentative, 1),
        Status::Scheduled | Status::Full => (EventStatus::Confirmed, 0),
    }
}

/// The session's location, or the online label for an online or self-paced session.
fn location_of(l: &Lctx<'_>, c: &Course, s: &SessionFacts, text: Option<&str>) -> Option<String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(t.to_string()),
        None => match s.modality.unwrap_or(c.modality) {
            Modality::Online | Modality::SelfPaced => Some(l.t.get("modality_online").to_string()),
            Modality::FaceToFace | Modality::Blended => None,
        },
    }
}

/// Every event of a course in the calendars of `lang`: one per session, then the deadline.
pub fn course_events(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Vec<Event> {
    let l = ctx.lctx(lang);
    let (tlang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let host = uid_host(&ctx.site.config.base_url);
    let page = ctx.urls.abs(&ctx.urls.course(tlang, &c.slug));
    let (status, sequence) = status_of(c);
    let status_label = match c.status {
        Status::Cancelled | Status::Postponed => {
            Some(l.t.get(&format!("status_{}", c.status.id())).to_string())
        }
        _ => None,
    };
    let status_line = match c.status {
        Status::Cancelled => Some(l.t.get("apply_line_cancelled").to_string()),
        Status::Postponed => Some(l.t.get("apply_line_postponed").to_string()),
        _ => None,
    };
    let with_status = |summary: String| match &status_label {
        Some(s) => l.t.fill(
            "calendar_status_summary",
            &[("status", s), ("title", &summary)],
        ),
        None => summary,
    };
    let description = |extra: Option<String>| {
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = text.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(s.trim().to_string());
        }
        parts.extend(status_line.clone());
        parts.extend(extra);
        parts.push(page.clone());
        parts.join("\n\n")
    };
    let categories: Vec<String> = c.topics.iter().map(|t| ctx.topic_label(t, lang)).collect();
    let ev_lang = (tlang != lang).then(|| tlang.to_string());
    let dtstamp = ctx.now;
    let mut events = Vec::with_capacity(c.sessions.len() + 1);
    for (i, s) in c.sessions.iter().enumerate() {
        let st = text.sessions.get(i);
        let name = st.and_then(|t| t.name.as_deref()).filter(|n| !n.is_empty());
        let summary = match name {
            Some(n) => l.t.fill(
                "calendar_session_summary",
                &[("title", &text.title), ("session", n)],
            ),
            None => text.title.clone(),
        };
        let (start, end) = session_span(s, c.tz);
        events.push(Event {
            uid: session_uid(&c.code, i + 1, lang, &host),
            dtstamp,
            start,
            end,
            summary: with_status(summary),
            description: description(None),
            url: Some(page.clone()),
            location: location_of(&l, c, s, st.and_then(|t| t.location.as_deref())),
            status,
            sequence,
            categories: categories.clone(),
            transp_transparent: s.modality.unwrap_or(c.modality) != Modality::FaceToFace,
            lang: ev_lang.clone(),
        });
    }
    // A deadline the note states: a course without one closes applications when it starts,
    // which its first session's event already shows.
    if let Some(at) = c.deadline().map(|d| d.at) {
        let apply = c
            .application()
            .and_then(|a| a.url_for(tlang))
            .map(|u| format!("{} {u}", l.t.get("apply_at")));
        events.push(Event {
            uid: deadline_uid(&c.code, lang, &host),
            dtstamp,
            start: ics::When::Utc(at),
            end: ics::When::Utc(at),
            summary: with_status(l.t.fill("calendar_deadline_summary", &[("title", &text.title)])),
            description: description(apply),
            url: Some(page.clone()),
            location: None,
            status,
            sequence,
            categories,
            transp_transparent: true,
            lang: ev_lang,
        });
    }
    events
}

fn calendar(ctx: &Ctx<'_>, lang: &str, name: String, url: &str, events: Vec<Event>) -> Calendar {
    let l = ctx.lctx(lang);
    let cfg = &ctx.site.config;
    let site = cfg.title.get(lang, &cfg.text_order);
    Calendar {
        prodid: PRODID.to_string(),
        name,
        description: Some(l.t.fill("calendar_description", &[("site", site)])),
        lang: lang.to_string(),
        url: Some(ctx.urls.abs(url)),
        refresh_interval_hours: Some(REFRESH_HOURS),
        events,
    }
}

/// A course's own calendar in `lang`.
pub fn course_calendar(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Calendar {
    let mut cal = course_calendar_header(ctx, c, lang);
    cal.events = course_events(ctx, c, lang);
    cal
}

/// [`course_calendar`] without its events.
fn course_calendar_header(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Calendar {
    let l = ctx.lctx(lang);
    let (_, text) = c.text_for(lang, &ctx.site.config.text_order);
    let name = l.t.fill(
        "calendar_name_course",
        &[("title", &text.title), ("code", &c.code)],
    );
    let url = ctx.urls.course_ics(lang, &c.slug, &c.code);
    let mut cal = calendar(ctx, lang, name, &url, Vec::new());
    cal.refresh_interval_hours = None; // a download, not a subscription
    cal
}

/// Every course's events in `lang` (`/<lang>/calendar.ics`).
pub fn site_calendar(ctx: &Ctx<'_>, lang: &str) -> Calendar {
    let mut cal = site_calendar_header(ctx, lang);
    cal.events = ctx
        .site
        .courses
        .iter()
        .flat_map(|c| course_events(ctx, c, lang))
        .collect();
    cal
}

fn site_calendar_header(ctx: &Ctx<'_>, lang: &str) -> Calendar {
    let l = ctx.lctx(lang);
    let cfg = &ctx.site.config;
    let name = l.t.fill(
        "calendar_name_site",
        &[("site", cfg.title.get(lang, &cfg.text_order))],
    );
    calendar(ctx, lang, name, &ctx.urls.calendar_ics(lang), Vec::new())
}

/// The events of a topic's courses in `lang` (`/<lang>/topics/<topic>/calendar.ics`).
pub fn topic_calendar(ctx: &Ctx<'_>, lang: &str, topic: &str) -> Calendar {
    let mut cal = topic_calendar_header(ctx, lang, topic);
    cal.events = ctx
        .site
        .courses
        .iter()
        .filter(|c| c.topics.iter().any(|t| t == topic))
        .flat_map(|c| course_events(ctx, c, lang))
        .collect();
    cal
}

fn topic_calendar_header(ctx: &Ctx<'_>, lang: &str, topic: &str) -> Calendar {
    let l = ctx.lctx(lang);
    let cfg = &ctx.site.config;
    let name = l.t.fill(
        "calendar_name_topic",
        &[
            ("site", cfg.title.get(lang, &cfg.text_order)),
            ("topic", &ctx.topic_label(topic, lang)),
        ],
    );
    calendar(
        ctx,
        lang,
        name,
        &ctx.urls.topic_ics(lang, topic),
        Vec::new(),
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters (for query values).
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`, as Google Calendar's `dates` parameter wants them.
fn google_date(w: ics::When) -> String {
    match w {
        ics::When::Date(d) => d.format("%Y%m%d").to_string(),
        ics::When::Utc(t) => t.format("%Y%m%dT%H%M%SZ").to_string(),
    }
}

/// A Google Calendar "add event" link for the course's first session (its earliest start), as
/// the page in `l.lang` shows it; `None` without sessions or when the course is cancelled or
/// postponed (there is nothing to attend).
pub fn google_calendar_url(c: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> Option<String> {
    if matches!(c.status, Status::Cancelled | Status::Postponed) {
        return None;
    }
    let (i, s) = c
        .sessions
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.start.start_instant(c.tz))?;
    let (tlang, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let st = text.sessions.get(i);
    let (start, end) = session_span(s, c.tz);
    let end = match (start, end) {
        (ics::When::Utc(a), ics::When::Utc(b)) if b <= a => ics::When::Utc(a),
        _ => end,
    };
    let mut details = String::new();
    if let Some(sum) = text.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        details.push_str(sum.trim());
        details.push_str("\n\n");
    }
    details.push_str(&ctx.urls.abs(&ctx.urls.course(tlang, &c.slug)));
    let title = match st.and_then(|t| t.name.as_deref()).filter(|n| !n.is_empty()) {
        Some(n) => l.t.fill(
            "calendar_session_summary",
            &[("title", &text.title), ("session", n)],
        ),
        None => text.title.clone(),
    };
    let mut url = format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}",
        query_escape(&title),
        google_date(start),
        google_date(end),
        query_escape(&details),
    );
    if let Some(loc) = location_of(l, c, s, st.and_then(|t| t.location.as_deref())) {
        url.push_str("&location=");
        url.push_str(&query_escape(&loc));
    }
    Some(url)
}
