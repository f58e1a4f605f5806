//! The rendering context: everything pages read, prepared once per build from the model
//! ([`prepare`]): URLs, "now", the compiled templates and UI strings, the rendered bodies, and
//! the values several outputs share (cards, calendar entries, filter forms), each computed once.

#[cfg(doc)]
use super::bodies::render_bodies;
use super::bodies::Bodies;
use super::calendar::months::{split_months, Month, Months};
use super::urls::Urls;
use super::view::{CourseCard, FilterForm};
use super::{compiled, templates, BodyCache, RenderOptions};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::markdown;
use crate::model::{Lang, Notice, Site};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

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
    /// Tera with the site's templates: read before rendering when the site changes any
    /// template, else on first use ([`Ctx::tera`]).
    tera: std::sync::OnceLock<tera::Tera>,
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
    /// This build's revisions ([`super::revisions`]), from `opts.previous`.
    pub revisions: crate::model::Revisions,
    /// Each course's `VEVENT` blocks per calendar language.
    pub ics_events: CourseCache<String>,
    /// Each course's card data and card HTML (with an h2 or h3 title) per language, for lists.
    pub card_data: CourseCache<CourseCard>,
    pub cards_h2: CourseCache<Result<String, Box<Diagnostic>>>,
    pub cards_h3: CourseCache<Result<String, Box<Diagnostic>>>,
    /// The compiled templates this site can use.
    pub compiled: compiled::Enabled,
    /// Per language: the state script's strings as attributes ([`super::view::Common::state_strings`]).
    state_strings: BTreeMap<Lang, String>,
    /// Indexes of the courses in catalogue order at `now` ([`crate::state::listing`]), those
    /// the catalogue lists first: see [`Listing`].
    catalogue: Listing,
    /// Topic id → indexes of its courses (in catalogue order), for the topic pages.
    topic_courses: HashMap<String, Vec<usize>>,
    /// The calendar's entries by month, and the months of a split calendar with their
    /// number of pages: made once per build.
    calendar_entries: std::sync::OnceLock<Months<'a>>,
    calendar_months: std::sync::OnceLock<Vec<(Month, usize)>>,
    /// Per language: the catalogue's filter form, the same on each of its pages
    /// ([`super::filters::filter_form`]).
    pub(super) filter_forms: BTreeMap<Lang, std::sync::OnceLock<FilterForm>>,
}

/// A language's view of the context.
pub struct Lctx<'a> {
    pub lang: String,
    pub t: &'a Strings,
}

impl<'a> Ctx<'a> {
    /// Tera with the site's templates. A site with only the default templates renders every
    /// page with their compiled code, so Tera reads them only if a page needs it (a template
    /// the generator left to Tera, the tests that render every page both ways).
    pub fn tera(&self) -> Result<&tera::Tera, Diagnostic> {
        if let Some(t) = self.tera.get() {
            return Ok(t);
        }
        let t = templates::compile(&self.site.theme.templates)?;
        Ok(self.tera.get_or_init(|| t))
    }

    /// The UI strings `template` uses, in `lang` (all of them when the template's use is not
    /// known); see [`templates::ui_keys`].
    pub fn strings_for(&self, lang: &str, template: &str) -> &Strings {
        self.template_strings
            .get(&(template.to_string(), lang.to_string()))
            .unwrap_or(&self.strings[lang])
    }

    /// The address of a static file as published (the stylesheet and scripts are fingerprinted:
    /// [`crate::model::theme::FINGERPRINTED`]).
    pub fn asset(&self, path: &str) -> String {
        self.urls.asset(self.site.theme.published(path))
    }

    /// Every course the catalogue's data covers, in catalogue order: the listed ones, then the
    /// archived ones.
    pub fn catalogue_data(&self) -> &[usize] {
        &self.catalogue.order
    }

    /// The finished courses the archive pages list (none unless `[catalogue] past = "archive"`).
    pub fn past_courses(&self) -> &[usize] {
        &self.catalogue.order[self.catalogue.listed..]
    }

