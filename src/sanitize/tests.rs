//! The allow-list against `ammonia`, and what it keeps and removes.

use super::*;
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn removed(fragment: &str) -> Vec<Removed> {
    check(fragment).removed
}

/// The start tags `ammonia` removes from `fragment`, found by comparing what it leaves with
/// what was written: the reference [`check`] is held to.
fn removed_by_ammonia(fragment: &str) -> Vec<(usize, String)> {
    let (before, _) = read_tags(fragment);
    let (after, _) = read_tags(&clean(fragment));
    let mut elements: HashMap<&str, usize> = HashMap::new();
    let mut attributes: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for (name, attrs, _) in &after {
        *elements.entry(name).or_default() += 1;
        for (a, v) in attrs {
            *attributes.entry((name, a, v)).or_default() += 1;
        }
    }
    fn take<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, key: &K) -> bool {
        match counts.get_mut(key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
    let mut out = Vec::new();
    for (name, attrs, line) in &before {
        if !take(&mut elements, &name.as_str()) {
            out.push((*line, format!("<{name}")));
            continue;
        }
        for (a, v) in attrs {
            if !take(&mut attributes, &(name.as_str(), a.as_str(), v.as_str())) {
                out.push((*line, a.clone()));
            }
        }
    }
    out
}

#[test]
fn keeps_what_staff_write() {
    let html = "<table><caption>Fees</caption><thead><tr><th scope=\"col\" style=\"text-align: center\">Level</th></tr></thead><tbody><tr><td colspan=\"2\">Individual</td></tr></tbody></table>\
<figure><img src=\"plan.png\" alt=\"Plan\" width=\"640\" height=\"120\" loading=\"lazy\"><figcaption>The plan</figcaption></figure>\
<details open=\"\"><summary>More</summary><p lang=\"fr\" dir=\"ltr\">Plus <abbr title=\"Organisation\">OIT</abbr> H<sub>2</sub>O m<sup>2</sup></p></details>\
<h2 id=\"fees\" class=\"wide\">Fees</h2><a href=\"https://example.org/x\">x</a> <a href=\"mailto:a@example.org\">m</a> <a href=\"tel:+39011\">t</a> <a href=\"../courses/\">r</a> <a href=\"#fees\">f</a>";
    assert_eq!(clean(html), html);
    let c = check(html);
    assert!(c.as_written && c.removed.is_empty(), "{c:?}");
}

#[test]
fn removes_scripts_handlers_and_foreign_addresses() {
    let cases = [
        ("<script>alert(1)</script>", ""),
        ("<p onclick=\"alert(1)\">x</p>", "<p>x</p>"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:x\">x</a>", "<a>x</a>"),
        (
            "<img src=\"data:image/png;base64,AA\" alt=\"a\">",
            "<img alt=\"a\">",
        ),
        (
            "<img src=\"a.png\" srcset=\"javascript:x 2x\" alt=\"a\">",
            "<img src=\"a.png\" alt=\"a\">",
        ),
        ("<base href=\"https://evil.example/\">", ""),
        (
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">",
            "",
        ),
        (
            "<form action=\"javascript:x\"><input formaction=\"javascript:y\"></form>",
            "",
        ),
        ("<iframe src=\"https://evil.example/\"></iframe>", ""),
        ("<svg><a xlink:href=\"javascript:x\">y</a></svg>", ""),
        (
            "<p style=\"background:url(javascript:x)\">x</p>",
            "<p>x</p>",
        ),
        (
            "<table><tr><td style=\"text-align: left; color: red\">x</td></tr></table>",
            "<table><tbody><tr><td>x</td></tr></tbody></table>",
        ),
        (
            "<blockquote cite=\"javascript:x\">q</blockquote>",
            "<blockquote>q</blockquote>",
        ),
        ("<video poster=\"javascript:x\"></video>", ""),
        ("<a href=\"ftp://files.example/\">f</a>", "<a>f</a>"),
    ];
    for (input, want) in cases {
        assert_eq!(clean(input), want, "{input}");
        let c = check(input);
        assert!(!c.removed.is_empty() && !c.as_written, "{input}: {c:?}");
    }
    // Nothing is removed from a comment but itself: the sanitizer runs (it strips it).
    let c = check("<!-- private note -->text");
    assert!(c.removed.is_empty() && !c.as_written);
    assert_eq!(clean("<!-- private note -->text"), "text");
}

#[test]
fn reports_each_removal_with_its_line() {
    let r = removed("<div>\n<a href=\"javascript:alert(1)\" onclick=\"x\">a</a>\n<iframe src=\"https://v.example/\"></iframe>\n<a href=\"ftp://f.example/\">f</a>\n</div>\n");
    let got: Vec<(usize, &str, bool)> = r
        .iter()
        .map(|x| (x.line, x.needle.as_str(), x.script))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "href", true),
            (2, "onclick", false),
            (3, "<iframe", false),
            (4, "href", false)
        ]
    );
    assert!(r[3].message.contains("ftp://"), "{:?}", r[3]);
    assert!(r[2].message.contains("<iframe>"), "{:?}", r[2]);
}

