//! A course's events, as every calendar shows them (rules in [`super`]): one per session and
//! its application deadline, with stable UIDs and their fingerprints for the build's state;
//! and the "add to Google Calendar / Outlook" links of each.

use crate::model::revisions::fingerprint;
use crate::model::{Course, Modality, SessionFacts, Status, When};
use crate::render::ics::{self, Alarm, Event, EventStatus, Organizer};
use crate::render::{Ctx, Lctx};

/// Whether a course (any of its runs) has anything to put in a calendar: a session or a
/// deadline.
pub fn has_events(c: &Course) -> bool {
    c.runs()
        .iter()
        .any(|r| !r.sessions.is_empty() || r.deadline().is_some())
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

/// A repeating session's rhythm as its event writes it: the first meeting's local times in
/// the course's zone, the days, the last day and the days without a meeting.
pub fn recur_of(s: &SessionFacts, tz: chrono_tz::Tz) -> Option<ics::Recur> {
    let r = s.repeat.as_ref()?;
    let midnight = chrono::NaiveTime::MIN;
    let local = |w: &When, all_day_end: bool| match w.time_in(tz) {
        Some(t) => w.date_in(tz).and_time(t),
        None if all_day_end => (w.date_in(tz) + chrono::TimeDelta::days(1)).and_time(midnight),
        None => w.date_in(tz).and_time(midnight),
    };
    Some(ics::Recur {
        tz,
        start: local(&s.start, false),
        end: local(&s.end, true),
        all_day: s.start.is_date() && s.end.is_date(),
        days: r.days.clone(),
        until: r.until,
        except: r.except.clone(),
    })
}

/// The key of a course's `n`-th session (1-based) in the build's state
/// ([`crate::model::Revisions`]): one revision for the event in every language's calendars.
pub fn session_key(code: &str, n: usize) -> String {
    format!("event/{code}-s{n}")
}

/// The key of a course's deadline in the build's state.
pub fn deadline_key(code: &str) -> String {
    format!("event/{code}-deadline")
}

/// Each event of a course with its state key, its fingerprint (what a client must see
/// change: dates, location, status, the deadline) and its first sequence: 1 for a cancelled
/// or postponed course, as versions without a state wrote, so that their subscribers still
/// take the next change.
/// Each run's events, keyed by the run's code (so that a run keeps its keys, and its
/// `SEQUENCE`, whatever other runs are added or removed).
pub fn event_fingerprints(c: &Course) -> Vec<(String, u64, u32)> {
    c.runs().iter().flat_map(run_fingerprints).collect()
}

fn run_fingerprints(c: &Course) -> Vec<(String, u64, u32)> {
    let (status, first) = status_of(c);
    let status = status.as_ical();
    let mut out = Vec::with_capacity(c.sessions.len() + 1);
    for (i, s) in c.sessions.iter().enumerate() {
        let (a, b) = session_span(s, c.tz);
        let mut parts = vec![
            google_date(a),
            google_date(b),
            format!("{:?}", s.modality.unwrap_or(c.modality)),
            status.to_string(),
        ];
        if let Some(r) = &s.repeat {
            parts.push(format!("{:?} {} {:?}", r.days, r.until, r.except));
        }
        for (lang, t) in &c.texts {
            let loc = t.sessions.get(i).and_then(|x| x.location.as_deref());
            parts.push(format!("{lang}={}", loc.unwrap_or("").trim()));
        }
        out.push((session_key(&c.code, i + 1), fingerprint(&parts), first));
    }
    if let Some(d) = c.deadline() {
        let (status, first) = deadline_status_of(c);
        let at = d.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let parts = [at.as_str(), status.as_ical()];
        out.push((deadline_key(&c.code), fingerprint(&parts), first));
    }
    out
}

fn status_of(c: &Course) -> (EventStatus, u32) {
    match c.status {
        Status::Cancelled => (EventStatus::Cancelled, 1),
        Status::Postponed => (EventStatus::Tentative, 1),
        Status::Scheduled | Status::Full => (EventStatus::Confirmed, 0),
    }
}

/// The status of a course's deadline event and its first sequence: a full course still takes
/// place (its sessions stay confirmed) but takes no more applications, so its deadline is
/// called off, as a cancelled course's is.
fn deadline_status_of(c: &Course) -> (EventStatus, u32) {
    match c.status {
        Status::Full => (EventStatus::Cancelled, 1),
        _ => status_of(c),
    }
}

/// The session's location, or the online label for an online or self-paced session.
fn location_of(l: &Lctx<'_>, c: &Course, s: &SessionFacts, text: Option<&str>) -> Option<String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(t.to_string()),
        None => match s.modality.unwrap_or(c.modality) {
            Modality::Online | Modality::SelfPaced => Some(l.t.get("modality_online").to_string()),
            Modality::FaceToFace | Modality::Blended | Modality::Hybrid => None,
        },
    }
}

