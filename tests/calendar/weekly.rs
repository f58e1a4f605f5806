//! A weekly session across the end of summer time: the example's evening course meets on
//! Tuesdays and Thursdays at 18:00 in Rome from 7 October to 11 November 2025 (the clocks go
//! back on 26 October) except on 23 October. Its calendar is read by the `icalendar` crate and
//! its RRULE expanded by the `rrule` crate (neither shares code with the writer): every meeting
//! is at 18:00 Rome time on both sides of the change, the skipped day is not there, and the
//! course page and structured data count the same meetings.

use super::{built_example, ics_files};
use icalendar::parser::{read_calendar, unfold};
use rrule::{RRuleSet, Tz as RTz};

const ICS: &str = "en/courses/social-dialogue-evening-course/A9713510.ics";

/// The meetings of the course's weekly event as (local date-time in Rome, UTC offset).
fn meetings_in_the_calendar() -> Vec<(String, i32)> {
    let b = built_example();
    let files = ics_files(&b);
    let text = String::from_utf8(files[ICS].clone()).unwrap();
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).expect("the calendar parses");
    let ev = cal
        .components
        .iter()
        .find(|c| {
            c.name.as_str() == "VEVENT"
                && c.find_prop("UID")
                    .is_some_and(|u| u.val.as_str().starts_with("A9713510-s1-"))
        })
        .expect("the sessions' event");
    let line = |name: &str| {
        let p = ev.find_prop(name).unwrap_or_else(|| panic!("no {name}"));
        let params: String = p
            .params
            .iter()
            .map(|x| {
                format!(
                    ";{}={}",
                    x.key.as_str(),
                    x.val.as_ref().map_or("", |v| v.as_str())
                )
            })
            .collect();
        format!("{name}{params}:{}", p.val.as_str())
    };
    assert!(
        cal.components.iter().any(|c| c.name.as_str() == "VTIMEZONE"
            && c.find_prop("TZID")
                .is_some_and(|t| t.val.as_str() == "Europe/Rome")),
        "the calendar defines Europe/Rome"
    );
    let rules = format!("{}\n{}\n{}", line("DTSTART"), line("RRULE"), line("EXDATE"));
    let set: RRuleSet = rules.parse().unwrap_or_else(|e| panic!("{rules}: {e}"));
    let all = set.all(100);
    assert!(!all.limited, "a weekly rule with an end");
    let rome: chrono_tz::Tz = "Europe/Rome".parse().unwrap();
    all.dates
        .iter()
        .map(|d| {
            let local = d.with_timezone(&RTz::Tz(rome));
            (
                local.format("%Y-%m-%d %H:%M").to_string(),
                chrono::Offset::fix(local.offset()).local_minus_utc() / 3600,
            )
        })
        .collect()
}

#[test]
fn weekly_meetings_keep_their_hour_across_the_end_of_summer_time() {
    let got = meetings_in_the_calendar();
    let want: Vec<(String, i32)> = [
        ("2025-10-07", 2),
        ("2025-10-09", 2),
        ("2025-10-14", 2),
        ("2025-10-16", 2),
        ("2025-10-21", 2),
        // 23 October is skipped (`except`); the clocks go back on Sunday 26 October.
        ("2025-10-28", 1),
        ("2025-10-30", 1),
        ("2025-11-04", 1),
        ("2025-11-06", 1),
        ("2025-11-11", 1),
    ]
    .iter()
    .map(|(d, o)| (format!("{d} 18:00"), *o))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn the_page_and_structured_data_count_the_same_meetings() {
    let b = built_example();
    let page = b.page("en/courses/social-dialogue-evening-course/index.html");
    assert!(
        page.contains("Every Tuesday and Thursday, 6:00\u{202f}PM–8:00\u{202f}PM (Italy Time)"),
        "the rhythm, hours and zone in words"
    );
    assert!(page.contains("No meeting on 23 October 2025"));
    assert!(page.contains("7 October – 11 November 2025"));
    assert!(
        page.contains(r#""repeatCount":10"#),
        "ten meetings in the Schedule"
    );
    assert!(page.contains(r#""exceptDate":["2025-10-23"]"#));
    assert!(
        page.contains(r#""byDay":["https://schema.org/Tuesday","https://schema.org/Thursday"]"#)
    );
    let fr = b.page("fr/courses/social-dialogue-evening-course/index.html");
    assert!(
        fr.contains("Chaque mardi et jeudi, 18:00–20:00 (heure\u{a0}: Italie)")
            || fr.contains("Chaque mardi et jeudi, 18:00–20:00 (heure : Italie)"),
        "French"
    );
    let ar = b.page("ar/courses/social-dialogue-evening-course/index.html");
    assert!(
        ar.contains("أيام الثلاثاء والخميس"),
        "Arabic weekday names from CLDR"
    );
    assert_eq!(meetings_in_the_calendar().len(), 10);
}
