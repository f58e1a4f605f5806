//! A course given several times (`[[runs]]`), as visitors and calendars see it: the fixture's
//! labour inspection course has a past run (June), one open (November, Turin, deadline
//! 10 October) and one not yet open (February in Dakar, applications from 11 October, its own
//! fee).

use super::{built_at, course_node, read, row, site};
use crate::support::*;

const PAGE: &str = "en/courses/inspection-runs/index.html";

/// The rows (as text) of the course page's tables of runs: upcoming, then past.
fn run_rows(page: &str) -> (Vec<String>, Vec<String>) {
    let tables: Vec<Element<'_>> = elements(page, "table")
        .into_iter()
        .filter(|t| t.attr("class").as_deref() == Some("runs"))
        .collect();
    let rows = |t: &Element<'_>| {
        elements(t.inner, "tr")
            .into_iter()
            .skip(1)
            .map(|r| r.text())
            .collect::<Vec<String>>()
    };
    match tables.as_slice() {
        [up, past] => (rows(up), rows(past)),
        [up] => (rows(up), Vec::new()),
        _ => panic!("{} tables of runs", tables.len()),
    }
}

fn card<'a>(catalogue: &'a str) -> Element<'a> {
    elements(catalogue, "article")
        .into_iter()
        .find(|e| e.attr("data-code").as_deref() == Some("M0000005"))
        .expect("the course's card")
}

#[test]
fn the_page_shows_the_open_run_first_then_every_upcoming_and_past_run() {
    let b = site();
    let page = b.page(PAGE);
    let (up, past) = run_rows(&page);
    assert_eq!(up.len(), 2, "{up:?}");
    assert!(up[0].contains("17–28 November 2025"), "{}", up[0]);
    assert!(up[0].contains("Turin campus"), "{}", up[0]);
    assert!(up[0].contains("10 October 2025"), "{}", up[0]);
    assert!(up[0].contains("Apply now"), "{}", up[0]);
    assert!(up[0].contains("M0000005-B"), "{}", up[0]);
    assert!(up[1].contains("2–13 February 2026"), "{}", up[1]);
    assert!(up[1].contains("Dakar, regional office"), "{}", up[1]);
    assert!(
        up[1].contains("Applications open on 11 October 2025"),
        "{}",
        up[1]
    );
    assert!(up[1].contains("M0000005-DKR"), "{}", up[1]);
    assert_eq!(past.len(), 1, "{past:?}");
    assert!(past[0].contains("2–13 June 2025") && past[0].contains("M0000005-A"));
    assert!(past[0].contains("Applications closed"), "{}", past[0]);
    // The facts and apply button above are the open run's, with the course's fee.
    let facts = elements(&page, "aside")
        .into_iter()
        .next()
        .expect("key facts")
        .text();
    assert!(facts.contains("17–28 November 2025"), "{facts}");
    assert!(facts.contains("€2,400"), "{facts}");
    let fr = b.page("fr/courses/inspection-runs/index.html");
    let (up, _) = run_rows(&fr);
    assert!(up[0].contains("Campus de Turin"), "{}", up[0]);
    assert!(up[0].contains("Candidater"), "the French form: {}", up[0]);
    // The Arabic page states no runs: it shows the English file's.
    let ar = b.page("ar/courses/inspection-runs/index.html");
    let (up, past) = run_rows(&ar);
    assert_eq!((up.len(), past.len()), (2, 1));
}

