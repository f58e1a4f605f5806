//! `prospectus serve`: builds the site into memory, serves it on 127.0.0.1, watches the sources
//! and rebuilds on every change, telling open pages to reload.
//!
//! * [`build_in_memory`] runs the pipeline of `build` (load → assemble → prepare → render) but
//!   keeps the output as a map of path → bytes instead of writing it; attachments are read here.
//! * [`watch`] turns notify's events into debounced batches of changed sources.
//! * [`server`] answers HTTP requests from the last good map, or with an error page listing the
//!   diagnostics while the content has errors, and streams `reload` events to the pages.
//!
//! A rebuild that fails keeps the last good map: non-page files (style sheets, images) are still
//! served, and pages show the errors until a rebuild succeeds.

mod engine;
pub mod server;
pub mod watch;

#[cfg(test)]
mod tests;

use crate::diag::report::{self, Format};
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, Content};
use crate::Options;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

static PROFILE: std::sync::LazyLock<
    Mutex<std::collections::HashMap<String, (usize, Duration, usize)>>,
> = std::sync::LazyLock::new(Default::default);

/// How long each stage of an in-memory build took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading, assembling and validating the sources.
    pub load: Duration,
    /// Compiling templates and rendering Markdown bodies.
    pub prepare: Duration,
    /// Rendering every output.
    pub render: Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "load {} ms, prepare {} ms, render {} ms",
            self.load.as_millis(),
            self.prepare.as_millis(),
            self.render.as_millis()
        )
    }
}

/// The result of an in-memory build.
pub struct Built {
    /// Output path (relative, `/`-separated, as `build` would write it) → bytes. Empty when
    /// the build failed.
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    /// No errors: `files` is the complete site.
    pub ok: bool,
    pub timings: Timings,
}

fn failed(d: Diagnostics, timings: Timings) -> Built {
    Built {
        files: BTreeMap::new(),
        diagnostics: d.into_sorted(),
        ok: false,
        timings,
    }
}

/// Builds the site as `build` does, into memory: every output's bytes by path.
pub fn build_in_memory(opts: &Options) -> Built {
    let mut t = Timings::default();
    let mut d = Diagnostics::new();
    let start = Instant::now();
    let site = if std::env::var_os("PROSPECTUS_SERVE_PROFILE").is_some() {
        let input = crate::load::load(&opts.root, opts.base_url.as_deref(), &mut d).unwrap();
        eprintln!("profile load::load {} ms", start.elapsed().as_millis());
        let s2 = Instant::now();
        let cpu = || {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        let c0 = cpu();
        let site = crate::assemble::assemble(
            input,
            crate::assemble::Options {
                drafts: opts.drafts,
            },
            &mut d,
        );
        eprintln!(
            "profile assemble {} ms wall, {} ms cpu",
            s2.elapsed().as_millis(),
            (cpu() - c0) / 1_000_000
        );
        let s2 = Instant::now();
        crate::validate::now_warnings(&site, opts.now, &mut d);
        eprintln!("profile now_warnings {} ms", s2.elapsed().as_millis());
        let s2 = Instant::now();
        let _ = crate::render::templates::compile(&site.theme.templates);
        eprintln!("profile templates {} ms", s2.elapsed().as_millis());
        Some(site)
    } else {
        crate::load_site(opts, &mut d)
    };
    t.load = start.elapsed();
    let Some(site) = site else {
        return failed(d, t);
    };
    let start = Instant::now();
    let ctx = render::prepare(&site, opts.now, opts.render.clone(), &mut d);
    t.prepare = start.elapsed();
    let ctx = match ctx {
        Some(c) if !d.has_errors() => c,
        _ => return failed(d, t),
    };
    let start = Instant::now();
    let jobs = render::jobs(&ctx);
    let results: Vec<Result<Vec<(String, Vec<u8>)>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let t0 = Instant::now();
            let r = render::render(&ctx, job);
            if std::env::var_os("PROSPECTUS_SERVE_PROFILE").is_some() {
                let kind = format!("{job:?}");
                let kind = kind.split(['(', ' ', '{']).next().unwrap_or("").to_string();
                let bytes: usize = r
                    .as_ref()
                    .map(|v| {
                        v.iter()
                            .map(|o| match &o.content {
                                Content::Bytes(b) => b.len(),
                                _ => 0,
                            })
                            .sum()
                    })
                    .unwrap_or(0);
                let mut p = PROFILE.lock().unwrap();
                let e = p.entry(kind).or_insert((0, Duration::ZERO, 0));
                e.0 += 1;
                e.1 += t0.elapsed();
                e.2 += bytes;
            }
            r?.into_iter()
                .map(|o| match o.content {
                    Content::Bytes(b) => Ok((o.path, b)),
                    Content::Copy(src) => std::fs::read(&src).map(|b| (o.path, b)).map_err(|e| {
                        Diagnostic::error("io", format!("cannot read {}: {e}", src.display()))
                    }),
                })
                .collect()
        })
        .collect();
    let mut files = BTreeMap::new();
    for r in results {
        match r {
            Ok(outs) => files.extend(outs),
            Err(e) => d.push(e),
        }
    }
    t.render = start.elapsed();
    if std::env::var_os("PROSPECTUS_SERVE_PROFILE").is_some() {
        for (k, (n, dur, bytes)) in PROFILE.lock().unwrap().drain() {
            eprintln!(
                "profile {k}: {n} jobs, {} ms, {} KB",
                dur.as_millis(),
                bytes / 1024
            );
        }
    }
    if d.has_errors() {
        return failed(d, t);
    }
    Built {
        files,
        diagnostics: d.into_sorted(),
        ok: true,
        timings: t,
    }
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
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What the server answers from; replaced as a whole after each rebuild.
pub struct Snapshot {
    /// The last good build (empty before the first one).
    pub files: Arc<Files>,
    /// Set while the content has errors: shown instead of every page.
    pub error_page: Option<String>,
    /// Counts rebuilds.
    pub generation: u64,
}

