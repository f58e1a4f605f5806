//! A course that takes no applications (cancelled, postponed or full: SPEC "Now", application
//! `unavailable`) shows no date to apply by: not in its key facts, its card, its apply box (nor
//! the data the state script reads), its "add to calendar" links or the calendar page. Its
//! `.ics` keeps the deadline's event, with the course's status and no reminder, so that
//! subscribers' calendars, which already hold the event, are told.

use super::{apply_box, build_at, card, course, read, site_with};
use crate::support::*;

/// The deadline of the course of these tests, as pages write it.
const DEADLINE: &str = "15 September 2025";

/// A course from 6 October to 14 November 2025 (two months), applications from 1 July to 15
/// September, with `status` (`None`: none stated, scheduled), built as of `NOW` (the site
/// holds the built folder).
fn built(status: Option<&str>) -> (Site, std::path::PathBuf) {
    let mut text = course(
        "T0000004",
        "2025-10-06",
        "2025-11-14",
        Some("url = \"https://apply.example.org/T4\"\nopens = 2025-07-01\ndeadline = 2025-09-15"),
    );
    if let Some(s) = status {
        text = text.replacen("modality", &format!("status = \"{s}\"\nmodality"), 1);
    }
    let s = site_with("stopped", &text);
    let (_, out) = build_at(&s, NOW);
    (s, out)
}

/// The calendar page's rows of the course: (classes, text).
fn calendar_rows(out: &std::path::Path) -> Vec<(String, String)> {
    let page = read(out, "en/calendar/index.html");
    elements(&page, "li")
        .into_iter()
        .filter(|li| li.attr("data-code").as_deref() == Some("T0000004"))
        .map(|li| {
            (
                li.attr("class").unwrap_or_default(),
                plain_spaces(&li.text()),
            )
        })
        .collect()
}

#[test]
fn a_course_taking_no_applications_shows_no_date_to_apply_by() {
    // Scheduled, the deadline is in the key facts, the card, the calendar; the course is
    // listed in October and as continuing in November.
    let (_site, out) = built(None);
    let page = read(&out, "en/courses/stopped/index.html");
    let facts = elements(&page, "dl")
        .into_iter()
        .find(|d| d.attr("class").as_deref() == Some("facts"))
        .expect("key facts")
        .text();
    assert!(facts.contains(DEADLINE), "{facts}");
    assert!(card(&out, "T0000004").contains(DEADLINE));
    let rows = calendar_rows(&out);
    assert_eq!(rows.len(), 3, "October, November, the deadline: {rows:?}");
    assert!(rows.iter().any(|(c, _)| c.contains("cal-deadline")));
    assert!(rows.iter().any(|(c, _)| c.contains("cal-continues")));

    for status in ["cancelled", "postponed", "full"] {
        let (_site, out) = built(Some(status));
        let page = read(&out, "en/courses/stopped/index.html");
        // Nowhere on the page, not even for the state script or in print ("Apply at: …").
        assert!(
            !page.contains(DEADLINE),
            "{status}: the deadline on its page"
        );
        assert!(!page.contains("Application deadline"), "{status}");
        assert!(!page.contains("data-deadline"), "{status}");
        assert!(!page.contains("https://apply.example.org/T4"), "{status}");
        let bx = apply_box(&page).map(|b| plain_spaces(&b.text()));
        assert!(
            bx.as_deref().is_none_or(|b| !b.contains("September")),
            "{status}: {bx:?}"
        );
        let card = card(&out, "T0000004");
        assert!(!card.contains(DEADLINE), "{status}: the card: {card}");
        assert!(!card.contains("data-deadline"), "{status}: {card}");
        let rows = calendar_rows(&out);
        assert!(
            rows.iter().all(|(c, t)| !c.contains("cal-deadline")
                && !t.contains("deadline")
                && !t.contains("September")),
            "{status}: {rows:?}"
        );
        // A full course still takes place on its dates: it continues in November. A cancelled
        // or postponed one is listed once, in October.
        let months = if status == "full" { 2 } else { 1 };
        assert_eq!(rows.len(), months, "{status}: {rows:?}");
        assert_eq!(
            rows.iter()
                .filter(|(c, _)| c.contains("cal-continues"))
                .count(),
            months - 1,
            "{status}: {rows:?}"
        );
    }
}

#[test]
fn subscribers_are_told_of_a_cancelled_course_s_deadline() {
    for (status, ical) in [("cancelled", "CANCELLED"), ("postponed", "TENTATIVE")] {
        let (_site, out) = built(Some(status));
        let ics = read(&out, "en/courses/stopped/T0000004.ics").replace("\r\n ", "");
        let start = ics
            .find("UID:T0000004-deadline-en@")
            .expect("the deadline's event");
        let event = &ics[ics[..start].rfind("BEGIN:VEVENT").expect("begin")..];
        let event = &event[..event.find("END:VEVENT").expect("end")];
        assert!(
            event.contains(&format!("STATUS:{ical}")),
            "{status}: {event}"
        );
        assert!(!event.contains("BEGIN:VALARM"), "{status}: {event}");
        assert!(!event.contains("apply.example.org"), "{status}: {event}");
    }
}

/// An event as [`parsed_events`] reads it: its properties (name, value) and the names of the
/// components inside it.
type ParsedEvent = (Vec<(String, String)>, Vec<String>);

/// The events of `file` (below `out`) as the `icalendar` parser reads them: each VEVENT's
/// properties by name and the names of the components inside it.
fn parsed_events(out: &std::path::Path, file: &str) -> Vec<ParsedEvent> {
    use icalendar::parser::{read_calendar, unfold};
    let text = read(out, file);
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{file}: {e}"));
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let props = c
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect();
            let inner = c.components.iter().map(|x| x.name.to_string()).collect();
            (props, inner)
        })
        .collect()
}

