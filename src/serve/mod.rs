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
//!   [`server`] decides the answers: from the last good map, or with an error page listing the
//!   diagnostics while the content has errors, and streams `reload` events to the pages.
//!
//! A rebuild that fails keeps the last good map: non-page files (style sheets, images) are still
//! served, and pages show the errors until a rebuild succeeds.

pub mod engine;
pub mod http;
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
}

/// Output files as served: shared, so that a rebuild can reuse unchanged ones.
pub type Files = BTreeMap<Arc<str>, Arc<Vec<u8>>>;

/// What the server answers from; replaced as a whole after each rebuild.
pub struct Snapshot {
    /// The last good build (empty before the first one).
    pub files: Arc<Files>,
    /// Set while the content has errors: shown instead of every page.
    pub error_page: Option<String>,
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
                error_page: None,
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
        let errors_changed = old.error_page != new.error_page;
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

/// The error page for a failed build's diagnostics (errors only; warnings are counted).
pub fn error_page_for(diags: &[Diagnostic]) -> String {
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    let warnings = diags.len() - errors.len();
    server::error_page(&report::render(&errors, Format::Human, false), warnings)
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
    let listener = std::net::TcpListener::bind(("127.0.0.1", o.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", o.port))?;
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
    report_rebuild(&summary, started, o.colour, &mut printed, "built");
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
        report_rebuild(&summary, started, o.colour, &mut printed, "rebuilt");
    }
}

/// Prints a rebuild's diagnostics (when they changed since last time) and its time.
fn report_rebuild(
    s: &engine::Summary,
    started: Instant,
    colour: bool,
    printed: &mut Vec<Diagnostic>,
    verb: &str,
) {
    if s.diagnostics != *printed {
        eprint!("{}", report::render(&s.diagnostics, Format::Human, colour));
        printed.clone_from(&s.diagnostics);
    }
    let ms = started.elapsed().as_millis();
    let mode = match s.mode {
        engine::Mode::Full => "full",
        engine::Mode::Content => "content",
        engine::Mode::BodyOnly => "body only",
    };
    if !s.ok {
        println!(
            "{verb} in {ms} ms with errors; pages show them until they are fixed ({})",
            s.timings
        );
    } else if s.interrupted {
        println!(
            "rebuild interrupted by newer changes after {ms} ms (changed pages served after {} ms)",
            s.first_ready.as_millis()
        );
    } else {
        println!(
            "{verb} in {ms} ms ({mode}: {} changed or open outputs served after {} ms, then {} more; {} files; {})",
            s.first,
            s.first_ready.as_millis(),
            s.rest,
            s.files,
            s.timings
        );
    }
    let _ = std::io::stdout().flush();
}
