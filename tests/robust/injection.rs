//! Script injection: payloads in every text field of the front matter, in every data-file value,
//! in site.toml and in every UI string of an `i18n/en.toml` override. The site must build, and
//! no output may carry a payload unescaped: HTML (text and attributes), JSON-LD (no way out of
//! its `<script>` element), Atom and the sitemap (well-formed XML), iCalendar (TEXT escaping).
//! URL fields refuse `javascript:` and `data:`; so do links in Markdown; `[markdown] raw_html =
//! false` escapes raw HTML in bodies, and front-matter Markdown never passes raw HTML.

use super::*;

/// The payloads, each tried in every text field.
pub const PAYLOADS: [&str; 6] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "'><svg onload=alert(1)>",
    "<!--<script>alert(1)//-->",
    "]]></content><script>alert(1)</script>",
];

/// What must never appear in an HTML or XML file as markup: each is the start of an element or
/// attribute that a payload above would open if it were left unescaped.
const MARKUP: [&str; 6] = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "\"><img",
    "'><svg",
    "<!--<script",
];

/// TOML basic string for any text.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The site: every free-text field holds all payloads (and a marker naming the field, to check
/// that the field was really rendered). Returns the site and the number of (field, payload)
/// pairs written.
pub(crate) fn injected_site() -> (Site, usize) {
    let s = Site::fixture("base");
    let all = PAYLOADS.join(" ");
    let mut fields = 0;
    let mut v = |name: &str| {
        fields += 1;
        q(&format!("{name}-{all}"))
    };
    s.write(
        "site.toml",
        format!(
            "title = {}\nbase_url = \"https://training.example.org\"\ndefault_language = \"en\"\nlanguages = [\"en\", \"fr\"]\ntimezone = \"Europe/Rome\"\n\n[organisation]\nname = {}\nurl = \"https://training.example.org\"\n",
            v("sitetitle"),
            v("orgname")
        ),
    );
    s.write(
        "data/contacts.toml",
        format!(
            "[ilsgen]\nname = {}\nemail = \"ilsgen@example.org\"\nphone = \"+39 011 693 6111\"\naddress = {}\n",
            v("contactname"),
            v("contactaddress")
        ),
    );
    s.write(
        "data/policies.toml",
        format!(
            "[regular-courses]\nnotice = {}\ntiers = [\n  {{ min_days = 14, refund_percent = 100 }},\n  {{ min_days = 0, refund_percent = 0 }},\n]\n",
            v("policynotice")
        ),
    );
    s.write(
        "data/topics.toml",
        format!(
            "[gender-equality]\nen = {}\nfr = {}\n",
            v("topicen"),
            v("topicfr")
        ),
    );
    s.write(
        "content/courses/base-course.md",
        format!(
            r#"+++
code = "B0000001"
title = {}
summary = {}
topics = ["gender-equality"]
modality = "blended"
languages = ["en"]
workload = {}
objectives = [{}, {}]
selection = {}
cancellation = "regular-courses"
contacts = ["ilsgen"]

[[sessions]]
name = {}
start = 2025-10-06
end = 2025-10-10
location = {}
modality = "face-to-face"

[[sessions]]
name = "Online phase"
start = 2025-10-13
end = 2025-10-31
location = "eCampus, Room 1; \\ back"

[application]
url = "https://apply.example.org/B0000001/en"
opens = 2025-06-01
deadline = 2025-09-15

[fee]
amount = 900
currency = "EUR"
label = {}
includes = [{}]
scholarships = {}
+++
The body, with a payload as text: {}
"#,
            v("coursetitle"),
            v("coursesummary"),
            v("workload"),
            v("objective1"),
            v("objective2"),
            v("selection"),
            v("sessionname"),
            v("sessionlocation"),
            v("feelabel"),
            v("feeincludes"),
            v("scholarships"),
            "&lt;script&gt; (entity-escaped by the author)"
        ),
    );
    s.write(
        "content/courses/base-course.fr.md",
        format!(
            "+++\ncode = \"B0000001\"\ntitle = {}\nsummary = {}\n\n[application]\nurl = \"https://apply.example.org/B0000001/fr\"\n+++\nCorps.\n",
            v("frtitle"),
            v("frsummary")
        ),
    );
    s.write(
        "content/notices/base-notice.md",
        format!(
            "+++\ntitle = {}\nsummary = {}\ndate = 2025-08-01\nkind = \"call-for-tender\"\nrelated_courses = [\"B0000001\"]\ncontacts = [\"ilsgen\"]\n+++\nNotice body.\n",
            v("noticetitle"),
            v("noticesummary")
        ),
    );
    s.write(
        "content/about.md",
        format!(
            "+++\ntitle = {}\nsummary = {}\nmenu = true\n+++\nAbout.\n",
            v("pagetitle"),
            v("pagesummary")
        ),
    );
    // Every UI string of the default theme, with the payloads in front (placeholders kept).
    let en = std::fs::read_to_string(repo().join("themes/default/i18n/en.toml")).unwrap();
    let table: toml::Table = en.parse().unwrap();
    let mut i18n = String::new();
    for (k, val) in &table {
        let text = val.as_str().expect("UI strings are text");
        i18n.push_str(&format!("{k} = {}\n", q(&format!("ui_{k}-{all} {text}"))));
        fields += 1;
    }
    s.write("i18n/en.toml", i18n);
    (s, fields * PAYLOADS.len())
}

