//! A course file's front matter, typed, with the spans later rules point at.

use super::fields::{Fields, Sp};
pub(super) use super::session::session;
use super::shared::{check_url, contact_refs, person_refs, policy_ref};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Contact, Modality, Person, Policy, Ref, Starts, Status, When};
use chrono_tz::Tz;
use toml::Spanned;

#[derive(Debug, Default)]
pub struct SessionFile {
    pub span: std::ops::Range<usize>,
    pub start: Option<Sp<When>>,
    pub end: Option<Sp<When>>,
    pub modality: Option<Sp<Modality>>,
    pub name: Option<String>,
    pub location: Option<String>,
    /// `repeat = { days, until | count }`: a weekly rhythm (see `load::repeat`).
    pub repeat: Option<super::repeat::RepeatFile>,
    /// `except = [dates]`: meeting days without a meeting.
    pub except: Option<Sp<Vec<Sp<chrono::NaiveDate>>>>,
    /// ISO 3166-1 alpha-2, checked against CLDR's territories (`None` when refused).
    pub country: Option<Sp<String>>,
}

/// `[application] by`: how participants get in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Visitors apply through the form at `url` (the default).
    Application,
    /// Participants are nominated; there is no form.
    Nomination,
}

impl By {
    pub const ALL: [&'static str; 2] = ["application", "nomination"];

    pub fn id(self) -> &'static str {
        match self {
            By::Application => "application",
            By::Nomination => "nomination",
        }
    }
}

#[derive(Debug, Default)]
pub struct ApplicationFile {
    pub span: std::ops::Range<usize>,
    /// `by` was written, even if its value was refused.
    pub by_written: bool,
    pub by: Option<Sp<By>>,
    /// `url` was written, even if its value was refused.
    pub url_written: bool,
    pub url: Option<Sp<String>>,
    pub opens: Option<Sp<When>>,
    pub deadline: Option<Sp<When>>,
}

/// `[[fee.lines]]`: (label, amount in `AMOUNT_SCALE` units) each.
pub type FeeLines = Vec<(Option<String>, Sp<i64>)>;

/// One `[[fee.options]]` table.
#[derive(Debug, Default)]
pub struct FeeOptionFile {
    pub name: Option<String>,
    pub amount: Option<Sp<i64>>,
    pub until: Option<Sp<When>>,
    pub for_whom: Option<String>,
}

#[derive(Debug, Default)]
pub struct FeeFile {
    pub span: std::ops::Range<usize>,
    /// `amount` was written, even if its value was refused.
    pub amount_written: bool,
    pub amount: Option<Sp<i64>>,
    pub currency: Option<Sp<String>>,
    pub label: Option<String>,
    pub includes: Option<Vec<String>>,
    pub scholarships: Option<String>,
    /// (label, amount) of `[[fee.lines]]`.
    pub lines: Option<Sp<FeeLines>>,
    pub on_request: Option<Sp<bool>>,
    /// `[[fee.options]]`: options whose amount was refused are left out.
    pub options: Option<Sp<Vec<FeeOptionFile>>>,
}