/// Who to ask about a course: its first contact when it has an e-mail address, else the
/// organisation when it has a web address.
pub(super) fn organizer_of(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Option<Organizer> {
    let cfg = &ctx.site.config;
    let first = c.contacts.first();
    match first.and_then(|k| k.email.as_deref().map(|e| (k, e))) {
        Some((k, email)) => Some(Organizer {
            name: k.name.get(lang, &cfg.text_order).to_string(),
            address: format!("mailto:{email}"),
        }),
        None => cfg.organisation_url.as_ref().map(|u| Organizer {
            name: cfg.organisation_name.get(lang, &cfg.text_order).to_string(),
            address: u.clone(),
        }),
    }
}

/// A cancelled, postponed or full course's status, as its events say it: the label that starts
/// their summaries and the line of their descriptions. A full course's sessions take place as
/// planned and say nothing of it (`sessions` true); its deadline says it is full.
fn status_words(l: &Lctx<'_>, c: &Course, sessions: bool) -> (Option<String>, Option<String>) {
    match c.status {
        Status::Full if sessions => (None, None),
        Status::Cancelled | Status::Postponed | Status::Full => (
            Some(l.t.get(&format!("status_{}", c.status.id())).to_string()),
            Some(
                l.t.get(&format!("apply_line_{}", c.status.id()))
                    .to_string(),
            ),
        ),
        Status::Scheduled => (None, None),
    }
}

/// Every event of a course in the calendars of `lang`: of each run (earliest first), one per
/// session, then the deadline.
pub fn course_events(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Vec<Event> {
    events_of(ctx, c, lang, Summary::Described)
}

/// Whether an event's description starts with the course's summary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Summary {
    /// In the calendar files: the description is all a client shows of the course.
    Described,
    /// In the "add" links: the page's address says more, and the summary written again in
    /// three links per event was a fifth of a course page.
    Left,
}

/// [`course_events`], with or without the summary in the descriptions.
fn events_of(ctx: &Ctx<'_>, c: &Course, lang: &str, with_summary: Summary) -> Vec<Event> {
    c.runs()
        .iter()
        .flat_map(|r| run_events(ctx, r, lang, with_summary))
        .collect()
}

/// An event's description: the course's summary (when it is given), the course's status,
/// `extra`, and the address of its page, each a paragraph.
fn describe(lead: Option<&str>, status: Option<&str>, extra: Option<String>, page: &str) -> String {
    let lead = lead.map(str::trim).filter(|s| !s.is_empty());
    let parts: Vec<String> = (lead.into_iter().chain(status).map(String::from))
        .chain(extra)
        .chain([page.to_string()])
        .collect();
    parts.join("\n\n")
}

/// The events of one run (a course given once is its own run).
fn run_events(ctx: &Ctx<'_>, c: &Course, lang: &str, with_summary: Summary) -> Vec<Event> {
    let l = ctx.lctx(lang);
    let (tlang, text) = c.text_for(lang, &ctx.site.config.text_order);
    let host = uid_host(&ctx.site.config.base_url);
    let page = ctx.urls.abs(&ctx.urls.course(tlang, &c.slug));
    let (status, sequence) = status_of(c);
    let (status_label, status_line) = status_words(&l, c, true);
    let with_status = |label: Option<&str>, summary: String| match label {
        Some(s) => l.t.fill(
            "calendar_status_summary",
            &[("status", s), ("title", &summary)],
        ),
        None => summary,
    };
    let lead = (text.summary.as_deref()).filter(|_| with_summary == Summary::Described);
    let description = |extra, line: Option<&str>| describe(lead, line, extra, &page);
    let categories: Vec<String> = c.topics.iter().map(|t| ctx.topic_label(t, lang)).collect();
    let ev_lang = (tlang != lang).then(|| tlang.to_string());
    let organizer = organizer_of(ctx, c, tlang);
    // The event's revision: its SEQUENCE and LAST-MODIFIED (a first build starts from the
    // status's sequence; see `event_fingerprints`).
    let revision = |key: String, first: u32| {
        ctx.revisions
            .get(&key)
            .map_or((first, None), |r| (r.sequence, Some(r.modified)))
    };
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
        let (sequence, last_modified) = revision(session_key(&c.code, i + 1), sequence);
        events.push(Event {
            uid: session_uid(&c.code, i + 1, lang, &host),
            dtstamp: ctx.now,
            last_modified,
            organizer: organizer.clone(),
            alarm: None,
            start,
            end,
            summary: with_status(status_label.as_deref(), summary),
            description: description(None, status_line.as_deref()),
            url: Some(page.clone()),
            location: location_of(&l, c, s, st.and_then(|t| t.location.as_deref())),
            status,
            sequence,
            categories: categories.clone(),
            transp_transparent: s.modality.unwrap_or(c.modality) != Modality::FaceToFace,
            lang: ev_lang.clone(),
            recur: recur_of(s, c.tz),
        });
    }
    // A deadline the note states: a course without one closes applications when it starts,
    // which its first session's event already shows.
    if let Some(at) = c.deadline().map(|d| d.at) {
        // A cancelled, postponed or full course invites nobody: no link, no reminder.
        let (status, sequence) = deadline_status_of(c);
        let (status_label, status_line) = status_words(&l, c, false);
        let open = status == EventStatus::Confirmed;
        let apply = c
            .application()
            .filter(|_| open)
            .and_then(|a| a.url_for(tlang))
            .map(|u| format!("{} {u}", l.t.get("apply_at")));
        let summary =
            l.t.fill("calendar_deadline_summary", &[("title", &text.title)]);
        let alarm = (open && ctx.site.config.calendar.deadline_reminder).then(|| Alarm {
            hours_before: 24,
            description: summary.clone(),
        });
        let (sequence, last_modified) = revision(deadline_key(&c.code), sequence);
        events.push(Event {
            uid: deadline_uid(&c.code, lang, &host),
            dtstamp: ctx.now,
            last_modified,
            organizer,
            alarm,
            start: ics::When::Utc(at),
            end: ics::When::Utc(at),
            summary: with_status(status_label.as_deref(), summary),
            description: description(apply, status_line.as_deref()),
            url: Some(page.clone()),
            location: None,
            status,
            sequence,
            categories,
            transp_transparent: true,
            lang: ev_lang,
            recur: None,
        });
    }
    events
}

