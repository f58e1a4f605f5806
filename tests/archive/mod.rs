//! Where finished courses are listed (`[catalogue] past`): the archive of past courses per
//! language (the default), after the current ones ("list"), or nowhere ("hide"); a course that
//! finishes between two builds leaves the catalogue for the archive; every course page stays.

use crate::support::*;
use prospectus::Report;

/// The codes of the course cards an output page shows, in order (not those it keeps in
/// `<template>`s for the page script).
fn codes(b: &Built, rel: &str) -> Vec<String> {
    let (shown, _) = split_templates(&b.page(rel));
    card_codes(&shown)
}

/// The codes of the course cards in `html`, in order.
fn card_codes(html: &str) -> Vec<String> {
    elements(html, "article")
        .into_iter()
        .filter(|e| e.has_attr("data-course"))
        .filter_map(|e| e.attr("data-code"))
        .collect()
}

/// A page without its `<template>`s, and what they hold.
fn split_templates(page: &str) -> (String, String) {
    let (mut shown, mut kept) = (String::new(), String::new());
    let mut rest = page;
    while let Some(i) = rest.find("<template") {
        shown.push_str(&rest[..i]);
        let end = rest[i..]
            .find("</template>")
            .map_or(rest.len(), |j| i + j + "</template>".len());
        kept.push_str(&rest[i..end]);
        rest = &rest[end..];
    }
    shown.push_str(rest);
    (shown, kept)
}

/// The codes of every page of a paged list (`en/courses/`, `en/courses/past/`).
fn listed(b: &Built, first: &str) -> Vec<String> {
    let mut out = codes(b, &format!("{first}index.html"));
    let mut p = 2;
    while b.exists(&format!("{first}page/{p}/index.html")) {
        out.extend(codes(b, &format!("{first}page/{p}/index.html")));
        p += 1;
    }
    out
}

/// The truth fixture with `past` (none: the default), built at `now`.
fn truth(past: Option<&str>, now: &str) -> Built {
    let s = Site::fixture("truth");
    if let Some(p) = past {
        let toml = s.read("site.toml");
        s.write("site.toml", toml + &format!("past = \"{p}\"\n"));
    }
    let mut o = s.options(&s.out());
    o.now = prospectus::parse_now(now).expect("now");
    let report: Report = prospectus::build(&o);
    assert_success(&report);
    let out = s.out();
    Built {
        site: s,
        out,
        report,
    }
}

