//! The calendar page, `/<lang>/calendar/index.html`: the courses month by month, with links to
//! subscribe to the iCalendar feeds.
//!
//! A session is listed under every month it runs in (an eight-week course shows in September
//! and October), so the current month also shows what is already running; a course's
//! application deadline is an entry of its own in its month, as in the iCalendar files. The current and
//! coming months come first, in order; past months follow under their own heading, the most
//! recent first. Self-paced courses without sessions close the page. Everything is plain HTML:
//! headings for the sections and months, lists for the entries; no script is needed.
//!
//! Above each month's list, a month grid (a `<table>`, see [`weeks`]): one column per weekday,
//! starting on the language's first day of the week (CLDR: Sunday in "en", Monday in "fr" and
//! "es", Saturday in "ar"), one row per week, empty cells before the 1st and after the last day.
//! Headers show CLDR's abbreviated weekday names with the full name for screen readers; day
//! numbers are written with the language's digits ([`cldr::number`]). A day on which a session
//! starts or an application deadline falls (in the course's time zone, as in the list) is
//! marked by a class and a shape (● a start, ◆ a deadline, explained by a legend above the
//! sections), links to its first entry in the month's list (`#d-2025-09-08`: a day belongs to
//! one month and a month to one section, upcoming or past, so the ids are unique in the page)
//! and says what happens for screen readers ("8 September 2025: 2 sessions start, 1 application
//! deadline", with the language's plural forms: keys `calendar_grid_starts_<category>` and
//! `calendar_grid_deadlines_<category>`). Days on which a session runs are shaded, as
//! decoration only (the list says it). Cancelled courses stay in the list but neither mark nor
//! shade the grid: nothing starts on their days. No clock is read: the build's `now` only
//! decides, as for the list, which months are past.
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
//! The entries borrow each course's card data (computed once per build and language).

use super::super::compiled::templates;
use super::super::pages::{card_data, common, html, page_count, pager_links};
use super::super::view::{self, CourseCard, Link};
use super::super::{Ctx, Lctx, Output};
use super::{has_events, topics_with_events};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::{Lang, Site, Status, When};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A month: (year, month 1–12).
pub type Month = (i32, u32);

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

/// The months that get a page of their own, in order, each with its number of pages: every
/// month with an entry when the calendar has more entries than `[catalogue] page_size`, split
/// in pages of at most `page_size` entries; none (a single page) otherwise. The same in every
/// language: entries do not depend on the language.
pub fn split_months(months: &Months<'_>, page_size: usize) -> Vec<(Month, usize)> {
    if months.is_split(page_size) {
        months
            .0
            .iter()
            .map(|(&ym, items)| (ym, page_count(items.len(), page_size)))
            .collect()
    } else {
        Vec::new()
    }
}

/// Every month with an entry, with its entries sorted as listed: made once per build
/// ([`Ctx::calendar_entries`]), for every calendar page of every language.
pub struct Months<'s>(BTreeMap<Month, Vec<Item<'s>>>);

impl<'s> Months<'s> {
    pub fn of(site: &'s Site) -> Self {
        let mut months = items_by_month(site);
        for items in months.values_mut() {
            items.sort();
        }
        Months(months)
    }

    fn is_split(&self, page_size: usize) -> bool {
        self.0.values().map(Vec::len).sum::<usize>() > page_size
    }

    /// The entries of month `ym` and the months before and after it that have entries.
    fn month(&self, ym: Month) -> (&[Item<'s>], Option<Month>, Option<Month>) {
        use std::ops::Bound::{Excluded, Unbounded};
        (
            self.0.get(&ym).map_or(&[][..], Vec::as_slice),
            self.0.range(..ym).next_back().map(|(&m, _)| m),
            self.0
                .range((Excluded(ym), Unbounded))
                .next()
                .map(|(&m, _)| m),
        )
    }
}

/// The page of a month's list (from 1) that holds the first entry of each day starting or
/// closing in the month (`items` sorted, as listed): where the grid's marked days link to.
fn day_pages((y, m): Month, items: &[Item<'_>], page_size: usize) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    for (i, &((day, _, _), _, _)) in items.iter().enumerate() {
        if (day.year(), day.month()) == (y, m) {
            out.entry(day.day()).or_insert(i / page_size.max(1) + 1);
        }
    }
    out
}

/// One session of a course, or its application deadline, in one month.
#[derive(Serialize)]
struct EntryView<'c> {
    card: &'c CourseCard,
    /// The entry is the course's application deadline (its `dates` are the deadline's).
    is_deadline: bool,
    /// The session's name, when it has one.
    session: Option<&'c str>,
    dates: String,
    start_iso: String,
    modality: String,
    location: Option<&'c str>,
    /// `d-2025-09-08` on the month's first entry of a day on which it starts (or closes, for a
    /// deadline), for the links of the month grid.
    anchor: Option<String>,
}

