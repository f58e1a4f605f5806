//! What the site claims is what the notes state (issue 14, "Unknown is not a claim" and
//! "Structured data that matches the page"): the truth fixture (tests/fixtures/truth/, notes
//! that leave a fee, an application, hours or a deadline unsaid) built, and each rule read off
//! the pages and their JSON-LD as a visitor or a search engine gets them. The same site read a
//! year later in the browser is tests/browser/between.mjs.

use crate::support::*;
use serde_json::Value;
use std::sync::OnceLock;

fn site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Site::fixture("truth").built())
}

/// The `Course` node of the English page of course `slug`, and the page's text.
fn course(slug: &str) -> (Value, String) {
    course_in("en", slug)
}

fn course_in(lang: &str, slug: &str) -> (Value, String) {
    let b = site();
    assert_success(&b.report);
    let html = b.page(&format!("{lang}/courses/{slug}/index.html"));
    let data = jsonld(&html);
    let c = of_type(&data, "Course");
    assert_eq!(c.len(), 1, "{slug}: one Course");
    (c[0].clone(), text(&html))
}

/// The course's one offer.
fn offer(c: &Value) -> &Value {
    let offers = c["offers"].as_array().expect("offers");
    assert_eq!(offers.len(), 1, "one offer: {c}");
    &offers[0]
}

/// The course's one run.
fn run(c: &Value) -> &Value {
    let runs = c["hasCourseInstance"].as_array().expect("instances");
    assert_eq!(runs.len(), 1, "one CourseInstance: {c}");
    &runs[0]
}

/// Every course page of the fixture in English (not the catalogue's pages).
fn english_course_pages() -> Vec<String> {
    site()
        .html_files()
        .into_iter()
        .filter(|f| {
            let p: Vec<&str> = f.split('/').collect();
            p.len() == 4 && p[0] == "en" && p[1] == "courses" && p[2] != "page"
        })
        .collect()
}

/// An amount in euros as the English pages write it: "€2,400", "Free" for 0.
fn euros(v: &Value) -> String {
    let n = v.as_i64().unwrap_or_else(|| panic!("a whole amount: {v}"));
    if n == 0 {
        return "Free".into();
    }
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("€{out}")
}

#[test]
fn a_course_without_a_fee_is_not_called_free() {
    let (c, page) = course("no-fee");
    let o = offer(&c);
    for key in ["category", "price", "priceCurrency"] {
        assert!(o.get(key).is_none(), "no-fee: {key} in {o}");
    }
    assert!(!page.contains("Free"), "{page}");
    // A fee of 0 is free; 0 with a paid further line is partly free.
    assert_eq!(offer(&course("free-course").0)["category"], "Free");
    assert_eq!(
        offer(&course("partly-free").0)["category"],
        "Partially Free"
    );
}

#[test]
fn sold_out_only_for_a_full_course() {
    for rel in english_course_pages() {
        let data = jsonld(&site().page(&rel));
        for c in of_type(&data, "Course") {
            let full = c["courseCode"] == "T1000005";
            for o in c["offers"].as_array().into_iter().flatten() {
                assert_eq!(
                    o["availability"] == "https://schema.org/SoldOut",
                    full,
                    "{rel}: {o}"
                );
            }
        }
    }
    // Without an application, nothing is said about availability.
    let (c, _) = course("no-application");
    assert!(offer(&c).get("availability").is_none(), "{c}");
}

#[test]
fn a_course_without_an_application_says_nothing_about_applying() {
    let (c, page) = course("no-application");
    // (Its title says "applying": the page's own words are checked.)
    for word in ["Apply", "Application", "deadline", "nominat"] {
        assert!(!page.contains(word), "no-application says {word:?}: {page}");
    }
    // Its offer points to the course page, not to a form it does not have.
    assert_eq!(
        offer(&c)["url"],
        "https://truth.example.org/en/courses/no-application/"
    );
    assert!(offer(&c).get("validThrough").is_none());
    // Nomination is said only where the note says so.
    let (_, nominated) = course("nominated");
    assert!(
        nominated.contains("Participants selected by nomination"),
        "{nominated}"
    );
}

