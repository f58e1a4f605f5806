//! A course's runs: the facts of one run (sessions, status, starts, application, fee) read from
//! the top of a course's files (a course given once) or from the same `[[runs]]` table of each
//! (a course given several times), and the course that holds them (`Course::runs`).

use super::facts::Facts;
use super::items::course_texts;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::{CourseFile, FeeFile};
use crate::model::{
    Admission, Course, CourseText, Fee, Modality, SessionFacts, Starts, Status, TextField,
};
use crate::validate::{course as rules, ItemCtx};
use chrono_tz::Tz;
use std::collections::HashMap;

/// What every run of one course shares.
pub struct Of<'a> {
    pub ctx: &'a ItemCtx<'a>,
    /// The course's code: a run's code is made from it.
    pub code: &'a str,
    pub modality: Modality,
    pub tz: Tz,
}

/// The facts of one run.
#[derive(Clone)]
pub struct Parts {
    pub sessions: Vec<SessionFacts>,
    pub status: Status,
    pub starts: Option<Starts>,
    pub admission: Admission,
    pub fee: Option<Fee>,
}

/// A run of `[[runs]]`, assembled: its code, facts and the tables it was read from.
pub struct Run<'a> {
    pub code: String,
    pub parts: Parts,
    /// Each file's table of this run, in language priority order.
    pub files: Vec<(usize, &'a CourseFile)>,
    /// Whether the run states its own `[fee]` (else it has the course's).
    pub own_fee: bool,
}

/// The fee of `files` (a course's files, or one run's tables): `None` when none states one.
pub fn fee(ctx: &ItemCtx<'_>, files: &[(usize, &CourseFile)], d: &mut Diagnostics) -> Option<Fee> {
    let fees: Vec<(usize, &FeeFile)> = files
        .iter()
        .filter_map(|(i, c)| c.fee.as_ref().map(|f| (*i, f)))
        .collect();
    let on = Facts::new(ctx.files, &fees);
    let quoted = |v: &String| format!("\"{v}\"");
    let amount_text = |a: &i64| crate::load::values::amount_text(*a);
    let amount = on.agreed("fee.amount", |f| f.amount.clone(), amount_text, d);
    let currency = on.agreed("fee.currency", |f| f.currency.clone(), quoted, d);
    let line_amounts = on.agreed(
        "fee.lines amounts",
        |f| {
            let l = f.lines.as_ref()?;
            Some(toml::Spanned::new(
                l.span(),
                l.get_ref().iter().map(|(_, a)| *a.get_ref()).collect(),
            ))
        },
        |v: &Vec<i64>| {
            let each: Vec<String> = v.iter().map(amount_text).collect();
            format!("[{}]", each.join(", "))
        },
        d,
    );
    let extras = super::fee::extras(&on, d);
    crate::validate::fee::check(ctx.files, &fees, d);
    super::fee::fee(ctx, amount, currency, line_amounts, extras, &fees, d)
}

/// The facts of a run from `files`: each translation's course file (a course given once), or
/// its `[[runs]]` table number `run` (counted from 1). `fee` is the run's fee.
pub fn parts(
    of: &Of<'_>,
    files: &[(usize, &CourseFile)],
    run: Option<usize>,
    fee: Option<Fee>,
    d: &mut Diagnostics,
) -> Parts {
    let name = |f: &str| match run {
        Some(k) => format!("runs #{k} {f}"),
        None => f.to_string(),
    };
    let on = Facts::new(of.ctx.files, files);
    let status = on.agreed(
        &name("status"),
        |c| c.status.clone(),
        |s| format!("\"{}\"", s.id()),
        d,
    );
    let stated = on.agreed(
        &name("sessions"),
        super::sessions::stated,
        |v| super::sessions::show(v),
        d,
    );
    let starts = on.agreed(
        &name("starts"),
        |c| c.starts.clone(),
        |s| format!("\"{}\"", s.id()),
        d,
    );
    crate::validate::starts::check(of.ctx.files, files, d);
    let mut sessions = Vec::new();
    if let Some((list, origin)) = &stated {
        rules::session_ranges(of.ctx, files, list, origin, of.tz, d);
        sessions = super::sessions::facts(of.ctx, files, list, origin, of.tz, d);
    }
    if starts.is_none() {
        match (run, files.first()) {
            (None, Some((first, _))) => {
                let at = stated.as_ref().map_or(*first, |(_, o)| o.file);
                rules::has_sessions(of.ctx, files, sessions.len(), of.modality, at, d);
            }
            (Some(k), Some(_)) => rules::run_has_dates(of.ctx, files, k, sessions.len(), d),
            _ => {}
        }
    }
    let admission = super::application::admission(of.ctx, files, &sessions, of.tz, d);
    Parts {
        sessions,
        status: status.map(|(s, _)| s).unwrap_or_default(),
        starts: starts.map(|(s, _)| s),
        admission,
        fee,
    }
}

