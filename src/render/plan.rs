//! Planning a build: every job with the source of what it writes, and which files of `content/`
//! are published. The list is checked by [`registry`](super::registry) before anything is
//! rendered: every output file has exactly one source.

use super::calendar;
use super::kit::page_count;
use super::registry::{self, Source};
use super::{Ctx, Job};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Lang;
use std::collections::HashMap;

/// Page folders below a language that belong to pages Prospectus writes (the calendar and its
/// months, the search page and its data, topic pages) or that visitors expect to be them (the
/// page for unknown addresses is `/404.html`): a page of the site may not be, or lie in, one
/// of them. (`courses/` and `notices/` hold courses and notices, never pages.)
pub const RESERVED_PAGES: [&str; 4] = ["calendar", "search", "topics", "404"];

/// Every job of a full build, in a stable order, after checking that no two write the same file
/// (errors in `d`); content files that are not published are reported as warnings. With errors,
/// the list must not be rendered.
pub fn jobs(ctx: &Ctx<'_>, d: &mut Diagnostics) -> Vec<Job> {
    let planned = planned(ctx, d);
    registry::check(ctx, &planned, d);
    planned.into_iter().map(|(job, _)| job).collect()
}

/// The jobs with their sources.
fn planned<'a>(ctx: &Ctx<'a>, d: &mut Diagnostics) -> Vec<(Job, Source<'a>)> {
    let site = ctx.site;
    let generated = |job: Job, what: &'static str| (job, Source::Generated(what));
    let mut jobs = vec![
        generated(Job::Chooser, "the language chooser at the root of the site"),
        generated(Job::NotFound, "the page for unknown addresses"),
        generated(Job::Robots, "robots.txt"),
        generated(Job::Sitemap, "the sitemap"),
        generated(Job::State, "the build's state"),
    ];
    jobs.extend(
        site.theme
            .statics
            .keys()
            .map(|k| (Job::Static(k.clone()), Source::Static(k.as_str()))),
    );
    if site.config.editor.is_some() {
        jobs.extend(crate::editor::files().map(|path| {
            (
                Job::Editor(path),
                Source::Generated("the browser editor ([editor] in site.toml)"),
            )
        }));
    }
    for lang in &site.config.languages {
        jobs.extend(language_jobs(ctx, lang));
    }
    for (i, c) in site.courses.iter().enumerate() {
        for (lang, t) in &c.texts {
            jobs.push((Job::Course(lang.clone(), i), Source::Text(t.file)));
        }
    }
    for (i, n) in site.notices.iter().enumerate() {
        for (lang, t) in &n.texts {
            jobs.push((Job::Notice(lang.clone(), i), Source::Text(t.file)));
        }
    }
    for (i, p) in site.pages.iter().enumerate() {
        if p.is_section_index && (p.path.is_empty() || p.path == "courses" || p.path == "notices") {
            continue; // their text shows on the home, catalogue and notices pages
        }
        let reserved = p
            .path
            .split('/')
            .next()
            .filter(|s| RESERVED_PAGES.contains(s));
        for (lang, t) in &p.texts {
            match reserved {
                Some(folder) => d.push(reserved_page(ctx, t.file, lang, folder)),
                None => jobs.push((Job::Page(lang.clone(), i), Source::Text(t.file))),
            }
        }
    }
    jobs.extend(attachment_jobs(ctx, d));
    jobs.extend(alias_jobs(ctx));
    jobs.extend(calendar::ics_jobs(ctx).into_iter().map(|j| {
        let what = match j {
            calendar::IcsJob::Course(..) => "the calendar file of a course",
            calendar::IcsJob::Site(_) => "the calendar file of the site",
            calendar::IcsJob::Topic(..) => "the calendar file of a topic",
        };
        generated(Job::Ics(j), what)
    }));
    jobs
}

/// The lists, feeds, calendar pages and search of one language.
fn language_jobs<'a>(ctx: &Ctx<'a>, lang: &Lang) -> Vec<(Job, Source<'a>)> {
    let site = ctx.site;
    let size = site.config.page_size;
    let mut jobs = vec![(Job::Home(lang.clone()), Source::Generated("the home page"))];
    let n = page_count(ctx.courses_of(None).len(), size);
    jobs.extend((1..=n).map(|p| {
        (
            Job::Catalogue(lang.clone(), p),
            Source::Generated("the catalogue"),
        )
    }));
    jobs.extend((1..=super::pages::archive_pages(ctx)).map(|p| {
        (
            Job::Past(lang.clone(), p),
            Source::Generated("the archive of past courses"),
        )
    }));
    for t in site.data.topics.keys() {
        let n = page_count(ctx.courses_of(Some(t)).len(), size);
        jobs.extend((1..=n).map(|p| {
            (
                Job::Topic(lang.clone(), t.clone(), p),
                Source::Generated("the page of a topic"),
            )
        }));
    }
    let n = page_count(site.notices.len(), size);
    jobs.extend((1..=n).map(|p| {
        (
            Job::Notices(lang.clone(), p),
            Source::Generated("the list of notices"),
        )
    }));
    jobs.push((
        Job::Atom(lang.clone()),
        Source::Generated("the feed of notices"),
    ));
    if !site.courses.is_empty() {
        jobs.push((
            Job::CoursesAtom(lang.clone()),
            Source::Generated("the feed of courses"),
        ));
    }
    jobs.extend(
        calendar::page_jobs(ctx, lang)
            .into_iter()
            .map(|j| (Job::CalendarPage(j), Source::Generated("the calendar"))),
    );
    jobs.push((
        Job::FilterData(lang.clone()),
        Source::Generated("the data of the catalogue's filters"),
    ));
    jobs.push((
        Job::Search(lang.clone()),
        Source::Generated("the search page"),
    ));
    jobs.push((
        Job::SearchData(lang.clone()),
        Source::Generated("the data of the search page"),
    ));
    jobs
}

