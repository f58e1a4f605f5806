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

use super::super::pages::{card_data, common, html};
use super::super::view::{self, CourseCard, Link};
use super::super::{Ctx, Output};
use super::{has_events, topics_with_events};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::model::{Status, When};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

/// One session of a course, or its application deadline, in one month.
#[derive(Serialize)]
struct EntryView<'c> {
    card: std::borrow::Cow<'c, CourseCard>,
    /// The entry is the course's application deadline (its `dates` are the deadline's).
    is_deadline: bool,
    /// The session's name, when it has one.
    session: Option<String>,
    dates: String,
    start_iso: String,
    end_iso: String,
    modality: String,
    location: Option<String>,
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
    /// `#d-2025-09-08`: the day's first entry in the month's list, when the day is marked.
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

/// "Current and coming months" or "Past months".
#[derive(Serialize)]
struct SectionView<'c> {
    /// Id of the section's heading.
    id: &'static str,
    heading: String,
    /// Said when there is no month in the section.
    empty: String,
    months: Vec<MonthView<'c>>,
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
    sections: Vec<SectionView<'a>>,
    self_paced: Vec<std::borrow::Cow<'a, CourseCard>>,
}

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

/// `{prefix}_{category}` filled with `n`: the language's plural form (ICU categories; a form
/// the strings lack is `_other`).
fn plural_phrase(l: &super::super::Lctx<'_>, prefix: &str, n: usize) -> String {
    let cat = crate::i18n::plural(&l.lang, n as i64);
    let key = format!("{prefix}_{cat}");
    let key = if l.t.has(&key) {
        key
    } else {
        format!("{prefix}_other")
    };
    l.t.fill(&key, &[("n", &cldr::number(&l.lang, n as i64))])
}

