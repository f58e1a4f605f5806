//! Applications as visitors see them: the state line of a course's card and page, the facts
//! shown (or not) about a deadline, the filter data, the calendar, the structured data, the
//! build's warnings and `next-change`, for courses with a deadline, with a link but no deadline,
//! with participants nominated, and with nothing said about applying. Built from the base
//! fixture site with courses written by each test, at fixed instants.

mod refunds;
mod unavailable;

use crate::support::*;
use prospectus::{Options, Report};
use serde_json::Value;

/// A course file of the base site: code `code`, one session from `start` to `end`, and
/// `application` as the lines of its `[application]` group (`None`: no group).
fn course(code: &str, start: &str, end: &str, application: Option<&str>) -> String {
    let app = application.map_or(String::new(), |a| format!("\n[application]\n{a}\n"));
    format!(
        "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nsummary = \"About {code}.\"\n\
         topics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n\
         selection = \"Ministries nominate two participants each.\"\n\n\
         [[sessions]]\nstart = {start}\nend = {end}\n{app}+++\nText.\n"
    )
}

/// The base site with one more course (file `content/courses/<slug>.md`).
fn site_with(slug: &str, text: &str) -> Site {
    let s = Site::fixture("base");
    s.write(&format!("content/courses/{slug}.md"), text);
    s
}

/// Builds `s` as of `now` (RFC 3339) into a folder of its own.
fn build_at(s: &Site, now: &str) -> (Report, std::path::PathBuf) {
    let out = s.dir.path().join(format!("out-{}", now.replace(':', "")));
    let mut o: Options = s.options(&out);
    o.now = prospectus::parse_now(now).expect("now parses");
    let r = prospectus::build(&o);
    assert_success(&r);
    (r, out)
}

fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The card of `code` on the English catalogue page.
fn card(out: &std::path::Path, code: &str) -> String {
    let cat = read(out, "en/courses/index.html");
    elements(&cat, "article")
        .into_iter()
        .find(|e| e.attr("data-code").as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no card {code}"))
        .inner
        .to_string()
}

/// The text of the state line of a card (empty when it has none).
fn card_line(out: &std::path::Path, code: &str) -> String {
    let c = card(out, code);
    elements(&c, "p")
        .into_iter()
        .find(|p| p.attr("class").is_some_and(|c| c.starts_with("state ")))
        .map(|p| plain_spaces(&p.text()))
        .unwrap_or_default()
}

/// The apply box of a course page (`None`: there is none).
fn apply_box(page: &str) -> Option<Element<'_>> {
    elements(page, "div")
        .into_iter()
        .find(|d| d.attr("class").is_some_and(|c| c.starts_with("apply ")))
}

/// The run its card shows (the first) of the row of the filter data (`en/courses/index.json`)
/// of `code`, by field name, with its state by name.
fn filter_row(out: &std::path::Path, code: &str) -> serde_json::Map<String, Value> {
    let v: Value = serde_json::from_str(&read(out, "en/courses/index.json")).expect("JSON");
    let row = filter_rows(&v)
        .into_iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no row {code}"));
    let mut m = row["runs"][0].as_object().expect("a run").clone();
    let states = v["states"].as_array().expect("states");
    let st = m["state"].as_u64().expect("state index") as usize;
    m.insert("state".into(), states[st].clone());
    m
}

/// The `Offer` of the course's JSON-LD.
fn offer(page: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("JSON-LD") + open.len();
    let end = page[start..].find("</script>").expect("closed") + start;
    let v: Value = serde_json::from_str(&page[start..end]).expect("JSON-LD parses");
    let nodes = v["@graph"].as_array().cloned().unwrap_or_else(|| vec![v]);
    let course = nodes
        .iter()
        .find(|n| n["@type"] == "Course")
        .expect("Course");
    course["offers"][0].clone()
}

fn unix(t: &str) -> i64 {
    prospectus::parse_now(t).expect("instant").timestamp()
}

