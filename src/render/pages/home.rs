//! The home page of a language, the language chooser at the root of the site, and the page for
//! unknown addresses.
//!
//! The home page offers the site search first, then lists the courses open for applications,
//! those starting soon (within `[home] soon_days` and not open for applications: each course is
//! listed once), the latest notices and the topics. Each list holds what belongs to it at the
//! build's "now" and, in `<template>`s, what may come into it later (courses whose applications
//! open, courses whose applications close or that come within the days, notices beyond the
//! first): the state script (`assets/prospectus.js`) restates the list by the visitor's clock
//! with the same rules as here, so a page read long after its build lists no closed course as
//! open and no finished course as starting soon.

use super::page::PageView;
use super::{section_intro, topic_links};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::render::cards::{card_html, notice_card};
use crate::render::compiled::templates;
use crate::render::kit::share::{icons, share};
use crate::render::kit::{as_of, common, every_lang, head, html};
use crate::render::view::{Alternate, Common, Icons, Link, NoticeCard, Share};
use crate::render::{Ctx, Output};
use crate::state::{self, ApplicationState};
use serde::Serialize;

/// How many courses open for applications, starting soon, and notices the home page lists.
pub const MAX_OPEN: usize = 12;
pub const MAX_SOON: usize = 6;
pub const MAX_NOTICES: usize = 5;

