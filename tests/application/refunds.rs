//! The refund periods of a course's cancellation terms as its page says them: as dates from the
//! start where that start is the one the page shows, else from "the start", each period with both
//! its ends.

use super::{build_at, course, read, site_with};
use crate::support::*;

const NOW: &str = "2025-08-01T09:00:00Z";

/// Three tiers: the whole fee back 30 days or more before the start, half from 14 to 29 days,
/// nothing after.
const TERMS: &str = "[cancellation]\ntiers = [\n  { min_days = 30, refund_percent = 100 },\n  \
                     { min_days = 14, refund_percent = 50 },\n  { min_days = 0, refund_percent = 0 },\n]\n";

/// The rows of the page's refund table, as text.
fn refund_rows(page: &str) -> Vec<String> {
    let table = elements(page, "table")
        .into_iter()
        .find(|t| t.attr("class").as_deref() == Some("refunds"))
        .expect("the refund table");
    elements(table.inner, "tr")
        .into_iter()
        .skip(1)
        .map(|r| r.text())
        .collect()
}

fn with_terms(text: &str) -> String {
    text.replacen("+++\nText.", &format!("{TERMS}+++\nText."), 1)
}

#[test]
fn a_middle_period_said_from_the_start_has_both_its_ends() {
    let text = with_terms(&course("T0000007", "2025-10-06", "2025-10-10", None)).replacen(
        "modality",
        "status = \"postponed\"\nmodality",
        1,
    );
    let s = site_with("terms", &text);
    let (_, out) = build_at(&s, NOW);
    let rows = refund_rows(&read(&out, "en/courses/terms/index.html"));
    assert_rows(
        &rows,
        &[
            ("30 days or more before the start", "Full refund"),
            ("14 to 29 days before the start", "50% refund"),
            ("Less than 14 days before the start", "No refund"),
        ],
    );
    // Not "14 days or more", which reads as if it took in the period above.
    assert!(
        !rows.iter().any(|r| r.contains("14 days or more")),
        "{rows:?}"
    );
}

/// Each row holds its period and its refund, in this order of rows.
fn assert_rows(rows: &[String], want: &[(&str, &str)]) {
    assert_eq!(rows.len(), want.len(), "{rows:?}");
    for (row, (period, refund)) in rows.iter().zip(want) {
        assert!(
            row.contains(period) && row.contains(refund),
            "{row:?}: {period} / {refund}"
        );
    }
}

#[test]
fn a_course_given_several_times_says_its_periods_from_the_start_of_each_run() {
    // Two runs: the page shows the first; its script shows the second once the first is over,
    // and the table must then still be true.
    let runs = "[[runs]]\ncode = \"T0000008-A\"\n\n[[runs.sessions]]\nstart = 2025-10-06\nend = 2025-10-10\n\n\
                [[runs]]\ncode = \"T0000008-B\"\n\n[[runs.sessions]]\nstart = 2026-03-02\nend = 2026-03-06\n";
    let text = with_terms(&course("T0000008", "2025-10-06", "2025-10-10", None)).replacen(
        "[[sessions]]\nstart = 2025-10-06\nend = 2025-10-10\n",
        runs,
        1,
    );
    let s = site_with("twice", &text);
    let (_, out) = build_at(&s, NOW);
    let page = read(&out, "en/courses/twice/index.html");
    let rows = refund_rows(&page);
    assert_rows(
        &rows,
        &[
            ("30 days or more before the start", "Full refund"),
            ("14 to 29 days before the start", "50% refund"),
            ("Less than 14 days before the start", "No refund"),
        ],
    );
    assert!(!page.contains("data-over="), "no period ends on a date");
    // Given once, the same terms are dates from that start (6 October 2025).
    let once = site_with(
        "once",
        &with_terms(&course("T0000009", "2025-10-06", "2025-10-10", None)),
    );
    let (_, out) = build_at(&once, NOW);
    let rows = refund_rows(&read(&out, "en/courses/once/index.html"));
    assert_rows(
        &rows,
        &[
            ("6 September 2025", "Full refund"),
            ("7–22 September 2025", "50% refund"),
            ("23 September 2025", "No refund"),
        ],
    );
}
