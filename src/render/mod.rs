//! Rendering: from the model to output files as bytes. Nothing here reads or writes files or
//! reads the clock: "now" and everything loaded come in, `Output`s go out.

mod application;
pub mod calendar;
pub mod compiled;
pub mod feeds;
pub mod filters;
pub mod ics;
pub mod jsonld;
pub mod pages;
pub mod plan;
pub mod registry;
pub mod templates;
pub mod urls;
pub mod view;

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::i18n::Strings;
use crate::markdown::{self, LinkResolver};
use crate::model::{Lang, Notice, Site};
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use urls::Urls;

/// What goes into one output file.
#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied as is (attachments), read by the output stage.
    Copy(PathBuf),
}

#[derive(Debug)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub content: Content,
}

impl Output {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Output {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
        }
    }
}

/// Options from the command line that change rendering.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Path of the live-reload endpoint injected by `serve`.
    pub live_reload: Option<String>,
    /// What `prepare` may reuse from earlier builds (set by `serve`).
    pub body_cache: Option<BodyCache>,
    /// Render every page through Tera, even where the compiled default templates ([`compiled`])
    /// apply: for the tests that compare both.
    pub tera_only: bool,
}

/// Work of earlier builds that `prepare` reuses, kept by `serve` between rebuilds.
#[derive(Debug, Default)]
pub struct PrepareCache {
    /// Rendered Markdown bodies: content file path → language → result. `serve` drops the
    /// entries of changed files, and all of them when the set of pages changes (links).
    pub bodies: HashMap<String, BTreeMap<Lang, std::sync::Arc<markdown::Rendered>>>,
    /// The compiled templates with the sources they were compiled from.
    pub tera: Option<(BTreeMap<String, String>, tera::Tera)>,
}

pub type BodyCache = std::sync::Arc<std::sync::Mutex<PrepareCache>>;

/// Values computed once per (course, language) and shared by every output that shows them (a
/// course's events appear in its own calendar, its topics' and the site's; its card in the
/// catalogue, topic pages, home and calendar page). Filled lazily by whichever rendering thread
/// gets there first.
pub struct CourseCache<T> {
    langs: Vec<Lang>,
    slots: Vec<std::sync::OnceLock<T>>,
}

impl<T> CourseCache<T> {
    pub fn new(courses: usize, langs: &[Lang]) -> Self {
        CourseCache {
            langs: langs.to_vec(),
            slots: (0..courses * langs.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// The value for course `i` in `lang`, computed by `f` the first time.
    pub fn get(&self, i: usize, lang: &str, f: impl FnOnce() -> T) -> std::borrow::Cow<'_, T>
    where
        T: Clone,
    {
        match self.langs.iter().position(|l| l == lang) {
            Some(li) => {
                std::borrow::Cow::Borrowed(self.slots[i * self.langs.len() + li].get_or_init(f))
            }
            None => std::borrow::Cow::Owned(f()),
        }
    }
}

/// Everything rendering needs, prepared once per build.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub urls: Urls<'a>,
    pub now: DateTime<Utc>,
    pub tera: tera::Tera,
    pub strings: BTreeMap<Lang, Strings>,
    /// (template, language) → the strings that template uses.
    template_strings: HashMap<(String, Lang), Strings>,
    /// Rendered Markdown body per content file index.
    bodies: HashMap<usize, std::sync::Arc<markdown::Rendered>>,
    /// The rendered bodies of course texts, each read by one page only (its course page), which
    /// takes it: the bodies are the largest part of a big catalogue in memory, and each goes as
    /// soon as its page is written.
    course_bodies: HashMap<usize, std::sync::Mutex<Option<std::sync::Arc<markdown::Rendered>>>>,
    /// Internal links written in each Markdown body: (byte range in the body, URL).
    pub body_links: HashMap<usize, Vec<(std::ops::Range<usize>, String)>>,
    /// Course code → indexes of current notices that name it.
    notices_by_course: HashMap<String, Vec<usize>>,
    pub opts: RenderOptions,
    /// Each course's `VEVENT` blocks per calendar language.
    pub ics_events: CourseCache<String>,
    /// Each course's card data and card HTML (with an h2 or h3 title) per language, for lists.
    pub card_data: CourseCache<view::CourseCard>,
    pub cards_h2: CourseCache<Result<String, Box<Diagnostic>>>,
    pub cards_h3: CourseCache<Result<String, Box<Diagnostic>>>,
    /// The compiled templates this site can use.
    pub compiled: compiled::Enabled,
    /// Per language: the state script's strings as attributes ([`view::Common::state_strings`]).
    state_strings: BTreeMap<Lang, String>,
    /// Topic id → indexes of its courses (in catalogue order), for the topic pages.
    topic_courses: HashMap<String, Vec<usize>>,
    /// The calendar's entries by month, and the months of a split calendar with their
    /// number of pages: made once per build.
    calendar_entries: std::sync::OnceLock<calendar::Months<'a>>,
    calendar_months: std::sync::OnceLock<Vec<(calendar::Month, usize)>>,
    /// Per language: the catalogue's filter form, the same on each of its pages.
    filter_forms: BTreeMap<Lang, std::sync::OnceLock<filters::FilterForm>>,
}

/// A language's view of the context.
pub struct Lctx<'a> {
    pub lang: String,
    pub t: &'a Strings,
}

impl<'a> Ctx<'a> {
    /// The UI strings `template` uses, in `lang` (all of them when the template's use is not
    /// known); see [`templates::ui_keys`].
    pub fn strings_for(&self, lang: &str, template: &str) -> &Strings {
        self.template_strings
            .get(&(template.to_string(), lang.to_string()))
            .unwrap_or(&self.strings[lang])
    }