/// Renders the calendar page of `lang`. (The error is the template's, as for every page:
/// `pages::render` has the same signature.)
#[allow(clippy::result_large_err)]
pub fn page(ctx: &Ctx<'_>, lang: &str) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let l = ctx.lctx(lang);
    let url = ctx.urls.calendar(lang);
    let heading = l.t.get("calendar_title").to_string();
    let today = ctx.now.with_timezone(&site.config.timezone).date_naive();
    let this_month = (today.year(), today.month());

    // (year, month) → [(sort key, course index, session index or `DEADLINE`)]
    const DEADLINE: usize = usize::MAX;
    type Item = ((NaiveDate, String, usize), usize, usize);
    let mut months: BTreeMap<(i32, u32), Vec<Item>> = BTreeMap::new();
    for (ci, c) in site.courses.iter().enumerate() {
        for (si, s) in c.sessions.iter().enumerate() {
            let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
            let (mut y, mut m) = (a.year(), a.month());
            while (y, m) <= (b.year(), b.month()) {
                months
                    .entry((y, m))
                    .or_default()
                    .push(((a, c.code.clone(), si), ci, si));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        if let Some(d) = c.deadline {
            let a = d.date_in(c.tz);
            months.entry((a.year(), a.month())).or_default().push((
                (a, c.code.clone(), DEADLINE),
                ci,
                DEADLINE,
            ));
        }
    }
    // The grid's columns, and the day numbers in the language's digits (index = day).
    let first = cldr::first_weekday(lang);
    let (short, long) = (
        cldr::weekday_names_short(lang),
        cldr::weekday_names_long(lang),
    );
    let weekdays: Vec<WeekdayView> = (0..7)
        .map(|i| {
            let d = (first.num_days_from_monday() as usize + i) % 7;
            WeekdayView {
                short: short[d].clone(),
                long: long[d].clone(),
            }
        })
        .collect();
    let digits: Vec<String> = (0..=31).map(|d| cldr::number(lang, d)).collect();
    let month_view = |(y, m): (i32, u32), mut items: Vec<Item>| {
        items.sort();
        // Per day of the month (index = day): sessions starting, deadlines, sessions running.
        let len = days_in_month(y, m) as usize;
        let (mut starts, mut deadlines, mut runs) = (
            vec![0usize; len + 1],
            vec![0usize; len + 1],
            vec![false; len + 1],
        );
        let in_month = |d: NaiveDate| (d.year(), d.month()) == (y, m);
        for &((day, _, _), ci, si) in &items {
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
        // The first entry of each day that starts (or closes) in this month carries its anchor.
        let mut anchored = std::collections::BTreeSet::new();
        let anchors: Vec<Option<String>> = items
            .iter()
            .map(|((day, _, _), _, _)| {
                (in_month(*day) && anchored.insert(*day))
                    .then(|| format!("d-{}", day.format("%Y-%m-%d")))
            })
            .collect();
        let grid = weeks(y, m, first)
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
                            events.push(plural_phrase(&l, "calendar_grid_starts", ns));
                        }
                        if nd > 0 {
                            events.push(plural_phrase(&l, "calendar_grid_deadlines", nd));
                        }
                        let date = NaiveDate::from_ymd_opt(y, m, d);
                        let marked = !events.is_empty();
                        DayView {
                            n: digits.get(i).cloned().unwrap_or_else(|| d.to_string()),
                            class: class.join(" "),
                            start: ns > 0,
                            deadline: nd > 0,
                            href: date
                                .filter(|_| marked)
                                .map(|dt| format!("#d-{}", dt.format("%Y-%m-%d"))),
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
        let entries = items
            .into_iter()
            .zip(anchors)
            .map(|((_, ci, si), anchor)| {
                let c = &site.courses[ci];
                if si == DEADLINE {
                    let d = c.deadline.unwrap_or(When::Date(NaiveDate::MIN));
                    let day = d.date_in(c.tz).format("%Y-%m-%d").to_string();
                    return EntryView {
                        card: card_data(ctx, ci, lang),
                        is_deadline: true,
                        session: None,
                        dates: view::when_text(&l, &d, c.tz, true),
                        start_iso: day.clone(),
                        end_iso: day,
                        modality: view::modality_label(&l, c.modality),
                        location: None,
                        anchor,
                    };
                }
                let s = &c.sessions[si];
                let (_, text) = c.text_for(lang, &site.config.languages);
                let st = text.sessions.get(si);
                let (a, b) = (s.start.date_in(c.tz), s.end.date_in(c.tz));
                EntryView {
                    card: card_data(ctx, ci, lang),
                    is_deadline: false,
                    session: st
                        .and_then(|t| t.name.clone())
                        .filter(|n| !n.trim().is_empty()),
                    dates: view::range_text(&l, a, b),
                    start_iso: a.format("%Y-%m-%d").to_string(),
                    end_iso: b.format("%Y-%m-%d").to_string(),
                    modality: view::modality_label(&l, s.modality.unwrap_or(c.modality)),
                    location: st
                        .and_then(|t| t.location.clone())
                        .filter(|x| !x.trim().is_empty()),
                    anchor,
                }
            })
            .collect();
        MonthView {
            id: format!("m-{y:04}-{m:02}"),
            label: cldr::month_year(lang, y, m),
            current: (y, m) == this_month,
            weeks: grid,
            entries,
        }
    };
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for (ym, items) in months {
        if ym >= this_month {
            upcoming.push(month_view(ym, items));
        } else {
            past.push(month_view(ym, items));
        }
    }
    past.reverse();
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
    }];
    if !past.is_empty() {
        jump.push(Link {
            href: "#past-h".to_string(),
            label: l.t.get("calendar_past").to_string(),
        });
        sections.push(SectionView {
            id: "past-h",
            heading: l.t.get("calendar_past").to_string(),
            empty: String::new(),
            months: past,
        });
    }
    let self_paced = (0..site.courses.len())
        .filter(|&i| site.courses[i].sessions.is_empty())
        .map(|i| card_data(ctx, i, lang))
        .collect();
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
        weekdays,
        sections,
        self_paced,
    };
    html(ctx, "calendar.html", &v, ctx.urls.file_of(&url))
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
