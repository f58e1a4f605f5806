//! The calendar page, `/<lang>/calendar/index.html`: the courses month by month, with links to
//! subscribe to the iCalendar feeds.
//!
//! A session is listed under every month it runs in (an eight-week course shows in September
//! and October), so the current month also shows what is already running; a course's
//! application deadline is an entry of its own in its month. A cancelled or postponed course's
//! session is listed once, in its first month, and a course that takes no applications
//! (cancelled, postponed, full) has no deadline entry (its `.ics` files keep the deadline's
//! event, with the course's status, for subscribers: see [`super`]). The current and
//! coming months come first, in order; past months follow under their own heading, the most
//! recent first. Self-paced courses without sessions close the page. Everything is plain HTML:
//! headings for the sections and months, lists for the entries; no script is needed.
//!
//! Above each month's list, its grid ([`super::grid`]).
//!
//! Large calendars are split (an extension of SPEC, which lists only `/<lang>/calendar/`): when
//! the entries of all months together outnumber `[catalogue] page_size`, every month with an
//! entry gets its own page, `/<lang>/calendar/<yyyy>-<mm>/` (heading, breadcrumbs back to the
//! calendar, links to the previous and next months that have entries, its grid and its list),
//! the same months in every language. `/<lang>/calendar/` then keeps the subscribe links, the
//! self-paced courses and the topic feeds, shows the grid of the current month (or of the next
//! one with entries) with its days linking into the month's page, and lists the months as links
//! with their number of entries, coming months first, then past ones. A month with more entries
//! than `page_size` is itself split like the catalogue (`…/<yyyy>-<mm>/page/2/`): every page of
//! it shows the whole month's grid, whose marked days link to the page that holds the day's
//! first entry, and a pager; the previous and next months' links lead to their first page.
//!
//! The entries ([`super::entries`]) borrow each course's card data (computed once per build and
//! language).

use super::entries::{cards, entries, EntryView};
use super::events::{has_events, topics_with_events};
use super::files::webcal;
use super::grid::{grid, DayView, GridSetup, WeekdayView};
use super::months::{day_pages, Item, Month};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::{Lang, Site};
use crate::render::compiled::templates;
use crate::render::kit::words::plural_phrase;
use crate::render::kit::{
    as_of, common, every_lang, html, page_count, part_heading, trail, Crumb, Pager,
};
use crate::render::view::{Common, CourseCard, Link};
use crate::render::{Ctx, Lctx, Output};
use chrono::Datelike;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One calendar page to render: a language's calendar (`month: None`), or one month of it
/// when the calendar is split ([`split_months`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageJob {
    pub lang: Lang,
    pub month: Option<Month>,
    /// The page of the month, from 1 (always 1 for the calendar itself).
    pub page: usize,
}

/// The calendar pages of `lang`: its calendar, then the pages of each month when it is split.
pub fn page_jobs(ctx: &Ctx<'_>, lang: &str) -> Vec<PageJob> {
    let mut jobs = vec![PageJob {
        lang: lang.to_string(),
        month: None,
        page: 1,
    }];
    for &(ym, pages) in ctx.calendar_months() {
        jobs.extend((1..=pages).map(|page| PageJob {
            lang: lang.to_string(),
            month: Some(ym),
            page,
        }));
    }
    jobs
}

#[derive(Serialize)]
struct MonthView<'c> {
    /// Fragment id: `m-2025-09`.
    id: String,
    /// `2025-09`: the page script's `data-month`.
    ym: String,
    /// `September 2025`, in the page's language.
    label: String,
    current: bool,
    /// The month grid: rows of seven days, the first column being the language's first day.
    weeks: Vec<Vec<DayView>>,
    entries: Vec<EntryView<'c>>,
}

/// A month in the list of months of a split calendar.
#[derive(Serialize)]
struct MonthLink {
    /// `2025-09`: the page script's `data-month`.
    ym: String,
    href: String,
    label: String,
    /// "12 sessions and deadlines".
    count: String,
    current: bool,
}