    pub fn state_strings(&self, lang: &str) -> String {
        self.state_strings.get(lang).cloned().unwrap_or_default()
    }

    /// The courses of a topic, in catalogue order (all courses for `None`).
    pub fn courses_of(&self, topic: Option<&str>) -> std::borrow::Cow<'_, [usize]> {
        match topic {
            None => (0..self.site.courses.len()).collect::<Vec<_>>().into(),
            Some(t) => self
                .topic_courses
                .get(t)
                .map_or_else(|| Vec::new().into(), |v| v.as_slice().into()),
        }
    }

    /// The months that have a page of their own, with each one's number of pages (none when
    /// the calendar is one page): see [`calendar::split_months`].
    pub fn calendar_months(&self) -> &[(calendar::Month, usize)] {
        self.calendar_months.get_or_init(|| {
            calendar::split_months(self.calendar_entries(), self.site.config.page_size)
        })
    }

    /// Every month's calendar entries, sorted.
    pub fn calendar_entries(&self) -> &calendar::Months<'a> {
        self.calendar_entries
            .get_or_init(|| calendar::Months::of(self.site))
    }

    /// The catalogue's filter form in `lang`, made once per build.
    pub fn filter_form(&self, lang: &str) -> filters::FilterForm {
        match self.filter_forms.get(lang) {
            Some(cell) => cell.get_or_init(|| filters::form(self, lang)).clone(),
            None => filters::form(self, lang),
        }
    }

    pub fn lctx(&self, lang: &str) -> Lctx<'_> {
        Lctx {
            lang: lang.to_string(),
            t: &self.strings[lang],
        }
    }

    pub fn topic_label(&self, id: &str, lang: &str) -> String {
        self.site.data.topics.get(id).map_or_else(
            || id.to_string(),
            |l| l.get(lang, &self.site.config.text_order).to_string(),
        )
    }

    /// Markdown of front-matter and data fields (objectives, fee, policy notices): raw HTML is
    /// always escaped there, `[markdown] raw_html` is about bodies (SPEC "Safety").
    pub fn inline(&self, md: &str) -> String {
        markdown::render_inline(md, false)
    }

    pub fn body_html(&self, file: usize) -> String {
        self.bodies
            .get(&file)
            .map(|r| r.html.clone())
            .unwrap_or_default()
    }

    /// A course text's rendered body, handed out once (see `course_bodies`).
    pub fn take_course_body(&self, file: usize) -> String {
        let taken = self
            .course_bodies
            .get(&file)
            .and_then(|slot| slot.lock().ok()?.take());
        match taken {
            // The last holder (no `serve` cache keeps it) moves the HTML out instead of copying.
            Some(r) => std::sync::Arc::try_unwrap(r).map_or_else(|r| r.html.clone(), |r| r.html),
            None => String::new(),
        }
    }

    pub fn notices_for(&self, code: &str) -> Vec<&Notice> {
        self.notices_by_course
            .get(code)
            .map(|v| v.iter().map(|&i| &self.site.notices[i]).collect())
            .unwrap_or_default()
    }
}