/// The runs of `[[runs]]` in the course files `cf` (in language priority order), earliest
/// first (runs without dates last); empty when no file has `[[runs]]`. `fee` is the course's,
/// which a run without its own has.
pub fn runs<'a>(
    of: &Of<'_>,
    cf: &[(usize, &'a CourseFile)],
    fee: Option<&Fee>,
    d: &mut Diagnostics,
) -> Vec<Run<'a>> {
    let with: Vec<(usize, &'a [CourseFile])> = cf
        .iter()
        .filter_map(|(i, c)| c.runs.as_ref().map(|r| (*i, r.get_ref().as_slice())))
        .collect();
    let Some(&(_, first)) = with.first() else {
        return Vec::new();
    };
    rules::runs_alone(of.ctx, cf, d);
    rules::runs_agree(of.ctx, cf, d);
    let mut out: Vec<Run<'a>> = Vec::with_capacity(first.len());
    for k in 0..first.len() {
        let files: Vec<(usize, &'a CourseFile)> = with
            .iter()
            .filter_map(|(i, r)| Some((*i, r.get(k)?)))
            .collect();
        let on = Facts::new(of.ctx.files, &files);
        let quoted = |v: &String| format!("\"{v}\"");
        let code = on.agreed(
            &format!("runs #{} code", k + 1),
            |r| r.code.clone(),
            quoted,
            d,
        );
        let suffix = on.agreed(
            &format!("runs #{} suffix", k + 1),
            |r| r.suffix.clone(),
            quoted,
            d,
        );
        let own_fee = files.iter().any(|(_, r)| r.fee.is_some());
        let run_fee = if own_fee {
            self::fee(of.ctx, &files, d)
        } else {
            fee.cloned()
        };
        let parts = parts(of, &files, Some(k + 1), run_fee, d);
        let code = match (code, suffix) {
            (Some((c, _)), _) => c,
            (None, Some((s, _))) => format!("{}{s}", of.code),
            (None, None) => of.code.to_string(),
        };
        out.push(Run {
            code,
            parts,
            files,
            own_fee,
        });
    }
    unique_codes(of, &out, d);
    out.sort_by_cached_key(|r| {
        let start =
            crate::model::first_start(&r.parts.sessions, of.tz).map(|w| w.start_instant(of.tz));
        (start.is_none(), start, r.code.clone())
    });
    out
}

/// Two runs of one course have different codes.
fn unique_codes(of: &Of<'_>, runs: &[Run<'_>], d: &mut Diagnostics) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, r) in runs.iter().enumerate() {
        let Some(&j) = seen.get(r.code.as_str()) else {
            seen.insert(&r.code, k);
            continue;
        };
        let Some((file, table)) = r.files.first() else {
            continue;
        };
        let span = table.code.as_ref().map_or(table.at.clone(), |c| c.span());
        d.push(
            Diagnostic::error(
                "duplicate-run-code",
                format!(
                    "runs #{} and #{} of this course both have the code \"{}\"",
                    j + 1,
                    k + 1,
                    r.code
                ),
            )
            .at(&of.ctx.src(*file), span)
            .with_hint("give each run its own code: suffix = \"-2\" (added to the course's code) or code = \"…\" written whole; a run with neither has the course's code, which only one run may"),
        );
    }
}