/// State shared by the rebuild loop and the HTTP workers.
pub struct State {
    snap: RwLock<Arc<Snapshot>>,
    clients: Mutex<Vec<mpsc::Sender<u64>>>,
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

    /// Replaces the snapshot and tells every connected page to reload.
    pub fn publish(&self, snap: Snapshot) {
        let generation = snap.generation;
        match self.snap.write() {
            Ok(mut s) => *s = Arc::new(snap),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snap),
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|tx| tx.send(generation).is_ok());
        }
    }

    /// Registers an events stream.
    pub fn subscribe(&self, tx: mpsc::Sender<u64>) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
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
    let http = Arc::new(
        tiny_http::Server::from_listener(listener, None)
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?,
    );
    let base = format!("http://127.0.0.1:{port}/");
    let mut opts = Options::new(&root, o.now.unwrap_or_else(Utc::now));
    opts.base_url = Some(base.clone());
    opts.drafts = o.drafts;
    opts.render.live_reload = Some(server::LIVE_JS.to_string());
    // Watch before the first build, so that nothing saved during it is missed.
    let mut watch = watch::Watch::start(&root, &opts.out_dir())
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;

    let state = Arc::new(State::new());
    let mut printed: Vec<Diagnostic> = Vec::new();
    let started = Instant::now();
    rebuild(&opts, &state, 1, o.colour, &mut printed, started, "built");
    for _ in 0..4 {
        let http = Arc::clone(&http);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            for req in http.incoming_requests() {
                server::handle(&state, req);
            }
        });
    }
    println!("Serving on {base}");
    println!(
        "Watching {} for changes; press Ctrl-C to stop.",
        root.display()
    );
    let _ = std::io::stdout().flush();
    let mut generation = 1;
    while let Some(batch) = watch.next_batch() {
        if batch.is_empty() {
            continue;
        }
        let started = Instant::now();
        generation += 1;
        if o.now.is_none() {
            opts.now = Utc::now();
        }
        rebuild(
            &opts,
            &state,
            generation,
            o.colour,
            &mut printed,
            started,
            "rebuilt",
        );
    }
    Err("the file watcher stopped".to_string())
}

/// One build, published to the server; prints its diagnostics (when they changed) and time.
fn rebuild(
    opts: &Options,
    state: &State,
    generation: u64,
    colour: bool,
    printed: &mut Vec<Diagnostic>,
    started: Instant,
    verb: &str,
) {
    let built = build_in_memory(opts);
    let old = state.snapshot();
    let snap = if built.ok {
        let files: Files = built
            .files
            .into_iter()
            .map(|(k, v)| (k, Arc::new(v)))
            .collect();
        Snapshot {
            files: Arc::new(files),
            error_page: None,
            generation,
        }
    } else {
        Snapshot {
            files: Arc::clone(&old.files),
            error_page: Some(error_page_for(&built.diagnostics)),
            generation,
        }
    };
    let count = snap.files.len();
    state.publish(snap);
    if built.diagnostics != *printed {
        eprint!(
            "{}",
            report::render(&built.diagnostics, Format::Human, colour)
        );
        *printed = built.diagnostics;
    }
    let ms = started.elapsed().as_millis();
    if built.ok {
        println!("{verb} in {ms} ms ({count} files; {})", built.timings);
    } else {
        println!(
            "{verb} in {ms} ms with errors; pages show them until they are fixed ({})",
            built.timings
        );
    }
    let _ = std::io::stdout().flush();
}
