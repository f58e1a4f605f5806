//! Markdown to HTML with pulldown-cmark: tables, footnotes, heading ids for anchors, optional
//! escaping of raw HTML, and links checked. Text in, text out: no files, no site.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What rendering a body produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Ids given to headings, for anchor checks.
    pub ids: Vec<String>,
    /// Links that were refused or could not be resolved: (byte range in the body, message).
    pub problems: Vec<(Range<usize>, String)>,
    /// Internal links left as written (root-relative or relative), for the link checker.
    pub links: Vec<(Range<usize>, String)>,
    /// Raw HTML that the allow-list removed ([`crate::sanitize`]): (where, what).
    pub removed: Vec<(Range<usize>, crate::sanitize::Removed)>,
}

/// How `.md` links between content files become URLs: given the link target as written and
/// returns the page URL, or `None` if no such content file exists.
pub trait LinkResolver {
    fn resolve(&self, target: &str) -> Option<String>;

    /// Width and height of an image the text shows (`![…](diagram.png)`), when known.
    fn image_size(&self, _src: &str) -> Option<(u32, u32)> {
        None
    }
}

pub struct NoResolver;

impl LinkResolver for NoResolver {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// True for link targets that must never reach a page (`javascript:`, `data:`, `vbscript:`),
/// however they are spelled (case, spaces, control characters).
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || cleaned.starts_with("data:")
}

/// A heading's text turned into an id: lowercase letters and digits joined by `-`.
pub fn slugify(text: &str) -> String {
    // Room for the whole text at once; plain ASCII letters lowered without Unicode's tables.
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !alnum {
            dash = true;
            continue;
        }
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Renders a Markdown body to HTML: heading ids made unique, links resolved and checked
/// (problems in [`Rendered::problems`]), raw HTML kept, escaped (`raw_html = false`) or
/// sanitized.
pub fn render(body: &str, raw_html: bool, links: &dyn LinkResolver) -> Rendered {
    let mut out = Rendered::default();
    let mut raw = Vec::new();
    // HTML is a little longer than its Markdown: one allocation for most bodies.
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    // The events stream from the parser to the HTML writer, each seen once on the way (a
    // heading's held back until its end, for its id): collecting them first, then copying the
    // checked ones into a second list, had cost a tenth of rendering a body.
    let events = Checked {
        parser: Parser::new_ext(body, options()).into_offset_iter(),
        heading: std::collections::VecDeque::new(),
        used: HashSet::new(),
        raw_html,
        links,
        out: &mut out,
        raw: &mut raw,
    };
    html::push_html(&mut html, events);
    out.html = finish_images(html, links);
    // Autolinks `<https://…>` become links too; nothing more to do for them.
    let _ = LinkType::Autolink;
    // (With `raw_html = false`, raw HTML went out as text, which pulldown-cmark escapes.) A body
    // without raw HTML is left as it is: pulldown-cmark writes only the elements of Markdown,
    // escapes text and attributes, and the addresses were checked above.
    // A body whose raw HTML is all kept as written is left as it is too (see
    // `sanitize::check`); otherwise the whole body passes the sanitizer: a piece of raw HTML
    // can change how the HTML around it is read.
    let mut as_written = true;
    for (range, fragment) in &raw {
        let checked = crate::sanitize::check(fragment);
        as_written &= checked.as_written;
        for r in checked.removed {
            let at = locate_removed(body, range, &r);
            out.removed.push((at, r));
        }
    }
    if !as_written {
        out.html = crate::sanitize::clean(&out.html);
    }
    out
}

/// The parser's events on their way to the HTML writer: each heading given its id (an explicit
/// `{#id}` wins, else from the heading's text, made unique; listed in `out.ids`), the raw HTML
/// noted as written (an HTML block whole, or one inline tag) with the headings that have
/// attributes of their own (`{onclick=…}`): what the allow-list is applied to; raw HTML as
/// text when it is not allowed; link and image addresses checked (and resolved, for links to
/// content files).
struct Checked<'a, 'r> {
    parser: pulldown_cmark::OffsetIter<'a>,
    /// A heading's events, its start with its id, waiting to be written.
    heading: std::collections::VecDeque<Event<'a>>,
    used: HashSet<String>,
    raw_html: bool,
    links: &'r dyn LinkResolver,
    out: &'r mut Rendered,
    raw: &'r mut Vec<(Range<usize>, String)>,
}

impl<'a> Iterator for Checked<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(ev) = self.heading.pop_front() {
            return Some(ev);
        }
        let (ev, range) = self.parser.next()?;
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                self.hold_heading(ev, range);
                self.heading.pop_front()
            }
            Event::Start(Tag::HtmlBlock | Tag::Link { .. } | Tag::Image { .. })
            | Event::Html(_)
            | Event::InlineHtml(_) => {
                self.note_raw(&ev, &range);
                Some(self.check(ev, &range))
            }
            // Text and the other elements go out as they came.
            ev => Some(ev),
        }
    }
}