/// One cell of a month grid.
#[derive(Serialize, Default)]
struct DayView {
    /// The day of the month in the language's digits; empty before the 1st and after the end.
    n: String,
    /// `cal-s` (a session starts), `cal-d` (an application deadline), `cal-r` (a session runs).
    class: String,
    /// A session starts this day.
    start: bool,
    /// An application deadline falls this day.
    deadline: bool,
    /// `#d-2025-09-08`: the day's first entry in the month's list, when the day is marked (on
    /// the month's own page when the list is there).
    href: Option<String>,
    /// What happens, for screen readers: "8 September 2025: 1 session starts".
    label: String,
}

#[derive(Serialize)]
struct WeekdayView {
    short: String,
    long: String,
}

#[derive(Serialize)]
struct MonthView<'c> {
    /// Fragment id: `m-2025-09`.
    id: String,
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

#[derive(Serialize)]
struct CalendarView<'a> {
    common: view::Common,
    t: &'a crate::i18n::Strings,
    heading: String,
    subscribe: Option<Subscribe>,
    topic_feeds: Vec<Link>,
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
    common: view::Common,
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

/// `https://host/x` → `webcal://host/x` (the scheme calendar apps subscribe with).
fn webcal(abs: &str) -> String {
    match abs.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => abs.to_string(),
    }
}

/// The weeks of a month, as rows of seven cells whose first column is `first`: the day of the
/// month, or `None` before the 1st and after the last day. Four to six rows; none for a month
/// chrono cannot represent.
fn weeks(year: i32, month: u32, first: Weekday) -> Vec<[Option<u32>; 7]> {
    let Some(day1) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let len = days_in_month(year, month);
    let lead = day1.weekday().days_since(first);
    (0..(lead + len).div_ceil(7))
        .map(|row| {
            std::array::from_fn(|col| {
                let i = row * 7 + col as u32;
                (i >= lead && i < lead + len).then(|| i - lead + 1)
            })
        })
        .collect()
}

/// 28 to 31.
fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(30, |d| d.day())
}

fn next_month((y, m): Month) -> Month {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}

/// `{prefix}_{category}` filled with `n`: the language's plural form (see `Strings::count`).
fn plural_phrase(l: &Lctx<'_>, prefix: &str, n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    l.t.count(&l.lang, prefix, n, &cldr::number(&l.lang, n))
}

/// The session index of a deadline entry.
const DEADLINE: usize = usize::MAX;

/// An entry: (sort key: day, course code, session index), course index, session index or
/// [`DEADLINE`].
type Item<'s> = ((NaiveDate, &'s str, usize), usize, usize);

/// Every entry with the first and last month it is listed in: a session in every month it
/// runs in, a deadline in its own.
fn spans(site: &Site) -> impl Iterator<Item = (Month, Month, Item<'_>)> {
    site.courses.iter().enumerate().flat_map(|(ci, c)| {
        let sessions = c.sessions.iter().enumerate().map(move |(si, s)| {
            let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
            (
                (a.year(), a.month()),
                (b.year(), b.month()),
                ((a, c.code.as_str(), si), ci, si),
            )
        });
        let deadline = c.deadline().map(|d| {
            let a = d.when.date_in(c.tz);
            let ym = (a.year(), a.month());
            (ym, ym, ((a, c.code.as_str(), DEADLINE), ci, DEADLINE))
        });
        sessions.chain(deadline)
    })
}