/// "Current and coming months" or "Past months".
#[derive(Serialize)]
struct SectionView<'c> {
    /// Id of the section's heading.
    id: &'static str,
    /// `upcoming` or `past`: the page script moves months from one to the other.
    kind: &'static str,
    /// Nothing is in it (the past, early on): written hidden, for the page script to fill.
    hidden: bool,
    heading: String,
    /// Said when there is no month in the section.
    empty: String,
    /// The months, with their grids and lists (a calendar on one page).
    months: Vec<MonthView<'c>>,
    /// Links to the months' pages (a split calendar).
    links: Vec<MonthLink>,
}

/// The grid of the current (or next) month on the page of a split calendar.
#[derive(Serialize)]
struct PreviewView<'c> {
    month: MonthView<'c>,
    /// The month's page.
    href: String,
    /// "All sessions and deadlines of September 2025".
    more: String,
}

#[derive(Serialize)]
struct Subscribe {
    webcal: String,
    https: String,
}

/// A topic's calendar: subscribe (`webcal`) or download (`href`).
#[derive(Serialize)]
struct TopicFeed {
    label: String,
    href: String,
    webcal: String,
}

#[derive(Serialize)]
struct CalendarView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    heading: String,
    subscribe: Option<Subscribe>,
    topic_feeds: Vec<TopicFeed>,
    /// In-page links to the coming months and to the past months.
    jump: Vec<Link>,
    /// The month grids' column headers, in the order of the columns.
    weekdays: Vec<WeekdayView>,
    /// The months are on pages of their own (`sections` link to them).
    split: bool,
    preview: Option<PreviewView<'a>>,
    sections: Vec<SectionView<'a>>,
    self_paced: Vec<&'a CourseCard>,
}
templates!(CalendarView<'_>: calendar_html);

/// A month's page of a split calendar.
#[derive(Serialize)]
struct MonthPageView<'a> {
    common: Common,
    t: &'a crate::i18n::Strings,
    /// "Course calendar: September 2025".
    heading: String,
    /// The site calendar's address, for the `<link rel="alternate">` of the head.
    subscribe: Option<String>,
    calendar_title: String,
    weekdays: Vec<WeekdayView>,
    month: MonthView<'a>,
    /// The nearest months before and after with entries (their first page).
    prev: Option<Link>,
    next: Option<Link>,
    /// This page of the month, from 1, and the month's number of pages.
    page: usize,
    pages: usize,
    /// The month's pages (shown when there are several).
    pager: Vec<Link>,
    prev_page: Option<String>,
    next_page: Option<String>,
}
templates!(MonthPageView<'_>: calendar_month_html);

fn this_month(ctx: &Ctx<'_>) -> Month {
    let today = ctx
        .now
        .with_timezone(&ctx.site.config.timezone)
        .date_naive();
    (today.year(), today.month())
}

/// Month `(y, m)` with its grid and no entries (see [`grid`] for `page`).
fn month_view<'c>(
    site: &Site,
    l: &Lctx<'_>,
    g: &GridSetup,
    (y, m): Month,
    items: &[Item<'_>],
    page: &dyn Fn(u32) -> String,
    this_month: Month,
) -> MonthView<'c> {
    MonthView {
        id: format!("m-{y:04}-{m:02}"),
        ym: format!("{y:04}-{m:02}"),
        label: cldr::month_year(&l.lang, y, m),
        current: (y, m) == this_month,
        weeks: grid(site, l, g, (y, m), items, page),
        entries: Vec::new(),
    }
}

/// Renders a calendar page: the calendar of a language or, when it is split, one of its
/// months.
pub fn page(ctx: &Ctx<'_>, job: &PageJob) -> Result<Vec<Output>, Diagnostic> {
    match job.month {
        None => calendar_page(ctx, &job.lang),
        Some(ym) => month_page(ctx, &job.lang, ym, job.page.max(1)),
    }
}

/// The months of a language's calendar page in their sections (coming months, then past ones,
/// the most recent first), the in-page links to them and, when the calendar is split, the
/// preview of the current month.
struct Sections<'c> {
    sections: Vec<SectionView<'c>>,
    jump: Vec<Link>,
    preview: Option<PreviewView<'c>>,
}

