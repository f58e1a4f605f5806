//! Writing the output: everything goes into a fresh temporary folder beside the output folder,
//! which replaces the old output only when the whole build succeeded. The only writer.
//!
//! A build uses three names beside the output folder `<name>`: `.<name>.tmp` (the new output
//! while it is written), `.<name>.old` (the old output during the swap) and `.<name>.lock`
//! ([`lock`]). The swap is two renames (old output aside, new output in place), then the old
//! output is deleted. Every output carries the marker [`target::MARKER`], written first.
//!
//! Every way this can fail, and what is left:
//! - **The output folder is refused** before anything is read or written ([`target`]: an
//!   existing file, the site's folder or one holding it, a source folder or one inside or
//!   around it, a folder of files without the marker, a symbolic link to nothing):
//!   [`OutputError::Refused`], nothing touched. A link to a folder is followed, not refused.
//! - **Another build holds the lock**: [`OutputError::Locked`], nothing touched; the folder
//!   beside the output or the lock file cannot be made: [`OutputError::Io`], nothing touched.
//! - **A leftover of an earlier build** beside the output: a build killed between the two
//!   renames left the old output as `.<name>.old` and none in place: it is put back. Any other
//!   `.<name>.old` or `.<name>.tmp` carrying the marker (or holding no file) is deleted. One
//!   that cannot be deleted or renamed is [`OutputError::Leftover`] (naming it, with the
//!   reason); one without the marker is [`OutputError::Foreign`]: a build never deletes files
//!   it did not write. In both cases the output is untouched.
//! - **A path that would leave the output folder** (`..`, absolute): [`OutputError::BadPath`].
//! - **Writing a file fails** (disk full, permissions): [`OutputError::Io`] naming the file;
//!   the temporary folder is removed when the [`Staging`] is dropped, the old output stays.
//! - **The swap fails**: moving the old output aside fails ([`OutputError::Io`] naming it;
//!   nothing changed), or moving the new one in fails (the old one is put back first).
//!   Deleting the old output after a successful swap may fail: the build has succeeded, the
//!   caller gets it as [`Committed::leftover`] to warn about, and the next build retries.
//! - **The build is killed** at any moment: the old output is in place (or aside under
//!   `.<name>.old`, put back by the next build); the lock dies with the process and the next
//!   build removes its file.

pub mod lock;
pub mod target;

use crate::diag::Diagnostic;
use crate::render::{Content, Output};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
pub use target::{Refusal, Target};

#[derive(Debug)]
pub enum OutputError {
    /// `--out` breaks a rule of [`target`].
    Refused {
        /// As given.
        out: PathBuf,
        root: PathBuf,
        why: Refusal,
    },
    Locked {
        lock: PathBuf,
        pid: String,
    },
    /// A leftover of an earlier build that could not be cleared.
    Leftover {
        path: PathBuf,
        err: std::io::Error,
    },
    /// A folder at a name the build uses beside the output, which no build wrote.
    Foreign {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        err: std::io::Error,
    },
    BadPath(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Refused { out, root, why } => write!(
                f,
                "refusing to build into --out {}: it {}",
                out.display(),
                why.reason(root)
            ),
            OutputError::Locked { lock, pid } => write!(
                f,
                "another build (process {}) is writing this output folder (locked by {}); wait for it to finish and build again",
                if pid.is_empty() { "unknown" } else { pid },
                lock.display()
            ),
            OutputError::Leftover { path, err } => write!(
                f,
                "{}, left by an earlier build, could not be cleared: {err}",
                path.display()
            ),
            OutputError::Foreign { path } => write!(
                f,
                "{} is in the way of the build (it uses that name beside the output folder), and no build wrote it",
                path.display()
            ),
            OutputError::Io { path, err } => write!(f, "{}: {err}", path.display()),
            OutputError::BadPath(p) => write!(f, "refusing to write outside the output folder: {p}"),
        }
    }
}

impl OutputError {
    /// What the person running the build can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            OutputError::Refused { root, why, .. } => Some(why.hint(root)),
            OutputError::Leftover { path, .. } => Some(format!(
                "it holds only an earlier copy of the output; delete it (it may need the rights of whoever ran that build: sudo rm -r {}) and build again",
                path.display()
            )),
            OutputError::Foreign { path } => Some(format!(
                "move or rename {} and build again",
                path.display()
            )),
            OutputError::Io { err, .. } if err.kind() == std::io::ErrorKind::ResourceBusy => Some(
                "the output folder cannot be a mount point; build into a folder inside it".into(),
            ),
            _ => None,
        }
    }
}

