//! What the rules of one item read (its files, the configuration, the data files), and the rules
//! every kind of item shares: one file per language, required fields.

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::load::SourceFile;
use crate::model::{Data, SiteConfig};

/// The inputs an item is assembled and checked from.
pub struct ItemCtx<'a> {
    pub files: &'a [SourceFile],
    pub config: &'a SiteConfig,
    pub data: &'a Data,
    /// Drafts are published too (`--drafts`).
    pub drafts: bool,
}

impl ItemCtx<'_> {
    /// Whether a file's text is published. The facts of a draft translation still belong to
    /// its item (a translation marked draft must not change what the published ones show),
    /// but its texts are used nowhere and its required texts are not asked for.
    pub fn published(&self, file: usize) -> bool {
        self.drafts || !self.files[file].is_draft()
    }

    /// Points at the opening `+++` of a file (for what is missing from the whole file).
    pub fn head(&self, file: usize) -> SourceText<'_> {
        self.files[file].whole()
    }

    /// The front matter of a file, for errors at the spans of its values.
    pub fn src(&self, file: usize) -> SourceText<'_> {
        self.files[file].source()
    }

    /// `what` is required and the file at `file` does not give it.
    pub fn missing(&self, d: &mut Diagnostics, file: usize, what: &str, hint: &str) {
        d.push(
            Diagnostic::error("missing-field", format!("`{what}` is required"))
                .at(&self.head(file), 0..3)
                .with_hint(hint.to_string()),
        );
    }
}

/// Whether `key` was written, or misspelt (`titel`): the unknown-key error then says it all,
/// and a second "is required" error would only confuse.
pub fn written(keys: &[String], key: &str) -> bool {
    keys.iter()
        .any(|k| k == key || crate::diag::nearest(k, [key]).is_some())
}

/// The published files of one item (`idx`, in language order) have one file per language (not
/// `x.md` and `x/index.md`).
pub fn one_file_per_language(files: &[SourceFile], idx: &[usize], d: &mut Diagnostics) {
    for w in idx.windows(2) {
        if files[w[0]].meta.lang == files[w[1]].meta.lang {
            d.push(
                Diagnostic::error(
                    "duplicate-file",
                    format!(
                        "{} and {} are the same page in the same language",
                        files[w[0]].meta.rel, files[w[1]].meta.rel
                    ),
                )
                .in_file(&files[w[1]].meta.rel)
                .with_hint("keep one of the two files"),
            );
        }
    }
}
