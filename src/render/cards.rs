//! Items as lists show them: a course's card (its data, made once per build and language, and
//! its HTML from `card.html`, shared by the catalogue, topic pages, home and calendar), a
//! notice's card, a link to a notice, a contact.

use super::compiled::templates;
use super::facets;
use super::kit::lang::{mark, LangMark};
use super::kit::render_template;
use super::kit::words::{dates_lang, modality_label, notice_kind, plural_phrase, rfc3339};
use super::leads::{run_facts, runs_json};
use super::view::{ContactView, CourseCard, Link, NoticeCard, PlaceView};
use super::{Ctx, Lctx};
use crate::diag::Diagnostic;
use crate::i18n::cldr;
use crate::i18n::cldr::territories;
use crate::model::{Contact, Course, CourseText, Modality, Notice, TextField};
use serde::Serialize;

/// A course's card data in `l.lang` (use [`card_data`]: it is made once per build).
pub fn course_card(course: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> CourseCard {
    // A course given several times shows the run a visitor would choose now; the page script
    // shows another one between builds when the clock makes it the lead (`runs`).
    let c = course.lead(ctx.now);
    let (text_lang, text) = c.text_for(&l.lang, &ctx.site.config.text_order);
    let other = (text_lang != l.lang).then(|| text_lang.to_string());
    let start = c.first_start();
    let run = run_facts(c, l, ctx, text_lang, text);
    CourseCard {
        code: course.code.clone(),
        run_code: run.code.clone(),
        title: text.title.clone(),
        summary: text.summary.clone(),
        summary_lang: mark(
            &l.lang,
            Some(text.borrowed(TextField::Summary).unwrap_or(text_lang)),
        ),
        url: ctx.urls.course(text_lang, &c.slug),
        other_lang: other.as_ref().map(|o| cldr::language_name(&l.lang, o)),
        other_lang_note: other.as_ref().map(|o| {
            l.t.fill(
                "page_in_language",
                &[("language", &cldr::language_name(&l.lang, o))],
            )
        }),
        places: (run.places.into_iter().zip(run.places_lang))
            .map(|(text, lang)| PlaceView { text, lang })
            .collect(),
        country_codes: country_codes(course, looked_at(ctx)),
        other_lang_code: other,
        modality: modality_label(l, c.modality),
        modality_id: c.modality.id(),
        dates: run.dates,
        dates_lang: dates_lang(c, l, text_lang, text),
        start_iso: start.map(|s| crate::render::kit::iso::date(s.date_in(c.tz))),
        start_at: run.start,
        end_at: run.end,
        month: start.map(|s| crate::render::kit::iso::month(s.date_in(c.tz))),
        topics: c
            .topics
            .iter()
            .map(|t| Link {
                href: ctx.urls.topic(&l.lang, t, 1),
                label: ctx.topic_label(t, &l.lang),
            })
            .collect(),
        topic_ids: c.topics.clone(),
        languages: c
            .languages
            .iter()
            .map(|x| cldr::language_name(&l.lang, x))
            .collect(),
        language_codes: c.languages.clone(),
        status: run.status,
        status_label: run.status_label,
        application: run.apply,
        fee: run.price,
        months: run_months(course, looked_at(ctx)),
        more_dates: match upcoming_runs(course, ctx.now)
            .filter(|r| !std::ptr::eq(*r, c))
            .count()
        {
            0 => None,
            n => Some(plural_phrase(l, "more_dates", n)),
        },
        runs: runs_json(course, l, ctx),
    }
}

/// The runs of a course the catalogue's filters look at: every run, or those not ended at the
/// build where finished courses leave the catalogue (see [`crate::render::facets`]).
fn looked_at(ctx: &Ctx<'_>) -> Option<chrono::DateTime<chrono::Utc>> {
    facets::current_only(ctx).then_some(ctx.now)
}

fn filtered_runs(
    c: &Course,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> impl Iterator<Item = &Course> {
    c.runs()
        .iter()
        .filter(move |r| !now.is_some_and(|now| facets::run_ended(r, now)))
}

/// The months the runs of a course start in (`2026-01`), earliest first, each once; empty
/// unless there are several: what the month filter matches (any run; of those not ended at
/// `now` when given).
pub fn run_months(c: &Course, now: Option<chrono::DateTime<chrono::Utc>>) -> Vec<String> {
    let mut m: Vec<String> = filtered_runs(c, now)
        .filter_map(facets::run_month)
        .collect();
    m.sort();
    m.dedup();
    if m.len() < 2 {
        m.clear();
    }
    m
}

/// The runs of a course that have not ended at `now` (or have no dates), earliest first.
pub fn upcoming_runs(
    c: &Course,
    now: chrono::DateTime<chrono::Utc>,
) -> impl Iterator<Item = &Course> {
    c.runs().iter().filter(move |r| !facets::run_ended(r, now))
}

/// The language session `i`'s `location` in `text` (written in `text_lang`) is written in,
/// when it is not the page's: a location taken from another translation is marked as written
/// there. What every place shown (cards, the table of runs) is marked with.
pub(crate) fn location_lang(
    l: &Lctx<'_>,
    text_lang: &str,
    text: &CourseText,
    i: usize,
) -> Option<LangMark> {
    let written_in = text
        .borrowed(TextField::SessionLocation(i))
        .unwrap_or(text_lang);
    mark(&l.lang, Some(written_in))
}

/// Where a course's in-person sessions take place, in `l.lang`, each place once: a session's
/// `location` (from `text`, written in `text_lang`), followed by its `country` named in the
/// page's language unless the location already names it ("Beirut, Lebanon"), or the country
/// alone. A session is in person when its format (or the course's) is face-to-face or hybrid,
/// or when it states a country; online phases ("eCampus") are left out. With each place, the
/// language its location is written in when it is not the page's (a place is its location's
/// words: it is marked as they are).
pub(super) fn places(
    c: &Course,
    l: &Lctx<'_>,
    text_lang: &str,
    text: &CourseText,
) -> (Vec<String>, Vec<Option<LangMark>>) {
    let mut out: Vec<String> = Vec::new();
    let mut marks: Vec<Option<LangMark>> = Vec::new();
    for (i, s, location) in in_person_locations(c, text) {
        let location = location.map(str::trim).filter(|t| !t.is_empty());
        let lang = location.and_then(|_| location_lang(l, text_lang, text, i));
        let country = s.country.as_deref();
        let named = |lang: &str| country.and_then(|k| territories::name(lang, k));
        let place = match (location, named(&l.lang)) {
            (Some(loc), Some(name)) => {
                // Compared in lower case, with CLDR's ’ and the author's ' as one.
                let fold = |s: &str| s.to_lowercase().replace('\u{2019}', "'");
                let written = fold(loc);
                let says = |n: Option<&str>| n.is_some_and(|n| written.contains(&fold(n)));
                if says(Some(name)) || says(named(text_lang)) || says(named("en")) {
                    loc.to_string()
                } else {
                    l.t.fill("place_in", &[("place", loc), ("country", name)])
                }
            }
            (Some(loc), None) => loc.to_string(),
            (None, Some(name)) => name.to_string(),
            (None, None) => continue,
        };
        if !out.contains(&place) {
            out.push(place);
            marks.push(lang);
        }
    }
    (out, marks)
}

/// The in-person sessions of course (or run) `c` ([`in_person`]), each with its index, and its
/// `location` in `text`, in session order: what the cards' places and the place filter are
/// made from.
pub fn in_person_locations<'c>(
    c: &'c Course,
    text: &'c CourseText,
) -> impl Iterator<
    Item = (
        usize,
        &'c crate::model::course::SessionFacts,
        Option<&'c str>,
    ),
> {
    c.sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| in_person(c, s))
        .map(|(i, s)| {
            let location = text.sessions.get(i).and_then(|t| t.location.as_deref());
            (i, s, location)
        })
}