/// The entries of every month that has one (each month's in no particular order).
fn items_by_month(site: &Site) -> BTreeMap<Month, Vec<Item<'_>>> {
    let mut months: BTreeMap<Month, Vec<Item<'_>>> = BTreeMap::new();
    for (first, last, item) in spans(site) {
        let mut ym = first;
        while ym <= last {
            months.entry(ym).or_default().push(item);
            ym = next_month(ym);
        }
    }
    months
}

/// What every month grid of a page shares: its columns and the day numbers.
struct GridSetup {
    first: Weekday,
    weekdays: Vec<WeekdayView>,
    /// The day numbers in the language's digits (index = day).
    digits: Vec<String>,
}

impl GridSetup {
    fn new(lang: &str) -> Self {
        let first = cldr::first_weekday(lang);
        let (short, long) = (
            cldr::weekday_names_short(lang),
            cldr::weekday_names_long(lang),
        );
        let weekdays = (0..7)
            .map(|i| {
                let d = (first.num_days_from_monday() as usize + i) % 7;
                WeekdayView {
                    short: short[d].clone(),
                    long: long[d].clone(),
                }
            })
            .collect();
        GridSetup {
            first,
            weekdays,
            digits: (0..=31).map(|d| cldr::number(lang, d)).collect(),
        }
    }
}

/// The card data of the courses `ids`, in `lang`: what entries borrow from.
fn cards<'c>(
    ctx: &'c Ctx<'_>,
    lang: &str,
    ids: impl Iterator<Item = usize>,
) -> BTreeMap<usize, Cow<'c, CourseCard>> {
    let mut out = BTreeMap::new();
    for i in ids {
        out.entry(i).or_insert_with(|| card_data(ctx, i, lang));
    }
    out
}

/// Month `(y, m)` with its grid, and with its list when `cards` has the courses of `items`
/// (sorted). A marked day `d` links to `{page(d)}#d-…`: `page` gives "" when the day's entry is
/// on the page itself.
#[allow(clippy::too_many_arguments)]
fn month_view<'c>(
    ctx: &'c Ctx<'_>,
    l: &Lctx<'_>,
    g: &GridSetup,
    (y, m): Month,
    items: &[Item<'_>],
    cards: Option<&'c BTreeMap<usize, Cow<'c, CourseCard>>>,
    page: &dyn Fn(u32) -> String,
    this_month: Month,
) -> MonthView<'c> {
    let site = ctx.site;
    let lang = l.lang.as_str();
    // Per day of the month (index = day): sessions starting, deadlines, sessions running.
    let len = days_in_month(y, m) as usize;
    let (mut starts, mut deadlines, mut runs) = (
        vec![0usize; len + 1],
        vec![0usize; len + 1],
        vec![false; len + 1],
    );
    let in_month = |d: NaiveDate| (d.year(), d.month()) == (y, m);
    for &((day, _, _), ci, si) in items {
        let c = &site.courses[ci];
        if c.status == Status::Cancelled {
            continue;
        }
        if si == DEADLINE {
            deadlines[day.day() as usize] += 1;
            continue;
        }
        let s = &c.sessions[si];
        let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
        if in_month(a) {
            starts[a.day() as usize] += 1;
        }
        let from = if in_month(a) { a.day() as usize } else { 1 };
        let to = if in_month(b) { b.day() as usize } else { len };
        for r in runs.iter_mut().take(to + 1).skip(from) {
            *r = true;
        }
    }
    let grid = weeks(y, m, g.first)
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let Some(d) = *cell else {
                        return DayView::default();
                    };
                    let i = d as usize;
                    let (ns, nd) = (starts[i], deadlines[i]);
                    let mut class = Vec::new();
                    if ns > 0 {
                        class.push("cal-s");
                    }
                    if nd > 0 {
                        class.push("cal-d");
                    }
                    if runs[i] {
                        class.push("cal-r");
                    }
                    let mut events = Vec::new();
                    if ns > 0 {
                        events.push(plural_phrase(l, "calendar_grid_starts", ns));
                    }
                    if nd > 0 {
                        events.push(plural_phrase(l, "calendar_grid_deadlines", nd));
                    }
                    let date = NaiveDate::from_ymd_opt(y, m, d);
                    let marked = !events.is_empty();
                    DayView {
                        n: g.digits.get(i).cloned().unwrap_or_else(|| d.to_string()),
                        class: class.join(" "),
                        start: ns > 0,
                        deadline: nd > 0,
                        href: date
                            .filter(|_| marked)
                            .map(|dt| format!("{}#d-{}", page(d), dt.format("%Y-%m-%d"))),
                        label: match date.filter(|_| marked) {
                            Some(dt) => l.t.fill(
                                "calendar_grid_day",
                                &[
                                    ("date", &cldr::long_date(lang, dt)),
                                    ("events", &events.join(l.t.get("list_separator"))),
                                ],
                            ),
                            None => String::new(),
                        },
                    }
                })
                .collect()
        })
        .collect();
    let entries = match cards {
        Some(cards) => entries(ctx, l, (y, m), items, cards),
        None => Vec::new(),
    };
    MonthView {
        id: format!("m-{y:04}-{m:02}"),
        label: cldr::month_year(lang, y, m),
        current: (y, m) == this_month,
        weeks: grid,
        entries,
    }
}

