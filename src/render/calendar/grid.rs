//! The month grid shown above each month's list (a `<table>`, see [`weeks`]): one column per weekday,
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

use super::months::{Item, Month, DEADLINE};
use crate::i18n::cldr;
use crate::model::{Site, Status};
use crate::render::kit::words::plural_phrase;
use crate::render::Lctx;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// One cell of a month grid.
#[derive(Serialize, Default)]
pub struct DayView {
    /// The day of the month in the language's digits; empty before the 1st and after the end.
    pub n: String,
    /// `cal-s` (a session starts), `cal-d` (an application deadline), `cal-r` (a session runs).
    pub class: String,
    /// A session starts this day.
    pub start: bool,
    /// An application deadline falls this day.
    pub deadline: bool,
    /// `#d-2025-09-08`: the day's first entry in the month's list, when the day is marked (on
    /// the month's own page when the list is there).
    pub href: Option<String>,
    /// What happens, for screen readers: "8 September 2025: 1 session starts".
    pub label: String,
}

#[derive(Serialize)]
pub struct WeekdayView {
    pub short: String,
    pub long: String,
}

/// What every month grid of a page shares: its columns and the day numbers.
pub struct GridSetup {
    pub first: Weekday,
    pub weekdays: Vec<WeekdayView>,
    /// The day numbers in the language's digits (index = day).
    pub digits: Vec<String>,
}

impl GridSetup {
    pub fn new(lang: &str) -> Self {
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

/// Per day of a month (index = day, from 1): sessions starting, deadlines, and whether a
/// session runs. Cancelled courses count for nothing: nothing starts on their days.
struct DayCounts {
    starts: Vec<usize>,
    deadlines: Vec<usize>,
    runs: Vec<bool>,
}

impl DayCounts {
    fn of(site: &Site, (y, m): Month, items: &[Item<'_>]) -> DayCounts {
        let len = days_in_month(y, m) as usize;
        let mut n = DayCounts {
            starts: vec![0; len + 1],
            deadlines: vec![0; len + 1],
            runs: vec![false; len + 1],
        };
        let in_month = |d: NaiveDate| (d.year(), d.month()) == (y, m);
        for &((day, code, _), ci, si) in items {
            let c = super::months::run_of(site, ci, code);
            if c.status == Status::Cancelled {
                continue;
            }
            if si == DEADLINE {
                n.deadlines[day.day() as usize] += 1;
                continue;
            }
            let s = &c.sessions[si];
            let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
            if in_month(a) {
                n.starts[a.day() as usize] += 1;
            }
            let from = if in_month(a) { a.day() as usize } else { 1 };
            let to = if in_month(b) { b.day() as usize } else { len };
            for r in n.runs.iter_mut().take(to + 1).skip(from) {
                *r = true;
            }
        }
        n
    }
}

/// The grid of month `(y, m)` whose entries are `items`: rows of seven days. A marked day `d`
/// links to `{page(d)}#d-…`: `page` gives "" when the day's entry is on the page itself.
pub fn grid(
    site: &Site,
    l: &Lctx<'_>,
    g: &GridSetup,
    (y, m): Month,
    items: &[Item<'_>],
    page: &dyn Fn(u32) -> String,
) -> Vec<Vec<DayView>> {
    let counts = DayCounts::of(site, (y, m), items);
    weeks(y, m, g.first)
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|cell| match *cell {
                    Some(d) => day(l, g, &counts, (y, m), d, page),
                    None => DayView::default(),
                })
                .collect()
        })
        .collect()
}

/// The cell of day `d` of month `(y, m)`.
fn day(
    l: &Lctx<'_>,
    g: &GridSetup,
    counts: &DayCounts,
    (y, m): Month,
    d: u32,
    page: &dyn Fn(u32) -> String,
) -> DayView {
    let i = d as usize;
    let (ns, nd) = (counts.starts[i], counts.deadlines[i]);
    let mut class = Vec::new();
    if ns > 0 {
        class.push("cal-s");
    }
    if nd > 0 {
        class.push("cal-d");
    }
    if counts.runs[i] {
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
            .map(|dt| format!("{}#d-{}", page(d), crate::render::kit::iso::date(dt))),
        label: match date.filter(|_| marked) {
            Some(dt) => l.t.fill(
                "calendar_grid_day",
                &[
                    ("date", &cldr::long_date(&l.lang, dt)),
                    ("events", &events.join(l.t.get("list_separator"))),
                ],
            ),
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
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