#[derive(Serialize)]
struct HomeView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    intro_html: Option<String>,
    /// Card HTML (`card.html`) of courses open for applications, of those starting soon, and
    /// of those that may come into each list later.
    open: Vec<String>,
    open_later: Vec<String>,
    soon: Vec<String>,
    soon_later: Vec<String>,
    notices: Vec<NoticeCard>,
    notices_later: Vec<NoticeCard>,
    max_open: usize,
    max_soon: usize,
    max_notices: usize,
    /// `[home] soon_days`: the state script's rule for "Starting soon" reads it from the page.
    soon_days: u32,
    /// The search page (the form's action), the catalogue and the calendar.
    search: String,
    catalogue: String,
    calendar: String,
    topics: Vec<Link>,
}
templates!(HomeView<'_>: home_html);

/// The first `max` of `items` that belong now, and after them up to `max` more that belong now
/// or may later.
fn split(
    items: impl Iterator<Item = usize>,
    now: impl Fn(usize) -> bool,
    later: impl Fn(usize) -> bool,
    max: usize,
) -> (Vec<usize>, Vec<usize>) {
    let mut shown = Vec::new();
    let mut rest = Vec::new();
    for i in items {
        if shown.len() < max && now(i) {
            shown.push(i);
        } else if rest.len() < max && (now(i) || later(i)) {
            rest.push(i);
        }
        if shown.len() == max && rest.len() == max {
            break;
        }
    }
    (shown, rest)
}

#[derive(Serialize)]
struct ChooserView {
    title: String,
    description: String,
    share: Share,
    icons: Icons,
    default_url: String,
    languages: Vec<Alternate>,
    css: String,
    default_lang: String,
    dir: &'static str,
}
templates!(ChooserView: chooser_html);

/// `/<lang>/`: courses open for applications, courses starting soon, current notices, topics.
pub fn home(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.home(lang);
    let title = site
        .config
        .title
        .get(lang, &site.config.text_order)
        .to_string();
    let courses = &site.courses;
    let cards = |list: Vec<usize>| -> Result<Vec<String>, Diagnostic> {
        list.into_iter()
            .map(|i| card_html(ctx, i, lang, false))
            .collect()
    };
    // In the order the page script keeps the lists in (`cardRank` in assets/prospectus.js):
    // where each course stands by its lead run ([`state::listing`]), then its code; the site's
    // order of courses is by their first run's start.
    let mut order: Vec<usize> = (0..courses.len()).collect();
    order.sort_by_cached_key(|&i| {
        (
            state::listing(&courses[i], ctx.now),
            courses[i].code.clone(),
        )
    });
    let app = |i: usize| state::application(&courses[i], ctx.now);
    let (open, open_later) = split(
        order.iter().copied(),
        |i| app(i).accepts(),
        |i| app(i) == ApplicationState::NotYetOpen,
        MAX_OPEN,
    );
    let days = site.config.soon_days;
    let (soon, soon_later) = split(
        order.iter().copied(),
        |i| state::starting_soon(&courses[i], ctx.now, days),
        |i| state::may_start_soon(&courses[i], ctx.now, days),
        MAX_SOON,
    );
    let current = |i: usize| state::notice_current(&site.notices[i], ctx.now, site.config.timezone);
    let (notices, notices_later) = split(0..site.notices.len(), current, |_| false, MAX_NOTICES);
    let mut common = common(
        ctx,
        &l,
        &title,
        None,
        &url,
        &every_lang(ctx, |x| ctx.urls.home(x)),
    );
    common.as_of = Some(as_of(ctx, &l));
    let v = HomeView {
        common,
        t: ctx.strings_for(lang, "home.html"),
        intro_html: section_intro(ctx, "", lang),
        open: cards(open)?,
        open_later: cards(open_later)?,
        soon: cards(soon)?,
        soon_later: cards(soon_later)?,
        notices: notices
            .into_iter()
            .map(|i| notice_card(ctx, i, &l))
            .collect(),
        notices_later: notices_later
            .into_iter()
            .map(|i| notice_card(ctx, i, &l))
            .collect(),
        max_open: MAX_OPEN,
        max_soon: MAX_SOON,
        max_notices: MAX_NOTICES,
        soon_days: days,
        search: ctx.urls.search(lang),
        catalogue: ctx.urls.catalogue(lang, 1),
        calendar: ctx.urls.calendar(lang),
        topics: topic_links(ctx, lang),
    };
    html(ctx, "home.html", &v, ctx.urls.file_of(&url))
}

/// `/index.html`: the site's languages, each in its own name, pointing to its home page.
pub fn chooser(ctx: &Ctx<'_>) -> Result<Vec<Output>, Diagnostic> {
    let cfg = &ctx.site.config;
    let dl = &cfg.default_language;
    let title = cfg.title.get(dl, &cfg.text_order).to_string();
    let description = head::site_description(ctx, dl);
    let langs: Vec<&str> = cfg.languages.iter().map(String::as_str).collect();
    let v = ChooserView {
        share: share(ctx, dl, &title, &description, &ctx.urls.home(dl), &langs),
        icons: icons(ctx),
        description,
        title,
        default_url: ctx.urls.home(dl),
        default_lang: dl.clone(),
        dir: head::dir(dl),
        languages: cfg
            .languages
            .iter()
            .map(|lang| Alternate {
                lang: lang.clone(),
                name: cldr::language_name(lang, lang),
                href: ctx.urls.home(lang),
                abs: ctx.urls.abs(&ctx.urls.home(lang)),
                current: lang == dl,
            })
            .collect(),
        css: ctx.asset("assets/style.css"),
    };
    html(ctx, "chooser.html", &v, "index.html".into())
}

/// `/404.html`, in the default language, with no canonical address.
pub fn not_found(ctx: &Ctx<'_>) -> Result<Vec<Output>, Diagnostic> {
    let lang = &ctx.site.config.default_language;
    let l = ctx.lctx(lang);
    let mut c = common(
        ctx,
        &l,
        l.t.get("not_found_title"),
        None,
        &ctx.urls.root(),
        &[],
    );
    c.canonical = String::new();
    c.share.url = String::new();
    let v = PageView {
        common: c,
        t: ctx.strings_for(lang, "404.html"),
        title: l.t.get("not_found_title").to_string(),
        body_html: String::new(),
    };
    html(ctx, "404.html", &v, "404.html".into())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn a_list_keeps_what_may_come_in_later() {
        // Even numbers belong now, multiples of three later.
        let (now, later) = split(0..20, |i| i % 2 == 0, |i| i % 3 == 0, 3);
        assert_eq!(now, vec![0, 2, 4]);
        assert_eq!(later, vec![3, 6, 8]);
    }
}
