//! Unit tests of the calendars: a tiny site is written to a temporary folder, loaded and
//! assembled as a build would, then the events, files and page are checked.

use super::events::{google_date, query_escape};
use super::*;
use crate::diag::Diagnostics;
use crate::model::{Course, SessionFacts, When};
use crate::render::ics::{self, EventStatus};
use crate::render::{Content, Ctx, Output};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// The job of a language's calendar page (not one of its months).
fn index_job(lang: &str) -> PageJob {
    PageJob {
        lang: lang.to_string(),
        month: None,
        page: 1,
    }
}

const SITE_TOML: &str = r#"
title = { en = "Test Centre", fr = "Centre de test" }
base_url = "https://Cal.Example.net/sub"
default_language = "en"
languages = ["en", "fr"]
timezone = "Europe/Rome"
theme = "default"

[organisation]
name = "Test Centre"
url = "https://cal.example.net"
"#;

const TOPICS: &str = r#"
[t1]
en = "Topic one"
fr = "Thème un"

[empty]
en = "Nothing here"
fr = "Rien ici"
"#;

/// English only; deadline on the day Rome moves to summer time.
const A_EN: &str = r#"+++
code = "A1"
title = "All-day course"
summary = "Dates only; semicolons; commas, and a backslash \\ too."
topics = ["t1"]
modality = "online"

[[sessions]]
start = 2026-04-01
end = 2026-04-30

[application]
url = "https://apply.example.org/A1"
deadline = 2026-03-29
+++
Body.
"#;

/// Cancelled, with local times, in two languages.
const B_EN: &str = r#"+++
code = "B2"
title = "Timed course"
topics = ["t1"]
modality = "face-to-face"
status = "cancelled"

[[sessions]]
name = "Week in Turin"
start = 2026-05-04T09:00:00
end = 2026-05-08T17:00:00
location = "Turin, Italy"
+++
"#;

const B_FR: &str = r#"+++
code = "B2"
title = "Cours avec horaires"
+++
"#;

/// Postponed.
const C_EN: &str = r#"+++
code = "C3"
title = "Postponed course"
modality = "online"
status = "postponed"

[[sessions]]
start = 2026-06-01
end = 2026-06-05
+++
"#;

/// Self-paced: no session, no deadline, no calendar.
const D_EN: &str = r#"+++
code = "D4"
title = "Self-paced course"
modality = "self-paced"
+++
"#;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 8, 20, 10, 0, 0).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Writes the tiny site, loads and assembles it, and runs `f` on the render context.
fn with_site<R>(now: DateTime<Utc>, f: impl FnOnce(&Ctx<'_>) -> R) -> R {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        ("site.toml", SITE_TOML),
        ("data/topics.toml", TOPICS),
        ("content/courses/a.md", A_EN),
        ("content/courses/b.md", B_EN),
        ("content/courses/b.fr.md", B_FR),
        ("content/courses/c.md", C_EN),
        ("content/courses/d.md", D_EN),
    ];
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let mut d = Diagnostics::new();
    let input = crate::load::load(dir.path(), None, &mut d);
    let site = input
        .map(|i| crate::assemble::assemble(i, crate::assemble::Options { drafts: false }, &mut d));
    let errors: Vec<String> = d
        .into_sorted()
        .into_iter()
        .filter(|x| x.severity == crate::diag::Severity::Error)
        .map(|x| format!("{x:?}"))
        .collect();
    assert!(errors.is_empty(), "the test site has errors: {errors:#?}");
    let (site, sources) = site.expect("site");
    let mut d = Diagnostics::new();
    let opts = crate::Options::new(dir.path(), now);
    let ctx = crate::pipeline::prepare_from(&site, &sources, &opts, None, &mut d).expect("prepare");
    f(&ctx)
}

fn course<'a>(ctx: &'a Ctx<'_>, code: &str) -> &'a Course {
    ctx.site.course(code).expect("course")
}

