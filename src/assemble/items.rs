//! Assembling one course, notice or page from its translation files: facts read through
//! [`Facts`], texts filled from sibling translations, ids resolved. The rules they must meet
//! are in `validate` and are called from here, where values and their positions are at hand.

use super::facts::{values, Facts};
use crate::diag::Diagnostics;
use crate::load::course::{CourseFile, FeeFile};
use crate::load::items::NoticeFile;
use crate::load::Parsed;
use crate::model::*;
use crate::validate::{course as rules, notice as notice_rules, refs, ItemCtx};
use std::collections::BTreeMap;
use toml::Spanned;

fn list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// First text among the files (already in language priority order) for which `get` gives one.
pub(super) fn text_from<'a, T: Clone + 'a>(
    own: Option<&'a T>,
    all: &[(usize, &'a CourseFile)],
    get: impl Fn(&'a CourseFile) -> Option<&'a T>,
) -> Option<T> {
    own.or_else(|| all.iter().find_map(|(_, c)| get(c)))
        .cloned()
}

fn aliases(ctx: &ItemCtx<'_>, file: usize, v: &[Spanned<String>]) -> Vec<Alias> {
    v.iter()
        .map(|a| Alias {
            path: a.get_ref().clone(),
            at: ctx.src(file).spot(a.span()),
        })
        .collect()
}

/// The files of `idx` whose front matter `pick` takes (those of the item's kind).
fn files_of<'a, F: ?Sized>(
    ctx: &ItemCtx<'a>,
    idx: &[usize],
    pick: impl Fn(&'a Parsed) -> Option<&'a F>,
) -> Vec<(usize, &'a F)> {
    idx.iter()
        .filter_map(|&i| pick(&ctx.files[i].parsed).map(|f| (i, f)))
        .collect()
}

/// A course's language-neutral facts, as its translations agree on them.
struct CourseFacts {
    code: Option<(String, Origin)>,
    modality: Option<(Modality, Origin)>,
    topics: Option<(Vec<String>, Origin)>,
    languages: Option<(Vec<String>, Origin)>,
    page_languages: Option<(Vec<String>, Origin)>,
    tz: Option<(chrono_tz::Tz, Origin)>,
    hours: Option<(u32, Origin)>,
    capacity: Option<(u32, Origin)>,
    cancellation: Option<(Ref<Policy>, Origin)>,
    contacts: Option<(Vec<Ref<Contact>>, Origin)>,
    instructors: Option<(Vec<Ref<Person>>, Origin)>,
}

fn course_facts(on: &Facts<'_, CourseFile>, d: &mut Diagnostics) -> CourseFacts {
    let quoted = |v: &String| format!("\"{v}\"");
    CourseFacts {
        code: on.agreed("code", |c| c.code.clone(), quoted, d),
        modality: on.agreed(
            "modality",
            |c| c.modality.clone(),
            |m| format!("\"{}\"", m.id()),
            d,
        ),
        topics: on.agreed("topics", |c| values(&c.topics), |v| list(v), d),
        languages: on.agreed("languages", |c| values(&c.languages), |v| list(v), d),
        page_languages: on.agreed(
            "page_languages",
            |c| values(&c.page_languages),
            |v| list(v),
            d,
        ),
        tz: on.agreed(
            "timezone",
            |c| c.timezone.clone(),
            |z| format!("\"{}\"", z.name()),
            d,
        ),
        hours: on.agreed("hours", |c| c.hours.clone(), |h| h.to_string(), d),
        capacity: on.agreed("capacity", |c| c.capacity.clone(), ToString::to_string, d),
        cancellation: on.agreed(
            "cancellation",
            |c| c.cancellation.clone(),
            |r| match r {
                Ref::Id(id) => format!("\"{id}\""),
                Ref::Inline(_) => "an inline policy".into(),
            },
            d,
        ),
        contacts: on.agreed(
            "contacts",
            |c| values(&c.contacts),
            |v| format!("{} contact(s)", v.len()),
            d,
        ),
        instructors: on.agreed(
            "instructors",
            |c| values(&c.instructors),
            |v| format!("{} instructor(s)", v.len()),
            d,
        ),
    }
}

pub fn course(ctx: &ItemCtx<'_>, slug: &str, idx: &[usize], d: &mut Diagnostics) -> Option<Course> {
    let errors_before = d.error_count();
    let cf = files_of(ctx, idx, |p| match p {
        Parsed::Course(c) => Some(&**c),
        _ => None,
    });
    // The files whose texts are published (the others are drafts: facts only).
    let texts_of: Vec<(usize, &CourseFile)> = cf
        .iter()
        .copied()
        .filter(|(i, _)| ctx.published(*i))
        .collect();
    rules::required(ctx, &texts_of, d);
    let facts = course_facts(&Facts::new(ctx.files, &cf), d);
    crate::validate::people::photos(ctx, &cf, d);
    let (code, _) = facts.code?;
    let first_file = cf.first()?.0;
    let Some((modality, _)) = facts.modality else {
        rules::modality_missing(ctx, &cf, first_file, d);
        return None;
    };
    let tz = facts.tz.map_or(ctx.config.timezone, |(z, _)| z);
    if let Some((_, origin)) = &facts.topics {
        rules::topics_known(ctx, &cf, origin, d);
    }
    if let Some((_, origin)) = &facts.page_languages {
        rules::page_languages(ctx, &cf, origin, d);
    }
    let of = super::runs::Of {
        ctx,
        code: &code,
        modality,
        tz,
    };
    // The fee at the top of the files: the course's, which runs without their own have.
    let fee = super::runs::fee(ctx, &cf, d);
    let runs = super::runs::runs(&of, &cf, fee.as_ref(), d);
    // The course's own facts of a run: its first run's, else the top of its files.
    let own = match runs.first() {
        Some(r) => r.parts.clone(),
        None => super::runs::parts(&of, &cf, None, fee, d),
    };
    let cancellation = facts
        .cancellation
        .and_then(|(r, origin)| refs::policy(ctx, r, &origin, d));
    let contacts = facts
        .contacts
        .map(|(v, origin)| refs::contacts(ctx, v, &origin, d))
        .unwrap_or_default();
    let instructors = facts
        .instructors
        .map(|(v, origin)| refs::people(ctx, v, &origin, d))
        .unwrap_or_default();
    let texts = course_texts(ctx, &texts_of, own.sessions.len());
    if d.error_count() > errors_before {
        return None;
    }
    let course = Course {
        code,
        slug: slug.to_string(),
        modality,
        topics: facts.topics.map(|(t, _)| t).unwrap_or_default(),
        languages: facts.languages.map(|(l, _)| l).unwrap_or_default(),
        page_languages: facts.page_languages.map(|(l, _)| l).unwrap_or_default(),
        tz,
        status: own.status,
        capacity: facts.capacity.map(|(n, _)| n),
        draft: texts_of.iter().any(|(_, c)| c.draft == Some(true)),
        sessions: own.sessions,
        hours: facts.hours.map(|(h, _)| h),
        starts: own.starts,
        admission: own.admission,
        fee: own.fee,
        cancellation,
        contacts,
        instructors,
        texts: Texts::new(texts)?,
        runs: Vec::new(),
        run_at: None,
        bundle: texts_of
            .iter()
            .find_map(|(i, _)| ctx.files[*i].meta.bundle.clone()),
    };
    Some(super::runs::with_runs(ctx, course, runs, &texts_of))
}

/// The texts of a course in each language of `cf` (its published files, in language priority
/// order), each filled from the other translations where it says nothing.
pub(super) fn course_texts(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    n_sessions: usize,
) -> BTreeMap<Lang, CourseText> {
    let mut texts = BTreeMap::new();
    for (i, c) in cf {
        let f = &ctx.files[*i];
        let sessions = (0..n_sessions)
            .map(|n| {
                let own = c.sessions.as_ref().and_then(|s| s.get_ref().get(n));
                let other = |get: fn(&crate::load::course::SessionFile) -> Option<&String>| {
                    own.and_then(get)
                        .or_else(|| {
                            cf.iter().find_map(|(_, o)| {
                                o.sessions
                                    .as_ref()
                                    .and_then(|s| s.get_ref().get(n))
                                    .and_then(get)
                            })
                        })
                        .cloned()
                };
                SessionText {
                    name: other(|s| s.name.as_ref()),
                    location: other(|s| s.location.as_ref()),
                }
            })
            .collect();
        let fee_own = c.fee.as_ref();
        let fee_text = |get: fn(&FeeFile) -> Option<&String>| {
            text_from(fee_own.and_then(get), cf, |o| o.fee.as_ref().and_then(get))
        };
        let line_labels: Vec<String> = fee_own
            .and_then(|f| f.lines.as_ref())
            .or_else(|| {
                cf.iter()
                    .find_map(|(_, o)| o.fee.as_ref().and_then(|f| f.lines.as_ref()))
            })
            .map(|l| {
                l.get_ref()
                    .iter()
                    .map(|(lab, _)| lab.clone().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        texts.insert(
            f.meta.lang.clone(),
            CourseText {
                file: *i,
                title: c.title.clone().unwrap_or_default(),
                summary: text_from(c.summary.as_ref(), cf, |o| o.summary.as_ref()),
                workload: text_from(c.workload.as_ref(), cf, |o| o.workload.as_ref()),
                credential: text_from(c.credential.as_ref(), cf, |o| o.credential.as_ref()),
                website: text_from(c.website.as_ref(), cf, |o| o.website.as_ref()),
                objectives: text_from(c.objectives.as_ref(), cf, |o| o.objectives.as_ref())
                    .unwrap_or_default(),
                sessions,
                starts_note: text_from(c.starts_note.as_ref().map(Spanned::get_ref), cf, |o| {
                    o.starts_note.as_ref().map(Spanned::get_ref)
                }),
                fee_label: fee_text(|f| f.label.as_ref()),
                fee_line_labels: line_labels,
                fee_options: super::fee::option_texts(c, cf),
                fee_includes: text_from(fee_own.and_then(|f| f.includes.as_ref()), cf, |o| {
                    o.fee.as_ref().and_then(|f| f.includes.as_ref())
                })
                .unwrap_or_default(),
                scholarships: fee_text(|f| f.scholarships.as_ref()),
                selection: text_from(c.selection.as_ref(), cf, |o| o.selection.as_ref()),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &c.aliases),
                borrowed: super::borrowed::borrowed(ctx, c, cf, n_sessions),
            },
        );
    }
    texts
}

pub fn notice(ctx: &ItemCtx<'_>, slug: &str, idx: &[usize], d: &mut Diagnostics) -> Option<Notice> {
    let errors_before = d.error_count();
    let nf = files_of(ctx, idx, |p| match p {
        Parsed::Notice(n) => Some(n),
        _ => None,
    });
    let published: Vec<(usize, &NoticeFile)> = nf
        .iter()
        .copied()
        .filter(|(i, _)| ctx.published(*i))
        .collect();
    notice_rules::required(ctx, &published, d);
    let on = Facts::new(ctx.files, &nf);
    let date = on.agreed("date", |n| n.date.clone(), ToString::to_string, d);
    let expires = on.agreed("expires", |n| n.expires.clone(), ToString::to_string, d);
    let kind = on.agreed("kind", |n| n.kind.clone(), |k| format!("\"{k}\""), d);
    let related = on.agreed(
        "related_courses",
        |n| values(&n.related_courses),
        |v| list(v),
        d,
    );
    let contacts = on.agreed(
        "contacts",
        |n| values(&n.contacts),
        |v| format!("{} contact(s)", v.len()),
        d,
    );
    let first = nf.first()?.0;
    let Some((date, _)) = date else {
        notice_rules::date_missing(ctx, &nf, first, d);
        return None;
    };
    notice_rules::expires_after_date(ctx, &date, expires.as_ref().map(|(e, o)| (e, o)), d);
    notice_rules::kind_is_id(ctx, kind.as_ref().map(|(k, o)| (k.as_str(), o)), d);
    let contacts = contacts
        .map(|(v, origin)| refs::contacts(ctx, v, &origin, d))
        .unwrap_or_default();
    let mut texts = BTreeMap::new();
    for (i, n) in &published {
        let f = &ctx.files[*i];
        texts.insert(
            f.meta.lang.clone(),
            PageText {
                file: *i,
                title: n.title.clone().unwrap_or_default(),
                summary: n
                    .summary
                    .clone()
                    .or_else(|| published.iter().find_map(|(_, o)| o.summary.clone())),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &n.aliases),
            },
        );
    }
    if d.error_count() > errors_before {
        return None;
    }
    Some(Notice {
        slug: slug.to_string(),
        date,
        expires: expires.map(|(e, _)| e),
        kind: kind.map_or_else(|| "news".to_string(), |(k, _)| k),
        draft: published.iter().any(|(_, n)| n.draft == Some(true)),
        related_courses: related.map(|(r, _)| r).unwrap_or_default(),
        contacts,
        texts: Texts::new(texts)?,
    })
}

pub fn page(
    ctx: &ItemCtx<'_>,
    path: &str,
    section_index: bool,
    idx: &[usize],
    d: &mut Diagnostics,
) -> Option<Page> {
    let pf = files_of(ctx, idx, |p| match p {
        Parsed::Page(p) => Some(p),
        _ => None,
    });
    let mut ok = true;
    let mut texts = BTreeMap::new();
    for (i, p) in pf.iter().filter(|(i, _)| ctx.published(*i)) {
        ok &= notice_rules::page_titled(ctx, *i, p, section_index, d);
        let f = &ctx.files[*i];
        texts.insert(
            f.meta.lang.clone(),
            PageText {
                file: *i,
                title: p.title.clone().unwrap_or_default(),
                summary: p.summary.clone(),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &p.aliases),
            },
        );
    }
    if !ok || texts.is_empty() {
        return None;
    }
    Some(Page {
        path: path.to_string(),
        weight: pf.iter().find_map(|(_, p)| p.weight).unwrap_or(0),
        menu: pf.iter().any(|(_, p)| p.menu == Some(true)),
        draft: pf
            .iter()
            .any(|(i, p)| ctx.published(*i) && p.draft == Some(true)),
        is_section_index: section_index,
        texts: Texts::new(texts)?,
    })
}
