//! Whole-site tests: the repository's example site, built at 2025-08-20T10:00:00Z, as a visitor,
//! a search engine and CI see it.

use crate::support::*;
use prospectus::Outcome;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

mod compiled;
mod visitors;

/// The example site built once for the read-only tests of this file.
fn site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Site::example_shared().built())
}

/// The site's languages, from the example's site.toml.
fn languages() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("site.toml")).expect("site.toml");
    let v: toml::Value = toml::from_str(&text).expect("site.toml parses");
    v["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .map(|l| l.as_str().expect("language").to_string())
        .collect()
}

/// Every course of the example site: code → (slug, languages that have a page).
fn courses() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let langs = languages();
    let mut out: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    let dir = repo().join("content").join("courses");
    for (path, bytes) in tree(&dir) {
        if !path.ends_with(".md") || path.rsplit('/').next().unwrap_or("").starts_with("_index") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("utf-8 content");
        let Some(code) = text
            .lines()
            .find_map(|l| l.strip_prefix("code = \""))
            .map(|r| r.trim_end_matches('"').to_string())
        else {
            continue;
        };
        // `x.fr.md` or `x/index.fr.md`
        let (slug, file) = match path.split_once('/') {
            Some((folder, file)) => (folder.to_string(), file.to_string()),
            None => {
                let stem = path.trim_end_matches(".md");
                (
                    stem.split('.').next().unwrap_or(stem).to_string(),
                    path.clone(),
                )
            }
        };
        let stem = file.trim_end_matches(".md");
        let lang = match stem.rsplit_once('.') {
            Some((_, l)) if langs.iter().any(|x| x == l) => l.to_string(),
            _ => langs[0].clone(),
        };
        let e = out
            .entry(code)
            .or_insert_with(|| (slug.clone(), BTreeSet::new()));
        assert_eq!(e.0, slug, "one code, one slug");
        e.1.insert(lang);
    }
    assert!(out.len() >= 5, "found the example's courses: {out:?}");
    out
}

/// The `<html>` tag's lang and dir of a page.
fn html_lang_dir(html: &str) -> (Option<String>, Option<String>) {
    let tag = tags(html, "html")
        .into_iter()
        .next()
        .expect("an <html> tag");
    (attr(tag, "lang"), attr(tag, "dir"))
}

/// HTML pages that are real pages (not alias redirects, not the root chooser, not 404).
fn content_pages(b: &Built) -> Vec<(String, String)> {
    b.html_files()
        .into_iter()
        .filter(|f| f != "index.html" && f != "404.html")
        .map(|f| {
            let html = b.page(&f);
            (f, html)
        })
        .filter(|(_, html)| !is_redirect(html))
        .collect()
}

fn alternate_set(html: &str) -> BTreeSet<(String, String)> {
    alternates(html).into_iter().collect()
}

#[test]
fn example_site_builds_without_errors() {
    let b = site();
    assert_success(&b.report);
    assert!(b.report.files_written > 0);
    assert!(b.exists("404.html"), "404.html is written");
    assert!(b.exists("index.html"), "the root index.html is written");
    assert!(b.exists("sitemap.xml") && b.exists("robots.txt"));
}

#[test]
fn root_index_lets_the_visitor_choose_and_points_to_the_default_language() {
    let b = site();
    let html = b.page("index.html");
    let hrefs: Vec<String> = links(&html)
        .into_iter()
        .filter_map(|h| url_path(&h))
        .collect();
    for l in languages() {
        assert!(
            hrefs.contains(&format!("/{l}/")),
            "index.html links to /{l}/: {hrefs:?}"
        );
        assert!(b.exists(&format!("{l}/index.html")));
    }
    let default = &languages()[0];
    let points_to_default = hrefs.first() == Some(&format!("/{default}/"))
        || canonical(&html).and_then(|c| url_path(&c)) == Some(format!("/{default}/"))
        || html.contains(&format!("url=/{default}/"));
    assert!(points_to_default, "index.html points to /{default}/ first");
}

