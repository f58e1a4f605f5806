//! A course's `[application]`, from its translation files to the model's [`Admission`]: the
//! facts merged, their rules checked, and the one rule of when applications close ("the
//! deadline, else the first session's start") applied once, here.

use super::facts::merge;
use super::items::{stated, text_from, Ctx};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::{ApplicationFile, By, CourseFile};
use crate::model::{Admission, Application, Closes, Opens, SessionFacts};
use chrono_tz::Tz;

/// How participants of the course made of the files `cf` (in language priority order) get in.
/// `sessions` are its sessions, `tz` its zone.
pub fn admission(
    ctx: &Ctx<'_>,
    cf: &[(usize, &CourseFile)],
    sessions: &[SessionFacts],
    tz: Tz,
    d: &mut Diagnostics,
) -> Admission {
    let apps: Vec<(usize, &ApplicationFile)> = cf
        .iter()
        .filter_map(|(i, c)| c.application.as_ref().map(|a| (*i, a)))
        .collect();
    let files = ctx.files;
    let by = merge(
        files,
        "application.by",
        apps.iter().filter_map(|(i, a)| stated(*i, &a.by)).collect(),
        |b| format!("\"{}\"", b.id()),
        d,
    );
    let opens = merge(
        files,
        "application.opens",
        apps.iter()
            .filter_map(|(i, a)| stated(*i, &a.opens))
            .collect(),
        ToString::to_string,
        d,
    );
    let deadline = merge(
        files,
        "application.deadline",
        apps.iter()
            .filter_map(|(i, a)| stated(*i, &a.deadline))
            .collect(),
        ToString::to_string,
        d,
    );
    if apps.is_empty() {
        return Admission::Unstated;
    }
    if let Some((By::Nomination, _)) = by {
        nomination_rules(ctx, &apps, d);
        return Admission::Nomination;
    }
    let first_start = crate::model::first_start(sessions, tz).copied();
    if let (Some((dl, dorigin)), Some(start)) = (&deadline, first_start) {
        let after = if dl.is_date() || start.is_date() {
            dl.date_in(tz) > start.date_in(tz)
        } else {
            dl.end_instant(tz) > start.start_instant(tz)
        };
        if after {
            d.push(
                Diagnostic::error(
                    "deadline-after-start",
                    format!("the application deadline ({dl}) is after the course starts ({start})"),
                )
                .at(&files[dorigin.file].source(), dorigin.span.clone())
                .with_hint("applications must close on or before the first session's start"),
            );
        }
    }
    if let (Some((op, oorigin)), Some((dl, _))) = (&opens, &deadline) {
        if op.start_instant(tz) >= dl.end_instant(tz) {
            d.push(
                Diagnostic::error(
                    "opens-after-deadline",
                    format!("applications open ({op}) after they close ({dl})"),
                )
                .at(&files[oorigin.file].source(), oorigin.span.clone())
                .with_hint("`opens` must come before `deadline`"),
            );
        }
    }
    // A refused `by` is reported already; it may have meant "nomination".
    let by_refused = apps.iter().any(|(_, a)| a.by_written && a.by.is_none());
    // The form's address is a text: a draft translation's is not used (see `Ctx::published`).
    let published: Vec<(usize, &CourseFile)> = cf
        .iter()
        .copied()
        .filter(|(i, _)| ctx.published(*i))
        .collect();
    let url_written = apps.iter().any(|(i, a)| a.url_written && ctx.published(*i));
    if !by_refused && !url_written {
        let (i, a) = apps
            .iter()
            .copied()
            .find(|(i, _)| ctx.published(*i))
            .unwrap_or(apps[0]);
        if !files[i].source().text.is_empty() {
            d.push(
                Diagnostic::error("missing-field", "`url` is required in [application]")
                    .at(&files[i].source(), a.span.clone())
                    .with_hint("give the address of the application form: url = \"https://…\" (or mailto:…), or write by = \"nomination\" if participants are nominated"),
            );
        }
    }
    let url = published
        .iter()
        .filter_map(|(i, c)| {
            let u = text_from(form_url(c), &published, form_url)?;
            Some((files[*i].meta.lang.clone(), u))
        })
        .collect();
    // The one rule of when applications close: the deadline, else when the course starts
    // (never, for a self-paced course without one).
    let closes = match (deadline, first_start) {
        (Some((dl, _)), _) => Some(Closes::deadline(dl, tz)),
        (None, Some(start)) => Some(Closes::at_start(start, tz)),
        (None, None) => None,
    };
    Admission::Apply(Application {
        url,
        opens: opens.map(|(w, _)| Opens::new(w, tz)),
        closes,
    })
}

/// The application form's address one file gives.
fn form_url(c: &CourseFile) -> Option<&String> {
    c.application.as_ref()?.url.as_ref().map(|u| u.get_ref())
}

/// `by = "nomination"` says there is no form to fill in: a form, an opening or a deadline
/// (in any translation) would contradict it.
fn nomination_rules(ctx: &Ctx<'_>, apps: &[(usize, &ApplicationFile)], d: &mut Diagnostics) {
    for (i, a) in apps {
        let src = ctx.files[*i].source();
        let written = [
            ("url", a.url.as_ref().map(|u| u.span())),
            ("opens", a.opens.as_ref().map(|u| u.span())),
            ("deadline", a.deadline.as_ref().map(|u| u.span())),
        ];
        for (key, span) in written {
            let Some(span) = span else { continue };
            d.push(
                Diagnostic::error(
                    "nomination-with-form",
                    format!("`{key}` cannot go with by = \"nomination\" in [application]"),
                )
                .at(&src, span)
                .with_hint(format!(
                    "nominated participants do not apply through the site: remove `{key}`, or remove by = \"nomination\" if visitors apply (then `url` is required); a nomination deadline can be written in `selection`"
                )),
            );
        }
    }
}
