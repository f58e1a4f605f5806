//! Reading a site from disk: `site.toml`, `content/`, `data/` and the theme. The only module that
//! reads the site's files.

pub mod config;
pub mod course;
pub mod data;
pub mod fee;
pub mod fields;
pub mod frontmatter;
pub mod items;
pub mod repeat;
mod runs;
mod session;
pub mod settings;
pub mod shared;
pub mod text_checks;
pub mod theme;
pub mod values;
pub mod visitors;
pub mod walk;

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Asset, ContentFile, Data, Kind, SiteConfig, Theme};
use fields::Fields;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use toml::de::DeTable;
pub use walk::ReadFile;

/// The folders of a site that hold its sources (besides `site.toml` in the root itself).
pub const SOURCE_DIRS: [&str; 6] = ["content", "data", "templates", "static", "i18n", "themes"];

/// A content file's typed front matter.
#[derive(Debug)]
pub enum Parsed {
    Course(Box<course::CourseFile>),
    Notice(items::NoticeFile),
    Page(items::PageFile),
    /// The front matter could not be read; its errors are reported.
    Failed,
}

/// A content file as read: what it is, its text, where its parts start, and `F`: its typed
/// front matter ([`Parsed`]) while assembly and the rules read it, `()` once the build has let
/// go of it ([`Sources::without_front_matter`]).
#[derive(Debug)]
pub struct SourceFile<F = Parsed> {
    pub meta: ContentFile,
    pub text: String,
    /// Byte offset of the TOML inside the text (spans in `parsed` are relative to it).
    pub toml_start: usize,
    pub body_start: usize,
    pub parsed: F,
}

impl<F> SourceFile<F> {
    /// The front matter's text, for diagnostics at spans of `parsed`.
    pub fn source(&self) -> SourceText<'_> {
        SourceText::new(&self.meta.rel, &self.text).with_base(self.toml_start)
    }

    /// The whole file's text, for diagnostics about the file (its first line).
    pub fn whole(&self) -> SourceText<'_> {
        SourceText::new(&self.meta.rel, &self.text)
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start.min(self.text.len())..]
    }
}

impl SourceFile {
    /// Whether the file says `draft = true` (a file that could not be read is not a draft).
    pub fn is_draft(&self) -> bool {
        match &self.parsed {
            Parsed::Course(c) => c.draft == Some(true),
            Parsed::Notice(n) => n.draft == Some(true),
            Parsed::Page(p) => p.draft == Some(true),
            Parsed::Failed => false,
        }
    }
}

/// The text of every content file, by index (the same as [`crate::model::Site::files`]): what
/// assembly, the rules and Markdown rendering read, kept apart from the model so that a build
/// lets go of it once the bodies are rendered (a large catalogue's sources are hundreds of
/// megabytes), and of the typed front matter before that.
#[derive(Debug, Default)]
pub struct Sources<F = Parsed> {
    pub files: Vec<SourceFile<F>>,
}

impl Sources {
    /// The texts alone: the typed front matter is read only by assembly and the rules.
    pub fn without_front_matter(self) -> Sources<()> {
        use rayon::prelude::*;
        // Letting go of the front matter of thousands of files is work for every core.
        Sources {
            files: self
                .files
                .into_par_iter()
                .with_max_len(64)
                .map(|f| SourceFile {
                    meta: f.meta,
                    text: f.text,
                    toml_start: f.toml_start,
                    body_start: f.body_start,
                    parsed: (),
                })
                .collect(),
        }
    }
}

/// Everything read from disk, before the model is assembled.
pub struct Input {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    pub data: Data,
    pub theme: Theme,
}

/// The error of a command run where there is no site (no `site.toml` in `root`).
pub fn no_site(root: &Path) -> Diagnostic {
    Diagnostic::error(
        "no-site",
        format!("there is no site.toml in {}", root.display()),
    )
    .with_hint("run the command in the site's folder, or give it with --root DIR; a new site starts with a site.toml (see \"site.toml: the site settings\" in docs/authors.md)")
}

