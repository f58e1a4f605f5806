//! The lists of courses: the catalogue (`/<lang>/courses/`, with its filter form) and each
//! topic's page (`/<lang>/topics/<topic>/`), split into pages of `[catalogue] page_size`.

use super::{section_intro, topic_links};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::render::cards::{card_data, card_html};
use crate::render::compiled::templates;
use crate::render::filters::filter_form;
use crate::render::kit::words::rfc3339;
use crate::render::kit::{as_of, common, every_lang, html, page_count, trail, Crumb, Pager};
use crate::render::view::{Common, FilterForm, Link};
use crate::render::{jsonld, Ctx, Output};
use serde::Serialize;

#[derive(Serialize)]
struct ListView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    heading: String,
    intro_html: Option<String>,
    /// Card HTML of the courses on this page (`card.html`).
    cards: Vec<String>,
    total: usize,
    count_text: String,
    pager: Vec<Link>,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
    topics: Vec<Link>,
    current_topic: Option<String>,
    /// The catalogue's filter form (not on topic pages).
    filters: Option<FilterForm>,
    /// Where the scripts find the cards of courses not on this page (the list's pages as the
    /// build wrote them): the catalogue's filters and the state script's reordering.
    source: SourceView,
    /// What the state script needs to order the list by the visitor's clock; none when no
    /// course of the list will finish (the order then never changes).
    order: Option<OrderView>,
}
templates!(ListView<'_>: catalogue_html, topic_html);

/// The catalogue pages that hold the cards of every course (`{n}` is the page), `size` cards a
/// page, in the order of the catalogue's data (`filters::course_data`) at the build.
#[derive(Serialize)]
struct SourceView {
    first: String,
    pages: String,
    size: usize,
}

fn source_view(ctx: &Ctx<'_>, lang: &str) -> SourceView {
    // `/en/courses/page/2/` → `/en/courses/page/{n}/`
    let two = ctx.urls.catalogue(lang, 2);
    SourceView {
        first: ctx.urls.catalogue(lang, 1),
        pages: format!("{}{{n}}/", &two[..two.len() - "2/".len()]),
        size: ctx.site.config.page_size,
    }
}

/// A catalogue or topic list as the state script reorders it once a course of it has finished
/// since the build: the catalogue's data (every course with its start and end, in catalogue
/// order at the build) and when the order the build wrote stops holding.
#[derive(Serialize)]
struct OrderView {
    src: String,
    topic: Option<String>,
    stale_after: String,
}

fn order_view(ctx: &Ctx<'_>, lang: &str, topic: Option<&str>, all: &[usize]) -> Option<OrderView> {
    let site = ctx.site;
    // The order changes when a course of the list ends (it moves among the finished ones).
    let next = all
        .iter()
        .filter_map(|&i| {
            let c = &site.courses[i];
            c.last_end().map(|e| e.end_instant(c.tz))
        })
        .filter(|t| *t >= ctx.now)
        .min()?;
    Some(OrderView {
        src: ctx.urls.filter_data(lang),
        topic: topic.map(str::to_string),
        stale_after: rfc3339(next),
    })
}

/// Page `page` (from 1) of the catalogue (`topic: None`) or of a topic's list.
pub fn list(
    ctx: &Ctx<'_>,
    lang: &str,
    topic: Option<&str>,
    page: usize,
) -> Result<Vec<Output>, Diagnostic> {
    let l = ctx.lctx(lang);
    let size = ctx.site.config.page_size;
    let all = ctx.courses_of(topic);
    let pages = page_count(all.len(), size);
    let url_of = |lang: &str, p: usize| match topic {
        Some(t) => ctx.urls.topic(lang, t, p),
        None => ctx.urls.catalogue(lang, p),
    };
    let template = if topic.is_some() {
        "topic.html"
    } else {
        "catalogue.html"
    };
    let url = url_of(lang, page);
    let shown: Vec<usize> = all
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .copied()
        .collect();
    let cards = shown
        .iter()
        .map(|&i| card_html(ctx, i, lang, true))
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let heading = match topic {
        Some(t) => ctx.topic_label(t, lang),
        None => l.t.get("catalogue_title").to_string(),
    };
    let summary = match topic {
        Some(_) => None,
        None => super::section_summary(ctx, "courses", lang),
    };
    let mut common = common(
        ctx,
        &l,
        &heading,
        summary.as_deref(),
        &url,
        &every_lang(ctx, |x| url_of(x, page)),
    );
    common.as_of = Some(as_of(ctx, &l));
    common.breadcrumbs = if topic.is_some() {
        trail(ctx, &l, &[Crumb::Home, Crumb::Courses])
    } else {
        trail(ctx, &l, &[Crumb::Home])
    };
    let card_urls: Vec<String> = shown
        .iter()
        .map(|&i| card_data(ctx, i, lang).url.clone())
        .collect();
    common.jsonld = Some(jsonld::script(
        &jsonld::item_list(ctx, &card_urls, &common.breadcrumbs, &heading, &url),
        &url,
    )?);
    let pager = Pager::new(page, pages, |p| url_of(lang, p));
    let v = ListView {
        common,
        t: ctx.strings_for(lang, template),
        heading,
        intro_html: if topic.is_none() {
            section_intro(ctx, "courses", lang)
        } else {
            None
        },
        cards,
        total: all.len(),
        count_text: {
            let n = i64::try_from(all.len()).unwrap_or(i64::MAX);
            l.t.count(lang, "courses_count", n, &cldr::number(lang, n))
        },
        pager: pager.links,
        prev: pager.prev,
        next: pager.next,
        page,
        pages,
        topics: topic_links(ctx, lang),
        current_topic: topic.map(str::to_string),
        filters: topic.is_none().then(|| filter_form(ctx, lang)),
        source: source_view(ctx, lang),
        order: order_view(ctx, lang, topic, &all),
    };
    html(ctx, template, &v, ctx.urls.file_of(&url))
}
