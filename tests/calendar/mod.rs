//! Calendars of the example site: every `.ics` file read by an independent parser (the
//! `icalendar` crate's, with its strict dates), the raw bytes checked against RFC 5545 §3.1
//! (CRLF, folding at 75 octets without splitting a UTF-8 character), UIDs stable between two
//! builds, and the calendar page and links, with its month grids (weeks starting on the
//! language's first day, marked days linking to the list, plural forms in each language).
//!
//! `.ci/run` reads the same files with two more parsers written elsewhere, Python's
//! `icalendar` and JavaScript's `ical.js` (`.ci/ics-check.py`, `tests/browser/ics.mjs`).

mod agenda;
mod revisions;
mod weekly;

use crate::support::{assert_success, attr, elements, text, Built, Element, Site};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use icalendar::{CalendarDateTime, DatePerhapsTime};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Properties whose value is a DATE or a DATE-TIME (RFC 5545 §3.8.2, §3.8.7.2).
const DATES: [&str; 3] = ["DTSTART", "DTEND", "DTSTAMP"];

/// A property's value as the parser read it: dates as `{type, iso}` (ISO 8601, with the offset
/// of a UTC time), other values as text (TEXT unescaped); `Err` for a date it cannot read.
fn show(p: &Property<'_>) -> Result<Value, String> {
    let name = p.name.as_str();
    if DATES.contains(&name) {
        let owned = icalendar::Property::from(p.clone());
        return match DatePerhapsTime::from_property(&owned) {
            Some(DatePerhapsTime::Date(d)) => Ok(json!({"type": "date", "iso": d.to_string()})),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => {
                Ok(json!({"type": "datetime", "iso": t.to_rfc3339()}))
            }
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
                Ok(
                    json!({"type": "zoned", "tzid": tzid, "local": date_time.format("%Y%m%dT%H%M%S").to_string()}),
                )
            }
            Some(DatePerhapsTime::DateTime(other)) => Ok(json!({"type": format!("{other:?}")})),
            None => Err(format!("{name}: `{}` is not a date", p.val.as_str())),
        };
    }
    Ok(json!(p.val.as_str()))
}

fn properties(c: &[Property<'_>], errors: &mut Vec<String>) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    for p in c {
        match show(p) {
            Ok(v) => {
                out.insert(p.name.as_str().to_string(), v);
            }
            Err(e) => errors.push(e),
        }
    }
    out
}

/// Reads one calendar: `{errors, calendar, events}`, where `calendar` holds the calendar's
/// own properties and `events` each VEVENT's, by name.
fn parse_calendar(text: &str) -> Value {
    let unfolded = unfold(text);
    let cal = match read_calendar(&unfolded) {
        Ok(c) => c,
        Err(e) => return json!({"errors": [e], "calendar": {}, "events": []}),
    };
    let mut errors = Vec::new();
    if cal.properties.is_empty() {
        errors.push("the file is not one VCALENDAR".to_string());
    }
    let calendar = properties(&cal.properties, &mut errors);
    let events: Vec<Value> = cal
        .components
        .iter()
        .filter(|c: &&Component<'_>| c.name.as_str() == "VEVENT")
        .map(|c| Value::Object(properties(&c.properties, &mut errors)))
        .collect();
    let zones: Vec<Value> = cal
        .components
        .iter()
        .filter(|c: &&Component<'_>| c.name.as_str() == "VTIMEZONE")
        .filter_map(|c| c.find_prop("TZID").map(|p| json!(p.val.as_str())))
        .collect();
    json!({"errors": errors, "calendar": calendar, "events": events, "zones": zones})
}

/// Parses `files` (their bytes by path below the output folder): `{"files": {path: …}}`.
fn parse_all(files: &BTreeMap<String, Vec<u8>>) -> Value {
    let parsed: serde_json::Map<String, Value> = files
        .iter()
        .map(|(name, bytes)| {
            let text = std::str::from_utf8(bytes).expect("UTF-8");
            (name.clone(), parse_calendar(text))
        })
        .collect();
    json!({ "files": parsed })
}

#[test]
fn the_parser_refuses_what_is_not_icalendar() {
    let good = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nX-WR-CALNAME:A\\, B\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20250820T100000Z\r\nDTSTART;VALUE=DATE:20250908\r\nSUMMARY:one\r\n  two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let v = parse_calendar(good);
    assert_eq!(v["errors"], json!([]), "{v}");
    assert_eq!(v["calendar"]["X-WR-CALNAME"], "A, B", "TEXT is unescaped");
    let ev = &v["events"][0];
    assert_eq!(ev["DTSTART"], json!({"type": "date", "iso": "2025-09-08"}));
    assert_eq!(
        ev["DTSTAMP"],
        json!({"type": "datetime", "iso": "2025-08-20T10:00:00+00:00"})
    );
    assert_eq!(ev["SUMMARY"], "one two", "unfolded");
    for bad in [
        good.replace("END:VEVENT", "END:VTODO"),
        good.replace("END:VCALENDAR\r\n", ""),
        good.replace("VALUE=DATE:20250908", "VALUE=DATE:2025-09-08"),
        good.replace("DTSTART;VALUE=DATE:", "DTSTART:"),
        good.replace("UID:a@x", "UID a@x"),
    ] {
        let v = parse_calendar(&bad);
        assert_ne!(v["errors"], json!([]), "accepted:\n{bad}\n{v}");
    }
}

pub(crate) fn ics_files(b: &Built) -> BTreeMap<String, Vec<u8>> {
    b.files()
        .into_iter()
        .filter(|(k, _)| k.ends_with(".ics"))
        .collect()
}

pub(crate) fn built_example() -> Built {
    let b = Site::example().built();
    assert_success(&b.report);
    b
}

/// RFC 5545 §3.1 on the raw bytes: CRLF only, physical lines of at most 75 octets, folds that
/// do not split a UTF-8 character (each physical line is valid UTF-8), no empty line.
fn check_bytes(name: &str, bytes: &[u8]) {
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM");
    assert!(bytes.ends_with(b"\r\n"), "{name}: no final CRLF");
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "{name}: bare LF at {i}");
        }
        if b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "{name}: bare CR at {i}");
        }
    }
    let body = &bytes[..bytes.len() - 2];
    let mut n = 0;
    for line in body.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        n += 1;
        assert!(!line.is_empty(), "{name}: empty line {n}");
        assert!(
            line.len() <= 75,
            "{name}: line {n} is {} octets",
            line.len()
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "{name}: line {n} splits a UTF-8 character"
        );
        assert!(
            !line.iter().any(|&b| b < 0x20 && b != b'\t'),
            "{name}: control character on line {n}"
        );
    }
}

