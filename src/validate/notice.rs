//! The rules of one notice or page, checked while it is assembled (`assemble::items`): a title
//! in each published file, a notice's date, an expiry after it, a kind that is an id.

use super::item::{written, ItemCtx};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::items::{NoticeFile, PageFile};
use crate::model::{Origin, When};

/// Each published file of a notice (`published`) has a title.
pub fn required(ctx: &ItemCtx<'_>, published: &[(usize, &NoticeFile)], d: &mut Diagnostics) {
    for (i, n) in published {
        if n.title.is_none() && !written(&n.keys, "title") {
            ctx.missing(
                d,
                *i,
                "title",
                "every notice file needs a title, e.g. title = \"Call for tender: …\"",
            );
        }
    }
}

/// No file of a notice (`nf`) states its date (`first`: the file to point at).
pub fn date_missing(
    ctx: &ItemCtx<'_>,
    nf: &[(usize, &NoticeFile)],
    first: usize,
    d: &mut Diagnostics,
) {
    // A date written but refused (in quotes, out of range) has its own error.
    if !nf.iter().any(|(_, n)| written(&n.keys, "date")) {
        ctx.missing(
            d,
            first,
            "date",
            "a notice needs its publication date: date = 2025-08-01",
        );
    }
}

/// A notice expires on or after the day it is published.
pub fn expires_after_date(
    ctx: &ItemCtx<'_>,
    date: &When,
    expires: Option<(&When, &Origin)>,
    d: &mut Diagnostics,
) {
    let Some((exp, origin)) = expires else {
        return;
    };
    if exp.end_instant(ctx.config.timezone) < date.start_instant(ctx.config.timezone) {
        d.push(
            Diagnostic::error(
                "expires-before-date",
                format!("the notice expires ({exp}) before it is published ({date})"),
            )
            .at(&ctx.src(origin.file), origin.span.clone())
            .with_hint("`expires` must be on or after `date`"),
        );
    }
}

/// A notice's kind is a lowercase id (`news`, `call-for-tender`).
pub fn kind_is_id(ctx: &ItemCtx<'_>, kind: Option<(&str, &Origin)>, d: &mut Diagnostics) {
    let Some((k, origin)) = kind else {
        return;
    };
    if k.is_empty()
        || !k
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        d.push(
            Diagnostic::error("bad-value", format!("kind \"{k}\" must be a lowercase id such as news, announcement or call-for-tender"))
                .at(&ctx.src(origin.file), origin.span.clone()),
        );
    }
}

/// Each published file of a page has a title, but for a section's list page (`_index.md`),
/// which has the section's. `false` when one is missing.
pub fn page_titled(
    ctx: &ItemCtx<'_>,
    file: usize,
    p: &PageFile,
    section_index: bool,
    d: &mut Diagnostics,
) -> bool {
    if p.title.is_none() && !section_index && !written(&p.keys, "title") {
        ctx.missing(
            d,
            file,
            "title",
            "every page needs a title, e.g. title = \"About us\"",
        );
        return false;
    }
    true
}