/// Reads the site at `root`. `None` when `site.toml` itself is unusable.
pub fn load(root: &Path, base_url: Option<&str>, d: &mut Diagnostics) -> Option<Input> {
    let cfg_path = root.join(config::CONFIG_FILE);
    if !cfg_path.is_file() {
        d.push(no_site(root));
        return None;
    }
    let inside = match (cfg_path.canonicalize(), root.canonicalize()) {
        (Ok(c), Ok(r)) => c.starts_with(r),
        _ => true, // read_text reports what is wrong with it
    };
    if !inside {
        d.push(
            Diagnostic::error(
                "symlink-outside",
                "site.toml is a symbolic link to a file outside the site folder; it was not read",
            )
            .in_file(config::CONFIG_FILE)
            .with_hint("copy the file into the site instead of linking to it"),
        );
        return None;
    }
    let text = match walk::read_text(&cfg_path, config::CONFIG_FILE) {
        Ok(t) => t,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
    let config = config::parse(&text, base_url, d)?;
    // Walking `content/` is one thread's work: the data files and the theme are read beside it.
    let (walked, (data, theme, data_d)) = rayon::join(
        || walk::walk_content(root, &config.languages, &config.default_language, d),
        || {
            let mut dd = Diagnostics::new();
            let data = data::load(root, &config.languages, &config.default_language, &mut dd);
            let theme = theme::load(root, &config, &mut dd);
            (data, theme, dd)
        },
    );
    let parsed: Vec<(SourceFile, Diagnostics)> = walked
        .files
        .into_par_iter()
        .with_max_len(16)
        .map(parse_file)
        .collect();
    let mut files = Vec::with_capacity(parsed.len());
    for (f, fd) in parsed {
        d.extend(fd);
        files.push(f);
    }
    files.extend(walked.unreadable.into_iter().map(|meta| SourceFile {
        meta,
        text: String::new(),
        toml_start: 0,
        body_start: 0,
        parsed: Parsed::Failed,
    }));
    files.sort_by(|a, b| a.meta.rel.cmp(&b.meta.rel));
    // In the order they were found before the two were read side by side.
    d.extend(data_d);
    visitors::check_share_image(&text, &config, &theme.statics, d);
    Some(Input {
        root: root.to_path_buf(),
        config,
        files,
        assets: walked.assets,
        data,
        theme,
    })
}

/// Splits and parses one content file's front matter.
pub fn parse_file(file: ReadFile) -> (SourceFile, Diagnostics) {
    let ReadFile { meta, text } = file;
    let mut d = Diagnostics::new();
    let src = SourceText::new(&meta.rel, &text);
    let (toml_start, body_start, parsed) = match frontmatter::split(&src) {
        Err(e) => {
            d.push(e);
            (0, text.len(), Parsed::Failed)
        }
        Ok(split) => {
            let toml_text = &text[split.toml.clone()];
            let tsrc = src.with_base(split.toml.start);
            let parsed = match DeTable::parse(toml_text) {
                Err(e) => {
                    d.push(frontmatter::toml_error(&tsrc, &e));
                    Parsed::Failed
                }
                Ok(table) => {
                    let f = Fields::new(tsrc, table.get_ref(), 0..toml_text.len().min(1), "");
                    match meta.kind {
                        Kind::Course if !meta.section_index => {
                            Parsed::Course(Box::new(course::parse(f, &mut d)))
                        }
                        Kind::Notice if !meta.section_index => {
                            Parsed::Notice(items::notice(f, &mut d))
                        }
                        _ => Parsed::Page(items::page(f, &mut d)),
                    }
                }
            };
            if let Some(pos) = memchr::memmem::find(
                text[split.body.clone()].as_bytes(),
                crate::scaffold::UNFILLED.as_bytes(),
            ) {
                let at = split.body.start + pos;
                d.push(
                    Diagnostic::error("unfilled", "the text still has the ??? of the skeleton")
                        .at(&src, at..at + 3)
                        .with_hint(
                            "write the text of the page in place of the line starting with ???",
                        ),
                );
            }
            (split.toml.start, split.body.start, parsed)
        }
    };
    (
        SourceFile {
            meta,
            text,
            toml_start,
            body_start,
            parsed,
        },
        d,
    )
}

/// The page paths (`/en/courses/x/`) listed in a previous build's `sitemap.xml` in `out`, so
/// that `check` can tell when a published address disappears. Empty when there is none.
pub fn previous_urls(out: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(out.join("sitemap.xml")) else {
        return Vec::new();
    };
    let mut urls = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("<loc>") {
        rest = &rest[i + 5..];
        let Some(j) = rest.find("</loc>") else { break };
        let loc = rest[..j].trim().replace("&amp;", "&");
        // Keep the path: the base URL may differ between builds (previews).
        let path = loc
            .split_once("://")
            .map_or(loc.as_str(), |(_, r)| r.find('/').map_or("/", |k| &r[k..]));
        urls.push(path.to_string());
        rest = &rest[j..];
    }
    urls
}

/// The revisions a previous build left in `out` ([`crate::model::revisions::STATE_FILE`]),
/// read only from a folder a build wrote (the caller checked it). Empty when there is none;
/// a warning, and empty, when it cannot be read: every event then starts again from its first
/// revision, which clients may ignore until it changes again.
pub fn previous_revisions(out: &Path, d: &mut Diagnostics) -> crate::model::Revisions {
    use crate::model::revisions::{Revisions, STATE_FILE};
    let path = out.join(STATE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Revisions::new(),
        Err(e) => {
            d.push(
                Diagnostic::warning("previous-state", format!("{} could not be read: {e}", path.display()))
                    .with_hint("the calendars' SEQUENCE and the feeds' dates start again from this build; make the file readable or delete it"),
            );
            return Revisions::new();
        }
    };
    Revisions::from_json(&text).unwrap_or_else(|| {
        d.push(
            Diagnostic::warning(
                "previous-state",
                format!("{} is not a state file this version of Prospectus can read", path.display()),
            )
            .with_hint("the calendars' SEQUENCE and the feeds' dates start again from this build; it is rewritten by this build"),
        );
        Revisions::new()
    })
}