#[test]
fn without_a_deadline_the_days_are_counted_to_the_start() {
    // Starts on 25 August (Rome); built on 20 August: the last day to apply is 24 August, four
    // days away. This used to say "Last day to apply" (the count looked for a deadline only).
    let s = site_with(
        "soon",
        &course(
            "T0000001",
            "2025-08-25",
            "2025-09-05",
            Some("url = \"https://apply.example.org/T1\""),
        ),
    );
    let (r, out) = build_at(&s, NOW);
    let line = card_line(&out, "T0000001");
    assert_eq!(
        line,
        "Applications close in 4 days — the course starts on 25 August 2025"
    );
    let page = read(&out, "en/courses/soon/index.html");
    let bx = apply_box(&page).expect("an apply box");
    assert!(plain_spaces(&bx.text()).contains(&line), "{}", bx.text());
    // The page script is told the same: the last instant (the second before the start, in
    // Rome), the start, and the zone it counts days in.
    assert_eq!(
        bx.attr("data-deadline").as_deref(),
        Some("2025-08-24T21:59:59Z")
    );
    assert_eq!(
        bx.attr("data-until-start").as_deref(),
        Some("25 August 2025")
    );
    assert_eq!(bx.attr("data-tz").as_deref(), Some("Europe/Rome"));
    assert!(bx.attr("data-deadline-text").is_none());
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.code == "closing-soon")
        .expect("a closing-soon warning");
    assert_eq!(
        warning.message,
        "applications for T0000001 close in 4 days (no deadline: open until the course starts on 2025-08-25)"
    );
}

#[test]
fn next_change_is_when_a_course_without_deadline_starts_closing_soon() {
    // Applications close when the course starts (8 September, 00:00 in Rome) and count as
    // closing soon from seven days before: the next change, before the start itself.
    let s = site_with(
        "later",
        &course(
            "T0000001",
            "2025-09-08",
            "2025-09-19",
            Some("url = \"https://apply.example.org/T1\""),
        ),
    );
    let (r, out) = build_at(&s, NOW);
    let next = prospectus::parse_now("2025-08-31T21:59:59Z").unwrap();
    assert_eq!(r.next_change, Some(next));
    assert_eq!(
        read(&out, ".prospectus/next-change").trim(),
        "2025-08-31T21:59:59Z"
    );
    // And it does change then.
    let (_, before) = build_at(&s, "2025-08-31T21:59:58Z");
    let (_, after) = build_at(&s, "2025-08-31T21:59:59Z");
    assert!(card_line(&before, "T0000001").starts_with("Applications open until"));
    assert_eq!(
        card_line(&after, "T0000001"),
        "Applications close in 7 days — the course starts on 8 September 2025"
    );
}

#[test]
fn a_link_without_deadline_is_open_until_the_course_starts_everywhere() {
    let s = site_with(
        "open-until-start",
        &course(
            "T0000001",
            "2025-10-06",
            "2025-10-31",
            Some("url = \"https://apply.example.org/T1\""),
        ),
    );
    let (_, out) = build_at(&s, NOW);
    let line = "Applications open until the course starts on 6 October 2025";
    assert_eq!(card_line(&out, "T0000001"), line);
    let page = read(&out, "en/courses/open-until-start/index.html");
    let facts = text(elements(&page, "dl")[0].inner);
    assert!(
        !facts.contains("Application deadline"),
        "no deadline is claimed: {facts}"
    );
    assert!(plain_spaces(&text(&page)).contains(line));
    // The filters close it at the same instant, and so does the structured data.
    let row = filter_row(&out, "T0000001");
    assert_eq!(row["state"], "open");
    assert_eq!(row["closes"], unix("2025-10-05T21:59:59Z"));
    assert_eq!(offer(&page)["validThrough"], "2025-10-05T21:59:59Z");
    // The calendar has the session, no deadline event on the start day.
    let ics = read(&out, "en/courses/open-until-start/T0000001.ics");
    assert!(ics.contains("UID:T0000001-s1-en@"));
    assert!(!ics.contains("-deadline-"), "{ics}");
    // After the start: closed, and said so.
    let (_, later) = build_at(&s, "2025-10-06T08:00:00Z");
    assert_eq!(
        card_line(&later, "T0000001"),
        "Applications closed when the course started on 6 October 2025"
    );
}