    pub fn state_strings(&self, lang: &str) -> String {
        self.state_strings.get(lang).cloned().unwrap_or_default()
    }

    /// The courses the catalogue's pages list (`None`) or a topic's, in catalogue order.
    pub fn courses_of(&self, topic: Option<&str>) -> std::borrow::Cow<'_, [usize]> {
        match topic {
            None => self.catalogue.listed().into(),
            Some(t) => self
                .topic_courses
                .get(t)
                .map_or_else(|| Vec::new().into(), |v| v.as_slice().into()),
        }
    }

    /// The months that have a page of their own, with each one's number of pages (none when
    /// the calendar is one page): see [`split_months`].
    pub fn calendar_months(&self) -> &[(Month, usize)] {
        self.calendar_months
            .get_or_init(|| split_months(self.calendar_entries(), self.site.config.page_size))
    }

    /// Every month's calendar entries, sorted.
    pub fn calendar_entries(&self) -> &Months<'a> {
        self.calendar_entries.get_or_init(|| {
            // The courses the site lists: with `[catalogue] past = "hide"`, not those finished
            // at the build, which the catalogue's data leaves out too.
            let mut listed = vec![false; self.site.courses.len()];
            for &i in self.catalogue_data() {
                listed[i] = true;
            }
            Months::of(self.site, &listed)
        })
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

/// The context of one build, from the model, its Markdown bodies rendered once
/// ([`render_bodies`]) and its compiled templates ([`templates_reusing`]); resolves the UI
/// strings. `None` when the templates do not compile.
pub fn prepare<'a>(
    site: &'a Site,
    bodies: Bodies,
    tera: Result<Option<tera::Tera>, Diagnostic>,
    now: DateTime<Utc>,
    opts: RenderOptions,
    d: &mut Diagnostics,
) -> Option<Ctx<'a>> {
    let tera = match tera {
        Ok(t) => t,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
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
        .partition(|(file, _)| site.files[*file].kind == crate::model::Kind::Course);
    let course_bodies = course_bodies
        .into_iter()
        .map(|(file, r)| (file, std::sync::Mutex::new(Some(r))))
        .collect();
    let template_strings = template_strings(site, tera.as_ref(), &strings);
    // The site's zone too: "this month" on the calendars is the month in it; the build's month
    // and when it ends, before which the state script needs no zone arithmetic.
    let tz = site.config.timezone;
    let zone = format!(
        " data-site-tz=\"{}\" data-site-month=\"{}\" data-site-month-until=\"{}\"",
        tz.name(),
        crate::render::kit::iso::month(now.with_timezone(&tz).date_naive()),
        crate::state::next_month_start(tz, now).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let state_strings = strings
        .iter()
        .map(|(lang, t)| (lang.clone(), templates::state_strings(t) + &zone))
        .collect();
    let catalogue = catalogue(site, now);
    let filter_forms = site
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), std::sync::OnceLock::new()))
        .collect();
    let compiled = match &tera {
        Some(t) => compiled::Enabled::of(&site.theme).with_blocks(t, &site.theme.templates),
        None => compiled::Enabled::of(&site.theme),
    };
    Some(Ctx {
        site,
        urls,
        now,
        tera: tera.map(std::sync::OnceLock::from).unwrap_or_default(),
        strings,
        bodies,
        course_bodies,
        body_links,
        notices_by_course: notices_by_course(site, now),
        revisions: super::revisions::revise(site, &opts.previous, now),
        opts,
        template_strings,
        ics_events: CourseCache::new(site.courses.len(), &site.config.languages),
        card_data: CourseCache::new(site.courses.len(), &site.config.languages),
        cards_h2: CourseCache::new(site.courses.len(), &site.config.languages),
        cards_h3: CourseCache::new(site.courses.len(), &site.config.languages),
        compiled,
        state_strings,
        topic_courses: topic_courses(site, catalogue.listed()),
        catalogue,
        calendar_entries: std::sync::OnceLock::new(),
        calendar_months: std::sync::OnceLock::new(),
        filter_forms,
    })
}