/// [`Sections`]: every month with its grid and its list (`cards` has their courses), or, when
/// the calendar is `split`, links to the months' pages.
fn sections<'c>(
    ctx: &'c Ctx<'_>,
    l: &Lctx<'_>,
    g: &GridSetup,
    cards: &'c BTreeMap<usize, Cow<'c, CourseCard>>,
    split: bool,
) -> Sections<'c> {
    let lang = l.lang.as_str();
    let this_month = this_month(ctx);
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    let (mut upcoming_links, mut past_links) = (Vec::new(), Vec::new());
    let mut preview = None;
    for (&ym, items) in &ctx.calendar_entries().0 {
        if !split {
            let mut mv = month_view(ctx.site, l, g, ym, items, &|_| String::new(), this_month);
            mv.entries = entries(ctx, l, ym, items, cards);
            if ym >= this_month {
                upcoming.push(mv);
            } else {
                past.push(mv);
            }
            continue;
        }
        let href = ctx.urls.calendar_month(lang, ym.0, ym.1);
        let label = cldr::month_year(lang, ym.0, ym.1);
        if ym >= this_month && preview.is_none() {
            let pages = day_pages(ym, items, ctx.site.config.page_size);
            let page = |d: u32| {
                let p = pages.get(&d).copied().unwrap_or(1);
                ctx.urls.calendar_month_page(lang, ym.0, ym.1, p)
            };
            preview = Some(PreviewView {
                month: month_view(ctx.site, l, g, ym, items, &page, this_month),
                more: l.t.fill("calendar_month_all", &[("month", &label)]),
                href: href.clone(),
            });
        }
        let link = MonthLink {
            ym: format!("{:04}-{:02}", ym.0, ym.1),
            href,
            label,
            count: plural_phrase(l, "calendar_month_entries", items.len()),
            current: ym == this_month,
        };
        if ym >= this_month {
            upcoming_links.push(link);
        } else {
            past_links.push(link);
        }
    }
    past.reverse();
    past_links.reverse();
    let mut jump: Vec<Link> = upcoming
        .iter()
        .map(|m| Link {
            href: format!("#{}", m.id),
            label: m.label.clone(),
        })
        .collect();
    let mut sections = vec![SectionView {
        id: "upcoming-h",
        kind: "upcoming",
        hidden: false,
        heading: l.t.get("calendar_upcoming").to_string(),
        empty: l.t.get("calendar_none_upcoming").to_string(),
        months: upcoming,
        links: upcoming_links,
    }];
    // The past section is written even when empty (hidden): months move into it by the
    // visitor's clock.
    let no_past = past.is_empty() && past_links.is_empty();
    if !no_past && !split {
        jump.push(Link {
            href: "#past-h".to_string(),
            label: l.t.get("calendar_past").to_string(),
        });
    }
    sections.push(SectionView {
        id: "past-h",
        kind: "past",
        hidden: no_past,
        heading: l.t.get("calendar_past").to_string(),
        empty: String::new(),
        months: past,
        links: past_links,
    });
    Sections {
        sections,
        jump,
        preview,
    }
}

/// `/<lang>/calendar/`: every month with its grid and list, or, when the calendar is split,
/// links to the months' pages and the current month's grid.
fn calendar_page(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.calendar(lang);
    let heading = l.t.get("calendar_title").to_string();
    let months = ctx.calendar_entries();
    let split = months.is_split(site.config.page_size);
    let g = GridSetup::new(lang);
    let self_paced_ids: Vec<usize> = (0..site.courses.len())
        .filter(|&i| site.courses[i].runs().iter().all(|r| r.sessions.is_empty()))
        .collect();
    // The courses the page prints: those listed under a month (on this page) and self-paced.
    let listed = (!split).then(|| months.0.values().flatten().map(|&(_, ci, _)| ci));
    let cards = cards(
        ctx,
        lang,
        listed
            .into_iter()
            .flatten()
            .chain(self_paced_ids.iter().copied()),
    );
    let s = sections(ctx, &l, &g, &cards, split);
    let self_paced = self_paced_ids.iter().map(|i| &*cards[i]).collect();
    let subscribe = site.courses.iter().any(has_events).then(|| {
        let abs = ctx.urls.abs(&ctx.urls.calendar_ics(lang));
        Subscribe {
            webcal: webcal(&abs),
            https: abs,
        }
    });
    let mut topic_feeds: Vec<TopicFeed> = topics_with_events(ctx)
        .into_iter()
        .map(|t| {
            let href = ctx.urls.topic_ics(lang, &t);
            TopicFeed {
                webcal: webcal(&ctx.urls.abs(&href)),
                href,
                label: ctx.topic_label(&t, lang),
            }
        })
        .collect();
    topic_feeds.sort_by(|a, b| a.label.cmp(&b.label));
    let alts = every_lang(ctx, |x| ctx.urls.calendar(x));
    let mut common = common(ctx, &l, &heading, None, &url, &alts);
    common.as_of = Some(as_of(ctx, &l));
    common.breadcrumbs = trail(ctx, &l, &[Crumb::Home]);
    let v = CalendarView {
        common,
        t: ctx.strings_for(lang, "calendar.html"),
        heading,
        subscribe,
        topic_feeds,
        jump: s.jump,
        weekdays: g.weekdays,
        split,
        preview: s.preview,
        sections: s.sections,
        self_paced,
    };
    html(ctx, "calendar.html", &v, ctx.urls.file_of(&url))
}