#[test]
fn not_yet_open_without_a_deadline_says_until_when() {
    // It used to end in "— deadline " with nothing after it.
    let app = "url = \"https://apply.example.org/T1\"\nopens = 2025-09-01";
    let s = site_with(
        "later",
        &course("T0000001", "2025-10-06", "2025-10-31", Some(app)),
    );
    s.write(
        "content/courses/self-paced.md",
        format!(
            "+++\ncode = \"T0000002\"\ntitle = \"Self-paced\"\nmodality = \"self-paced\"\n\n\
             [application]\n{app}\n+++\nText.\n"
        ),
    );
    let (_, out) = build_at(&s, NOW);
    assert_eq!(
        card_line(&out, "T0000001"),
        "Applications open on 1 September 2025, until the course starts on 6 October 2025"
    );
    assert_eq!(
        card_line(&out, "T0000002"),
        "Applications open on 1 September 2025"
    );
}

#[test]
fn days_left_are_calendar_days_in_the_course_zone() {
    // Deadline 29 August, Rome. Each instant is chosen where the day in Rome differs from the
    // day in UTC (or would round differently by hours).
    let s = site_with(
        "deadline",
        &course(
            "T0000001",
            "2025-09-08",
            "2025-09-19",
            Some("url = \"https://apply.example.org/T1\"\ndeadline = 2025-08-29"),
        ),
    );
    for (now, line, warning) in [
        (
            // 25 August, 23:30 in Rome.
            "2025-08-25T21:30:00Z",
            "Applications close in 4 days — 29 August 2025",
            "applications for T0000001 close in 4 days (deadline 2025-08-29)",
        ),
        (
            // 28 August, 00:30 in Rome (still the 27th in UTC).
            "2025-08-27T22:30:00Z",
            "Applications close tomorrow — 29 August 2025",
            "applications for T0000001 close tomorrow (deadline 2025-08-29)",
        ),
        (
            // 29 August, 00:30 in Rome.
            "2025-08-28T22:30:00Z",
            "Last day to apply — 29 August 2025",
            "applications for T0000001: today is the last day to apply (deadline 2025-08-29)",
        ),
    ] {
        let (r, out) = build_at(&s, now);
        assert_eq!(card_line(&out, "T0000001"), line, "at {now}");
        let page = read(&out, "en/courses/deadline/index.html");
        assert!(
            plain_spaces(&apply_box(&page).expect("box").text()).contains(line),
            "page at {now}"
        );
        let w = r
            .diagnostics
            .iter()
            .find(|d| d.code == "closing-soon")
            .expect("warning");
        assert_eq!(w.message, warning, "at {now}");
    }
}

#[test]
fn nothing_is_said_about_applying_when_the_note_says_nothing() {
    let s = site_with(
        "unstated",
        &course("T0000001", "2025-10-06", "2025-10-31", None),
    );
    let (_, out) = build_at(&s, NOW);
    let c = card(&out, "T0000001");
    assert_eq!(card_line(&out, "T0000001"), "", "no state line: {c}");
    assert!(!text(&c).contains("nomination"));
    let page = read(&out, "en/courses/unstated/index.html");
    let words = text(&page);
    assert!(!words.contains("Application deadline"), "{words}");
    assert!(!words.contains("nomination"), "{words}");
    // The selection text is the only thing said, and not in an empty box.
    let bx = apply_box(&page).expect("the selection text");
    assert_eq!(
        bx.text(),
        "Ministries nominate two participants each.",
        "{}",
        bx.inner
    );
    let row = filter_row(&out, "T0000001");
    assert_eq!(row["state"], "none");
    assert_eq!(row["closes"], Value::Null);
    assert_eq!(row["opens"], Value::Null);
    // Without a selection text there is no box at all.
    s.write(
        "content/courses/unstated.md",
        course("T0000001", "2025-10-06", "2025-10-31", None).replace(
            "selection = \"Ministries nominate two participants each.\"\n",
            "",
        ),
    );
    let (_, out) = build_at(&s, "2025-08-20T10:00:01Z");
    let page = read(&out, "en/courses/unstated/index.html");
    assert!(apply_box(&page).is_none(), "no empty box");
    assert!(!page.contains("class=\"apply"), "no empty box");
}