/// The compiled templates of `site`: those `cache` kept from the last build (`serve`) when the
/// templates are the same, else compiled now (and kept in `cache`). `None` when the site has
/// only the default theme's templates as they are ([`compiled::all_default`]): nothing to
/// check, and their compiled code renders the pages (Tera reads them if a page asks:
/// [`Ctx::tera`]).
pub fn templates_reusing(
    site: &Site,
    cache: Option<&BodyCache>,
) -> Result<Option<tera::Tera>, Diagnostic> {
    if compiled::all_default(&site.theme) {
        return Ok(None);
    }
    let lock = || cache.and_then(|c| c.lock().ok());
    let reused = lock().and_then(|c| {
        let (src, tera) = c.tera.as_ref()?;
        (*src == site.theme.templates).then(|| tera.clone())
    });
    if let Some(tera) = reused {
        return Ok(Some(tera));
    }
    let tera = templates::compile(&site.theme.templates)?;
    if let Some(mut c) = lock() {
        c.tera = Some((site.theme.templates.clone(), tera.clone()));
    }
    Ok(Some(tera))
}

/// (template, language) → the strings that template uses, for every template whose use of
/// the strings is known ([`templates::ui_keys`]): from the build for templates made only from
/// unchanged default ones ([`compiled::known_ui_keys`]), else from Tera's reading of them.
fn template_strings(
    site: &Site,
    tera: Option<&tera::Tera>,
    strings: &BTreeMap<Lang, Strings>,
) -> HashMap<(String, Lang), Strings> {
    let mut out = HashMap::new();
    for name in site.theme.templates.keys() {
        let keys = compiled::known_ui_keys(&site.theme, name)
            .or_else(|| tera.map(|t| templates::ui_keys(t, name)))
            .flatten();
        if let Some(keys) = keys {
            for (lang, all) in strings {
                out.insert((name.clone(), lang.clone()), all.subset(&keys));
            }
        }
    }
    out
}

/// Course code → indexes of the notices current at `now` that name it.
fn notices_by_course(site: &Site, now: DateTime<Utc>) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in site.notices.iter().enumerate() {
        if crate::state::notice_current(n, now, site.config.timezone) {
            // A run's code counts for its course.
            for (ci, _) in n
                .related_courses
                .iter()
                .filter_map(|c| site.course_or_run(c))
            {
                let list = out.entry(site.courses[ci].code.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    out
}

/// The catalogue's courses at the build: `order` is every course its data covers, in catalogue
/// order ([`crate::state::listing`], then by code); its first `listed` are on the catalogue's
/// and topics' pages, the rest (finished courses, with `past = "archive"`) on the archive's.
pub struct Listing {
    order: Vec<usize>,
    listed: usize,
}

impl Listing {
    fn listed(&self) -> &[usize] {
        &self.order[..self.listed]
    }
}

/// The courses in catalogue order at `now`: current and upcoming ones first, finished ones last;
/// where finished ones go follows `[catalogue] past`.
fn catalogue(site: &Site, now: DateTime<Utc>) -> Listing {
    use crate::model::config::Past;
    let mut order: Vec<usize> = (0..site.courses.len()).collect();
    order.sort_by_cached_key(|&i| {
        let c = &site.courses[i];
        (crate::state::listing(c, now), c.code.clone())
    });
    let current = order
        .iter()
        .take_while(|&&i| !crate::state::finished_in_lists(&site.courses[i], now))
        .count();
    match site.config.past {
        Past::List => Listing {
            listed: order.len(),
            order,
        },
        Past::Archive => Listing {
            order,
            listed: current,
        },
        Past::Hide => {
            order.truncate(current);
            Listing {
                order,
                listed: current,
            }
        }
    }
}

/// Topic id → indexes of its courses, in catalogue order.
fn topic_courses(site: &Site, catalogue: &[usize]) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in catalogue {
        let c = &site.courses[i];
        for t in &c.topics {
            let list = out.entry(t.clone()).or_default();
            // (A course naming a topic twice is listed once.)
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    out
}
