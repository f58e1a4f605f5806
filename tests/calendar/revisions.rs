//! What reaches people who imported a calendar or follow a feed, from one build to the next:
//! the state a build leaves in its output (`.prospectus/state.json`) and reads back, so that a
//! changed event raises `SEQUENCE` and `LAST-MODIFIED` under the same UID, an unchanged
//! rebuild keeps them, a corrected notice keeps its Atom id and shows as updated, and the
//! sitemap says when each page last changed.

use crate::support::{assert_success, now, Site};
use chrono::{DateTime, Duration, Utc};
use icalendar::parser::unfold;
use std::path::Path;

const COURSE_ICS: &str = "en/courses/base-course/B0000001.ics";
const SESSION: &str = "B0000001-s1-en@training.example.org";
const DEADLINE: &str = "B0000001-deadline-en@training.example.org";
const COURSE: &str = "content/courses/base-course.md";

fn build_at(s: &Site, out: &Path, at: DateTime<Utc>) {
    let mut o = s.options(out);
    o.now = at;
    assert_success(&prospectus::build(&o));
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The unfolded lines of the VEVENT with this UID (its VALARM included).
fn event(ics: &str, uid: &str) -> Vec<String> {
    let text = unfold(ics);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == format!("UID:{uid}"))
        .unwrap_or_else(|| panic!("no event {uid} in\n{ics}"));
    let begin = lines[..start]
        .iter()
        .rposition(|l| *l == "BEGIN:VEVENT")
        .unwrap();
    let end = start
        + lines[start..]
            .iter()
            .position(|l| *l == "END:VEVENT")
            .unwrap();
    lines[begin..=end].iter().map(|l| l.to_string()).collect()
}

fn value(ev: &[String], name: &str) -> Option<String> {
    ev.iter().find_map(|l| {
        let (head, v) = l.split_once(':')?;
        (head == name || head.starts_with(&format!("{name};"))).then(|| v.to_string())
    })
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

#[test]
fn a_changed_session_raises_sequence_and_last_modified_and_keeps_the_uid() {
    let s = Site::fixture("base");
    let out = s.out();
    let (t1, t2) = (now(), now() + Duration::days(1));
    build_at(&s, &out, t1);
    let before = read(&out, COURSE_ICS);
    let ev = event(&before, SESSION);
    assert_eq!(value(&ev, "SEQUENCE").as_deref(), Some("0"));
    assert_eq!(value(&ev, "LAST-MODIFIED"), Some(stamp(t1)));
    // The session moves by a week.
    let text = s
        .read(COURSE)
        .replace("end = 2025-10-31", "end = 2025-11-07");
    s.write(COURSE, text);
    build_at(&s, &out, t2);
    let after = read(&out, COURSE_ICS);
    let ev = event(&after, SESSION);
    assert_eq!(value(&ev, "DTEND").as_deref(), Some("20251108"));
    assert_eq!(value(&ev, "SEQUENCE").as_deref(), Some("1"));
    assert_eq!(value(&ev, "LAST-MODIFIED"), Some(stamp(t2)));
    // The deadline did not change: its revision stays.
    let dl = event(&after, DEADLINE);
    assert_eq!(value(&dl, "SEQUENCE").as_deref(), Some("0"));
    assert_eq!(value(&dl, "LAST-MODIFIED"), Some(stamp(t1)));
    // The same in the site's calendar, whose event is the same (same UID).
    let site_cal = read(&out, "en/calendar.ics");
    assert_eq!(
        value(&event(&site_cal, SESSION), "SEQUENCE").as_deref(),
        Some("1")
    );
    // A later build with nothing changed keeps the raised revision.
    build_at(&s, &out, t2 + Duration::days(3));
    let ev = event(&read(&out, COURSE_ICS), SESSION);
    assert_eq!(value(&ev, "SEQUENCE").as_deref(), Some("1"));
    assert_eq!(value(&ev, "LAST-MODIFIED"), Some(stamp(t2)));
}

#[test]
fn an_unchanged_rebuild_keeps_them_and_the_same_state_gives_the_same_bytes() {
    let s = Site::fixture("base");
    let out = s.out();
    build_at(&s, &out, now());
    let first = crate::support::tree(&out);
    build_at(&s, &out, now());
    assert_eq!(
        crate::support::tree(&out),
        first,
        "same input, state and --now"
    );
    build_at(&s, &out, now() + Duration::days(30));
    let ev = event(&read(&out, COURSE_ICS), SESSION);
    assert_eq!(value(&ev, "SEQUENCE").as_deref(), Some("0"));
    assert_eq!(value(&ev, "LAST-MODIFIED"), Some(stamp(now())));
    assert_eq!(
        value(&ev, "DTSTAMP"),
        Some(stamp(now() + Duration::days(30)))
    );
}

#[test]
fn a_cancellation_reaches_subscribers_and_invites_nobody() {
    let s = Site::fixture("base");
    let out = s.out();
    build_at(&s, &out, now());
    let dl = event(&read(&out, COURSE_ICS), DEADLINE);
    assert!(value(&dl, "DESCRIPTION")
        .unwrap()
        .contains("https://apply.example.org/B0000001/en"));
    assert!(dl.contains(&"BEGIN:VALARM".to_string()), "{dl:?}");
    let text = s.read(COURSE).replace(
        "modality = \"online\"",
        "modality = \"online\"\nstatus = \"cancelled\"",
    );
    s.write(COURSE, text);
    let later = now() + Duration::hours(5);
    build_at(&s, &out, later);
    let ics = read(&out, COURSE_ICS);
    for uid in [SESSION, DEADLINE] {
        let ev = event(&ics, uid);
        assert_eq!(value(&ev, "STATUS").as_deref(), Some("CANCELLED"));
        assert_eq!(value(&ev, "SEQUENCE").as_deref(), Some("1"));
        assert_eq!(value(&ev, "LAST-MODIFIED"), Some(stamp(later)));
    }
    let dl = event(&ics, DEADLINE);
    assert!(
        !value(&dl, "DESCRIPTION")
            .unwrap()
            .contains("apply.example.org"),
        "{dl:?}"
    );
    assert!(!dl.contains(&"BEGIN:VALARM".to_string()), "{dl:?}");
}

/// The `<entry>` of the notice in a feed, and a tag's text in it.
fn entry(feed: &str) -> &str {
    let a = feed.find("<entry>").expect("an entry");
    let b = feed[a..].find("</entry>").unwrap();
    &feed[a..a + b]
}

fn tag<'a>(xml: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    let a = xml
        .find(&open)
        .unwrap_or_else(|| panic!("no <{name}> in {xml}"))
        + open.len();
    let b = xml[a..].find('<').unwrap();
    &xml[a..a + b]
}

