//! Prospectus: a static-site generator for training catalogues and notices.
//!
//! The pipeline, one module per stage: [`load`] reads the site, [`assemble`] builds the
//! [`model`] (with the rules in [`validate`]), [`render`] turns it into bytes, [`output`] writes
//! them; [`pipeline`] runs those stages in order for `build`, `check` and `serve`. [`diag`]
//! carries every problem found on the way.

// Functions stay under 100 lines (clippy.toml); `cargo clippy -- -D warnings` enforces it.
#![warn(clippy::too_many_lines)]

pub mod assemble;
pub mod csp;
pub mod diag;
pub mod editor;
pub mod i18n;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod state;
pub mod validate;

pub use pipeline::{load_site, render_in_memory};

use chrono::{DateTime, SecondsFormat, Utc};
use diag::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::path::PathBuf;

/// What `build` and `check` are asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    /// Output folder; `public/` in the root by default.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub now: DateTime<Utc>,
    pub drafts: bool,
    pub render: render::RenderOptions,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>, now: DateTime<Utc>) -> Self {
        Options {
            root: root.into(),
            out: None,
            base_url: None,
            now,
            drafts: false,
            render: render::RenderOptions::default(),
        }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// How a run ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    ContentErrors,
    IoError,
}

pub struct Report {
    pub outcome: Outcome,
    pub diagnostics: Vec<Diagnostic>,
    pub files_written: usize,
    pub next_change: Option<DateTime<Utc>>,
}

/// Problems that are not the content's: the command could not run as asked (exit 2).
/// (`no-site`: the command was run, or `--root` given, where there is no site.)
const USAGE_OR_IO: [&str; 4] = ["io", "output-folder", "bad-option", "no-site"];

fn finish(outcome: Outcome, d: Diagnostics, files: usize, next: Option<DateTime<Utc>>) -> Report {
    let usage_or_io = d
        .items()
        .iter()
        .any(|x| x.is_error() && USAGE_OR_IO.contains(&x.code));
    let outcome = if usage_or_io {
        Outcome::IoError
    } else if outcome == Outcome::Success && d.has_errors() {
        Outcome::ContentErrors
    } else {
        outcome
    };
    Report {
        outcome,
        diagnostics: d.into_sorted(),
        files_written: files,
        next_change: next,
    }
}

/// A report for a `--root` that is not a folder (a usage error, exit 2).
fn missing_root(opts: &Options) -> Option<Report> {
    if opts.root.is_dir() {
        return None;
    }
    let mut d = Diagnostics::new();
    d.push(
        Diagnostic::error(
            "io",
            format!("the folder {} does not exist", opts.root.display()),
        )
        .with_hint("give the site's folder (the one with site.toml) with --root DIR"),
    );
    Some(finish(Outcome::IoError, d, 0, None))
}

/// A report for a `--base-url` that cannot be used (a usage error, exit 2).
fn bad_base_url(opts: &Options) -> Option<Report> {
    let url = opts.base_url.as_deref()?;
    if load::config::normalize_base_url(url).is_some() {
        return None;
    }
    let mut d = Diagnostics::new();
    d.push(
        Diagnostic::error(
            "bad-option",
            format!("--base-url `{url}` is not an absolute http(s) URL"),
        )
        .with_hint(
            "write it like --base-url https://preview.example.org/pr-12 (no query, no fragment)",
        ),
    );
    Some(finish(Outcome::IoError, d, 0, None))
}

/// The output folder, checked before anything is read; a report when it is refused (exit 2).
fn output_target(opts: &Options) -> Result<output::Target, Report> {
    output::Target::resolve(&opts.root, &opts.out_dir()).map_err(|e| {
        let mut d = Diagnostics::new();
        d.push(e.diagnostic());
        finish(Outcome::IoError, d, 0, None)
    })
}

/// Everything `build` checks, writing nothing.
pub fn check(opts: &Options) -> Report {
    let mut d = Diagnostics::new();
    if let Some(report) = missing_root(opts) {
        return report;
    }
    // What `build` would refuse is reported too; the previous output is read only from a folder
    // a build wrote.
    let previous = match output_target(opts) {
        Ok(t) => load::previous_urls(&t.dir),
        Err(r) => {
            r.diagnostics.into_iter().for_each(|x| d.push(x));
            Vec::new()
        }
    };
    let Some((site, sources)) = load_site(opts, &mut d) else {
        return finish(Outcome::ContentErrors, d, 0, None);
    };
    if let Some(ctx) = pipeline::prepare_from(&site, &sources, opts, None, &mut d) {
        // Links are checked on a site that renders: with content errors, pages are missing.
        if !d.has_errors() {
            let outputs = render_in_memory(&ctx, &mut d);
            linkcheck::check(&ctx, &sources, &outputs, &mut d);
            linkcheck::removed_pages(&ctx, &outputs, &previous, &mut d);
            if !d.has_errors() {
                for note in render::jsonld::rich::summary(&ctx) {
                    d.push(note);
                }
            }
        }
        validate::translation_report(&site, &mut d);
    }
    let next = pipeline::next_change(&site, opts.now);
    finish(Outcome::Success, d, 0, next)
}

