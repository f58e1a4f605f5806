//! The rules of a course's `[application]`, checked while it is assembled
//! (`assemble::application`): a form's address, an opening before the deadline, a deadline on or
//! before the start, nothing of a form with `by = "nomination"`.

use super::item::ItemCtx;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::ApplicationFile;
use crate::model::{Origin, When};
use chrono_tz::Tz;

/// The agreed facts of an application form the rules read, with where each was stated.
pub struct Stated<'a> {
    pub opens: Option<(&'a When, &'a Origin)>,
    pub deadline: Option<(&'a When, &'a Origin)>,
    /// The start of the first session.
    pub first_start: Option<When>,
    /// The course's zone.
    pub tz: Tz,
}

/// The rules of an application through a form; `apps` is each file's `[application]`.
pub fn form(
    ctx: &ItemCtx<'_>,
    apps: &[(usize, &ApplicationFile)],
    s: &Stated<'_>,
    d: &mut Diagnostics,
) {
    let tz = s.tz;
    if let (Some((dl, dorigin)), Some(start)) = (s.deadline, s.first_start) {
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
                .at(&ctx.src(dorigin.file), dorigin.span.clone())
                .with_hint("applications must close on or before the first session's start"),
            );
        }
    }
    if let (Some((op, oorigin)), Some((dl, _))) = (s.opens, s.deadline) {
        if op.start_instant(tz) >= dl.end_instant(tz) {
            d.push(
                Diagnostic::error(
                    "opens-after-deadline",
                    format!("applications open ({op}) after they close ({dl})"),
                )
                .at(&ctx.src(oorigin.file), oorigin.span.clone())
                .with_hint("`opens` must come before `deadline`"),
            );
        }
    }
    url_given(ctx, apps, d);
}

/// A published file gives the form's address (a draft translation's is not used, see
/// [`ItemCtx::published`]).
fn url_given(ctx: &ItemCtx<'_>, apps: &[(usize, &ApplicationFile)], d: &mut Diagnostics) {
    // A refused `by` is reported already; it may have meant "nomination".
    let by_refused = apps.iter().any(|(_, a)| a.by_written && a.by.is_none());
    let url_written = apps.iter().any(|(i, a)| a.url_written && ctx.published(*i));
    if by_refused || url_written {
        return;
    }
    let (i, a) = apps
        .iter()
        .copied()
        .find(|(i, _)| ctx.published(*i))
        .unwrap_or(apps[0]);
    if !ctx.files[i].source().text.is_empty() {
        d.push(
            Diagnostic::error("missing-field", "`url` is required in [application]")
                .at(&ctx.src(i), a.span.clone())
                .with_hint("give the address of the application form: url = \"https://…\" (or mailto:…), or write by = \"nomination\" if participants are nominated"),
        );
    }
}

/// `by = "nomination"` says there is no form to fill in: a form, an opening or a deadline
/// (in any translation) would contradict it.
pub fn nomination(ctx: &ItemCtx<'_>, apps: &[(usize, &ApplicationFile)], d: &mut Diagnostics) {
    for (i, a) in apps {
        let src = ctx.src(*i);
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