/// The course `course` (assembled from the top of its files) with the runs of `[[runs]]`:
/// each a copy of the course with the run's code, facts and texts; the course's own run facts
/// are its first run's. `texts_of`: the course's published files.
pub fn with_runs(
    ctx: &ItemCtx<'_>,
    mut course: Course,
    runs: Vec<Run<'_>>,
    texts_of: &[(usize, &CourseFile)],
) -> Course {
    if runs.is_empty() {
        return course;
    }
    let published: Vec<usize> = texts_of.iter().map(|(i, _)| *i).collect();
    let mut made = Vec::with_capacity(runs.len());
    for r in runs {
        let mut run = course.clone();
        let files: Vec<(usize, &CourseFile)> = r
            .files
            .iter()
            .copied()
            .filter(|(i, _)| published.contains(i))
            .collect();
        let texts = course_texts(ctx, &files, r.parts.sessions.len());
        let first = files.first().map(|(i, _)| ctx.files[*i].meta.lang.clone());
        for (lang, t) in run.texts.iter_mut() {
            // A language without this run's table shows the first table's texts, in its language.
            let (own, from) = match texts.get(lang) {
                Some(own) => (own, None),
                None => match first.as_ref().and_then(|f| texts.get(f).map(|o| (o, f))) {
                    Some((own, f)) => (own, Some(f.as_str())),
                    None => continue,
                },
            };
            run_text(t, own, from, r.own_fee);
        }
        run.code = r.code;
        run.sessions = r.parts.sessions;
        run.status = r.parts.status;
        run.starts = r.parts.starts;
        run.admission = r.parts.admission;
        run.fee = r.parts.fee;
        run.run_at = r.files.first().map(|(i, t)| {
            let span = t.code.as_ref().map_or(t.at.clone(), |c| c.span());
            ctx.src(*i).spot(span)
        });
        made.push(run);
    }
    if let Some(first) = made.first() {
        course.sessions = first.sessions.clone();
        course.status = first.status;
        course.starts = first.starts;
        course.admission = first.admission.clone();
        course.fee = first.fee.clone();
        for (lang, t) in course.texts.iter_mut() {
            if let Some((_, f)) = first.texts.iter().find(|(l, _)| *l == lang) {
                t.sessions = f.sessions.clone();
                t.starts_note = f.starts_note.clone();
                t.borrowed.retain(|k, _| !run_field(*k));
                t.borrowed.extend(
                    f.borrowed
                        .iter()
                        .filter(|(k, _)| run_field(**k))
                        .map(|(k, v)| (*k, v.clone())),
                );
            }
        }
    }
    course.runs = made;
    course
}

/// Whether `f` is a text of a run's own (its sessions', its `starts_note`), which the course
/// takes from its first run.
fn run_field(f: TextField) -> bool {
    matches!(
        f,
        TextField::StartsNote | TextField::SessionName(_) | TextField::SessionLocation(_)
    )
}

/// A run's texts in one language into the course's (`t`): its sessions' names and places, its
/// `starts_note` (else the course's), and its fee's texts when it states its own fee; each
/// with the language it is written in where that is not `t`'s (`CourseText::borrowed`, which
/// pages mark). `own` is the run's text in `t`'s language, or in `from` when the run has no
/// table in that language.
fn run_text(t: &mut CourseText, own: &CourseText, from: Option<&str>, own_fee: bool) {
    let take = |t: &mut CourseText, f: TextField| match own.borrowed(f).or(from) {
        Some(lang) => {
            t.borrowed.insert(f, lang.to_string());
        }
        None => {
            t.borrowed.remove(&f);
        }
    };
    t.sessions = own.sessions.clone();
    t.borrowed
        .retain(|k, _| !matches!(k, TextField::SessionName(_) | TextField::SessionLocation(_)));
    for (n, s) in own.sessions.iter().enumerate() {
        if s.name.is_some() {
            take(t, TextField::SessionName(n));
        }
        if s.location.is_some() {
            take(t, TextField::SessionLocation(n));
        }
    }
    if own.starts_note.is_some() {
        t.starts_note = own.starts_note.clone();
        take(t, TextField::StartsNote);
    }
    if own_fee {
        t.fee_label = own.fee_label.clone();
        t.fee_line_labels = own.fee_line_labels.clone();
        t.fee_options = own.fee_options.clone();
        t.fee_includes = own.fee_includes.clone();
        t.scholarships = own.scholarships.clone();
        for (f, has) in [
            (TextField::FeeLabel, own.fee_label.is_some()),
            (TextField::FeeLines, !own.fee_line_labels.is_empty()),
            (TextField::FeeOptions, !own.fee_options.is_empty()),
            (TextField::FeeIncludes, !own.fee_includes.is_empty()),
            (TextField::Scholarships, own.scholarships.is_some()),
        ] {
            if has {
                take(t, f);
            } else {
                t.borrowed.remove(&f);
            }
        }
    }
}
