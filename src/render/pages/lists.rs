//! The lists of courses: the catalogue (`/<lang>/courses/`, with its filter form), the archive
//! of finished courses (`/<lang>/courses/past/`, with `[catalogue] past = "archive"`) and each
//! topic's page (`/<lang>/topics/<topic>/`), split into pages of `[catalogue] page_size`.

use super::{section_intro, topic_links};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::render::cards::{card_data, card_html};
use crate::render::compiled::templates;
use crate::render::filters::filter_form;
use crate::render::kit::words::rfc3339;
use crate::render::kit::{
    as_of, common, every_lang, page_count, page_heading, render_template, trail, Crumb, Pager,
};
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
    /// The archive's first page: the cards of the courses the catalogue holds at the build that
    /// will finish, which the state script takes in (at the top) before the first paint once
    /// they have finished by the visitor's clock.
    later: Vec<String>,
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
    /// On the catalogue: the archive's first page; on the archive: the catalogue's.
    other_list: Option<String>,
    /// Where the scripts find the cards of courses not on this page (the list's pages as the
    /// build wrote them): the catalogue's filters and the state script's reordering.
    source: SourceView,
    /// What the state script needs to order the list by the visitor's clock; none when no
    /// course of the list will finish (the order then never changes).
    order: Option<OrderView>,
}
templates!(ListView<'_>: catalogue_html, topic_html, past_html);

/// The pages that hold the cards of every course, `size` cards a page, in the order of the
/// catalogue's data (`filters::course_data`) at the build: its first `split` courses on the
/// catalogue's pages (`first`, then `pages` with `{n}` for the page), the others on the
/// archive's (`past_first`, `past_pages`). `part` is what this list holds by the visitor's
/// clock: "current" (courses not finished), "past" (finished ones), or "" (all).
#[derive(Serialize)]
struct SourceView {
    first: String,
    pages: String,
    /// None without an archive.
    past_first: Option<String>,
    past_pages: Option<String>,
    size: usize,
    split: usize,
    part: &'static str,
}

fn source_view(ctx: &Ctx<'_>, lang: &str, which: Which<'_>) -> SourceView {
    use crate::model::config::Past;
    // `/en/courses/page/2/` → `/en/courses/page/{n}/`
    let pattern = |two: String| format!("{}{{n}}/", &two[..two.len() - "2/".len()]);
    SourceView {
        first: ctx.urls.catalogue(lang, 1),
        pages: pattern(ctx.urls.catalogue(lang, 2)),
        past_first: (archive_pages(ctx) > 0).then(|| ctx.urls.past(lang, 1)),
        past_pages: (archive_pages(ctx) > 0).then(|| pattern(ctx.urls.past(lang, 2))),
        size: ctx.site.config.page_size,
        split: ctx.courses_of(None).len(),
        part: match (which, ctx.site.config.past) {
            (Which::Past, _) => "past",
            (_, Past::List) => "",
            _ => "current",
        },
    }
}

/// Which list of courses a page is.
#[derive(Clone, Copy, Debug)]
pub enum Which<'a> {
    Catalogue,
    Topic(&'a str),
    /// The archive of finished courses.
    Past,
}

/// How many pages the archive of finished courses has: none unless `[catalogue] past =
/// "archive"`, else at least one (it may be empty at the build and fill by the visitor's clock).
pub fn archive_pages(ctx: &Ctx<'_>) -> usize {
    match ctx.site.config.past {
        crate::model::config::Past::Archive => {
            page_count(ctx.past_courses().len(), ctx.site.config.page_size)
        }
        _ => 0,
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
        .flat_map(|&i| site.courses[i].runs())
        .filter_map(|r| r.last_end().map(|e| e.end_instant(r.tz)))
        .filter(|t| *t >= ctx.now)
        .min()?;
    Some(OrderView {
        src: ctx.urls.filter_data(lang),
        topic: topic.map(str::to_string),
        stale_after: rfc3339(next),
    })
}

/// The cards the archive's first page keeps for the state script: those of the catalogue's
/// courses that will finish (dated, not finished at the build), which it takes in once they
/// have by the visitor's clock. None on other lists and pages.
fn later_cards(
    ctx: &Ctx<'_>,
    lang: &str,
    which: Which<'_>,
    page: usize,
) -> Result<Vec<String>, Diagnostic> {
    if !matches!(which, Which::Past) || page != 1 {
        return Ok(Vec::new());
    }
    ctx.courses_of(None)
        .iter()
        .filter(|&&i| crate::state::listing(&ctx.site.courses[i], ctx.now).0 == 0)
        .map(|&i| card_html(ctx, i, lang, true))
        .collect()
}

/// Page `page` (from 1) of the catalogue, the archive or a topic's list.
impl Which<'_> {
    /// The theme's template of this list.
    fn template(self) -> &'static str {
        match self {
            Which::Topic(_) => "topic.html",
            Which::Catalogue => "catalogue.html",
            Which::Past => "past.html",
        }
    }
}