/// The JSON-LD blocks of a page, parsed; their raw text must not be able to end the element.
fn json_ld(html: &str, file: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let end = after.find("</script>").expect("JSON-LD element closed");
        let raw = &after[..end];
        let lower = raw.to_ascii_lowercase();
        assert!(
            !lower.contains("</script") && !lower.contains("<!--") && !lower.contains("<script"),
            "{file}: JSON-LD text that can end or confuse its element: {raw}"
        );
        out.push(
            serde_json::from_str(raw)
                .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse ({e}): {raw}")),
        );
        rest = &after[end..];
    }
    out
}

/// The first real tag (`<` then a letter: escaped text never has one) that carries an `on…`
/// attribute (quoted attribute values are skipped, so escaped text inside them does not count).
fn event_handler_tag(html: &str) -> Option<&str> {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        i = start + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/') {
            i += 1; // the tag name
        }
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'=') {
                i += 1;
            }
            if html[name_start..i].to_ascii_lowercase().starts_with("on") {
                return Some(
                    &html[start
                        ..html[start..]
                            .find('>')
                            .map_or(html.len(), |e| start + e + 1)],
                );
            }
            if i < b.len() && b[i] == b'=' {
                i += 1;
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        i += 1;
                        while i < b.len() && b[i] != q {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'>') {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
    None
}

/// Every `<script` of a page is one the theme wrote: JSON-LD or the theme's own script, never
/// one a payload opened.
fn scripts_are_the_themes(html: &str, file: &str) {
    let mut rest = html;
    while let Some(i) = rest.to_ascii_lowercase().find("<script") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..tag_end];
        let body_end = rest[tag_end..]
            .find("</script>")
            .map_or(rest.len(), |e| tag_end + e);
        let body = &rest[tag_end..body_end];
        assert!(
            !body.contains("alert(1)") || tag.contains("application/ld+json"),
            "{file}: a script element runs a payload: {tag}{body}"
        );
        rest = &rest[body_end..];
    }
}

