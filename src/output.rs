//! Writing the output: everything goes into a fresh temporary folder beside the output folder,
//! which replaces the old output only when the whole build succeeded. The only writer.
//!
//! A lock file beside the output (`.<name>.lock`, holding the builder's process id for the
//! message) keeps two builds from using one output folder at once. The lock is an advisory
//! `flock` on that file, held as long as the build runs: the kernel releases it when the process
//! ends, however it ends (`kill -9` included), so a stale lock never blocks the next build and no
//! two builds can both decide that a lock is stale. The file itself stays (removing a locked file
//! would let a third build lock a new file of the same name while the second holds the old one).
//!
//! The swap is two renames (old output aside, new output in place); a build killed between them
//! leaves the old output under its `.old` name, and the next build puts it back first.

use crate::render::{Content, Output};
use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::io::{Seek as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug)]
pub enum OutputError {
    Locked {
        lock: PathBuf,
        pid: String,
    },
    Io {
        path: PathBuf,
        err: std::io::Error,
    },
    BadPath(String),
    /// The output folder is the site's folder or contains it: the swap would delete the site.
    Contains {
        out: PathBuf,
        root: PathBuf,
    },
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Locked { lock, pid } => write!(
                f,
                "another build (process {}) is writing this output folder (locked by {}); wait for it to finish and build again",
                if pid.is_empty() { "unknown" } else { pid },
                lock.display()
            ),
            OutputError::Io { path, err } => write!(f, "{}: {err}", path.display()),
            OutputError::BadPath(p) => write!(f, "refusing to write outside the output folder: {p}"),
            OutputError::Contains { out, root } => write!(
                f,
                "refusing to use {} as the output folder: it contains the site {} (the output folder is replaced as a whole); choose another --out, e.g. {}/public",
                out.display(),
                root.display(),
                root.display()
            ),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |err| OutputError::Io {
        path: path.to_path_buf(),
        err,
    }
}

/// Refuses an output folder that is the site's root or one of its parents (it would be renamed
/// away and deleted by the swap). Paths that do not exist yet are compared as written.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), OutputError> {
    let abs = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (root_abs, out_abs) = (abs(root), abs(out));
    if root_abs.starts_with(&out_abs) || out_abs.parent().is_none() {
        return Err(OutputError::Contains {
            out: out.to_path_buf(),
            root: root.to_path_buf(),
        });
    }
    Ok(())
}

/// A build's output in progress.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Held open (and `flock`ed) for the whole build; closing it releases the lock.
    _lock: File,
    made: Mutex<HashSet<PathBuf>>,
    done: bool,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

impl Staging {
    /// Takes the lock, repairs an interrupted swap and clears what killed builds left behind.
    pub fn begin(out: &Path) -> Result<Staging, OutputError> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let lock = sibling(out, "lock");
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .map_err(io(&lock))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let pid = std::fs::read_to_string(&lock).unwrap_or_default();
                return Err(OutputError::Locked {
                    lock,
                    pid: pid.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(&lock)(e)),
        }
        // The process id is only for the message of a build that finds the folder locked.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        let old = sibling(out, "old");
        if !out.exists() && old.exists() {
            std::fs::rename(&old, out).map_err(io(out))?;
        }
        let _ = std::fs::remove_dir_all(&old);
        let tmp = sibling(out, "tmp");
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            _lock: file,
            made: Mutex::new(HashSet::new()),
            done: false,
        })
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
            Content::Bytes(b) => std::fs::write(&path, b).map_err(io(&path)),
            Content::Copy(src) => std::fs::copy(src, &path).map(|_| ()).map_err(io(src)),
        }
    }

    /// Puts the new output in place of the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let old = sibling(&self.out, "old");
        if self.out.exists() {
            std::fs::rename(&self.out, &old).map_err(io(&self.out))?;
        }
        std::fs::rename(&self.tmp, &self.out).map_err(io(&self.out))?;
        let _ = std::fs::remove_dir_all(&old);
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        // The lock is released when `_lock` is closed, right after this.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staging::begin(&dir.path().join("public")).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
            assert!(
                matches!(
                    s.write(&Output::bytes(bad, "x")),
                    Err(OutputError::BadPath(_))
                ),
                "{bad}"
            );
        }
        s.write(&Output::bytes("en/index.html", "ok")).unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("public/en/index.html")).unwrap(),
            "ok"
        );
        // The lock is free again: the next build takes it.
        drop(Staging::begin(&dir.path().join("public")).unwrap());
    }

    #[test]
    fn abandoned_build_leaves_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("a.html"), "old").unwrap();
        {
            let s = Staging::begin(&out).unwrap();
            s.write(&Output::bytes("a.html", "new")).unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        assert!(!dir.path().join(".public.tmp").exists());
    }

    #[test]
    fn second_build_is_refused_while_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out).unwrap();
        match Staging::begin(&out) {
            Err(e @ OutputError::Locked { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("another build"), "{msg}");
                assert!(msg.contains(&std::process::id().to_string()), "{msg}");
            }
            Err(e) => panic!("expected Locked, got {e}"),
            Ok(_) => panic!("two builds hold the lock at once"),
        }
        drop(first);
        Staging::begin(&out).unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_killed_build_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // Nobody holds a lock on it: a file with a pid (even a live one) is not a lock.
        std::fs::write(dir.path().join(".public.lock"), "1").unwrap();
        Staging::begin(&out).unwrap();
    }

    #[test]
    fn an_interrupted_swap_is_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = dir.path().join(".public.old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("a.html"), "old").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.tmp/x")).unwrap();
        let s = Staging::begin(&out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        assert!(!old.exists());
        assert!(
            !dir.path().join(".public.tmp/x").exists(),
            "the old temp folder is cleared"
        );
        drop(s);
        assert!(!dir.path().join(".public.tmp").exists());
    }

    #[test]
    fn refuses_an_output_folder_that_holds_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join(".."),
            PathBuf::from("/"),
        ] {
            assert!(
                matches!(
                    check_out_dir(&root, &bad),
                    Err(OutputError::Contains { .. })
                ),
                "{}",
                bad.display()
            );
        }
        check_out_dir(&root, &root.join("public")).unwrap();
        check_out_dir(&root, &dir.path().join("out")).unwrap();
    }
}
