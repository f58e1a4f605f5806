//! The HTML pages, one function per kind of page: each builds its view and renders its template.

mod course;
mod home;
mod lists;
mod notices;
mod page;
mod search;

pub use course::{course, course_view};
pub use home::{chooser, home, not_found};
pub use lists::{archive_pages, list, Which};
pub use notices::{notice, notices};
pub use page::page;
pub use search::search;

use super::view::Link;
use super::Ctx;

/// Every topic's first page, sorted by label in `lang`.
fn topic_links(ctx: &Ctx<'_>, lang: &str) -> Vec<Link> {
    let mut v: Vec<Link> = ctx
        .site
        .data
        .topics
        .keys()
        .map(|t| Link {
            href: ctx.urls.topic(lang, t, 1),
            label: ctx.topic_label(t, lang),
        })
        .collect();
    v.sort_by(|a, b| a.label.cmp(&b.label));
    v
}

/// The text of a section's `_index.md` (`""` for the home page) in `lang`, or in another
/// language marked as such.
fn section_intro(ctx: &Ctx<'_>, path: &str, lang: &str) -> Option<String> {
    let p = ctx.site.section(path)?;
    let (tlang, t) = p.texts.pick(lang, &ctx.site.config.text_order);
    if tlang == lang {
        return Some(ctx.body_html(t.file));
    }
    // Another language's text stands in: mark its language and direction (WCAG 3.1.2).
    let dir = super::kit::head::dir(tlang);
    Some(format!(
        "<div lang=\"{tlang}\" dir=\"{dir}\">{}</div>",
        ctx.body_html(t.file)
    ))
}

/// The summary of a section's `_index` file in `lang` (not another language's: it describes
/// the page to search engines in the page's language), for the page's description.
fn section_summary(ctx: &Ctx<'_>, path: &str, lang: &str) -> Option<String> {
    let p = ctx.site.section(path)?;
    let (tlang, t) = p.texts.pick(lang, &ctx.site.config.text_order);
    (tlang == lang).then(|| t.summary.clone()).flatten()
}
