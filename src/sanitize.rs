//! The allow-list of raw HTML in Markdown bodies, applied by `ammonia`, and what it removes
//! from a piece of raw HTML (for the warnings and errors that point at it). Text in, text out.
//!
//! Kept: the elements of text, tables, figures, images and disclosure (`<details>`), with the
//! attributes that describe them; ids, classes, languages and directions. Removed: scripts and
//! styles with their content, event handlers and `style` attributes (a table cell's
//! `text-align`, which Markdown tables write, excepted), forms, frames, embedded objects,
//! `<base>`, `<meta>`, `<link>`, comments, and every address whose scheme is not http, https,
//! mailto or tel (relative addresses are kept), however it is written (entities, case, spaces).
//! The lists are documented for staff in docs/authors.md ("HTML in the text").

use ammonia::Builder;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::sync::OnceLock;

/// The elements kept.
pub const TAGS: [&str; 56] = [
    "a",
    "abbr",
    "address",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// More elements kept: time, underline, variables, line-break opportunities and ruby.
const MORE_TAGS: [&str; 7] = ["time", "u", "var", "wbr", "ruby", "rt", "rp"];

/// Attributes kept on every kept element (and every `aria-…` attribute).
pub const GENERIC_ATTRIBUTES: [&str; 6] = ["id", "class", "lang", "dir", "title", "role"];

/// Attributes kept on some elements only.
pub const TAG_ATTRIBUTES: [(&str, &[&str]); 13] = [
    ("a", &["href", "hreflang"]),
    (
        "img",
        &["src", "alt", "width", "height", "loading", "decoding"],
    ),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    (
        "th",
        &["colspan", "rowspan", "headers", "scope", "abbr", "style"],
    ),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("bdo", &["dir"]),
];

/// The schemes an address may have (relative addresses are kept too).
pub const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Elements removed with everything inside them (the others are removed and their text kept).
const REMOVED_WITH_CONTENT: [&str; 2] = ["script", "style"];

/// Attributes that hold an address (as `ammonia` checks them).
fn is_url_attribute(attr: &str) -> bool {
    matches!(
        attr,
        "href" | "src" | "xlink:href" | "action" | "formaction" | "poster" | "data" | "ping"
    )
}

/// The one `style` a table cell may keep: the alignment Markdown tables write.
fn cell_alignment(style: &str) -> bool {
    let s = style.trim().trim_end_matches(';').trim();
    let Some(v) = s.strip_prefix("text-align:") else {
        return false;
    };
    matches!(v.trim(), "left" | "center" | "right")
}

fn builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Builder::empty();
        b.add_tags(TAGS)
            .add_tags(MORE_TAGS)
            .clean_content_tags(REMOVED_WITH_CONTENT.into_iter().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.into_iter().collect())
            .generic_attribute_prefixes(["aria-"].into_iter().collect())
            .tag_attributes(
                TAG_ATTRIBUTES
                    .iter()
                    .map(|(t, a)| (*t, a.iter().copied().collect()))
                    .collect(),
            )
            .url_schemes(URL_SCHEMES.into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .attribute_filter(|_, attr, value| match attr {
                "style" if !cell_alignment(value) => None,
                _ => Some(value.into()),
            });
        b
    })
}

/// HTML with everything off the allow-list removed.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

/// Something [`clean`] removes from a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Line of the piece (from 1) where it is written.
    pub line: usize,
    /// What to look for on that line to point at it (`<iframe`, `onclick`).
    pub needle: String,
    pub message: String,
    /// An address that runs a script or holds data (`javascript:`, `data:`): refused like such
    /// a link written in Markdown, where the others are only warned about.
    pub script: bool,
}

/// What the allow-list makes of a piece of raw HTML (see [`check`]).
#[derive(Debug, Default)]
pub struct Checked {
    pub removed: Vec<Removed>,
    /// The piece is published as written: nothing in it is removed, and nothing in it needs
    /// the sanitizer's reading (no comment, doctype, NUL, unfinished tag or other parse error).
    pub as_written: bool,
}

/// A start tag as the tokenizer reads it: name, attributes (values with their character
/// references decoded) and line (from 1).
type StartTag = (String, Vec<(String, String)>, usize);