#[test]
fn payloads_in_every_field_come_out_escaped() {
    let (s, tried) = injected_site();
    let r = build_guarded(&s);
    assert_success(&r);
    let files = tree(&s.out());
    let mut seen_in_html = 0;
    let mut seen_in_jsonld = false;
    let mut seen_in_atom = false;
    let mut seen_in_ics = false;
    for (path, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let lower = text.to_ascii_lowercase();
        if path.ends_with(".html") {
            for m in MARKUP {
                assert!(!text.contains(m), "{path}: unescaped `{m}`");
            }
            assert!(!lower.contains("javascript:"), "{path}: a javascript: URL");
            if let Some(tag) = event_handler_tag(text) {
                panic!("{path}: a tag with an event handler: {tag}");
            }
            scripts_are_the_themes(text, path);
            for v in json_ld(text, path) {
                if v.to_string().contains("<script>alert(1)</script>") {
                    seen_in_jsonld = true;
                }
            }
            // The payloads are there, as text: escaping kept them, it did not drop them.
            if unescape(text).contains("coursetitle-<script>alert(1)</script>") {
                seen_in_html += 1;
            }
        } else if path.ends_with(".xml") {
            xml_well_formed(text).unwrap_or_else(|e| panic!("{path}: not well-formed: {e}"));
            for m in MARKUP {
                assert!(!text.contains(m), "{path}: unescaped `{m}`");
            }
            assert!(!text.contains("]]></content>"), "{path}: CDATA break-out");
            if path.ends_with("atom.xml") && text.contains("noticetitle-&lt;script&gt;") {
                seen_in_atom = true;
            }
        } else if path.ends_with(".ics") {
            assert!(
                text.split("\r\n")
                    .all(|l| l.len() <= 75 && !l.contains('\n')),
                "{path}: lines folded at 75 octets, CRLF only"
            );
            let unfolded = text.replace("\r\n ", "");
            if unfolded.contains("coursetitle-<script>alert(1)</script>") {
                seen_in_ics = true;
            }
            // TEXT escaping: `,` `;` `\` of the location "eCampus, Room 1; \ back".
            if unfolded.contains("eCampus") {
                assert!(
                    unfolded.contains("eCampus\\, Room 1\\; \\\\ back"),
                    "{path}: TEXT escaped:\n{unfolded}"
                );
            }
        } else if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("{path}: JSON does not parse: {e}"));
        }
    }
    assert!(seen_in_html > 0, "the course title reached the HTML");
    assert!(seen_in_jsonld, "the payloads reached the JSON-LD");
    assert!(seen_in_atom, "the notice title reached the Atom feed");
    assert!(seen_in_ics, "the course title reached the calendars");
    // Every field was rendered somewhere: its marker is in some output file.
    let everything: String = files
        .values()
        .map(|b| unescape(&String::from_utf8_lossy(b)))
        .collect();
    for marker in [
        "sitetitle-",
        "orgname-",
        "contactname-",
        "contactaddress-",
        "policynotice-",
        "topicen-",
        "coursetitle-",
        "coursesummary-",
        "workload-",
        "objective1-",
        "objective2-",
        "sessionname-",
        "sessionlocation-",
        "feeincludes-",
        "scholarships-",
        "frtitle-",
        "noticetitle-",
        "noticesummary-",
        "pagetitle-",
        "ui_nav_courses-",
    ] {
        assert!(
            everything.contains(marker),
            "the field `{marker}` was rendered"
        );
    }
    eprintln!(
        "injection: {tried} (field, payload) pairs in {} fields, {} output files checked",
        tried / PAYLOADS.len(),
        files.len()
    );
    assert!(tried >= 6 * 140, "{tried}");
}

#[test]
fn urls_refuse_script_and_data_schemes() {
    let bad = [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example.org/x",
        "https://\"><script>alert(1)</script>",
    ];
    for url in bad {
        // application.url of a course
        let s = Site::fixture("base");
        let text = s.read("content/courses/base-course.md").replace(
            "url = \"https://apply.example.org/B0000001/en\"",
            &format!("url = {}", q(url)),
        );
        s.write("content/courses/base-course.md", &text);
        let r = build_guarded(&s);
        assert_eq!(r.outcome, Outcome::ContentErrors, "{url:?}\n{}", show(&r));
        let d = only_error(&r);
        assert_eq!(d.code, "bad-url", "{url:?}: {d:#?}");
        assert_eq!(d.file.as_deref(), Some("content/courses/base-course.md"));
        assert!(d.line_text.as_deref().unwrap_or("").starts_with("url = "));

        // a contact's url in data/contacts.toml
        let s = Site::fixture("base");
        s.write(
            "data/contacts.toml",
            format!(
                "[ilsgen]\nname = \"Gender\"\nemail = \"ilsgen@example.org\"\nurl = {}\n",
                q(url)
            ),
        );
        let r = build_guarded(&s);
        assert_eq!(r.outcome, Outcome::ContentErrors, "{url:?}\n{}", show(&r));
        let d = only_error(&r);
        assert_eq!(
            (d.code, d.file.as_deref()),
            ("bad-url", Some("data/contacts.toml"))
        );

        // the organisation's url in site.toml
        let s = Site::fixture("base");
        let text = s.read("site.toml").replace(
            "\nurl = \"https://training.example.org\"",
            &format!("\nurl = {}", q(url)),
        );
        s.write("site.toml", &text);
        let r = build_guarded(&s);
        assert_eq!(r.outcome, Outcome::ContentErrors, "{url:?}\n{}", show(&r));
        let d = only_error(&r);
        assert_eq!(
            (d.code, d.file.as_deref()),
            ("bad-url", Some("site.toml")),
            "{url:?}"
        );
    }
}