#[test]
fn french_page_shows_fee_and_deadline_as_french_writes_them() {
    let b = site();
    let html = b.page("fr/courses/gender-audit-certification/index.html");
    let raw_text = text(&html);
    let t = plain_spaces(&raw_text);
    assert!(
        t.contains("1 860 €"),
        "the French page shows the fee as `1 860 €`; fee cells: {:?}",
        snippets(&t, &["EUR", "€", "1860", "1 860"])
    );
    assert!(
        raw_text.contains("1\u{202F}860\u{A0}€"),
        "CLDR French groups with U+202F and puts U+00A0 before €: {:?}",
        snippets(&raw_text, &["860"])
    );
    assert!(
        t.contains("25 août 2025"),
        "the French page shows the deadline as `25 août 2025`: {:?}",
        snippets(&t, &["25", "août", "August"])
    );
    let apply = elements_with_attr(&html, "data-apply");
    assert!(!apply.is_empty(), "the page has an apply block");
    assert!(
        apply
            .iter()
            .any(|e| plain_spaces(&e.text()).contains("25 août 2025")),
        "the deadline is printed next to the apply button: {:?}",
        apply.iter().map(Element::text).collect::<Vec<_>>()
    );
    for english in ["August", "September", "October", "EUR"] {
        assert!(
            !t.contains(english),
            "no English date or currency code on the French page: found {english:?} in {:?}",
            snippets(&t, &[english])
        );
    }
}

#[test]
fn spanish_page_shows_the_deadline_as_spanish_writes_it() {
    let b = site();
    let html = b.page("es/courses/gender-audit-certification/index.html");
    let t = plain_spaces(&text(&html));
    assert!(
        t.contains("25 de agosto de 2025"),
        "the Spanish page shows `25 de agosto de 2025`: {:?}",
        snippets(&t, &["25", "agosto", "August"])
    );
}

#[test]
fn spanish_page_does_not_group_four_digit_fees() {
    let b = site();
    let html = b.page("es/courses/gender-audit-certification/index.html");
    let raw_text = text(&html);
    let t = plain_spaces(&raw_text);
    assert!(
        t.contains("1860 €"),
        "Spanish writes `1860 €` (SPEC): {:?}",
        snippets(&t, &["860"])
    );
    assert!(
        raw_text.contains("1860\u{A0}€"),
        "CLDR Spanish puts U+00A0 before €: {:?}",
        snippets(&raw_text, &["860"])
    );
}

#[test]
fn english_page_shows_fee_and_deadline_as_english_writes_them() {
    let b = site();
    let html = b.page("en/courses/gender-audit-certification/index.html");
    let t = plain_spaces(&text(&html));
    assert!(
        t.contains("25 August 2025"),
        "the English page shows `25 August 2025`: {:?}",
        snippets(&t, &["August"])
    );
    assert!(
        t.contains("€1,860"),
        "the English page shows the fee as `€1,860`: {:?}",
        snippets(&t, &["860"])
    );
    assert!(!t.contains("1860 EUR"), "no raw amount and code");
}

#[test]
fn refund_table_has_concrete_dates() {
    let b = site();
    let html = b.page("en/courses/gender-audit-certification/index.html");
    let table = elements(&html, "table")
        .into_iter()
        .find(|t| plain_spaces(&t.text()).contains("1 September 2025"))
        .unwrap_or_else(|| {
            panic!(
                "a table with the refund dates; tables: {:?}",
                elements(&html, "table")
                    .iter()
                    .map(Element::text)
                    .collect::<Vec<_>>()
            )
        });
    let rows: Vec<String> = elements(table.inner, "tr")
        .iter()
        .map(|r| plain_spaces(&r.text()))
        .filter(|r| r.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), 3, "three tiers: {rows:?}");
    let lower: Vec<String> = rows.iter().map(|r| r.to_lowercase()).collect();
    assert!(
        rows[0].contains("25 August 2025") && lower[0].contains("full"),
        "until 25 August 2025: full refund — {:?}",
        rows[0]
    );
    assert!(
        rows[1].contains("26") && rows[1].contains("31 August") && rows[1].contains("50"),
        "26–31 August: 50 % — {:?}",
        rows[1]
    );
    assert!(
        rows[2].contains("1 September 2025")
            && (lower[2].contains("no refund") || lower[2].contains("none")),
        "from 1 September 2025: no refund — {:?}",
        rows[2]
    );
}

