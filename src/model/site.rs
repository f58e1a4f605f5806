//! The whole site after assembly: translations grouped, facts merged, ids resolved.

use super::{Asset, ContentFile, Course, Data, Notice, Page, SiteConfig, Theme};
use std::collections::BTreeMap;

pub struct Site {
    pub config: SiteConfig,
    /// Every content file read (drafts included); items point into it by index, and so do
    /// the files' texts while the loader's `Sources` keep them.
    pub files: Vec<ContentFile>,
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
    pub fn course(&self, code: &str) -> Option<&Course> {
        self.by_code.get(code).map(|&i| &self.courses[i])
    }

    /// The course a code names and, when it is the code of one of its runs, that run: a
    /// notice's `related_courses` may name either.
    pub fn course_or_run(&self, code: &str) -> Option<(usize, Option<&Course>)> {
        if let Some(&i) = self.by_code.get(code) {
            return Some((i, None));
        }
        self.courses
            .iter()
            .enumerate()
            .find_map(|(i, c)| c.runs.iter().find(|r| r.code == code).map(|r| (i, Some(r))))
    }

    /// The `_index.md` page of a section (`""` for home, `courses`, `notices`, …).
    pub fn section(&self, path: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.is_section_index && p.path == path)
    }
}