#[test]
fn script_and_data_links_in_markdown_are_refused() {
    let links = [
        "[click](javascript:alert(1))",
        "[click](  JavaScript:alert(1) )",
        "[click](java&#x73;cript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "![img](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click](vbscript:msgbox)",
    ];
    for link in links {
        let s = Site::fixture("base");
        s.write(
            "content/about.md",
            format!("+++\ntitle = \"About\"\n+++\nFirst line.\n\nSee {link}\n\nEnd.\n"),
        );
        let r = build_guarded(&s);
        assert_eq!(r.outcome, Outcome::ContentErrors, "{link:?}\n{}", show(&r));
        let d = only_error(&r);
        assert_eq!(d.code, "bad-link", "{link:?}: {d:#?}");
        assert_eq!(d.file.as_deref(), Some("content/about.md"));
        assert_eq!(d.line, 6, "the line of the link: {d:#?}");
    }
}

/// Raw HTML in a body passes the allow-list by default (trusted staff, SPEC: scripts and event
/// handlers are removed, and reported) and is escaped with `[markdown] raw_html = false`;
/// front-matter Markdown never passes raw HTML.
#[test]
fn raw_html_switch() {
    let body = "Intro <b>bold</b>.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"alert(1)\">x</div>\n";
    let objective = "Learn <script>alert(1)</script> *well*";
    for raw in [true, false] {
        let s = Site::fixture("base");
        if !raw {
            let cfg = s.read("site.toml") + "\n[markdown]\nraw_html = false\n";
            s.write("site.toml", cfg);
        }
        s.write(
            "content/about.md",
            format!("+++\ntitle = \"About\"\n+++\n{body}"),
        );
        let course = s.read("content/courses/base-course.md").replace(
            "contacts = [\"ilsgen\"]",
            &format!("contacts = [\"ilsgen\"]\nobjectives = [{}]", q(objective)),
        );
        s.write("content/courses/base-course.md", course);
        let r = build_guarded(&s);
        assert_success(&r);
        let page = std::fs::read_to_string(s.out().join("en/about/index.html")).unwrap();
        if raw {
            assert!(page.contains("<b>bold</b>"), "kept by the allow-list");
            assert!(
                page.contains("<div>x</div>"),
                "the element stays, its handler goes"
            );
            for m in MARKUP {
                assert!(!page.contains(m), "the allow-list leaves `{m}`");
            }
            assert!(!page.contains("onerror") && !page.contains("onclick"));
            let removed: Vec<_> = r
                .diagnostics
                .iter()
                .filter(|d| d.code == "html-removed")
                .map(|d| d.line)
                .collect();
            assert_eq!(
                removed,
                vec![6, 8, 10],
                "script, onerror, onclick: {}",
                show(&r)
            );
        } else {
            for m in MARKUP {
                assert!(!page.contains(m), "raw_html = false leaves `{m}`");
            }
            assert!(!page.contains("<b>bold</b>") && !page.contains("<div onclick"));
            assert!(
                unescape(&page).contains("<script>alert(1)</script>"),
                "shown as text"
            );
        }
        let course =
            std::fs::read_to_string(s.out().join("en/courses/base-course/index.html")).unwrap();
        assert!(
            !course.contains("<script>alert"),
            "front-matter Markdown escapes raw HTML (raw_html = {raw})"
        );
        assert!(
            course.contains("<em>well</em>"),
            "and still renders Markdown"
        );
    }
}

#[test]
fn ids_that_would_become_paths_are_refused() {
    // A course code names a calendar file; a topic id names a folder.
    let s = Site::fixture("base");
    let text = s
        .read("content/courses/base-course.md")
        .replace("code = \"B0000001\"", "code = \"../../x</script>\"");
    s.write("content/courses/base-course.md", text);
    s.write(
        "content/courses/base-course.fr.md",
        s.read("content/courses/base-course.fr.md")
            .replace("code = \"B0000001\"", "code = \"../../x</script>\""),
    );
    s.write(
        "content/notices/base-notice.md",
        "+++\ntitle = \"N\"\ndate = 2025-08-01\n+++\nx\n",
    );
    let r = build_guarded(&s);
    assert_eq!(r.outcome, Outcome::ContentErrors, "{}", show(&r));
    assert!(
        errors(&r).iter().all(|d| d.code == "bad-value"),
        "{}",
        show(&r)
    );

    let s = Site::fixture("base");
    s.write(
        "data/topics.toml",
        "[gender-equality]\nen = \"G\"\n\n[\"../../etc\"]\nen = \"Up\"\n",
    );
    let r = build_guarded(&s);
    assert_eq!(r.outcome, Outcome::ContentErrors, "{}", show(&r));
    let d = only_error(&r);
    assert_eq!(
        (d.code, d.file.as_deref(), d.line),
        ("bad-slug", Some("data/topics.toml"), 4)
    );
}