/// Whether session `s` of course (or run) `c` takes place somewhere: its format (or the
/// course's) is face-to-face or hybrid, or it states a country. Online phases ("eCampus") do not.
pub fn in_person(c: &Course, s: &crate::model::course::SessionFacts) -> bool {
    matches!(
        s.modality.unwrap_or(c.modality),
        Modality::FaceToFace | Modality::Hybrid
    ) || s.country.is_some()
}

/// The countries of a course's sessions (of all its runs, or those not ended at `now` when
/// given: the country filter finds any run), each once, in session order.
pub fn country_codes(c: &Course, now: Option<chrono::DateTime<chrono::Utc>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in filtered_runs(c, now).flat_map(facets::run_countries) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// A course's card data in `lang`, computed once per build.
pub fn card_data<'c>(ctx: &'c Ctx<'_>, i: usize, lang: &str) -> std::borrow::Cow<'c, CourseCard> {
    ctx.card_data.get(i, lang, || {
        course_card(&ctx.site.courses[i], &ctx.lctx(lang), ctx)
    })
}

#[derive(Serialize)]
struct CardView<'a> {
    c: &'a CourseCard,
    t: &'a crate::i18n::Strings,
    heading: &'static str,
}
templates!(CardView<'_>: card_html);

/// A course's card HTML (`card.html`) in `lang`, with an `h2` or `h3` title, rendered once
/// per build and reused by every list that shows the course.
pub fn card_html(ctx: &Ctx<'_>, i: usize, lang: &str, h2: bool) -> Result<String, Diagnostic> {
    let cache = if h2 { &ctx.cards_h2 } else { &ctx.cards_h3 };
    let html = cache.get(i, lang, || {
        let data = card_data(ctx, i, lang);
        let v = CardView {
            c: &data,
            t: ctx.strings_for(lang, "card.html"),
            heading: if h2 { "h2" } else { "h3" },
        };
        render_template(ctx, "card.html", &v, 2048).map_err(Box::new)
    });
    match html.as_ref() {
        Ok(s) => Ok(s.clone()),
        Err(e) => Err((**e).clone()),
    }
}

/// The card of notice `i` (an index into `Site::notices`) in `l.lang`: title, summary and link
/// from one text, its kind and date, and for the state script when it stops being current and
/// its place in the site's order.
pub fn notice_card(ctx: &Ctx<'_>, i: usize, l: &Lctx<'_>) -> NoticeCard {
    let n = &ctx.site.notices[i];
    // Title, summary and link from one text, so a card never mixes languages.
    let (tlang, t) = n.texts.pick(&l.lang, &ctx.site.config.text_order);
    NoticeCard {
        title: t.title.clone(),
        summary: t.summary.clone(),
        url: ctx.urls.notice(tlang, &n.slug),
        date: cldr::long_date(&l.lang, n.date.date_in(ctx.site.config.timezone)),
        date_iso: crate::render::kit::iso::date(n.date.date_in(ctx.site.config.timezone)),
        kind: notice_kind(l, &n.kind).unwrap_or_else(|| n.kind.replace('-', " ")),
        kind_id: n.kind.clone(),
        expired: !crate::state::notice_current(n, ctx.now, ctx.site.config.timezone),
        expires_at: n
            .expires
            .map(|e| rfc3339(e.end_instant(ctx.site.config.timezone))),
        rank: i,
        other_lang: (tlang != l.lang).then(|| cldr::language_name(&l.lang, tlang)),
        other_lang_code: (tlang != l.lang).then(|| tlang.to_string()),
    }
}

pub fn notice_link(n: &Notice, l: &Lctx<'_>, ctx: &Ctx<'_>) -> Link {
    let (lang, t) = n.texts.pick(&l.lang, &ctx.site.config.text_order);
    Link {
        href: ctx.urls.notice(lang, &n.slug),
        label: t.title.clone(),
    }
}

/// A contact in `l.lang`.
pub fn contact(k: &Contact, l: &Lctx<'_>, ctx: &Ctx<'_>) -> ContactView {
    let order = &ctx.site.config.text_order;
    let (name, name_lang) = k.name.get_in(&l.lang, order);
    let address = k.address.as_ref().map(|a| a.get_in(&l.lang, order));
    ContactView {
        name: name.to_string(),
        name_lang: mark(&l.lang, name_lang),
        email: k.email.clone(),
        tel: k.phone.as_ref().map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect()
        }),
        phone: k.phone.clone(),
        address: address.map(|(a, _)| a.to_string()),
        address_lang: address.and_then(|(_, lang)| mark(&l.lang, lang)),
        url: k.url.clone(),
    }
}
