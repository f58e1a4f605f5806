//! `prospectus serve`: builds the site into memory, serves it on 127.0.0.1, watches the sources
//! and rebuilds on every change, telling open pages to reload.
//!
//! * [`engine`] runs the stages of `build` ([`crate::pipeline`]) but keeps the output as a map
//!   of path → bytes instead of writing it (attachments are read here), kept warm between
//!   changes: it re-reads only changed files, reuses rendered Markdown, and renders the changed
//!   pages first (see its documentation); its results are checked against `build`'s in the
//!   tests.
//! * [`watch`] turns notify's events into debounced batches of changed sources.
//! * [`http`] reads requests (of bounded size) and writes answers on the connections;
//!   [`server`] decides the answers: from the last good map, with the [`overlay`] listing the
//!   errors on top of each page while the content has errors, and streams `reload` events to
//!   the pages.
//!
//! While a content file has errors, the site is built with that file at its last good version
//! (or without it, when it never built in this session), so that the pages of the other files
//! stay up to date; an error that no content file is to blame for (a template, `site.toml`)
//! keeps the whole last good map. Either way the pages carry the overlay until the errors
//! are fixed.

pub mod engine;
pub mod http;
pub mod overlay;
pub mod server;
pub mod watch;

#[cfg(test)]
mod tests;

use crate::diag::report::{self, Format};
use crate::diag::Diagnostic;
use crate::render::{self, Content};
use crate::Options;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// One job's outputs: (path, bytes).
pub type Outputs = Vec<(String, Vec<u8>)>;

/// A job's outputs as bytes: attachments (copied as is by `build`) are read here.
pub fn read_outputs(outputs: Vec<render::Output>) -> Result<Outputs, Diagnostic> {
    outputs
        .into_iter()
        .map(|o| match o.content {
            Content::Bytes(b) => Ok((o.path, b)),
            Content::Copy(src) => std::fs::read(&src).map(|b| (o.path, b)).map_err(|e| {
                Diagnostic::error("io", format!("cannot read {}: {e}", src.display()))
            }),
        })
        .collect()
}

/// What `serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// A fixed "now" for every rebuild; the clock at each rebuild when `None`.
    pub now: Option<DateTime<Utc>>,
    /// Colour in the diagnostics printed to the terminal.
    pub colour: bool,
    /// Print the developer's detail of each rebuild (outputs served, milliseconds).
    pub verbose: bool,
}

/// Output files as served: shared, so that a rebuild can reuse unchanged ones.
pub type Files = BTreeMap<Arc<str>, Arc<Vec<u8>>>;

/// What the server answers from; replaced as a whole after each rebuild.
pub struct Snapshot {
    /// The last good build (empty before the first one).
    pub files: Arc<Files>,
    /// Set while the content has errors: put on top of every page.
    pub overlay: Option<Arc<overlay::Overlay>>,
    /// Counts rebuilds.
    pub generation: u64,
}

/// A connected events stream and the output its page shows.
struct Client {
    tx: mpsc::Sender<server::Event>,
    page: Option<String>,
}

/// State shared by the rebuild loop and the HTTP workers.
pub struct State {
    snap: RwLock<Arc<Snapshot>>,
    clients: Mutex<Vec<Client>>,
}

fn same(a: Option<&Arc<Vec<u8>>>, b: Option<&Arc<Vec<u8>>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
        (None, None) => true,
        _ => false,
    }
}

