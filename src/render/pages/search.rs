//! The search page, `/<lang>/search/`: the search form, its results (filled by `find.js` from
//! the data of [`crate::render::filters`]), and without script a word on why nothing happens
//! with links to the lists.

use super::topic_links;
use crate::diag::Diagnostic;
use crate::render::compiled::templates;
use crate::render::kit::{common, every_lang, html, trail, Crumb};
use crate::render::view::{Common, Link};
use crate::render::{Ctx, Output};
use serde::Serialize;

#[derive(Serialize)]
struct SearchView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    action: String,
    script: String,
    courses_data: String,
    search_data: String,
    /// Where to go without script: the catalogue, the notices, the topics.
    catalogue: String,
    notices: String,
    topics: Vec<Link>,
}
templates!(SearchView<'_>: search_html);

/// The search page in `lang`.
pub fn search(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let l = ctx.lctx(lang);
    let url = ctx.urls.search(lang);
    let alts = every_lang(ctx, |x| ctx.urls.search(x));
    let mut c = common(ctx, &l, l.t.get("search_title"), None, &url, &alts);
    c.breadcrumbs = trail(ctx, &l, &[Crumb::Home]);
    let v = SearchView {
        common: c,
        t: ctx.strings_for(lang, "search.html"),
        action: url.clone(),
        script: ctx.asset("assets/find.js"),
        courses_data: ctx.urls.filter_data(lang),
        search_data: ctx.urls.search_data(lang),
        catalogue: ctx.urls.catalogue(lang, 1),
        notices: ctx.urls.notices(lang),
        topics: topic_links(ctx, lang),
    };
    html(ctx, "search.html", &v, ctx.urls.file_of(&url))
}
