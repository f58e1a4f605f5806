//! Rules of `starts` and `starts_note`: a course that starts on a rolling basis or on request
//! has no sessions, and a note about when a course starts goes with `starts`.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::CourseFile;
use crate::load::SourceFile;

/// The rules over the files `cf` of one course (translations included, drafts too: facts).
pub fn check(files: &[SourceFile], cf: &[(usize, &CourseFile)], d: &mut Diagnostics) {
    let has_sessions = cf
        .iter()
        .any(|(_, c)| c.sessions.as_ref().is_some_and(|s| !s.get_ref().is_empty()));
    let states_starts = cf.iter().any(|(_, c)| c.starts.is_some());
    for (i, c) in cf {
        let src = files[*i].source();
        if let (Some(s), true) = (&c.starts, has_sessions) {
            d.push(
                Diagnostic::error(
                    "starts-with-sessions",
                    format!(
                        "starts = \"{}\" says this course has no set dates, but it has [[sessions]]",
                        s.get_ref().id()
                    ),
                )
                .at(&src, s.span())
                .with_hint("a course with dates lists them in [[sessions]] and has no `starts`; a course that starts on a rolling basis or on request has no [[sessions]]: remove one of the two"),
            );
        }
        if let (Some(n), false) = (&c.starts_note, states_starts) {
            d.push(
                Diagnostic::error(
                    "starts-note-without-starts",
                    "`starts_note` is shown only for a course that starts on a rolling basis or on request",
                )
                .at(&src, n.span())
                .with_hint("add starts = \"rolling\" or starts = \"on-request\" (in any translation), or remove `starts_note` and write the dates in [[sessions]]"),
            );
        }
    }
}
