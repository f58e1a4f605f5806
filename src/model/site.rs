//! The whole site after assembly: translations grouped, facts merged, ids resolved.

use super::{Course, Notice, Page};
use crate::config::SiteConfig;
use crate::load::data::Data;
use crate::load::theme::Theme;
use crate::load::{Asset, SourceFile};
use std::collections::BTreeMap;

pub struct Site {
    pub config: SiteConfig,
    /// Every content file read (drafts included); items point into it by index.
    pub files: Vec<SourceFile>,
    /// Sorted by first session start (self-paced last), then code.
    pub courses: Vec<Course>,
    /// Newest first.
    pub notices: Vec<Notice>,
    /// Sorted by weight, then path.
    pub pages: Vec<Page>,
    pub data: Data,
    pub theme: Theme,
    pub assets: Vec<Asset>,
    /// Course code → index in `courses`.
    pub by_code: BTreeMap<String, usize>,
}

impl Site {
    /// Lets go of what only loading, validation and Markdown rendering read: each file's text
    /// (with its Markdown body) and its typed front matter. `build` calls it once the bodies
    /// are rendered; nothing that renders pages reads them, and diagnostics carry their own
    /// copy of the lines they quote.
    pub fn release_sources(&mut self) {
        self.release_front_matter();
        for f in &mut self.files {
            f.meta.text = String::new();
        }
    }

    /// Lets go of each file's typed front matter, which only loading and validation read.
    pub fn release_front_matter(&mut self) {
        for f in &mut self.files {
            f.parsed = crate::load::Parsed::Failed;
        }
    }

    pub fn course(&self, code: &str) -> Option<&Course> {
        self.by_code.get(code).map(|&i| &self.courses[i])
    }

    /// The `_index.md` page of a section (`""` for home, `courses`, `notices`, …).
    pub fn section(&self, path: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.is_section_index && p.path == path)
    }
}