impl State {
    pub fn new() -> State {
        State {
            snap: RwLock::new(Arc::new(Snapshot {
                files: Arc::new(Files::new()),
                overlay: None,
                generation: 0,
            })),
            clients: Mutex::new(Vec::new()),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snap.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Replaces the snapshot and sends every events stream a message: `reload` when its page
    /// changed (or the error page came or went or changed), `rebuilt` otherwise.
    pub fn publish(&self, snap: Snapshot) {
        let new = Arc::new(snap);
        let old = match self.snap.write() {
            Ok(mut s) => std::mem::replace(&mut *s, Arc::clone(&new)),
            Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), Arc::clone(&new)),
        };
        let errors_changed = old.overlay != new.overlay;
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| {
                let reload = errors_changed
                    || c.page.as_ref().is_none_or(|k| {
                        !same(old.files.get(k.as_str()), new.files.get(k.as_str()))
                    });
                let ev = server::Event {
                    reload,
                    generation: new.generation,
                };
                c.tx.send(ev).is_ok()
            });
        }
    }

    /// Registers an events stream for a page (an output path, when known).
    pub fn subscribe(&self, tx: mpsc::Sender<server::Event>, page: Option<String>) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(Client { tx, page });
        }
    }

    /// The output paths of the pages open in a browser.
    pub fn viewed(&self) -> Vec<String> {
        let mut pages: Vec<String> = self
            .clients
            .lock()
            .map(|c| c.iter().filter_map(|c| c.page.clone()).collect())
            .unwrap_or_default();
        pages.sort();
        pages.dedup();
        pages
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// Runs the server until the process is stopped (Ctrl-C). Returns only on a setup failure
/// (the root is not a folder, the port is taken, the watcher cannot start).
pub fn run(o: &ServeOptions) -> Result<(), String> {
    let root = o
        .root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", o.root.display()))?;
    if !root.is_dir() {
        return Err(format!("{} is not a folder", root.display()));
    }
    let listener =
        std::net::TcpListener::bind(("127.0.0.1", o.port)).map_err(|e| bind_error(o.port, &e))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("cannot listen: {e}"))?
        .port();
    let base = format!("http://127.0.0.1:{port}/");
    let mut opts = Options::new(&root, o.now.unwrap_or_else(Utc::now));
    opts.base_url = Some(base.clone());
    opts.drafts = o.drafts;
    opts.render.live_reload = Some(server::LIVE_JS.to_string());
    // Watch before the first build, so that nothing saved during it is missed.
    let mut watch = watch::Watch::start(&root, &opts.out_dir())
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;

    let state = Arc::new(State::new());
    let pending = watch.pending();
    let mut engine = engine::Engine::new(opts, o.now);
    let mut printed: Vec<Diagnostic> = Vec::new();
    let started = Instant::now();
    let summary = engine.rebuild(None, &state, &pending);
    report_rebuild(&summary, started, o, &mut printed, true);
    let answer = {
        let state = Arc::clone(&state);
        Arc::new(move |req: &http::Request| server::handle(&state, req, port))
    };
    std::thread::spawn(move || http::serve(listener, answer));
    println!("Serving on {base}");
    println!(
        "Watching {} for changes; press Ctrl-C to stop.",
        root.display()
    );
    let _ = std::io::stdout().flush();
    loop {
        let deadline = engine.next_change().and_then(|n| {
            let wait = (n - Utc::now()).to_std().unwrap_or_default();
            Instant::now().checked_add(wait + Duration::from_secs(1))
        });
        let Some(batch) = watch.next_batch(deadline) else {
            return Err("the file watcher stopped".to_string());
        };
        if batch.is_empty() {
            continue;
        }
        pending.store(false, std::sync::atomic::Ordering::Relaxed);
        let started = Instant::now();
        let summary = engine.rebuild(Some(&batch), &state, &pending);
        report_rebuild(&summary, started, o, &mut printed, false);
    }
}

/// Why the preview cannot listen on `port`, in the author's words: which port is busy, what is
/// likely using it, and how to choose another (`--port`, or none for a free one), as a hint line.
pub fn bind_error(port: u16, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {port} is already in use, so the preview cannot start there: another `prospectus serve` may still be running (stop it with Ctrl-C in its window), or another program uses that port"
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "this computer does not let the preview use port {port} (ports below 1024 are reserved)"
        ),
        _ => format!("the preview cannot use port {port} of 127.0.0.1 ({e})"),
    };
    let next = if (1024..u16::MAX).contains(&port) {
        port + 1
    } else {
        8080
    };
    format!(
        "{why}\n  hint: choose another port with `--port`, for example `prospectus serve --port {next}`, or leave out `--port` and the preview picks a free one"
    )
}

