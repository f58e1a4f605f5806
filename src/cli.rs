//! Command-line definitions (clap), nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "prospectus",
    version,
    about = "Static-site generator for training catalogues and notices"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Check everything a build checks, plus links; writes nothing.
    Check(CheckArgs),
    /// Write a commented skeleton of a new course, notice or page.
    New(NewArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading the pages on every change.
    Serve(ServeArgs),
    /// Print the Content-Security-Policy header for the host to send with the pages (docs/hosting.md).
    Csp(CspArgs),
}

#[derive(Args)]
pub struct CspArgs {
    /// The site's folder (with site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum NewKind {
    Course,
    Notice,
    Page,
}

#[derive(Args)]
pub struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// File name without .md: letters, digits, - and _ (becomes the page's address).
    pub slug: String,
    /// Language of the new file [default: the site's default language].
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub struct BuildArgs {
    /// The site's folder (with site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Base URL for this build (e.g. a preview deployment), instead of site.toml's.
    #[arg(long)]
    pub base_url: Option<String>,
    /// The time the build is made for: 2025-08-20T10:00:00Z [default: SOURCE_DATE_EPOCH, else the clock].
    #[arg(long)]
    pub now: Option<String>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Print every warning in full (by default a rule with many warnings is summarised).
    #[arg(long)]
    pub all_warnings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// For people: each problem with its line quoted and a hint.
    Human,
    /// GitHub Actions annotations (errors first, repeated warnings grouped).
    Github,
    /// A GitLab Code Quality report (JSON), shown on merge requests.
    Gitlab,
    /// One JSON object per line.
    Json,
}

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// The time the check is made for [default: SOURCE_DATE_EPOCH, else the clock].
    #[arg(long)]
    pub now: Option<String>,
    /// Print every warning in full (by default a rule with many warnings is summarised).
    #[arg(long)]
    pub all_warnings: bool,
}

#[derive(Args)]
pub struct ServeArgs {
    /// The site's folder (with site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port on 127.0.0.1 [default: a free one, printed].
    #[arg(long)]
    pub port: Option<u16>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// A fixed time every rebuild is made for (for tests) [default: the clock at each rebuild].
    #[arg(long)]
    pub now: Option<String>,
    /// After each rebuild, also print what was rendered and how long each stage took.
    #[arg(long)]
    pub verbose: bool,
}