/// What one course file says. Facts are `Option`: a translation may leave them to a sibling.
#[derive(Debug, Default)]
pub struct CourseFile {
    pub code: Option<Sp<String>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub workload: Option<String>,
    /// Total study hours (a fact, the same in every translation).
    pub hours: Option<Sp<u32>>,
    /// What participants receive at the end (text in this language).
    pub credential: Option<String>,
    pub website: Option<String>,
    pub objectives: Option<Vec<String>>,
    pub selection: Option<String>,
    pub topics: Option<Sp<Vec<Sp<String>>>>,
    pub modality: Option<Sp<Modality>>,
    pub languages: Option<Sp<Vec<Sp<String>>>>,
    /// `page_languages`: the site languages the course has pages in, on purpose.
    pub page_languages: Option<Sp<Vec<Sp<String>>>>,
    pub timezone: Option<Sp<Tz>>,
    pub status: Option<Sp<Status>>,
    pub capacity: Option<Sp<u32>>,
    pub draft: Option<bool>,
    pub sessions: Option<Sp<Vec<SessionFile>>>,
    pub starts: Option<Sp<Starts>>,
    pub starts_note: Option<Sp<String>>,
    pub application: Option<ApplicationFile>,
    pub fee: Option<FeeFile>,
    pub cancellation: Option<Sp<Ref<Policy>>>,
    pub contacts: Option<Sp<Vec<Sp<Ref<Contact>>>>>,
    pub instructors: Option<Sp<Vec<Sp<Ref<Person>>>>>,
    pub aliases: Vec<Sp<String>>,
    /// The table of a run (`[[runs]]`), for the rules that point at it; empty for a file.
    pub at: std::ops::Range<usize>,
    /// `suffix` of a run (`[[runs]]`): added to the course's code to make the run's code.
    pub suffix: Option<Sp<String>>,
    /// `[[runs]]`: each run read as a course file that states only a run's facts (`code`,
    /// `suffix`, `status`, `sessions`, `starts`, `starts_note`, `application`, `fee`).
    pub runs: Option<Sp<Vec<CourseFile>>>,
    /// Top-level keys written in the file (also those whose value was refused), so that a
    /// wrong value is not reported a second time as missing.
    pub keys: Vec<String>,
}

/// The two-letter language codes of ISO 639-1. A well-formed two-letter code outside it is a
/// typo ("eb", "fe"): three-letter codes (ISO 639-2/3, thousands) are taken as written.
pub const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca \
ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv \
ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks \
ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr \
nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss \
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh \
zu";

/// The primary language subtag of a well-formed tag, lower-cased, when it has two letters that
/// ISO 639-1 does not assign.
fn unassigned_two_letter(tag: &str) -> Option<String> {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    (primary.len() == 2 && !ISO_639_1.split(' ').any(|c| c == primary)).then_some(primary)
}

pub const KEYS_HINT: &str = "see docs/authors.md for the fields of a course";

pub(super) fn modality(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Modality>> {
    let s = f.string(d, "modality")?;
    match Modality::parse(s.get_ref()) {
        Some(m) => Some(Spanned::new(s.span(), m)),
        None => {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!("modality \"{}\" is not one we know", s.get_ref()),
                )
                .at(&f.src, s.span())
                .with_hint(crate::diag::suggest(
                    s.get_ref(),
                    &Modality::ALL,
                    "modalities",
                )),
            );
            None
        }
    }
}

/// A value of `key` among fixed ones (`all`, named `plural` in the hint): `parse` reads it.
pub(super) fn choice<T>(
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
    key: &'static str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
    plural: &str,
) -> Option<Sp<T>> {
    let s = f.string(d, key)?;
    match parse(s.get_ref()) {
        Some(v) => Some(Spanned::new(s.span(), v)),
        None => {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!("`{key}` \"{}\" is not one we know", s.get_ref()),
                )
                .at(&f.src, s.span())
                .with_hint(crate::diag::suggest(s.get_ref(), all, plural)),
            );
            None
        }
    }
}

/// `capacity`: a whole number of places, from 1 to `MAX_CAPACITY`.
fn capacity(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<u32>> {
    let n = f.integer(d, "capacity")?;
    let max = crate::load::values::MAX_CAPACITY;
    match u32::try_from(*n.get_ref()) {
        Ok(v) if (1..=max).contains(&i64::from(v)) => Some(Spanned::new(n.span(), v)),
        _ => {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!(
                        "`capacity` is {}: a course takes from 1 to {max} participants",
                        n.get_ref()
                    ),
                )
                .at(&f.src, n.span())
                .with_hint("write how many participants the course takes, e.g. capacity = 25; leave it out if the note does not say"),
            );
            None
        }
    }
}

