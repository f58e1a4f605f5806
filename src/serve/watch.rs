//! Watching the site's sources for `serve`: `site.toml`, `content/`, `data/`, `templates/`,
//! `static/`, `i18n/` and `themes/` below the root, never the output folder.
//!
//! Editors save in bursts (a probe file such as vim's `4913`, a backup `x.md~`, a rename, a
//! write, a chmod), so events are gathered into a [`Batch`]: after the first relevant event,
//! the batch keeps draining until no relevant event came for [`Debounce::quiet`] (or
//! [`Debounce::max`] passed), keeping one entry per path. Temporary and hidden files are
//! dropped (the loader skips them too).

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What part of the site a changed path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Config,
    Content,
    Data,
    Templates,
    Static,
    I18n,
    Theme,
}

/// The folders below the root that are watched (recursively): the source folders.
pub const WATCHED_DIRS: [&str; 6] = crate::load::SOURCE_DIRS;

/// Editor droppings: swap, backup, lock and probe files, and hidden files.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.contains("___jb_")
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".bak",
            ".crswap",
            ".kate-swp",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// The kind of a site-relative path, `None` for paths that are not sources.
pub fn classify(rel: &Path) -> Option<ChangeKind> {
    let mut parts = rel.components().map(|c| match c {
        Component::Normal(s) => s.to_str(),
        _ => None,
    });
    let first = parts.next()??;
    let name = rel.file_name()?.to_str()?;
    if is_temp_file(name) {
        return None;
    }
    // Inside a hidden folder (`content/.git/`): never read. (Hidden files of static folders
    // may be published, `[static] hidden`: a change there reloads, as any static file's does.)
    let in_hidden = rel.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(crate::load::walk::is_hidden)
    });
    if in_hidden && !matches!(first, "static" | "themes") {
        return None;
    }
    let kind = match first {
        "site.toml" if rel.components().count() == 1 => ChangeKind::Config,
        "content" => ChangeKind::Content,
        "data" => ChangeKind::Data,
        "templates" => ChangeKind::Templates,
        "static" => ChangeKind::Static,
        "i18n" => ChangeKind::I18n,
        "themes" => ChangeKind::Theme,
        _ => return None,
    };
    Some(kind)
}

/// Events that can change a file: creation, modification, removal, renames and the end of a
/// write; opening or reading a file does not.
fn changes_something(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The changes of one burst of events.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Site-relative path → its kind; one entry per path.
    pub changes: BTreeMap<PathBuf, ChangeKind>,
    /// The watcher lost events (queue overflow, error): everything may have changed.
    pub rescan: bool,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && !self.rescan
    }

    /// Whether anything but content files changed (templates, data, configuration…).
    pub fn beyond_content(&self) -> bool {
        self.rescan || self.changes.values().any(|k| *k != ChangeKind::Content)
    }
}

/// How events are grouped into batches.
#[derive(Clone, Copy, Debug)]
pub struct Debounce {
    /// A batch ends after this long without a relevant event…
    pub quiet: Duration,
    /// …or after this long when every file written in the batch has been closed (the save is
    /// complete; only the editor's tidying, a backup removed, may follow)…
    pub settled: Duration,
    /// …or this long after its first event, whichever comes first.
    pub max: Duration,
}

impl Default for Debounce {
    fn default() -> Self {
        // Editors finish a save's burst within a few milliseconds; 30 ms of quiet leaves room
        // for slower disks, and a save whose file is closed needs less.
        Debounce {
            quiet: Duration::from_millis(30),
            settled: Duration::from_millis(10),
            max: Duration::from_millis(300),
        }
    }
}

/// Filters events and maps paths to site-relative ones.
#[derive(Clone, Debug)]
pub struct Filter {
    /// The site root, canonical (as the watched paths are given).
    pub root: PathBuf,
    /// The output folder: never a source, even when it sits inside a watched folder.
    pub out: PathBuf,
}