#[test]
fn script_text_is_not_read_as_tags() {
    let r = removed("<script>if (a<b) { x() }</script>");
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(r[0].message.contains("<script> element with its content"));
}

#[test]
fn unfinished_pieces_go_through_the_sanitizer() {
    for piece in [
        "<div title=\"x",
        "<p",
        "<!-- x",
        "<div>\0</div>",
        "<p id=a id=b>",
    ] {
        assert!(!check(piece).as_written, "{piece:?}");
    }
}

/// Pieces of HTML from the elements, attributes and values that matter.
fn piece() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(vec![
        "a", "p", "div", "img", "td", "th", "table", "tr", "span", "details", "script", "style",
        "iframe", "form", "base", "meta", "object", "svg", "math", "textarea", "b", "h2", "ol",
        "time", "video", "input", "button", "noscript", "template",
    ]);
    let attr = prop::sample::select(vec![
        "href",
        "src",
        "id",
        "class",
        "style",
        "onclick",
        "lang",
        "title",
        "srcset",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "data",
        "colspan",
        "alt",
        "aria-label",
        "width",
        "datetime",
        "cite",
        "ping",
        "open",
        "dir",
    ]);
    let value = prop::sample::select(vec![
        "https://example.org/",
        "javascript:alert(1)",
        "&#106;avascript:x",
        "java\tscript:x",
        " JAVASCRIPT:x",
        "data:text/html,x",
        "mailto:a@b.org",
        "tel:+1",
        "../x",
        "#top",
        "ftp://x.org/",
        "text-align: center",
        "color: red",
        "2",
        "",
        "x\"y",
        "//evil.org/",
        "file:///etc/passwd",
        "vbscript:x",
        "text-align:left",
    ]);
    let attrs = prop::collection::vec((attr, value), 0..3);
    let open = (tag.clone(), attrs).prop_map(|(t, attrs)| {
        let mut s = format!("<{t}");
        for (a, v) in attrs {
            s.push_str(&format!(" {a}=\"{}\"", v.replace('"', "&quot;")));
        }
        s.push('>');
        s
    });
    let part = prop_oneof![
        open,
        tag.prop_map(|t| format!("</{t}>")),
        Just("text ".to_string()),
        Just("\n".to_string()),
        Just("<!-- c -->".to_string()),
        Just("a<b".to_string()),
    ];
    prop::collection::vec(part, 1..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// A piece published as written is one `ammonia` removes nothing from: every element
    /// it leaves has the attributes written (the HTML parser may drop a misplaced table
    /// cell or add a tbody, as a browser does). And what is reported removed is what
    /// `ammonia` removes (elements the parser moves or drops aside).
    #[test]
    fn check_agrees_with_ammonia(p in piece()) {
        let c = check(&p);
        if c.as_written {
            let (before, _) = read_tags(&p);
            let (after, _) = read_tags(&clean(&p));
            let written: HashSet<(String, Vec<(String, String)>)> =
                before.iter().map(|(n, a, _)| (n.clone(), a.clone())).collect();
            for (n, a, _) in &after {
                if before.iter().any(|(m, _, _)| m == n) {
                    prop_assert!(written.contains(&(n.clone(), a.clone())), "{} left <{} {:?}>", p, n, a);
                }
            }
            let left: HashSet<(&String, &Vec<(String, String)>)> =
                after.iter().map(|(n, a, _)| (n, a)).collect();
            for (n, a, _) in &before {
                if after.iter().any(|(m, _, _)| m == n) {
                    prop_assert!(left.contains(&(n, a)), "{} lost attributes of <{} {:?}>", p, n, a);
                }
            }
        }
        let moved = ["<td", "<th", "<tr", "<table", "<svg", "<math", "<template"];
        if !moved.iter().any(|f| p.contains(f)) {
            let mut mine: Vec<(usize, String)> =
                c.removed.iter().map(|r| (r.line, r.needle.clone())).collect();
            let mut theirs = removed_by_ammonia(&p);
            mine.sort();
            theirs.sort();
            prop_assert_eq!(mine, theirs, "{}", p);
        }
    }
}

/// Found by `check_agrees_with_ammonia`: a `</p>` with no `<p>` open (or any `</br>`) makes an
/// element in the tree, so the piece is not the same once read; it goes through `ammonia`.
#[test]
fn a_stray_end_tag_is_not_read_as_written() {
    assert!(!check("</p><p dir=\"https://example.org/\">").as_written);
    assert!(!check("text</br>").as_written);
    assert!(check("<p dir=\"rtl\">text</p>").as_written);
    assert!(check("<details><p>a</p><p>b</p></details>").as_written);
}