/// Unfolded content lines.
fn unfolded(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn uids(bytes: &[u8]) -> Vec<String> {
    unfolded(bytes)
        .into_iter()
        .filter_map(|l| l.strip_prefix("UID:").map(str::to_string))
        .collect()
}

#[test]
fn every_calendar_parses_with_an_independent_parser() {
    let b = built_example();
    let files = ics_files(&b);
    let names: Vec<String> = files.keys().cloned().collect();
    for lang in ["en", "fr", "es", "ar"] {
        assert!(
            names.contains(&format!("{lang}/calendar.ics")),
            "no {lang}/calendar.ics"
        );
    }
    assert!(names.contains(&"en/courses/gender-audit-certification/A9718007.ics".into()));
    assert!(names.contains(&"en/topics/gender-equality/calendar.ics".into()));
    let parsed = parse_all(&files);
    for name in &names {
        let f = &parsed["files"][name];
        assert_eq!(
            f["errors"],
            serde_json::json!([]),
            "{name}: the parser reports errors"
        );
        let events = f["events"].as_array().expect("events");
        assert!(!events.is_empty(), "{name}: no VEVENT");
        assert_eq!(f["calendar"]["VERSION"], "2.0", "{name}");
        assert!(f["calendar"]["PRODID"].is_string(), "{name}");
        assert!(f["calendar"]["X-WR-CALNAME"].is_string(), "{name}");
        assert!(f["calendar"]["NAME"].is_string(), "{name}");
        for ev in events {
            for prop in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS"] {
                assert!(!ev[prop].is_null(), "{name}: an event without {prop}: {ev}");
            }
            assert_eq!(ev["DTSTAMP"]["iso"], "2025-08-20T10:00:00+00:00", "{name}");
            let start = &ev["DTSTART"];
            match start["type"].as_str() {
                Some("date") => {
                    let end = &ev["DTEND"];
                    assert_eq!(end["type"], "date", "{name}: {ev}");
                    assert!(
                        end["iso"].as_str() > start["iso"].as_str(),
                        "{name}: DTEND not after DTSTART: {ev}"
                    );
                }
                Some("datetime") => {
                    assert!(
                        start["iso"].as_str().unwrap().ends_with("+00:00"),
                        "{name}: a timed value not in UTC: {ev}"
                    );
                }
                // Only a weekly event has local times, in a zone the calendar defines.
                Some("zoned") => {
                    assert!(
                        ev["RRULE"].is_string(),
                        "{name}: local times without RRULE: {ev}"
                    );
                    assert_eq!(ev["DTEND"]["tzid"], start["tzid"], "{name}: {ev}");
                    let zones = f["zones"].as_array().unwrap();
                    assert!(
                        zones.contains(&start["tzid"]),
                        "{name}: no VTIMEZONE for {ev}"
                    );
                }
                other => panic!("{name}: DTSTART of type {other:?}"),
            }
            let url = ev["URL"].as_str().unwrap();
            assert!(url.starts_with("https://training.example.org/"), "{url}");
            let description = ev["DESCRIPTION"].as_str().expect("a description");
            assert!(
                description.ends_with(url),
                "{name}: DESCRIPTION ends with the course URL"
            );
        }
    }
    // Facts of the example, as the independent parser read them.
    let gender = &parsed["files"]["en/courses/gender-audit-certification/A9718007.ics"];
    let by_uid = |f: &serde_json::Value, uid: &str| -> serde_json::Value {
        f["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["UID"] == uid)
            .unwrap_or_else(|| panic!("no event {uid}"))
            .clone()
    };
    let s1 = by_uid(gender, "A9718007-s1-en@training.example.org");
    assert_eq!(s1["DTSTART"]["iso"], "2025-09-08");
    assert_eq!(s1["DTEND"]["iso"], "2025-11-01", "exclusive end");
    assert_eq!(s1["LOCATION"], "eCampus");
    assert_eq!(s1["STATUS"], "CONFIRMED");
    let dl = by_uid(gender, "A9718007-deadline-en@training.example.org");
    assert_eq!(dl["DTSTART"]["iso"], "2025-08-25T21:59:59+00:00");
    assert_eq!(
        dl["SUMMARY"],
        "Application deadline: ILO participatory gender audits: certification programme 2025"
    );
    // A deadline with a time and an offset (Lima, -05:00), in the Spanish feed.
    let es = &parsed["files"]["es/calendar.ics"];
    let lima = by_uid(es, "A9714521-deadline-es@training.example.org");
    assert_eq!(lima["DTSTART"]["iso"], "2025-08-15T23:00:00+00:00");
    // The cancelled course stays, marked, in every language's feed.
    for lang in ["en", "fr", "es", "ar"] {
        let f = &parsed["files"][format!("{lang}/calendar.ics").as_str()];
        let ev = by_uid(f, &format!("A9713306-s1-{lang}@training.example.org"));
        assert_eq!(ev["STATUS"], "CANCELLED", "{lang}");
        assert_eq!(ev["SEQUENCE"], "1", "{lang}");
    }
    // Names in the page's language.
    assert_eq!(
        parsed["files"]["fr/calendar.ics"]["calendar"]["X-WR-CALNAME"],
        "Centre international de formation\u{a0}: calendrier des formations"
    );
    assert_eq!(
        parsed["files"]["ar/calendar.ics"]["calendar"]["X-WR-CALNAME"],
        "مركز التدريب الدولي: تقويم الدورات"
    );
}

#[test]
fn calendar_bytes_are_crlf_and_folded() {
    let b = built_example();
    let files = ics_files(&b);
    assert!(files.len() > 10, "only {} .ics files", files.len());
    for (name, bytes) in &files {
        check_bytes(name, bytes);
        let lines = unfolded(bytes);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert!(lines.contains(&"VERSION:2.0".to_string()), "{name}");
        assert!(lines.contains(&"CALSCALE:GREGORIAN".to_string()), "{name}");
    }
    // The Arabic feed folds long Arabic text: some of its lines are folded, and those lines
    // hold 2-octet characters right at the fold.
    let ar = &files["ar/calendar.ics"];
    assert!(ar.windows(3).any(|w| w == b"\r\n "), "nothing folded");
}

#[test]
fn uids_are_stable_between_builds_and_distinct_across_languages() {
    let first = built_example();
    let second = built_example();
    let (a, b) = (ics_files(&first), ics_files(&second));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (name, bytes) in &a {
        assert_eq!(uids(bytes), uids(&b[name]), "{name}: UIDs changed");
        assert_eq!(bytes, &b[name], "{name}: same input and now, same bytes");
        let mut u = uids(bytes);
        let n = u.len();
        u.sort();
        u.dedup();
        assert_eq!(u.len(), n, "{name}: duplicate UID");
    }
    let per_lang: Vec<BTreeSet<String>> = ["en", "fr", "es", "ar"]
        .iter()
        .map(|l| uids(&a[&format!("{l}/calendar.ics")]).into_iter().collect())
        .collect();
    for i in 0..per_lang.len() {
        for j in i + 1..per_lang.len() {
            assert!(
                per_lang[i].is_disjoint(&per_lang[j]),
                "UIDs shared across languages"
            );
        }
        assert_eq!(
            per_lang[i].len(),
            per_lang[0].len(),
            "every course everywhere"
        );
    }
}

#[test]
fn calendar_page_and_links() {
    let b = built_example();
    for lang in ["en", "fr", "es", "ar"] {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        assert!(page.contains(&format!(
            "href=\"webcal://training.example.org/{lang}/calendar.ics\""
        )));
        assert!(page.contains(&format!(
            "href=\"https://training.example.org/{lang}/calendar.ics\""
        )));
        assert!(page.contains(&format!("/{lang}/topics/gender-equality/calendar.ics")));
        assert!(page.contains("<h2 id=\"upcoming-h\""));
        assert!(page.contains("<ol class=\"cal-list\">"));
        // Every linked .ics exists.
        for part in page.split("href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap()];
            if href.ends_with(".ics") && !href.starts_with("webcal:") {
                assert!(b.file_for_url(href).is_some(), "{lang}: {href} not written");
            }
        }
        let home = b.page(&format!("{lang}/index.html"));
        assert!(
            home.contains(&format!("href=\"/{lang}/calendar/\"")),
            "{lang}: no nav link"
        );
    }
    assert!(b
        .page("ar/calendar/index.html")
        .contains("<html lang=\"ar\" dir=\"rtl\""));
    let sitemap = b.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://training.example.org/fr/calendar/</loc>"));
    // The course page: the .ics download and a Google Calendar link for the first session.
    let course = b.page("en/courses/gender-audit-certification/index.html");
    assert!(course.contains("href=\"/en/courses/gender-audit-certification/A9718007.ics\""));
    assert!(course.contains(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=ILO%20participatory%20gender%20audits:%20certification%20programme%202025"
    ));
    assert!(course.contains("&amp;dates=20250908/20251101&amp;"));
    // …and to subscribe to it, so that a change reaches the visitor.
    assert!(course.contains(
        "href=\"webcal://training.example.org/en/courses/gender-audit-certification/A9718007.ics\""
    ));
    // A self-paced course without deadline has no calendar file and no link to one.
    let self_paced = b.page("en/courses/introduction-labour-standards/index.html");
    assert!(!self_paced.contains(".ics\""));
    assert!(!b.exists("en/courses/introduction-labour-standards/S9701011.ics"));
}

// ---- the month grids of the calendar page ---------------------------------------------------

/// The month `m-YYYY-MM` of a calendar page: its `<section>`.
fn month<'a>(page: &'a str, id: &str) -> Element<'a> {
    elements(page, "section")
        .into_iter()
        .find(|s| attr(s.tag, "aria-labelledby").as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no month section {id}"))
}

