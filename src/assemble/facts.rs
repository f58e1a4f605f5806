//! Reading a language-neutral fact that several translations may state: the one helper every
//! fact of a course, notice or application goes through, which also reports translations that
//! disagree.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::fields::Sp;
use crate::load::SourceFile;
use crate::model::Origin;
use toml::Spanned;

/// The front matter of one item's files, by file index, in language priority order (`F`: a
/// course file, its `[fee]`, its `[application]`, a notice file).
pub struct Facts<'a, F> {
    files: &'a [SourceFile],
    of: &'a [(usize, &'a F)],
}

impl<'a, F> Facts<'a, F> {
    pub fn new(files: &'a [SourceFile], of: &'a [(usize, &'a F)]) -> Self {
        Facts { files, of }
    }

    /// The fact `name` as the files agree on it, and where it was first stated; `get` reads it
    /// from one file, with its position, and `show` writes a value for the error. Every file
    /// that states something else gets a `translation-mismatch` error pointing at its value.
    pub fn agreed<T: PartialEq>(
        &self,
        name: &str,
        get: impl Fn(&'a F) -> Option<Spanned<T>>,
        show: impl Fn(&T) -> String,
        d: &mut Diagnostics,
    ) -> Option<(T, Origin)> {
        let mut stated = self.of.iter().filter_map(|&(i, f)| get(f).map(|v| (i, v)));
        let (first_file, first) = stated.next()?;
        for (file, other) in stated {
            if other.get_ref() == first.get_ref() {
                continue;
            }
            let ref_file = &self.files[first_file];
            let ref_line = ref_file.source().locate(first.span()).line;
            d.push(
                Diagnostic::error(
                    "translation-mismatch",
                    format!(
                        "translations disagree on `{name}`: this file says {}, {}:{} says {}",
                        show(other.get_ref()),
                        ref_file.meta.rel,
                        ref_line,
                        show(first.get_ref())
                    ),
                )
                .at(&self.files[file].source(), other.span())
                .with_hint("translations share their facts (dates, fees, codes of related courses…): make them equal, or state the fact in one file only"),
            );
        }
        let span = first.span();
        Some((
            first.into_inner(),
            Origin {
                file: first_file,
                span,
            },
        ))
    }
}

/// A list of values without the position of each (the list's own is kept).
pub fn values<T: Clone>(v: &Option<Sp<Vec<Sp<T>>>>) -> Option<Spanned<Vec<T>>> {
    v.as_ref().map(|l| {
        Spanned::new(
            l.span(),
            l.get_ref().iter().map(|x| x.get_ref().clone()).collect(),
        )
    })
}
