//! Rebuilds for `serve`: the same pipeline as `build`, kept warm between changes.
//!
//! What is kept from one rebuild to the next:
//! * the assembled [`Site`] with the diagnostics of loading and assembling it;
//! * the rendered Markdown bodies ([`render::BodyCache`]), by file and language;
//! * the output map, with the job that produced each output ([`JobKey`]).
//!
//! A batch that touches only content files is handled in one of two ways:
//! * **body only** — the front matter of every changed file is byte-for-byte what it was: the
//!   model is patched in place (new body text), nothing is re-read or re-assembled;
//! * **content** — the changed files are re-read and parsed, the rest are reused, and the site is
//!   assembled again (assembly is a whole-site pass: ids, translations, sort orders).
//!
//! Any other change (templates, data, `site.toml`, theme, static files, a folder appearing, a lost
//! event) reloads everything, as `build` does.
//!
//! Rendering then runs in two phases. Phase 1 renders the pages of the changed items and the pages
//! open in a browser, and publishes them at once. Phase 2 renders everything else that may
//! depend on the change — every list, feed, calendar and other shared output, plus the pages of
//! items related to a changed one (a course and the notices that name it) — or every output when
//! the set of items, the navigation or anything beyond content changed. Phase 2 stops early when
//! new changes arrive; what it did not finish is redone by the next rebuild. The assumption behind
//! skipping the other items' own pages: a course, notice or page renders from itself, the items
//! related to it, and site-wide inputs (configuration, data, theme, navigation, the set of items).

use super::watch::{Batch, ChangeKind};
use super::{error_page_for, read_outputs, Files, Outputs, Snapshot, State};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, walk, Input, Parsed, Sources};
use crate::model::Site;
use crate::render::calendar::IcsJob;
use crate::render::{self, Ctx, Job};
use crate::{pipeline, Options};
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A job's identity across rebuilds: items by slug or path rather than by index (indexes move
/// when the sort order changes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum JobKey {
    Course(String, String),
    CourseIcs(String, String),
    Notice(String, String),
    Page(String, bool, String),
    Asset(String, String),
    /// Lists, feeds, calendars, static files…: its `Debug` form.
    Shared(String),
}

/// Which item a job belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Owner {
    Course(usize),
    Notice(usize),
    Page(usize),
    Asset(usize),
    Shared,
}

fn describe(job: &Job, site: &Site) -> (JobKey, Owner) {
    match job {
        Job::Course(l, i) => (
            JobKey::Course(site.courses[*i].slug.clone(), l.clone()),
            Owner::Course(*i),
        ),
        Job::Ics(IcsJob::Course(l, i)) => (
            JobKey::CourseIcs(site.courses[*i].slug.clone(), l.clone()),
            Owner::Course(*i),
        ),
        Job::Notice(l, i) => (
            JobKey::Notice(site.notices[*i].slug.clone(), l.clone()),
            Owner::Notice(*i),
        ),
        Job::Page(l, i) => {
            let p = &site.pages[*i];
            (
                JobKey::Page(p.path.clone(), p.is_section_index, l.clone()),
                Owner::Page(*i),
            )
        }
        Job::Asset(i, l) => (
            JobKey::Asset(site.assets[*i].rel.clone(), l.clone()),
            Owner::Asset(*i),
        ),
        other => (JobKey::Shared(format!("{other:?}")), Owner::Shared),
    }
}

/// Everything about the site that the pages of unchanged items may show: which files, items and
/// languages exist (links between content files resolve through them), course codes (notices
/// link to courses) and the pages with their titles (navigation).
fn structure_key(site: &Site, sources: &Sources) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &sources.files {
        (
            &f.meta.rel,
            f.meta.kind as u8,
            &f.meta.slug,
            &f.meta.lang,
            f.meta.section_index,
            matches!(f.parsed, Parsed::Failed),
        )
            .hash(&mut h);
    }
    for c in &site.courses {
        (&c.slug, &c.code, c.texts.keys().collect::<Vec<_>>()).hash(&mut h);
    }
    for n in &site.notices {
        (&n.slug, n.texts.keys().collect::<Vec<_>>()).hash(&mut h);
    }
    for p in &site.pages {
        (&p.path, p.is_section_index, p.menu, p.weight).hash(&mut h);
        for (l, t) in &p.texts {
            (l, &t.title).hash(&mut h);
        }
    }
    for a in &site.assets {
        a.rel.hash(&mut h);
    }
    h.finish()
}

