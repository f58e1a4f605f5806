//! The runs a course's card and page may show first between builds: what each run's facts say
//! in one language, as JSON for the page script (`data-runs`, read by `leads` in
//! `assets/prospectus.js`), which shows another run once the clock makes it the lead
//! ([`crate::model::Course::lead`], the one rule, which the script applies to these data).

use super::application::application;
use super::kit::lang::LangMark;
use super::kit::prices::card_price;
use super::kit::words::{dates_lang, dates_text, plural_phrase, rfc3339};
use super::view::{ApplicationView, PriceView};
use super::{Ctx, Lctx};
use crate::model::{Course, CourseText, Status};
use crate::state;
use serde::Serialize;

/// What a card and a course page's facts say of one run (of the course itself when it has no
/// runs) at `ctx.now`: the card's and the page's facts of the lead run are these.
#[derive(Serialize)]
pub struct RunFacts {
    pub code: String,
    pub dates: String,
    /// The language of `dates` when they are a `starts_note` in another language than the
    /// page's (the script marks them with it, as the build does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates_lang: Option<LangMark>,
    /// Where its in-person sessions take place, each place once.
    pub places: Vec<String>,
    /// The language of each place of `places` written in another language than the page's
    /// (the script marks it, as the build does); left out when every place is in the page's.
    #[serde(skip_serializing_if = "no_marks")]
    pub places_lang: Vec<Option<LangMark>>,
    /// The course state's id (`upcoming`, `cancelled`…) and its label when the card shows one
    /// (cancelled, postponed, full).
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_label: Option<String>,
    /// A cancelled run comes after the others in the rule of the lead run.
    pub cancelled: bool,
    /// When it starts and ends (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(serialize_with = "for_the_script")]
    pub apply: ApplicationView,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceView>,
}

fn no_marks(marks: &[Option<LangMark>]) -> bool {
    marks.iter().all(Option::is_none)
}

/// What the script needs of a run's application (its state, line and instants as built; the
/// apply box of a page comes from the run's row).
fn for_the_script<S: serde::Serializer>(a: &ApplicationView, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Apply<'a> {
        state: &'a str,
        line: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        deadline: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        deadline_iso: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        opens_iso: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        until_start: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tz: Option<&'a str>,
    }
    Apply {
        state: a.state,
        line: &a.line,
        deadline: a.deadline.as_deref(),
        deadline_iso: a.deadline_iso.as_deref(),
        opens_iso: a.opens_iso.as_deref(),
        until_start: a.until_start.as_deref(),
        tz: a.tz.as_deref(),
    }
    .serialize(s)
}

/// The facts of run `r` in `l.lang`, from its text in `text_lang`.
pub fn run_facts(
    r: &Course,
    l: &Lctx<'_>,
    ctx: &Ctx<'_>,
    text_lang: &str,
    text: &CourseText,
) -> RunFacts {
    let (places, places_lang) = super::cards::places(r, l, text_lang, text);
    RunFacts {
        code: r.code.clone(),
        dates: dates_text(r, l, text),
        dates_lang: dates_lang(r, l, text_lang, text),
        places,
        places_lang,
        status: state::course(r, ctx.now).id(),
        status_label: matches!(
            r.status,
            Status::Cancelled | Status::Postponed | Status::Full
        )
        .then(|| l.t.get(&format!("status_{}", r.status.id())).to_string()),
        cancelled: r.status == Status::Cancelled,
        start: r.first_start().map(|s| rfc3339(s.start_instant(r.tz))),
        end: r.last_end().map(|e| rfc3339(e.end_instant(r.tz))),
        apply: application(r, l, ctx, text_lang, text),
        price: r.fee.as_ref().and_then(|f| card_price(l, f, r.tz, ctx.now)),
    }
}

#[derive(Serialize)]
struct Runs {
    /// The index in `runs` of the run shown at the build.
    lead: usize,
    /// "N more dates" for N = 0, 1…: the text beside the dates on a card (none for 0).
    more: Vec<Option<String>>,
    /// Every run, earliest first (the order of [`Course::runs`]).
    runs: Vec<RunFacts>,
}

/// The `data-runs` of a course given several times (none for a course of one run): each run's
/// facts in `l.lang`, the lead run at the build, and the "N more dates" texts.
pub fn runs_json(course: &Course, l: &Lctx<'_>, ctx: &Ctx<'_>) -> Option<String> {
    let runs = course.runs();
    if runs.len() < 2 {
        return None;
    }
    let lead = course.lead(ctx.now);
    let data = Runs {
        lead: runs.iter().position(|r| std::ptr::eq(r, lead)).unwrap_or(0),
        more: (0..runs.len())
            .map(|n| (n > 0).then(|| plural_phrase(l, "more_dates", n)))
            .collect(),
        runs: runs
            .iter()
            .map(|r| {
                let (text_lang, text) = r.text_for(&l.lang, &ctx.site.config.text_order);
                run_facts(r, l, ctx, text_lang, text)
            })
            .collect(),
    };
    serde_json::to_string(&data).ok()
}