pub fn list(
    ctx: &Ctx<'_>,
    lang: &str,
    which: Which<'_>,
    page: usize,
) -> Result<Vec<Output>, Diagnostic> {
    let l = ctx.lctx(lang);
    let size = ctx.site.config.page_size;
    let topic = match which {
        Which::Topic(t) => Some(t),
        _ => None,
    };
    let all = match which {
        Which::Past => ctx.past_courses().into(),
        _ => ctx.courses_of(topic),
    };
    let pages = page_count(all.len(), size);
    let url_of = |lang: &str, p: usize| match which {
        Which::Topic(t) => ctx.urls.topic(lang, t, p),
        Which::Catalogue => ctx.urls.catalogue(lang, p),
        Which::Past => ctx.urls.past(lang, p),
    };
    let template = which.template();
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
    let later = later_cards(ctx, lang, which, page)?;
    let heading = match which {
        Which::Topic(t) => ctx.topic_label(t, lang),
        Which::Catalogue => l.t.get("catalogue_title").to_string(),
        Which::Past => l.t.get("past_title").to_string(),
    };
    let heading = page_heading(&l, &heading, page, pages);
    let summary = match which {
        Which::Topic(_) => None,
        Which::Catalogue => super::section_summary(ctx, "courses", lang),
        Which::Past => Some(l.t.get("past_description").to_string()),
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
    common.breadcrumbs = match which {
        Which::Catalogue => trail(ctx, &l, &[Crumb::Home]),
        _ => trail(ctx, &l, &[Crumb::Home, Crumb::Courses]),
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
        intro_html: match which {
            Which::Catalogue => section_intro(ctx, "courses", lang),
            _ => None,
        },
        cards,
        later,
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
        topics: match which {
            Which::Past => Vec::new(),
            _ => topic_links(ctx, lang),
        },
        current_topic: topic.map(str::to_string),
        filters: matches!(which, Which::Catalogue).then(|| filter_form(ctx, lang)),
        other_list: match which {
            Which::Catalogue => (archive_pages(ctx) > 0).then(|| ctx.urls.past(lang, 1)),
            Which::Past => Some(ctx.urls.catalogue(lang, 1)),
            Which::Topic(_) => None,
        },
        source: source_view(ctx, lang, which),
        // The archive changes when a listed course ends (it comes in).
        order: match which {
            Which::Past => order_view(ctx, lang, None, &ctx.courses_of(None)),
            _ => order_view(ctx, lang, topic, &all),
        },
    };
    list_html(ctx, template, &v, ctx.urls.file_of(&url))
}

/// A list page written to `path`, with room for its own parts and its cards reserved at once
/// (a list holds hundreds of courses).
fn list_html(
    ctx: &Ctx<'_>,
    template: &str,
    v: &ListView<'_>,
    path: String,
) -> Result<Vec<Output>, Diagnostic> {
    let room = 16 * 1024
        + (v.cards.iter().chain(&v.later))
            .map(|c| c.len() + 64)
            .sum::<usize>();
    let page = render_template(ctx, template, v, room)?;
    Ok(vec![Output::bytes(path, page)])
}