#[test]
fn a_blended_course_keeps_its_venue_beside_its_virtual_location() {
    let (c, _) = course("blended-venue");
    let r = run(&c);
    assert_eq!(r["courseMode"], "Blended");
    let locations = r["location"].as_array().expect("two locations");
    let types: Vec<&str> = locations
        .iter()
        .map(|l| l["@type"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(types, ["Place", "VirtualLocation"], "{r}");
    assert_eq!(locations[0]["name"], "Turin campus and eCampus");
    // A face-to-face course: its venue alone.
    let (c, _) = course("no-application");
    assert_eq!(run(&c)["location"]["@type"], "Place");
    assert_eq!(run(&c)["location"]["name"], "Turin, Italy");
}

#[test]
fn study_time_comes_only_from_hours() {
    let (c, page) = course("blended-venue");
    assert_eq!(run(&c)["courseWorkload"], "PT60H");
    assert!(page.contains("Study time 60 hours"), "{page}");
    // A self-paced course with hours: the hours, not a made-up 30 days.
    assert_eq!(run(&course("free-course").0)["courseWorkload"], "PT8H");
    // No hours in the note: no workload, whatever the length of the session.
    for slug in ["no-fee", "autumn", "spring"] {
        let (c, page) = course(slug);
        assert!(run(&c).get("courseWorkload").is_none(), "{slug}: {c}");
        assert!(!page.contains("Study time"), "{slug}: {page}");
    }
    // (Issue 16 adds sessions with a weekly rhythm and `courseSchedule`: none is written today.)
    for rel in english_course_pages() {
        let html = site().page(&rel);
        assert!(!html.contains("courseSchedule"), "{rel}");
    }
}

#[test]
fn every_price_in_the_structured_data_is_one_the_page_shows() {
    let mut prices = 0;
    for rel in english_course_pages() {
        let html = site().page(&rel);
        let page = text(&html);
        let data = jsonld(&html);
        for c in of_type(&data, "Course") {
            for o in c["offers"].as_array().into_iter().flatten() {
                let parts = o["priceSpecification"]["priceComponent"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| &p["price"]);
                for p in std::iter::once(&o["price"]).chain(parts) {
                    if p.is_null() {
                        continue;
                    }
                    assert!(page.contains(&euros(p)), "{rel}: {} not shown", euros(p));
                    prices += 1;
                }
            }
        }
    }
    assert!(prices >= 15, "prices checked: {prices}");
    // The blended course shows €2,400 and €1,500 apart: never their sum.
    let (c, page) = course("blended-venue");
    assert_eq!(offer(&c)["price"], 2400);
    assert!(!page.contains("3,900") && !c.to_string().contains("3900"));
    let parts = &offer(&c)["priceSpecification"]["priceComponent"];
    assert_eq!(parts[0]["name"], "Tuition");
    assert_eq!(parts[1]["name"], "Subsistence in Turin");
    assert_eq!(parts[1]["price"], 1500);
}

#[test]
fn image_language_provider_and_credential_are_the_notes_and_the_site_s() {
    // A bundle's image, published beside the page.
    let (c, _) = course("with-image");
    let image = c["image"].as_str().expect("image");
    assert_eq!(
        image,
        "https://truth.example.org/en/courses/with-image/cover.png"
    );
    assert!(
        site().exists("en/courses/with-image/cover.png"),
        "{image} is published"
    );
    // No image of its own: the site's share picture (here the theme's, as `share_image` is not
    // set), the one link previews show of the page.
    let image = course("no-fee").0["image"]
        .as_str()
        .expect("the share picture")
        .to_string();
    let html = site().page("en/courses/no-fee/index.html");
    assert!(
        html.contains(&format!("<meta property=\"og:image\" content=\"{image}\"")),
        "{image} is the page's og:image"
    );
    assert!(image.starts_with("https://truth.example.org/"), "{image}");
    // The languages of instruction, on the course and its run.
    let (c, _) = course("blended-venue");
    assert_eq!(c["inLanguage"], "en");
    assert_eq!(run(&c)["inLanguage"], "en");
    // The organisation's address from site.toml.
    assert_eq!(c["provider"]["url"], "https://www.truth.example.org");
    assert_eq!(c["provider"]["sameAs"], "https://www.truth.example.org");
    // The credential, in the page's language.
    assert_eq!(
        c["educationalCredentialAwarded"],
        "Certificate of achievement"
    );
    let (fr, page) = course_in("fr", "blended-venue");
    assert_eq!(fr["educationalCredentialAwarded"], "Certificat de réussite");
    assert!(page.contains("Certificat de réussite"), "{page}");
    assert!(course("no-fee")
        .0
        .get("educationalCredentialAwarded")
        .is_none());
}

#[test]
fn an_application_without_a_deadline_is_open_until_the_course_starts() {
    // Starts on 1 September 2025 in Rome: open until 23:59:59 the day before.
    let (c, page) = course("no-deadline");
    assert_eq!(offer(&c)["validThrough"], "2025-08-31T21:59:59Z");
    assert!(
        page.contains("Applications open until the course starts on 1 September 2025"),
        "{page}"
    );
    assert!(!page.contains("Application deadline"), "{page}");
}

#[test]
fn the_catalogue_lists_current_and_coming_courses_before_finished_ones() {
    let b = site();
    let first = b.page("en/courses/index.html");
    let cards: Vec<String> = elements(&first, "article")
        .into_iter()
        .filter(|e| e.has_attr("data-course"))
        .filter_map(|e| e.attr("data-code"))
        .collect();
    assert_eq!(cards.len(), 10, "a full first page: {cards:?}");
    // The finished course is in the archive of past courses (the default of `past`), not in
    // the catalogue.
    assert!(!cards.contains(&"T1000010".to_string()), "{cards:?}");
    let second = b.page("en/courses/page/2/index.html");
    assert!(!second.contains("data-code=\"T1000010\""));
    let past = b.page("en/courses/past/index.html");
    assert!(past.contains("data-code=\"T1000010\""));
}

#[test]
fn a_notice_s_end_is_said_in_the_words_of_its_kind() {
    let b = site();
    let tender = text(&b.page("en/notices/tender/index.html"));
    assert!(
        tender.contains("Offers accepted until 15 September 2025"),
        "{tender}"
    );
    let cancelled = text(&b.page("en/notices/course-cancelled/index.html"));
    assert!(
        cancelled.contains("Current until 20 October 2025"),
        "{cancelled}"
    );
    assert!(!cancelled.contains("Open until"), "{cancelled}");
}

#[test]
fn pages_that_follow_the_clock_say_which_day_they_show() {
    let b = site();
    for rel in [
        "en/index.html",
        "en/courses/index.html",
        "en/calendar/index.html",
        "en/notices/index.html",
        "en/courses/no-fee/index.html",
    ] {
        let page = text(&b.page(rel));
        assert!(
            page.contains("This page shows the situation on 20 August 2025."),
            "{rel}: {page}"
        );
    }
}

#[test]
fn a_later_page_of_a_list_says_which_page_it_is() {
    // Page 2 had page 1's title and heading: two tabs, two search results, one name.
    let b = site();
    for (lang, first_rel, heading, later) in [
        ("en", "courses", "Course catalogue", "page 2 of 2"),
        ("fr", "courses", "Catalogue des formations", "page 2 sur 2"),
        ("en", "notices", "Notices", "page 2 of 2"),
        ("fr", "notices", "Avis", "page 2 sur 2"),
        ("en", "topics/budget", "Public budgets", "page 2 of 2"),
        ("fr", "topics/budget", "Budgets publics", "page 2 sur 2"),
    ] {
        let first = b.page(&format!("{lang}/{first_rel}/index.html"));
        let second = b.page(&format!("{lang}/{first_rel}/page/2/index.html"));
        let h1 = |page: &str| elements(page, "h1")[0].text();
        let title = |page: &str| elements(page, "title")[0].text();
        assert_eq!(h1(&first), heading, "{lang}/{first_rel}");
        assert!(
            title(&first).starts_with(&format!("{heading} |")),
            "{}",
            title(&first)
        );
        let named = format!("{heading}, {later}");
        assert_eq!(h1(&second), named, "{lang}/{first_rel}");
        assert!(
            title(&second).starts_with(&format!("{named} |")),
            "{}",
            title(&second)
        );
    }
}
