//! References from an item to `data/`: a cancellation policy, contact or instructor named by id
//! is defined there. An id in a file that could not be read, or whose definition was refused, is not
//! reported again (that file's own error is the one to fix).

use super::item::ItemCtx;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Contact, Origin, Person, Policy, Ref};
use std::collections::BTreeMap;

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
    let listed = Listed {
        defined: &ctx.data.contacts,
        file: "contacts.toml",
        code: "unknown-contact",
        one: "contact",
        many: "contacts",
    };
    listed.resolve(ctx, refs, origin, d)
}

/// The instructors `refs` stand for (the list stated at `origin`), with an error for each
/// unknown id.
pub fn people(
    ctx: &ItemCtx<'_>,
    refs: Vec<Ref<Person>>,
    origin: &Origin,
    d: &mut Diagnostics,
) -> Vec<Person> {
    let listed = Listed {
        defined: &ctx.data.people,
        file: "people.toml",
        code: "unknown-person",
        one: "person",
        many: "people",
    };
    listed.resolve(ctx, refs, origin, d)
}

/// A data file whose entries an item lists by id (or writes inline).
struct Listed<'a, T> {
    defined: &'a BTreeMap<String, T>,
    /// Its name in `data/`.
    file: &'a str,
    /// The problem code of an unknown id.
    code: &'static str,
    one: &'a str,
    many: &'a str,
}

impl<T: Clone> Listed<'_, T> {
    fn resolve(
        &self,
        ctx: &ItemCtx<'_>,
        refs: Vec<Ref<T>>,
        origin: &Origin,
        d: &mut Diagnostics,
    ) -> Vec<T> {
        let known: Vec<&str> = self.defined.keys().map(String::as_str).collect();
        let mut out = Vec::new();
        for r in refs {
            match r {
                Ref::Inline(c) => out.push(c),
                Ref::Id(id)
                    if id.contains(crate::scaffold::UNFILLED)
                        || ctx.data.refused.contains(&id)
                        || ctx.data.failed.contains(self.file) => {}
                Ref::Id(id) => match self.defined.get(&id) {
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
                                self.code,
                                format!(
                                    "{} \"{id}\" is not defined in data/{}",
                                    self.one, self.file
                                ),
                            )
                            .at(&src, span)
                            .with_hint(crate::diag::suggest(&id, &known, self.many)),
                        );
                    }
                },
            }
        }
        out
    }
}