/// Resolves `[text](../courses/x.md)` links from one content file to the page URL in the
/// linking page's language (or the target's default language).
struct MdLinks<'a> {
    site: &'a Site,
    urls: &'a Urls<'a>,
    /// `content/`-relative folder of the linking file.
    dir: String,
    lang: String,
}

impl LinkResolver for MdLinks<'_> {
    fn image_size(&self, src: &str) -> Option<(u32, u32)> {
        if src.contains(':') || src.starts_with('/') {
            return None;
        }
        let mut parts: Vec<&str> = if self.dir.is_empty() {
            Vec::new()
        } else {
            self.dir.split('/').collect()
        };
        for seg in src.split('/') {
            match seg {
                "." | "" => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let rel = parts.join("/");
        self.site
            .assets
            .iter()
            .find(|a| a.rel == rel)
            .and_then(|a| a.size)
    }

    fn resolve(&self, target: &str) -> Option<String> {
        let joined = if let Some(abs) = target.strip_prefix('/') {
            abs.trim_start_matches("content/").to_string()
        } else {
            let mut parts: Vec<&str> = if self.dir.is_empty() {
                Vec::new()
            } else {
                self.dir.split('/').collect()
            };
            for seg in target.split('/') {
                match seg {
                    "." | "" => {}
                    ".." => {
                        parts.pop()?;
                    }
                    s => parts.push(s),
                }
            }
            parts.join("/")
        };
        let rel = format!("content/{joined}");
        let f = self.site.files.iter().find(|f| f.meta.rel == rel)?;
        let slug = &f.meta.slug;
        let langs = |has: &dyn Fn(&str) -> bool| -> Option<String> {
            if has(&self.lang) {
                Some(self.lang.clone())
            } else if has(&f.meta.lang) {
                Some(f.meta.lang.clone())
            } else {
                None
            }
        };
        match f.meta.kind {
            crate::load::Kind::Course => {
                let c = self.site.courses.iter().find(|c| &c.slug == slug)?;
                let l = langs(&|l| c.texts.contains_key(l))?;
                Some(self.urls.course(&l, slug))
            }
            crate::load::Kind::Notice => {
                let n = self.site.notices.iter().find(|n| &n.slug == slug)?;
                let l = langs(&|l| n.texts.contains_key(l))?;
                Some(self.urls.notice(&l, slug))
            }
            crate::load::Kind::Page => {
                let p = self.site.pages.iter().find(|p| &p.path == slug)?;
                let l = langs(&|l| p.texts.contains_key(l))?;
                Some(self.urls.page(&l, slug))
            }
        }
    }
}

/// Compiles templates, resolves UI strings and renders every Markdown body once.
pub fn prepare<'a>(
    site: &'a Site,
    now: DateTime<Utc>,
    opts: RenderOptions,
    d: &mut Diagnostics,
) -> Option<Ctx<'a>> {
    let bodies = render_bodies(site, &opts);
    prepare_with(site, bodies, None, now, opts, d)
}

/// Every Markdown body that will be published, rendered once, with the problems of its links.
/// Kept apart from [`prepare_with`] so that `build` can let go of the sources (file texts and
/// Markdown) before rendering pages: a large catalogue's sources are hundreds of megabytes.
pub struct Bodies {
    bodies: HashMap<usize, std::sync::Arc<markdown::Rendered>>,
    links: HashMap<usize, Vec<(std::ops::Range<usize>, String)>>,
    diagnostics: Diagnostics,
}