/// The list of a month: `items` sorted, each course's card in `cards`.
fn entries<'c>(
    ctx: &'c Ctx<'_>,
    l: &Lctx<'_>,
    (y, m): Month,
    items: &[Item<'_>],
    cards: &'c BTreeMap<usize, Cow<'c, CourseCard>>,
) -> Vec<EntryView<'c>> {
    let site = ctx.site;
    let lang = l.lang.as_str();
    let in_month = |d: NaiveDate| (d.year(), d.month()) == (y, m);
    // The first entry of each day that starts (or closes) in this month carries its anchor.
    let mut anchored = std::collections::BTreeSet::new();
    items
        .iter()
        .map(|&((day, _, _), ci, si)| {
            let anchor = (in_month(day) && anchored.insert(day))
                .then(|| format!("d-{}", day.format("%Y-%m-%d")));
            let c = &site.courses[ci];
            let card: &CourseCard = &cards[&ci];
            if si == DEADLINE {
                let d = c.deadline().map_or(When::Date(NaiveDate::MIN), |d| d.when);
                return EntryView {
                    card,
                    is_deadline: true,
                    session: None,
                    dates: view::when_text(l, &d, c.tz, true),
                    start_iso: d.date_in(c.tz).format("%Y-%m-%d").to_string(),
                    modality: view::modality_label(l, c.modality),
                    location: None,
                    anchor,
                };
            }
            let s = &c.sessions[si];
            let (_, text) = c.text_for(lang, &site.config.text_order);
            let st = text.sessions.get(si);
            let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
            EntryView {
                card,
                is_deadline: false,
                session: st
                    .and_then(|t| t.name.as_deref())
                    .filter(|n| !n.trim().is_empty()),
                dates: view::range_text(l, a, b),
                start_iso: a.format("%Y-%m-%d").to_string(),
                modality: view::modality_label(l, s.modality.unwrap_or(c.modality)),
                location: st
                    .and_then(|t| t.location.as_deref())
                    .filter(|x| !x.trim().is_empty()),
                anchor,
            }
        })
        .collect()
}

fn this_month(ctx: &Ctx<'_>) -> Month {
    let today = ctx
        .now
        .with_timezone(&ctx.site.config.timezone)
        .date_naive();
    (today.year(), today.month())
}

/// Renders a calendar page: the calendar of a language or, when it is split, one of its
/// months. (The error is the template's, as for every page: `pages::render` has the same
/// signature.)
#[allow(clippy::result_large_err)]
pub fn page(ctx: &Ctx<'_>, job: &PageJob) -> Result<Vec<Output>, Diagnostic> {
    match job.month {
        None => calendar_page(ctx, &job.lang),
        Some(ym) => month_page(ctx, &job.lang, ym, job.page.max(1)),
    }
}

