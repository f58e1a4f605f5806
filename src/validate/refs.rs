//! References from an item to `data/`: a cancellation policy or contact named by id is defined
//! there. An id in a file that could not be read, or whose definition was refused, is not
//! reported again (that file's own error is the one to fix).

use super::item::ItemCtx;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Contact, Origin, Policy, Ref};

/// The policy `r` stands for (stated at `origin`); `None`, and an error when it is unknown.
pub fn policy(
    ctx: &ItemCtx<'_>,
    r: Ref<Policy>,
    origin: &Origin,
    d: &mut Diagnostics,
) -> Option<Policy> {
    match r {
        Ref::Inline(p) => Some(p),
        Ref::Id(id)
            if id.contains(crate::scaffold::UNFILLED)
                || ctx.data.refused.contains(&id)
                || ctx.data.failed.contains("policies.toml") =>
        {
            None
        }
        Ref::Id(id) => match ctx.data.policies.get(&id) {
            Some(p) => Some(p.clone()),
            None => {
                let known: Vec<&str> = ctx.data.policies.keys().map(String::as_str).collect();
                d.push(
                    Diagnostic::error(
                        "unknown-policy",
                        format!(
                            "cancellation policy \"{id}\" is not defined in data/policies.toml"
                        ),
                    )
                    .at(&ctx.src(origin.file), origin.span.clone())
                    .with_hint(crate::diag::suggest(&id, &known, "policies")),
                );
                None
            }
        },
    }
}

/// The contacts `refs` stand for (the list stated at `origin`), with an error for each
/// unknown id.
pub fn contacts(
    ctx: &ItemCtx<'_>,
    refs: Vec<Ref<Contact>>,
    origin: &Origin,
    d: &mut Diagnostics,
) -> Vec<Contact> {
    let known: Vec<&str> = ctx.data.contacts.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    for r in refs {
        match r {
            Ref::Inline(c) => out.push(c),
            Ref::Id(id)
                if id.contains(crate::scaffold::UNFILLED)
                    || ctx.data.refused.contains(&id)
                    || ctx.data.failed.contains("contacts.toml") => {}
            Ref::Id(id) => match ctx.data.contacts.get(&id) {
                Some(c) => out.push(c.clone()),
                None => {
                    // Point at the id itself inside the list when it can be found.
                    let src = ctx.src(origin.file);
                    let list = &src.text[(src.base + origin.span.start).min(src.text.len())
                        ..(src.base + origin.span.end).min(src.text.len())];
                    let span = list
                        .find(&format!("\"{id}\""))
                        .map_or(origin.span.clone(), |p| {
                            origin.span.start + p..origin.span.start + p + id.len() + 2
                        });
                    d.push(
                        Diagnostic::error(
                            "unknown-contact",
                            format!("contact \"{id}\" is not defined in data/contacts.toml"),
                        )
                        .at(&src, span)
                        .with_hint(crate::diag::suggest(&id, &known, "contacts")),
                    );
                }
            },
        }
    }
    out
}