fn text_of(outputs: Vec<Output>) -> Option<(String, String)> {
    let o = outputs.into_iter().next()?;
    match o.content {
        Content::Bytes(b) => Some((o.path, String::from_utf8(b).expect("UTF-8"))),
        Content::Copy(_) => panic!("an .ics is never copied"),
    }
}

/// Unfolded content lines of a written calendar.
fn lines(ics_text: &str) -> Vec<String> {
    ics_text
        .replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn uids_are_stable_across_builds_and_distinct_across_languages() {
    let collect = |now| {
        with_site(now, |ctx| {
            let mut all = Vec::new();
            for lang in ["en", "fr"] {
                let uids: Vec<String> = site_calendar(ctx, lang)
                    .events
                    .into_iter()
                    .map(|e| e.uid)
                    .collect();
                all.push(uids);
            }
            all
        })
    };
    let first = collect(now());
    let second = collect(now());
    let later = collect(now() + chrono::TimeDelta::days(40));
    assert_eq!(first, second, "same input, same UIDs");
    assert_eq!(first, later, "UIDs do not depend on now");
    let (en, fr) = (&first[0], &first[1]);
    assert_eq!(
        en,
        &[
            "A1-s1-en@cal.example.net",
            "A1-deadline-en@cal.example.net",
            "B2-s1-en@cal.example.net",
            "C3-s1-en@cal.example.net",
        ]
    );
    for uid in en {
        assert!(!fr.contains(uid), "{uid} is in both languages");
    }
    assert_eq!(fr.len(), en.len());
    let mut unique = fr.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fr.len(), "UIDs unique within a calendar");
    assert_eq!(session_uid("X", 2, "ar", "h.org"), "X-s2-ar@h.org");
    assert_eq!(deadline_uid("X", "ar", "h.org"), "X-deadline-ar@h.org");
}

#[test]
fn the_same_event_has_the_same_uid_in_the_course_file_and_the_feeds() {
    with_site(now(), |ctx| {
        let a = course(ctx, "A1");
        let own: Vec<String> = course_calendar(ctx, a, "en")
            .events
            .into_iter()
            .map(|e| e.uid)
            .collect();
        let topic: Vec<String> = topic_calendar(ctx, "en", "t1")
            .events
            .into_iter()
            .map(|e| e.uid)
            .collect();
        assert!(own.iter().all(|u| topic.contains(u)));
    });
}

#[test]
fn uid_host_is_the_base_url_host() {
    assert_eq!(
        uid_host("https://training.example.org"),
        "training.example.org"
    );
    assert_eq!(uid_host("https://Ex.ORG:8443/sub/dir"), "ex.org");
    assert_eq!(uid_host("http://user@127.0.0.1:1111"), "127.0.0.1");
    assert_eq!(uid_host("http://[::1]:8080/"), "[::1]");
    assert_eq!(uid_host(""), "prospectus.invalid");
}

#[test]
fn dtstamp_is_the_builds_now() {
    let t = utc(2025, 8, 20, 10, 0, 0);
    with_site(t, |ctx| {
        let cal = site_calendar(ctx, "en");
        assert!(cal.events.iter().all(|e| e.dtstamp == t));
        let text = ics::write_calendar(&cal).unwrap();
        assert!(lines(&text).contains(&"DTSTAMP:20250820T100000Z".to_string()));
    });
}

#[test]
fn cancelled_and_postponed_courses_keep_their_events_with_a_status() {
    with_site(now(), |ctx| {
        let b = course_events(ctx, course(ctx, "B2"), "en");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].status, EventStatus::Cancelled);
        assert_eq!(b[0].sequence, 1);
        assert!(
            b[0].summary.starts_with("Course cancelled"),
            "{}",
            b[0].summary
        );
        let c = course_events(ctx, course(ctx, "C3"), "en");
        assert_eq!(c[0].status, EventStatus::Tentative);
        assert_eq!(c[0].sequence, 1);
        let a = course_events(ctx, course(ctx, "A1"), "en");
        assert!(a
            .iter()
            .all(|e| e.status == EventStatus::Confirmed && e.sequence == 0));
        let text = ics::write_calendar(&site_calendar(ctx, "en")).unwrap();
        let l = lines(&text);
        assert!(l.contains(&"STATUS:CANCELLED".to_string()));
        assert!(l.contains(&"STATUS:TENTATIVE".to_string()));
        assert!(l.contains(&"STATUS:CONFIRMED".to_string()));
    });
}