/// The start tags of a piece of HTML, and whether anything else than tags and text was in it.
#[derive(Default)]
struct Tags {
    tags: RefCell<Vec<StartTag>>,
    odd: std::cell::Cell<bool>,
}

impl TokenSink for Tags {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        let tag = match token {
            Token::TagToken(tag) => tag,
            Token::CharacterTokens(_) | Token::EOFToken => return TokenSinkResult::Continue,
            _ => {
                self.odd.set(true);
                return TokenSinkResult::Continue;
            }
        };
        let name = tag.name.to_string();
        if tag.kind != TagKind::StartTag {
            if !is_kept_element(&name) {
                self.odd.set(true);
            }
            return TokenSinkResult::Continue;
        }
        let attrs = tag
            .attrs
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        self.tags
            .borrow_mut()
            .push((name.clone(), attrs, usize::try_from(line).unwrap_or(1)));
        // What follows these is text to the tokenizer, as in a browser (`<script>a<b</script>`
        // holds no element `b`).
        match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The start tags of `html` and whether it held anything odd (see [`Checked::as_written`]).
fn read_tags(html: &str) -> (Vec<StartTag>, bool) {
    let tokenizer = Tokenizer::new(Tags::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    (tokenizer.sink.tags.take(), tokenizer.sink.odd.get())
}

fn is_kept_element(name: &str) -> bool {
    TAGS.contains(&name) || MORE_TAGS.contains(&name)
}

/// Whether an address is kept: a scheme of [`URL_SCHEMES`], or relative (as `ammonia` reads
/// it, with the same parser).
fn is_kept_address(value: &str) -> bool {
    match ammonia::Url::parse(value) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(e) => e == ammonia::url::ParseError::RelativeUrlWithoutBase,
    }
}

/// Whether the allow-list keeps attribute `attr` with `value` on a kept element `tag`.
fn is_kept_attribute(tag: &str, attr: &str, value: &str) -> bool {
    allowed_on(tag, attr)
        && (!is_url_attribute(attr) || is_kept_address(value))
        && (attr != "style" || cell_alignment(value))
}

/// What the allow-list removes from `fragment` (a piece of raw HTML as written in a body), and
/// whether the piece is published as written. Read with the tokenizer of `html5ever` (the
/// parser `ammonia` uses), against the lists above; `ammonia` does the removing. A body whose
/// every piece is published as written is left as it is: its tags are the pieces' tags and
/// the Markdown renderer's, each on the list, and nothing in a piece changes how the rest is
/// read (no unfinished tag, comment, or element whose content is not HTML).
pub fn check(fragment: &str) -> Checked {
    let (tags, odd) = read_tags(fragment);
    let mut removed = Vec::new();
    for (name, attrs, line) in &tags {
        if !is_kept_element(name) {
            let content = if REMOVED_WITH_CONTENT.contains(&name.as_str()) {
                " with its content"
            } else {
                ""
            };
            removed.push(Removed {
                line: *line,
                needle: format!("<{name}"),
                message: format!("the <{name}> element{content}"),
                script: false,
            });
            continue;
        }
        for (a, v) in attrs {
            if is_kept_attribute(name, a, v) {
                continue;
            }
            let script = is_url_attribute(a) && crate::markdown::is_dangerous_url(v);
            let message = if script {
                format!("the address \"{v}\" in the `{a}` attribute of <{name}> is not allowed (script and data addresses are refused)")
            } else if is_url_attribute(a) && allowed_on(name, a) {
                format!("the `{a}` attribute of <{name}> (its address \"{v}\" is not http, https, mailto, tel or a relative address)")
            } else {
                format!("the `{a}` attribute of <{name}>")
            };
            removed.push(Removed {
                line: *line,
                needle: a.clone(),
                message,
                script,
            });
        }
    }
    Checked {
        as_written: removed.is_empty() && !odd,
        removed,
    }
}

/// Whether the allow-list keeps attribute `attr` on element `tag` (its value aside).
fn allowed_on(tag: &str, attr: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attr)
        || attr.starts_with("aria-")
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, list)| *t == tag && list.contains(&attr))
}

#[cfg(test)]
mod tests {
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
            "a", "p", "div", "img", "td", "th", "table", "tr", "span", "details", "script",
            "style", "iframe", "form", "base", "meta", "object", "svg", "math", "textarea", "b",
            "h2", "ol", "time", "video", "input", "button", "noscript", "template",
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
}
