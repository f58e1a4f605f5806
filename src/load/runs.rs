//! A `[[runs]]` table of a course file (a course given several times), typed: the facts of one
//! run, read with the course's own readers.

use super::course::{application_table, choice, plain_code, session, status, CourseFile};
use super::fields::{Fields, Sp};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::Starts;
use toml::Spanned;

/// One `[[runs]]` table: the facts of a run, as a course of one run states them at its top.
pub(super) fn run(mut f: Fields<'_, '_>, d: &mut Diagnostics) -> CourseFile {
    let mut r = CourseFile {
        at: f.span(),
        keys: f.keys(),
        code: f.string(d, "code"),
        suffix: f.string(d, "suffix"),
        ..CourseFile::default()
    };
    r.code = r.code.take().filter(|code| plain_code(&f.src, code, d));
    r.suffix = r.suffix.take().filter(|s| plain_suffix(&f.src, s, d));
    r.status = status(&mut f, d);
    if let Some(list) = f.tables(d, "sessions") {
        let span = f.value_span("sessions").unwrap_or(0..0);
        let sessions = list.into_iter().map(|s| session(s, d)).collect();
        r.sessions = Some(Spanned::new(span, sessions));
    }
    r.starts = choice(&mut f, d, "starts", Starts::parse, &Starts::ALL, "values");
    r.starts_note = f.string(d, "starts_note");
    r.application = f.table(d, "application").map(|a| application_table(a, d));
    if let Some(fee) = f.table(d, "fee") {
        r.fee = Some(super::fee::fee_table(fee, d));
    }
    f.finish(d);
    r
}

/// A run's `suffix` is letters, digits, `-`, `_` and `.` (it ends the run's code).
fn plain_suffix(src: &SourceText<'_>, s: &Sp<String>, d: &mut Diagnostics) -> bool {
    let v = s.get_ref();
    let plain = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain {
        d.push(
            Diagnostic::error(
                "bad-value",
                "`suffix` must be letters and digits (and - _ .), without spaces",
            )
            .at(src, s.span())
            .with_hint(
                "the suffix is added to the course's code: suffix = \"-2\" makes A9718007-2",
            ),
        );
    }
    plain
}