/// How long each stage of a rebuild took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading (and assembling) the sources, or patching the model.
    pub load: Duration,
    /// Compiling templates and rendering Markdown (cached bodies are reused).
    pub prepare: Duration,
    /// Listing the jobs and choosing the phase of each.
    pub plan: Duration,
    /// Phase 1: the changed and viewed pages.
    pub first: Duration,
    /// Putting outputs in the map and handing it to the server (both phases).
    pub publish: Duration,
    /// Phase 2: everything else affected.
    pub rest: Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "load {} ms, prepare {} ms, plan {} ms, render {} + {} ms, publish {} ms",
            self.load.as_millis(),
            self.prepare.as_millis(),
            self.plan.as_millis(),
            self.first.as_millis(),
            self.rest.as_millis(),
            self.publish.as_millis()
        )
    }
}

/// How the model was brought up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything read and assembled again.
    Full,
    /// Changed content files re-read, the site assembled again.
    Content,
    /// Only bodies changed: the model was patched.
    BodyOnly,
}

/// What a rebuild did, for the terminal.
#[derive(Debug)]
pub struct Summary {
    pub ok: bool,
    pub mode: Mode,
    pub diagnostics: Vec<Diagnostic>,
    /// Outputs rendered in phase 1 and phase 2.
    pub first: usize,
    pub rest: usize,
    /// Time from the start of the rebuild to phase 1's publication.
    pub first_ready: Duration,
    /// Phase 2 stopped because newer changes arrived.
    pub interrupted: bool,
    pub files: usize,
    pub timings: Timings,
}

/// The model and what loading it reported.
struct Model {
    site: Site,
    /// The content files it was assembled from, kept for the next rebuild.
    sources: Sources,
    /// Diagnostics of loading: per-file ones are replaced when their file is re-read.
    load_diags: Vec<Diagnostic>,
    /// Diagnostics of assembling and validating the whole site.
    asm_diags: Vec<Diagnostic>,
    /// What assembling each item reported (part of `asm_diags`), for reassembling in place.
    reports: HashMap<crate::assemble::GroupKey, Vec<Diagnostic>>,
    /// Its [`structure_key`].
    key: u64,
}

/// Every job of a build with its identity and owner; unchanged while only bodies change, and
/// kept after a front-matter edit that leaves the jobs and the items' order as they were.
struct Plan {
    /// [`structure_key`] of the site it was made for: jobs name items by index, keys by slug.
    site_key: u64,
    jobs: Vec<Job>,
    keys: Vec<JobKey>,
    index: HashMap<JobKey, usize>,
    by_owner: HashMap<Owner, Vec<usize>>,
    shared: Vec<usize>,
    /// The warnings of planning (files of `content/` that are not published), reported by
    /// every rebuild that uses the plan.
    warnings: Vec<Diagnostic>,
}

impl Plan {
    /// The jobs of `ctx`'s site, after the check that every output has one source: `Err` with
    /// the diagnostics when it fails.
    fn make(ctx: &Ctx<'_>, site_key: u64) -> Result<Plan, Vec<Diagnostic>> {
        let mut d = Diagnostics::new();
        let jobs = render::jobs(ctx, &mut d);
        if d.has_errors() {
            return Err(d.into_sorted());
        }
        let mut plan = Plan::new(jobs, ctx.site, site_key);
        plan.warnings = d.into_sorted();
        Ok(plan)
    }