#[test]
fn deadline_on_the_dst_change_day_in_rome_lands_at_21_59_59z() {
    with_site(now(), |ctx| {
        let a = course(ctx, "A1");
        assert_eq!(
            a.deadline().map(|d| d.at),
            Some(utc(2026, 3, 29, 21, 59, 59))
        );
        let ev = course_events(ctx, a, "en")
            .into_iter()
            .find(|e| e.uid.starts_with("A1-deadline-"))
            .expect("deadline event");
        assert_eq!(ev.start, ics::When::Utc(utc(2026, 3, 29, 21, 59, 59)));
        assert_eq!(ev.summary, "Application deadline: All-day course");
        assert!(ev.transp_transparent);
        let (path, text) = text_of(render_ics(
            ctx,
            &IcsJob::Course("en".into(), ctx.site.by_code["A1"]),
        ))
        .expect("written");
        assert_eq!(path, "en/courses/a/A1.ics");
        let l = lines(&text);
        let at = l
            .iter()
            .position(|x| x == "UID:A1-deadline-en@cal.example.net")
            .unwrap();
        assert_eq!(l[at + 3], "DTSTART:20260329T215959Z");
        assert_eq!(
            l[at + 4],
            "DURATION:PT0S",
            "an instant, on its day in khal too"
        );
        // The page shows the same instant to the state script.
        let l = ctx.lctx("en");
        let card = crate::render::cards::course_card(a, &l, ctx);
        assert_eq!(
            card.application.deadline_iso.as_deref(),
            Some("2026-03-29T21:59:59Z")
        );
    });
}

#[test]
fn all_day_sessions_have_an_exclusive_dtend() {
    with_site(now(), |ctx| {
        let a = course(ctx, "A1");
        let ev = &course_events(ctx, a, "en")[0];
        assert_eq!(ev.start, ics::When::Date(day(2026, 4, 1)));
        assert_eq!(ev.end, ics::When::Date(day(2026, 5, 1)), "last day + 1");
        let text = ics::write_calendar(&course_calendar(ctx, a, "en")).unwrap();
        let l = lines(&text);
        assert!(l.contains(&"DTSTART;VALUE=DATE:20260401".to_string()));
        assert!(l.contains(&"DTEND;VALUE=DATE:20260501".to_string()));
        // An online session without a location is "Online".
        assert!(l.contains(&"LOCATION;LANGUAGE=en:Online".to_string()));
    });
}

#[test]
fn timed_sessions_are_in_utc() {
    with_site(now(), |ctx| {
        let ev = &course_events(ctx, course(ctx, "B2"), "fr")[0];
        // 09:00 and 17:00 in Rome in May (CEST, +02:00).
        assert_eq!(ev.start, ics::When::Utc(utc(2026, 5, 4, 7, 0, 0)));
        assert_eq!(ev.end, ics::When::Utc(utc(2026, 5, 8, 15, 0, 0)));
        assert_eq!(ev.location.as_deref(), Some("Turin, Italy"));
        assert!(!ev.transp_transparent, "face-to-face blocks time");
        // The French text, the French page.
        assert!(ev.summary.contains("Cours avec horaires"), "{}", ev.summary);
        assert_eq!(
            ev.url.as_deref(),
            Some("https://Cal.Example.net/sub/fr/courses/b/")
        );
        assert_eq!(ev.lang, None);
    });
}

