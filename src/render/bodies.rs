//! Markdown bodies: every body that will be published, rendered once per build (in parallel,
//! reusing what `serve` kept), with the problems of its links and raw HTML; links between
//! content files resolve to page URLs here.

use super::urls::Urls;
use super::BodyCache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::markdown::{self, LinkResolver};
use crate::model::{Kind, Site};
use rayon::prelude::*;
use std::collections::HashMap;

/// Resolves `[text](../courses/x.md)` links from one content file to the page URL in the
/// linking page's language (or the target's default language).
struct MdLinks<'a> {
    site: &'a Site,
    urls: &'a Urls<'a>,
    /// `content/`-relative folder of the linking file.
    dir: String,
    lang: String,
}

impl LinkResolver for MdLinks<'_> {
    fn image_size(&self, src: &str) -> Option<(u32, u32)> {
        if src.contains(':') || src.starts_with('/') {
            return None;
        }
        let mut parts: Vec<&str> = if self.dir.is_empty() {
            Vec::new()
        } else {
            self.dir.split('/').collect()
        };
        for seg in src.split('/') {
            match seg {
                "." | "" => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let rel = parts.join("/");
        self.site
            .assets
            .iter()
            .find(|a| a.rel == rel)
            .and_then(|a| a.size)
    }

    fn resolve(&self, target: &str) -> Option<String> {
        let joined = if let Some(abs) = target.strip_prefix('/') {
            abs.trim_start_matches("content/").to_string()
        } else {
            let mut parts: Vec<&str> = if self.dir.is_empty() {
                Vec::new()
            } else {
                self.dir.split('/').collect()
            };
            for seg in target.split('/') {
                match seg {
                    "." | "" => {}
                    ".." => {
                        parts.pop()?;
                    }
                    s => parts.push(s),
                }
            }
            parts.join("/")
        };
        let rel = format!("content/{joined}");
        let f = self.site.files.iter().find(|f| f.rel == rel)?;
        let slug = &f.slug;
        let langs = |has: &dyn Fn(&str) -> bool| -> Option<String> {
            if has(&self.lang) {
                Some(self.lang.clone())
            } else if has(&f.lang) {
                Some(f.lang.clone())
            } else {
                None
            }
        };
        match f.kind {
            Kind::Course => {
                let c = self.site.courses.iter().find(|c| &c.slug == slug)?;
                let l = langs(&|l| c.texts.contains_key(l))?;
                Some(self.urls.course(&l, slug))
            }
            Kind::Notice => {
                let n = self.site.notices.iter().find(|n| &n.slug == slug)?;
                let l = langs(&|l| n.texts.contains_key(l))?;
                Some(self.urls.notice(&l, slug))
            }
            Kind::Page => {
                let p = self.site.pages.iter().find(|p| &p.path == slug)?;
                let l = langs(&|l| p.texts.contains_key(l))?;
                Some(self.urls.page(&l, slug))
            }
        }
    }
}

/// Every Markdown body that will be published, rendered once, with the problems of its links.
/// Kept apart from [`super::prepare`] so that `build` can let go of the sources (file texts
/// and Markdown) before rendering pages: a large catalogue's sources are hundreds of megabytes.
pub struct Bodies {
    pub(super) bodies: HashMap<usize, std::sync::Arc<markdown::Rendered>>,
    pub(super) links: HashMap<usize, Vec<(std::ops::Range<usize>, String)>>,
    pub(super) diagnostics: Diagnostics,
}

/// Renders the bodies of `site`'s published texts, read from `sources`; those `cache` holds
/// (kept by `serve`) are reused, the others added to it.
pub fn render_bodies<F>(site: &Site, sources: &Sources<F>, cache: Option<&BodyCache>) -> Bodies {
    let lock = || cache.and_then(|c| c.lock().ok());
    let urls = Urls::new(&site.config);
    let mut d = Diagnostics::new();
    // Bodies of every text that will be published.
    let count = site.courses.iter().map(|c| c.texts.len()).sum::<usize>()
        + site.notices.iter().map(|n| n.texts.len()).sum::<usize>()
        + site.pages.iter().map(|p| p.texts.len()).sum::<usize>();
    let mut texts: Vec<(usize, &str, &str, usize)> = Vec::with_capacity(count);
    for c in &site.courses {
        for (l, t) in &c.texts {
            texts.push((t.file, l, sources.files[t.file].body(), t.body_offset));
        }
    }
    for n in &site.notices {
        for (l, t) in &n.texts {
            texts.push((t.file, l, sources.files[t.file].body(), t.body_offset));
        }
    }
    for p in &site.pages {
        for (l, t) in &p.texts {
            texts.push((t.file, l, sources.files[t.file].body(), t.body_offset));
        }
    }
    let hits: Vec<Option<std::sync::Arc<markdown::Rendered>>> = match lock() {
        Some(c) => texts
            .iter()
            .map(|&(file, lang, ..)| c.bodies.get(&site.files[file].rel)?.get(lang).cloned())
            .collect(),
        None => vec![None; texts.len()],
    };
    let rendered: Vec<(usize, std::sync::Arc<markdown::Rendered>, usize, bool)> = texts
        .par_iter()
        .zip(hits)
        .with_max_len(4)
        .map(|(&(file, lang, body, offset), hit)| {
            if let Some(hit) = hit {
                return (file, hit, offset, false);
            }
            let rel = &site.files[file].rel;
            let dir = rel
                .trim_start_matches("content/")
                .rsplit_once('/')
                .map_or("", |(d, _)| d)
                .to_string();
            let links = MdLinks {
                site,
                urls: &urls,
                dir,
                lang: lang.to_string(),
            };
            let r = markdown::render(body, site.config.raw_html, &links);
            (file, std::sync::Arc::new(r), offset, true)
        })
        .collect();
    if let Some(mut c) = lock() {
        for ((file, r, _, fresh), (_, lang, ..)) in rendered.iter().zip(&texts) {
            if *fresh {
                let rel = site.files[*file].rel.clone();
                c.bodies
                    .entry(rel)
                    .or_default()
                    .insert(lang.to_string(), std::sync::Arc::clone(r));
            }
        }
    }
    let mut bodies = HashMap::with_capacity(rendered.len());
    let mut body_links = HashMap::new();
    for (file, r, offset, _) in rendered {
        if !r.problems.is_empty() || !r.removed.is_empty() {
            // (Indexing a file's lines costs a pass over its text: only for files with problems.)
            let src = sources.files[file].whole().with_base(offset);
            for (range, msg) in &r.problems {
                d.push(
                Diagnostic::error("bad-link", msg.clone())
                    .at(&src, range.clone())
                    .with_hint("link to pages with https:// addresses or to other content files as relative paths ending in .md"),
            );
            }
            for (range, removed) in &r.removed {
                d.push(removed_html(removed).at(&src, range.clone()));
            }
        }
        if !r.links.is_empty() {
            body_links.insert(file, r.links.clone());
        }
        bodies.insert(file, r);
    }
    Bodies {
        bodies,
        links: body_links,
        diagnostics: d,
    }
}

/// The report of raw HTML that the allow-list removed: an error for an address that runs a
/// script or holds data (refused as such a Markdown link is), a warning for the rest (the page
/// is published without it).
fn removed_html(r: &crate::sanitize::Removed) -> Diagnostic {
    if r.script {
        Diagnostic::error("bad-link", r.message.clone())
        .with_hint("link to pages with https:// addresses or to other content files as relative paths ending in .md")
    } else {
        Diagnostic::warning(
            "html-removed",
            format!("HTML left out of the page: {}", r.message),
        )
        .with_hint("pages keep the HTML of text, tables, figures, images and <details> (see \"HTML in the text\" in docs/authors.md); link to videos, forms and other sites instead of embedding them")
    }
}
