//! What every page gives a visitor beside its content, on the example site: a description, a
//! link preview (Open Graph and Twitter tags with a picture that exists), icons, a language
//! switcher listing every language, the footer from site.toml.

use super::{content_pages, languages, site};
use crate::support::*;
use std::collections::BTreeSet;

/// `content` of `<meta property|name="key">` elements in a page's head.
fn meta(html: &str, key: &str) -> Vec<String> {
    let head = html.split("</head>").next().unwrap_or("");
    tags(head, "meta")
        .into_iter()
        .filter(|m| attr(m, "property").or_else(|| attr(m, "name")).as_deref() == Some(key))
        .filter_map(|m| attr(m, "content"))
        .collect()
}

/// Every HTML page but alias redirects: content pages, the chooser and 404.
fn every_page(b: &Built) -> Vec<(String, String)> {
    b.html_files()
        .into_iter()
        .map(|f| {
            let html = b.page(&f);
            (f, html)
        })
        .filter(|(_, html)| !is_redirect(html))
        .collect()
}

#[test]
fn every_page_has_a_description_and_a_preview_with_a_picture_that_exists() {
    let b = site();
    let pages = every_page(b);
    assert!(pages.len() > 60, "{} pages", pages.len());
    for (file, html) in &pages {
        let description = meta(html, "description");
        assert_eq!(description.len(), 1, "{file}: one description");
        assert!(description[0].trim().len() > 20, "{file}: {description:?}");
        assert_eq!(meta(html, "og:description"), description, "{file}");
        for key in ["og:title", "og:site_name", "og:locale", "twitter:title"] {
            let v = meta(html, key);
            assert!(
                v.len() == 1 && !v[0].trim().is_empty(),
                "{file}: {key} {v:?}"
            );
        }
        assert_eq!(
            meta(html, "twitter:card"),
            ["summary_large_image"],
            "{file}"
        );
        let image = meta(html, "og:image");
        assert_eq!(image.len(), 1, "{file}: one og:image");
        assert!(
            image[0].starts_with("https://training.example.org/"),
            "{file}: absolute"
        );
        let rel = b
            .file_for_url(&image[0])
            .unwrap_or_else(|| panic!("{file}: og:image {} is not in the output", image[0]));
        let size = imagesize::blob_size(&std::fs::read(b.out.join(&rel)).expect("image"))
            .expect("a picture");
        let w = meta(html, "og:image:width");
        let h = meta(html, "og:image:height");
        assert_eq!(w, [size.width.to_string()], "{file}: width of {rel}");
        assert_eq!(h, [size.height.to_string()], "{file}: height of {rel}");
        // og:url is the canonical address (404 has neither).
        assert_eq!(
            meta(html, "og:url").first().cloned(),
            canonical(html),
            "{file}: og:url"
        );
    }
    // The site's own picture is the theme's, 1200×630 as link previews want it.
    let share = std::fs::read(b.out.join("assets/share.png")).expect("share.png");
    let size = imagesize::blob_size(&share).expect("PNG");
    assert_eq!((size.width, size.height), (1200, 630));
    // A list describes itself with its section's summary; pages without one say what the site
    // offers (site.toml's `description`), in their language.
    let fr = meta(&b.page("fr/courses/index.html"), "description");
    assert_eq!(
        fr,
        ["Tous nos cours : en ligne, en présentiel, mixtes et à rythme libre."]
    );
    let fr = meta(&b.page("fr/calendar/index.html"), "description");
    assert!(fr[0].contains("Les formations du Centre"), "{fr:?}");
    let ar = meta(&b.page("ar/search/index.html"), "description");
    assert!(
        ar[0].contains("الدورات") || ar[0].contains("دورات"),
        "{ar:?}"
    );
}

#[test]
fn the_locale_and_its_alternates_are_the_languages_of_the_page() {
    let b = site();
    let html = b.page("en/courses/gender-audit-certification/index.html");
    assert_eq!(meta(&html, "og:locale"), ["en"]);
    let alts: BTreeSet<String> = meta(&html, "og:locale:alternate").into_iter().collect();
    let want: BTreeSet<String> = alternates(&html)
        .into_iter()
        .map(|(l, _)| l)
        .filter(|l| l != "en" && l != "x-default")
        .collect();
    assert_eq!(alts, want);
    assert!(!alts.contains("ar"), "the course has no Arabic page");
}