pub fn render_bodies(site: &Site, opts: &RenderOptions) -> Bodies {
    let cache = opts.body_cache.clone();
    let lock = || cache.as_ref().and_then(|c| c.lock().ok());
    let urls = Urls::new(&site.config);
    let mut d = Diagnostics::new();
    // Bodies of every text that will be published.
    let count = site.courses.iter().map(|c| c.texts.len()).sum::<usize>()
        + site.notices.iter().map(|n| n.texts.len()).sum::<usize>()
        + site.pages.iter().map(|p| p.texts.len()).sum::<usize>();
    let mut texts: Vec<(usize, &str, &str, usize)> = Vec::with_capacity(count);
    for c in &site.courses {
        for (l, t) in &c.texts {
            texts.push((t.file, l, site.files[t.file].body(), t.body_offset));
        }
    }
    for n in &site.notices {
        for (l, t) in &n.texts {
            texts.push((t.file, l, site.files[t.file].body(), t.body_offset));
        }
    }
    for p in &site.pages {
        for (l, t) in &p.texts {
            texts.push((t.file, l, site.files[t.file].body(), t.body_offset));
        }
    }
    let hits: Vec<Option<std::sync::Arc<markdown::Rendered>>> = match lock() {
        Some(c) => texts
            .iter()
            .map(|&(file, lang, ..)| c.bodies.get(&site.files[file].meta.rel)?.get(lang).cloned())
            .collect(),
        None => vec![None; texts.len()],
    };
    let rendered: Vec<(usize, std::sync::Arc<markdown::Rendered>, usize, bool)> = texts
        .par_iter()
        .zip(hits)
        .map(|(&(file, lang, body, offset), hit)| {
            if let Some(hit) = hit {
                return (file, hit, offset, false);
            }
            let rel = &site.files[file].meta.rel;
            let dir = rel
                .trim_start_matches("content/")
                .rsplit_once('/')
                .map_or("", |(d, _)| d)
                .to_string();
            let links = MdLinks {
                site,
                urls: &urls,
                dir,
                lang: lang.to_string(),
            };
            let r = markdown::render(body, site.config.raw_html, &links);
            (file, std::sync::Arc::new(r), offset, true)
        })
        .collect();
    if let Some(mut c) = lock() {
        for ((file, r, _, fresh), (_, lang, ..)) in rendered.iter().zip(&texts) {
            if *fresh {
                let rel = site.files[*file].meta.rel.clone();
                c.bodies
                    .entry(rel)
                    .or_default()
                    .insert(lang.to_string(), std::sync::Arc::clone(r));
            }
        }
    }
    let mut bodies = HashMap::with_capacity(rendered.len());
    let mut body_links = HashMap::new();
    for (file, r, offset, _) in rendered {
        if !r.problems.is_empty() || !r.removed.is_empty() {
            // (Indexing a file's lines costs a pass over its text: only for files with problems.)
            let f = &site.files[file];
            let src = SourceText::new(&f.meta.rel, &f.meta.text).with_base(offset);
            for (range, msg) in &r.problems {
                d.push(
                Diagnostic::error("bad-link", msg.clone())
                    .at(&src, range.clone())
                    .with_hint("link to pages with https:// addresses or to other content files as relative paths ending in .md"),
            );
            }
            for (range, removed) in &r.removed {
                d.push(removed_html(removed).at(&src, range.clone()));
            }
        }
        if !r.links.is_empty() {
            body_links.insert(file, r.links.clone());
        }
        bodies.insert(file, r);
    }
    Bodies {
        bodies,
        links: body_links,
        diagnostics: d,
    }
}

/// The report of raw HTML that the allow-list removed: an error for an address that runs a
/// script or holds data (refused as such a Markdown link is), a warning for the rest (the page
/// is published without it).
fn removed_html(r: &crate::sanitize::Removed) -> Diagnostic {
    if r.script {
        Diagnostic::error("bad-link", r.message.clone())
        .with_hint("link to pages with https:// addresses or to other content files as relative paths ending in .md")
    } else {
        Diagnostic::warning(
            "html-removed",
            format!("HTML left out of the page: {}", r.message),
        )
        .with_hint("pages keep the HTML of text, tables, figures, images and <details> (see \"HTML in the text\" in docs/authors.md); link to videos, forms and other sites instead of embedding them")
    }
}

