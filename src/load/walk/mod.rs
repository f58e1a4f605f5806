//! Finding content files: their kind, language and slug from the path, and their text.
//!
//! Reads only below the site root and never follows a symbolic link out of it.

mod classify;
mod tree;

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Asset, ContentFile};
pub use classify::classify;
use rayon::prelude::*;
use std::path::Path;
pub use tree::{safe_walk, walk_keeping, Walk};

/// Content files larger than this are refused (a pasted image or a stray export, never a note).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A content file's text with what its path says it is.
#[derive(Debug)]
pub struct ReadFile {
    pub meta: ContentFile,
    pub text: String,
}

impl ReadFile {
    /// A file with its text, its fingerprint noted in `meta.hash`.
    pub fn new(mut meta: ContentFile, text: String) -> Self {
        meta.hash = crate::model::revisions::fingerprint(&[text.as_bytes()]);
        ReadFile { meta, text }
    }
}

pub struct Walked {
    pub files: Vec<ReadFile>,
    pub assets: Vec<Asset>,
    /// Files whose path is fine but whose text could not be read (too large, not UTF-8, NUL,
    /// permissions), with empty text; their errors are reported. Kept so that their
    /// translations are not judged without them.
    pub unreadable: Vec<ContentFile>,
}

/// Walks `root/content`, classifying and reading every file.
pub fn walk_content(
    root: &Path,
    languages: &[String],
    default_lang: &str,
    d: &mut Diagnostics,
) -> Walked {
    let content = root.join("content");
    let mut md = Vec::new();
    let mut assets = Vec::new();
    if !content.is_dir() {
        d.push(
            Diagnostic::warning(
                "no-content",
                "there is no content/ folder: the site has no courses, notices or pages",
            )
            .in_file("content/"),
        );
        return Walked {
            files: Vec::new(),
            assets,
            unreadable: Vec::new(),
        };
    }
    for (path, rel) in safe_walk(root, &content, d) {
        if is_markdown(&rel) {
            md.push((path, rel));
        } else {
            assets.push(Asset {
                size: image_size(&path),
                src: path,
                rel: rel.trim_start_matches("content/").to_string(),
            });
        }
    }
    type Read = Result<ReadFile, Box<(Option<ContentFile>, Diagnostic)>>;
    // A few files a task (no core is left idle while another reads a long run of files), their
    // texts fingerprinted four at a time.
    let results: Vec<Read> = md
        .par_chunks(4)
        .with_max_len(4)
        .flat_map_iter(|four| {
            let read: Vec<Result<(ContentFile, String), _>> = four
                .iter()
                .map(|(path, rel)| {
                    let c =
                        classify(rel, languages, default_lang).map_err(|e| Box::new((None, e)))?;
                    match read_text(path, rel) {
                        Ok(text) => Ok((c, text)),
                        Err(e) => Err(Box::new((Some(c), e))),
                    }
                })
                .collect();
            let texts: Vec<&[u8]> = read
                .iter()
                .filter_map(|r| Some(r.as_ref().ok()?.1.as_bytes()))
                .collect();
            let mut hashes = crate::model::revisions::fingerprints(&texts).into_iter();
            read.into_iter().map(move |r| {
                r.map(|(mut meta, text)| {
                    meta.hash = hashes.next().unwrap_or_default();
                    ReadFile { meta, text }
                })
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut unreadable = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(failed) => {
                let (c, e) = *failed;
                d.push(e);
                unreadable.extend(c);
            }
        }
    }
    files.sort_by(|a, b| a.meta.rel.cmp(&b.meta.rel));
    Walked {
        files,
        assets,
        unreadable,
    }
}

/// Whether a file is Markdown: its name ends in `.md`, in any letter case (`faq.MD` is a page,
/// never a file copied as it is).
pub fn is_markdown(rel: &str) -> bool {
    rel.len() > 3
        && rel.is_char_boundary(rel.len() - 3)
        && rel[rel.len() - 3..].eq_ignore_ascii_case(".md")
}

/// A name that is hidden (`.git`, `.env`, `.DS_Store`): never read as content nor published,
/// unless the site lists it (`[static] hidden`, see [`Walk::hidden`]).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether a file is saved as UTF-16: by its byte order mark (what Windows Notepad's
/// "Unicode" writes), or, without one, by the zero byte beside each of its first two characters
/// when they are plain ASCII (every content file starts with `+++` or a TOML key).
fn utf16(bytes: &[u8]) -> bool {
    let ascii = |b: u8| b != 0 && b.is_ascii();
    match *bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => true,
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] => ascii(a) && ascii(b),
        _ => false,
    }
}