/// Percent-encodes a query value of an "add" link: everything but RFC 3986's unreserved
/// characters and `/ : @ ( ) ,`, which a query may hold as they are (addresses, times, a
/// code in brackets, "City, Country" stay readable and short); `& = + # % ;`, spaces and
/// every byte outside ASCII are encoded.
pub(super) fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    query_escape_into(&mut out, s);
    out
}

/// [`query_escape`], appended to `out` (the links of a course page write thousands of them:
/// one `format!` per byte was a tenth of a build).
fn query_escape_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b'/' | b':' | b'@' | b'(' | b')' | b','
            )
        {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`, as Google Calendar's `dates` parameter wants them.
pub(super) fn google_date(w: ics::When) -> String {
    match w {
        ics::When::Date(d) => crate::render::kit::iso::date_basic(d),
        ics::When::Utc(t) => crate::render::kit::iso::utc_basic(&t),
    }
}

/// The "add this event" links of one event, each opening the service's new-event form filled
/// in: Google Calendar, Outlook.com (personal accounts) and Microsoft 365 (work and school
/// accounts, the same form on another host).
/// Empty links for a weekly session: the forms take one date and time, so they would add its
/// first meeting only; the page offers the calendar file instead, whose event repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddLinks {
    pub google: String,
    pub outlook_com: String,
    pub microsoft_365: String,
}

/// One [`AddLinks`] per event of the course as the calendars of `lang` show it: its sessions
/// in the order the course lists them, then its deadline. Empty when the course is cancelled
/// or postponed (there is nothing to attend, nobody is invited).
pub fn add_links(ctx: &Ctx<'_>, c: &Course, lang: &str) -> Vec<AddLinks> {
    if matches!(c.status, Status::Cancelled | Status::Postponed) {
        return Vec::new();
    }
    events_of(ctx, c, lang, Summary::Left)
        .iter()
        .map(|ev| {
            if ev.recur.is_some() {
                return AddLinks {
                    google: String::new(),
                    outlook_com: String::new(),
                    microsoft_365: String::new(),
                };
            }
            let form = FormText::of(ev);
            let outlook = outlook_query(ev, &form);
            AddLinks {
                google: google_url(ev, &form),
                outlook_com: format!("https://outlook.live.com{OUTLOOK_PATH}{outlook}"),
                microsoft_365: format!("https://outlook.office.com{OUTLOOK_PATH}{outlook}"),
            }
        })
        .collect()
}

/// The texts of an event as the forms take them, escaped once for all three links.
struct FormText {
    summary: String,
    description: String,
    /// `&location=…`, or nothing.
    location: String,
}

impl FormText {
    fn of(ev: &Event) -> FormText {
        let mut location = String::new();
        if let Some(loc) = ev.location.as_deref().filter(|l| !l.is_empty()) {
            location.push_str("&location=");
            query_escape_into(&mut location, loc);
        }
        FormText {
            summary: query_escape(&ev.summary),
            description: query_escape(&ev.description),
            location,
        }
    }
}

/// The end an "add" form is given: a date event's exclusive end, or an instant's own time
/// (a deadline has no length).
fn form_end(ev: &Event) -> ics::When {
    match (ev.start, ev.end) {
        (ics::When::Utc(a), ics::When::Utc(b)) if b <= a => ics::When::Utc(a),
        _ => ev.end,
    }
}

/// Google Calendar's "add event" form for `ev`.
fn google_url(ev: &Event, form: &FormText) -> String {
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}{}",
        form.summary,
        google_date(ev.start),
        google_date(form_end(ev)),
        form.description,
        form.location,
    )
}

/// `2025-10-06` or `2025-10-06T07:00:00Z`, as Outlook's `startdt` and `enddt` want them.
fn outlook_date(w: ics::When) -> String {
    match w {
        ics::When::Date(d) => crate::render::kit::iso::date(d),
        ics::When::Utc(t) => crate::render::kit::iso::utc_extended(&t),
    }
}

/// The path of Outlook's "compose event" form, the same on `outlook.live.com` (Outlook.com)
/// and `outlook.office.com` (Microsoft 365).
const OUTLOOK_PATH: &str =
    "/calendar/0/deeplink/compose?path=/calendar/action/compose&rru=addevent";

/// The query of Outlook's form for `ev`, after [`OUTLOOK_PATH`].
fn outlook_query(ev: &Event, form: &FormText) -> String {
    let all_day = matches!(ev.start, ics::When::Date(_));
    format!(
        "&subject={}&startdt={}&enddt={}&allday={all_day}&body={}{}",
        form.summary,
        query_escape(&outlook_date(ev.start)),
        query_escape(&outlook_date(form_end(ev))),
        form.description,
        form.location,
    )
}