impl<'a> Checked<'a, '_> {
    /// Reads a heading to its end, gives its start its id and holds its events.
    fn hold_heading(&mut self, start: Event<'a>, range: Range<usize>) {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = start
        else {
            return;
        };
        if !attrs.is_empty() {
            self.raw.push((range, heading_tag(level, &attrs)));
        }
        let mut text = String::new();
        let mut inner = Vec::new();
        for (ev, range) in self.parser.by_ref() {
            if matches!(ev, Event::End(TagEnd::Heading(_))) {
                inner.push((ev, range));
                break;
            }
            if let Event::Text(t) | Event::Code(t) = &ev {
                text.push_str(t);
            }
            inner.push((ev, range));
        }
        let base = id.map_or_else(|| slugify(&text), |s| s.to_string());
        let mut candidate = base.clone();
        let mut n = 1;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        self.out.ids.push(candidate.clone());
        self.heading.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(candidate)),
            classes,
            attrs,
        }));
        for (ev, range) in inner {
            self.note_raw(&ev, &range);
            let ev = self.check(ev, &range);
            self.heading.push_back(ev);
        }
    }

    /// Notes raw HTML as written, for the allow-list.
    fn note_raw(&mut self, ev: &Event<'a>, range: &Range<usize>) {
        if !self.raw_html {
            return;
        }
        match ev {
            Event::Start(Tag::HtmlBlock) => self.raw.push((range.clone(), String::new())),
            // An HTML block comes line by line, inside its start and end.
            Event::Html(h) => {
                if let Some((_, text)) = self.raw.last_mut() {
                    text.push_str(h);
                }
            }
            Event::InlineHtml(h) => self.raw.push((range.clone(), h.to_string())),
            _ => {}
        }
    }

    /// The event to write: raw HTML as text when it is not allowed, addresses checked.
    fn check(&mut self, ev: Event<'a>, range: &Range<usize>) -> Event<'a> {
        let out = &mut *self.out;
        match ev {
            Event::Html(h) | Event::InlineHtml(h) if !self.raw_html => Event::Text(h),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // `<office@example.org>`: an e-mail address, written `mailto:` by the HTML
                // writer, not an address on the site.
                let dest = if link_type == LinkType::Email {
                    dest_url
                } else {
                    check_link(&dest_url, range, self.links, out)
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if is_dangerous_url(&dest_url) {
                    out.problems.push((
                        range.clone(),
                        format!("image address \"{dest_url}\" is not allowed"),
                    ));
                    CowStr::from("")
                } else {
                    dest_url
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            other => other,
        }
    }
}

/// A heading's start tag with its attributes (`## Title {onclick=x}`), for [`crate::sanitize`].
fn heading_tag(level: HeadingLevel, attrs: &[(CowStr<'_>, Option<CowStr<'_>>)]) -> String {
    let mut tag = format!("<{level}");
    for (k, v) in attrs {
        let v = v
            .as_deref()
            .unwrap_or("")
            .replace('&', "&amp;")
            .replace('"', "&quot;");
        tag.push_str(&format!(" {k}=\"{v}\""));
    }
    tag.push('>');
    tag
}

/// Where in the body a removal is written: on its line of the raw HTML starting at `range`,
/// at its tag or attribute name when it can be found there.
fn locate_removed(body: &str, range: &Range<usize>, r: &crate::sanitize::Removed) -> Range<usize> {
    let text = body.get(range.clone()).unwrap_or("");
    let line_start = range.start
        + text
            .match_indices('\n')
            .nth(r.line.saturating_sub(2))
            .filter(|_| r.line > 1)
            .map_or(0, |(i, _)| i + 1);
    let line_end = body[line_start..]
        .find('\n')
        .map_or(body.len(), |i| line_start + i);
    let line = body[line_start..line_end].to_ascii_lowercase();
    match line.find(&r.needle.to_ascii_lowercase()) {
        Some(i) => line_start + i..line_start + i + r.needle.len(),
        None => line_start..line_start + 1,
    }
}

fn check_link<'a>(
    dest: &CowStr<'a>,
    range: &Range<usize>,
    links: &dyn LinkResolver,
    out: &mut Rendered,
) -> CowStr<'a> {
    if is_dangerous_url(dest) {
        out.problems.push((
            range.clone(),
            format!("link address \"{dest}\" is not allowed (script and data links are refused)"),
        ));
        return CowStr::from("#");
    }
    let lower = dest.to_ascii_lowercase();
    let is_external =
        lower.contains("://") || lower.starts_with("mailto:") || lower.starts_with("tel:");
    if is_external || dest.starts_with('#') || dest.is_empty() {
        return dest.clone();
    }
    let (path, frag) = dest
        .split_once('#')
        .map_or((dest.as_ref(), None), |(p, f)| (p, Some(f)));
    if path.ends_with(".md") {
        return match links.resolve(path) {
            Some(url) => {
                let full = match frag {
                    Some(f) => format!("{url}#{f}"),
                    None => url,
                };
                out.links.push((range.clone(), full.clone()));
                CowStr::from(full)
            }
            None => {
                out.problems.push((
                    range.clone(),
                    format!("the link to \"{path}\" points to no content file"),
                ));
                dest.clone()
            }
        };
    }
    out.links.push((range.clone(), dest.to_string()));
    dest.clone()
}

/// Images load lazily and, when their size is known, reserve their space (no layout shift).
fn finish_images(html: String, links: &dyn LinkResolver) -> String {
    const OPEN: &str = "<img src=\"";
    if !html.contains(OPEN) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let src = after.find('"').map_or("", |e| &after[..e]);
        out.push_str("<img loading=\"lazy\" decoding=\"async\"");
        if let Some((w, h)) = links.image_size(&src.replace("&amp;", "&")) {
            out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        out.push_str(" src=\"");
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Inline Markdown (objectives, short texts) without the surrounding paragraph.
pub fn render_inline(text: &str, raw_html: bool) -> String {
    let r = render(text, raw_html, &NoResolver);
    let h = r.html.trim();
    let h = h
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(h);
    h.to_string()
}

/// Heading level as a number, for tests and outlines.
pub fn level(l: HeadingLevel) -> u8 {
    l as u8
}

#[cfg(test)]
mod tests;