#[test]
fn application_states_at_now() {
    let b = site();
    let all = courses();
    let expected = [
        ("A9718007", "closing-soon"),
        ("A9716040", "open"),
        ("A9719084", "not-yet-open"),
        ("A9714521", "closed"),
        ("A9713306", "unavailable"),
    ];
    for (code, state) in expected {
        let (slug, langs) = all
            .get(code)
            .unwrap_or_else(|| panic!("course {code} in the example"));
        for l in langs {
            let html = b.page(&format!("{l}/courses/{slug}/index.html"));
            let apply = elements_with_attr(&html, "data-apply");
            assert!(
                !apply.is_empty(),
                "{l}/courses/{slug}/ has a [data-apply] element"
            );
            for e in &apply {
                assert_eq!(
                    e.attr("data-state").as_deref(),
                    Some(state),
                    "{code} on its {l} page: {}",
                    e.tag
                );
            }
        }
        for l in languages() {
            let html = b.page(&format!("{l}/courses/index.html"));
            let card = card(&html, code)
                .unwrap_or_else(|| panic!("{code} has a card in the {l} catalogue"));
            let mut states: Vec<String> = card.attr("data-state").into_iter().collect();
            states.extend(
                elements_with_attr(card.inner, "data-apply")
                    .iter()
                    .filter_map(|e| e.attr("data-state")),
            );
            assert!(!states.is_empty(), "{code}'s {l} card carries its state");
            for s in states {
                assert_eq!(s, state, "{code} in the {l} catalogue");
            }
        }
    }
}

/// The catalogue card of a course (the `article` with `data-code`).
fn card<'a>(html: &'a str, code: &str) -> Option<Element<'a>> {
    elements(html, "article")
        .into_iter()
        .chain(elements(html, "li"))
        .chain(elements(html, "div"))
        .find(|e| e.attr("data-code").as_deref() == Some(code))
}

#[test]
fn every_course_is_in_every_catalogue() {
    let b = site();
    for (code, (slug, langs)) in courses() {
        for l in languages() {
            let html = b.page(&format!("{l}/courses/index.html"));
            let card = card(&html, &code)
                .unwrap_or_else(|| panic!("{code} is listed in the {l} catalogue"));
            let targets: Vec<String> = links(card.inner)
                .into_iter()
                .filter(|h| url_path(h).is_some_and(|p| p.contains(&format!("/courses/{slug}/"))))
                .collect();
            assert!(
                !targets.is_empty(),
                "{code}'s {l} card links to its page: {:?}",
                links(card.inner)
            );
            for t in &targets {
                assert!(
                    b.file_for_url(t).is_some(),
                    "{code}'s {l} card links to {t}, which exists"
                );
            }
            let own = format!("/{l}/courses/{slug}/");
            if langs.contains(&l) {
                assert!(
                    targets.iter().any(|t| url_path(t).as_deref() == Some(&own)),
                    "{code} has a {l} page, its {l} card links to it: {targets:?}"
                );
            } else {
                assert!(
                    targets.iter().all(|t| url_path(t).as_deref() != Some(&own)),
                    "{code} has no {l} page, its card links elsewhere: {targets:?}"
                );
            }
        }
    }
}

#[test]
fn catalogue_names_the_language_of_pages_in_another_language() {
    // "marked with that language's name": in the French catalogue, the Spanish-only course says
    // "espagnol", the English-only one "anglais"; in the English one, "Spanish".
    let b = site();
    let fr = b.page("fr/courses/index.html");
    let es_only = card(&fr, "A9714521").expect("A9714521 card").text();
    assert!(es_only.contains("espagnol"), "{es_only}");
    let en_only = card(&fr, "A9713306").expect("A9713306 card").text();
    assert!(en_only.contains("anglais"), "{en_only}");
    let en = b.page("en/courses/index.html");
    let es_only = card(&en, "A9714521").expect("A9714521 card").text();
    assert!(es_only.contains("Spanish"), "{es_only}");
}

