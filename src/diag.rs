//! Diagnostics: what went wrong in which file, where, and how to fix it.
//!
//! Every stage reports into a [`Diagnostics`] collector instead of stopping at the first
//! problem; `main` prints them with one of the printers in [`report`] and picks the exit code.
//! This module knows nothing about courses or templates.

use std::ops::Range;

pub mod ci;
pub mod repeated;
pub mod report;

/// How bad a diagnostic is: errors fail the build (exit 1), warnings do not; an `Info` is no
/// problem at all, only something worth knowing (which courses Google can show as rich results).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem, located in a file when it comes from one. Kept under 128 bytes (boxed strings,
/// a thin box for the rarely set `group`) because it travels in `Result`s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier of the kind of problem, documented in docs/authors.md.
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: Option<Box<str>>,
    /// 1-based line and column (column counted in characters); 0 when unknown.
    pub line: usize,
    pub col: usize,
    /// Length of the underlined span, in characters (at least 1 when located).
    pub len: Width,
    /// The quoted source line, without its line ending.
    pub line_text: Option<Box<str>>,
    pub message: String,
    pub hint: Option<Box<str>>,
    /// What the warning is counted under when many of one rule are summarised: plural phrases
    /// ("courses with no page in German"), one per line (a warning may count under several);
    /// see [`repeated`]. Boxed twice: one pointer.
    pub group: Option<Box<Box<str>>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: None,
            line: 0,
            col: 0,
            len: Width::default(),
            line_text: None,
            message: message.into(),
            hint: None,
            group: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Something worth knowing, not a problem: printed, never counted as a warning.
    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    /// Counts the diagnostic under `phrase` (too) when many of its rule are summarised.
    pub fn with_group(mut self, phrase: impl Into<String>) -> Self {
        let phrase = phrase.into().replace('\n', " ");
        let all = match self.group.take() {
            Some(g) => format!("{g}\n{phrase}"),
            None => phrase,
        };
        self.group = Some(Box::new(all.into_boxed_str()));
        self
    }

    /// The phrases the diagnostic is counted under (see [`Diagnostic::with_group`]).
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.group.as_deref().into_iter().flat_map(|g| g.lines())
    }

    /// Names a file without a position (the whole file is at fault).
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Locates the diagnostic at a byte range of a source text.
    pub fn at(mut self, src: &SourceText<'_>, range: Range<usize>) -> Self {
        let loc = src.locate(range);
        self.file = Some(src.path.into());
        self.line = loc.line;
        self.col = loc.col;
        self.len = Width::from(loc.len);
        self.line_text = Some(loc.line_text.into_boxed_str());
        self
    }

    /// Locates the diagnostic at a place located earlier (see [`Spot`]).
    pub fn at_spot(mut self, spot: &Spot) -> Self {
        self.file = Some(spot.file.clone());
        self.line = spot.line;
        self.col = spot.col;
        self.len = spot.len.into();
        self.line_text = Some(spot.line_text.clone());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A length in characters, kept in 4 bytes so that a [`Diagnostic`] stays under 128; compares
/// with `usize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Width(u32);

impl Width {
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl From<usize> for Width {
    fn from(n: usize) -> Self {
        Width(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

impl PartialEq<usize> for Width {
    fn eq(&self, other: &usize) -> bool {
        self.get() == *other
    }
}

/// A file's text as the diagnostics see it: its site-relative path and content.
#[derive(Clone, Copy, Debug)]
pub struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// Offset added to every range given to [`SourceText::locate`] (for example where the
    /// front matter starts inside the file).
    pub base: usize,
}

pub struct Location {
    pub line: usize,
    pub col: usize,
    pub len: usize,
    pub line_text: String,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceText {
            path,
            text,
            base: 0,
        }
    }

    pub fn with_base(self, base: usize) -> Self {
        SourceText { base, ..self }
    }

    /// Line, column and quoted line of a byte range (relative to `base`).
    pub fn locate(&self, range: Range<usize>) -> Location {
        let text = self.text;
        let clamp = |i: usize| {
            let mut i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = clamp(self.base + range.start);
        let end = clamp((self.base + range.end).max(start));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let col = text[line_start..start].chars().count() + 1;
        let span_end = end.min(line_end);
        let len = text[start..span_end].chars().count().max(1);
        let line_text = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        // A position on the CR of a CRLF ending (an unclosed string, found at the line break)
        // is just past the end of the line as it is quoted.
        let col = col.min(line_text.chars().count() + 1);
        Location {
            line,
            col,
            len,
            line_text,
        }
    }
}

/// A place in a file, located once: for values that later stages point at after the build has
/// let go of the file's text (aliases, when the outputs are planned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spot {
    pub file: Box<str>,
    pub line: usize,
    pub col: usize,
    pub len: usize,
    pub line_text: Box<str>,
}

impl SourceText<'_> {
    /// The [`Spot`] of a byte range (relative to `base`).
    pub fn spot(&self, range: Range<usize>) -> Spot {
        let loc = self.locate(range);
        Spot {
            file: self.path.into(),
            line: loc.line,
            col: loc.col,
            len: loc.len,
            line_text: loc.line_text.into_boxed_str(),
        }
    }
}

/// The collector every stage reports into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Sorted by file and position so reports (and tests) are deterministic; exact duplicates
    /// (the same problem found through two translations) are dropped. Notes (`Info`) come last,
    /// in the order they were made (a summary, then its details).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let (ai, bi) = (a.severity == Severity::Info, b.severity == Severity::Info);
            if ai || bi {
                return ai.cmp(&bi);
            }
            (&a.file, a.line, a.col, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// The known word nearest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(d, k)| {
            let n = k.chars().count().min(word.chars().count());
            // Short words are all close to each other: ask for one edit at most under 4 letters.
            let limit = if n < 4 { 1 } else { (n / 3).max(2) };
            *d <= limit && *d > 0
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// "did you mean `x`?" or the list of known values, for hints.
pub fn suggest(word: &str, known: &[&str], what: &str) -> String {
    match nearest(word, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None if known.is_empty() => format!("there are no {what} defined yet"),
        None if known.len() <= 12 => format!("known {what}: {}", known.join(", ")),
        None => format!("known {what} include: {}, …", known[..12].join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_stays_small() {
        assert!(std::mem::size_of::<Diagnostic>() < 128);
    }

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "+++\ntitle = \"É\"\ncode = 3\n";
        let src = SourceText::new("a.md", text);
        let at = text.find("code").unwrap();
        let loc = src.locate(at..at + 4);
        assert_eq!((loc.line, loc.col, loc.len), (3, 1, 4));
        assert_eq!(loc.line_text, "code = 3");
        let at = text.find('"').unwrap() + 1;
        let loc = src.locate(at..at + 2);
        assert_eq!((loc.line, loc.col, loc.len), (2, 10, 1));
    }

    #[test]
    fn base_offset_and_crlf() {
        let text = "+++\r\nx = 1\r\n";
        let src = SourceText::new("a.md", text).with_base(5);
        let loc = src.locate(0..1);
        assert_eq!((loc.line, loc.col), (2, 1));
        assert_eq!(loc.line_text, "x = 1");
    }

    #[test]
    fn a_position_on_the_cr_of_crlf_is_the_end_of_the_line() {
        // Found by fuzzing: an unclosed string on a CRLF line is reported at the line break.
        let text = "+++\r\nurl = \"https://x.org\r\ndeadline = 1\r\n";
        let src = SourceText::new("a.md", text);
        let cr = text.find("\r\ndeadline").unwrap();
        for at in [cr, cr + 1] {
            let loc = src.locate(at..at + 1);
            assert_eq!(loc.line_text, "url = \"https://x.org");
            assert_eq!((loc.line, loc.col), (2, loc.line_text.chars().count() + 1));
        }
    }

    #[test]
    fn suggests_nearest_key() {
        assert_eq!(
            nearest("deadlin", ["deadline", "opens", "url"]),
            Some("deadline")
        );
        assert_eq!(nearest("zzzz", ["deadline", "opens"]), None);
        assert_eq!(suggest("zzz", &["a", "b"], "topics"), "known topics: a, b");
    }
}
