//! Breadcrumbs: the trail of links above a page's heading, from the home page down to the
//! page's parent (the page itself is not in it; the JSON-LD adds it, see `jsonld`).

use crate::render::view::Link;
use crate::render::{Ctx, Lctx};

/// A step of a trail, in the page's language.
#[derive(Clone, Copy, Debug)]
pub enum Crumb {
    /// The language's home page.
    Home,
    /// The catalogue's first page.
    Courses,
    /// The list of notices.
    Notices,
    /// The calendar.
    Calendar,
}

/// The links of `steps`, in order.
pub fn trail(ctx: &Ctx<'_>, l: &Lctx<'_>, steps: &[Crumb]) -> Vec<Link> {
    let lang = l.lang.as_str();
    steps
        .iter()
        .map(|step| {
            let (href, key) = match step {
                Crumb::Home => (ctx.urls.home(lang), "nav_home"),
                Crumb::Courses => (ctx.urls.catalogue(lang, 1), "nav_courses"),
                Crumb::Notices => (ctx.urls.notices(lang), "nav_notices"),
                Crumb::Calendar => (ctx.urls.calendar(lang), "calendar_title"),
            };
            Link {
                href,
                label: l.t.get(key).to_string(),
            }
        })
        .collect()
}
