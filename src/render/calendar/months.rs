//! The calendar's entries, month by month: a session in every month it runs in, a deadline in
//! its own month, each month's sorted as listed; made once per build, for every calendar page
//! of every language. When they outnumber `[catalogue] page_size` the calendar is split into a
//! page per month ([`split_months`]).

use crate::model::Site;
use crate::render::kit::page_count;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A month: (year, month 1–12).
pub type Month = (i32, u32);

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
pub struct Months<'s>(pub(super) BTreeMap<Month, Vec<Item<'s>>>);

impl<'s> Months<'s> {
    /// The entries of the courses `listed` says are listed (by index in `site.courses`).
    pub fn of(site: &'s Site, listed: &[bool]) -> Self {
        let mut months = items_by_month(site, listed);
        for items in months.values_mut() {
            items.sort();
        }
        Months(months)
    }

    pub(super) fn is_split(&self, page_size: usize) -> bool {
        self.0.values().map(Vec::len).sum::<usize>() > page_size
    }

    /// The entries of month `ym` and the months before and after it that have entries.
    pub(super) fn month(&self, ym: Month) -> (&[Item<'s>], Option<Month>, Option<Month>) {
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
pub(super) fn day_pages(
    (y, m): Month,
    items: &[Item<'_>],
    page_size: usize,
) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    for (i, &((day, _, _), _, _)) in items.iter().enumerate() {
        if (day.year(), day.month()) == (y, m) {
            out.entry(day.day()).or_insert(i / page_size.max(1) + 1);
        }
    }
    out
}

/// The session index of a deadline entry.
pub const DEADLINE: usize = usize::MAX;

/// An entry: (sort key: day, run code, session index), course index, session index (in the
/// run) or [`DEADLINE`]. The run code is the course's for a course given once (see [`run_of`]).
pub type Item<'s> = ((NaiveDate, &'s str, usize), usize, usize);

/// The run of course `ci` an entry with run code `code` is of.
pub fn run_of<'s>(site: &'s Site, ci: usize, code: &str) -> &'s crate::model::Course {
    let c = &site.courses[ci];
    c.runs().iter().find(|r| r.code == code).unwrap_or(c)
}

/// Every entry with the months it is listed in: of each run, a session in every month it runs
/// in (a weekly session in every month it meets in; a cancelled or postponed one in its first
/// month only), a deadline in its own (none for a run that takes no applications: cancelled,
/// postponed or full).
fn spans(site: &Site) -> impl Iterator<Item = (Vec<Month>, Item<'_>)> {
    let runs = site
        .courses
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| c.runs().iter().map(move |r| (ci, r)));
    runs.flat_map(|(ci, c)| {
        let sessions = c.sessions.iter().enumerate().map(move |(si, s)| {
            let a = s.start.date_in(c.tz);
            let months = match &s.repeat {
                None => months_between((a.year(), a.month()), {
                    let b = s.end.date_in(c.tz);
                    (b.year(), b.month())
                }),
                Some(_) => {
                    let mut m: Vec<Month> = s
                        .meetings(c.tz)
                        .iter()
                        .map(|m| {
                            let d = m.start.date_in(c.tz);
                            (d.year(), d.month())
                        })
                        .collect();
                    m.dedup();
                    m
                }
            };
            // A session that will not take place on its dates (cancelled, postponed) is
            // listed once, in its first month: no "continues" after it.
            let months = if c.status.keeps_dates() {
                months
            } else {
                months.into_iter().take(1).collect()
            };
            (months, ((a, c.code.as_str(), si), ci, si))
        });
        let deadline = c
            .deadline()
            .filter(|_| c.status.takes_applications())
            .map(|d| {
                let a = d.when.date_in(c.tz);
                let ym = (a.year(), a.month());
                (vec![ym], ((a, c.code.as_str(), DEADLINE), ci, DEADLINE))
            });
        sessions.chain(deadline)
    })
}

/// The months from `first` to `last`, both included.
fn months_between(first: Month, last: Month) -> Vec<Month> {
    let mut out = Vec::new();
    let mut ym = first;
    while ym <= last {
        out.push(ym);
        ym = next_month(ym);
    }
    out
}

/// The entries of every month that has one (each month's in no particular order), of the
/// courses `listed` (by index).
fn items_by_month<'s>(site: &'s Site, listed: &[bool]) -> BTreeMap<Month, Vec<Item<'s>>> {
    let mut months: BTreeMap<Month, Vec<Item<'s>>> = BTreeMap::new();
    let listed = |ci: usize| listed.get(ci).copied().unwrap_or(true);
    for (list, item) in spans(site).filter(|&(_, (_, ci, _))| listed(ci)) {
        for ym in list {
            months.entry(ym).or_default().push(item);
        }
    }
    months
}

fn next_month((y, m): Month) -> Month {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}
