//! Catalogue filters and site search as the build writes them: the per-language filter data
//! (`/<lang>/courses/index.json`), the filter form, the search page and its index, and the
//! accessibility details of the templates that tests in Rust can see (labels, `<bdi>`,
//! complete UI strings). The browser side is in `tests/browser/run.mjs`.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Site::example().built())
}

const LANGS: [&str; 4] = ["en", "fr", "es", "ar"];

fn json(b: &Built, rel: &str) -> Value {
    serde_json::from_str(&b.page(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn codes_of_cards(html: &str) -> Vec<String> {
    elements(html, "article")
        .into_iter()
        .filter(|e| e.has_attr("data-course"))
        .filter_map(|e| e.attr("data-code"))
        .collect()
}

#[test]
fn filter_data_lists_every_course_of_the_catalogue_in_every_language() {
    let b = site();
    assert_success(&b.report);
    for lang in LANGS {
        let rel = format!("{lang}/courses/index.json");
        let d = json(b, &rel);
        assert_eq!(d["v"], 4, "{rel}: version");
        assert_eq!(d["base"], format!("/{lang}/courses/"));
        let fields = d["fields"].as_array().expect("fields");
        assert_eq!(fields.len(), 13);
        let rows = d["courses"].as_array().expect("courses");
        let codes: Vec<String> = rows
            .iter()
            .map(|r| r[0].as_str().expect("code").to_string())
            .collect();
        let catalogue = b.page(&format!("{lang}/courses/index.html"));
        assert_eq!(
            codes,
            codes_of_cards(&catalogue),
            "{rel}: same courses, same order as the catalogue"
        );
        for r in rows {
            let r = r.as_array().expect("a course is an array");
            assert!(r.len() == 12 || r.len() == 13, "{rel}: {r:?}");
            // The URL resolves to a page of the site.
            let url = r[1].as_str().expect("url");
            let url = if url.starts_with('/') {
                url.to_string()
            } else {
                format!("/{lang}/courses/{url}/")
            };
            assert!(
                b.file_for_url(&url).is_some(),
                "{rel}: {url} does not exist"
            );
            if r.len() == 13 {
                assert!(url.starts_with(&format!("/{}/", r[12].as_str().expect("other language"))));
            }
            let n = r[5].as_u64().expect("an index") as usize;
            assert!(n < d["modalities"].as_array().expect("modalities").len());
            // Each run: its state an index into `states`, its month into `months`.
            let runs = r[11].as_array().expect("runs");
            assert!(!runs.is_empty(), "{rel}: a course has a run");
            for run in runs {
                let n = run[0].as_u64().expect("a state index") as usize;
                assert!(n < d["states"].as_array().expect("states").len(), "{rel}");
                if let Some(m) = run[5].as_u64() {
                    assert!((m as usize) < d["months"].as_array().expect("months").len());
                }
            }
        }
    }
}

#[test]
fn filter_data_is_small() {
    let b = site();
    for lang in LANGS {
        let rel = format!("{lang}/courses/index.json");
        let bytes = b.page(&rel).len();
        let n = json(b, &rel)["courses"].as_array().map_or(0, Vec::len);
        let per_course = bytes / n.max(1);
        assert!(per_course < 600, "{rel}: {per_course} bytes per course");
    }
}

#[test]
fn filter_data_states_and_facets_agree_with_the_cards() {
    let b = site();
    for lang in LANGS {
        let d = json(b, &format!("{lang}/courses/index.json"));
        let catalogue = b.page(&format!("{lang}/courses/index.html"));
        let cards = elements(&catalogue, "article");
        let list = |k: &str| -> Vec<String> {
            d[k].as_array()
                .expect(k)
                .iter()
                .map(|x| x.as_str().expect("id").to_string())
                .collect()
        };
        let (states, modalities, topics, months) = (
            list("states"),
            list("modalities"),
            list("topics"),
            list("months"),
        );
        for r in filter_rows(&d) {
            let code = r["code"].as_str().expect("code");
            let card = cards
                .iter()
                .find(|c| c.attr("data-code").as_deref() == Some(code))
                .expect("a card");
            let idx = |v: &Value| v.as_u64().expect("index") as usize;
            // The first run is the one the card shows: its state and its month.
            let lead = &r["runs"][0];
            assert_eq!(
                Some(states[idx(&lead["state"])].clone()),
                card.attr("data-state"),
                "{lang} {code}"
            );
            assert_eq!(
                card.attr("data-month").unwrap_or_default(),
                lead["month"]
                    .as_u64()
                    .map_or(String::new(), |m| months[m as usize].clone()),
                "{lang} {code}"
            );
            assert_eq!(
                Some(modalities[idx(&r["modality"])].clone()),
                card.attr("data-modality")
            );
            let t: Vec<String> = r["topics"]
                .as_array()
                .expect("topics")
                .iter()
                .map(|i| topics[idx(i)].clone())
                .collect();
            assert_eq!(Some(t.join(" ")), card.attr("data-topics"), "{lang} {code}");
            // A course given several times: each run has its month, and the card's data-months
            // (what the page says the month filter finds) are those months.
            let mut run_months: Vec<String> = r["runs"]
                .as_array()
                .expect("runs")
                .iter()
                .filter_map(|run| run["month"].as_u64())
                .map(|m| months[m as usize].clone())
                .collect();
            run_months.sort();
            run_months.dedup();
            if run_months.len() > 1 {
                assert_eq!(
                    card.attr("data-months").unwrap_or_default(),
                    run_months.join(" "),
                    "{lang} {code}"
                );
            }
        }
    }
}

#[test]
fn the_filter_form_is_a_real_form_with_a_label_for_every_control() {
    let b = site();
    for lang in LANGS {
        let html = b.page(&format!("{lang}/courses/index.html"));
        let forms: Vec<Element> = elements(&html, "form")
            .into_iter()
            .filter(|f| f.has_attr("data-filters"))
            .collect();
        assert_eq!(forms.len(), 1, "{lang}: one filter form");
        let f = &forms[0];
        assert_eq!(f.attr("method").as_deref(), Some("get"));
        assert_eq!(f.attr("action"), Some(format!("/{lang}/courses/")));
        // Shown by the stylesheet only under `html.js`, which the head's first script sets.
        assert!(
            !f.has_attr("hidden"),
            "{lang}: no `hidden` to remove after the first paint"
        );
        assert!(
            html.contains("<script>document.documentElement.classList.add(\"js\")</script>"),
            "{lang}: the head sets the `js` class before the first paint"
        );
        assert_eq!(
            f.attr("data-src"),
            Some(format!("/{lang}/courses/index.json"))
        );
        let mut names = BTreeSet::new();
        for control in tags(f.inner, "input")
            .into_iter()
            .chain(tags(f.inner, "select"))
        {
            let id = attr(control, "id").expect("a control has an id");
            names.insert(attr(control, "name").expect("a control has a name"));
            assert!(
                f.inner.contains(&format!("<label for=\"{id}\">")),
                "{lang}: no label for #{id}"
            );
        }
        let want: BTreeSet<String> = [
            "q", "topic", "modality", "language", "country", "place", "month", "open",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(names, want);
        // Every topic of the site is a choice; the count is a live region.
        let topics = std::fs::read_to_string(repo().join("data/topics.toml")).expect("topics");
        for line in topics.lines().filter(|l| l.starts_with('[')) {
            let id = line.trim_matches(['[', ']']);
            assert!(
                f.inner.contains(&format!("<option value=\"{id}\">")),
                "{lang}: topic {id}"
            );
        }
        let count = elements_with_attr(&html, "data-count");
        assert_eq!(count[0].attr("role").as_deref(), Some("status"));
    }
    // Topic pages are the way to filter without script: they have no form.
    let topic = b.page("en/topics/gender-equality/index.html");
    assert!(!topic.contains("data-filters"));
}

#[test]
fn every_catalogue_page_of_a_paginated_catalogue_shares_one_filter_data_file() {
    let s = Site::fixture("base");
    let toml = s.read("site.toml");
    s.write(
        "site.toml",
        format!("{toml}\n[catalogue]\npage_size = 10\n"),
    );
    for i in 0..24 {
        s.write(
            &format!("content/courses/extra-{i:02}.md"),
            format!(
                "+++\ncode = \"X{i:07}\"\ntitle = \"Extra course {i}\"\nsummary = \"Égalité number {i}.\"\n\
                 topics = [\"labour-standards\"]\nmodality = \"self-paced\"\n+++\nBody.\n"
            ),
        );
    }
    let b = s.built();
    assert_success(&b.report);
    assert!(b.exists("en/courses/page/3/index.html"));
    let d = json(&b, "en/courses/index.json");
    assert_eq!(d["courses"].as_array().map(Vec::len), Some(25));
    for page in ["en/courses/index.html", "en/courses/page/2/index.html"] {
        let html = b.page(page);
        assert!(codes_of_cards(&html).len() <= 10);
        let form = elements(&html, "form")
            .into_iter()
            .find(|f| f.has_attr("data-filters"))
            .expect("a filter form on every catalogue page");
        assert_eq!(
            form.attr("data-src").as_deref(),
            Some("/en/courses/index.json")
        );
        assert!(
            html.contains("data-pager"),
            "{page}: the pager can be hidden while filtering"
        );
    }
}

#[test]
fn the_search_page_exists_in_every_language_and_is_linked() {
    let b = site();
    let sitemap = b.page("sitemap.xml");
    for lang in LANGS {
        let html = b.page(&format!("{lang}/search/index.html"));
        let form = elements(&html, "form")
            .into_iter()
            .find(|f| f.has_attr("data-search"))
            .expect("a search form");
        assert_eq!(form.attr("method").as_deref(), Some("get"));
        assert_eq!(form.attr("action"), Some(format!("/{lang}/search/")));
        assert!(form.inner.contains("<label for=\"s-q\""));
        // Without script: a word and links to the lists.
        let fallback = elements_with_attr(&html, "data-search-fallback");
        assert_eq!(fallback.len(), 1);
        assert!(links(fallback[0].inner).contains(&format!("/{lang}/courses/")));
        assert!(links(fallback[0].inner).contains(&format!("/{lang}/notices/")));
        // In the navigation of every page and in the sitemap.
        let home = b.page(&format!("{lang}/index.html"));
        assert!(
            links(&home).contains(&format!("/{lang}/search/")),
            "{lang}: nav link"
        );
        assert!(sitemap.contains(&format!("https://training.example.org/{lang}/search/")));
        // Its index: notices and pages, each with a URL that exists.
        let d = json(b, &format!("{lang}/search/index.json"));
        let items = d["items"].as_array().expect("items");
        assert!(items.iter().any(|i| i[0] == "n") && items.iter().any(|i| i[0] == "p"));
        for i in items {
            let url = i[3].as_str().expect("url");
            assert!(b.file_for_url(url).is_some(), "{lang}: {url}");
        }
    }
    let fr = json(b, "fr/search/index.json").to_string();
    assert!(
        fr.contains("Appel d"),
        "French notices in the French index: {fr:.300}"
    );
}

#[test]
fn arabic_pages_isolate_codes_money_addresses_and_latin_text() {
    let b = site();
    let course = b.page("ar/courses/labour-standards-arab-states/index.html");
    for dd in elements(&course, "dd") {
        let t = dd.text();
        if t.chars().any(|c| c == '$' || c == '€') {
            assert!(
                dd.inner.contains("<bdi dir=\"ltr\""),
                "money not isolated: {}",
                dd.inner
            );
        }
    }
    for td in elements(&course, "td") {
        if td.text().chars().any(|c| c.is_ascii_digit()) && td.text().contains('$') {
            assert!(
                td.inner.contains("<bdi dir=\"ltr\""),
                "fee line: {}",
                td.inner
            );
        }
    }
    for a in elements(&course, "a") {
        if a.attr("href").is_some_and(|h| h.starts_with("mailto:")) {
            assert!(
                a.inner.starts_with("<bdi"),
                "e-mail not isolated: {}",
                a.inner
            );
        }
    }
    let catalogue = b.page("ar/courses/index.html");
    for card in elements(&catalogue, "article") {
        assert!(
            card.inner.contains("<bdi class=\"code\">"),
            "code not isolated"
        );
        // A course shown from its page in another language says so, in that language's direction.
        if card.inner.contains("hreflang=") {
            assert!(card.inner.contains("dir=\"auto\""), "{}", card.inner);
        }
    }
}

#[test]
fn the_filters_reuse_the_state_script_rules() {
    let dir = repo().join("themes/default/static/assets");
    let state = std::fs::read_to_string(dir.join("prospectus.js")).expect("prospectus.js");
    let find = std::fs::read_to_string(dir.join("find.js")).expect("find.js");
    assert!(state.contains("window.Prospectus = { state: stateAt"));
    assert!(
        find.contains("P.state("),
        "find.js asks prospectus.js for the state"
    );
    assert!(
        !find.contains("closing-soon\" :"),
        "find.js must not compute states itself"
    );
}

/// Where in-person courses take place: on their cards, in the filter data the text search reads,
/// and as the country filter, each country named in the page's language (from CLDR).
#[test]
fn places_are_on_cards_in_the_filter_data_and_in_the_country_filter() {
    let b = site();
    let cases = [
        ("en", "Lebanon", "Lima, Perú", "Italy"),
        ("fr", "Liban", "Lima, Perú", "Italie"),
        ("es", "Líbano", "Lima, Perú", "Italia"),
        ("ar", "لبنان", "Lima, Perú", "إيطاليا"),
    ];
    for (lang, lebanon, lima, italy) in cases {
        let rel = format!("{lang}/courses/index.json");
        let d = json(b, &rel);
        let field = |name: &str| {
            d["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .position(|f| f == name)
                .unwrap_or_else(|| panic!("{rel}: no field {name}"))
        };
        let row = |code: &str| {
            d["courses"]
                .as_array()
                .expect("courses")
                .iter()
                .find(|r| r[0] == code)
                .unwrap_or_else(|| panic!("{rel}: no {code}"))
                .clone()
        };
        let countries: Vec<&str> = d["countries"]
            .as_array()
            .expect("countries")
            .iter()
            .map(|c| c.as_str().expect("a code"))
            .collect();
        // JO: the Arab States course's second run, in Amman (the country filter finds any run).
        assert_eq!(countries, ["CI", "IT", "JO", "LB", "PE"], "{rel}");
        // Beirut (face-to-face, its location names the country): as written, in the page's
        // language where the course has a page in it.
        let beirut = row("A9711230");
        let place = beirut[field("place")].as_str().expect("place");
        let want = if lang == "ar" {
            "بيروت، لبنان"
        } else {
            "Beirut, Lebanon"
        };
        assert_eq!(place, want, "{rel}");
        let lb = countries.iter().position(|c| *c == "LB").expect("LB");
        let jo = countries.iter().position(|c| *c == "JO").expect("JO");
        // Each run its country (Beirut's first: the run the card shows).
        let runs = run_field(&d, "A9711230", "countries");
        assert_eq!(
            runs,
            [serde_json::json!([lb]), serde_json::json!([jo])],
            "{rel}"
        );
        // Each run its place: the city its in-person sessions' location starts with, in the
        // language of the text shown; online phases ("eCampus") have none.
        let places: Vec<&str> = d["places"]
            .as_array()
            .expect("places")
            .iter()
            .map(|p| p.as_str().expect("a place"))
            .collect();
        let (beirut_at, amman_at) = if lang == "ar" {
            ("بيروت", "عمّان")
        } else {
            ("Beirut", "Amman")
        };
        assert!(!places.contains(&"eCampus"), "{rel}: {places:?}");
        let at = |p: &str| {
            places
                .iter()
                .position(|x| *x == p)
                .unwrap_or_else(|| panic!("{rel}: no {p} in {places:?}"))
        };
        let runs = run_field(&d, "A9711230", "places");
        assert_eq!(
            runs,
            [
                serde_json::json!([at(beirut_at)]),
                serde_json::json!([at(amman_at)])
            ],
            "{rel}"
        );
        // The form offers them, by name, after the countries.
        let page = b.page(&format!("{lang}/courses/index.html"));
        let select = elements(&page, "select")
            .into_iter()
            .find(|s| s.attr("name").as_deref() == Some("place"))
            .unwrap_or_else(|| panic!("{lang}: no place filter"));
        let offered: Vec<String> = elements(select.inner, "option")
            .into_iter()
            .filter_map(|o| o.attr("value"))
            .filter(|v| !v.is_empty())
            .collect();
        assert_eq!(offered, places, "{lang}");
        assert!(
            page.find("name=\"country\"") < page.find("name=\"place\""),
            "{lang}: the place filter follows the country filter"
        );
        assert_eq!(row("A9714521")[field("place")], lima, "{rel}");
        // Turin (hybrid): the country named after a location that does not name it.
        let turin = row("A9713510");
        let turin = turin[field("place")].as_str().expect("place");
        assert!(turin.ends_with(italy), "{rel}: {turin}");
        // Online only: no place.
        assert_eq!(row("A9713306")[field("place")], "", "{rel}");
        // The cards say it too, and the form offers the countries by name.
        let page = b.page(&format!("{lang}/courses/index.html"));
        let card = elements(&page, "article")
            .into_iter()
            .find(|e| e.attr("data-code").as_deref() == Some("A9711230"))
            .expect("the Beirut card");
        assert!(text(card.inner).contains(want), "{lang}: {}", card.inner);
        assert_eq!(card.attr("data-countries").as_deref(), Some("LB JO"));
        let stata = elements(&page, "article")
            .into_iter()
            .find(|e| e.attr("data-code").as_deref() == Some("A9713306"))
            .expect("the online card");
        assert!(
            !stata.inner.contains("fact-place"),
            "{lang}: {}",
            stata.inner
        );
        let select = elements(&page, "select")
            .into_iter()
            .find(|e| e.attr("name").as_deref() == Some("country"))
            .unwrap_or_else(|| panic!("{lang}: no country filter"));
        assert!(
            select
                .inner
                .contains(&format!("<option value=\"LB\">{lebanon}</option>")),
            "{lang}: {}",
            select.inner
        );
    }
}

/// Field `field` of each run of the row of `code` in filter data `d`, in the row's order.
fn run_field(d: &Value, code: &str, field: &str) -> Vec<Value> {
    filter_rows(d)
        .into_iter()
        .find(|r| r["code"] == code)
        .expect("the row")["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|r| r[field].clone())
        .collect()
}