#[test]
fn icons_exist_and_favicon_ico_is_served() {
    let b = site();
    for f in ["favicon.ico", "apple-touch-icon.png", "assets/icon-192.png"] {
        assert!(b.exists(f), "{f}");
    }
    let ico = std::fs::read(b.out.join("favicon.ico")).expect("favicon.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    let apple = imagesize::blob_size(&std::fs::read(b.out.join("apple-touch-icon.png")).unwrap())
        .expect("PNG");
    assert_eq!((apple.width, apple.height), (180, 180));
    for (file, html) in every_page(b) {
        let head = html.split("</head>").next().unwrap_or("").to_string();
        let icons: Vec<&str> = tags(&head, "link")
            .into_iter()
            .filter(|l| attr(l, "rel").is_some_and(|r| r == "icon" || r == "apple-touch-icon"))
            .collect();
        assert_eq!(icons.len(), 3, "{file}: svg, png and apple-touch icons");
        for l in icons {
            let href = attr(l, "href").expect("href");
            assert!(b.file_for_url(&href).is_some(), "{file}: icon {href}");
        }
    }
}

#[test]
fn a_course_bundle_picture_is_the_preview_of_its_pages() {
    let s = Site::example();
    let png = std::fs::read(repo().join("themes/default/static/assets/icon-512.png")).unwrap();
    s.write(
        "content/courses/monitoring-evaluation-certification/share.png",
        &png,
    );
    let b = s.built();
    assert_success(&b.report);
    for lang in ["en", "fr"] {
        let html = b.page(&format!(
            "{lang}/courses/monitoring-evaluation-certification/index.html"
        ));
        let image = meta(&html, "og:image");
        assert_eq!(
            image,
            [format!("https://training.example.org/{lang}/courses/monitoring-evaluation-certification/share.png")]
        );
        assert!(b.file_for_url(&image[0]).is_some());
        assert_eq!(meta(&html, "og:image:width"), ["512"]);
    }
    // Other pages keep the site's picture.
    let other = b.page("en/courses/gender-audit-certification/index.html");
    assert_eq!(
        meta(&other, "og:image"),
        ["https://training.example.org/assets/share.png"]
    );
}

#[test]
fn the_switcher_lists_every_language_and_says_where_a_page_is_missing() {
    let b = site();
    let langs = languages();
    let mut missing_seen = 0;
    for (file, html) in content_pages(b) {
        let navs: Vec<Element> = elements(&html, "nav")
            .into_iter()
            .filter(|n| n.attr("class").as_deref() == Some("languages"))
            .collect();
        assert_eq!(navs.len(), 1, "{file}: one language switcher");
        let items: Vec<&str> = tags(navs[0].inner, "li");
        assert_eq!(items.len(), langs.len(), "{file}: every language");
        let inner = navs[0].inner;
        let translations: BTreeSet<String> = alternates(&html)
            .into_iter()
            .filter(|(l, _)| l != "x-default")
            .filter_map(|(_, u)| url_path(&u))
            .collect();
        let page_lang = file.split('/').next().unwrap_or("");
        for lang in &langs {
            let a = elements(inner, "a")
                .into_iter()
                .find(|a| a.attr("hreflang").as_deref() == Some(lang.as_str()));
            if lang == page_lang {
                assert!(a.is_none(), "{file}: the current language is not a link");
                assert!(inner.contains(&format!("<span aria-current=\"true\" lang=\"{lang}\">")));
                continue;
            }
            let a = a.unwrap_or_else(|| panic!("{file}: no link to {lang}"));
            let href = a.attr("href").expect("href");
            assert!(b.file_for_url(&href).is_some(), "{file}: {href} exists");
            assert!(href.starts_with(&format!("/{lang}/")), "{file}: {href}");
            if translations.contains(&href) {
                assert!(!a.has_attr("class"), "{file}: {href} is the translation");
            } else {
                missing_seen += 1;
                assert_eq!(
                    a.attr("class").as_deref(),
                    Some("lang-missing"),
                    "{file}: {href}"
                );
                assert!(a.inner.contains("class=\"lang-note\""), "{file}: a note");
                // The note of a course leads to the course list, of a notice to the notices.
                for section in ["courses", "notices"] {
                    if file.starts_with(&format!("{page_lang}/{section}/")) {
                        assert_eq!(href, format!("/{lang}/{section}/"), "{file}");
                    }
                }
            }
        }
    }
    assert!(missing_seen > 5, "{missing_seen} missing translations seen");
    let html = b.page("fr/courses/gender-audit-certification/index.html");
    assert!(
        text(&html).contains("هذه الصفحة غير متوفرة بالعربية"),
        "the note is in the language it is about"
    );
}

#[test]
fn the_footer_gives_the_organisation_in_the_page_language_with_its_links() {
    let b = site();
    let footer = |lang: &str| {
        let html = b.page(&format!("{lang}/index.html"));
        let f = elements(&html, "footer").pop().expect("a footer");
        (text(f.inner), links(f.inner))
    };
    let (en, en_links) = footer("en");
    assert!(
        en.contains("International Training Centre of the ILO"),
        "{en}"
    );
    assert!(
        en.contains("Viale Maestri del Lavoro 10, 10127 Turin, Italy"),
        "{en}"
    );
    assert!(en.contains("Contact"), "{en}");
    assert_eq!(en_links, ["/en/contact/"]);
    let (fr, fr_links) = footer("fr");
    assert!(
        fr.contains("Centre international de formation de l'OIT"),
        "{fr}"
    );
    assert_eq!(fr_links, ["/fr/contact/"]);
    let (ar, _) = footer("ar");
    assert!(ar.contains("اتصل بنا"), "{ar}");
}

#[test]
fn footer_links_accept_pages_addresses_and_e_mail_and_follow_the_base_path() {
    let s = Site::fixture("base");
    let toml = s.read("site.toml");
    let toml = toml.replace(
        "base_url = \"https://training.example.org\"",
        "base_url = \"https://example.org/training\"",
    );
    s.write(
        "site.toml",
        toml + "contact = \"training@example.org\"\nprivacy = \"https://example.org/privacy\"\n\
                accessibility.en = \"/en/accessibility/\"\naccessibility.fr = \"/fr/accessibilite/\"\n\
                address = \"1 Main Street\\nTurin\"\n",
    );
    let b = s.built();
    assert_success(&b.report);
    let html = b.page("fr/index.html");
    let f = elements(&html, "footer").pop().expect("footer");
    assert_eq!(
        links(f.inner),
        [
            "mailto:training@example.org",
            "https://example.org/privacy",
            "/training/fr/accessibilite/"
        ]
    );
    assert!(
        text(f.inner).contains("Confidentialité"),
        "{}",
        text(f.inner)
    );
    assert!(
        f.inner.contains("<address>1 Main Street\nTurin</address>"),
        "{}",
        f.inner
    );
}

#[test]
fn the_stylesheet_and_scripts_have_fingerprinted_names_that_every_page_uses() {
    let b = site();
    let files = b.files();
    let mut seen = BTreeSet::new();
    for (file, html) in every_page(b) {
        for tag in tags(&html, "link").into_iter().chain(tags(&html, "script")) {
            let Some(href) = attr(tag, "href").or_else(|| attr(tag, "src")) else {
                continue;
            };
            let Some(name) = href.strip_prefix("/assets/") else {
                continue;
            };
            if !(name.ends_with(".css") || name.ends_with(".js")) {
                continue;
            }
            let parts: Vec<&str> = name.split('.').collect();
            assert!(
                parts.len() == 3
                    && parts[1].len() == 12
                    && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
                "{file}: {href} is not fingerprinted"
            );
            assert!(
                files.contains_key(&format!("assets/{name}")),
                "{file}: {href}"
            );
            seen.insert(parts[0].to_string());
        }
    }
    let want: BTreeSet<String> = ["style", "prospectus", "find"].map(String::from).into();
    assert_eq!(seen, want);
    for plain in ["assets/style.css", "assets/prospectus.js", "assets/find.js"] {
        assert!(
            !files.contains_key(plain),
            "{plain} is published only fingerprinted"
        );
    }
}

#[test]
fn a_changed_stylesheet_gets_a_new_name_and_the_same_bytes_the_same_name() {
    let name = |b: &Built| {
        let html = b.page("en/index.html");
        tags(&html, "link")
            .into_iter()
            .find(|l| attr(l, "rel").as_deref() == Some("stylesheet"))
            .and_then(|l| attr(l, "href"))
            .expect("a stylesheet")
    };
    let first = name(&Site::fixture("base").built());
    assert_eq!(first, name(&Site::fixture("base").built()), "deterministic");
    let s = Site::fixture("base");
    let css = std::fs::read_to_string(repo().join("themes/default/static/assets/style.css"))
        .expect("style.css");
    s.write("static/assets/style.css", css + "\n.extra{color:red}\n");
    let b = s.built();
    let changed = name(&b);
    assert_ne!(first, changed, "a changed stylesheet has a new name");
    let served = std::fs::read_to_string(b.out.join(changed.trim_start_matches('/'))).unwrap();
    assert!(
        served.ends_with(".extra{color:red}\n"),
        "the site's stylesheet is the one named"
    );
}
