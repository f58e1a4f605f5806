//! schema.org structured data (JSON-LD), built with serde_json, never with string templates,
//! checked against the rules it relies on ([`rules`]) and made safe to embed in a `<script>`
//! element. Courses are in [`course`]; which of them Google can show as rich results, in
//! [`rich`].

pub mod course;
pub mod rich;
pub mod rules;

pub use course::course;

use super::view::Link;
use super::Ctx;
use crate::model::Notice;
use serde_json::{json, Value};

/// A block checked against [`rules`] and serialised for its `<script>` element. A block that
/// breaks a rule is a bug of the program, not of the content: the page (`url`) is not written.
pub fn script(block: &Value, url: &str) -> Result<String, crate::diag::Diagnostic> {
    let problems = rules::check(block);
    if problems.is_empty() {
        return Ok(to_script(block));
    }
    Err(crate::diag::Diagnostic::error(
        "structured-data",
        format!(
            "the structured data (JSON-LD) of {url} breaks the rules it must follow: {}",
            problems.join("; ")
        ),
    )
    .with_hint(
        "this is a bug of Prospectus, not of your content: please report it with this message",
    ))
}

/// Serialises for a `<script type="application/ld+json">` element: `<`, `>` and `&` become
/// JSON escapes so no text can close the element or start a comment.
pub fn to_script(v: &Value) -> String {
    // Serialised into bytes, then the bytes to replace are found with `memchr` (a scan byte
    // by byte was half the cost of writing the block): the characters replaced are ASCII or,
    // for U+2028 and U+2029, the three bytes E2 80 A8/A9, so the text stays UTF-8.
    let json = serde_json::to_vec(v).unwrap_or_default();
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut last = 0;
    let mut found = Specials::new(&json);
    while let Some(i) = found.next(last) {
        let (rep, len): (&[u8], usize) = match json[i] {
            b'<' => (b"\\u003c", 1),
            b'>' => (b"\\u003e", 1),
            b'&' => (b"\\u0026", 1),
            0xE2 if json.get(i + 1) == Some(&0x80) && json.get(i + 2) == Some(&0xA8) => {
                (b"\\u2028", 3)
            }
            0xE2 if json.get(i + 1) == Some(&0x80) && json.get(i + 2) == Some(&0xA9) => {
                (b"\\u2029", 3)
            }
            // Another character starting with E2: kept.
            _ => continue,
        };
        out.extend_from_slice(&json[last..i]);
        out.extend_from_slice(rep);
        last = i + len;
    }
    out.extend_from_slice(&json[last..]);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The positions of the bytes `<`, `>`, `&` and 0xE2 in a text, in order: each kind is searched
/// for again only once passed, so the text is read once for each.
struct Specials<'a> {
    b: &'a [u8],
    ascii: Option<usize>,
    e2: Option<usize>,
    /// Where the next search starts.
    pos: usize,
}

impl<'a> Specials<'a> {
    fn new(b: &'a [u8]) -> Self {
        Specials {
            b,
            ascii: memchr::memchr3(b'<', b'>', b'&', b),
            e2: memchr::memchr(0xE2, b),
            pos: 0,
        }
    }

    /// The next position at or after `from` (and after the last one given).
    fn next(&mut self, from: usize) -> Option<usize> {
        let from = from.max(self.pos);
        let rest = self.b.get(from..)?;
        if self.ascii.is_some_and(|a| a < from) {
            self.ascii = memchr::memchr3(b'<', b'>', b'&', rest).map(|a| a + from);
        }
        if self.e2.is_some_and(|e| e < from) {
            self.e2 = memchr::memchr(0xE2, rest).map(|e| e + from);
        }
        let at = match (self.ascii, self.e2) {
            (Some(a), Some(e)) => a.min(e),
            (a, e) => a.or(e)?,
        };
        self.pos = at + 1;
        Some(at)
    }
}

/// The provider and publisher: the organisation, with its address when `site.toml` gives one.
fn provider(ctx: &Ctx<'_>, lang: &str) -> Value {
    let cfg = &ctx.site.config;
    let mut p = json!({
        "@type": "Organization",
        "name": cfg.organisation_name.get(lang, &cfg.text_order),
    });
    if let Some(u) = &cfg.organisation_url {
        p["url"] = json!(u);
        p["sameAs"] = json!(u);
    }
    p
}

/// An instant as JSON-LD writes it: RFC 3339 in UTC, to the second.
fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn breadcrumbs(ctx: &Ctx<'_>, crumbs: &[Link], name: &str, url: &str) -> Value {
    let mut items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, l)| json!({"@type": "ListItem", "position": i + 1, "name": l.label, "item": ctx.urls.abs(&l.href)}))
        .collect();
    items.push(json!({"@type": "ListItem", "position": items.len() + 1, "name": name, "item": ctx.urls.abs(url)}));
    object([
        ("@type", json!("BreadcrumbList")),
        ("itemListElement", Value::Array(items)),
    ])
}

/// An object from its members, moved in (`json!` would copy every value given by name).
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The document: `@context` and a `@graph` of `nodes`.
fn graph(nodes: Vec<Value>) -> Value {
    object([
        ("@context", json!("https://schema.org")),
        ("@graph", Value::Array(nodes)),
    ])
}

/// `ItemList` of the courses on a list page (catalogue or topic; none when it lists none),
/// with breadcrumbs.
pub fn item_list(ctx: &Ctx<'_>, urls: &[String], crumbs: &[Link], name: &str, url: &str) -> Value {
    let items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| json!({"@type": "ListItem", "position": i + 1, "url": ctx.urls.abs(u)}))
        .collect();
    let crumbs = breadcrumbs(ctx, crumbs, name, url);
    if items.is_empty() {
        // A topic without courses lists nothing.
        return graph(vec![crumbs]);
    }
    let list = object([
        ("@type", json!("ItemList")),
        ("name", json!(name)),
        ("itemListElement", Value::Array(items)),
    ]);
    graph(vec![list, crumbs])
}

/// A notice as an `Article` (a call for tender or announcement is a dated publication).
pub fn notice(ctx: &Ctx<'_>, n: &Notice, lang: &str, crumbs: &[Link]) -> Value {
    let t = &n.texts[lang];
    let url = ctx.urls.notice(lang, &n.slug);
    let date = instant(n.date.start_instant(ctx.site.config.timezone));
    let mut a = json!({
        "@type": "Article",
        "headline": t.title,
        "datePublished": date,
        "inLanguage": lang,
        "url": ctx.urls.abs(&url),
        "publisher": provider(ctx, lang),
        "author": provider(ctx, lang),
    });
    if let Some(s) = &t.summary {
        a["description"] = json!(s);
    }
    if let Some(e) = n.expires {
        a["expires"] = json!(instant(e.end_instant(ctx.site.config.timezone)));
    }
    graph(vec![a, breadcrumbs(ctx, crumbs, &t.title, &url)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe() {
        let v =
            json!({"name": "</script><script>alert(1)</script> & <!--", "é\u{2028}": "a\u{2029}b"});
        let s = to_script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'), "{s}");
        assert!(s.contains(r#""é\u2028":"a\u2029b""#), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_safe_between_other_e2_characters() {
        // Other characters that start with E2 (dashes, quotes, the euro sign) around and
        // between the ones replaced; at the very start and end of a value.
        let text = "\u{2019}a\u{2013}<\u{2028}\u{20ac}&\u{2029}\u{2026}>\u{2014}";
        let v = json!({ "x": text, "\u{2028}": [text, "\u{2029}"] });
        let s = to_script(&v);
        let want = serde_json::to_string(&v)
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        assert_eq!(s, want);
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }
}