impl Filter {
    /// Adds an event's relevant paths to the batch; true when something was added.
    pub fn absorb(&self, batch: &mut Batch, event: &notify::Result<Event>) -> bool {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                batch.rescan = true;
                return true;
            }
        };
        if event.need_rescan() {
            batch.rescan = true;
            return true;
        }
        if !changes_something(&event.kind) {
            return false;
        }
        let mut added = false;
        for p in &event.paths {
            if p.starts_with(&self.out) {
                continue;
            }
            let Ok(rel) = p.strip_prefix(&self.root) else {
                continue;
            };
            if let Some(kind) = classify(rel) {
                batch.changes.insert(rel.to_path_buf(), kind);
                added = true;
            }
        }
        added
    }

    /// Keeps `writing` up to date with an event: the source files written and not yet closed.
    fn track_writes(&self, writing: &mut BTreeSet<PathBuf>, event: &notify::Result<Event>) {
        let Ok(event) = event else { return };
        let opened = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Modify(ModifyKind::Data(_))
                | EventKind::Modify(ModifyKind::Any)
        );
        let closed = event.kind == EventKind::Access(AccessKind::Close(AccessMode::Write));
        for p in &event.paths {
            let Ok(rel) = p.strip_prefix(&self.root) else {
                continue;
            };
            if p.starts_with(&self.out) || classify(rel).is_none() {
                continue;
            }
            if closed {
                writing.remove(rel);
            } else if opened {
                writing.insert(rel.to_path_buf());
            }
        }
    }

    /// Waits for the next burst of relevant events; `None` when the watcher is gone. When
    /// `deadline` passes first, the batch is a rescan (the clock moved a course to a new state).
    pub fn next_batch(
        &self,
        rx: &Receiver<notify::Result<Event>>,
        debounce: Debounce,
        deadline: Option<Instant>,
    ) -> Option<Batch> {
        let mut batch = Batch::default();
        let mut writing = BTreeSet::new();
        loop {
            let ev = match deadline {
                None => rx.recv().ok()?,
                Some(d) => match rx.recv_timeout(d.saturating_duration_since(Instant::now())) {
                    Ok(ev) => ev,
                    Err(RecvTimeoutError::Timeout) => {
                        batch.rescan = true;
                        return Some(batch);
                    }
                    Err(RecvTimeoutError::Disconnected) => return None,
                },
            };
            if self.absorb(&mut batch, &ev) {
                self.track_writes(&mut writing, &ev);
                break;
            }
        }
        let start = Instant::now();
        let mut last = start;
        loop {
            let wait = if writing.is_empty() {
                debounce.settled
            } else {
                debounce.quiet
            };
            let deadline = (last + wait).min(start + debounce.max);
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            match rx.recv_timeout(deadline - now) {
                Ok(ev) => {
                    if self.absorb(&mut batch, &ev) {
                        self.track_writes(&mut writing, &ev);
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch)
    }
}

/// The watcher of one site.
pub struct Watch {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    pub filter: Filter,
    pub debounce: Debounce,
    /// Set as soon as a relevant event arrives (before it is batched): lets a long rebuild stop
    /// early. The rebuild loop clears it when it takes a batch.
    pending: Arc<AtomicBool>,
    /// Folders currently watched (names from [`WATCHED_DIRS`]).
    watched: BTreeSet<&'static str>,
}

impl Watch {
    /// Starts watching `root` (canonical) — its own entries without recursion (for `site.toml`
    /// and folders that appear later) and each source folder recursively.
    pub fn start(root: &Path, out: &Path) -> notify::Result<Watch> {
        let (tx, rx) = mpsc::channel();
        let filter = Filter {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
        };
        let pending = Arc::new(AtomicBool::new(false));
        let (f, p) = (filter.clone(), Arc::clone(&pending));
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<Event>| {
            if f.absorb(&mut Batch::default(), &ev) {
                p.store(true, Ordering::Relaxed);
            }
            let _ = tx.send(ev);
        })?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = Watch {
            watcher,
            rx,
            filter,
            debounce: Debounce::default(),
            pending,
            watched: BTreeSet::new(),
        };
        w.refresh_dirs();
        Ok(w)
    }

    /// Watches source folders that appeared, forgets those that went away.
    fn refresh_dirs(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.filter.root.join(name);
            let exists = dir.is_dir();
            let watching = self.watched.contains(name);
            if exists && !watching {
                if self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(name);
                }
            } else if !exists && watching {
                let _ = self.watcher.unwatch(&dir);
                self.watched.remove(name);
            }
        }
    }

    /// The flag set when relevant events are waiting.
    pub fn pending(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.pending)
    }

    /// The next batch of changes (see [`Filter::next_batch`]); `None` if the watcher stopped.
    pub fn next_batch(&mut self, deadline: Option<Instant>) -> Option<Batch> {
        let batch = self.filter.next_batch(&self.rx, self.debounce, deadline)?;
        if batch.rescan || batch.changes.keys().any(|p| p.components().count() == 1) {
            self.refresh_dirs();
        }
        Some(batch)
    }
}
