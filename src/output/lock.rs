//! The lock that keeps two builds from writing one output folder at once: an advisory `flock`
//! on a file beside the output (`.<name>.lock`, holding the builder's process id for the
//! message), removed again when the build ends.
//!
//! The kernel releases a `flock` when the process ends, however it ends (`kill -9` included),
//! so a lock file left by a killed build never blocks: the next build locks it and removes it.
//! Removing the file is safe because it happens while the lock is held, and because a build
//! that locked a file checks that the file is still the one at that path: a build that opened
//! the file just before its holder removed it finds the path gone or new, and tries again.

use super::OutputError;
use std::fs::{File, TryLockError};
use std::io::{Seek as _, Write as _};
use std::path::{Path, PathBuf};

/// A held lock; dropping it removes the file and then releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

/// How often to try again when the file was replaced between opening and locking it (each
/// time means another build finished in between; more than a few is not a race but a fault).
const ATTEMPTS: usize = 8;

impl Lock {
    pub fn take(path: &Path) -> Result<Lock, OutputError> {
        let io = |err| OutputError::Io {
            path: path.to_path_buf(),
            err,
        };
        for _ in 0..ATTEMPTS {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let pid = std::fs::read_to_string(path).unwrap_or_default();
                    return Err(OutputError::Locked {
                        lock: path.to_path_buf(),
                        pid: pid.trim().to_string(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if !still_at(&file, path) {
                continue; // its holder removed it after we opened it: lock the new one
            }
            // The process id is only for the message of a build that finds the folder locked.
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = write!(file, "{}", std::process::id());
            let _ = file.flush();
            return Ok(Lock {
                path: path.to_path_buf(),
                file,
            });
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced; is something else removing it?",
        )))
    }
}

/// Whether `file` is the file now at `path` (same device and inode).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed, so the file at the path is the one opened.
#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; the lock is released when `file` closes, right after.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_gone_after_the_lock_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".public.lock");
        let lock = Lock::take(&p).unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            std::process::id().to_string()
        );
        assert!(matches!(Lock::take(&p), Err(OutputError::Locked { .. })));
        drop(lock);
        assert!(!p.exists(), "no lock file is left behind");
        drop(Lock::take(&p).unwrap());
    }

    #[test]
    fn a_file_left_by_a_killed_build_does_not_block_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".public.lock");
        // Nobody holds a lock on it: a file with a pid (even a live one) is not a lock.
        std::fs::write(&p, "1").unwrap();
        drop(Lock::take(&p).unwrap());
        assert!(!p.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_file_removed_by_its_holder_is_not_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".public.lock");
        let holder = Lock::take(&p).unwrap();
        // A second build opened the file before the holder removed it…
        let late = File::open(&p).unwrap();
        drop(holder);
        late.try_lock().unwrap();
        // …and a third one locks the new file: the second one must not think it holds the lock.
        assert!(!still_at(&late, &p));
        let third = Lock::take(&p).unwrap();
        assert!(matches!(Lock::take(&p), Err(OutputError::Locked { .. })));
        drop(third);
    }
}