#[test]
fn nomination_is_said_only_when_the_note_says_so() {
    let s = site_with(
        "nominated",
        &course(
            "T0000001",
            "2025-10-06",
            "2025-10-31",
            Some("by = \"nomination\""),
        ),
    );
    let (r, out) = build_at(&s, NOW);
    assert_eq!(
        card_line(&out, "T0000001"),
        "Participants selected by nomination"
    );
    let page = read(&out, "en/courses/nominated/index.html");
    let bx = apply_box(&page).expect("box");
    assert_eq!(
        plain_spaces(&bx.text()),
        "Participants selected by nomination Ministries nominate two participants each."
    );
    assert!(!text(&page).contains("Application deadline"));
    assert!(!bx.inner.contains("class=\"button\""));
    assert_eq!(filter_row(&out, "T0000001")["state"], "nomination");
    // No "url is required" for a nominated course.
    assert!(r.diagnostics.iter().all(|d| d.code != "missing-field"));
}

#[test]
fn a_notice_card_takes_title_and_summary_from_one_language() {
    // A notice in English and Arabic, listed on the French pages of a site in en, fr, ar: the
    // card is the English text (the site's order), title and summary alike. The summary used
    // to come from the first language by code (Arabic) under an English title.
    let s = Site::fixture("base");
    s.write(
        "site.toml",
        s.read("site.toml").replace(
            "languages = [\"en\", \"fr\"]",
            "languages = [\"en\", \"fr\", \"ar\"]",
        ),
    );
    s.write(
        "content/notices/bilingual.md",
        "+++\ntitle = \"English title\"\nsummary = \"English summary.\"\ndate = 2025-08-10\n+++\nText.\n",
    );
    s.write(
        "content/notices/bilingual.ar.md",
        "+++\ntitle = \"عنوان عربي\"\nsummary = \"ملخص عربي.\"\ndate = 2025-08-10\n+++\nنص.\n",
    );
    let (_, out) = build_at(&s, NOW);
    // (The home page lists titles only.)
    for (rel, summary) in [("fr/notices/index.html", true), ("fr/index.html", false)] {
        let page = read(&out, rel);
        let item = elements(&page, "li")
            .into_iter()
            .find(|li| li.inner.contains("/notices/bilingual/"))
            .unwrap_or_else(|| panic!("{rel}: no card"));
        let words = text(item.inner);
        assert!(words.contains("English title"), "{rel}: {words}");
        assert_eq!(
            words.contains("English summary."),
            summary,
            "{rel}: {words}"
        );
        assert!(!words.contains("عربي"), "{rel}: {words}");
        assert!(!item.inner.contains("lang=\"ar\""), "{rel}: {}", item.inner);
    }
}

#[test]
fn a_screen_reader_hears_the_state_of_applications_once() {
    // Before applications open and after they close, the apply box keeps a box of the button's
    // size with the state in short ("Applications closed") so that the page does not move when
    // the visitor's clock changes the state. The state line above already says it in full, so
    // that box is hidden from screen readers, which would otherwise read the state twice.
    let s = site_with(
        "later",
        &course(
            "T0000002",
            "2025-10-06",
            "2025-10-10",
            Some(
                "url = \"https://apply.example.org/T2\"\nopens = 2025-08-25\ndeadline = 2025-09-15",
            ),
        ),
    );
    for (now, line, short) in [
        (NOW, "Applications open on", "Applications not yet open"),
        (
            "2025-09-20T10:00:00Z",
            "Applications closed on",
            "Applications closed",
        ),
    ] {
        let (_, out) = build_at(&s, now);
        let page = read(&out, "en/courses/later/index.html");
        let bx = apply_box(&page).expect("an apply box");
        let spans: Vec<_> = elements(bx.inner, "span")
            .into_iter()
            .filter(|e| e.attr("class").as_deref() == Some("button button-off"))
            .collect();
        assert_eq!(spans.len(), 1, "{now}: {}", bx.inner);
        assert_eq!(plain_spaces(&spans[0].text()), short, "{now}");
        assert_eq!(
            spans[0].attr("aria-hidden").as_deref(),
            Some("true"),
            "{now}"
        );
        let said = elements(bx.inner, "p")
            .into_iter()
            .find(|p| p.attr("class").as_deref() == Some("apply-line"))
            .map(|p| plain_spaces(&p.text()))
            .expect("a state line");
        assert!(said.starts_with(line), "{now}: {said}");
    }
}

