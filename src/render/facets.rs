//! The values the catalogue's filters choose among, and what one run of a course says for each
//! filter whose answer depends on the run (its start month, countries, places): the one place where
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
    /// Places of the in-person sessions ([`place_of`]), in the language of the page (or of the
    /// text the course shows there); empty: the form has no place filter.
    pub places: Vec<String>,
}

/// The month a run starts in (`2026-01`), in its zone; none without dates.
pub fn run_month(r: &Course) -> Option<String> {
    r.first_start()
        .map(|s| crate::render::kit::iso::month(s.date_in(r.tz)))
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

/// The place a session's `location` names for the place filter: its first part, up to the first
/// comma or bracket ("Beirut" of "Beirut, Lebanon", "Abidjan" of "Abidjan, Côte d'Ivoire (venue
/// confirmed later)", "بيروت" of "بيروت، لبنان"); authors write the city first (docs/authors.md).
pub fn place_of(location: &str) -> Option<String> {
    let end = location
        .find([',', '\u{60c}', '\u{ff0c}', '\u{3001}', '(', '\u{ff08}', ';'])
        .unwrap_or(location.len());
    let place = location[..end].trim();
    (!place.is_empty()).then(|| place.to_string())
}

/// The places of a run's in-person sessions ([`place_of`] of their `location` in the text the
/// run shows in `lang`), each once, in session order.
pub fn run_places(ctx: &Ctx<'_>, r: &Course, lang: &str) -> Vec<String> {
    let (_, text) = r.text_for(lang, &ctx.site.config.text_order);
    let mut out: Vec<String> = Vec::new();
    for (_, _, location) in super::cards::in_person_locations(r, text) {
        if let Some(p) = location.and_then(place_of) {
            push(&mut out, &p);
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

/// The facet values of `courses` (indexes into the site's courses) in `lang`; of their runs not
/// ended at `now` only when `now` is given.
pub fn facets(ctx: &Ctx<'_>, lang: &str, courses: &[usize], now: Option<DateTime<Utc>>) -> Facets {
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
            for p in run_places(ctx, r, lang) {
                push(&mut f.places, &p);
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
    f.places.sort();
    f
}

/// The values of every row of the catalogue's data in `lang`.
pub fn data_facets(ctx: &Ctx<'_>, lang: &str) -> Facets {
    facets(ctx, lang, ctx.catalogue_data(), None)
}

/// The values the catalogue's form offers at the build: those of the courses it lists, of their
/// runs not finished when finished courses leave the catalogue.
pub fn form_facets(ctx: &Ctx<'_>, lang: &str) -> Facets {
    let now = current_only(ctx).then_some(ctx.now);
    facets(ctx, lang, &ctx.courses_of(None), now)
}

#[cfg(test)]
mod tests {
    use super::place_of;

    #[test]
    fn the_place_is_the_location_up_to_the_first_comma_or_bracket() {
        assert_eq!(place_of("Beirut, Lebanon").as_deref(), Some("Beirut"));
        assert_eq!(place_of("بيروت، لبنان").as_deref(), Some("بيروت"));
        assert_eq!(place_of("Lima").as_deref(), Some("Lima"));
        assert_eq!(
            place_of("Abidjan (venue confirmed later)").as_deref(),
            Some("Abidjan")
        );
        assert_eq!(place_of("日内瓦，万国宫").as_deref(), Some("日内瓦"));
        assert_eq!(place_of(" , Lebanon"), None);
        assert_eq!(place_of(""), None);
    }
}