    fn new(jobs: Vec<Job>, site: &Site, site_key: u64) -> Plan {
        let mut keys = Vec::with_capacity(jobs.len());
        let mut index = HashMap::with_capacity(jobs.len());
        let mut by_owner: HashMap<Owner, Vec<usize>> = HashMap::new();
        let mut shared = Vec::new();
        for (i, j) in jobs.iter().enumerate() {
            let (k, o) = describe(j, site);
            index.insert(k.clone(), i);
            match o {
                Owner::Shared => shared.push(i),
                o => by_owner.entry(o).or_default().push(i),
            }
            keys.push(k);
        }
        Plan {
            site_key,
            jobs,
            keys,
            index,
            by_owner,
            shared,
            warnings: Vec::new(),
        }
    }
}

/// The warm state of `serve`'s builds.
pub struct Engine {
    opts: Options,
    fixed_now: Option<DateTime<Utc>>,
    next_change: Option<DateTime<Utc>>,
    bodies: render::BodyCache,
    /// [`structure_key`] of the site the cached bodies were rendered for.
    cache_key: Option<u64>,
    model: Option<Model>,
    /// The jobs of `model` (`None` after a full reload).
    plan: Option<Plan>,
    track: Track,
}

/// What has been rendered and published, and what is out of date.
struct Track {
    /// Content files changed since the last complete render.
    dirty: BTreeSet<String>,
    /// Content attachments changed since the last complete render.
    dirty_assets: BTreeSet<String>,
    /// The last complete render is out of date as a whole (a full reload happened since).
    stale_all: bool,
    /// [`structure_key`] of the last complete render.
    rendered_key: Option<u64>,
    /// Notice slug → course codes it named, as of the last complete render.
    rendered_relations: HashMap<String, Vec<String>>,
    /// The published outputs, and which job made each.
    files: Arc<Files>,
    by_job: HashMap<JobKey, Vec<String>>,
    owner: HashMap<String, JobKey>,
    generation: u64,
}

type Rendered = Vec<(JobKey, Result<Outputs, Diagnostic>)>;

/// Renders jobs in parallel; stops starting new ones once `cancel` is set (`None` then).
fn render_jobs(
    ctx: &Ctx<'_>,
    plan: &Plan,
    which: &[usize],
    cancel: Option<&AtomicBool>,
) -> Option<Rendered> {
    let stopped = AtomicBool::new(false);
    let out: Rendered = which
        .par_iter()
        .filter_map(|&i| {
            let (job, key) = (&plan.jobs[i], &plan.keys[i]);
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                stopped.store(true, Ordering::Relaxed);
                return None;
            }
            let r = render::render(ctx, job).and_then(read_outputs);
            Some((key.clone(), r))
        })
        .collect();
    if stopped.load(Ordering::Relaxed) {
        None
    } else {
        Some(out)
    }
}

/// One content file read again.
enum Reread {
    /// Read and parsed, with what parsing reported.
    Read(Box<load::SourceFile>, Diagnostics),
    /// Refused as the loader refuses it (bad name, not UTF-8, too large…).
    Refused(Diagnostic),
    /// It is gone.
    Gone,
    /// A symbolic link or not a regular file: only the full walk handles it.
    NeedsWalk,
}

/// Reads one content file as the loader does.
fn read_content(root: &Path, rel: &str, site: &Site) -> Reread {
    let path = root.join(rel);
    match std::fs::symlink_metadata(&path) {
        Err(_) => Reread::Gone,
        Ok(m) if m.file_type().is_symlink() || !m.is_file() => Reread::NeedsWalk,
        Ok(_) => {
            let langs = &site.config.languages;
            let default = &site.config.default_language;
            match walk::classify(rel, langs, default).and_then(|c| {
                walk::read_text(&path, rel).map(|text| load::ReadFile { meta: c, text })
            }) {
                Ok(file) => {
                    let (f, d) = load::parse_file(file);
                    Reread::Read(Box::new(f), d)
                }
                Err(e) => Reread::Refused(e),
            }
        }
    }
}

impl Engine {
    /// `opts` as for `build` (root canonical; base URL and live reload set by `serve`).
    pub fn new(mut opts: Options, fixed_now: Option<DateTime<Utc>>) -> Engine {
        let bodies = render::BodyCache::default();
        if let Some(n) = fixed_now {
            opts.now = n;
        }
        Engine {
            opts,
            fixed_now,
            next_change: None,
            bodies,
            cache_key: None,
            model: None,
            plan: None,
            track: Track {
                dirty: BTreeSet::new(),
                dirty_assets: BTreeSet::new(),
                stale_all: true,
                rendered_key: None,
                rendered_relations: HashMap::new(),
                files: Arc::new(Files::new()),
                by_job: HashMap::new(),
                owner: HashMap::new(),
                generation: 0,
            },
        }
    }

