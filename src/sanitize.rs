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
    /// `<p>` start tags not yet closed in the piece: a `</p>` with none open makes an empty
    /// paragraph in the tree (as `</br>` makes a line break), so the piece is not read as written.
    open_p: std::cell::Cell<usize>,
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
            let stray = match name.as_str() {
                "p" => match self.open_p.get() {
                    0 => true,
                    n => {
                        self.open_p.set(n - 1);
                        false
                    }
                },
                "br" => true,
                _ => false,
            };
            if stray || !is_kept_element(&name) {
                self.odd.set(true);
            }
            return TokenSinkResult::Continue;
        }
        if name == "p" {
            self.open_p.set(self.open_p.get() + 1);
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
mod tests;
