//! One source per output: the file each job writes, and the check that no two sources write
//! the same file, files whose paths differ only in letter case (one file on Windows and macOS
//! and on many web hosts), or a file where another needs a folder.

use super::{Ctx, Job};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Alias;
use crate::model::Asset;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The stamp a build writes beside the site (`lib::build`), registered with the jobs' outputs.
pub const STAMP: &str = ".prospectus/next-change";

/// Where an output comes from, for the messages that name it.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// Written by Prospectus from the whole site: what it is ("the calendar").
    Generated(&'static str),
    /// The page of a course, notice or page text (index into `Site::files`).
    Text(usize),
    Alias(&'a Alias),
    Attachment(&'a Asset),
    /// A static file of the theme or the site (its output path).
    Static(&'a str),
}

impl Source<'_> {
    /// Which of two sources an error is reported on: the one an author wrote most directly
    /// (an alias line over a static file over an attachment over a content file's name over
    /// what Prospectus generates).
    fn rank(&self) -> u8 {
        match self {
            Source::Generated(_) => 0,
            Source::Text(_) => 1,
            Source::Attachment(_) => 2,
            Source::Static(_) => 3,
            Source::Alias(_) => 4,
        }
    }

    fn describe(&self, ctx: &Ctx<'_>) -> String {
        match self {
            Source::Generated(what) => format!("{what} (written by Prospectus)"),
            Source::Text(f) => ctx.site.files[*f].rel.clone(),
            Source::Alias(a) => format!("the alias \"{}\" ({}:{})", a.path, a.at.file, a.at.line),
            Source::Attachment(a) => format!("content/{}", a.rel),
            Source::Static(name) => static_origin(ctx, name),
        }
    }

    /// A diagnostic located at this source.
    fn diagnostic(&self, ctx: &Ctx<'_>, code: &'static str, message: String) -> Diagnostic {
        let d = Diagnostic::error(code, message);
        match self {
            Source::Alias(a) => d.at_spot(&a.at),
            Source::Text(f) => d.in_file(&ctx.site.files[*f].rel),
            Source::Attachment(a) => d.in_file(&format!("content/{}", a.rel)),
            Source::Static(name) => d.in_file(&static_origin(ctx, name)),
            Source::Generated(_) => d.in_file(crate::load::config::CONFIG_FILE),
        }
    }

    fn hint(&self) -> &'static str {
        match self {
            Source::Alias(_) => "remove this alias, or write the old address it stands for: an alias may not take an address that the site uses",
            Source::Static(_) => "rename or remove this file of static/: the site publishes another file at that address",
            Source::Attachment(_) => "rename this file: the course, notice or page it belongs to publishes another file at that address (its page is index.html, a course's calendar is <code>.ics)",
            Source::Text(_) => "rename the file (its name is its address), or remove one of the two",
            Source::Generated(_) => "two things Prospectus writes take one address: check the languages of site.toml",
        }
    }
}

fn static_origin(ctx: &Ctx<'_>, name: &str) -> String {
    ctx.site
        .theme
        .static_origins
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("static/{name}"))
}