#[test]
fn a_date_correction_keeps_a_notices_atom_id_and_an_edit_shows_as_updated() {
    let s = Site::fixture("base");
    let out = s.out();
    build_at(&s, &out, now());
    let feed = read(&out, "en/notices/atom.xml");
    let (id, published) = (
        tag(entry(&feed), "id").to_string(),
        tag(entry(&feed), "published").to_string(),
    );
    assert_eq!(id, "tag:training.example.org,2025:notice/base-notice/en");
    assert_eq!(
        tag(entry(&feed), "updated"),
        published,
        "not edited since it was published"
    );
    let notice = "content/notices/base-notice.md";
    let text = s
        .read(notice)
        .replace("date = 2025-08-01", "date = 2025-08-02")
        .replace("Apply now.", "Apply now: places are limited.");
    s.write(notice, text);
    let later = now() + Duration::days(2);
    build_at(&s, &out, later);
    let feed = read(&out, "en/notices/atom.xml");
    let e = entry(&feed);
    assert_eq!(tag(e, "id"), id);
    assert_ne!(tag(e, "published"), published);
    assert_eq!(tag(e, "updated"), "2025-08-22T10:00:00Z");
    assert_eq!(
        tag(&feed, "updated"),
        "2025-08-22T10:00:00Z",
        "the feed's own"
    );
}

#[test]
fn the_sitemap_says_when_a_page_last_changed() {
    let s = Site::fixture("base");
    let out = s.out();
    build_at(&s, &out, now());
    let later = now() + Duration::days(1);
    let text = s
        .read(COURSE)
        .replace("A valid course.", "A valid course, edited.");
    s.write(COURSE, text);
    build_at(&s, &out, later);
    let map = read(&out, "sitemap.xml");
    let lastmod = |loc: &str| {
        let at = map
            .find(&format!("<loc>{loc}</loc>"))
            .unwrap_or_else(|| panic!("{loc}"));
        tag(&map[at..], "lastmod").to_string()
    };
    assert_eq!(
        lastmod("https://training.example.org/en/courses/base-course/"),
        "2025-08-21T10:00:00Z"
    );
    assert_eq!(
        lastmod("https://training.example.org/en/notices/base-notice/"),
        "2025-07-31T22:00:00Z",
        "midnight in Rome: its publication"
    );
    assert_eq!(
        lastmod("https://training.example.org/en/courses/"),
        "2025-08-21T10:00:00Z"
    );
}

#[test]
fn an_unreadable_state_is_a_warning_and_the_build_starts_again() {
    let s = Site::fixture("base");
    let out = s.out();
    build_at(&s, &out, now());
    std::fs::write(out.join(".prospectus/state.json"), "{ not json").unwrap();
    let mut o = s.options(&out);
    o.now = now() + Duration::days(1);
    let r = prospectus::build(&o);
    assert_success(&r);
    let w = r
        .diagnostics
        .iter()
        .find(|d| d.code == "previous-state")
        .expect("a warning");
    assert!(w.message.contains("state.json"), "{}", w.message);
    let ev = event(&read(&out, COURSE_ICS), SESSION);
    assert_eq!(
        value(&ev, "LAST-MODIFIED"),
        Some(stamp(now() + Duration::days(1)))
    );
    assert!(read(&out, ".prospectus/state.json").contains("\"version\": 1"));
}