/// `/<lang>/calendar/`: every month with its grid and list, or, when the calendar is split,
/// links to the months' pages and the current month's grid.
#[allow(clippy::result_large_err)]
fn calendar_page(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.calendar(lang);
    let heading = l.t.get("calendar_title").to_string();
    let this_month = this_month(ctx);
    let months = &ctx.calendar_entries().0;
    let split = ctx.calendar_entries().is_split(site.config.page_size);
    let g = GridSetup::new(lang);
    let self_paced_ids: Vec<usize> = (0..site.courses.len())
        .filter(|&i| site.courses[i].sessions.is_empty())
        .collect();
    // The courses the page prints: those listed under a month (on this page) and self-paced.
    let listed = (!split).then(|| months.values().flatten().map(|&(_, ci, _)| ci));
    let cards = cards(
        ctx,
        lang,
        listed
            .into_iter()
            .flatten()
            .chain(self_paced_ids.iter().copied()),
    );
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    let mut upcoming_links = Vec::new();
    let mut past_links = Vec::new();
    let mut preview = None;
    for (&ym, items) in months {
        if split {
            let href = ctx.urls.calendar_month(lang, ym.0, ym.1);
            let label = cldr::month_year(lang, ym.0, ym.1);
            if ym >= this_month && preview.is_none() {
                let pages = day_pages(ym, items, site.config.page_size);
                let page = |d: u32| {
                    let p = pages.get(&d).copied().unwrap_or(1);
                    ctx.urls.calendar_month_page(lang, ym.0, ym.1, p)
                };
                preview = Some(PreviewView {
                    month: month_view(ctx, &l, &g, ym, items, None, &page, this_month),
                    more: l.t.fill("calendar_month_all", &[("month", &label)]),
                    href: href.clone(),
                });
            }
            let link = MonthLink {
                href,
                label,
                count: plural_phrase(&l, "calendar_month_entries", items.len()),
                current: ym == this_month,
            };
            if ym >= this_month {
                upcoming_links.push(link);
            } else {
                past_links.push(link);
            }
        } else {
            let mv = month_view(
                ctx,
                &l,
                &g,
                ym,
                items,
                Some(&cards),
                &|_| String::new(),
                this_month,
            );
            if ym >= this_month {
                upcoming.push(mv);
            } else {
                past.push(mv);
            }
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
        heading: l.t.get("calendar_upcoming").to_string(),
        empty: l.t.get("calendar_none_upcoming").to_string(),
        months: upcoming,
        links: upcoming_links,
    }];
    if !past.is_empty() || !past_links.is_empty() {
        if !split {
            jump.push(Link {
                href: "#past-h".to_string(),
                label: l.t.get("calendar_past").to_string(),
            });
        }
        sections.push(SectionView {
            id: "past-h",
            heading: l.t.get("calendar_past").to_string(),
            empty: String::new(),
            months: past,
            links: past_links,
        });
    }
    let self_paced = self_paced_ids.iter().map(|i| &*cards[i]).collect();
    let subscribe = site.courses.iter().any(has_events).then(|| {
        let abs = ctx.urls.abs(&ctx.urls.calendar_ics(lang));
        Subscribe {
            webcal: webcal(&abs),
            https: abs,
        }
    });
    let mut topic_feeds: Vec<Link> = topics_with_events(ctx)
        .into_iter()
        .map(|t| Link {
            href: ctx.urls.topic_ics(lang, &t),
            label: ctx.topic_label(&t, lang),
        })
        .collect();
    topic_feeds.sort_by(|a, b| a.label.cmp(&b.label));
    let alts: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|x| (x.clone(), ctx.urls.calendar(x)))
        .collect();
    let mut common = common(ctx, &l, &heading, None, &url, &alts);
    common.breadcrumbs = vec![Link {
        href: ctx.urls.home(lang),
        label: l.t.get("nav_home").to_string(),
    }];
    let v = CalendarView {
        common,
        t: ctx.strings_for(lang, "calendar.html"),
        heading,
        subscribe,
        topic_feeds,
        jump,
        weekdays: g.weekdays,
        split,
        preview,
        sections,
        self_paced,
    };
    html(ctx, "calendar.html", &v, ctx.urls.file_of(&url))
}

