//! Merging a language-neutral fact stated by several translations.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::model::Origin;
use std::ops::Range;

/// A fact as one file states it.
pub struct Stated<T> {
    pub file: usize,
    pub span: Range<usize>,
    pub value: T,
}

/// The agreed value of a fact and where it was first stated. Every file that states something
/// else gets a `translation-mismatch` error pointing at its value.
pub fn merge<T: PartialEq>(
    files: &[SourceFile],
    name: &str,
    stated: Vec<Stated<T>>,
    show: impl Fn(&T) -> String,
    d: &mut Diagnostics,
) -> Option<(T, Origin)> {
    let mut it = stated.into_iter();
    let first = it.next()?;
    for other in it {
        if other.value != first.value {
            let ref_file = &files[first.file];
            let ref_line = ref_file.source().locate(first.span.clone()).line;
            d.push(
                Diagnostic::error(
                    "translation-mismatch",
                    format!(
                        "translations disagree on `{name}`: this file says {}, {}:{} says {}",
                        show(&other.value),
                        ref_file.meta.rel,
                        ref_line,
                        show(&first.value)
                    ),
                )
                .at(&files[other.file].source(), other.span)
                .with_hint("a course's facts are shared by its translations: make them equal, or state the fact in one file only"),
            );
        }
    }
    Some((
        first.value,
        Origin {
            file: first.file,
            span: first.span,
        },
    ))
}
