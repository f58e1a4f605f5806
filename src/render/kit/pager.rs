//! The pager of a list split into pages (catalogue, topic pages, notices, a long calendar
//! month): how many pages, and the links between them.

use crate::i18n::cldr;
use crate::render::view::Link;
use crate::render::Lctx;

/// The number of pages of `items` at `size` per page: at least one (an empty list has a page).
pub fn page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The links of page `page` (from 1) of a list of `pages` pages.
pub struct Pager {
    /// Every page, labelled with its number (the templates show the pager only when there are
    /// several pages).
    pub links: Vec<Link>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `url` gives the address of a page (from 1).
    pub fn new(page: usize, pages: usize, url: impl Fn(usize) -> String) -> Pager {
        Pager {
            links: (1..=pages)
                .map(|p| Link {
                    href: url(p),
                    label: p.to_string(),
                })
                .collect(),
            prev: (page > 1).then(|| url(page - 1)),
            next: (page < pages).then(|| url(page + 1)),
        }
    }
}

/// The heading of part `page` of `pages` of something split into pages, `heading` being its
/// own: "Course calendar: September 2025, page 2 of 3" (UI string `heading_page`).
pub fn part_heading(l: &Lctx<'_>, heading: &str, page: usize, pages: usize) -> String {
    let n = |x: usize| cldr::number(&l.lang, i64::try_from(x).unwrap_or(i64::MAX));
    l.t.fill(
        "heading_page",
        &[
            ("heading", heading),
            ("page", &n(page)),
            ("pages", &n(pages)),
        ],
    )
}

/// The heading (and the title) of page `page` of a list (catalogue, archive, topic, notices)
/// whose heading is `heading`: that on its first page, which the list's links lead to, and
/// "Courses, page 2 of 3" on a later page, so that a visitor, a tab and a search result tell
/// the pages apart.
pub fn page_heading(l: &Lctx<'_>, heading: &str, page: usize, pages: usize) -> String {
    if page > 1 {
        part_heading(l, heading, page, pages)
    } else {
        heading.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_and_links_neighbours() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(3, 0), 3);
        let p = Pager::new(2, 3, |n| format!("/p{n}/"));
        assert_eq!(p.links.len(), 3);
        assert_eq!(p.links[2].label, "3");
        assert_eq!(p.prev.as_deref(), Some("/p1/"));
        assert_eq!(p.next.as_deref(), Some("/p3/"));
        let first = Pager::new(1, 1, |n| format!("/p{n}/"));
        assert_eq!((first.prev, first.next), (None, None));
    }
}
