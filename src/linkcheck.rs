//! Internal link checking for `check`: every link and `#anchor` that points inside the site,
//! in Markdown bodies and in templates, must reach a page (and an element with that id).
//! Works on the rendered pages in memory; reads no files.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::render::{urls::Urls, Ctx};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Values of `attr="…"` in an HTML text, with their byte offsets (the renderer always quotes
/// attributes with `"`).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = html[pos..].find(&needle) {
        let start = pos + i + needle.len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        out.push(&html[start..start + len]);
        pos = start + len;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The site path a link points to, or `None` for external links, mailto:, tel: and the like.
fn resolve(urls: &Urls<'_>, page_url: &str, href: &str) -> Option<(String, Option<String>)> {
    let href = unescape(href);
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (href.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let base = &urls.config.base_url;
    let path = if let Some(rest) = path.strip_prefix(base.as_str()) {
        format!(
            "{}{}",
            urls.config.base_path(),
            if rest.is_empty() { "/" } else { rest }
        )
    } else if path.contains(':') || path.starts_with("//") {
        return None;
    } else if path.is_empty() {
        page_url.to_string()
    } else if path.starts_with('/') {
        path
    } else {
        let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in path.split('/') {
            match seg {
                "." | "" => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let trailing = if path.ends_with('/') { "/" } else { "" };
        format!("/{}{trailing}", parts.join("/"))
    };
    Some((path, frag))
}

/// The output file for a site path, if it exists.
fn target_file(urls: &Urls<'_>, files: &HashSet<&str>, path: &str) -> Option<String> {
    let f = urls.file_of(path);
    if files.contains(f.as_str()) {
        return Some(f);
    }
    let as_dir = format!("{}/index.html", f.trim_end_matches('/'));
    files.contains(as_dir.as_str()).then_some(as_dir)
}

/// The rendered pages links may lead to, with the ids of each page's elements (read when
/// first asked for).
struct Targets<'a> {
    outputs: &'a BTreeMap<String, Vec<u8>>,
    files: HashSet<&'a str>,
    ids: HashMap<String, HashSet<String>>,
}

impl Targets<'_> {
    /// Whether the output `file` has an element with the id `id`.
    fn has_id(&mut self, file: &str, id: &str) -> bool {
        let outputs = self.outputs;
        self.ids
            .entry(file.to_string())
            .or_insert_with(|| {
                let html = outputs
                    .get(file)
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                attr_values(&html, "id").into_iter().map(unescape).collect()
            })
            .contains(id)
    }
}

/// Checks links; `outputs` maps output paths to bytes (what `build` would write), `sources`
/// are the content files the site was made from (where Markdown links are reported).
pub fn check<F>(
    ctx: &Ctx<'_>,
    sources: &Sources<F>,
    outputs: &BTreeMap<String, Vec<u8>>,
    d: &mut Diagnostics,
) {
    let mut targets = Targets {
        outputs,
        files: outputs.keys().map(String::as_str).collect(),
        ids: HashMap::new(),
    };
    let from_bodies = body_links(ctx, sources, &mut targets, d);
    template_links(ctx, &mut targets, &from_bodies, d);
}

/// Each published text's content file and the address of its page.
fn text_pages(ctx: &Ctx<'_>) -> Vec<(usize, String)> {
    let (site, urls) = (ctx.site, &ctx.urls);
    let mut texts: Vec<(usize, String)> = Vec::new();
    for c in &site.courses {
        texts.extend(
            c.texts
                .iter()
                .map(|(l, t)| (t.file, urls.course(l, &c.slug))),
        );
    }
    for n in &site.notices {
        texts.extend(
            n.texts
                .iter()
                .map(|(l, t)| (t.file, urls.notice(l, &n.slug))),
        );
    }
    for p in &site.pages {
        texts.extend(p.texts.iter().map(|(l, t)| {
            (
                t.file,
                if p.is_section_index && (p.path == "courses" || p.path == "notices") {
                    format!("{}{}/", urls.home(l), p.path)
                } else {
                    urls.page(l, &p.path)
                },
            )
        }));
    }
    texts
}

/// Checks the links written in Markdown bodies, reported at their place in the content file;
/// returns them as (output file, href), so that the page check does not report them again.
fn body_links<F>(
    ctx: &Ctx<'_>,
    sources: &Sources<F>,
    targets: &mut Targets<'_>,
    d: &mut Diagnostics,
) -> HashSet<(String, String)> {
    let urls = &ctx.urls;
    let mut from_bodies: HashSet<(String, String)> = HashSet::new();
    for (file, page_url) in text_pages(ctx) {
        let Some(links) = ctx.body_links.get(&file) else {
            continue;
        };
        let f = &sources.files[file];
        let src = f.whole().with_base(f.body_start);
        for (range, href) in links {
            from_bodies.insert((urls.file_of(&page_url), href.clone()));
            let Some((path, frag)) = resolve(urls, &page_url, href) else {
                continue;
            };
            match target_file(urls, &targets.files, &path) {
                None => d.push(
                    Diagnostic::error("broken-link", format!("the link to \"{href}\" leads to no page of the site"))
                        .at(&src, range.clone())
                        .with_hint("link to another content file with its path ending in .md (e.g. ../courses/x.md), or fix the address"),
                ),
                Some(t) => {
                    if let Some(fr) = frag.filter(|f| !f.is_empty() && f != "top") {
                        if !targets.has_id(&t, &fr) {
                            d.push(
                                Diagnostic::error("broken-anchor", format!("the link to \"{href}\" names an anchor #{fr} that the page does not have"))
                                    .at(&src, range.clone())
                                    .with_hint("anchors are made from headings: \"## Fees and scholarships\" gets #fees-and-scholarships"),
                            );
                        }
                    }
                }
            }
        }
    }
    from_bodies
}

/// Checks every other link of every page, which comes from templates (`from_bodies`: the
/// links of Markdown bodies, checked already).
fn template_links(
    ctx: &Ctx<'_>,
    targets: &mut Targets<'_>,
    from_bodies: &HashSet<(String, String)>,
    d: &mut Diagnostics,
) {
    let urls = &ctx.urls;
    let mut reported: HashSet<(String, String)> = HashSet::new();
    for (file, bytes) in targets.outputs {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let page_url = format!(
            "{}/{}",
            urls.config.base_path(),
            file.trim_end_matches("index.html")
        );
        for attr in ["href", "src"] {
            for href in attr_values(&html, attr) {
                let href = unescape(href);
                if from_bodies.contains(&(file.clone(), href.clone())) {
                    continue;
                }
                let Some((path, frag)) = resolve(urls, &page_url, &href) else {
                    continue;
                };
                let problem = match target_file(urls, &targets.files, &path) {
                    None => Some(format!("links to {path}, which is not part of the site")),
                    Some(t) => frag
                        .filter(|f| !f.is_empty() && f != "top")
                        .filter(|f| !targets.has_id(&t, f))
                        .map(|f| {
                            format!(
                                "links to {path}#{f}, but that page has no element with id \"{f}\""
                            )
                        }),
                };
                if let Some(p) = problem {
                    if reported.insert((path.clone(), p.clone())) {
                        d.push(
                            Diagnostic::error("broken-template-link", format!("the page {file} {p}"))
                                .with_hint("the link comes from a template (templates/ or the theme); fix the template or the page it expects"),
                        );
                    }
                }
            }
        }
    }
}

/// Warns about pages of the previous build (its sitemap) that this build no longer has and
/// that no alias redirects: a published address must not vanish silently.
pub fn removed_pages(
    ctx: &Ctx<'_>,
    outputs: &BTreeMap<String, Vec<u8>>,
    previous: &[String],
    d: &mut Diagnostics,
) {
    let files: HashSet<&str> = outputs.keys().map(String::as_str).collect();
    let base = ctx.urls.config.base_path();
    for path in previous {
        // A previous build with another base path (a preview) is compared on the site's part.
        let local = path
            .strip_prefix(base)
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        let local = format!("{base}{local}");
        if target_file(&ctx.urls, &files, &local).is_none() {
            d.push(
                Diagnostic::warning("page-removed", format!("the page {local} was published by the previous build and is gone"))
                    .with_hint(format!(
                        "if the page moved or was renamed, add aliases = [\"{local}\"] to the front matter of the page that replaces it; visitors and search engines will be sent there"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attribute_values() {
        let html = r#"<a href="/a/">x</a><img src="b.png" alt=""><h2 id="fees">F</h2>"#;
        assert_eq!(attr_values(html, "href"), vec!["/a/"]);
        assert_eq!(attr_values(html, "src"), vec!["b.png"]);
        assert_eq!(attr_values(html, "id"), vec!["fees"]);
    }
}