pub fn parse(f: Fields<'_, '_>, d: &mut Diagnostics) -> CourseFile {
    let mut f = f.with_schema(crate::schema::COURSE);
    let mut c = CourseFile {
        keys: f.keys(),
        code: f.string(d, "code"),
        title: f.nonblank(d, "title").map(Spanned::into_inner),
        summary: f.string(d, "summary").map(Spanned::into_inner),
        workload: f.string(d, "workload").map(Spanned::into_inner),
        credential: f.string(d, "credential").map(Spanned::into_inner),
        objectives: f
            .string_list(d, "objectives")
            .map(|v| v.into_iter().map(Spanned::into_inner).collect()),
        selection: f.string(d, "selection").map(Spanned::into_inner),
        draft: f.boolean(d, "draft").map(Spanned::into_inner),
        ..CourseFile::default()
    };
    c.code = c.code.take().filter(|code| plain_code(&f.src, code, d));
    c.hours = hours(&mut f, d);
    let src = f.src;
    c.topics = f
        .string_list(d, "topics")
        .map(|v| Spanned::new(f.value_span("topics").unwrap_or(0..0), v));
    c.modality = modality(&mut f, d);
    c.languages = f
        .string_list(d, "languages")
        .map(|v| Spanned::new(f.value_span("languages").unwrap_or(0..0), v));
    for l in c.languages.iter().flat_map(|v| v.get_ref()) {
        language_of_instruction(&src, l, d);
    }
    c.page_languages = f
        .string_list(d, "page_languages")
        .map(|v| Spanned::new(f.value_span("page_languages").unwrap_or(0..0), v));
    c.timezone = timezone(&mut f, d);
    c.status = status(&mut f, d);
    if let Some(list) = f.tables(d, "sessions") {
        let span = f.value_span("sessions").unwrap_or(0..0);
        let sessions = list.into_iter().map(|s| session(s, d)).collect();
        c.sessions = Some(Spanned::new(span, sessions));
    }
    c.capacity = capacity(&mut f, d);
    if let Some(u) = f.string(d, "website") {
        if check_url(&f, d, "website", &u, false) {
            c.website = Some(u.into_inner());
        }
    }
    c.starts = choice(&mut f, d, "starts", Starts::parse, &Starts::ALL, "values");
    c.starts_note = f.string(d, "starts_note");
    c.application = f.table(d, "application").map(|a| application_table(a, d));
    if let Some(fee) = f.table(d, "fee") {
        c.fee = Some(super::fee::fee_table(fee, d));
    }
    if let Some(list) = f.tables(d, "runs") {
        let span = f.value_span("runs").unwrap_or(0..0);
        let runs = list.into_iter().map(|r| super::runs::run(r, d)).collect();
        c.runs = Some(Spanned::new(span, runs));
    }
    c.cancellation = policy_ref(&mut f, d);
    c.contacts = contact_refs(&mut f, d);
    c.instructors = person_refs(&mut f, d);
    c.aliases = f.string_list(d, "aliases").unwrap_or_default();
    f.finish(d);
    c
}

/// The most study hours a course may state: a typo beyond it (a year written for hours).
pub const MAX_HOURS: i64 = 10_000;

/// `hours`: the total study hours, a whole number from 1 to [`MAX_HOURS`].
fn hours(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<u32>> {
    let h = f.integer(d, "hours")?;
    match u32::try_from(*h.get_ref()) {
        Ok(n) if (1..=MAX_HOURS).contains(&i64::from(n)) => Some(Spanned::new(h.span(), n)),
        _ => {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!(
                        "`hours` is {}: the total study hours are a whole number from 1 to {MAX_HOURS}",
                        h.get_ref()
                    ),
                )
                .at(&f.src, h.span())
                .with_hint("write the hours a participant studies in all, e.g. hours = 30; leave `hours` out if the note does not say"),
            );
            None
        }
    }
}

/// Whether a course code is a plain word (it names the calendar file, `<code>.ics`, and
/// calendar UIDs); an error when it is not. A refused code is no fact: translations are not
/// compared with it.
pub(super) fn plain_code(src: &SourceText<'_>, code: &Sp<String>, d: &mut Diagnostics) -> bool {
    let v = code.get_ref();
    let plain = v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    // `???` of a skeleton is reported as not filled in (by `string`), once.
    if !plain && !v.contains(crate::scaffold::UNFILLED) {
        d.push(
            Diagnostic::error(
                "bad-value",
                "`code` must be a non-empty code of letters and digits (and - _ .), without spaces",
            )
            .at(src, code.span())
            .with_hint("use the activity code, e.g. code = \"A9718007\""),
        );
    }
    plain
}

