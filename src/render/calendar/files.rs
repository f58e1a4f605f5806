//! The `.ics` files of a build: which there are (a course's, the site's, each topic's), their
//! addresses, their headers, and each file made from its courses' events (written once per
//! course and language, [`crate::render::Ctx::ics_events`]).

use super::events::{course_events, has_events, organizer_of, topics_with_events};
use crate::model::{Course, Lang};
use crate::render::ics::{self, Calendar, Event};
use crate::render::{Ctx, Output};

/// `PRODID` of every calendar (RFC 5545 §3.7.3).
pub const PRODID: &str = concat!(
    "-//Prospectus//Prospectus ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// `https://host/x` → `webcal://host/x` (the scheme calendar apps subscribe with).
pub fn webcal(abs: &str) -> String {
    match abs.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => abs.to_string(),
    }
}

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
    // Every event of a course has the course's organizer (or none).
    let organized = members
        .iter()
        .all(|&i| !has_events(&courses[i]) || organizer_of(ctx, &courses[i], &lang).is_some());
    let zones = ics::zone::merge(members.iter().flat_map(|&i| {
        let c = &courses[i];
        c.sessions
            .iter()
            .filter_map(|s| super::events::recur_of(s, c.tz)?.zone_span())
    }));
    ics::write_calendar_with(&cal, &refs, organized, &zones)
        .map(|text| Output::bytes(ctx.urls.file_of(&url), text))
        .into_iter()
        .collect()
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
        refresh_interval_hours: Some(cfg.calendar.refresh_hours),
        source: Some(ctx.urls.abs(url)),
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
    calendar(ctx, lang, name, &url, Vec::new())
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
