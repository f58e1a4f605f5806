//! Walking a folder of the site: every file below it in name order, hidden entries and
//! symbolic links that lead out of the site left out and reported.
//!
//! Written by hand rather than with walkdir's `sort_by_file_name`, which finds each entry's name
//! again from its path on every comparison of the sort: with the 15,000 notes of a large
//! catalogue in one folder, that was most of the walk, done on one thread before any file is
//! read. Here each folder is read once, its entries sorted by the names read with them, and
//! the folders below visited in that order: the order walkdir gave (depth first, names compared
//! byte by byte, the entries that could not be read first).

use crate::diag::{Diagnostic, Diagnostics};
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// Every regular file below `dir`, sorted, as (path, root-relative `/` path). Symbolic links are
/// followed only when they stay inside the site root; others are reported and skipped. Hidden
/// files and folders are skipped, folders with everything in them.
pub fn safe_walk(root: &Path, dir: &Path, d: &mut Diagnostics) -> Vec<(PathBuf, String)> {
    walk_keeping(root, dir, &|_| false, d).files
}

/// The result of [`walk_keeping`].
pub struct Walk {
    pub files: Vec<(PathBuf, String)>,
    /// Root-relative paths of the hidden files and folders that were skipped (a folder once,
    /// nothing below it).
    pub hidden: Vec<String>,
}

/// [`safe_walk`], keeping the hidden entries for which `keep` (given the root-relative path)
/// says so; the others are listed in [`Walk::hidden`].
pub fn walk_keeping(
    root: &Path,
    dir: &Path,
    keep: &dyn Fn(&str) -> bool,
    d: &mut Diagnostics,
) -> Walk {
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut w = Walker {
        canon_root,
        keep,
        d,
        files: Vec::new(),
        hidden: Vec::new(),
    };
    // The folder itself (content/, data/, a theme) may be a link, or sit below one, that leads
    // out of the site: the walk below would follow it.
    if let Ok(real) = dir.canonicalize() {
        if !real.starts_with(&w.canon_root) {
            w.d.push(
                Diagnostic::error(
                    "symlink-outside",
                    "this folder is a symbolic link to a place outside the site folder; it was not read",
                )
                .in_file(&rel_of(root, dir))
                .with_hint("copy the folder into the site instead of linking to it"),
            );
            return Walk {
                files: w.files,
                hidden: w.hidden,
            };
        }
    }
    // The folder walked is never skipped, even when its own name is hidden; a link to it is
    // followed.
    let rel = rel_of(root, dir);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => w.folder(dir, &rel),
        Ok(m) if m.is_file() && !is_editor_temp(&name_of(dir)) => {
            w.files.push((dir.to_path_buf(), rel));
        }
        Ok(_) => {}
        Err(e) => w.unreadable(&rel, &e),
    }
    Walk {
        files: w.files,
        hidden: w.hidden,
    }
}

struct Walker<'a> {
    canon_root: PathBuf,
    keep: &'a dyn Fn(&str) -> bool,
    d: &'a mut Diagnostics,
    files: Vec<(PathBuf, String)>,
    hidden: Vec<String>,
}

impl Walker<'_> {
    /// The entries of the folder at `dir` (root-relative `rel`), and the folders below.
    fn folder(&mut self, dir: &Path, rel: &str) {
        let (entries, failed) = match read_sorted(dir) {
            Ok(read) => read,
            Err(e) => return self.unreadable(rel, &e),
        };
        for e in failed {
            self.unreadable(rel, &e);
        }
        for entry in entries {
            let name = entry.name.to_string_lossy();
            let rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            let kind = entry.file_type;
            if is_editor_temp(&name) {
                // Skipped itself; a folder so named is still read.
                if kind.is_dir() {
                    self.folder(&entry.path, &rel);
                }
                continue;
            }
            if super::is_hidden(&name) && !(self.keep)(&rel) {
                self.hidden.push(rel);
                continue;
            }
            if kind.is_symlink() {
                self.link(entry.path, rel);
            } else if kind.is_file() {
                self.files.push((entry.path, rel));
            } else if kind.is_dir() {
                self.folder(&entry.path, &rel);
            }
        }
    }

    /// A symbolic link: the file it leads to when that is inside the site, else reported.
    fn link(&mut self, path: PathBuf, rel: String) {
        match path.canonicalize() {
            Ok(target) if target.starts_with(&self.canon_root) => {
                if target.is_file() {
                    self.files.push((target, rel));
                }
            }
            Ok(_) => self.d.push(
                Diagnostic::error(
                    "symlink-outside",
                    "this symbolic link points outside the site folder; it was not followed",
                )
                .in_file(&rel)
                .with_hint("copy the file into the site instead of linking to it"),
            ),
            Err(_) => self.d.push(
                Diagnostic::error("io", "this symbolic link points to nothing")
                    .in_file(&rel)
                    .with_hint("remove the link or point it at a file inside the site"),
            ),
        }
    }

    fn unreadable(&mut self, rel: &str, e: &std::io::Error) {
        self.d.push(
            Diagnostic::error("io", format!("cannot read this folder: {e}"))
                .in_file(rel)
                .with_hint("check the folder's permissions"),
        );
    }
}

/// An entry of a folder with the name and kind read with it (the link itself, not followed).
struct Entry {
    path: PathBuf,
    name: OsString,
    file_type: FileType,
}

/// The entries of `dir` in name order, and the errors of those that could not be read.
fn read_sorted(dir: &Path) -> std::io::Result<(Vec<Entry>, Vec<std::io::Error>)> {
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        match entry.and_then(|e| Ok((e.file_type()?, e))) {
            Ok((file_type, e)) => entries.push(Entry {
                name: e.file_name(),
                path: e.path(),
                file_type,
            }),
            Err(e) => failed.push(e),
        }
    }
    entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok((entries, failed))
}

/// Files editors leave beside the ones they save (`notes.md~`, `.notes.md.swp`, `#notes.md#`).
fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~') || name.ends_with(".swp") || name.starts_with('#')
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .unwrap_or(p.as_os_str())
        .to_string_lossy()
        .into_owned()
}

pub(super) fn rel_of(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
