//! A plain page of the site (`content/<path>.md` that is not a course or a notice), and the
//! view it shares with the page for unknown addresses.

use crate::diag::Diagnostic;
use crate::render::compiled::templates;
use crate::render::kit::{common, html, trail, Crumb};
use crate::render::view::Common;
use crate::render::{Ctx, Output};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub common: Common,
    pub t: &'a crate::i18n::Strings,
    pub title: String,
    pub body_html: String,
}
templates!(PageView<'_>: page_html, _404_html);

/// The page `i` in `lang` (a language it has a text in).
pub fn page(ctx: &Ctx<'_>, lang: &str, i: usize) -> Result<Vec<Output>, Diagnostic> {
    let p = &ctx.site.pages[i];
    let l = ctx.lctx(lang);
    let t = &p.texts[lang];
    let url = ctx.urls.page(lang, &p.path);
    let alts: Vec<(String, String)> = p
        .texts
        .keys()
        .map(|x| (x.clone(), ctx.urls.page(x, &p.path)))
        .collect();
    let mut common = common(ctx, &l, &t.title, t.summary.as_deref(), &url, &alts);
    common.breadcrumbs = trail(ctx, &l, &[Crumb::Home]);
    let v = PageView {
        common,
        t: ctx.strings_for(lang, "page.html"),
        title: t.title.clone(),
        body_html: ctx.body_html(t.file),
    };
    html(ctx, "page.html", &v, ctx.urls.file_of(&url))
}