/// `/<lang>/calendar/<yyyy>-<mm>/` (and `…/page/<n>/`): one month of a split calendar, or one
/// page of a month with more than `page_size` entries.
#[allow(clippy::result_large_err)]
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
    let heading = if pages > 1 {
        l.t.fill(
            "calendar_month_heading_page",
            &[
                ("month", &label),
                ("page", &cldr::number(lang, page as i64)),
                ("pages", &cldr::number(lang, pages as i64)),
            ],
        )
    } else {
        l.t.fill("calendar_month_heading", &[("month", &label)])
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
    let mut month = month_view(ctx, &l, &g, ym, items, None, &day_page, this_month(ctx));
    month.entries = entries(ctx, &l, ym, shown, &cards);
    let page_url = |p: usize| ctx.urls.calendar_month_page(lang, ym.0, ym.1, p);
    let neighbour = |key: &str, (y, m): Month| Link {
        href: ctx.urls.calendar_month(lang, y, m),
        label: l.t.fill(key, &[("month", &cldr::month_year(lang, y, m))]),
    };
    let alts: Vec<(String, String)> = site
        .config
        .languages
        .iter()
        .map(|x| (x.clone(), ctx.urls.calendar_month_page(x, ym.0, ym.1, page)))
        .collect();
    let mut common = common(ctx, &l, &heading, None, &url, &alts);
    common.breadcrumbs = vec![
        Link {
            href: ctx.urls.home(lang),
            label: l.t.get("nav_home").to_string(),
        },
        Link {
            href: ctx.urls.calendar(lang),
            label: l.t.get("calendar_title").to_string(),
        },
    ];
    if page > 1 {
        common.breadcrumbs.push(Link {
            href: page_url(1),
            label: label.clone(),
        });
    }
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
        pager: pager_links(pages, page_url),
        prev_page: (page > 1).then(|| page_url(page - 1)),
        next_page: (page < pages).then(|| page_url(page + 1)),
    };
    html(ctx, "calendar_month.html", &v, ctx.urls.file_of(&url))
}

#[cfg(test)]
mod grid_tests {
    use super::{days_in_month, weeks};
    use chrono::Weekday;

    /// Leading empty cells of the first row, and the number of rows.
    fn shape(y: i32, m: u32, first: Weekday) -> (usize, usize) {
        let w = weeks(y, m, first);
        (w[0].iter().take_while(|c| c.is_none()).count(), w.len())
    }

    #[test]
    fn february_2026_fills_four_weeks_from_sunday() {
        // 1 February 2026 is a Sunday: four full rows from Sunday, five from Monday.
        let w = weeks(2026, 2, Weekday::Sun);
        assert_eq!(w.len(), 4);
        assert_eq!(w[0], [1, 2, 3, 4, 5, 6, 7].map(Some));
        assert_eq!(w[3], [22, 23, 24, 25, 26, 27, 28].map(Some));
        assert_eq!(shape(2026, 2, Weekday::Mon), (6, 5));
        assert_eq!(weeks(2026, 2, Weekday::Mon)[4][6], None);
    }

    #[test]
    fn march_2026_from_monday_needs_six_rows() {
        // 1 March 2026 is a Sunday (last column from Monday), 31 March a Tuesday.
        let w = weeks(2026, 3, Weekday::Mon);
        assert_eq!(w.len(), 6);
        assert_eq!(w[0], [None, None, None, None, None, None, Some(1)]);
        assert_eq!(w[5], [Some(30), Some(31), None, None, None, None, None]);
        // Every day once, in order.
        let days: Vec<u32> = w.iter().flatten().flatten().copied().collect();
        assert_eq!(days, (1..=31).collect::<Vec<_>>());
    }

    #[test]
    fn first_row_follows_the_first_weekday() {
        // 1 September 2025 is a Monday.
        assert_eq!(shape(2025, 9, Weekday::Sun), (1, 5));
        assert_eq!(shape(2025, 9, Weekday::Mon), (0, 5));
        assert_eq!(shape(2025, 9, Weekday::Sat), (2, 5));
        // 1 August 2025 is a Friday: from Saturday it is the last column, and six rows.
        assert_eq!(shape(2025, 8, Weekday::Sat), (6, 6));
        assert!(weeks(2025, 13, Weekday::Mon).is_empty());
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2025, 2), 28);
        assert_eq!(days_in_month(2025, 12), 31);
    }
}
