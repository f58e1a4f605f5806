//! The files of `content/` as the site knows them after loading: what each Markdown file is (by
//! its path), and the attachments published as they are.

use std::path::PathBuf;

/// What a content file holds, from its folder: `content/courses/` and `content/notices/`, else
/// pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Course,
    Notice,
    Page,
}

/// A content file of the site, classified by its path: what it is, not its text (which
/// the loader's `Sources` hold until the build lets go of them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentFile {
    /// Path relative to the site root, `/`-separated: `content/courses/x.fr.md`.
    pub rel: String,
    pub kind: Kind,
    pub lang: String,
    /// For courses and notices the URL segment; for pages the path below the language
    /// (`about`, `legal/privacy`, empty for the home `_index.md`).
    pub slug: String,
    /// `_index.md`: the text of a section's list page rather than an item.
    pub section_index: bool,
    /// For bundles (`x/index.md`), the folder relative to `content/`.
    pub bundle: Option<String>,
    /// [`super::revisions::fingerprint`] of the file's text (0 before it is read), kept after
    /// the text is let go of: the revisions of the pages made from it.
    pub hash: u64,
}

/// A file of `content/` published as is (an attachment): its path on disk and its path in
/// the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub src: PathBuf,
    /// Width and height when the file is an image.
    pub size: Option<(u32, u32)>,
    /// Relative to `content/` for content assets.
    pub rel: String,
}