    /// The published outputs.
    pub fn files(&self) -> &Arc<Files> {
        &self.track.files
    }

    /// Patches bodies in place when no changed file's front matter changed; false (model
    /// untouched) otherwise.
    fn patch_bodies(&mut self, rels: &[String]) -> bool {
        let Some(model) = self.model.as_mut() else {
            return false;
        };
        let (site, sources) = (&mut model.site, &mut model.sources);
        let mut fresh = Vec::new();
        for rel in rels {
            let Ok(i) = site.files.binary_search_by(|f| f.rel.as_str().cmp(rel)) else {
                return false;
            };
            let Reread::Read(new, _) = read_content(&self.opts.root, rel, site) else {
                return false;
            };
            let old = &sources.files[i];
            let same_front = matches!(
                (&old.parsed, &new.parsed),
                (Parsed::Course(_), Parsed::Course(_))
                    | (Parsed::Notice(_), Parsed::Notice(_))
                    | (Parsed::Page(_), Parsed::Page(_))
            ) && old.toml_start == new.toml_start
                && old.body_start == new.body_start
                && old.text.get(..old.body_start) == new.text.get(..new.body_start);
            if !same_front {
                return false;
            }
            fresh.push((i, new));
        }
        for (i, new) in fresh {
            // A text's body is read from its file (`SourceFile::body`); only the offset is kept.
            let offset = new.body_start;
            let offsets = site
                .courses
                .iter_mut()
                .flat_map(|c| c.texts.values_mut().map(|t| (t.file, &mut t.body_offset)))
                .chain(
                    site.notices
                        .iter_mut()
                        .flat_map(|n| n.texts.values_mut().map(|t| (t.file, &mut t.body_offset))),
                )
                .chain(
                    site.pages
                        .iter_mut()
                        .flat_map(|p| p.texts.values_mut().map(|t| (t.file, &mut t.body_offset))),
                );
            for (file, off) in offsets {
                if file == i {
                    *off = offset;
                }
            }
            sources.files[i] = *new;
        }
        true
    }

    /// Re-reads the changed content files, keeps the others, and assembles the site again.
    /// False (model untouched) when a change needs the full walk (a symbolic link, a folder).
    fn reload_content(&mut self, rels: &[String]) -> bool {
        let Some(model) = self.model.take() else {
            return false;
        };
        let mut reads = Vec::new();
        for rel in rels {
            match read_content(&self.opts.root, rel, &model.site) {
                Reread::NeedsWalk => {
                    self.model = Some(model);
                    return false;
                }
                r => reads.push((rel, r)),
            }
        }
        let Model {
            site,
            sources,
            mut load_diags,
            reports,
            ..
        } = model;
        let mut files = sources.files;
        let Site {
            config,
            files: _,
            data,
            theme,
            assets,
            courses,
            notices,
            pages,
            by_code,
        } = site;
        // Files changed in place (none added or removed): the other items are reused.
        let in_place = reads.iter().all(|(rel, read)| {
            matches!(read, Reread::Read(..))
                && files
                    .binary_search_by(|f| f.meta.rel.as_str().cmp(rel))
                    .is_ok()
        });
        let mut changed = Vec::new();
        for (rel, read) in reads {
            load_diags.retain(|d| d.file.as_deref() != Some(rel.as_str()));
            let found = files.binary_search_by(|f| f.meta.rel.as_str().cmp(rel));
            match (read, found) {
                (Reread::Read(f, fd), found) => {
                    load_diags.extend(fd.into_sorted());
                    match found {
                        Ok(i) => {
                            files[i] = *f;
                            changed.push(i);
                        }
                        Err(at) => files.insert(at, *f),
                    }
                }
                (Reread::Refused(e), found) => {
                    load_diags.push(e);
                    if let Ok(i) = found {
                        files.remove(i);
                    }
                }
                (Reread::Gone | Reread::NeedsWalk, Ok(i)) => {
                    files.remove(i);
                }
                (Reread::Gone | Reread::NeedsWalk, Err(_)) => {}
            }
        }
        let input = Input {
            root: self.opts.root.clone(),
            config,
            files,
            assets,
            data,
            theme,
        };
        let previous = if in_place {
            Some(crate::assemble::Previous {
                courses,
                notices,
                pages,
                reports,
                changed,
            })
        } else {
            // Freeing thousands of items takes longer than reading a file (≈20 ms at
            // N=5,000): not on the way to the edited page.
            std::thread::spawn(move || drop((courses, notices, pages)));
            None
        };
        // (The old index by code is rebuilt.)
        drop(by_code);
        let mut d_asm = Diagnostics::new();
        let a = pipeline::assemble(input, &self.opts, previous, &mut d_asm);
        self.model = Some(Model {
            key: structure_key(&a.site, &a.sources),
            site: a.site,
            sources: a.sources,
            reports: a.reports,
            load_diags,
            asm_diags: d_asm.into_sorted(),
        });
        true
    }

