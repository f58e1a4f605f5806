//! The list of a calendar month: one entry per session running in the month and per
//! application deadline falling in it, each borrowing its course's card data (made once per
//! build and language); the first entry of a day carries the anchor the grid links to. A session
//! that started in an earlier month is marked as continuing.

use super::months::{Item, Month, DEADLINE};
use crate::model::{TextField, When};
use crate::render::cards::card_data;
use crate::render::kit::lang::{mark, LangMark};
use crate::render::kit::words::{modality_label, range_text, schedule_text, when_text};
use crate::render::view::CourseCard;
use crate::render::{Ctx, Lctx};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One session of a course, or its application deadline, in one month.
#[derive(Serialize)]
pub struct EntryView<'c> {
    pub card: &'c CourseCard,
    /// The entry is the course's application deadline (its `dates` are the deadline's).
    pub is_deadline: bool,
    /// The session's name, when it has one, and its language when not the page's.
    pub session: Option<&'c str>,
    pub session_lang: Option<LangMark>,
    /// The session started in an earlier month: the month lists it as continuing, briefly.
    pub continues: bool,
    pub dates: String,
    pub start_iso: String,
    pub modality: String,
    pub location: Option<&'c str>,
    pub location_lang: Option<LangMark>,
    /// `d-2025-09-08` on the month's first entry of a day on which it starts (or closes, for a
    /// deadline), for the links of the month grid.
    pub anchor: Option<String>,
}

/// The card data of the courses `ids`, in `lang`: what entries borrow from.
pub fn cards<'c>(
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

/// The list of a month: `items` sorted, each course's card in `cards`.
pub fn entries<'c>(
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
        .map(|&((day, code, _), ci, si)| {
            let anchor = (in_month(day) && anchored.insert(day))
                .then(|| format!("d-{}", crate::render::kit::iso::date(day)));
            let c = super::months::run_of(site, ci, code);
            let card: &CourseCard = &cards[&ci];
            if si == DEADLINE {
                let d = c.deadline().map_or(When::Date(NaiveDate::MIN), |d| d.when);
                return EntryView {
                    card,
                    is_deadline: true,
                    session: None,
                    session_lang: None,
                    continues: false,
                    dates: when_text(l, &d, c.tz, true),
                    start_iso: crate::render::kit::iso::date(d.date_in(c.tz)),
                    modality: modality_label(l, c.modality),
                    location: None,
                    location_lang: None,
                    anchor,
                };
            }
            let s = &c.sessions[si];
            let (text_lang, text) = c.text_for(lang, &site.config.text_order);
            let lang_of = |f: TextField| mark(lang, Some(text.borrowed(f).unwrap_or(text_lang)));
            let st = text.sessions.get(si);
            let (a, b) = (s.start.date_in(c.tz), s.last_end().date_in(c.tz));
            let dates = range_text(l, a, b);
            EntryView {
                card,
                is_deadline: false,
                session: st
                    .and_then(|t| t.name.as_deref())
                    .filter(|n| !n.trim().is_empty()),
                session_lang: lang_of(TextField::SessionName(si)),
                continues: !in_month(a),
                dates: match schedule_text(l, s, c.tz) {
                    Some(sc) => {
                        l.t.fill("dates_schedule", &[("dates", &dates), ("schedule", &sc)])
                    }
                    None => dates,
                },
                start_iso: crate::render::kit::iso::date(a),
                modality: modality_label(l, s.modality.unwrap_or(c.modality)),
                location: st
                    .and_then(|t| t.location.as_deref())
                    .filter(|x| !x.trim().is_empty()),
                location_lang: lang_of(TextField::SessionLocation(si)),
                anchor,
            }
        })
        .collect()
}