/// Prints a rebuild's diagnostics (when they changed since last time) and what it means for
/// the author; the developer's detail (outputs, stage times) with `verbose`.
fn report_rebuild(
    s: &engine::Summary,
    started: Instant,
    o: &ServeOptions,
    printed: &mut Vec<Diagnostic>,
    first: bool,
) {
    if s.diagnostics != *printed {
        eprint!(
            "{}",
            report::render(&s.diagnostics, Format::Human, o.colour)
        );
        printed.clone_from(&s.diagnostics);
    }
    for line in author_lines(s, started.elapsed(), first) {
        println!("{line}");
    }
    if o.verbose {
        println!("  ({})", detail_line(s, started.elapsed()));
    }
    let _ = std::io::stdout().flush();
}

/// Seconds, as an author reads them: `0.06 s`.
fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// What a rebuild means for the author: what was saved and how soon its page was served, or
/// why it was not.
pub fn author_lines(s: &engine::Summary, took: Duration, first: bool) -> Vec<String> {
    let names = |items: &[&engine::Item]| {
        items
            .iter()
            .map(|i| i.what.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let held = |rel: &str| s.held.iter().any(|h| h.rel == rel);
    let saved: Vec<&engine::Item> = s.saved.iter().collect();
    let updated: Vec<&engine::Item> = s.saved.iter().filter(|i| !held(&i.rel)).collect();
    let mut lines = Vec::new();
    if !s.ok {
        let what = if first {
            "The site could not be built".to_string()
        } else if saved.is_empty() {
            "Saved a change to the site's settings, templates or files".to_string()
        } else {
            format!("Saved {}", names(&saved))
        };
        lines.push(format!(
            "{what}: the site has errors (listed above); the preview keeps the last good version of every page, with the errors on top, until they are fixed."
        ));
        return lines;
    }
    if first {
        lines.push(format!("Built the site in {}.", secs(took)));
    } else if saved.is_empty() {
        lines.push(format!(
            "Saved a change to the site's settings, templates or files: site rebuilt in {}.",
            secs(took)
        ));
    } else if !updated.is_empty() {
        let removed = updated.iter().all(|i| i.absent);
        let (verb, pages) = match (removed, updated.len()) {
            (true, _) => ("Removed", "site updated"),
            (false, 1) => ("Saved", "page updated"),
            (false, _) => ("Saved", "pages updated"),
        };
        lines.push(format!(
            "{verb} {}: {pages} in {}.",
            names(&updated),
            secs(s.first_ready)
        ));
    }
    for h in &s.held {
        lines.push(if h.absent {
            format!(
                "{} has errors (listed above): it is left out of the preview until they are fixed.",
                h.what
            )
        } else {
            format!(
                "{} has errors (listed above): the preview shows its last good version, with the errors on top, until they are fixed.",
                h.what
            )
        });
    }
    lines
}

/// The developer's detail of a rebuild (`--verbose`).
fn detail_line(s: &engine::Summary, took: Duration) -> String {
    let ms = took.as_millis();
    let mode = match s.mode {
        engine::Mode::Full => "full",
        engine::Mode::Content => "content",
        engine::Mode::BodyOnly => "body only",
    };
    if !s.ok {
        format!("failed after {ms} ms; {}", s.timings)
    } else if s.interrupted {
        format!(
            "{mode}: interrupted by newer changes after {ms} ms (changed pages served after {} ms)",
            s.first_ready.as_millis()
        )
    } else {
        format!(
            "{mode}: {ms} ms; {} changed or open outputs served after {} ms, then {} more; {} files; {}",
            s.first,
            s.first_ready.as_millis(),
            s.rest,
            s.files,
            s.timings
        )
    }
}