#[test]
fn cards_show_the_next_run_and_how_many_more_dates_in_each_language() {
    let b = site();
    for (lang, more) in [
        ("en", "1 more date"),
        ("fr", "1 autre date"),
        ("ar", "موعد آخر واحد"),
    ] {
        let cat = b.page(&format!("{lang}/courses/index.html"));
        let c = card(&cat);
        assert_eq!(c.attr("data-state").as_deref(), Some("open"), "{lang}");
        assert_eq!(c.attr("data-month").as_deref(), Some("2025-11"), "{lang}");
        assert!(c.text().contains(more), "{lang}: {}", c.text());
        // The filter data: each run with its month (the month filter finds the course under
        // any of them), the run the card shows first.
        let (r, d) = row(b, lang, "M0000005");
        let months: Vec<&str> = r["runs"]
            .as_array()
            .expect("runs")
            .iter()
            .map(|run| {
                d["months"][run["month"].as_u64().unwrap() as usize]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(months, ["2025-11", "2025-06", "2026-02"], "{lang}");
    }
}

#[test]
fn a_run_that_has_ended_gives_the_catalogue_no_choice() {
    // The June run (Turin) has ended; the November and February runs have not. The form offers
    // no June 2025 (no other course starts then) and the card's months are the runs to come.
    let b = site();
    for lang in ["en", "fr", "ar"] {
        let cat = b.page(&format!("{lang}/courses/index.html"));
        let months: Vec<String> = elements(&cat, "option")
            .into_iter()
            .filter_map(|o| o.attr("value"))
            .filter(|v| v.starts_with("20"))
            .collect();
        assert!(!months.contains(&"2025-06".into()), "{lang}: {months:?}");
        assert!(months.contains(&"2025-11".into()), "{lang}: {months:?}");
        assert!(months.contains(&"2026-02".into()), "{lang}: {months:?}");
        assert_eq!(
            card(&cat).attr("data-months").as_deref(),
            Some("2025-11 2026-02"),
            "{lang}"
        );
    }
}

#[test]
fn every_run_is_in_the_calendars_and_structured_data() {
    let b = site();
    let ics = b.page("en/courses/inspection-runs/M0000005.ics");
    // Each run's events under the run's own code: its UIDs (and SEQUENCE keys) stay when runs
    // are added or removed.
    let uids: Vec<&str> = ics.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    assert_eq!(
        uids,
        [
            "M0000005-A-s1-en@training.example.org",
            "M0000005-A-deadline-en@training.example.org",
            "M0000005-B-s1-en@training.example.org",
            "M0000005-B-deadline-en@training.example.org",
            "M0000005-DKR-s1-en@training.example.org",
            "M0000005-DKR-deadline-en@training.example.org",
        ]
    );
    let site_ics = b.page("en/calendar.ics");
    assert!(site_ics.contains("UID:M0000005-DKR-s1-en@"));
    let state = b.page(".prospectus/state.json");
    assert!(
        state.contains("M0000005-DKR"),
        "the run's events have their own state keys"
    );
    let node = course_node(&b.page(PAGE));
    let inst = node["hasCourseInstance"].as_array().expect("instances");
    assert_eq!(inst.len(), 3);
    let starts: Vec<&str> = inst
        .iter()
        .map(|i| i["startDate"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2025-06-02", "2025-11-17", "2026-02-02"]);
    // Each run its own offer: the Dakar run at its own price, the others at the course's.
    let price = |i: usize| inst[i]["offers"][0]["price"].clone();
    assert_eq!(price(1), serde_json::json!(2400));
    assert_eq!(price(2), serde_json::json!(1900));
    assert_eq!(
        inst[2]["offers"][0]["url"],
        "https://apply.example.org/M0000005-DKR/en"
    );
}

#[test]
fn a_run_closing_while_another_opens() {
    // 11 October, 08:00 UTC: the Turin run closed at the end of 10 October (Rome), the Dakar run
    // opened at the start of 11 October.
    let (_site, out) = built_at("2025-10-11T08:00:00Z");
    let page = read(&out, PAGE);
    let (up, _) = run_rows(&page);
    assert!(
        up[0].contains("Applications closed on 10 October 2025"),
        "{}",
        up[0]
    );
    assert!(up[1].contains("Apply now"), "{}", up[1]);
    let facts = elements(&page, "aside")
        .into_iter()
        .next()
        .expect("key facts")
        .text();
    assert!(
        facts.contains("2–13 February 2026"),
        "the open run first: {facts}"
    );
    assert!(facts.contains("€1,900"), "its own fee: {facts}");
    let cat = read(&out, "en/courses/index.html");
    let c = card(&cat);
    assert_eq!(c.attr("data-state").as_deref(), Some("open"));
    assert!(c.text().contains("2–13 February 2026"), "{}", c.text());
    assert!(
        c.text().contains("1 more date"),
        "the Turin run is still to come: {}",
        c.text()
    );
    // Just before: the Turin run is the one shown, closing tomorrow.
    let (_site, out) = built_at("2025-10-09T12:00:00Z");
    let c = read(&out, "en/courses/index.html");
    assert!(card(&c).text().contains("17–28 November 2025"));
    // And the next change after it is the Turin deadline (the state script's clock follows it).
    assert_eq!(
        read(&out, ".prospectus/next-change").trim(),
        "2025-10-10T22:00:00Z"
    );
}

/// The `data-runs` of an element: each run's facts for the page script.
fn runs_data(e: &Element<'_>) -> serde_json::Value {
    serde_json::from_str(&e.attr("data-runs").expect("data-runs")).expect("JSON")
}

#[test]
fn between_builds_the_page_and_card_carry_what_a_rebuild_would_show_of_the_next_run() {
    // Built on 20 August: the Turin run is shown; the script gets every run's facts.
    let b = site();
    let cat = b.page("en/courses/index.html");
    let data = runs_data(&card(&cat));
    let page = b.page(PAGE);
    let article = elements(&page, "article")
        .into_iter()
        .find(|e| e.attr("class").as_deref() == Some("course"))
        .expect("the course's article");
    assert_eq!(
        runs_data(&article),
        data,
        "the page and the card: the same data"
    );
    assert_eq!(data["lead"], 1, "the Turin run (B) is shown at the build");
    let codes: Vec<&str> = data["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["M0000005-A", "M0000005-B", "M0000005-DKR"]);
    // The table's rows are the anchors the script takes a run's apply box from.
    for code in codes {
        assert!(page.contains(&format!("<tr id=\"run-{code}\" data-run=\"{code}\"")));
    }
    // After the Turin deadline and the Dakar opening, a rebuild shows the Dakar run: what the
    // script shows from the data of 20 August (its dates, place, fee, deadline and state).
    let (_site, out) = built_at("2025-10-11T08:00:00Z");
    let rebuilt = read(&out, "en/courses/index.html");
    let c = card(&rebuilt);
    assert_eq!(runs_data(&c)["lead"], 2);
    let dkr = &data["runs"][2];
    let text = c.text();
    for fact in [
        &dkr["dates"],
        &dkr["places"][0],
        &dkr["price"]["money"],
        &dkr["apply"]["deadline"],
    ] {
        let fact = fact.as_str().expect("a text");
        assert!(text.contains(fact), "{fact} in {text}");
    }
    assert_eq!(dkr["apply"]["state"], "not-yet-open");
    assert_eq!(dkr["apply"]["opens_iso"], "2025-10-10T22:00:00Z");
    assert_eq!(
        c.attr("data-start").as_deref(),
        dkr["start"].as_str(),
        "lists order the card by the run it shows"
    );
    assert!(
        text.contains(data["more"][1].as_str().unwrap()),
        "one more date (Turin): {text}"
    );
}

#[test]
fn the_home_page_lists_a_course_given_several_times_by_the_run_it_shows() {
    // Open for applications on 20 August: the hybrid course (6 October) before the labour
    // inspection course, whose first run (June) is over and whose shown run starts on 17
    // November; the page script keeps the lists in this order (cardRank).
    let b = site();
    let home = b.page("en/index.html");
    let open = elements(&home, "section")
        .into_iter()
        .find(|s| s.attr("data-home-list").as_deref() == Some("open"))
        .expect("the open list");
    let inner = open.inner.split("<template").next().unwrap_or_default();
    let codes: Vec<String> = elements(inner, "article")
        .iter()
        .filter_map(|a| a.attr("data-code"))
        .collect();
    let starts: Vec<String> = elements(inner, "article")
        .iter()
        .filter_map(|a| a.attr("data-start"))
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "{codes:?} by start");
    let at = |code: &str| codes.iter().position(|c| c == code).unwrap();
    assert!(at("M0000001") < at("M0000005"), "{codes:?}");
}

#[test]
fn a_notice_may_name_a_run_and_links_to_its_row_with_its_dates() {
    let b = site();
    for (lang, dates) in [
        ("en", "2–13 February 2026"),
        ("fr", "2–13 février 2026"),
        ("ar", "2–13 فبراير 2026"),
    ] {
        let notice = b.page(&format!("{lang}/notices/dakar-run/index.html"));
        let related = elements(&notice, "section")
            .into_iter()
            .find(|s| s.attr("aria-labelledby").as_deref() == Some("courses-h"))
            .unwrap_or_else(|| panic!("{lang}: no related courses"));
        assert_eq!(
            links(related.inner),
            [format!("/{lang}/courses/inspection-runs/#run-M0000005-DKR")],
            "{lang}"
        );
        assert!(related.text().contains(dates), "{lang}: {}", related.text());
        // The course's page lists the notice.
        let page = b.page(&format!("{lang}/courses/inspection-runs/index.html"));
        assert!(
            page.contains(&format!("/{lang}/notices/dakar-run/")),
            "{lang}: the course page does not list the notice"
        );
    }
}

#[test]
fn a_notice_naming_no_course_nor_run_keeps_its_error() {
    let s = Site::fixture("model");
    s.write(
        "content/notices/dakar-run.md",
        "+++\ntitle = \"Dakar\"\ndate = 2025-08-01\nrelated_courses = [\"M0000005-DKX\"]\n+++\nText.\n",
    );
    let r = s.build();
    let d: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "unknown-course")
        .collect();
    assert_eq!(d.len(), 1, "{}", show(&r));
    assert_eq!(d[0].file.as_deref(), Some("content/notices/dakar-run.md"));
    assert!(d[0].message.contains("M0000005-DKX"), "{:?}", d[0]);
}

/// The mentoring course's second run starts on request, with a `starts_note` in English only:
/// the French and Arabic pages show the English note, marked as English (and left to right in
/// Arabic) in the table of runs and in the data of each run the page script shows once that run
/// leads (`data-runs`, `dates_lang`); the English page marks nothing.
#[test]
fn a_run_text_from_another_language_carries_its_language() {
    let b = site();
    let note = "A group starts once six inspectors have applied";
    for (lang, mark) in [
        ("en", None),
        ("fr", Some("lang=\"en\"")),
        ("ar", Some("lang=\"en\" dir=\"ltr\"")),
    ] {
        let page = b.page(&format!("{lang}/courses/mentoring-runs/index.html"));
        let th = format!(
            "<th scope=\"row\"{}>{note}</th>",
            mark.map(|m| format!(" {m}")).unwrap_or_default()
        );
        assert!(page.contains(&th), "{lang}: no {th}");
        let article = elements(&page, "article")
            .into_iter()
            .find(|e| e.attr("data-runs").is_some())
            .expect("the course's data-runs");
        let runs: serde_json::Value =
            serde_json::from_str(&article.attr("data-runs").unwrap()).expect("JSON");
        let run = runs["runs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "M0000007-G")
            .expect("the run on request");
        assert_eq!(run["dates"], note, "{lang}");
        let want = mark.map(|_| "en");
        assert_eq!(run["dates_lang"]["lang"].as_str(), want, "{lang}: {run}");
        let dir = (lang == "ar").then_some("ltr");
        assert_eq!(run["dates_lang"]["dir"].as_str(), dir, "{lang}: {run}");
    }
}

#[test]
fn the_key_facts_apply_buttons_and_card_name_the_run_shown_first() {
    // The run shown at the build is M0000005-B (open); the course's own code stays the page's
    // and the card's identity (data-code) and the line above the title.
    let b = site();
    for lang in ["en", "fr", "ar"] {
        let page = b.page(&format!("{lang}/courses/inspection-runs/index.html"));
        let facts = elements(&page, "aside")
            .into_iter()
            .next()
            .expect("key facts");
        let codes: Vec<String> = elements(facts.inner, "bdi")
            .into_iter()
            .filter(|e| e.attr("class").as_deref() == Some("code"))
            .map(|e| e.text())
            .collect();
        assert_eq!(codes, ["M0000005-B"], "{lang}: key facts");
        // Every apply button outside the table of runs names the run it applies to.
        let outside = page
            .split("<table class=\"runs\"")
            .next()
            .expect("before the table")
            .to_string()
            + page.rsplit("</table>").next().expect("after the tables");
        let buttons: Vec<String> = elements(&outside, "a")
            .into_iter()
            .filter(|a| a.has_attr("data-apply-button"))
            .map(|a| plain_spaces(&a.text()))
            .collect();
        // (The Arabic page has no form of its own for the run: no button there.)
        assert_eq!(buttons.is_empty(), lang == "ar", "{lang}: {buttons:?}");
        for t in &buttons {
            assert!(t.ends_with("M0000005-B"), "{lang}: {t}");
        }
        let cat = b.page(&format!("{lang}/courses/index.html"));
        let c = card(&cat);
        assert_eq!(c.attr("data-code").as_deref(), Some("M0000005"));
        let code: Vec<String> = elements(c.inner, "bdi")
            .into_iter()
            .filter(|e| e.attr("class").as_deref() == Some("code"))
            .map(|e| e.text())
            .collect();
        assert_eq!(code, ["M0000005-B"], "{lang}: the card");
    }
}

#[test]
fn a_card_s_places_from_another_language_carry_its_mark() {
    // The Arabic file states no runs: its card shows the English file's place names, marked
    // English (left to right), in the built card and in the data the script shows other runs
    // from; the French card's places are French, and left unmarked.
    let b = site();
    for (lang, mark) in [("en", None), ("fr", None), ("ar", Some(("en", "ltr")))] {
        let cat = b.page(&format!("{lang}/courses/index.html"));
        let c = card(&cat);
        let places: Vec<Element<'_>> = elements(c.inner, "bdi")
            .into_iter()
            .filter(|e| e.attr("class").as_deref() == Some("place"))
            .collect();
        assert!(!places.is_empty(), "{lang}: no place on the card");
        for p in &places {
            let got = p
                .attr("lang")
                .map(|l| (l, p.attr("dir").unwrap_or_default()));
            let want = mark.map(|(l, d)| (l.to_string(), d.to_string()));
            assert_eq!(got, want, "{lang}: {}", p.tag);
        }
        let runs = runs_data(&c);
        for r in runs["runs"].as_array().expect("runs") {
            let n = r["places"].as_array().map_or(0, Vec::len);
            match mark {
                Some((l, d)) if n > 0 => {
                    let marks = r["places_lang"].as_array().expect("places_lang");
                    assert_eq!(marks.len(), n, "{lang}: {r}");
                    for m in marks {
                        assert_eq!((m["lang"].as_str(), m["dir"].as_str()), (Some(l), Some(d)));
                    }
                }
                _ => assert!(r.get("places_lang").is_none(), "{lang}: {r}"),
            }
        }
    }
}

#[test]
fn the_table_of_runs_marks_places_from_another_language() {
    // The Arabic file states no runs: the table of runs on its page shows the English file's
    // places, each marked English (left to right), as the cards' are; the French page's places
    // are French, and the English page's English: unmarked.
    let b = site();
    for (lang, mark) in [("en", None), ("fr", None), ("ar", Some(("en", "ltr")))] {
        let page = b.page(&format!("{lang}/courses/inspection-runs/index.html"));
        let mut places = 0;
        for table in elements(&page, "table")
            .into_iter()
            .filter(|t| t.attr("class").as_deref() == Some("runs"))
        {
            for tr in elements(table.inner, "tr").into_iter().skip(1) {
                let cell = elements(tr.inner, "td").into_iter().next().expect("place");
                let text = cell.text();
                if text.trim().is_empty() {
                    continue;
                }
                places += 1;
                let marked: Vec<Element<'_>> = elements(cell.inner, "span")
                    .into_iter()
                    .filter(|e| e.attr("lang").is_some())
                    .collect();
                let Some((l, d)) = mark else {
                    assert!(marked.is_empty(), "{lang}: {}", cell.inner);
                    continue;
                };
                // Every place in the cell is inside a marked element; only separators are not.
                let mut rest = text.clone();
                for e in &marked {
                    assert_eq!(
                        (e.attr("lang").as_deref(), e.attr("dir").as_deref()),
                        (Some(l), Some(d)),
                        "{lang}: {}",
                        cell.inner
                    );
                    rest = rest.replacen(&e.text(), "", 1);
                }
                assert!(
                    rest.chars()
                        .all(|c| c.is_whitespace() || ",،·;".contains(c)),
                    "{lang}: unmarked {rest:?} in {}",
                    cell.inner
                );
            }
        }
        assert!(places > 0, "{lang}: no place in the table of runs");
    }
}