#[test]
fn hreflang_alternates_are_reciprocal() {
    let b = site();
    let pages = content_pages(b);
    assert!(pages.len() > 30);
    let mut problems = Vec::new();
    for (file, html) in &pages {
        let alts = alternates(html);
        let set = alternate_set(html);
        if set.len() != alts.len() {
            problems.push(format!("{file}: duplicate alternates {alts:?}"));
        }
        let langs: BTreeSet<&String> = alts.iter().map(|(l, _)| l).collect();
        if langs.len() != alts.len() {
            problems.push(format!("{file}: two alternates for one hreflang {alts:?}"));
        }
        if !alts.iter().any(|(l, _)| l == "x-default") {
            problems.push(format!("{file}: no x-default alternate in {alts:?}"));
        }
        let (lang, _) = html_lang_dir(html);
        let lang = lang.unwrap_or_else(|| panic!("{file}: <html lang>"));
        let canon = canonical(html).unwrap_or_else(|| panic!("{file}: canonical URL"));
        if !set.contains(&(lang.clone(), canon.clone())) {
            problems.push(format!(
                "{file}: its own language ({lang}) → its canonical URL ({canon}) is not among {alts:?}"
            ));
        }
        for (l, u) in &alts {
            let Some(target) = b.file_for_url(u) else {
                problems.push(format!("{file}: alternate {l} → {u} does not exist"));
                continue;
            };
            let other = b.page(&target);
            if is_redirect(&other) {
                problems.push(format!("{file}: alternate {u} is a redirect"));
            }
            if l == "x-default" {
                continue;
            }
            let (olang, _) = html_lang_dir(&other);
            if olang.as_deref() != Some(l.as_str()) {
                problems.push(format!("{file}: alternate {l} → {target} is in {olang:?}"));
            }
            if alternate_set(&other) != set {
                problems.push(format!(
                    "{file} and {target} list different alternates: {set:?} vs {:?}",
                    alternate_set(&other)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn html_lang_and_direction() {
    let b = site();
    let mut arabic = 0;
    let mut problems = Vec::new();
    for file in b.html_files() {
        let html = b.page(&file);
        if is_redirect(&html) {
            continue;
        }
        let (lang, dir) = html_lang_dir(&html);
        let Some(lang) = lang else {
            problems.push(format!("{file}: no <html lang>"));
            continue;
        };
        let first = file.split('/').next().unwrap_or("");
        if languages().iter().any(|l| l == first) && lang != first {
            problems.push(format!("{file}: <html lang={lang}> in the {first} folder"));
        }
        let want = if lang == "ar" || lang.starts_with("ar-") {
            arabic += 1;
            "rtl"
        } else {
            "ltr"
        };
        if dir.as_deref() != Some(want) {
            problems.push(format!(
                "{file}: <html lang={lang} dir={dir:?}>, want dir={want}"
            ));
        }
    }
    assert!(arabic > 3, "the Arabic pages were checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn sitemap_lists_every_page_with_its_alternates() {
    let b = site();
    let xml = b.page("sitemap.xml");
    xml_well_formed(&xml).unwrap_or_else(|e| panic!("sitemap.xml: {e}"));
    let mut listed: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut problems = Vec::new();
    for url in elements(&xml, "url") {
        let loc = elements(url.inner, "loc")
            .first()
            .map(|l| unescape(l.inner.trim()))
            .expect("<loc>");
        if !loc.starts_with("https://training.example.org/") {
            problems.push(format!("loc {loc} is not absolute"));
        }
        let Some(file) = b.file_for_url(&loc) else {
            problems.push(format!("sitemap lists {loc}, which does not exist"));
            continue;
        };
        let alts: BTreeSet<(String, String)> = tags(url.inner, "xhtml:link")
            .into_iter()
            .filter_map(|t| Some((attr(t, "hreflang")?, attr(t, "href")?)))
            .collect();
        if listed.insert(file.clone(), alts).is_some() {
            problems.push(format!("{loc} listed twice"));
        }
    }
    let pages = content_pages(b);
    let expected: BTreeSet<String> = pages.iter().map(|(f, _)| f.clone()).collect();
    let got: BTreeSet<String> = listed.keys().cloned().collect();
    for f in got.difference(&expected) {
        problems.push(format!(
            "{f} is in the sitemap but is not a page (404, chooser and redirects stay out)"
        ));
    }
    for f in expected.difference(&got) {
        problems.push(format!("{f} is missing from the sitemap"));
    }
    for (file, html) in &pages {
        if let Some(alts) = listed.get(file) {
            if *alts != alternate_set(html) {
                problems.push(format!(
                    "{file}: sitemap alternates {alts:?} differ from the page's {:?}",
                    alternate_set(html)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn robots_txt_names_the_sitemap() {
    let b = site();
    let robots = b.page("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l.trim() == "Sitemap: https://training.example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn atom_feeds_have_one_entry_per_notice_of_their_language() {
    let b = site();
    let notices_dir = repo().join("content").join("notices");
    let mut translated: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for rel in tree(&notices_dir).into_keys() {
        let stem = rel.trim_end_matches(".md");
        if stem.starts_with("_index") {
            continue;
        }
        let (slug, lang) = match stem.rsplit_once('.') {
            Some((s, l)) if languages().iter().any(|x| x == l) => (s, l.to_string()),
            _ => (stem, languages()[0].clone()),
        };
        let slug = slug.trim_end_matches("/index").to_string();
        translated.entry(lang).or_default().insert(slug);
    }
    for l in languages() {
        let feed = b.page(&format!("{l}/notices/atom.xml"));
        xml_well_formed(&feed).unwrap_or_else(|e| panic!("{l}/notices/atom.xml: {e}"));
        assert!(
            feed.trim_start().starts_with("<?xml"),
            "{l}: XML declaration"
        );
        assert!(
            feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""),
            "{l}: Atom namespace"
        );
        let entries = elements(&feed, "entry");
        assert_eq!(
            entries.len(),
            feed.matches("<entry>").count() + feed.matches("<entry ").count()
        );
        let mut slugs = Vec::new();
        for e in &entries {
            for part in ["id", "title", "updated"] {
                assert!(
                    !elements(e.inner, part).is_empty(),
                    "{l}: every entry has <{part}>"
                );
            }
            let href = tags(e.inner, "link")
                .into_iter()
                .find(|t| attr(t, "rel").is_none_or(|r| r == "alternate"))
                .and_then(|t| attr(t, "href"))
                .unwrap_or_else(|| panic!("{l}: entry link in {}", e.inner));
            assert!(b.file_for_url(&href).is_some(), "{l}: entry links {href}");
            let path = url_path(&href).expect("site link");
            let slug = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            if translated.get(&l).is_some_and(|s| s.contains(&slug)) {
                assert_eq!(
                    path,
                    format!("/{l}/notices/{slug}/"),
                    "{l}: a notice translated into {l} links its {l} page"
                );
            }
            slugs.push(slug);
        }
        let unique: BTreeSet<String> = slugs.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            slugs.len(),
            "{l}: one entry per notice: {slugs:?}"
        );
        for s in translated.get(&l).into_iter().flatten() {
            assert!(
                unique.contains(s),
                "{l}: the feed has notice {s}: {slugs:?}"
            );
        }
        // The feed lists the notices that the language's notices page lists.
        let index = b.page(&format!("{l}/notices/index.html"));
        let listed: BTreeSet<String> = links(&index)
            .iter()
            .filter_map(|h| url_path(h))
            .filter_map(|p| {
                let parts: Vec<&str> = p.trim_matches('/').split('/').collect();
                (parts.len() == 3 && parts[1] == "notices" && !parts[2].contains('.'))
                    .then(|| parts[2].to_string())
            })
            .collect();
        assert_eq!(
            unique, listed,
            "{l}: feed entries = notices listed on /{l}/notices/"
        );
    }
}

#[test]
fn every_page_of_a_language_leads_feed_readers_to_its_feeds() {
    let b = site();
    for l in languages() {
        let want = [
            format!("/{l}/notices/atom.xml"),
            format!("/{l}/courses/atom.xml"),
        ];
        let pages: Vec<String> = b
            .html_files()
            .into_iter()
            .filter(|p| p.starts_with(&format!("{l}/")))
            .collect();
        assert!(pages.len() > 10, "{l}: {pages:?}");
        for p in &pages {
            let html = b.page(p);
            if html.contains("http-equiv=\"refresh\"") {
                continue; // an alias: a redirect, not a page
            }
            let found: Vec<String> = tags(&html, "link")
                .into_iter()
                .filter(|t| attr(t, "type").as_deref() == Some("application/atom+xml"))
                .filter(|t| attr(t, "rel").as_deref() == Some("alternate"))
                .filter_map(|t| attr(t, "href"))
                .collect();
            assert_eq!(found, want, "{p}");
        }
        for f in &want {
            assert!(b.file_for_url(f).is_some(), "{f} is written");
        }
    }
}

#[test]
fn feed_entries_in_another_language_say_so_on_each_element() {
    let b = site();
    for l in languages() {
        for feed in [
            format!("{l}/notices/atom.xml"),
            format!("{l}/courses/atom.xml"),
        ] {
            let text = b.page(&feed);
            xml_well_formed(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
            for e in elements(&text, "entry") {
                let link = tags(e.inner, "link")
                    .into_iter()
                    .find_map(|t| attr(t, "hreflang"))
                    .expect("hreflang");
                let want = (link != l).then_some(link.clone());
                for part in ["title", "summary"] {
                    for el in elements(e.inner, part) {
                        assert_eq!(
                            attr(el.tag, "xml:lang"),
                            want,
                            "{feed}: <{part}> of a {link} entry"
                        );
                    }
                }
                let id = elements(e.inner, "id")[0].text();
                assert!(id.ends_with(&format!("/{link}")), "{feed}: {id}");
                assert!(!id.contains("2025-"), "{feed}: no date in the id: {id}");
            }
        }
    }
    // The courses feed: every course, with its dates and deadline.
    let en = b.page("en/courses/atom.xml");
    assert_eq!(elements(&en, "entry").len(), courses().len());
    let gender = elements(&en, "entry")
        .into_iter()
        .find(|e| e.inner.contains("A9718007"))
        .expect("the gender audit course");
    let content = unescape(&elements(gender.inner, "content")[0].text());
    assert!(
        content.contains("8 September – 31 October 2025"),
        "{content}"
    );
    assert!(
        content.contains("Application deadline: 25 August 2025"),
        "{content}"
    );
}

#[test]
fn builds_are_reproducible() {
    let a = Site::example();
    let b = Site::example();
    let out_a = a.dir.path().join("first");
    let out_b = b.dir.path().join("second");
    assert_success(&a.build_into(&out_a));
    assert_success(&b.build_into(&out_b));
    let ta = tree(&out_a);
    let tb = tree(&out_b);
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same files"
    );
    let differ: Vec<&String> = ta
        .iter()
        .filter(|(k, v)| tb.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ between builds: {differ:?}"
    );
    // And a third build over the first output gives the same bytes again.
    assert_success(&a.build_into(&out_a));
    assert!(tree(&out_a) == ta, "rebuilding in place changes nothing");
}

#[test]
fn a_failed_build_leaves_the_output_untouched() {
    let s = Site::example();
    let out = s.out();
    assert_success(&s.build_into(&out));
    let before = tree(&out);
    let beside_before = listing(s.dir.path());
    assert!(before.len() > 20);
    let rel = "content/courses/gender-audit-certification.md";
    let broken = s
        .read(rel)
        .replace("deadline = 2025-08-25", "deadline = 2025-08-25x");
    s.write(rel, broken);
    let r = s.build_into(&out);
    assert_eq!(r.outcome, Outcome::ContentErrors, "{}", show(&r));
    assert!(!errors(&r).is_empty());
    assert_eq!(r.files_written, 0);
    let after = tree(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "same files after the failed build"
    );
    assert!(before == after, "same bytes after the failed build");
    assert_eq!(
        beside_before,
        listing(s.dir.path()),
        "nothing left beside the output folder"
    );
}

#[test]
fn a_page_404_exists() {
    let b = site();
    let html = b.page("404.html");
    let (lang, _) = html_lang_dir(&html);
    assert!(lang.is_some(), "404.html has <html lang>");
    for h in links(&html) {
        if url_path(&h).is_some() && !h.ends_with(".css") && !h.ends_with(".js") {
            assert!(b.file_for_url(&h).is_some(), "404.html links {h}");
        }
    }
}

/// Short excerpts of `t` around each needle, for failure messages.
fn snippets(t: &str, needles: &[&str]) -> Vec<String> {
    let mut v = Vec::new();
    for n in needles {
        let mut from = 0;
        while let Some(i) = t[from..].find(n) {
            let at = from + i;
            let start = t[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
            let end = t[at..]
                .char_indices()
                .nth(n.chars().count() + 30)
                .map_or(t.len(), |(i, _)| at + i);
            v.push(t[start..end].to_string());
            from = at + n.len();
            if v.len() > 6 {
                return v;
            }
        }
    }
    v
}

#[test]
fn a_long_notices_list_is_split_into_pages() {
    // 24 notices with page size 10: 16 current (dated and unexpired at NOW), 8 archived.
    let s = Site::fixture("base");
    s.write(
        "site.toml",
        s.read("site.toml") + "\n[catalogue]\npage_size = 10\n",
    );
    for i in 0..23 {
        let archived = i < 8;
        let expires = if archived {
            "expires = 2025-08-10\n"
        } else {
            ""
        };
        s.write(
            &format!("content/notices/n{i:02}.md"),
            format!(
                "+++\ntitle = \"Notice N{i:02}\"\ndate = 2025-07-{:02}\n{expires}+++\nText.\n",
                1 + i
            ),
        );
    }
    let b = s.built();
    assert_success(&b.report);
    let url = |l: &str, p: usize| match p {
        1 => format!("/{l}/notices/"),
        _ => format!("/{l}/notices/page/{p}/"),
    };
    assert!(b.file_for_url(&url("en", 4)).is_none(), "three pages");
    let listed = |page: &str| -> Vec<String> {
        links(page)
            .into_iter()
            .filter_map(|h| {
                let parts: Vec<String> = h.trim_matches('/').split('/').map(String::from).collect();
                (parts.len() == 3 && parts[1] == "notices").then(|| parts[2].clone())
            })
            .filter(|slug| slug != "page" && !slug.contains('.'))
            .collect()
    };
    let mut all = Vec::new();
    for p in 1..=3 {
        let page = b.page(&b.file_for_url(&url("en", p)).expect("the page exists"));
        let slugs = listed(&page);
        assert_eq!(
            slugs.len(),
            if p < 3 { 10 } else { 4 },
            "page {p}: {slugs:?}"
        );
        all.extend(slugs);
        // Sections shown only where they have notices; the "current" one always on the first
        // page. Both are written (hidden when empty): the page script moves notices that expire
        // after the build into the archive.
        let shown = |id: &str| {
            elements(&page, "section")
                .into_iter()
                .find(|s| s.attr("aria-labelledby").as_deref() == Some(id))
                .is_some_and(|s| !s.has_attr("hidden"))
        };
        assert_eq!(shown("current-h"), p < 3, "page {p}: current section");
        assert_eq!(shown("archived-h"), p >= 2, "page {p}: archived section");
        // A pager to the other pages; the alternates are the same page in each language.
        let pager = elements(&page, "nav")
            .into_iter()
            .find(|n| attr(n.tag, "aria-label").as_deref() == Some("Pages"))
            .expect("a pager");
        for q in 1..=3 {
            assert_eq!(
                links(pager.inner).contains(&url("en", q)),
                q != p,
                "page {p} → {q}"
            );
        }
        let fr = format!("https://training.example.org{}", url("fr", p));
        assert!(alternates(&page).contains(&("fr".to_string(), fr)));
    }
    // Every notice once: current ones (newest first), then archived ones.
    let expected: Vec<String> = std::iter::once("base-notice".to_string())
        .chain((8..23).rev().map(|i| format!("n{i:02}")))
        .chain((0..8).rev().map(|i| format!("n{i:02}")))
        .collect();
    assert_eq!(all, expected, "every notice once, in order");
    let sitemap = b.page("sitemap.xml");
    for p in 2..=3 {
        let loc = format!("https://training.example.org{}", url("fr", p));
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
    crate::support::assert_links_hold(&b.site);
}