/// The month's grid (its only table).
fn grid<'a>(month: &Element<'a>) -> Element<'a> {
    let tables = elements(month.inner, "table");
    assert_eq!(tables.len(), 1, "one grid per month");
    tables[0].clone()
}

/// The grid's body rows, each as its `<td>` cells.
fn rows<'a>(grid: &Element<'a>) -> Vec<Vec<Element<'a>>> {
    let body = elements(grid.inner, "tbody");
    elements(body[0].inner, "tr")
        .into_iter()
        .map(|tr| elements(tr.inner, "td"))
        .collect()
}

/// HTML with the visually hidden spans (what only screen readers get) removed.
fn without_hidden(html: &str) -> String {
    let mut out = html.to_string();
    while let Some(i) = out.find("<span class=\"visually-hidden\">") {
        let end = out[i..].find("</span>").expect("closed") + i + "</span>".len();
        out.replace_range(i..end, "");
    }
    out
}

/// The text screen readers get in addition: the visually hidden spans' text.
fn hidden(html: &str) -> String {
    elements(html, "span")
        .into_iter()
        .filter(|s| attr(s.tag, "class").as_deref() == Some("visually-hidden"))
        .map(|s| s.text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cell of day `day` (as written on the page), in a month's grid.
fn day<'a>(month: &Element<'a>, day: &str) -> Element<'a> {
    rows(&grid(month))
        .into_iter()
        .flatten()
        .find(|td| text(&without_hidden(td.inner)).split(' ').next() == Some(day))
        .unwrap_or_else(|| panic!("no day {day} in {}", month.tag))
}

