//! The notices: their list (`/<lang>/notices/`, current ones first, split into pages of
//! `[catalogue] page_size`) and each notice's page.

use super::section_intro;
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::When;
use crate::render::cards::{card_data, contact, notice_card};
use crate::render::compiled::templates;
use crate::render::kit::words::dates_text;
use crate::render::kit::{
    as_of, common, every_lang, html, page_count, page_heading, trail, Crumb, Pager,
};
use crate::render::view::{Common, ContactView, Link, NoticeCard};
use crate::render::{jsonld, Ctx, Lctx, Output};
use crate::state;
use serde::Serialize;

#[derive(Serialize)]
struct NoticeView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    notice: NoticeCard,
    body_html: String,
    courses: Vec<RelatedCourse>,
    contacts: Vec<ContactView>,
    expires: Option<String>,
}
templates!(NoticeView<'_>: notice_html);

/// A course a notice names (`related_courses`): a run's code links to its row and gives its
/// dates.
#[derive(Serialize)]
struct RelatedCourse {
    href: String,
    label: String,
    dates: Option<String>,
}

#[derive(Serialize)]
struct NoticesView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    /// "Notices", or "Notices, page 2 of 3" on a later page.
    heading: String,
    intro_html: Option<String>,
    /// This page's notices: current ones first, then archived ones (each list in date order).
    current: Vec<NoticeCard>,
    archived: Vec<NoticeCard>,
    feed: String,
    /// This page (from 1), the number of pages and links to them (when there are several).
    page: usize,
    pages: usize,
    pager: Vec<Link>,
    prev: Option<String>,
    next: Option<String>,
}
templates!(NoticesView<'_>: notices_html);

/// Page `page` (from 1) of the list of notices in `lang`.
pub fn notices(ctx: &Ctx<'_>, lang: &str, page: usize) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let page = page.max(1);
    let l = ctx.lctx(lang);
    let url = ctx.urls.notices_page(lang, page);
    // Current notices first, then archived ones; above `page_size` notices the list
    // continues on further pages, as the catalogue does.
    let (current, archived): (Vec<usize>, Vec<usize>) = (0..site.notices.len())
        .partition(|&i| state::notice_current(&site.notices[i], ctx.now, site.config.timezone));
    let size = site.config.page_size.max(1);
    let pages = page_count(site.notices.len(), size);
    let (from, to) = ((page - 1) * size, page * size);
    let slice = |list: &[usize], offset: usize| -> Vec<NoticeCard> {
        let a = from.saturating_sub(offset).min(list.len());
        let b = to.saturating_sub(offset).min(list.len());
        list[a..b]
            .iter()
            .map(|&i| notice_card(ctx, i, &l))
            .collect()
    };
    let pager = Pager::new(page, pages, |p| ctx.urls.notices_page(lang, p));
    let heading = page_heading(&l, l.t.get("notices_title"), page, pages);
    let mut common = common(
        ctx,
        &l,
        &heading,
        super::section_summary(ctx, "notices", lang).as_deref(),
        &url,
        &every_lang(ctx, |x| ctx.urls.notices_page(x, page)),
    );
    common.as_of = Some(as_of(ctx, &l));
    let v = NoticesView {
        common,
        t: ctx.strings_for(lang, "notices.html"),
        heading,
        intro_html: (page == 1)
            .then(|| section_intro(ctx, "notices", lang))
            .flatten(),
        current: slice(&current, 0),
        archived: slice(&archived, current.len()),
        feed: ctx.urls.atom(lang),
        page,
        pages,
        pager: pager.links,
        prev: pager.prev,
        next: pager.next,
    };
    html(ctx, "notices.html", &v, ctx.urls.file_of(&url))
}

/// The page of notice `i` in `lang` (a language it has a text in).
pub fn notice(ctx: &Ctx<'_>, lang: &str, i: usize) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let n = &site.notices[i];
    let l = ctx.lctx(lang);
    let t = &n.texts[lang];
    let url = ctx.urls.notice(lang, &n.slug);
    let alts: Vec<(String, String)> = n
        .texts
        .keys()
        .map(|x| (x.clone(), ctx.urls.notice(x, &n.slug)))
        .collect();
    let mut common = common(ctx, &l, &t.title, t.summary.as_deref(), &url, &alts);
    common.as_of = n.expires.map(|_| as_of(ctx, &l));
    common.breadcrumbs = trail(ctx, &l, &[Crumb::Home, Crumb::Notices]);
    common.jsonld = Some(jsonld::script(
        &jsonld::notice(ctx, n, lang, &common.breadcrumbs),
        &url,
    )?);
    let v = NoticeView {
        common,
        t: ctx.strings_for(lang, "notice.html"),
        notice: notice_card(ctx, i, &l),
        body_html: ctx.body_html(t.file),
        courses: n
            .related_courses
            .iter()
            .filter_map(|code| site.course_or_run(code))
            .map(|(ci, run)| related_course(ctx, &l, ci, run))
            .collect(),
        contacts: n.contacts.iter().map(|k| contact(k, &l, ctx)).collect(),
        expires: n
            .expires
            .map(|e| notice_until(&l, &n.kind, e, site.config.timezone)),
    };
    html(ctx, "notice.html", &v, ctx.urls.file_of(&url))
}

/// A course a notice names, as the notice links to it: its title and page; for a run of a
/// course given several times, the run's row of the page's table of runs and its dates.
fn related_course(
    ctx: &Ctx<'_>,
    l: &Lctx<'_>,
    i: usize,
    run: Option<&crate::model::Course>,
) -> RelatedCourse {
    let card = card_data(ctx, i, &l.lang);
    let dates = run.map(|r| {
        let (_, text) = r.text_for(&l.lang, &ctx.site.config.text_order);
        dates_text(r, l, text)
    });
    RelatedCourse {
        href: match run {
            Some(r) => format!("{}#run-{}", card.url, r.code),
            None => card.url.clone(),
        },
        label: card.title.clone(),
        dates,
    }
}

/// "Current until 13 October 2025", "Offers accepted until 15 September 2025": until when a
/// notice of `kind` is current, in the words the theme has for its kind (`notice_until_<kind>`,
/// else `notice_until`).
fn notice_until(l: &Lctx<'_>, kind: &str, expires: When, tz: chrono_tz::Tz) -> String {
    let key = format!("notice_until_{}", kind.replace('-', "_"));
    let key = if l.t.has(&key) {
        key.as_str()
    } else {
        "notice_until"
    };
    l.t.fill(
        key,
        &[("date", &cldr::long_date(&l.lang, expires.date_in(tz)))],
    )
}