impl OutputError {
    /// The error as a diagnostic of the run (exit 2: see [`crate::Outcome::IoError`]).
    pub fn diagnostic(&self) -> Diagnostic {
        let code = match self {
            OutputError::Refused { .. }
            | OutputError::Leftover { .. }
            | OutputError::Foreign { .. } => "output-folder",
            _ => "io",
        };
        let d = Diagnostic::error(code, self.to_string());
        match self.hint() {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |err| OutputError::Io {
        path: path.to_path_buf(),
        err,
    }
}

/// A build's output in progress.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    done: bool,
    /// Held for the whole build; dropped (file removed, lock released) after the fields above.
    _lock: lock::Lock,
}

/// A swap that succeeded.
#[derive(Debug)]
pub struct Committed {
    /// Files written, the marker included.
    pub files: usize,
    /// The old output, set aside, could not be deleted (the next build tries again).
    pub leftover: Option<OutputError>,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Deletes a leftover at `path` if there is one and a build wrote it.
fn clear(path: &Path) -> Result<(), OutputError> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    if !target::may_replace(path) {
        return Err(OutputError::Foreign {
            path: path.to_path_buf(),
        });
    }
    std::fs::remove_dir_all(path).map_err(|err| OutputError::Leftover {
        path: path.to_path_buf(),
        err,
    })
}

impl Staging {
    /// Takes the lock, repairs an interrupted swap, clears what earlier builds left behind and
    /// starts the new output with its marker.
    pub fn begin(target: &Target) -> Result<Staging, OutputError> {
        let out = &target.dir;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let lock = lock::Lock::take(&sibling(out, "lock"))?;
        let old = sibling(out, "old");
        if std::fs::symlink_metadata(out).is_err() && std::fs::symlink_metadata(&old).is_ok() {
            // Killed between the two renames: the old output goes back in place.
            if !target::may_replace(&old) {
                return Err(OutputError::Foreign { path: old });
            }
            std::fs::rename(&old, out).map_err(|err| OutputError::Leftover {
                path: old.clone(),
                err,
            })?;
        }
        clear(&old)?;
        let tmp = sibling(out, "tmp");
        clear(&tmp)?;
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        let staging = Staging {
            out: out.to_path_buf(),
            tmp,
            made: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            done: false,
            _lock: lock,
        };
        staging.write(&Output::bytes(target::MARKER, target::MARKER_TEXT))?;
        Ok(staging)
    }

    /// The file an output path maps to, refusing anything that would leave the folder.
    fn target(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let p = Path::new(rel);
        if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(OutputError::BadPath(rel.to_string()));
        }
        Ok(self.tmp.join(p))
    }

    pub fn write(&self, o: &Output) -> Result<(), OutputError> {
        let path = self.target(&o.path)?;
        if let Some(dir) = path.parent() {
            let known = self.made.lock().map(|m| m.contains(dir)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(dir.to_path_buf());
                }
            }
        }
        match &o.content {
            Content::Bytes(b) => std::fs::write(&path, b).map_err(io(&path))?,
            Content::Copy(src) => std::fs::copy(src, &path).map(|_| ()).map_err(io(src))?,
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the new output in place of the old one.
    pub fn commit(mut self) -> Result<Committed, OutputError> {
        let old = sibling(&self.out, "old");
        let had_old = std::fs::symlink_metadata(&self.out).is_ok();
        if had_old {
            std::fs::rename(&self.out, &old).map_err(io(&self.out))?;
        }
        if let Err(err) = std::fs::rename(&self.tmp, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(io(&self.out)(err));
        }
        self.done = true;
        let leftover = if had_old {
            std::fs::remove_dir_all(&old)
                .err()
                .map(|err| OutputError::Leftover { path: old, err })
        } else {
            None
        };
        Ok(Committed {
            files: self.files.load(Ordering::Relaxed),
            leftover,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        // Then `_lock` is dropped: its file removed and the lock released.
    }
}

#[cfg(test)]
mod tests;