fn reserved_page(ctx: &Ctx<'_>, file: usize, lang: &str, folder: &str) -> Diagnostic {
    let rel = &ctx.site.files[file].rel;
    let (what, hint) = if folder == "404" {
        (
            "the page for unknown addresses is /404.html, made from the theme's 404.html".to_string(),
            "rename the file; to change the page for unknown addresses, put your own 404.html in the site's templates/ folder".to_string(),
        )
    } else {
        (
            format!(
                "/{lang}/{folder}/ belongs to the {} that Prospectus writes",
                match folder {
                    "calendar" => "calendar",
                    "search" => "search page",
                    _ => "topic pages",
                }
            ),
            format!(
                "rename the file or its folder: a page cannot be at /{lang}/{folder}/ or below it"
            ),
        )
    };
    Diagnostic::error(
        "reserved-address",
        format!("this page's address is reserved: {what}"),
    )
    .in_file(rel)
    .with_hint(hint)
}

/// The bundle folders of published items: folder (relative to `content/`) → the page URL of
/// each language its item is published in.
fn bundles(ctx: &Ctx<'_>) -> HashMap<String, Vec<String>> {
    let site = ctx.site;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    if site.assets.is_empty() {
        return out;
    }
    let mut add = |file: usize, url: &dyn Fn() -> String| {
        if let Some(b) = &site.files[file].bundle {
            out.entry(b.clone()).or_default().push(url());
        }
    };
    for c in &site.courses {
        for (lang, t) in &c.texts {
            add(t.file, &|| ctx.urls.course(lang, &c.slug));
        }
    }
    for n in &site.notices {
        for (lang, t) in &n.texts {
            add(t.file, &|| ctx.urls.notice(lang, &n.slug));
        }
    }
    for p in &site.pages {
        for (lang, t) in &p.texts {
            add(t.file, &|| ctx.urls.page(lang, &p.path));
        }
    }
    out
}

/// The attachments of published bundles, each beside its item's page in every language the
/// item has. Any other file of `content/` is not published: a warning says why, unless it
/// belongs to a draft (drafts publish nothing).
fn attachment_jobs<'a>(ctx: &Ctx<'a>, d: &mut Diagnostics) -> Vec<(Job, Source<'a>)> {
    let site = ctx.site;
    let bundles = bundles(ctx);
    let mut jobs = Vec::new();
    for (i, a) in site.assets.iter().enumerate() {
        // The nearest folder above the file that is a bundle.
        let owner = std::iter::successors(a.rel.rsplit_once('/'), |(dir, _)| dir.rsplit_once('/'))
            .find_map(|(dir, _)| bundles.get(dir).map(|urls| (dir, urls)));
        let Some((dir, urls)) = owner else {
            let draft_bundle = site.files.iter().any(|f| {
                f.bundle
                    .as_deref()
                    .is_some_and(|b| a.rel.starts_with(b) && a.rel[b.len()..].starts_with('/'))
            });
            if !draft_bundle {
                d.push(unpublished(&a.rel));
            }
            continue;
        };
        let inside = &a.rel[dir.len() + 1..];
        for url in urls {
            let page = ctx.urls.file_of(url);
            let folder = page.strip_suffix("index.html").unwrap_or(&page);
            jobs.push((
                Job::Asset(i, format!("{folder}{inside}")),
                Source::Attachment(a),
            ));
        }
    }
    jobs
}

fn unpublished(rel: &str) -> Diagnostic {
    Diagnostic::warning(
        "unpublished-file",
        format!("content/{rel} is not published: of the files in content/ that are not Markdown, only those in a bundle folder (beside an index.md) are"),
    )
    .in_file(&format!("content/{rel}"))
    .with_hint("put a file that belongs to one course in its bundle folder (content/courses/<name>/ beside index.md), a file for many pages in static/; remove it if it is not for the website")
}

/// Redirect pages for the `aliases` of every published text.
fn alias_jobs<'a>(ctx: &Ctx<'a>) -> Vec<(Job, Source<'a>)> {
    let site = ctx.site;
    let mut jobs = Vec::new();
    let base = site.config.base_path();
    let mut push = |a: &'a crate::model::Alias, to: String| {
        let from = &a.path;
        let from = format!(
            "{base}{}",
            if from.ends_with('/') || from.ends_with(".html") {
                from.to_string()
            } else {
                format!("{from}/")
            }
        );
        jobs.push((Job::Alias { from, to }, Source::Alias(a)));
    };
    for c in &site.courses {
        for (lang, t) in &c.texts {
            for a in &t.aliases {
                push(a, ctx.urls.course(lang, &c.slug));
            }
        }
    }
    for n in &site.notices {
        for (lang, t) in &n.texts {
            for a in &t.aliases {
                push(a, ctx.urls.notice(lang, &n.slug));
            }
        }
    }
    for p in &site.pages {
        for (lang, t) in &p.texts {
            for a in &t.aliases {
                push(a, ctx.urls.page(lang, &p.path));
            }
        }
    }
    jobs
}
