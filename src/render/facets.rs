//! The values the catalogue's filters choose among, and what one run of a course says for each
//! filter whose answer depends on the run (its start month, countries): the one place where
//! both the filter data (`filters::course_data`) and the filter form (`filters::filter_form`)
//! take them from.
//!
//! Two sets of values: those of the data (every row the data holds, the archive's included, so
//! that each row's indexes resolve) and those the form offers, which are only the values of the
//! courses the catalogue lists and, when finished courses leave it (`[catalogue] past =
//! "archive"` or `"hide"`), of their runs that have not finished. The page script takes away by
//! the visitor's clock the choices that only finished runs had (`find.js`, `prune`).

use super::Ctx;
use crate::model::config::Past;
use crate::model::Course;
use chrono::{DateTime, Utc};

/// Values of each facet, each once, sorted (topics: every topic of the site, as the topic
/// pages).
#[derive(Debug, Default)]
pub struct Facets {
    pub topics: Vec<String>,
    pub modalities: Vec<String>,
    pub languages: Vec<String>,
    /// `2025-09`: the months runs start in.
    pub months: Vec<String>,
    /// ISO 3166-1 codes of the sessions' countries (empty: the form has no country filter).
    pub countries: Vec<String>,
}

/// The month a run starts in (`2026-01`), in its zone; none without dates.
pub fn run_month(r: &Course) -> Option<String> {
    r.first_start()
        .map(|s| s.date_in(r.tz).format("%Y-%m").to_string())
}

/// The countries of a run's sessions, each once, in session order.
pub fn run_countries(r: &Course) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in r.sessions.iter().filter_map(|s| s.country.as_ref()) {
        if !out.contains(k) {
            out.push(k.clone());
        }
    }
    out
}

/// Whether a run has ended at `now` (a run without dates never ends).
pub fn run_ended(r: &Course, now: DateTime<Utc>) -> bool {
    r.last_end().is_some_and(|e| e.end_instant(r.tz) < now)
}

/// Whether the catalogue holds only courses that have not finished (finished ones go to the
/// archive or nowhere): then its choices are those of runs not finished.
pub fn current_only(ctx: &Ctx<'_>) -> bool {
    ctx.site.config.past != Past::List
}

fn push(list: &mut Vec<String>, x: &str) {
    if !list.iter().any(|y| y == x) {
        list.push(x.to_string());
    }
}

/// The facet values of `courses` (indexes into the site's courses); of their runs not ended at
/// `now` only when `now` is given.
pub fn facets(ctx: &Ctx<'_>, courses: &[usize], now: Option<DateTime<Utc>>) -> Facets {
    let site = ctx.site;
    let mut f = Facets {
        topics: site.data.topics.keys().cloned().collect(),
        ..Facets::default()
    };
    for &i in courses {
        let c = &site.courses[i];
        push(&mut f.modalities, c.modality.id());
        for l in &c.languages {
            push(&mut f.languages, l);
        }
        for r in c.runs() {
            if now.is_some_and(|now| run_ended(r, now)) {
                continue;
            }
            if let Some(m) = run_month(r) {
                push(&mut f.months, &m);
            }
            for k in run_countries(r) {
                push(&mut f.countries, &k);
            }
        }
    }
    // Formats in their own order (Modality::ALL), the others sorted.
    f.modalities = crate::model::Modality::ALL
        .into_iter()
        .filter(|m| f.modalities.iter().any(|x| x == m))
        .map(str::to_string)
        .collect();
    f.months.sort();
    f.languages.sort();
    f.countries.sort();
    f
}

/// The values of every row of the catalogue's data.
pub fn data_facets(ctx: &Ctx<'_>) -> Facets {
    facets(ctx, ctx.catalogue_data(), None)
}

/// The values the catalogue's form offers at the build: those of the courses it lists, of their
/// runs not finished when finished courses leave the catalogue.
pub fn form_facets(ctx: &Ctx<'_>) -> Facets {
    let now = current_only(ctx).then_some(ctx.now);
    facets(ctx, &ctx.courses_of(None), now)
}
