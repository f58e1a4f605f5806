//! The calendar page, `/<lang>/calendar/index.html`: the courses month by month, with links to
//! subscribe to the iCalendar feeds.
//!
//! A session is listed under every month it runs in (an eight-week course shows in September
//! and October), so the current month also shows what is already running; a course's
//! application deadline is an entry of its own in its month, as in the iCalendar files. The current and
//! coming months come first, in order; past months follow under their own heading, the most
//! recent first. Self-paced courses without sessions close the page. Everything is plain HTML:
//! headings for the sections and months, lists for the entries; no script is needed.

use super::super::pages::{card_data, common, html};
use super::super::view::{self, CourseCard, Link};
use super::super::{Ctx, Output};
use super::{has_events, topics_with_events};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::When;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// One session of a course, or its application deadline, in one month.
#[derive(Serialize)]
struct EntryView<'c> {
    card: std::borrow::Cow<'c, CourseCard>,
    /// The entry is the course's application deadline (its `dates` are the deadline's).
    is_deadline: bool,
    /// The session's name, when it has one.
    session: Option<String>,
    dates: String,
    start_iso: String,
    end_iso: String,
    modality: String,
    location: Option<String>,
}

#[derive(Serialize)]
struct MonthView<'c> {
    /// Fragment id: `m-2025-09`.
    id: String,
    /// `September 2025`, in the page's language.
    label: String,
    current: bool,
    entries: Vec<EntryView<'c>>,
}

/// "Current and coming months" or "Past months".
#[derive(Serialize)]
struct SectionView<'c> {
    /// Id of the section's heading.
    id: &'static str,
    heading: String,
    /// Said when there is no month in the section.
    empty: String,
    months: Vec<MonthView<'c>>,
}

#[derive(Serialize)]
struct Subscribe {
    webcal: String,
    https: String,
}

#[derive(Serialize)]
struct CalendarView<'a> {
    common: view::Common,
    t: &'a crate::i18n::Strings,
    heading: String,
    subscribe: Option<Subscribe>,
    topic_feeds: Vec<Link>,
    /// In-page links to the coming months and to the past months.
    jump: Vec<Link>,
    sections: Vec<SectionView<'a>>,
    self_paced: Vec<std::borrow::Cow<'a, CourseCard>>,
}

/// `https://host/x` → `webcal://host/x` (the scheme calendar apps subscribe with).
fn webcal(abs: &str) -> String {
    match abs.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => abs.to_string(),
    }
}

/// Renders the calendar page of `lang`. (The error is the template's, as for every page:
/// `pages::render` has the same signature.)
#[allow(clippy::result_large_err)]
pub fn page(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.calendar(lang);
    let heading = l.t.get("calendar_title").to_string();
    let today = ctx.now.with_timezone(&site.config.timezone).date_naive();
    let this_month = (today.year(), today.month());

    // (year, month) → [(sort key, course index, session index or `DEADLINE`)]
    const DEADLINE: usize = usize::MAX;
    type Item = ((NaiveDate, String, usize), usize, usize);
    let mut months: BTreeMap<(i32, u32), Vec<Item>> = BTreeMap::new();
    for (ci, c) in site.courses.iter().enumerate() {
        for (si, s) in c.sessions.iter().enumerate() {
            let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
            let (mut y, mut m) = (a.year(), a.month());
            while (y, m) <= (b.year(), b.month()) {
                months
                    .entry((y, m))
                    .or_default()
                    .push(((a, c.code.clone(), si), ci, si));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        if let Some(d) = c.deadline {
            let a = d.date_in(c.tz);
            months.entry((a.year(), a.month())).or_default().push((
                (a, c.code.clone(), DEADLINE),
                ci,
                DEADLINE,
            ));
        }
    }
    let month_view = |(y, m): (i32, u32), mut items: Vec<Item>| {
        items.sort();
        let entries = items
            .into_iter()
            .map(|(_, ci, si)| {
                let c = &site.courses[ci];
                if si == DEADLINE {
                    let d = c.deadline.unwrap_or(When::Date(NaiveDate::MIN));
                    let day = d.date_in(c.tz).format("%Y-%m-%d").to_string();
                    return EntryView {
                        card: card_data(ctx, ci, lang),
                        is_deadline: true,
                        session: None,
                        dates: view::when_text(&l, &d, c.tz, true),
                        start_iso: day.clone(),
                        end_iso: day,
                        modality: view::modality_label(&l, c.modality),
                        location: None,
                    };
                }
                let s = &c.sessions[si];
                let (_, text) = c.text_for(lang, &site.config.languages);
                let st = text.sessions.get(si);
                let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
                EntryView {
                    card: card_data(ctx, ci, lang),
                    is_deadline: false,
                    session: st
                        .and_then(|t| t.name.clone())
                        .filter(|n| !n.trim().is_empty()),
                    dates: view::range_text(&l, a, b),
                    start_iso: a.format("%Y-%m-%d").to_string(),
                    end_iso: b.format("%Y-%m-%d").to_string(),
                    modality: view::modality_label(&l, s.modality.unwrap_or(c.modality)),
                    location: st
                        .and_then(|t| t.location.clone())
                        .filter(|x| !x.trim().is_empty()),
                }
            })
            .collect();
        MonthView {
            id: format!("m-{y:04}-{m:02}"),
            label: cldr::month_year(lang, y, m),
            current: (y, m) == this_month,
            entries,
        }
    };
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for (ym, items) in months {
        if ym >= this_month {
            upcoming.push(month_view(ym, items));
        } else {
            past.push(month_view(ym, items));
        }
    }
    past.reverse();
    let mut jump: Vec<Link> = upcoming
        .iter()
        .map(|m| Link {
            href: format!("#{}", m.id),
            label: m.label.clone(),
        })
        .collect();
    let mut sections = vec![SectionView {
        id: "upcoming-h",
        heading: l.t.get("calendar_upcoming").to_string(),
        empty: l.t.get("calendar_none_upcoming").to_string(),
        months: upcoming,
    }];
    if !past.is_empty() {
        jump.push(Link {
            href: "#past-h".to_string(),
            label: l.t.get("calendar_past").to_string(),
        });
        sections.push(SectionView {
            id: "past-h",
            heading: l.t.get("calendar_past").to_string(),
            empty: String::new(),
            months: past,
        });
    }
    let self_paced = (0..site.courses.len())
        .filter(|&i| site.courses[i].sessions.is_empty())
        .map(|i| card_data(ctx, i, lang))
        .collect();
    let subscribe = site.courses.iter().any(has_events).then(|| {
        let abs = ctx.urls.abs(&ctx.urls.calendar_ics(lang));
        Subscribe {
            webcal: webcal(&abs),
            https: abs,
        }
    });
    let mut topic_feeds: Vec<Link> = topics_with_events(ctx)
        .into_iter()
        .map(|t| Link {
            href: ctx.urls.topic_ics(lang, &t),
            label: ctx.topic_label(&t, lang),
        })
        .collect();
    topic_feeds.sort_by(|a, b| a.label.cmp(&b.label));
    let alts: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|x| (x.clone(), ctx.urls.calendar(x)))
        .collect();
    let mut common = common(ctx, &l, &heading, None, &url, &alts);
    common.breadcrumbs = vec![Link {
        href: ctx.urls.home(lang),
        label: l.t.get("nav_home").to_string(),
    }];
    let v = CalendarView {
        common,
        t: ctx.strings_for(lang, "calendar.html"),
        heading,
        subscribe,
        topic_feeds,
        jump,
        sections,
        self_paced,
    };
    html(ctx, "calendar.html", &v, ctx.urls.file_of(&url))
}
