//! Writing the output: everything goes into a fresh temporary folder beside the output folder,
//! which replaces the old output only when the whole build succeeded. The only writer.
//!
//! A lock file beside the output keeps two builds from using one output folder at once. The
//! swap is two renames (old output aside, new output in place); a build killed between them
//! leaves the old output under its `.old` name, and the next build puts it back first.

use crate::render::{Content, Output};
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug)]
pub enum OutputError {
    Locked { lock: PathBuf, pid: String },
    Io { path: PathBuf, err: std::io::Error },
    BadPath(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Locked { lock, pid } => write!(
                f,
                "another build (process {pid}) is writing this output folder; wait for it to finish, or remove {} if no build is running",
                lock.display()
            ),
            OutputError::Io { path, err } => write!(f, "{}: {err}", path.display()),
            OutputError::BadPath(p) => write!(f, "refusing to write outside the output folder: {p}"),
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
    lock: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    done: bool,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

fn pid_alive(pid: &str) -> bool {
    pid.trim()
        .parse::<u32>()
        .is_ok_and(|p| Path::new(&format!("/proc/{p}")).exists())
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
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock)
            {
                Ok(mut f) => {
                    let _ = write!(f, "{}", std::process::id());
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&lock).unwrap_or_default();
                    if pid_alive(&pid) && pid.trim() != std::process::id().to_string() {
                        return Err(OutputError::Locked {
                            lock,
                            pid: pid.trim().to_string(),
                        });
                    }
                    let _ = std::fs::remove_file(&lock); // stale: its build was killed
                }
                Err(e) => return Err(io(&lock)(e)),
            }
        }
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
            lock,
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
        let _ = std::fs::remove_file(&self.lock);
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
        assert!(!dir.path().join(".public.lock").exists());
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
        std::fs::write(dir.path().join(".public.lock"), "1").unwrap(); // pid 1 is alive
        assert!(matches!(
            Staging::begin(&out),
            Err(OutputError::Locked { .. })
        ));
    }
}