/// The ids of every element of a page, in order.
fn ids(page: &str) -> Vec<String> {
    page.split(" id=\"")
        .skip(1)
        .map(|p| p[..p.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn calendar_grid_weeks_start_on_the_languages_first_day() {
    let b = built_example();
    // (language, headers as seen, first full name, September 2025's caption, empty cells before
    // Monday 1 September 2025)
    let cases = [
        (
            "en",
            ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "Sunday",
            "September 2025",
            1,
        ),
        (
            "fr",
            ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            "lundi",
            "septembre 2025",
            0,
        ),
        (
            "es",
            ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
            "lunes",
            "septiembre de 2025",
            0,
        ),
        (
            "ar",
            [
                "السبت",
                "الأحد",
                "الاثنين",
                "الثلاثاء",
                "الأربعاء",
                "الخميس",
                "الجمعة",
            ],
            "السبت",
            "سبتمبر 2025",
            2,
        ),
    ];
    for (lang, headers, first_long, caption, lead) in cases {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        let sept = month(&page, "m-2025-09");
        let g = grid(&sept);
        // The table follows the page's direction: nothing forces it left to right.
        assert!(attr(g.tag, "dir").is_none(), "{lang}: {}", g.tag);
        assert_eq!(
            text(elements(g.inner, "caption")[0].inner),
            caption,
            "{lang}"
        );
        let ths = elements(g.inner, "th");
        let seen: Vec<String> = ths
            .iter()
            .map(|th| text(&without_hidden(th.inner)))
            .collect();
        assert_eq!(seen, headers, "{lang}: column headers as seen");
        for th in &ths {
            assert_eq!(attr(th.tag, "scope").as_deref(), Some("col"), "{lang}");
        }
        // The full name is there for screen readers (and as the abbreviation's title).
        if lang == "ar" {
            assert_eq!(
                ths[0].text(),
                first_long,
                "CLDR's Arabic abbreviations are full names"
            );
        } else {
            assert_eq!(hidden(ths[0].inner), first_long, "{lang}");
            let abbr = elements(ths[0].inner, "abbr");
            assert_eq!(attr(abbr[0].tag, "title").as_deref(), Some(first_long));
        }
        // Weeks: rows of seven, September 1 after `lead` empty cells, every day once, in order.
        let rows = rows(&g);
        assert_eq!(rows.len(), 5, "{lang}: September 2025 spans five weeks");
        for r in &rows {
            assert_eq!(r.len(), 7, "{lang}: seven days a week");
        }
        let first: Vec<String> = rows[0].iter().map(|td| td.text()).collect();
        assert!(
            first[..lead].iter().all(String::is_empty),
            "{lang}: {first:?}"
        );
        assert_eq!(first[lead], "1", "{lang}: {first:?}");
        let days: Vec<String> = rows
            .iter()
            .flatten()
            .map(|td| text(&without_hidden(td.inner)))
            .filter(|t| !t.is_empty())
            .map(|t| t.split(' ').next().unwrap().to_string())
            .collect();
        let expected: Vec<String> = (1..=30).map(|d| d.to_string()).collect();
        assert_eq!(
            days, expected,
            "{lang}: Arabic pages use Latin digits, as CLDR's ar does"
        );
        let last = rows.last().unwrap();
        assert_eq!(
            last.iter().filter(|td| td.inner.is_empty()).count(),
            (7 - (lead + 30) % 7) % 7,
            "{lang}: empty cells after the 30th"
        );
    }
}

#[test]
fn calendar_grid_marks_starts_and_deadlines_and_links_to_the_list() {
    let b = built_example();
    let page = b.page("en/calendar/index.html");
    // A legend explains the shapes.
    assert!(
        text(&page).contains("● A session starts ◆ Application deadline"),
        "no legend"
    );
    let sept = month(&page, "m-2025-09");
    // Monday 8 September: the gender audit programme starts.
    let d8 = day(&sept, "8");
    let class = attr(d8.tag, "class").unwrap_or_default();
    assert!(class.split(' ').any(|c| c == "cal-s"), "{}", d8.tag);
    assert_eq!(
        text(&without_hidden(d8.inner)),
        "8 ●",
        "a shape, not colour alone"
    );
    assert_eq!(hidden(d8.inner), "8 September 2025: 1 session starts");
    let links = elements(d8.inner, "a");
    assert_eq!(links.len(), 1);
    assert_eq!(attr(links[0].tag, "href").as_deref(), Some("#d-2025-09-08"));
    // The target is the day's entry, in the same month's list.
    let target: Vec<Element> = elements(sept.inner, "li")
        .into_iter()
        .filter(|li| attr(li.tag, "id").as_deref() == Some("d-2025-09-08"))
        .collect();
    assert_eq!(target.len(), 1, "the link's target is in September's list");
    assert!(target[0]
        .text()
        .contains("ILO participatory gender audits: certification programme 2025"));
    assert!(target[0].inner.contains("<time datetime=\"2025-09-08\">"));
    // Sunday 14 September: an application deadline.
    let d14 = day(&sept, "14");
    assert!(attr(d14.tag, "class").unwrap().contains("cal-d"));
    assert_eq!(text(&without_hidden(d14.inner)), "14 ◆");
    assert_eq!(
        hidden(d14.inner),
        "14 September 2025: 1 application deadline"
    );
    let dl = elements(sept.inner, "li")
        .into_iter()
        .find(|li| attr(li.tag, "id").as_deref() == Some("d-2025-09-14"))
        .expect("the deadline's entry");
    assert!(attr(dl.tag, "class").unwrap().contains("cal-deadline"));
    // A day on which a course only runs is shaded, not linked.
    let d9 = day(&sept, "9");
    assert_eq!(attr(d9.tag, "class").as_deref(), Some("cal-r"));
    assert!(elements(d9.inner, "a").is_empty());
    assert_eq!(d9.inner, "9");
    // The cancelled Stata course (13 October) stays in the list but marks no day.
    let oct = month(&page, "m-2025-10");
    assert!(oct.text().contains("Stata for labour market analysis"));
    let d13 = day(&oct, "13");
    assert!(elements(d13.inner, "a").is_empty(), "{}", d13.inner);
    // In every language: each grid link leads to an id of the page, and ids are unique.
    for lang in ["en", "fr", "es", "ar"] {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        let all = ids(&page);
        let unique: BTreeSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{lang}: duplicate ids");
        let mut n = 0;
        for table in elements(&page, "table") {
            for href in crate::support::links(table.inner) {
                let id = href.strip_prefix('#').expect("in-page link");
                assert!(all.iter().any(|i| i == id), "{lang}: {href} leads nowhere");
                n += 1;
            }
        }
        // 15 and 25 Aug; 8, 14, 22, 30 Sep; 6, 7, 20 Oct; 24 Nov; 14 Dec; 19 Jan; 29 Mar;
        // 5 and 13 Apr; 11 May (the Arab States course's second run: its deadline and start).
        assert_eq!(n, 16, "{lang}: marked days");
    }
    let ar = b.page("ar/calendar/index.html");
    let d8 = day(&month(&ar, "m-2025-09"), "8");
    assert_eq!(hidden(d8.inner), "8 سبتمبر 2025: تبدأ مرحلة واحدة");
}

/// A small site of our own: two sessions and a deadline on 6 October, one session on
/// 20 October, two deadlines on 15 September, a cancelled course on 13 October and a past
/// course (June 2025) for the other section.
fn plural_site() -> Built {
    let s = Site::fixture("base");
    let config = s.read("site.toml").replace(
        "languages = [\"en\", \"fr\"]",
        "languages = [\"en\", \"fr\", \"ar\"]",
    );
    s.write("site.toml", config);
    let course = |code: &str, extra: &str, sessions: &[(&str, &str)], deadline: &str| {
        let mut t = format!(
            "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nsummary = \"A course.\"\n\
             topics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n{extra}\
             cancellation = \"regular-courses\"\ncontacts = [\"ilsgen\"]\n"
        );
        for (a, z) in sessions {
            t += &format!("\n[[sessions]]\nstart = {a}\nend = {z}\nlocation = \"eCampus\"\n");
        }
        t += &format!(
            "\n[application]\nurl = \"https://apply.example.org/{code}\"\ndeadline = {deadline}\n+++\nText.\n"
        );
        t
    };
    // The base course: 6–31 October, deadline 15 September.
    s.write(
        "content/courses/g1.md",
        course(
            "G0000001",
            "",
            &[("2025-10-06", "2025-10-10")],
            "2025-09-15",
        ),
    );
    s.write(
        "content/courses/g2.md",
        course(
            "G0000002",
            "",
            &[("2025-10-20", "2025-10-24")],
            "2025-10-06",
        ),
    );
    s.write(
        "content/courses/g3.md",
        course(
            "G0000003",
            "status = \"cancelled\"\n",
            &[("2025-10-13", "2025-10-17")],
            "2025-09-30",
        ),
    );
    s.write(
        "content/courses/g4.md",
        course(
            "G0000004",
            "",
            &[("2025-06-02", "2025-06-06")],
            "2025-05-15",
        ),
    );
    let b = s.built();
    assert_success(&b.report);
    b
}

#[test]
fn calendar_grid_says_how_many_in_the_languages_plural_forms() {
    let b = plural_site();
    let said = |lang: &str, m: &str, d: &str| {
        let page = b.page(&format!("{lang}/calendar/index.html"));
        hidden(day(&month(&page, m), d).inner)
    };
    // One and two, in English and French; a start and a deadline on one day, joined.
    assert_eq!(
        said("en", "m-2025-10", "20"),
        "20 October 2025: 1 session starts"
    );
    assert_eq!(
        said("en", "m-2025-10", "6"),
        "6 October 2025: 2 sessions start, 1 application deadline"
    );
    assert_eq!(
        said("en", "m-2025-09", "15"),
        "15 September 2025: 2 application deadlines"
    );
    assert_eq!(
        said("fr", "m-2025-10", "20"),
        "20 octobre 2025\u{a0}: 1 session commence"
    );
    assert_eq!(
        said("fr", "m-2025-10", "6"),
        "6 octobre 2025\u{a0}: 2 sessions commencent, 1 date limite de candidature"
    );
    assert_eq!(
        said("fr", "m-2025-09", "15"),
        "15 septembre 2025\u{a0}: 2 dates limites de candidature"
    );
    // Arabic: the dual, and the Arabic comma between the two parts.
    assert_eq!(
        said("ar", "m-2025-10", "6"),
        "6 أكتوبر 2025: تبدأ مرحلتان، موعد نهائي واحد للتقديم"
    );
    assert_eq!(
        said("ar", "m-2025-09", "15"),
        "15 سبتمبر 2025: موعدان نهائيان للتقديم"
    );
    // Both marks on 6 October; the link goes to the day's first entry, a session.
    let en = b.page("en/calendar/index.html");
    let oct = month(&en, "m-2025-10");
    let d6 = day(&oct, "6");
    assert_eq!(text(&without_hidden(d6.inner)), "6 ● ◆");
    let first = elements(oct.inner, "li")
        .into_iter()
        .find(|li| attr(li.tag, "id").as_deref() == Some("d-2025-10-06"))
        .expect("6 October's first entry");
    assert!(!attr(first.tag, "class").unwrap().contains("cal-deadline"));
    // The cancelled course marks nothing.
    assert!(elements(day(&oct, "13").inner, "a").is_empty());
    // A past month has its grid and links too, and ids stay unique across the two sections.
    let june = month(&en, "m-2025-06");
    assert!(
        en.find("id=\"past-h\"").unwrap() < en.find("id=\"m-2025-06\"").unwrap(),
        "June 2025 is a past month"
    );
    let d2 = day(&june, "2");
    assert_eq!(hidden(d2.inner), "2 June 2025: 1 session starts");
    let all = ids(&en);
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>().len(),
        all.len(),
        "duplicate ids"
    );
    for href in crate::support::links(
        &elements(&en, "table")
            .iter()
            .map(|t| t.inner)
            .collect::<String>(),
    ) {
        assert!(all.contains(&href[1..].to_string()), "{href} leads nowhere");
    }
}

// ---- a large calendar, split into a page per month --------------------------------------------

/// A site of our own whose calendar has 17 entries (sessions and deadlines) in seven months:
/// May and June 2025 are past (NOW is 20 August 2025), July has nothing, August 2025 (the
/// current month) has one deadline, course G0000002 runs from September into October. With
/// `page_size` (at least 10) below 17 the calendar is split; without it (100), it is not.
fn month_site(page_size: Option<usize>) -> Built {
    let s = Site::fixture("base");
    let mut config = s.read("site.toml").replace(
        "languages = [\"en\", \"fr\"]",
        "languages = [\"en\", \"fr\", \"ar\"]",
    );
    if let Some(n) = page_size {
        config += &format!("\n[catalogue]\npage_size = {n}\n");
    }
    s.write("site.toml", config);
    let course = |code: &str, (a, z): (&str, &str), deadline: &str| {
        format!(
            "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nsummary = \"A course.\"\n\
             topics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n\
             cancellation = \"regular-courses\"\ncontacts = [\"ilsgen\"]\n\n\
             [[sessions]]\nstart = {a}\nend = {z}\nlocation = \"eCampus\"\n\n\
             [application]\nurl = \"https://apply.example.org/{code}\"\ndeadline = {deadline}\n\
             +++\nText.\n"
        )
    };
    // The base course adds a session in October and a deadline on 15 September.
    let courses = [
        ("G0000001", ("2025-09-08", "2025-09-12"), "2025-08-25"),
        ("G0000002", ("2025-09-22", "2025-10-03"), "2025-09-01"),
        ("G0000003", ("2025-10-13", "2025-10-17"), "2025-09-15"),
        ("G0000004", ("2025-11-03", "2025-11-07"), "2025-10-06"),
        ("G0000005", ("2025-11-17", "2025-11-21"), "2025-10-20"),
        ("G0000006", ("2025-12-01", "2025-12-05"), "2025-11-03"),
        ("G0000007", ("2025-06-02", "2025-06-06"), "2025-05-15"),
    ];
    for (code, session, deadline) in courses {
        s.write(
            &format!("content/courses/{}.md", code.to_lowercase()),
            course(code, session, deadline),
        );
    }
    let b = s.built();
    assert_success(&b.report);
    b
}

/// The months of [`month_site`] with their number of entries, in order.
const MONTHS: [(&str, usize); 7] = [
    ("2025-05", 1),
    ("2025-06", 1),
    ("2025-08", 1),
    ("2025-09", 5),
    ("2025-10", 5),
    ("2025-11", 3),
    ("2025-12", 1),
];

/// Written month pages (`en/calendar/2025-09/index.html`…) of a build.
fn month_pages(b: &Built) -> Vec<String> {
    b.html_files()
        .into_iter()
        .filter(|f| {
            let parts: Vec<&str> = f.split('/').collect();
            parts.len() == 4
                && parts[1] == "calendar"
                && parts[2].len() == 7
                && parts[2].as_bytes()[4] == b'-'
        })
        .collect()
}

/// `href` of the page's `<a rel="…">` link.
fn rel_link(page: &str, rel: &str) -> Option<String> {
    crate::support::tags(page, "a")
        .into_iter()
        .find(|t| attr(t, "rel").as_deref() == Some(rel))
        .and_then(|t| attr(t, "href"))
}

#[test]
fn a_large_calendar_gets_a_page_per_month_linked_from_the_calendar() {
    let b = month_site(Some(10));
    let langs = ["en", "fr", "ar"];
    let expected: Vec<String> = langs
        .iter()
        .flat_map(|l| {
            MONTHS
                .iter()
                .map(move |(m, _)| format!("{l}/calendar/{m}/index.html"))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(month_pages(&b), expected, "one page per month with entries");

    let index = b.page("en/calendar/index.html");
    // The calendar keeps its subscribe links and topic feeds, but no month's list.
    assert!(index.contains("href=\"webcal://training.example.org/en/calendar.ics\""));
    assert!(index.contains("/en/topics/gender-equality/calendar.ics"));
    assert!(
        elements(&index, "li")
            .iter()
            .all(|li| !attr(li.tag, "class")
                .unwrap_or_default()
                .contains("cal-entry")),
        "no entries on the split calendar"
    );
    // The months as links with their number of entries: coming months in order, then past
    // months, the most recent first.
    let section = |id: &str| {
        elements(&index, "section")
            .into_iter()
            .find(|s| attr(s.tag, "aria-labelledby").as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no section {id}"))
    };
    let items = |id: &str| -> Vec<(String, String)> {
        elements(section(id).inner, "li")
            .into_iter()
            .map(|li| (crate::support::links(li.inner)[0].clone(), li.text()))
            .collect()
    };
    let upcoming = items("upcoming-h");
    assert_eq!(
        upcoming,
        vec![
            (
                "/en/calendar/2025-08/".to_string(),
                "August 2025 (this month) — 1 session or deadline".to_string()
            ),
            (
                "/en/calendar/2025-09/".to_string(),
                "September 2025 — 5 sessions and deadlines".to_string()
            ),
            (
                "/en/calendar/2025-10/".to_string(),
                "October 2025 — 5 sessions and deadlines".to_string()
            ),
            (
                "/en/calendar/2025-11/".to_string(),
                "November 2025 — 3 sessions and deadlines".to_string()
            ),
            (
                "/en/calendar/2025-12/".to_string(),
                "December 2025 — 1 session or deadline".to_string()
            ),
        ]
    );
    let past: Vec<String> = items("past-h").into_iter().map(|(h, _)| h).collect();
    assert_eq!(past, ["/en/calendar/2025-06/", "/en/calendar/2025-05/"]);
    // The current month's grid, its marked days leading to the entries on the month's page.
    let preview = section("m-2025-08");
    assert!(preview.text().starts_with("August 2025 (this month)"));
    let day_links = crate::support::links(grid(&preview).inner);
    assert_eq!(day_links, ["/en/calendar/2025-08/#d-2025-08-25"]);
    let august = b.page("en/calendar/2025-08/index.html");
    assert!(ids(&august).contains(&"d-2025-08-25".to_string()));
    assert!(preview.inner.contains("href=\"/en/calendar/2025-08/\""));

    // Each month page: heading, breadcrumbs back to the calendar, its grid and its entries.
    for (m, n) in MONTHS {
        let page = b.page(&format!("en/calendar/{m}/index.html"));
        let h1 = elements(&page, "h1");
        let (y, mo) = m.split_once('-').unwrap();
        let label = format!(
            "{} {y}",
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December"
            ][mo.parse::<usize>().unwrap() - 1]
        );
        assert!(
            h1[0]
                .text()
                .starts_with(&format!("Course calendar: {label}")),
            "{m}: {}",
            h1[0].text()
        );
        let crumbs = elements(&page, "nav")
            .into_iter()
            .find(|n| attr(n.tag, "class").as_deref() == Some("breadcrumbs wrap"))
            .expect("breadcrumbs");
        assert_eq!(
            crate::support::links(crumbs.inner),
            ["/en/", "/en/calendar/"]
        );
        let tables = elements(&page, "table");
        assert_eq!(tables.len(), 1, "{m}: one grid");
        assert_eq!(text(elements(tables[0].inner, "caption")[0].inner), label);
        let entries: Vec<Element> = elements(&page, "li")
            .into_iter()
            .filter(|li| {
                attr(li.tag, "class")
                    .unwrap_or_default()
                    .contains("cal-entry")
            })
            .collect();
        assert_eq!(entries.len(), n, "{m}: entries");
        // Every marked day leads to an entry of the page.
        let all = ids(&page);
        for href in crate::support::links(tables[0].inner) {
            assert!(all.contains(&href[1..].to_string()), "{m}: {href}");
        }
    }
    // A course running from September into October is listed in both months.
    for m in ["2025-09", "2025-10"] {
        assert!(b
            .page(&format!("en/calendar/{m}/index.html"))
            .contains("Course G0000002"));
    }
    let sept = b.page("en/calendar/2025-09/index.html");
    let d8 = day(
        &Element {
            tag: "<section>",
            inner: &sept,
        },
        "8",
    );
    assert_eq!(hidden(d8.inner), "8 September 2025: 1 session starts");
}

#[test]
fn month_pages_link_to_the_months_next_to_them_and_to_their_translations() {
    let b = month_site(Some(10));
    for lang in ["en", "fr", "ar"] {
        let url = |m: &str| format!("/{lang}/calendar/{m}/");
        for (i, (m, _)) in MONTHS.iter().enumerate() {
            let page = b.page(&format!("{lang}/calendar/{m}/index.html"));
            // Previous and next months with entries (July 2025 has none), none at the ends.
            let prev = rel_link(&page, "prev");
            let next = rel_link(&page, "next");
            assert_eq!(
                prev,
                i.checked_sub(1).map(|j| url(MONTHS[j].0)),
                "{lang} {m}"
            );
            assert_eq!(next, MONTHS.get(i + 1).map(|n| url(n.0)), "{lang} {m}");
            for link in prev.iter().chain(&next) {
                assert!(b.file_for_url(link).is_some(), "{lang} {m}: {link}");
            }
            // The same month in every language, each listing this page back.
            let alts = crate::support::alternates(&page);
            let own = format!("https://training.example.org{}", url(m));
            for other in ["en", "fr", "ar"] {
                let href = format!("https://training.example.org/{other}/calendar/{m}/");
                assert!(
                    alts.contains(&(other.to_string(), href.clone())),
                    "{lang} {m}: no alternate {other}"
                );
                let back = b.page(&format!("{other}/calendar/{m}/index.html"));
                assert!(
                    crate::support::alternates(&back).contains(&(lang.to_string(), own.clone())),
                    "{other} {m} does not point back to {lang}"
                );
            }
        }
    }
    // The Arabic pages are right to left, and name the month in Arabic.
    let ar = b.page("ar/calendar/2025-09/index.html");
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(text(elements(&ar, "h1")[0].inner).contains("سبتمبر 2025"));
    // The sitemap lists every month page with its translations.
    let sitemap = b.page("sitemap.xml");
    for lang in ["en", "fr", "ar"] {
        for (m, _) in MONTHS {
            let loc = format!("https://training.example.org/{lang}/calendar/{m}/");
            assert!(
                sitemap.contains(&format!("<loc>{loc}</loc>")),
                "sitemap: {loc}"
            );
            assert!(sitemap.contains(&format!("hreflang=\"{lang}\" href=\"{loc}\"")));
        }
    }
    // `check` finds no broken link or anchor among them.
    crate::support::assert_links_hold(&b.site);
}

#[test]
fn a_small_calendar_stays_on_one_page() {
    // The same site with the default page size (100): one page with every entry.
    let b = month_site(None);
    assert_eq!(month_pages(&b), Vec::<String>::new());
    let page = b.page("en/calendar/index.html");
    let entries = elements(&page, "li")
        .into_iter()
        .filter(|li| {
            attr(li.tag, "class")
                .unwrap_or_default()
                .contains("cal-entry")
        })
        .count();
    assert_eq!(entries, MONTHS.iter().map(|(_, n)| n).sum::<usize>());
    assert!(!b.page("sitemap.xml").contains("/calendar/2025-"));
    // And the example site keeps its single calendar page.
    let ex = built_example();
    assert_eq!(month_pages(&ex), Vec::<String>::new());
    assert!(ex
        .page("en/calendar/index.html")
        .contains("<ol class=\"cal-list\">"));
}

/// [`month_site`] with page size 10 and 14 more courses starting in September 2025 (their
/// deadlines in August): September then has 19 entries, more than a page.
fn crowded_month_site() -> Built {
    let s = Site::fixture("base");
    let config = s.read("site.toml").replace(
        "languages = [\"en\", \"fr\"]",
        "languages = [\"en\", \"fr\", \"ar\"]",
    ) + "\n[catalogue]\npage_size = 10\n";
    s.write("site.toml", config);
    for i in 0..14 {
        let code = format!("H00000{i:02}");
        // Two courses start on each of seven days: 1, 3, 5, … 13 September.
        let day = 1 + 2 * (i / 2);
        s.write(
            &format!("content/courses/{}.md", code.to_lowercase()),
            format!(
                "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nsummary = \"A course.\"\n\
                 topics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n\
                 cancellation = \"regular-courses\"\ncontacts = [\"ilsgen\"]\n\n\
                 [[sessions]]\nstart = 2025-09-{day:02}\nend = 2025-09-{:02}\nlocation = \"eCampus\"\n\n\
                 [application]\nurl = \"https://apply.example.org/{code}\"\ndeadline = 2025-08-{:02}\n\
                 +++\nText.\n",
                day + 4,
                10 + i
            ),
        );
    }
    let b = s.built();
    assert_success(&b.report);
    b
}

/// The `cal-entry` items of a page, as text.
fn entry_texts(page: &str) -> Vec<String> {
    elements(page, "li")
        .into_iter()
        .filter(|li| {
            attr(li.tag, "class")
                .unwrap_or_default()
                .contains("cal-entry")
        })
        .map(|li| li.text())
        .collect()
}

#[test]
fn a_month_with_more_entries_than_a_page_is_split_into_pages() {
    let b = crowded_month_site();
    // How many entries September has: its count on the calendar's index.
    let index = b.page("en/calendar/index.html");
    let sept_link = elements(&index, "li")
        .into_iter()
        .find(|li| crate::support::links(li.inner) == ["/en/calendar/2025-09/"])
        .expect("September is listed")
        .text();
    let total: usize = sept_link
        .rsplit("— ")
        .next()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {sept_link:?}"));
    assert!(total > 10 && total <= 30, "{sept_link}");
    let pages = total.div_ceil(10);
    let url = |lang: &str, p: usize| {
        if p == 1 {
            format!("/{lang}/calendar/2025-09/")
        } else {
            format!("/{lang}/calendar/2025-09/page/{p}/")
        }
    };
    assert!(
        b.file_for_url(&url("en", pages + 1)).is_none(),
        "no page beyond the last"
    );
    let mut seen = Vec::new();
    for p in 1..=pages {
        let file = b.file_for_url(&url("en", p)).expect("the page exists");
        let page = b.page(&file);
        // Heading with the page number; at most a page of entries.
        let h1 = text(elements(&page, "h1")[0].inner);
        assert_eq!(
            h1,
            format!("Course calendar: September 2025, page {p} of {pages}")
        );
        let entries = entry_texts(&page);
        assert_eq!(
            entries.len(),
            if p < pages {
                10
            } else {
                total - 10 * (pages - 1)
            },
            "page {p}"
        );
        seen.extend(entries);
        // The whole month's grid, each marked day leading to its first entry, on whichever
        // page that is.
        let tables = elements(&page, "table");
        assert_eq!(tables.len(), 1);
        let day_links = crate::support::links(tables[0].inner);
        assert!(day_links.len() >= 8, "page {p}: {day_links:?}");
        for href in day_links {
            let (target, anchor) = href.split_once('#').unwrap();
            let target_page = if target.is_empty() {
                page.clone()
            } else {
                b.page(&b.file_for_url(target).expect("the day's page exists"))
            };
            assert!(
                ids(&target_page).contains(&anchor.to_string()),
                "page {p}: {href}"
            );
        }
        // A pager with every page of the month, this one marked current.
        let pager = elements(&page, "nav")
            .into_iter()
            .find(|n| attr(n.tag, "aria-label").as_deref() == Some("Pages"))
            .expect("a pager");
        let links = crate::support::links(pager.inner);
        for q in 1..=pages {
            assert_eq!(
                links.contains(&url("en", q)),
                q != p,
                "page {p}: link to page {q}: {links:?}"
            );
        }
        assert!(pager.inner.contains("aria-current=\"page\""));
        // Its translations, reciprocal.
        for other in ["fr", "ar"] {
            let abs = format!("https://training.example.org{}", url(other, p));
            assert!(crate::support::alternates(&page).contains(&(other.to_string(), abs)));
        }
        // Months next to it: their first page.
        assert_eq!(
            rel_link(&page, "next"),
            Some("/en/calendar/2025-10/".to_string())
        );
    }
    // Every entry of the month once, in the order of the days.
    assert_eq!(seen.len(), total);
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), total, "an entry shown twice: {seen:#?}");
    // The sitemap lists every page; `check` finds no broken link or anchor.
    let sitemap = b.page("sitemap.xml");
    for p in 1..=pages {
        for lang in ["en", "fr", "ar"] {
            let loc = format!("https://training.example.org{}", url(lang, p));
            assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
        }
    }
    crate::support::assert_links_hold(&b.site);
}

/// The "add to" links of a course page, by service: (label before them, URL) in page order.
fn add_links_of(page: &str) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for a in elements(page, "a") {
        let Some(href) = attr(a.tag, "href") else {
            continue;
        };
        for (service, prefix) in [
            ("google", "https://calendar.google.com/calendar/render?"),
            (
                "outlook.com",
                "https://outlook.live.com/calendar/0/deeplink/compose?",
            ),
            (
                "microsoft 365",
                "https://outlook.office.com/calendar/0/deeplink/compose?",
            ),
        ] {
            if href.starts_with(prefix) {
                out.entry(service).or_default().push(href.clone());
            }
        }
    }
    out
}

#[test]
fn a_three_session_course_has_three_google_and_three_outlook_links_and_one_for_the_deadline() {
    let s = Site::fixture("base");
    let rel = "content/courses/base-course.md";
    let text = s.read(rel).replace(
        "[[sessions]]\nstart = 2025-10-06\nend = 2025-10-31\nlocation = \"eCampus\"\n",
        "[[sessions]]\nstart = 2025-10-06\nend = 2025-10-10\nlocation = \"eCampus\"\n\n\
         [[sessions]]\nstart = 2025-11-03T09:00:00\nend = 2025-11-07T17:00:00\nlocation = \"Abidjan\"\nmodality = \"face-to-face\"\n\n\
         [[sessions]]\nstart = 2025-12-01\nend = 2025-12-12\nlocation = \"eCampus\"\n",
    );
    assert!(text.contains("Abidjan"), "the fixture changed: {text}");
    s.write(rel, text);
    assert_success(&s.build());
    let course_page =
        || std::fs::read_to_string(s.out().join("en/courses/base-course/index.html")).unwrap();
    let page = course_page();
    let links = add_links_of(&page);
    for service in ["google", "outlook.com", "microsoft 365"] {
        assert_eq!(
            links[service].len(),
            4,
            "{service}: three sessions and the deadline"
        );
    }
    let g = &links["google"];
    assert!(g[0].contains("&dates=20251006/20251011&"), "{}", g[0]);
    // 09:00 and 17:00 in Rome (winter time) are 08:00 and 16:00 UTC.
    assert!(
        g[1].contains("&dates=20251103T080000Z/20251107T160000Z&"),
        "{}",
        g[1]
    );
    assert!(g[1].ends_with("&location=Abidjan"), "{}", g[1]);
    assert!(g[2].contains("&dates=20251201/20251213&"), "{}", g[2]);
    assert!(
        g[3].contains("&dates=20250915T215959Z/20250915T215959Z&"),
        "{}",
        g[3]
    );
    let o = &links["outlook.com"];
    assert!(
        o[1].contains("&startdt=2025-11-03T08:00:00Z&enddt=2025-11-07T16:00:00Z&allday=false&"),
        "{}",
        o[1]
    );
    assert!(
        o[2].contains("&startdt=2025-12-01&enddt=2025-12-13&allday=true&"),
        "{}",
        o[2]
    );
    // Each set is labelled with what it adds.
    let text = crate::support::text(&page);
    assert!(text.contains("Application deadline: "), "{text}");
    // Cancelled: the course invites nobody, so no link adds anything; the calendar remains.
    let cancelled = s.read(rel).replace(
        "modality = \"online\"",
        "modality = \"online\"\nstatus = \"cancelled\"",
    );
    s.write(rel, cancelled);
    assert_success(&s.build());
    let page = course_page();
    assert!(add_links_of(&page).is_empty());
    assert!(
        page.contains("href=\"webcal://training.example.org/en/courses/base-course/B0000001.ics\"")
    );
}
