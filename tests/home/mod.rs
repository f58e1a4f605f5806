//! The home page as visitors see it: the search box first, then each course listed once, under
//! "Open for applications" or "Starting soon" (within `[home] soon_days`, 60 by default), and
//! links to the catalogue and the calendar. Built from the base fixture site (whose course
//! B0000001 is open for applications and starts on 6 October 2025) with courses written by each
//! test, at the tests' fixed "now" (20 August 2025).

use crate::support::*;

/// A course of the base site: one session from `start`, and `application` as the lines of its
/// `[application]` group.
fn course(code: &str, start: &str, application: &str) -> String {
    format!(
        "+++\ncode = \"{code}\"\ntitle = \"Course {code}\"\nsummary = \"About {code}.\"\n\
         topics = [\"gender-equality\"]\nmodality = \"online\"\nlanguages = [\"en\"]\n\n\
         [[sessions]]\nstart = {start}\nend = {start}\n\n[application]\n\
         url = \"https://apply.example.org/{code}\"\n{application}\n+++\nText.\n"
    )
}

/// The base site with: C0000001, closed and starting in four weeks; C0000002, whose
/// applications open in September and which starts in October; C0000003, starting eight
/// months from now, whose applications open in January. `settings` is added to `site.toml`.
fn site(settings: &str) -> Built {
    let s = Site::fixture("base");
    s.write(
        "content/courses/closed-soon.md",
        course("C0000001", "2025-09-17", "deadline = 2025-08-10"),
    );
    s.write(
        "content/courses/opens-later.md",
        course(
            "C0000002",
            "2025-10-13",
            "opens = 2025-09-01\ndeadline = 2025-09-30",
        ),
    );
    s.write(
        "content/courses/far.md",
        course(
            "C0000003",
            "2026-04-20",
            "opens = 2026-01-05\ndeadline = 2026-03-01",
        ),
    );
    let toml = s.read("site.toml") + settings;
    s.write("site.toml", toml);
    s.built()
}

/// The codes of the cards a home page list shows (its templates of later cards left out).
fn listed(page: &str, list: &str) -> Vec<String> {
    let sec = elements(page, "section")
        .into_iter()
        .find(|e| e.attr("data-home-list").as_deref() == Some(list))
        .unwrap_or_else(|| panic!("no list {list}"));
    let items = elements(sec.inner, "div")
        .into_iter()
        .find(|e| e.has_attr("data-items"))
        .expect("the list's items");
    codes(items.inner)
}

/// The course codes of the cards in `html`.
fn codes(html: &str) -> Vec<String> {
    elements(html, "article")
        .into_iter()
        .filter_map(|a| a.attr("data-code"))
        .collect()
}

/// `page` without its `<template>`s (what a visitor sees without script).
fn shown(page: &str) -> String {
    let mut out = page.to_string();
    while let Some(s) = out.find("<template") {
        let e = out[s..].find("</template>").expect("closed template") + s;
        out.replace_range(s..e + "</template>".len(), "");
    }
    out
}

#[test]
fn each_course_is_listed_once_and_soon_means_sixty_days() {
    let b = site("");
    for lang in ["en", "fr"] {
        let page = b.page(&format!("{lang}/index.html"));
        let all = codes(&shown(&page));
        for code in &all {
            let n = all.iter().filter(|c| *c == code).count();
            assert_eq!(n, 1, "{lang}: {code} is listed {n} times on the home page");
        }
        assert_eq!(listed(&page, "open"), ["B0000001"], "{lang}");
        // Closed and starting within 60 days; not open yet and starting within 60 days. The
        // course open for applications is not repeated, the one eight months away not listed.
        assert_eq!(listed(&page, "soon"), ["C0000001", "C0000002"], "{lang}");
        assert!(!all.contains(&"C0000003".to_string()), "{lang}: {all:?}");
        let soon = elements(&page, "section")
            .into_iter()
            .find(|e| e.attr("data-home-list").as_deref() == Some("soon"))
            .unwrap();
        assert_eq!(soon.attr("data-soon-days").as_deref(), Some("60"));
        // What the state script may bring in later: B0000001 once its applications close
        // (15 September, before its start); C0000003 when it comes within 60 days.
        let later: Vec<String> = elements(soon.inner, "template")
            .iter()
            .flat_map(|t| codes(t.inner))
            .collect();
        assert_eq!(later, ["B0000001", "C0000003"], "{lang}");
    }
}

#[test]
fn soon_days_is_a_setting() {
    let b = site("\n[home]\nsoon_days = 366\n");
    let page = b.page("en/index.html");
    assert_eq!(listed(&page, "soon"), ["C0000001", "C0000002", "C0000003"]);
    assert_eq!(listed(&page, "open"), ["B0000001"]);
    let b = site("\n[home]\nsoon_days = 30\n");
    let page = b.page("en/index.html");
    assert_eq!(
        listed(&page, "soon"),
        ["C0000001"],
        "C0000002 starts in 54 days"
    );
}

#[test]
fn search_comes_first_and_the_catalogue_and_calendar_are_linked() {
    let b = site("");
    for lang in ["en", "fr"] {
        let page = b.page(&format!("{lang}/index.html"));
        let main = &page[page.find("<main").expect("main")..];
        let form = elements(main, "form")
            .into_iter()
            .find(|f| f.attr("role").as_deref() == Some("search"))
            .unwrap_or_else(|| panic!("{lang}: no search form on the home page"));
        assert_eq!(form.attr("action"), Some(format!("/{lang}/search/")));
        assert_eq!(form.attr("method").as_deref(), Some("get"));
        assert!(form.inner.contains("name=\"q\""), "{}", form.inner);
        let at = |needle: &str| main.find(needle).unwrap_or(usize::MAX);
        assert!(
            at("role=\"search\"") < at("<h2"),
            "{lang}: the search box comes before the lists"
        );
        let hrefs: Vec<String> = elements(main, "a")
            .into_iter()
            .filter_map(|a| a.attr("href"))
            .collect();
        for target in [format!("/{lang}/courses/"), format!("/{lang}/calendar/")] {
            assert!(hrefs.contains(&target), "{lang}: no link to {target}");
            let file = b.file_for_url(&target);
            assert!(file.is_some_and(|f| b.exists(&f)), "{target} exists");
        }
    }
}