/// The value of property `name` of an event read by [`parsed_events`].
fn prop<'a>(props: &'a [(String, String)], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_full_course_s_deadline_is_called_off_in_calendars() {
    // Scheduled: the deadline's event reminds and links to the form (the check can fail).
    let (_site, out) = built(None);
    let events = parsed_events(&out, "en/courses/stopped/T0000004.ics");
    let (props, inner) = events
        .iter()
        .find(|(p, _)| prop(p, "UID").is_some_and(|u| u.starts_with("T0000004-deadline-en@")))
        .expect("the deadline's event");
    assert_eq!(prop(props, "STATUS"), Some("CONFIRMED"));
    assert!(inner.iter().any(|n| n == "VALARM"), "{inner:?}");
    assert!(prop(props, "DESCRIPTION").is_some_and(|d| d.contains("apply.example.org")));

    let (_site, out) = built(Some("full"));
    for file in [
        "en/courses/stopped/T0000004.ics",
        "en/calendar.ics",
        "fr/calendar.ics",
    ] {
        let events = parsed_events(&out, file);
        let mine: Vec<_> = events
            .iter()
            .filter(|(p, _)| prop(p, "UID").is_some_and(|u| u.starts_with("T0000004-")))
            .collect();
        assert_eq!(mine.len(), 2, "{file}: the session and the deadline");
        for (props, inner) in mine {
            let uid = prop(props, "UID").unwrap_or_default();
            let summary = prop(props, "SUMMARY").unwrap_or_default();
            let description = prop(props, "DESCRIPTION").unwrap_or_default();
            assert!(!description.contains("apply.example.org"), "{file} {uid}");
            assert!(inner.is_empty(), "{file} {uid}: no reminder: {inner:?}");
            if uid.contains("-deadline-") {
                // Called off, and saying why, as a cancelled course's deadline does.
                assert_eq!(prop(props, "STATUS"), Some("CANCELLED"), "{file}");
                assert_eq!(prop(props, "SEQUENCE"), Some("1"), "{file}");
                if file.starts_with("en/") {
                    assert_eq!(
                        summary, "Course full — Application deadline: Course T0000004",
                        "{file}"
                    );
                    assert!(
                        description.contains("Course full: applications are closed"),
                        "{file}: {description}"
                    );
                }
            } else {
                // The course takes place as planned: its session is confirmed, as before.
                assert_eq!(prop(props, "STATUS"), Some("CONFIRMED"), "{file} {uid}");
                assert_eq!(summary, "Course T0000004", "{file}");
            }
        }
    }
}

/// A course from 6 October 2025 with its own refund terms and a contact, with `status`.
fn with_terms(status: Option<&str>) -> String {
    let mut text = course(
        "T0000005",
        "2025-10-06",
        "2025-10-10",
        Some("url = \"https://apply.example.org/T5\"\ndeadline = 2025-09-15"),
    )
    .replacen(
        "+++\nText.",
        "[cancellation]\nnotice = \"Withdrawals must reach us in writing.\"\n\
         tiers = [\n  { min_days = 14, refund_percent = 100 },\n  { min_days = 0, refund_percent = 0 },\n]\n\n\
         [[contacts]]\nname = \"Course Team\"\nemail = \"team@example.org\"\n+++\nText.",
        1,
    );
    if let Some(s) = status {
        text = text.replacen("modality", &format!("status = \"{s}\"\nmodality"), 1);
    }
    text
}

#[test]
fn refund_periods_are_dated_only_for_a_course_that_starts_as_stated() {
    for status in [None, Some("postponed"), Some("full"), Some("cancelled")] {
        let s = site_with("terms", &with_terms(status));
        let (_, out) = build_at(&s, NOW);
        let page = read(&out, "en/courses/terms/index.html");
        let shown = status != Some("cancelled");
        // The withdrawal terms: their section, its heading, its table, its notice, its dates.
        for part in [
            "id=\"cancel-h\"",
            "class=\"refunds\"",
            "Withdrawals must reach us in writing.",
        ] {
            assert_eq!(page.contains(part), shown, "{status:?}: {part}");
        }
        // The periods as dates only where the note's start is the start: a postponed course's
        // periods count from a start it no longer has, so they are said relative to it.
        let dated = shown && status != Some("postponed");
        for part in ["22 September 2025", "23 September 2025", "data-over="] {
            assert_eq!(page.contains(part), dated, "{status:?}: {part}");
        }
        let relative = status == Some("postponed");
        for part in [
            "14 days or more before the start",
            "Less than 14 days before the start",
        ] {
            assert_eq!(page.contains(part), relative, "{status:?}: {part}");
        }
        // Whom to ask stays.
        assert!(page.contains("id=\"contacts-h\""), "{status:?}");
        assert!(page.contains("mailto:team@example.org"), "{status:?}");
        // Neither the card nor the structured data speak of refunds.
        let ld = page_jsonld(&page);
        assert!(
            !ld.is_empty() && !ld.to_lowercase().contains("refund"),
            "{status:?}: {ld}"
        );
        let card = card(&out, "T0000005");
        assert!(
            !card.to_lowercase().contains("refund"),
            "{status:?}: {card}"
        );
    }
}

/// The JSON-LD blocks of a page, as written.
fn page_jsonld(page: &str) -> String {
    page.split("<script type=\"application/ld+json\">")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .collect::<Vec<_>>()
        .join("\n")
}
