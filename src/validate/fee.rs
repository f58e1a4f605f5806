//! Rules of a fee on request: `on_request = true` states that no price is published, so an
//! amount or a price option beside it contradicts it.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::FeeFile;
use crate::load::SourceFile;

/// The rules over the `[fee]` tables `fees` (file index, table) of one course's translations.
pub fn check(files: &[SourceFile], fees: &[(usize, &FeeFile)], d: &mut Diagnostics) {
    let priced = fees.iter().find_map(|(_, f)| {
        if f.amount_written {
            Some("an `amount`")
        } else if f.options.as_ref().is_some_and(|o| !o.get_ref().is_empty()) {
            Some("price options")
        } else {
            None
        }
    });
    let Some(what) = priced else { return };
    for (i, f) in fees {
        let Some(r) = f.on_request.as_ref().filter(|r| *r.get_ref()) else {
            continue;
        };
        d.push(
            Diagnostic::error(
                "fee-on-request-with-amount",
                format!("on_request = true says the fee is given on request, but [fee] also has {what}"),
            )
            .at(&files[*i].source(), r.span())
            .with_hint("either publish the price (remove on_request) or give it on request (remove `amount` and [[fee.options]])"),
        );
    }
}