#[test]
fn texts_follow_the_calendar_language_or_an_available_one() {
    with_site(now(), |ctx| {
        let a = course(ctx, "A1");
        let fr = course_events(ctx, a, "fr");
        // A1 has no French page: English text, marked as such, linking to the English page.
        assert_eq!(fr[0].lang.as_deref(), Some("en"));
        assert_eq!(fr[0].summary, "All-day course");
        assert_eq!(
            fr[1].summary,
            "Date limite de candidature\u{a0}: All-day course"
        );
        assert!(fr[0]
            .description
            .ends_with("https://Cal.Example.net/sub/en/courses/a/"));
        assert!(fr[0].description.starts_with("Dates only; semicolons"));
        assert_eq!(fr[0].location.as_deref(), Some("En ligne"));
        assert_eq!(fr[0].categories, vec!["Thème un".to_string()]);
        // The French calendars list it; the course file exists only where the page does.
        let jobs = ics_jobs(ctx);
        let course_files: Vec<String> = jobs
            .iter()
            .filter_map(|j| match j {
                IcsJob::Course(l, i) => Some(format!("{l}:{}", ctx.site.courses[*i].code)),
                _ => None,
            })
            .collect();
        assert!(course_files.contains(&"en:A1".to_string()));
        assert!(!course_files.contains(&"fr:A1".to_string()));
        assert!(course_files.contains(&"fr:B2".to_string()));
        assert!(
            !course_files.iter().any(|x| x.ends_with("D4")),
            "no events, no file"
        );
        let cal = site_calendar(ctx, "fr");
        assert_eq!(cal.name, "Centre de test\u{a0}: calendrier des formations");
        assert_eq!(cal.lang, "fr");
        let text = ics::write_calendar(&cal).unwrap();
        assert!(lines(&text).contains(
            &"X-WR-CALNAME;VALUE=TEXT:Centre de test\u{a0}: calendrier des formations".into()
        ));
        assert!(lines(&text).contains(&"SUMMARY;LANGUAGE=en:All-day course".into()));
    });
}

#[test]
fn an_empty_topic_calendar_is_neither_written_nor_linked() {
    with_site(now(), |ctx| {
        assert_eq!(topics_with_events(ctx), vec!["t1".to_string()]);
        let out = render_ics(ctx, &IcsJob::Topic("en".into(), "empty".into()));
        assert!(out.is_empty(), "an empty calendar is not written");
        assert!(!ics_jobs(ctx)
            .iter()
            .any(|j| matches!(j, IcsJob::Topic(_, t) if t == "empty")));
        let (_, page) = text_of(page(ctx, &index_job("en")).unwrap()).unwrap();
        assert!(!page.contains("/topics/empty/"), "not linked");
        assert!(page.contains("/sub/en/topics/t1/calendar.ics"));
        // A course without events has no file and no link.
        let d = course(ctx, "D4");
        assert!(!has_events(d));
        let view = crate::render::pages::course_view(d, &ctx.lctx("en"), ctx);
        assert!(view.ics.is_empty());
        assert!(view.ics_webcal.is_empty());
        assert!(view.add_events.is_empty());
    });
}

#[test]
fn calendar_files_are_crlf_and_folded() {
    with_site(now(), |ctx| {
        for job in ics_jobs(ctx) {
            let (path, text) = text_of(render_ics(ctx, &job)).expect("written");
            let bytes = text.as_bytes();
            assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{path}");
            assert!(text.ends_with("END:VCALENDAR\r\n"), "{path}");
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' {
                    assert_eq!(bytes[i - 1], b'\r', "{path}: bare LF at {i}");
                }
            }
            for line in text.split("\r\n") {
                assert!(line.len() <= 75, "{path}: {line:?}");
            }
        }
    });
}