#[test]
fn a_cancelled_course_says_so_once_under_its_title() {
    // The status under the title ("Course cancelled") and the apply box's line said the same
    // words, one under the other, on the first screen of a phone. The line goes where it repeats
    // the status word for word; one that says more (postponed: "new dates will be announced")
    // stays.
    for (status, said, lines) in [
        ("cancelled", "Course cancelled", 0),
        ("postponed", "Course postponed", 1),
    ] {
        let text = course(
            "T0000003",
            "2025-10-06",
            "2025-10-10",
            Some("url = \"https://apply.example.org/T3\"\ndeadline = 2025-09-15"),
        )
        .replacen("modality", &format!("status = \"{status}\"\nmodality"), 1);
        let s = site_with("stopped", &text);
        let (_, out) = build_at(&s, NOW);
        let page = read(&out, "en/courses/stopped/index.html");
        let head = elements(&page, "header")
            .into_iter()
            .find(|h| h.attr("class").as_deref() == Some("course-head"))
            .expect("the course's head");
        let text = plain_spaces(&head.text());
        assert_eq!(text.matches(said).count(), 1 + lines, "{status}: {text}");
        assert_eq!(
            apply_box(head.inner).is_some(),
            lines == 1,
            "{status}: {}",
            head.inner
        );
        // Its card, in the lists, too: the state at its foot, as every card says it, and no
        // status under the title repeating it.
        let card = plain_spaces(&crate::support::text(&card(&out, "T0000003")));
        assert_eq!(card.matches(said).count(), 1 + lines, "{status}: {card}");
    }
}

/// A cancelled course keeps its form's address in the file, but its printed page does not say
/// "Apply at:" with it (it did: the print-only line followed the address, not the state).
#[test]
fn a_cancelled_course_printed_does_not_say_where_to_apply() {
    let text = course(
        "C1",
        "2025-10-06",
        "2025-10-10",
        Some("url = \"https://apply.example.org/C1\""),
    )
    .replace(
        "modality = \"online\"",
        "modality = \"online\"\nstatus = \"cancelled\"",
    );
    let s = site_with("cancelled", &text);
    let (_, out) = build_at(&s, "2025-08-20T10:00:00Z");
    let page = read(&out, "en/courses/cancelled/index.html");
    assert!(page.contains("status-cancelled"), "the course is cancelled");
    assert!(
        !page.contains("apply-at"),
        "the printed page says where to apply"
    );
    // An open course's printed page still does.
    let open = site_with(
        "open",
        &course(
            "O1",
            "2025-10-06",
            "2025-10-10",
            Some("url = \"https://apply.example.org/O1\""),
        ),
    );
    let (_, out) = build_at(&open, "2025-08-20T10:00:00Z");
    let page = read(&out, "en/courses/open/index.html");
    assert!(
        page.contains("class=\"print-only apply-at\"")
            && page.contains("https://apply.example.org/O1")
    );
}

/// A deadline at an hour is written "date, time" with the language's own comma: the Arabic one
/// in Arabic (it was a Latin comma whatever the language).
#[test]
fn a_deadline_at_an_hour_joins_date_and_time_as_the_language_does() {
    let s = Site::fixture("base");
    let toml = s.read("site.toml").replace(
        r#"languages = ["en", "fr"]"#,
        r#"languages = ["en", "fr", "ar"]"#,
    );
    s.write("site.toml", &toml);
    let note = course(
        "T1",
        "2025-10-06",
        "2025-10-10",
        Some("url = \"https://apply.example.org/T1\"\ndeadline = 2025-09-15T12:00:00+02:00"),
    );
    s.write("content/courses/timed.md", &note);
    s.write("content/courses/timed.ar.md", &note);
    let (_, out) = build_at(&s, "2025-08-20T10:00:00Z");
    let page = read(&out, "ar/courses/timed/index.html");
    let deadline = elements(&page, "dd")
        .into_iter()
        .map(|e| text(e.inner))
        .find(|t| t.contains("2025") && t.contains("12:00"))
        .unwrap_or_else(|| panic!("no deadline with its hour on the Arabic page"));
    assert!(deadline.contains("2025، 12:00"), "{deadline}");
    assert!(!deadline.contains("2025, "), "{deadline}");
    let en = read(&out, "en/courses/timed/index.html");
    assert!(
        en.contains("15 September 2025, 12:00"),
        "English keeps its comma"
    );
}
