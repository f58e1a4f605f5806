//! The home page of a language, the language chooser at the root of the site, and the page for
//! unknown addresses.

use super::page::PageView;
use super::{section_intro, topic_links};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::render::cards::{card_html, notice_card};
use crate::render::compiled::templates;
use crate::render::kit::{common, every_lang, head, html};
use crate::render::view::{Alternate, Common, Link, NoticeCard};
use crate::render::{Ctx, Output};
use crate::state::{self, CourseState};
use serde::Serialize;

#[derive(Serialize)]
struct HomeView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    intro_html: Option<String>,
    /// Card HTML (`card.html`) of courses open for applications, and of those starting soon.
    open: Vec<String>,
    soon: Vec<String>,
    notices: Vec<NoticeCard>,
    topics: Vec<Link>,
}
templates!(HomeView<'_>: home_html);

#[derive(Serialize)]
struct ChooserView {
    title: String,
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
    let open = (0..courses.len())
        .filter(|&i| state::application(&courses[i], ctx.now).accepts())
        .take(12)
        .map(|i| card_html(ctx, i, lang, false))
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let soon = (0..courses.len())
        .filter(|&i| state::course(&courses[i], ctx.now) == CourseState::Upcoming)
        .take(6)
        .map(|i| card_html(ctx, i, lang, false))
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let notices = site
        .notices
        .iter()
        .filter(|n| state::notice_current(n, ctx.now, site.config.timezone))
        .take(5)
        .map(|n| notice_card(ctx, n, &l))
        .collect();
    let v = HomeView {
        common: common(
            ctx,
            &l,
            &title,
            None,
            &url,
            &every_lang(ctx, |x| ctx.urls.home(x)),
        ),
        t: ctx.strings_for(lang, "home.html"),
        intro_html: section_intro(ctx, "", lang),
        open,
        soon,
        notices,
        topics: topic_links(ctx, lang),
    };
    html(ctx, "home.html", &v, ctx.urls.file_of(&url))
}

/// `/index.html`: the site's languages, each in its own name, pointing to its home page.
pub fn chooser(ctx: &Ctx<'_>) -> Result<Vec<Output>, Diagnostic> {
    let cfg = &ctx.site.config;
    let dl = &cfg.default_language;
    let v = ChooserView {
        title: cfg.title.get(dl, &cfg.text_order).to_string(),
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
        css: ctx.urls.asset("assets/style.css"),
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
    let v = PageView {
        common: c,
        t: ctx.strings_for(lang, "404.html"),
        title: l.t.get("not_found_title").to_string(),
        body_html: String::new(),
    };
    html(ctx, "404.html", &v, "404.html".into())
}
