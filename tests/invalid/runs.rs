//! The rules of `[[runs]]` (a course given several times), one fixture each.

use super::{cli_exits_1_at, fails, one};
use crate::support::*;

#[test]
fn a_run_code_used_by_another_course() {
    let (s, r) = fails("runs-duplicate-code");
    let d = one(&r, "duplicate-code");
    assert_at(
        d,
        &s,
        "content/courses/audit-advanced.md",
        "code = \"B0000201\"",
        &["\"B0000201\""],
    );
    assert!(
        d.message.contains("content/courses/audit-basics.md"),
        "names the other file: {d:#?}"
    );
    assert!(hint(d).contains("suffix"), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn sessions_at_the_top_of_a_course_with_runs() {
    let (s, r) = fails("runs-mixed");
    let d = one(&r, "runs-mixed");
    assert_at(
        d,
        &s,
        "content/courses/two-shapes.md",
        "[[sessions]]",
        &["[[sessions]]"],
    );
    assert!(d.message.contains("`sessions`"), "{d:#?}");
    assert!(
        hint(d).contains("[[runs.sessions]]"),
        "says how to fix it: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

#[test]
fn a_run_without_sessions_or_starts() {
    let (s, r) = fails("runs-without-dates");
    let d = one(&r, "no-sessions");
    let text = s.read("content/courses/dateless-run.md");
    // The second [[runs]] table: the run without dates.
    let second = text.match_indices("[[runs]]").nth(1).expect("two runs").0;
    let line = text[..second].lines().count() + 1;
    assert_eq!(d.file.as_deref(), Some("content/courses/dateless-run.md"));
    assert_eq!(d.line, line, "{d:#?}");
    assert!(d.message.contains("run #2"), "{d:#?}");
    assert!(hint(d).contains("starts = \"rolling\""), "{d:#?}");
    cli_exits_1_at(&s, d);
}

#[test]
fn translations_with_different_runs() {
    let (s, r) = fails("runs-translation-differs");
    let d = one(&r, "translation-mismatch");
    assert_at(
        d,
        &s,
        "content/courses/paired.fr.md",
        "[[runs]]",
        &["[[runs]]"],
    );
    assert!(
        d.message.contains("content/courses/paired.md"),
        "names the other translation: {d:#?}"
    );
    cli_exits_1_at(&s, d);
}

/// A wrong value in a table of a run names the table and the run in words a reader can follow
/// (it said "[runs] #2.application]").
#[test]
fn a_wrong_value_inside_a_run_names_the_run() {
    let (s, r) = fails("runs-deadline-as-text");
    let d = one(&r, "wrong-type");
    assert_at(
        d,
        &s,
        "content/courses/twice-a-year.md",
        "deadline = ",
        &["\"15 January 2026\""],
    );
    assert!(
        d.message
            .contains("`deadline` in [runs.application] of [runs] #2 must be a date"),
        "{d:#?}"
    );
    cli_exits_1_at(&s, d);
}