/// [`prepare`] with the bodies already rendered.
pub fn prepare_with<'a>(
    site: &'a Site,
    bodies: Bodies,
    compiled: Option<Result<tera::Tera, Diagnostic>>,
    now: DateTime<Utc>,
    opts: RenderOptions,
    d: &mut Diagnostics,
) -> Option<Ctx<'a>> {
    let cache = opts.body_cache.clone();
    let lock = || cache.as_ref().and_then(|c| c.lock().ok());
    let reused = lock().and_then(|c| {
        let (src, tera) = c.tera.as_ref()?;
        (*src == site.theme.templates).then(|| tera.clone())
    });
    let compiled = compiled.or_else(|| reused.map(Ok));
    let tera = match compiled.unwrap_or_else(|| templates::compile(&site.theme.templates)) {
        Ok(t) => t,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
    if let Some(mut c) = lock() {
        if c.tera
            .as_ref()
            .is_none_or(|(src, _)| *src != site.theme.templates)
        {
            c.tera = Some((site.theme.templates.clone(), tera.clone()));
        }
    }
    let strings = crate::i18n::resolve(
        &site.theme.i18n,
        &site.config.languages,
        &site.config.default_language,
        d,
    );
    let urls = Urls::new(&site.config);
    d.extend(bodies.diagnostics);
    let body_links = bodies.links;
    let (course_bodies, bodies): (HashMap<_, _>, HashMap<_, _>) = bodies
        .bodies
        .into_iter()
        .partition(|(file, _)| site.files[*file].meta.kind == crate::load::Kind::Course);
    let course_bodies = course_bodies
        .into_iter()
        .map(|(file, r)| (file, std::sync::Mutex::new(Some(r))))
        .collect();
    let mut template_strings = HashMap::new();
    for name in site.theme.templates.keys() {
        if let Some(keys) = templates::ui_keys(&tera, name) {
            for (lang, all) in &strings {
                template_strings.insert((name.clone(), lang.clone()), all.subset(&keys));
            }
        }
    }
    let mut notices_by_course: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in site.notices.iter().enumerate() {
        if crate::state::notice_current(n, now, site.config.timezone) {
            for code in &n.related_courses {
                notices_by_course.entry(code.clone()).or_default().push(i);
            }
        }
    }
    let state_strings = strings
        .iter()
        .map(|(lang, t)| (lang.clone(), templates::state_strings(t)))
        .collect();
    let mut topic_courses: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in site.courses.iter().enumerate() {
        for t in &c.topics {
            let list = topic_courses.entry(t.clone()).or_default();
            // (A course naming a topic twice is listed once.)
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let filter_forms = site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), std::sync::OnceLock::new()))
        .collect();
    let compiled = if opts.tera_only {
        compiled::Enabled::none()
    } else {
        compiled::Enabled::of(&site.theme)
    };
    Some(Ctx {
        site,
        urls,
        now,
        tera,
        strings,
        bodies,
        course_bodies,
        body_links,
        notices_by_course,
        opts,
        template_strings,
        ics_events: CourseCache::new(site.courses.len(), &site.config.languages),
        card_data: CourseCache::new(site.courses.len(), &site.config.languages),
        cards_h2: CourseCache::new(site.courses.len(), &site.config.languages),
        cards_h3: CourseCache::new(site.courses.len(), &site.config.languages),
        compiled,
        state_strings,
        topic_courses,
        calendar_entries: std::sync::OnceLock::new(),
        calendar_months: std::sync::OnceLock::new(),
        filter_forms,
    })
}

/// One unit of rendering work; each gives one or more outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Chooser,
    NotFound,
    Robots,
    Sitemap,
    Static(String),
    Home(Lang),
    Catalogue(Lang, usize),
    Course(Lang, usize),
    Topic(Lang, String, usize),
    /// A page of the notices list (from 1).
    Notices(Lang, usize),
    Notice(Lang, usize),
    Atom(Lang),
    Page(Lang, usize),
    /// An attachment (index into `Site::assets`) and the file it is published as, beside the
    /// page of its bundle in one language.
    Asset(usize, String),
    Alias {
        from: String,
        to: String,
    },
    Ics(calendar::IcsJob),
    /// The calendar page of a language, or one month of it when it is split.
    CalendarPage(calendar::PageJob),
    FilterData(Lang),
    Search(Lang),
    SearchData(Lang),
    /// A file of the browser editor (`admin/…`), when site.toml enables it.
    Editor(String),
}

pub use plan::jobs;

/// Renders one job.
pub fn render(ctx: &Ctx<'_>, job: &Job) -> Result<Vec<Output>, Diagnostic> {
    let outputs = pages::render(ctx, job)?;
    // The output registry checked the paths of the plan: they must be the ones written.
    debug_assert!(
        outputs
            .iter()
            .all(|o| o.path == registry::output_path(ctx, job)),
        "{job:?} wrote {:?}, planned {}",
        outputs.iter().map(|o| &o.path).collect::<Vec<_>>(),
        registry::output_path(ctx, job)
    );
    Ok(outputs)
}