fn data_codes(b: &Built, lang: &str) -> Vec<String> {
    let d: serde_json::Value =
        serde_json::from_str(&b.page(&format!("{lang}/courses/index.json"))).expect("json");
    d["courses"]
        .as_array()
        .expect("courses")
        .iter()
        .map(|r| r[0].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn a_course_that_finishes_between_builds_moves_from_the_catalogue_to_the_archive() {
    // T1000009 ends on 12 September 2025; T1000010 ended in June.
    let before = truth(None, NOW);
    let after = truth(None, "2025-09-20T10:00:00Z");
    for lang in ["en", "fr"] {
        let cat = listed(&before, &format!("{lang}/courses/"));
        let past = listed(&before, &format!("{lang}/courses/past/"));
        assert!(cat.contains(&"T1000009".into()), "{lang}: {cat:?}");
        assert!(!cat.contains(&"T1000010".into()), "{lang}: {cat:?}");
        assert_eq!(past, ["T1000010"], "{lang}");
        // The archive's first page keeps the cards of the catalogue's courses that will finish,
        // which the page script takes in before the first paint once they have (not the
        // finished or self-paced ones).
        let (_, kept) = split_templates(&before.page(&format!("{lang}/courses/past/index.html")));
        let kept = card_codes(&kept);
        assert!(kept.contains(&"T1000009".into()), "{lang}: {kept:?}");
        assert!(!kept.contains(&"T1000010".into()), "{lang}: {kept:?}");
        assert!(
            kept.iter().all(|c| cat.contains(c)),
            "{lang}: {kept:?} {cat:?}"
        );
        let cat = listed(&after, &format!("{lang}/courses/"));
        let past = listed(&after, &format!("{lang}/courses/past/"));
        assert!(!cat.contains(&"T1000009".into()), "{lang}: {cat:?}");
        // The most recently ended first.
        assert_eq!(past, ["T1000009", "T1000010"], "{lang}");
        // The filter data: the catalogue's courses, then the archive's.
        let data = data_codes(&after, lang);
        assert_eq!(data[data.len() - 2..], ["T1000009", "T1000010"], "{lang}");
        assert_eq!(data[..cat.len()], cat[..], "{lang}");
        // Topic pages follow the catalogue: T1000009's topic page no longer lists it.
        for rel in after.html_files() {
            if rel.starts_with(&format!("{lang}/topics/")) {
                assert!(!codes(&after, &rel).contains(&"T1000009".into()), "{rel}");
            }
        }
        // Its page stays where it was.
        assert!(after.exists(&format!("{lang}/courses/no-deadline/index.html")) || lang == "fr");
    }
}

#[test]
fn the_archive_has_its_own_address_description_link_and_sitemap_entry() {
    let b = truth(None, NOW);
    let sitemap = b.page("sitemap.xml");
    for (lang, heading) in [("en", "Past courses"), ("fr", "Formations passées")] {
        let rel = format!("{lang}/courses/past/index.html");
        let page = b.page(&rel);
        assert!(text(&page).contains(heading), "{rel}");
        let description = tags(&page, "meta")
            .into_iter()
            .find(|m| attr(m, "name").as_deref() == Some("description"))
            .and_then(|m| attr(m, "content"))
            .expect("a meta description");
        assert!(!description.is_empty());
        assert_eq!(
            canonical(&page).as_deref(),
            Some(format!("https://truth.example.org/{lang}/courses/past/").as_str())
        );
        assert!(links(&page).contains(&format!("/{lang}/courses/")), "{rel}");
        let catalogue = b.page(&format!("{lang}/courses/index.html"));
        assert!(
            links(&catalogue).contains(&format!("/{lang}/courses/past/")),
            "{lang}"
        );
        assert!(
            sitemap.contains(&format!(
                "<loc>https://truth.example.org/{lang}/courses/past/</loc>"
            )),
            "{lang}"
        );
    }
    assert_links_hold(&b.site);
}

#[test]
fn past_list_keeps_finished_courses_after_the_current_ones_and_hide_lists_them_nowhere() {
    let list = truth(Some("list"), NOW);
    let cat = listed(&list, "en/courses/");
    assert_eq!(cat.last().map(String::as_str), Some("T1000010"), "{cat:?}");
    assert!(!list.exists("en/courses/past/index.html"));
    assert!(!list
        .page("en/courses/index.html")
        .contains("/en/courses/past/"));

    let hide = truth(Some("hide"), NOW);
    assert!(!hide.exists("en/courses/past/index.html"));
    assert!(!listed(&hide, "en/courses/").contains(&"T1000010".into()));
    assert!(!data_codes(&hide, "en").contains(&"T1000010".into()));
    for rel in hide.html_files() {
        if rel.contains("/topics/") {
            assert!(!codes(&hide, &rel).contains(&"T1000010".into()), "{rel}");
        }
    }
    // Its page stays at its address in every mode.
    for b in [&list, &hide] {
        assert!(b.exists("en/courses/finished/index.html"));
    }
}

#[test]
fn a_bad_past_setting_is_refused_with_the_three_choices() {
    let s = Site::fixture("truth");
    let toml = s.read("site.toml");
    s.write("site.toml", toml + "past = \"old\"\n");
    let r = s.build();
    let d = only_error(&r);
    assert_eq!(d.code, "bad-value");
    assert!(
        d.message.contains("\"archive\", \"list\" or \"hide\""),
        "{d:#?}"
    );
    assert_at(d, &s, "site.toml", "past = ", &["\"old\"", "old"]);
}

/// The archive page in each of the theme's languages (the interface languages fixture, built
/// when some of its courses have ended): its heading and description in the page's language.
#[test]
fn the_archive_page_exists_in_every_shipped_language() {
    let s = Site::fixture("languages");
    let mut o = s.options(&s.out());
    o.now = prospectus::parse_now("2027-06-01T10:00:00Z").expect("now");
    let r = prospectus::build(&o);
    assert!(errors(&r).is_empty(), "{}", show(&r));
    let b = Built {
        out: s.out(),
        site: s,
        report: r,
    };
    let cases = [
        ("en", "Past courses"),
        ("fr", "Formations passées"),
        ("es", "Cursos anteriores"),
        ("ar", "الدورات السابقة"),
        ("zh", "往期课程"),
        ("ru", "Прошедшие курсы"),
        ("de", "Vergangene Kurse"),
        ("it", "Corsi passati"),
        ("pt", "Cursos anteriores"),
    ];
    for (lang, heading) in cases {
        let page = b.page(&format!("{lang}/courses/past/index.html"));
        let h1 = elements(&page, "h1").into_iter().next().expect("h1");
        assert_eq!(text(h1.inner), heading, "{lang}");
        assert!(
            !codes(&b, &format!("{lang}/courses/past/index.html")).is_empty(),
            "{lang}: empty archive"
        );
        assert!(
            b.page(&format!("{lang}/courses/index.html"))
                .contains(&format!("href=\"/{lang}/courses/past/\"")),
            "{lang}: no link to the archive"
        );
    }
}

/// With `past = "hide"` the calendar page and its month pages do not list finished courses (the
/// catalogue's rule: finished at the build); subscribers' calendar files keep their events, and
/// the course's own page and calendar file stay.
#[test]
fn past_hide_leaves_finished_courses_out_of_the_calendar_pages() {
    let calendar_pages = |b: &Built| -> Vec<String> {
        b.html_files()
            .into_iter()
            .filter(|r| r.starts_with("en/calendar/"))
            .collect()
    };
    let names = |b: &Built| {
        calendar_pages(b)
            .iter()
            .filter(|r| b.page(r).contains("/en/courses/finished/"))
            .cloned()
            .collect::<Vec<String>>()
    };
    let list = truth(Some("list"), NOW);
    assert!(
        !names(&list).is_empty(),
        "with past = \"list\" the calendar lists the finished course: no test"
    );
    let hide = truth(Some("hide"), NOW);
    assert!(!calendar_pages(&hide).is_empty());
    assert_eq!(
        names(&hide),
        Vec::<String>::new(),
        "calendar pages listing it"
    );
    assert!(hide.page("en/calendar.ics").contains("T1000010"));
    assert!(hide.exists("en/courses/finished/index.html"));
}

/// The values a select of the catalogue's filter form offers (`month`, `country`…).
fn choices(b: &Built, lang: &str, name: &str) -> Vec<String> {
    let page = b.page(&format!("{lang}/courses/index.html"));
    let select = elements(&page, "select")
        .into_iter()
        .find(|s| s.attr("name").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("{lang}: no {name} select"));
    elements(select.inner, "option")
        .into_iter()
        .filter_map(|o| o.attr("value"))
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn the_catalogue_offers_only_the_choices_of_the_courses_it_lists() {
    // T1000010, finished in June, is the only course that started in June 2025: in the
    // archive, its month is no choice of the catalogue's filters; listed after the current
    // courses, it is.
    let archive = truth(None, NOW);
    let list = truth(Some("list"), NOW);
    for lang in ["en", "fr"] {
        let months = choices(&archive, lang, "month");
        assert!(!months.contains(&"2025-06".into()), "{lang}: {months:?}");
        assert!(months.contains(&"2025-09".into()), "{lang}: {months:?}");
        let months = choices(&list, lang, "month");
        assert!(months.contains(&"2025-06".into()), "{lang}: {months:?}");
    }
    // The data still has its month, for the archive's rows.
    let d: serde_json::Value =
        serde_json::from_str(&archive.page("en/courses/index.json")).expect("json");
    assert!(d["months"]
        .as_array()
        .expect("months")
        .contains(&"2025-06".into()));
}
