//! The calendar page as an agenda, on the example site: a row per session and deadline; a
//! session running over several months is listed in full in its first month and as
//! "continues" in the next ones; a cancelled course is struck through and says so once, in its
//! first month only, with no deadline row; a session name in another language than the page
//! says which.

use super::built_example;
use crate::support::{attr, elements, text, Element};

/// The rows of course `code` on a calendar page, in order.
fn rows<'a>(page: &'a str, code: &str) -> Vec<Element<'a>> {
    elements(page, "li")
        .into_iter()
        .filter(|li| attr(li.tag, "data-code").as_deref() == Some(code))
        .filter(|li| has_class(li, "cal-entry"))
        .collect()
}

fn has_class(e: &Element<'_>, class: &str) -> bool {
    attr(e.tag, "class").is_some_and(|c| c.split(' ').any(|x| x == class))
}

#[test]
fn a_session_over_several_months_continues_instead_of_repeating() {
    let b = built_example();
    let page = b.page("en/calendar/index.html");
    // The gender audit programme: 8 September to 31 October, its deadline in August.
    let rows = rows(&page, "A9718007");
    let sessions: Vec<_> = rows
        .iter()
        .filter(|r| !has_class(r, "cal-deadline"))
        .collect();
    assert_eq!(sessions.len(), 2, "September and October");
    assert!(!has_class(sessions[0], "cal-continues"));
    assert!(
        sessions[0].text().contains("8 September"),
        "{}",
        sessions[0].text()
    );
    assert!(sessions[0]
        .text()
        .contains("Distance learning and assessment"));
    let next = sessions[1];
    assert!(has_class(next, "cal-continues"), "{}", next.tag);
    let words = next.text();
    assert!(words.starts_with("continues "), "{words}");
    // A short row: the course, no dates, format, place or application state again.
    assert!(
        !words.contains("September") && !words.contains("Online"),
        "{words}"
    );
    assert!(!next.inner.contains("data-apply"), "{}", next.inner);
}

#[test]
fn a_cancelled_course_is_struck_through_once_with_words_and_no_deadline() {
    let b = built_example();
    for (lang, cancelled) in [("en", "Course cancelled"), ("fr", "Formation annulée")] {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        // Statistics with Stata: cancelled, 13 October to 21 November, deadline 28 September.
        // Listed once, in October: not again as "continues" in November (the course will not
        // run then), and no deadline row (nobody applies to it).
        let rows = rows(&page, "A9713306");
        assert_eq!(rows.len(), 1, "{lang}: October only, no deadline row");
        assert!(rows.iter().all(|r| !has_class(r, "cal-deadline")));
        assert!(rows.iter().all(|r| !has_class(r, "cal-continues")));
        assert!(
            rows[0].inner.contains("datetime=\"2025-10-13\""),
            "{lang}: {}",
            rows[0].inner
        );
        assert!(rows.iter().all(|r| has_class(r, "cal-cancelled")), "{lang}");
        let said: usize = rows
            .iter()
            .map(|r| text(r.inner).matches(cancelled).count())
            .sum();
        assert_eq!(said, 1, "{lang}: the status said once");
    }
}

#[test]
fn a_session_name_in_another_language_says_so() {
    let b = built_example();
    let page = b.page("en/calendar/index.html");
    // The rural decent work course is in Spanish only.
    let row = rows(&page, "A9714521")
        .into_iter()
        .find(|r| r.inner.contains("Semana presencial"))
        .expect("the named session");
    let name = elements(row.inner, "p")
        .into_iter()
        .find(|p| p.text() == "Semana presencial")
        .expect("the name in an element of its own");
    assert_eq!(
        attr(name.tag, "lang").as_deref(),
        Some("es"),
        "{}",
        name.tag
    );
    // Apart from the dates (which are English): no "name: dates" run-in.
    assert!(!row.text().contains("Semana presencial:"), "{}", row.text());
}

#[test]
fn the_dates_come_first_and_subscribing_after_them() {
    // On a laptop (1280x800) the subscribe section and the months filled the first screen, the
    // first date below it. The agenda comes first; subscribing follows it, beside the topics'
    // calendars.
    let b = built_example();
    for lang in ["en", "ar"] {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        let at = |needle: &str| {
            page.find(needle)
                .unwrap_or_else(|| panic!("{lang}: no {needle}"))
        };
        let first_row = at("class=\"cal-entry");
        assert!(
            first_row < at("class=\"block cal-subscribe\""),
            "{lang}: subscribing comes before the first date"
        );
        assert!(at("class=\"block cal-subscribe\"") < at("class=\"block cal-feeds\""));
    }
}