    /// Brings the model up to date with a batch (`None`: the first build). Returns the mode, the
    /// content files the batch changed, and the diagnostics when the site cannot be loaded at all.
    fn update_model(&mut self, batch: Option<&Batch>) -> (Mode, Vec<String>, Vec<Diagnostic>) {
        let mut full = batch.is_none_or(Batch::beyond_content) || self.model.is_none();
        if self.fixed_now.is_none() {
            let now = Utc::now();
            if self.next_change.is_some_and(|n| now >= n) {
                full = true; // a course or notice changed state: any page may show it
            }
            if full {
                self.opts.now = now;
            }
        }
        let assets: HashSet<String> = self
            .model
            .as_ref()
            .map(|m| m.site.assets.iter().map(|a| a.rel.clone()).collect())
            .unwrap_or_default();
        let mut md = Vec::new();
        for (p, kind) in batch.map(|b| &b.changes).into_iter().flatten() {
            let rel = p.to_string_lossy().replace('\\', "/");
            let in_content = rel.trim_start_matches("content/");
            if *kind != ChangeKind::Content {
                continue;
            }
            let known = assets.contains(in_content);
            let exists = std::fs::symlink_metadata(self.opts.root.join(p)).is_ok();
            if walk::is_markdown(&rel) {
                md.push(rel);
            } else if known && self.opts.root.join(p).is_file() {
                self.track.dirty_assets.insert(in_content.to_string());
            } else if known || exists {
                full = true; // a folder, a new or deleted attachment
            } // else: a temporary file that came and went (`sed -i`, some editors)
        }
        self.track.dirty.extend(md.iter().cloned());
        if !full && (md.is_empty() || self.patch_bodies(&md)) {
            return (Mode::BodyOnly, md, Vec::new());
        }
        if !full && self.reload_content(&md) {
            return (Mode::Content, md, Vec::new());
        }
        let config_changed =
            batch.is_none_or(|b| b.rescan || b.changes.values().any(|k| *k == ChangeKind::Config));
        if config_changed {
            if let Ok(mut c) = self.bodies.lock() {
                c.bodies.clear();
            }
        }
        self.plan = None;
        self.track.stale_all = true;
        let mut d_load = Diagnostics::new();
        let mut d_asm = Diagnostics::new();
        let input = pipeline::read(&self.opts, &mut d_load);
        let assembled = input.map(|i| pipeline::assemble(i, &self.opts, None, &mut d_asm));
        match assembled {
            Some(a) => {
                self.model = Some(Model {
                    key: structure_key(&a.site, &a.sources),
                    site: a.site,
                    sources: a.sources,
                    reports: a.reports,
                    load_diags: d_load.into_sorted(),
                    asm_diags: d_asm.into_sorted(),
                });
                (Mode::Full, md, Vec::new())
            }
            None => {
                self.model = None;
                (Mode::Full, md, d_load.into_sorted())
            }
        }
    }

