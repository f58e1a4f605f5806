//! A course's `[application]`, from its translation files to the model's [`Admission`]: the
//! facts merged, their rules checked (`validate::application`), and the one rule of when
//! applications close ("the deadline, else the first session's start") applied once, here.

use super::facts::Facts;
use super::items::text_from;
use crate::diag::Diagnostics;
use crate::load::course::{ApplicationFile, By, CourseFile};
use crate::model::{Admission, Application, Closes, Opens, SessionFacts};
use crate::validate::{application as rules, ItemCtx};
use chrono_tz::Tz;

/// How participants of the course made of the files `cf` (in language priority order) get in.
/// `sessions` are its sessions, `tz` its zone.
pub fn admission(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    sessions: &[SessionFacts],
    tz: Tz,
    d: &mut Diagnostics,
) -> Admission {
    let apps: Vec<(usize, &ApplicationFile)> = cf
        .iter()
        .filter_map(|(i, c)| c.application.as_ref().map(|a| (*i, a)))
        .collect();
    let facts = Facts::new(ctx.files, &apps);
    let by = facts.agreed(
        "application.by",
        |a| a.by.clone(),
        |b| format!("\"{}\"", b.id()),
        d,
    );
    let opens = facts.agreed(
        "application.opens",
        |a| a.opens.clone(),
        ToString::to_string,
        d,
    );
    let deadline = facts.agreed(
        "application.deadline",
        |a| a.deadline.clone(),
        ToString::to_string,
        d,
    );
    if apps.is_empty() {
        return Admission::Unstated;
    }
    if let Some((By::Nomination, _)) = by {
        rules::nomination(ctx, &apps, d);
        return Admission::Nomination;
    }
    let first_start = crate::model::first_start(sessions, tz).copied();
    let stated = rules::Stated {
        opens: opens.as_ref().map(|(w, o)| (w, o)),
        deadline: deadline.as_ref().map(|(w, o)| (w, o)),
        first_start,
        tz,
    };
    rules::form(ctx, &apps, &stated, d);
    // The form's address is a text: a draft translation's is not used (see `ItemCtx::published`).
    let published: Vec<(usize, &CourseFile)> = cf
        .iter()
        .copied()
        .filter(|(i, _)| ctx.published(*i))
        .collect();
    let url = published
        .iter()
        .filter_map(|(i, c)| {
            let u = text_from(form_url(c), &published, form_url)?;
            Some((ctx.files[*i].meta.lang.clone(), u))
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