/// A language of instruction is a valid tag of a language that exists.
fn language_of_instruction(src: &SourceText<'_>, l: &Sp<String>, d: &mut Diagnostics) {
    if !crate::i18n::cldr::is_valid_language_tag(l.get_ref()) {
        d.push(
            Diagnostic::error("bad-language-tag", format!("\"{}\" is not a language code", l.get_ref()))
                .at(src, l.span())
                .with_hint("languages of instruction are BCP 47 codes: \"en\", \"fr\", \"es\", \"ar\", \"pt-BR\"…"),
        );
    } else if let Some(primary) = unassigned_two_letter(l.get_ref()) {
        d.push(
            Diagnostic::error(
                "unknown-language",
                format!("\"{primary}\" is not a language: no language has this ISO 639 code"),
            )
            .at(src, l.span())
            .with_hint("check the spelling; languages of instruction are ISO 639 codes such as \"en\", \"fr\", \"es\", \"ar\", \"pt\", \"ru\", \"zh\""),
        );
    }
}

/// `timezone`: a zone of the IANA database.
fn timezone(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Tz>> {
    let tz = f.string(d, "timezone")?;
    match tz.get_ref().parse::<Tz>() {
        Ok(z) => Some(Spanned::new(tz.span(), z)),
        Err(_) => {
            d.push(super::config::bad_timezone(&f.src, tz.get_ref(), tz.span()));
            None
        }
    }
}

/// `status`: one of [`Status::ALL`].
pub(super) fn status(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<Status>> {
    let s = f.string(d, "status")?;
    match Status::parse(s.get_ref()) {
        Some(st) => Some(Spanned::new(s.span(), st)),
        None => {
            d.push(
                Diagnostic::error(
                    "bad-value",
                    format!("status \"{}\" is not one we know", s.get_ref()),
                )
                .at(&f.src, s.span())
                .with_hint(crate::diag::suggest(
                    s.get_ref(),
                    &Status::ALL,
                    "statuses",
                )),
            );
            None
        }
    }
}

/// `[application]`.
pub(super) fn application_table(mut a: Fields<'_, '_>, d: &mut Diagnostics) -> ApplicationFile {
    let by = a.string(d, "by").and_then(|b| {
        let v = match b.get_ref().as_str() {
            "application" => By::Application,
            "nomination" => By::Nomination,
            other => {
                d.push(
                    Diagnostic::error(
                        "bad-value",
                        format!("`by` \"{other}\" is not one we know"),
                    )
                    .at(&a.src, b.span())
                    .with_hint(format!(
                        "{} (\"nomination\": participants are nominated, there is no form to fill in)",
                        crate::diag::suggest(other, &By::ALL, "values")
                    )),
                );
                return None;
            }
        };
        Some(Spanned::new(b.span(), v))
    });
    let mut app = ApplicationFile {
        span: a.span(),
        by_written: a.has("by"),
        by,
        url_written: a.has("url"),
        url: a.string(d, "url"),
        opens: a.when(d, "opens"),
        deadline: a.when(d, "deadline"),
    };
    if let Some(u) = &app.url {
        if !check_url(&a, d, "url", u, true) {
            app.url = None;
        }
    }
    a.finish(d);
    app
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_639_1_has_every_two_letter_code_once() {
        let codes: Vec<&str> = ISO_639_1.split(' ').collect();
        assert_eq!(codes.len(), 184);
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(codes.iter().all(|c| c.len() == 2));
        assert_eq!(unassigned_two_letter("pt-BR"), None);
        assert_eq!(unassigned_two_letter("FR"), None);
        assert_eq!(unassigned_two_letter("tlh"), None);
        assert_eq!(unassigned_two_letter("xx").as_deref(), Some("xx"));
    }
}