    /// When the next course or notice changes state (with the clock as "now").
    pub fn next_change(&self) -> Option<DateTime<Utc>> {
        self.fixed_now
            .is_none()
            .then_some(self.next_change)
            .flatten()
    }

    /// One rebuild for a batch of changes (`None`: the first build), published to `state` —
    /// phase 1 as soon as it is ready, phase 2 when done. Phase 2 stops early once `cancel` is
    /// set.
    pub fn rebuild(
        &mut self,
        batch: Option<&Batch>,
        state: &State,
        cancel: &AtomicBool,
    ) -> Summary {
        let started = Instant::now();
        let mut t = Timings::default();
        let (mode, changed, failure) = self.update_model(batch);
        t.load = started.elapsed();
        let mut summary = Summary {
            ok: false,
            mode,
            diagnostics: Vec::new(),
            first: 0,
            rest: 0,
            first_ready: Duration::ZERO,
            interrupted: false,
            files: 0,
            timings: t,
        };
        let Engine {
            opts,
            bodies,
            cache_key,
            model,
            plan,
            track,
            next_change,
            ..
        } = self;
        let Some(model) = model.as_ref() else {
            return track.fail(state, failure, summary);
        };
        let site = &model.site;
        if mode != Mode::BodyOnly || next_change.is_none() {
            *next_change = pipeline::next_change(site, opts.now);
        }
        let mut d = Diagnostics::new();
        for x in model.load_diags.iter().chain(&model.asm_diags) {
            d.push(x.clone());
        }
        if d.has_errors() {
            return track.fail(state, d.into_sorted(), summary);
        }
        // Bodies of changed files are stale; all of them when links may resolve differently.
        let key = model.key;
        if let Ok(mut c) = bodies.lock() {
            if *cache_key != Some(key) {
                c.bodies.clear();
            } else {
                for rel in &changed {
                    c.bodies.remove(rel);
                }
            }
        }
        *cache_key = Some(key);
        let s = Instant::now();
        let ctx = pipeline::prepare_from(site, &model.sources, opts, Some(bodies), &mut d);
        t.prepare = s.elapsed();
        summary.timings = t;
        let ctx = match ctx {
            Some(c) if !d.has_errors() => c,
            _ => return track.fail(state, d.into_sorted(), summary),
        };

        // Which jobs go in which phase.
        let s = Instant::now();
        // After a front-matter edit that leaves the items and their order as they were, the
        // edited item's pages are the same jobs as before: phase 1 uses the plan it has, and
        // the job list (which can change: a new calendar month, one more topic page) is made
        // again after phase 1 is published, for phase 2.
        let deferred = mode == Mode::Content && plan.as_ref().is_some_and(|p| p.site_key == key);
        let p: &Plan = match plan.take() {
            Some(old) if mode == Mode::BodyOnly || deferred => plan.insert(old),
            _ => match Plan::make(&ctx, key) {
                Ok(new) => plan.insert(new),
                Err(errors) => {
                    errors.into_iter().for_each(|e| d.push(e));
                    let diags = d.into_sorted();
                    drop(ctx);
                    return track.fail(state, diags, summary);
                }
            },
        };
        if !deferred {
            p.warnings.iter().for_each(|w| d.push(w.clone()));
        }
        let dirty_files: HashSet<usize> = track
            .dirty
            .iter()
            .filter_map(|rel| {
                site.files
                    .binary_search_by(|f| f.rel.as_str().cmp(rel))
                    .ok()
            })
            .collect();
        let mut changed_items: HashSet<Owner> = HashSet::new();
        for (i, c) in site.courses.iter().enumerate() {
            if c.texts.values().any(|t| dirty_files.contains(&t.file)) {
                changed_items.insert(Owner::Course(i));
            }
        }
        for (i, n) in site.notices.iter().enumerate() {
            if n.texts.values().any(|t| dirty_files.contains(&t.file)) {
                changed_items.insert(Owner::Notice(i));
            }
        }
        for (i, pg) in site.pages.iter().enumerate() {
            if pg.texts.values().any(|t| dirty_files.contains(&t.file)) {
                changed_items.insert(Owner::Page(i));
            }
        }
        for (i, a) in site.assets.iter().enumerate() {
            if track.dirty_assets.contains(&a.rel) {
                changed_items.insert(Owner::Asset(i));
            }
        }
        let global = track.stale_all
            || track.rendered_key != Some(key)
            || changed_items.iter().any(|o| matches!(o, Owner::Page(_)));
        let mut related: HashSet<Owner> = HashSet::new();
        if !global {
            let codes: HashSet<&str> = changed_items
                .iter()
                .filter_map(|o| match o {
                    Owner::Course(i) => Some(site.courses[*i].code.as_str()),
                    _ => None,
                })
                .collect();
            for (i, n) in site.notices.iter().enumerate() {
                let old = track.rendered_relations.get(&n.slug);
                let names = |code: &str| {
                    n.related_courses.iter().any(|c| c == code)
                        || old.is_some_and(|o| o.iter().any(|c| c == code))
                };
                if codes.iter().any(|c| names(c)) {
                    related.insert(Owner::Notice(i));
                }
                if changed_items.contains(&Owner::Notice(i)) {
                    for code in n.related_courses.iter().chain(old.into_iter().flatten()) {
                        if let Some(&ci) = site.by_code.get(code) {
                            related.insert(Owner::Course(ci));
                        }
                    }
                }
            }
        }
        let mut in_first = vec![false; p.jobs.len()];
        for o in &changed_items {
            for &i in p.by_owner.get(o).into_iter().flatten() {
                in_first[i] = true;
            }
        }
        for path in state.viewed() {
            if let Some(&i) = track.owner.get(&path).and_then(|k| p.index.get(k)) {
                in_first[i] = true;
            }
        }
        let first: Vec<usize> = (0..p.jobs.len()).filter(|&i| in_first[i]).collect();
        let rest: Vec<usize> = if global {
            (0..p.jobs.len()).filter(|&i| !in_first[i]).collect()
        } else {
            let mut r: Vec<usize> = p
                .shared
                .iter()
                .copied()
                .chain(
                    related
                        .iter()
                        .flat_map(|o| p.by_owner.get(o).into_iter().flatten().copied()),
                )
                .filter(|&i| !in_first[i])
                .collect();
            r.sort_unstable();
            r.dedup();
            r
        };
        t.plan = s.elapsed();

        // Phase 1.
        let s = Instant::now();
        let out = render_jobs(&ctx, p, &first, None).unwrap_or_default();
        let (ok1, errs1) = split(out, &mut d);
        t.first = s.elapsed();
        summary.timings = t;
        if errs1 {
            let diags = d.into_sorted();
            drop(ctx);
            return track.fail(state, diags, summary);
        }
        summary.first = ok1.iter().map(|(_, o)| o.len()).sum();
        if !first.is_empty() || rest.is_empty() {
            let s = Instant::now();
            track.merge(ok1, rest.is_empty().then_some(&p.index));
            track.publish(state);
            t.publish = s.elapsed();
            summary.timings = t;
            summary.first_ready = started.elapsed();
        }

        // The job list after a front-matter edit: when it changed, phase 2 renders every job
        // of the new one that phase 1 did not.
        let mut replanned = None;
        let (p, rest) = if deferred {
            let s = Instant::now();
            let new = match Plan::make(&ctx, key) {
                Ok(new) => new,
                Err(errors) => {
                    errors.into_iter().for_each(|e| d.push(e));
                    let diags = d.into_sorted();
                    drop(ctx);
                    return track.fail(state, diags, summary);
                }
            };
            new.warnings.iter().for_each(|w| d.push(w.clone()));
            let kept = new.jobs == p.jobs;
            if !kept {
                let done: HashSet<&JobKey> = first.iter().map(|&i| &p.keys[i]).collect();
                let new = replanned.insert(new);
                let rest = (0..new.jobs.len())
                    .filter(|&i| !done.contains(&new.keys[i]))
                    .collect();
                t.plan += s.elapsed();
                (&*new, rest)
            } else {
                t.plan += s.elapsed();
                (p, rest)
            }
        } else {
            (p, rest)
        };

        // Phase 2.
        if !rest.is_empty() {
            let s = Instant::now();
            let Some(out) = render_jobs(&ctx, p, &rest, Some(cancel)) else {
                if let Some(new) = replanned {
                    *plan = Some(new);
                }
                t.rest = s.elapsed();
                summary.timings = t;
                summary.interrupted = true;
                summary.ok = true;
                summary.diagnostics = d.into_sorted();
                summary.files = track.files.len();
                return summary;
            };
            let (ok2, errs2) = split(out, &mut d);
            t.rest = s.elapsed();
            summary.timings = t;
            if errs2 {
                if let Some(new) = replanned {
                    *plan = Some(new);
                }
                let diags = d.into_sorted();
                drop(ctx);
                return track.fail(state, diags, summary);
            }
            summary.rest = ok2.iter().map(|(_, o)| o.len()).sum();
            let s = Instant::now();
            track.merge(ok2, Some(&p.index));
            track.publish(state);
            t.publish += s.elapsed();
            summary.timings = t;
            if first.is_empty() {
                summary.first_ready = started.elapsed();
            }
        }
        if let Some(new) = replanned {
            *plan = Some(new);
        }
        drop(ctx);
        // Everything is up to date.
        track.rendered_key = Some(key);
        track.rendered_relations = site
            .notices
            .iter()
            .map(|n| (n.slug.clone(), n.related_courses.clone()))
            .collect();
        track.dirty.clear();
        track.dirty_assets.clear();
        track.stale_all = false;
        summary.ok = true;
        summary.diagnostics = d.into_sorted();
        summary.files = track.files.len();
        summary
    }
}