/// The file a job writes (relative to the output folder), the same as [`super::render`] gives.
pub fn output_path(ctx: &Ctx<'_>, job: &Job) -> String {
    let site = ctx.site;
    let u = &ctx.urls;
    let url = match job {
        Job::Chooser => return "index.html".into(),
        Job::NotFound => return "404.html".into(),
        Job::Robots => return "robots.txt".into(),
        Job::Sitemap => return "sitemap.xml".into(),
        Job::State => return crate::model::revisions::STATE_FILE.into(),
        Job::Static(name) => return name.clone(),
        Job::Editor(path) => return path.clone(),
        Job::Asset(_, path) => return path.clone(),
        Job::Home(lang) => u.home(lang),
        Job::Catalogue(lang, p) => u.catalogue(lang, *p),
        Job::Past(lang, p) => u.past(lang, *p),
        Job::Course(lang, i) => u.course(lang, &site.courses[*i].slug),
        Job::Topic(lang, t, p) => u.topic(lang, t, *p),
        Job::Notices(lang, p) => u.notices_page(lang, *p),
        Job::Notice(lang, i) => u.notice(lang, &site.notices[*i].slug),
        Job::Atom(lang) => u.atom(lang),
        Job::CoursesAtom(lang) => u.courses_atom(lang),
        Job::Page(lang, i) => u.page(lang, &site.pages[*i].path),
        Job::Alias { from, .. } => from.clone(),
        Job::Ics(j) => super::calendar::ics_url(ctx, j),
        Job::CalendarPage(j) => match j.month {
            None => u.calendar(&j.lang),
            Some((y, m)) => u.calendar_month_page(&j.lang, y, m, j.page),
        },
        Job::FilterData(lang) => u.filter_data(lang),
        Job::Search(lang) => u.search(lang),
        Job::SearchData(lang) => u.search_data(lang),
    };
    u.file_of(&url)
}

