//! The `prospectus` command: parses the command line, runs the library, prints the report and
//! exits 0 (success), 1 (content errors) or 2 (usage or I/O errors).

mod cli;

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

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        cli::Command::Build(a) => {
            let now = match now_from(a.now.as_deref()) {
                Ok(n) => n,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let mut opts = Options::new(a.root, now);
            opts.out = a.out;
            opts.base_url = a.base_url;
            opts.drafts = a.drafts;
            let started = std::time::Instant::now();
            let r = prospectus::build(&opts);
            eprint!("{}", report::render(&r.diagnostics, Format::Human, colour));
            if r.outcome == Outcome::Success {
                eprintln!(
                    "built {} files into {} in {} ms",
                    r.files_written,
                    opts.out_dir().display(),
                    started.elapsed().as_millis()
                );
                if let Some(n) = r.next_change {
                    eprintln!(
                        "next state change: {}",
                        n.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    );
                }
            } else {
                eprintln!("build failed; {} left unchanged", opts.out_dir().display());
            }
            exit(r.outcome)
        }
        cli::Command::Check(a) => {
            let now = match now_from(a.now.as_deref()) {
                Ok(n) => n,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = Options::new(a.root, now);
            let r = prospectus::check(&opts);
            let format = match a.format {
                cli::FormatArg::Human => Format::Human,
                cli::FormatArg::Github => Format::Github,
                cli::FormatArg::Json => Format::Json,
            };
            let text = report::render(&r.diagnostics, format, colour && format == Format::Human);
            if format == Format::Human {
                eprint!("{text}");
                if r.outcome == Outcome::Success {
                    eprintln!("check passed");
                }
            } else {
                print!("{text}");
            }
            exit(r.outcome)
        }
    }
}