/// Reads a text file: size limit, UTF-8 (not UTF-16), no NUL; strips a BOM.
pub fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let io_err = |e: std::io::Error| {
        Diagnostic::error("io", format!("cannot read the file: {e}"))
            .in_file(rel)
            .with_hint("check that the file exists and is readable (permissions)")
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            format!(
                "the file is {:.1} MB; content files may be at most {} MB",
                meta.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        )
        .in_file(rel)
        .with_hint(
            "put large documents (PDF, images) beside the note in a bundle folder and link to them",
        ));
    }
    // Read at most one byte past the limit: a file that grew since `metadata` is refused too.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(io_err)?,
            MAX_FILE_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            format!(
                "the file is larger than {} MB, the limit for content files",
                MAX_FILE_BYTES / 1_048_576
            ),
        )
        .in_file(rel));
    }
    if utf16(&bytes) {
        return Err(Diagnostic::error(
            "utf16",
            "the file is saved as UTF-16 (what Windows Notepad calls \"Unicode\"); Prospectus reads only UTF-8",
        )
        .in_file(rel)
        .with_hint("save it as UTF-8: open it, choose Save as…, set Encoding to UTF-8 and save it over itself"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.valid_up_to();
            // The whole file, bad bytes shown as U+FFFD, so the quoted line is the full line.
            let src_text = String::from_utf8_lossy(bytes).into_owned();
            let src = SourceText::new(rel, &src_text);
            let bad = bytes[good];
            // 0x80–0x9F never start a UTF-8 character, and are Windows-1252's smart quotes,
            // dashes, € and … : the usual trace of text pasted from Word or saved as "ANSI".
            let hint = if (0x80..=0x9F).contains(&bad) {
                format!(
                    "the byte 0x{bad:02X} looks like Windows-1252 (text pasted from Word: smart quotes, dashes, €); save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)"
                )
            } else {
                "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)".to_string()
            };
            return Err(
                Diagnostic::error("not-utf8", "the file is not valid UTF-8 text")
                    .at(&src, good..good + 1)
                    .with_hint(hint),
            );
        }
    };
    let text = lone_cr_as_lf(text);
    if let Some(pos) = memchr::memchr(0, text.as_bytes()) {
        let src = SourceText::new(rel, &text);
        return Err(Diagnostic::error(
            "nul-byte",
            "the file contains a NUL byte; it looks like a binary file, not text",
        )
        .at(&src, pos..pos + 1)
        .with_hint("remove the file, or re-save it as plain UTF-8 text"));
    }
    // Other invisible control characters would reach the pages as they are (a form feed is
    // white space to HTML and Markdown alike).
    if let Some((pos, c)) = first_control_character(&text) {
        let src = SourceText::new(rel, &text);
        return Err(Diagnostic::error(
            "control-character",
            format!(
                "the file contains an invisible control character (U+{:04X})",
                u32::from(c)
            ),
        )
        .at(&src, pos..pos + c.len_utf8())
        .with_hint("remove it: it often comes with text pasted from another program"));
    }
    Ok(text.into_owned())
}

/// The first invisible control character of `text` other than a form feed, with its position.
/// Control characters (Unicode's Cc) are U+0000–U+001F, U+007F and U+0080–U+009F, which UTF-8
/// writes C2 80–C2 9F: the text is scanned by blocks of bytes for those, and only a block that
/// has one is looked at character by character (a scan by characters was a tenth of a build).
fn first_control_character(text: &str) -> Option<(usize, char)> {
    let suspect =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F || b == 0xC2;
    const BLOCK: usize = 64;
    for (n, block) in text.as_bytes().chunks(BLOCK).enumerate() {
        if !block.iter().fold(false, |any, &b| any | suspect(b)) {
            continue;
        }
        for (i, &b) in block.iter().enumerate() {
            let pos = n * BLOCK + i;
            // A byte below 0x80 or C2 always starts a character.
            if let Some(c) = suspect(b)
                .then(|| text.get(pos..)?.chars().next())
                .flatten()
            {
                if super::fields::is_invisible_control(c) && c != '\u{c}' {
                    return Some((pos, c));
                }
            }
        }
    }
    None
}

/// Line breaks written as a CR alone (old Mac files) read as LF: TOML knows only LF and CRLF,
/// and line numbers are then the ones editors show. Both are one byte: positions do not move.
fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, _) in text.match_indices('\r') {
        if b.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[from..i]);
            out.push('\n');
            from = i + 1;
        }
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// Width and height of an image attachment, so pages can reserve its space before it loads.
/// Raster formats through the `imagesize` crate (it reads only the header); SVG from the root
/// element's `width`/`height`, else its `viewBox`.
pub fn image_size(path: &Path) -> Option<(u32, u32)> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if ext == "svg" {
        let text = std::fs::read_to_string(path).ok()?;
        let start = text.find("<svg")?;
        let tag = &text[start..start + text[start..].find('>')?];
        let attr = |name: &str| -> Option<f64> {
            let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            let v = &tag[i..i + tag[i..].find('"')?];
            v.trim_end_matches("px").parse().ok()
        };
        let (w, h) = match (attr("width"), attr("height")) {
            (Some(w), Some(h)) => (w, h),
            _ => {
                let i = tag.find(" viewBox=\"")? + 10;
                let vb: Vec<f64> = tag[i..i + tag[i..].find('"')?]
                    .split([' ', ','])
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (*vb.get(2)?, *vb.get(3)?)
            }
        };
        return (w > 0.0 && h > 0.0).then(|| (w.round() as u32, h.round() as u32));
    }
    if !["png", "jpg", "jpeg", "gif", "webp", "avif"].contains(&ext.as_str()) {
        return None;
    }
    let s = imagesize::size(path).ok()?;
    Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
}

#[cfg(test)]
mod tests;