#[test]
fn add_links_for_each_session_and_the_deadline() {
    with_site(now(), |ctx| {
        let links = add_links(ctx, course(ctx, "A1"), "en");
        assert_eq!(links.len(), 2, "the session, then the deadline");
        let a = &links[0].google;
        assert!(a.starts_with(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text=All-day%20course&dates=20260401/20260501&details=https://Cal.Example.net/sub/en/courses/a/&location=Online"
        ), "{a}");
        // The summary is in the calendar files' description, not written again in each link.
        assert!(!a.contains("Dates%20only"), "{a}");
        assert!(course_events(ctx, course(ctx, "A1"), "en")[0]
            .description
            .starts_with("Dates only; semicolons; commas, and a backslash \\ too.\n\nhttps://"));
        assert!(a.ends_with("&location=Online"), "{a}");
        let o = &links[0].outlook_com;
        assert!(o.starts_with(
            "https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&rru=addevent&subject=All-day%20course&startdt=2026-04-01&enddt=2026-05-01&allday=true&body=https://Cal.Example.net/sub/en/courses/a/&location=Online"
        ), "{o}");
        assert_eq!(
            links[0].microsoft_365,
            o.replace("outlook.live.com", "outlook.office.com")
        );
        // The deadline: an instant (end of 29 March in Rome, summer time), with the form link.
        let d = &links[1];
        assert!(
            d.google
                .contains("&dates=20260329T215959Z/20260329T215959Z&"),
            "{}",
            d.google
        );
        assert!(
            d.google
                .contains("&details=Apply%20at:%20https://apply.example.org/A1%0A%0Ahttps://"),
            "{}",
            d.google
        );
        assert!(
            d.outlook_com
                .contains("&startdt=2026-03-29T21:59:59Z&enddt=2026-03-29T21:59:59Z&allday=false&"),
            "{}",
            d.outlook_com
        );
        for l in &links {
            for u in [&l.google, &l.outlook_com, &l.microsoft_365] {
                assert!(u.bytes().all(|b| b.is_ascii_graphic()), "{u}");
            }
        }
        // Cancelled or postponed: nothing to add.
        assert!(add_links(ctx, course(ctx, "B2"), "en").is_empty());
        assert!(add_links(ctx, course(ctx, "C3"), "en").is_empty());
        assert!(add_links(ctx, course(ctx, "D4"), "en").is_empty());
    });
}

#[test]
fn google_calendar_link_with_times() {
    let s = SessionFacts {
        start: When::Local(day(2026, 5, 4).and_hms_opt(9, 0, 0).unwrap()),
        end: When::Date(day(2026, 5, 8)),
        modality: None,
        repeat: None,
        country: None,
    };
    let (a, b) = session_span(&s, chrono_tz::Europe::Rome);
    assert_eq!(google_date(a), "20260504T070000Z");
    assert_eq!(google_date(b), "20260508T215959Z", "a date end: end of day");
    assert_eq!(query_escape("a b&c=d/é"), "a%20b%26c%3Dd/%C3%A9");
    // What a form would read as another parameter, a fragment, a space or an escape is
    // encoded; what a query holds as it is stays.
    assert_eq!(
        query_escape("x+y#z%1;2\\3\n\"'<>?[]!*$"),
        "x%2By%23z%251%3B2%5C3%0A%22%27%3C%3E%3F%5B%5D%21%2A%24"
    );
    assert_eq!(
        query_escape("Yaoundé, Cameroon (A1) a@b.org 09:00"),
        "Yaound%C3%A9,%20Cameroon%20(A1)%20a@b.org%2009:00"
    );
}

#[test]
fn calendar_page_lists_current_and_coming_months_first_then_past_ones() {
    // In May 2026: April's session and March's deadline are past.
    with_site(utc(2026, 5, 15, 12, 0, 0), |ctx| {
        let (path, html) = text_of(page(ctx, &index_job("en")).unwrap()).unwrap();
        assert_eq!(path, "en/calendar/index.html");
        let pos = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle} not in the page"))
        };
        let order = [
            "id=\"upcoming-h\"",
            "id=\"m-2026-05\"",
            "id=\"m-2026-06\"",
            "id=\"past-h\"",
            "id=\"m-2026-04\"",
            "id=\"m-2026-03\"",
        ];
        for w in order.windows(2) {
            assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
        }
        assert!(html.contains("(this month)"));
        assert!(html.contains("href=\"webcal://Cal.Example.net/sub/en/calendar.ics\""));
        assert!(html.contains("href=\"https://Cal.Example.net/sub/en/calendar.ics\""));
        assert!(html.contains("<html lang=\"en\""));
        // The self-paced course is listed apart.
        assert!(html.contains("id=\"self-paced-h\""));
        assert!(html.contains("Self-paced course"));
    });
}