/// Builds the site into the output folder, replacing it only if everything succeeded.
pub fn build(opts: &Options) -> Report {
    let mut d = Diagnostics::new();
    let mut timer = Timer::new();
    if let Some(report) = missing_root(opts).or_else(|| bad_base_url(opts)) {
        return report;
    }
    let target = match output_target(opts) {
        Ok(t) => t,
        Err(report) => return report,
    };
    let Some((site, sources)) = load_site(opts, &mut d) else {
        return finish(Outcome::ContentErrors, d, 0, None);
    };
    // Only assembly and the rules read the typed front matter.
    let sources = sources.without_front_matter();
    // What the previous build left: the revisions of events, notices, courses and pages.
    let mut with_previous = opts.clone();
    with_previous.render.previous =
        std::sync::Arc::new(load::previous_revisions(&target.dir, &mut d));
    timer.lap("load + assemble");
    let made = pipeline::bodies_and_templates(&site, &sources, None);
    timer.lap("markdown + templates");
    // Nothing that renders pages reads the sources; diagnostics carry their own copy of the
    // lines they quote. Freeing them is one thread's work: another does it while this one
    // prepares the rendering context.
    rayon::spawn(move || drop(sources));
    let ctx = match pipeline::prepare(&site, made, &with_previous, &mut d) {
        Some(c) if !d.has_errors() => c,
        _ => return finish(Outcome::ContentErrors, d, 0, None),
    };
    // The plan, with its check that every output has one source, before the output folder is
    // touched.
    let jobs = render::jobs(&ctx, &mut d);
    if d.has_errors() {
        return finish(Outcome::ContentErrors, d, 0, None);
    }
    timer.lap("prepare");
    let staging = match output::Staging::begin(&target) {
        Ok(s) => s,
        Err(e) => {
            d.push(e.diagnostic());
            return finish(Outcome::IoError, d, 0, None);
        }
    };
    let results: Vec<Result<(), (bool, Box<Diagnostic>)>> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|job| {
            let outputs = render::render(&ctx, job).map_err(|e| (false, Box::new(e)))?;
            for o in &outputs {
                staging
                    .write(o)
                    .map_err(|e| (true, Box::new(e.diagnostic())))?;
            }
            Ok(())
        })
        .collect();
    timer.lap("render + write");
    let mut io_failed = false;
    for (is_io, e) in results.into_iter().filter_map(Result::err) {
        io_failed |= is_io;
        d.push(*e);
    }
    let next = pipeline::next_change(&site, opts.now);
    let stamp = next.map_or_else(String::new, |n| {
        n.to_rfc3339_opts(SecondsFormat::Secs, true) + "\n"
    });
    if let Err(e) = staging.write(&render::Output::bytes(render::registry::STAMP, stamp)) {
        d.push(e.diagnostic());
        io_failed = true;
    }
    if d.has_errors() {
        let outcome = if io_failed {
            Outcome::IoError
        } else {
            Outcome::ContentErrors
        };
        return finish(outcome, d, 0, next);
    }
    let committed = staging.commit();
    timer.lap("swap");
    // The rendering context before the model it borrows.
    release(ctx);
    release(site);
    match committed {
        Ok(c) => {
            if let Some(e) = c.leftover {
                let mut w = e.diagnostic();
                w.severity = diag::Severity::Warning;
                d.push(w);
            }
            finish(Outcome::Success, d, c.files, next)
        }
        Err(e) => {
            d.push(e.diagnostic());
            finish(Outcome::IoError, d, 0, next)
        }
    }
}

/// Set by the command line when the process ends right after its build ([`exit_after_build`]).
static EXIT_AFTER_BUILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells [`build`] that the process ends as soon as it returns: the model and the rendering
/// context are then left to the operating system, which takes the process's memory back at
/// once, instead of being freed allocation by allocation on one thread while the other cores
/// wait (about 70 ms, a thirtieth of the build, at 5,000 courses). Library callers (`serve`,
/// the tests) do not call it, and their builds free everything as usual.
pub fn exit_after_build() {
    EXIT_AFTER_BUILD.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Frees `v`, unless the process is about to end ([`exit_after_build`]).
fn release<T>(v: T) {
    if EXIT_AFTER_BUILD.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(v);
    } else {
        drop(v);
    }
}

/// Phase timings printed to stderr when `PROSPECTUS_TIMINGS` is set (for benchmarks and
/// profiling; never part of normal output).
struct Timer {
    on: bool,
    last: std::time::Instant,
    cpu: u64,
}

/// CPU time of the whole process so far (user + system, all threads) in clock ticks, from
/// `/proc/self/stat` (Linux; 0 elsewhere). A tick is 10 ms on Linux.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may hold spaces; fields after it are plain numbers.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    tick(11) + tick(12)
}

impl Timer {
    fn new() -> Self {
        let on = std::env::var_os("PROSPECTUS_TIMINGS").is_some();
        Timer {
            on,
            last: std::time::Instant::now(),
            cpu: if on { cpu_ticks() } else { 0 },
        }
    }

    fn lap(&mut self, what: &str) {
        if self.on {
            // Resident memory now and at its peak so far (Linux; empty elsewhere).
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |name: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map_or(String::new(), |v| v.trim().to_string())
            };
            let cpu = cpu_ticks();
            eprintln!(
                "timing: {what}: {} ms, cpu {} ms (memory {}, peak {})",
                self.last.elapsed().as_millis(),
                (cpu - self.cpu.min(cpu)) * 10,
                field("VmRSS:"),
                field("VmHWM:")
            );
            self.cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

/// Reads `--now`: an RFC 3339 instant (`2025-08-20T10:00:00Z`) or a date (midnight UTC).
pub fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    Err(format!(
        "`{s}` is not a time; write it like 2025-08-20T10:00:00Z or 2025-08-20"
    ))
}