/// The address of an output file as a visitor types it (`en/x/index.html` → `/en/x/`).
fn address(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Reports every output file with two sources, every two whose paths differ only in letter
/// case, and every file where another output needs a folder.
pub fn check(ctx: &Ctx<'_>, planned: &[(Job, Source<'_>)], d: &mut Diagnostics) {
    // Each job's path, worked out on every thread (nothing else runs at this point).
    let (mut outputs, mut lower): (Vec<(String, Source<'_>)>, Vec<String>) = planned
        .par_iter()
        .map(|(job, src)| {
            let path = output_path(ctx, job);
            let low = lower_case(&path);
            ((path, *src), low)
        })
        .unzip();
    for (path, what) in [
        (STAMP, "the build's stamp"),
        (crate::output::target::MARKER, "the output folder's marker"),
    ] {
        outputs.push((path.to_string(), Source::Generated(what)));
        lower.push(lower_case(path));
    }
    // Lower-case path → the first output with it.
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(outputs.len());
    let mut reported: HashSet<(String, String)> = HashSet::new();
    let mut clashes = Vec::new();
    for (i, l) in lower.iter().enumerate() {
        match seen.entry(l) {
            std::collections::hash_map::Entry::Occupied(e) => clashes.push((*e.get(), i)),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    // The outputs of one path (in any case), in plan order: (first, the others).
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (j, i) in clashes {
        match groups.last_mut().filter(|(first, _)| *first == j) {
            Some((_, others)) => others.push(i),
            None => match groups.iter_mut().find(|(first, _)| *first == j) {
                Some((_, others)) => others.push(i),
                None => groups.push((j, vec![i])),
            },
        }
    }
    for (first, others) in groups {
        // Same path: each other source against the one Prospectus generates, if any.
        let mut exact: Vec<Vec<usize>> = Vec::new();
        for i in std::iter::once(first).chain(others) {
            match exact.iter_mut().find(|g| outputs[g[0]].0 == outputs[i].0) {
                Some(g) => g.push(i),
                None => exact.push(vec![i]),
            }
        }
        for g in &mut exact {
            g.sort_by_key(|&i| (outputs[i].1.rank(), i));
            for &i in &g[1..] {
                report(ctx, &outputs[g[0]], &outputs[i], &mut reported, d);
            }
        }
        // Paths that differ in case.
        for g in &exact[1..] {
            report(ctx, &outputs[exact[0][0]], &outputs[g[0]], &mut reported, d);
        }
    }
    // A file where another output needs a folder (`en/calendar.ics` and an alias
    // `/en/calendar.ics` → `en/calendar.ics/index.html`). Each folder is looked up once, for
    // the first output in it; the folders above a folder seen before were seen too.
    let mut folders: HashSet<&str> = HashSet::with_capacity(outputs.len());
    for (i, l) in lower.iter().enumerate() {
        let mut end = l.len();
        while let Some(k) = l[..end].rfind('/') {
            let folder = &l[..k];
            if !folders.insert(folder) {
                break;
            }
            if let Some(&j) = seen.get(folder) {
                folder_clash(ctx, &outputs[j], &outputs[i], &mut reported, d);
            }
            end = k;
        }
    }
}

/// A path in lower case, as a case-insensitive file system compares it.
fn lower_case(path: &str) -> String {
    if path.is_ascii() {
        path.to_ascii_lowercase()
    } else {
        path.to_lowercase()
    }
}

/// Two outputs with one path, or paths that differ only in letter case.
fn report(
    ctx: &Ctx<'_>,
    first: &(String, Source<'_>),
    second: &(String, Source<'_>),
    reported: &mut HashSet<(String, String)>,
    d: &mut Diagnostics,
) {
    let (blamed, other) = if second.1.rank() >= first.1.rank() {
        (second, first)
    } else {
        (first, second)
    };
    if first.0 == second.0 {
        let message = format!(
            "{} has two sources: {} and {}",
            address(&blamed.0),
            blamed.1.describe(ctx),
            other.1.describe(ctx),
        );
        d.push(
            blamed
                .1
                .diagnostic(ctx, "duplicate-address", message)
                .with_hint(blamed.1.hint()),
        );
        return;
    }
    // Paths that differ in case: reported once per pair of differing folders or names (two
    // static folders `Docs/` and `docs/` would otherwise give one error per file in them).
    let (a, b) = (first.0.as_str(), second.0.as_str());
    let (ia, ib) = a
        .char_indices()
        .zip(b.char_indices())
        .find(|((_, x), (_, y))| x != y)
        .map_or((0, 0), |((i, _), (j, _))| (i, j));
    // The differing part, up to the end of its name: `en/About` and `en/about`.
    let part = |p: &'_ str, at: usize| -> String {
        let end = p[at..].find('/').map_or(p.len(), |e| at + e);
        p[..end].to_string()
    };
    let (pa, pb) = (part(a, ia), part(b, ib));
    if !reported.insert((pa, pb)) {
        return;
    }
    let message = format!(
        "{} is published at {} and {} at {}: the two addresses differ only in letter case, and are one file on Windows, macOS and many web hosts",
        blamed.1.describe(ctx),
        address(&blamed.0),
        other.1.describe(ctx),
        address(&other.0)
    );
    d.push(
        blamed
            .1
            .diagnostic(ctx, "case-clash", message)
            .with_hint("rename one of the two so that their names differ by more than the case of letters (web addresses are best in lower case)"),
    );
}

/// `file` is published where `inside` needs a folder.
fn folder_clash(
    ctx: &Ctx<'_>,
    file: &(String, Source<'_>),
    inside: &(String, Source<'_>),
    reported: &mut HashSet<(String, String)>,
    d: &mut Diagnostics,
) {
    // Once per file (a file `en` would clash with every page of the language).
    if !reported.insert((file.0.clone(), "/".to_string())) {
        return;
    }
    let blamed = if inside.1.rank() >= file.1.rank() {
        inside
    } else {
        file
    };
    // An alias `/en/calendar.ics` is a redirect page `/en/calendar.ics/`: it takes the address.
    let alias_of_file = matches!(inside.1, Source::Alias(_))
        && inside.0.strip_suffix("/index.html") == Some(file.0.as_str());
    let message = if alias_of_file {
        format!(
            "{} has two sources: {} and {}",
            address(&file.0),
            inside.1.describe(ctx),
            file.1.describe(ctx)
        )
    } else {
        format!(
            "{} is published as the file {}, but {} needs a folder of that name (for {})",
            file.1.describe(ctx),
            address(&file.0),
            inside.1.describe(ctx),
            address(&inside.0)
        )
    };
    d.push(
        blamed
            .1
            .diagnostic(ctx, "duplicate-address", message)
            .with_hint(blamed.1.hint()),
    );
}
