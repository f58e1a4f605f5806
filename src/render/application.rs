//! The application part of a course's card and page in one language: its state, the line
//! under the button ("Applications close in 4 days — 25 August 2025"), the form, and the values
//! the state script (`assets/prospectus.js`) restates it from in the visitor's browser.

use super::kit::words::{days_phrase, when_text};
use super::view::ApplicationView;
use super::{Ctx, Lctx};
use crate::model::{ClosedBy, Course, Status, When};
use crate::state::{self, ApplicationState};

/// A course's application block in `l.lang`, as its text in `text_lang` states it.
pub fn application(
    c: &Course,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
    text_lang: &str,
    text: &crate::model::CourseText,
) -> ApplicationView {
    let st = state::application(c, ctx.now);
    // A course that takes no applications (cancelled, postponed, full) has no date to apply
    // by: its deadline, opening and form are neither shown nor followed by the state script.
    let app = c
        .application()
        .filter(|_| st != ApplicationState::Unavailable);
    let closes = app.and_then(|a| a.closes);
    let shown = |w: &When| when_text(l, w, c.tz, true);
    let deadline = app.and_then(|a| a.deadline()).map(|d| shown(&d.when));
    let until_start = closes
        .filter(|x| x.by == ClosedBy::Start)
        .map(|x| shown(&x.when));
    let opens = app.and_then(|a| a.opens).map(|o| shown(&o.when));
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    ApplicationView {
        state: st.id(),
        line_until: (st == ApplicationState::ClosingSoon)
            .then(|| iso(state::next_day_start(c.tz, ctx.now))),
        label: match st {
            ApplicationState::None => String::new(),
            _ => {
                l.t.get(&format!("state_{}", st.id().replace('-', "_")))
                    .to_string()
            }
        },
        line: apply_line(
            c,
            l,
            ctx,
            st,
            deadline.as_deref(),
            until_start.as_deref(),
            opens.as_deref(),
        ),
        url: app.and_then(|a| a.url_for(text_lang)).map(str::to_string),
        button: l
            .t
            .get(if st.accepts() {
                "apply_button"
            } else {
                "apply_button_closed"
            })
            .to_string(),
        deadline,
        deadline_iso: closes.map(|x| iso(x.at)),
        opens_iso: app.and_then(|a| a.opens).map(|o| iso(o.at)),
        until_start,
        tz: closes.map(|_| c.tz.name().to_string()),
        selection_html: text.selection.as_ref().map(|s| ctx.inline(s)),
    }
}

/// The line of an application state: what the state script writes too (`prospectus.js`,
/// `lineFor`), from the same strings. `deadline` is the stated deadline, `until_start` the start
/// when applications close with it.
fn apply_line(
    c: &Course,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
    st: ApplicationState,
    deadline: Option<&str>,
    until_start: Option<&str>,
    opens: Option<&str>,
) -> String {
    let opens = opens.unwrap_or_default();
    match (st, deadline, until_start) {
        (ApplicationState::None, ..) => String::new(),
        (ApplicationState::Nomination, ..) => l.t.get("state_nomination").to_string(),
        (ApplicationState::NotYetOpen, Some(d), _) => l.t.fill(
            "apply_line_not_yet_open",
            &[("opens", opens), ("deadline", d)],
        ),
        (ApplicationState::NotYetOpen, None, Some(s)) => l.t.fill(
            "apply_line_not_yet_open_until_start",
            &[("opens", opens), ("start", s)],
        ),
        (ApplicationState::NotYetOpen, None, None) => {
            l.t.fill("apply_line_not_yet_open_no_deadline", &[("opens", opens)])
        }
        (ApplicationState::Open, Some(d), _) => l.t.fill("apply_line_open", &[("deadline", d)]),
        (ApplicationState::Open, None, Some(s)) => {
            l.t.fill("apply_line_open_until_start", &[("start", s)])
        }
        (ApplicationState::Open, None, None) => l.t.get("apply_line_open_no_deadline").to_string(),
        (ApplicationState::ClosingSoon, ..) => {
            // After the dash: the deadline, or "the course starts on …".
            let when = match (deadline, until_start) {
                (Some(d), _) => d.to_string(),
                (None, s) => l.t.fill(
                    "apply_line_course_starts",
                    &[("start", s.unwrap_or_default())],
                ),
            };
            match state::days_left(c, ctx.now).unwrap_or(0) {
                0 => l.t.fill("apply_line_last_day", &[("deadline", &when)]),
                1 => {
                    l.t.fill("apply_line_closes_tomorrow", &[("deadline", &when)])
                }
                days => l.t.fill(
                    "apply_line_closing_soon",
                    &[("days", &days_phrase(l, days)), ("deadline", &when)],
                ),
            }
        }
        (ApplicationState::Closed, None, Some(s)) => {
            l.t.fill("apply_line_closed_at_start", &[("start", s)])
        }
        (ApplicationState::Closed, d, _) => {
            l.t.fill("apply_line_closed", &[("deadline", d.unwrap_or_default())])
        }
        (ApplicationState::Unavailable, ..) => {
            l.t.get(match c.status {
                Status::Cancelled => "apply_line_cancelled",
                Status::Postponed => "apply_line_postponed",
                _ => "apply_line_full",
            })
            .to_string()
        }
    }
}