impl Track {
    /// Publishes a failed build: the last good outputs stay, pages show the diagnostics.
    fn fail(&mut self, state: &State, diagnostics: Vec<Diagnostic>, s: Summary) -> Summary {
        self.generation += 1;
        state.publish(Snapshot {
            files: Arc::clone(&self.files),
            error_page: Some(error_page_for(&diagnostics)),
            generation: self.generation,
        });
        Summary {
            ok: false,
            diagnostics,
            files: self.files.len(),
            ..s
        }
    }

    fn publish(&mut self, state: &State) {
        self.generation += 1;
        state.publish(Snapshot {
            files: Arc::clone(&self.files),
            error_page: None,
            generation: self.generation,
        });
    }

    /// Puts rendered outputs into the map (replacing what their jobs made before).
    fn merge(&mut self, rendered: Vec<(JobKey, Outputs)>, keep: Option<&HashMap<JobKey, usize>>) {
        let mut files: Files = (*self.files).clone();
        for (key, outs) in rendered {
            for p in self.by_job.remove(&key).unwrap_or_default() {
                files.remove(p.as_str());
                self.owner.remove(&p);
            }
            let mut paths = Vec::with_capacity(outs.len());
            for (p, b) in outs {
                self.owner.insert(p.clone(), key.clone());
                paths.push(p.clone());
                files.insert(Arc::from(p.as_str()), Arc::new(b));
            }
            self.by_job.insert(key, paths);
        }
        if let Some(keep) = keep {
            // Jobs that no longer exist (a deleted course, a shorter list): drop their outputs.
            let gone: Vec<JobKey> = self
                .by_job
                .keys()
                .filter(|k| !keep.contains_key(*k))
                .cloned()
                .collect();
            for k in gone {
                for p in self.by_job.remove(&k).unwrap_or_default() {
                    files.remove(p.as_str());
                    self.owner.remove(&p);
                }
            }
        }
        self.files = Arc::new(files);
    }
}

/// Separates outputs from errors (pushed to `d`); true when there were errors.
fn split(out: Rendered, d: &mut Diagnostics) -> (Vec<(JobKey, Outputs)>, bool) {
    let mut ok = Vec::with_capacity(out.len());
    let mut errors = false;
    for (k, r) in out {
        match r {
            Ok(o) => ok.push((k, o)),
            Err(e) => {
                errors = true;
                d.push(e);
            }
        }
    }
    (ok, errors)
}