/// `/<lang>/calendar/<yyyy>-<mm>/` (and `…/page/<n>/`): one month of a split calendar, or one
/// page of a month with more than `page_size` entries.
fn month_page(
    ctx: &Ctx<'_>,
    lang: &str,
    ym: Month,
    page: usize,
) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.calendar_month_page(lang, ym.0, ym.1, page);
    let label = cldr::month_year(lang, ym.0, ym.1);
    let (items, prev, next) = ctx.calendar_entries().month(ym);
    let size = site.config.page_size.max(1);
    let pages = page_count(items.len(), size);
    // Every page of a long month says which part it is, the first too (the parts are equal).
    let heading = l.t.fill("calendar_month_heading", &[("month", &label)]);
    let heading = if pages > 1 {
        part_heading(&l, &heading, page, pages)
    } else {
        heading
    };
    let shown = &items[((page - 1) * size).min(items.len())..(page * size).min(items.len())];
    let g = GridSetup::new(lang);
    let cards = cards(ctx, lang, shown.iter().map(|&(_, ci, _)| ci));
    let on_page = day_pages(ym, items, size);
    let day_page = |d: u32| match on_page.get(&d) {
        Some(&p) if p != page => ctx.urls.calendar_month_page(lang, ym.0, ym.1, p),
        _ => String::new(),
    };
    // The grid counts the whole month; the list shows this page's entries.
    let mut month = month_view(site, &l, &g, ym, items, &day_page, this_month(ctx));
    month.entries = entries(ctx, &l, ym, shown, &cards);
    let page_url = |p: usize| ctx.urls.calendar_month_page(lang, ym.0, ym.1, p);
    let neighbour = |key: &str, (y, m): Month| Link {
        href: ctx.urls.calendar_month(lang, y, m),
        label: l.t.fill(key, &[("month", &cldr::month_year(lang, y, m))]),
    };
    let alts = every_lang(ctx, |x| ctx.urls.calendar_month_page(x, ym.0, ym.1, page));
    let mut common = common(ctx, &l, &heading, None, &url, &alts);
    common.as_of = Some(as_of(ctx, &l));
    common.breadcrumbs = trail(ctx, &l, &[Crumb::Home, Crumb::Calendar]);
    if page > 1 {
        common.breadcrumbs.push(Link {
            href: page_url(1),
            label: label.clone(),
        });
    }
    let pager = Pager::new(page, pages, page_url);
    let v = MonthPageView {
        common,
        t: ctx.strings_for(lang, "calendar_month.html"),
        heading,
        subscribe: site
            .courses
            .iter()
            .any(has_events)
            .then(|| ctx.urls.abs(&ctx.urls.calendar_ics(lang))),
        calendar_title: l.t.get("calendar_title").to_string(),
        weekdays: g.weekdays,
        month,
        prev: prev.map(|p| neighbour("calendar_month_prev", p)),
        next: next.map(|n| neighbour("calendar_month_next", n)),
        page,
        pages,
        pager: pager.links,
        prev_page: pager.prev,
        next_page: pager.next,
    };
    html(ctx, "calendar_month.html", &v, ctx.urls.file_of(&url))
}
