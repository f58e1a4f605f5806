//! The `prospectus` command: parses the command line, runs the library, prints the report and
//! exits 0 (success), 1 (content errors) or 2 (usage or I/O errors).

// Functions stay under 100 lines (clippy.toml); `cargo clippy -- -D warnings` enforces it.
#![warn(clippy::too_many_lines)]

mod cli;

// glibc's malloc spent a fifth of a large build in malloc/free/consolidate across rayon's
// threads (perf, N=1,000 catalogue); mimalloc's per-thread heaps remove most of it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// For `serve`: tells mimalloc never to return freed memory to the kernel. By default it purges
/// (MADV_DONTNEED) pages unused for a second, so between two saves most of the last rebuild's
/// memory went back and the next rebuild paid to purge and then to fault every page in again:
/// at N=5,000 that was a third of the edit-to-visible time (perf; `scripts/serve-latency.py`
/// median 120 → 71 ms). The server's memory then stays at its largest rebuild's, which it
/// reaches again on every save anyway.
#[allow(unsafe_code)]
fn keep_memory_committed() {
    // `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (include/mimalloc.h); the Rust
    // bindings do not name it. -1 = never purge.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one integer option; mimalloc allows changing options at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

// Output goes through these instead of `eprintln!`/`print!`, which panic when the reader has
// gone away (`prospectus build 2>&1 | head`): a closed pipe is not an error of the build.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}
macro_rules! say_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}

use clap::Parser;
use prospectus::diag::report::{self, Format};
use prospectus::{Options, Outcome};
use std::io::IsTerminal;
use std::process::ExitCode;

fn exit(outcome: Outcome) -> ExitCode {
    ExitCode::from(match outcome {
        Outcome::Success => 0,
        Outcome::ContentErrors => 1,
        Outcome::IoError => 2,
    })
}

fn now_from(arg: Option<&str>) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Some(s) = arg {
        return prospectus::parse_now(s);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| "SOURCE_DATE_EPOCH is out of range".to_string());
    }
    Ok(chrono::Utc::now())
}

/// `prospectus serve`: runs until stopped; returns only on a usage or setup error.
fn serve(a: cli::ServeArgs, colour: bool) -> ExitCode {
    let now = match a.now.as_deref().map(prospectus::parse_now).transpose() {
        Ok(n) => n,
        Err(e) => {
            say!("error: {e}");
            return ExitCode::from(2);
        }
    };
    keep_memory_committed();
    let opts = prospectus::serve::ServeOptions {
        root: a.root,
        port: a.port.unwrap_or(0),
        drafts: a.drafts,
        now,
        colour,
        verbose: a.verbose,
    };
    match prospectus::serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        cli::Command::Build(a) => {
            let now = match now_from(a.now.as_deref()) {
                Ok(n) => n,
                Err(e) => {
                    say!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let mut opts = Options::new(a.root, now);
            opts.out = a.out;
            opts.base_url = a.base_url;
            opts.drafts = a.drafts;
            let started = std::time::Instant::now();
            // The process ends after this build: its memory goes back to the system at once.
            prospectus::exit_after_build();
            let r = prospectus::build(&opts);
            let style = report::Style {
                colour,
                all_warnings: a.all_warnings,
            };
            say_raw!(
                "{}",
                report::render_with(&r.diagnostics, Format::Human, style)
            );
            if r.outcome == Outcome::Success {
                say!(
                    "built {} files into {} in {} ms",
                    r.files_written,
                    opts.out_dir().display(),
                    started.elapsed().as_millis()
                );
                if let Some(n) = r.next_change {
                    say!(
                        "next state change: {}",
                        n.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    );
                }
            } else {
                say!("build failed; {} left unchanged", opts.out_dir().display());
            }
            exit(r.outcome)
        }
        cli::Command::New(a) => new_item(&a),
        cli::Command::Serve(a) => serve(a, colour),
        cli::Command::Csp(a) => {
            match prospectus::csp::for_site(&Options::new(a.root, chrono::Utc::now())) {
                Ok(policy) => {
                    out!("Content-Security-Policy: {policy}\n");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    say_raw!("{}", report::render(&d, Format::Human, colour));
                    ExitCode::from(1)
                }
            }
        }
        cli::Command::Check(a) => {
            let now = match now_from(a.now.as_deref()) {
                Ok(n) => n,
                Err(e) => {
                    say!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = Options::new(a.root, now);
            let r = prospectus::check(&opts);
            let format = match a.format {
                cli::FormatArg::Human => Format::Human,
                cli::FormatArg::Github => Format::Github,
                cli::FormatArg::Gitlab => Format::Gitlab,
                cli::FormatArg::Json => Format::Json,
            };
            let style = report::Style {
                colour: colour && format == Format::Human,
                all_warnings: a.all_warnings,
            };
            let text = report::render_with(&r.diagnostics, format, style);
            if format == Format::Human {
                say_raw!("{text}");
                if r.outcome == Outcome::Success {
                    say!("check passed");
                }
            } else {
                out!("{text}");
            }
            exit(r.outcome)
        }
    }
}

/// `prospectus new`: writes a skeleton, never over an existing file.
fn new_item(a: &cli::NewArgs) -> ExitCode {
    use prospectus::scaffold::{self, Kind};
    if !a.root.join("site.toml").is_file() {
        let d = vec![prospectus::load::no_site(&a.root)];
        say_raw!("{}", report::render(&d, Format::Human, false));
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(a.root.join("site.toml")) {
        Ok(t) => t,
        Err(e) => {
            say!(
                "error: cannot read {}: {e}",
                a.root.join("site.toml").display()
            );
            return ExitCode::from(2);
        }
    };
    let mut d = prospectus::diag::Diagnostics::new();
    let Some(cfg) = prospectus::load::config::parse(&text, None, &mut d) else {
        say_raw!("{}", report::render(&d.into_sorted(), Format::Human, false));
        return ExitCode::from(1);
    };
    let lang = a
        .lang
        .clone()
        .unwrap_or_else(|| cfg.default_language.clone());
    if !cfg.languages.contains(&lang) {
        say!(
            "error: `{lang}` is not one of the site's languages ({})",
            cfg.languages.join(", ")
        );
        return ExitCode::from(2);
    }
    if !scaffold::slug_ok(&a.slug) {
        say!(
            "error: `{}` cannot be a file name here; use letters a-z, digits, - and _",
            a.slug
        );
        return ExitCode::from(2);
    }
    let (kind, text) = match a.kind {
        cli::NewKind::Course => (Kind::Course, scaffold::course(&lang)),
        cli::NewKind::Notice => (Kind::Notice, scaffold::notice(&lang)),
        cli::NewKind::Page => (Kind::Page, scaffold::page()),
    };
    if kind != Kind::Page && a.slug.contains('/') {
        say!("error: course and notice names cannot contain /");
        return ExitCode::from(2);
    }
    let path = scaffold::path_for(&a.root, kind, &a.slug, &lang, &cfg.default_language);
    if path.exists() {
        say!(
            "error: {} already exists; choose another name or edit that file",
            path.display()
        );
        return ExitCode::from(2);
    }
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            say!("error: cannot create {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            use std::io::Write as _;
            f.write_all(text.as_bytes())
        });
    match written {
        Ok(()) => {
            say!(
                "wrote {}: replace every ??? and YYYY-MM-DD, then run `prospectus check`",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: cannot write {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}
