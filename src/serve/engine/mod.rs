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
//! When loading, assembling or preparing the model reports errors in content files, those files
//! are set back to their last good version, or left out, and the model is rendered without them
//! ([`setback`]); errors elsewhere keep the last good outputs as a whole.
//!
//! Rendering then runs in two phases. Phase 1 renders the pages of the changed items and the pages
//! open in a browser, and publishes them at once. Phase 2 renders everything else that may
//! depend on the change — every list, feed, calendar and other shared output, plus the pages of
//! items related to a changed one (a course and the notices that name it) — or every output when
//! the set of items, the navigation or anything beyond content changed. Phase 2 stops early when
//! new changes arrive; what it did not finish is redone by the next rebuild. The assumption behind
//! skipping the other items' own pages: a course, notice or page renders from itself, the items
//! related to it, and site-wide inputs (configuration, data, theme, navigation, the set of items).

mod model;
mod plan;
mod setback;
mod summary;
mod track;

use super::watch::Batch;
use super::{Files, State};
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, Ctx};
use crate::{pipeline, Options};
use chrono::{DateTime, Utc};
use model::Model;
pub use plan::JobKey;
use plan::Plan;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;
pub use summary::{Item, Mode, Summary, Timings};
use track::Track;

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
    setback: setback::SetBack,
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
            setback: setback::SetBack::default(),
        }
    }

    /// The published outputs.
    pub fn files(&self) -> &Arc<Files> {
        &self.track.files
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
    /// set. Content files with errors are set back ([`setback`]) and the site built again
    /// without their errors, a few times at most; other errors keep the last good outputs.
    pub fn rebuild(
        &mut self,
        batch: Option<&Batch>,
        state: &State,
        cancel: &AtomicBool,
    ) -> Summary {
        let started = Instant::now();
        self.remember_good(batch);
        let (mut mode, changed, failure) = self.update_model(batch);
        self.release(mode, &changed);
        let mut summary = Summary::new(mode);
        summary.timings.load = started.elapsed();
        summary.saved = changed.iter().map(|r| self.describe(r)).collect();
        let mut summary = match self.model {
            None => self.track.fail(state, failure, summary),
            Some(_) => {
                let mut round = 0;
                loop {
                    let s = match self.attempt(mode, &changed, state, started, cancel, summary) {
                        Attempt::Done(s) => break s,
                        Attempt::Broken(errors, s) => match Engine::blame(&errors) {
                            Some(blamed)
                                if round < SET_BACK_ROUNDS
                                    && self.setback.held.len() < SET_BACK_MAX =>
                            {
                                self.set_back(blamed);
                                s
                            }
                            _ => {
                                let mut all = self.setback.errors();
                                all.extend(errors);
                                break self.track.fail(state, all, s);
                            }
                        },
                    };
                    summary = s;
                    mode = Mode::Content;
                    round += 1;
                }
            }
        };
        self.setback.last_ok = summary.ok;
        if summary.ok {
            // The model's text of every other file built: it is remembered when next changed.
            let held = &self.setback.held;
            self.setback.good.retain(|rel, _| held.contains_key(rel));
        }
        summary.held = self.setback.held.keys().map(|r| self.describe(r)).collect();
        summary
    }

    /// Renders and publishes the model as it is; [`Attempt::Broken`] (nothing published) when
    /// loading, assembling or preparing it reported errors.
    fn attempt(
        &mut self,
        mode: Mode,
        changed: &[String],
        state: &State,
        started: Instant,
        cancel: &AtomicBool,
        summary: Summary,
    ) -> Attempt {
        let held = self.setback.errors();
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
            return Attempt::Broken(Vec::new(), summary);
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
            return Attempt::Broken(d.into_sorted(), summary);
        }
        // Bodies of changed files are stale; all of them when links may resolve differently.
        if let Ok(mut c) = bodies.lock() {
            if *cache_key != Some(model.key) {
                c.bodies.clear();
            } else {
                for rel in changed {
                    c.bodies.remove(rel);
                }
            }
        }
        *cache_key = Some(model.key);
        let s = Instant::now();
        let mut summary = summary;
        let ctx = pipeline::prepare_from(site, &model.sources, opts, Some(bodies), &mut d);
        summary.timings.prepare = s.elapsed();
        let ctx = match ctx {
            Some(c) if !d.has_errors() => c,
            _ => return Attempt::Broken(d.into_sorted(), summary),
        };
        let pass = Pass {
            ctx,
            state,
            started,
            d,
            held,
            summary,
        };
        Attempt::Done(pass.run(mode, model.key, plan, track, cancel))
    }
}

/// How many content files may be set back at once before `serve` gives up and keeps the last
/// good outputs as a whole.
const SET_BACK_MAX: usize = 64;

/// How many times a rebuild sets files back before it gives up (a file set back is left out the
/// second time, so each round settles at least one file).
const SET_BACK_ROUNDS: usize = 8;

/// What one try at rendering the model gave.
enum Attempt {
    /// Published (or failed past the point where anything could be set back).
    Done(Summary),
    /// Errors before anything was published, with the summary so far.
    Broken(Vec<Diagnostic>, Summary),
}

/// The rendering of one rebuild, once the model is up to date and its context prepared.
struct Pass<'a, 's> {
    ctx: Ctx<'a>,
    state: &'s State,
    started: Instant,
    d: Diagnostics,
    /// The errors of the content files set back, listed on top of the pages.
    held: Vec<Diagnostic>,
    summary: Summary,
}

/// How phase 2 ended.
enum Phase2 {
    Done,
    Interrupted,
    Failed,
}

impl Pass<'_, '_> {
    /// Plans, renders and publishes phase 1 then phase 2 (see the module's documentation).
    /// `key` is the model's [`model::structure_key`], `plan` the jobs kept from the last
    /// rebuild.
    fn run(
        mut self,
        mode: Mode,
        key: u64,
        plan: &mut Option<Plan>,
        track: &mut Track,
        cancel: &AtomicBool,
    ) -> Summary {
        let s = Instant::now();
        // After a front-matter edit that leaves the items and their order as they were, the
        // edited item's pages are the same jobs as before: phase 1 uses the plan it has, and
        // the job list (which can change: a new calendar month, one more topic page) is made
        // again after phase 1 is published, for phase 2.
        let deferred = mode == Mode::Content && plan.as_ref().is_some_and(|p| p.site_key == key);
        let p: &Plan = match plan.take() {
            Some(old) if mode == Mode::BodyOnly || deferred => plan.insert(old),
            _ => match self.plan(key) {
                Some(new) => plan.insert(new),
                None => return self.fail(track),
            },
        };
        if !deferred {
            p.warnings.iter().for_each(|w| self.d.push(w.clone()));
        }
        let (first, rest) = plan::phases(self.ctx.site, p, track, &self.state.viewed());
        self.summary.timings.plan = s.elapsed();
        if !self.phase_one(p, &first, rest.is_empty(), track) {
            return self.fail(track);
        }
        // The job list after a front-matter edit: when it changed, phase 2 renders every job
        // of the new one that phase 1 did not.
        let mut replanned = None;
        let rest = if deferred {
            let s = Instant::now();
            let Some(new) = self.plan(key) else {
                return self.fail(track);
            };
            new.warnings.iter().for_each(|w| self.d.push(w.clone()));
            let rest = if new.jobs == p.jobs {
                rest
            } else {
                let done: HashSet<&JobKey> = first.iter().map(|&i| &p.keys[i]).collect();
                let new = replanned.insert(new);
                (0..new.jobs.len())
                    .filter(|&i| !done.contains(&new.keys[i]))
                    .collect()
            };
            self.summary.timings.plan += s.elapsed();
            rest
        } else {
            rest
        };
        let p = replanned.as_ref().unwrap_or(p);
        let phase2 = self.phase_two(p, &rest, first.is_empty(), track, cancel);
        if let Some(new) = replanned {
            *plan = Some(new);
        }
        match phase2 {
            Phase2::Failed => self.fail(track),
            Phase2::Interrupted => {
                self.summary.interrupted = true;
                self.done(track)
            }
            Phase2::Done => {
                // Everything is up to date.
                track.rendered_key = Some(key);
                track.rendered_relations = self
                    .ctx
                    .site
                    .notices
                    .iter()
                    .map(|n| (n.slug.clone(), n.related_courses.clone()))
                    .collect();
                track.dirty.clear();
                track.dirty_assets.clear();
                track.stale_all = false;
                self.done(track)
            }
        }
    }

    /// The jobs of the site, checked; `None` (the errors in `d`) when the check fails.
    fn plan(&mut self, key: u64) -> Option<Plan> {
        match Plan::make(&self.ctx, key) {
            Ok(p) => Some(p),
            Err(errors) => {
                errors.into_iter().for_each(|e| self.d.push(e));
                None
            }
        }
    }

    /// Renders the jobs `first` of `p` and publishes them (with the outputs of jobs that no
    /// longer exist removed when nothing is left for phase 2: `last`). False on errors.
    fn phase_one(&mut self, p: &Plan, first: &[usize], last: bool, track: &mut Track) -> bool {
        let s = Instant::now();
        let out = track::render_jobs(&self.ctx, p, first, None).unwrap_or_default();
        let (ok, errors) = track::split(out, &mut self.d);
        self.summary.timings.first = s.elapsed();
        if errors {
            return false;
        }
        self.summary.first = ok.iter().map(|(_, o)| o.len()).sum();
        if !first.is_empty() || last {
            let s = Instant::now();
            track.merge(ok, last.then_some(&p.index));
            track.publish(self.state, &self.held);
            self.summary.timings.publish = s.elapsed();
            self.summary.first_ready = self.started.elapsed();
        }
        true
    }

    /// Renders the jobs `rest` of `p` unless `cancel` is set meanwhile, and publishes them.
    /// `first_empty`: phase 1 published nothing.
    fn phase_two(
        &mut self,
        p: &Plan,
        rest: &[usize],
        first_empty: bool,
        track: &mut Track,
        cancel: &AtomicBool,
    ) -> Phase2 {
        if rest.is_empty() {
            return Phase2::Done;
        }
        let s = Instant::now();
        let out = track::render_jobs(&self.ctx, p, rest, Some(cancel));
        self.summary.timings.rest = s.elapsed();
        let Some(out) = out else {
            return Phase2::Interrupted;
        };
        let (ok, errors) = track::split(out, &mut self.d);
        if errors {
            return Phase2::Failed;
        }
        self.summary.rest = ok.iter().map(|(_, o)| o.len()).sum();
        let s = Instant::now();
        track.merge(ok, Some(&p.index));
        track.publish(self.state, &self.held);
        self.summary.timings.publish += s.elapsed();
        if first_empty {
            self.summary.first_ready = self.started.elapsed();
        }
        Phase2::Done
    }

    /// The summary of a rebuild that published its outputs.
    fn done(self, track: &Track) -> Summary {
        let mut diagnostics = self.held;
        diagnostics.extend(self.d.into_sorted());
        Summary {
            ok: true,
            diagnostics,
            files: track.files.len(),
            ..self.summary
        }
    }

    /// Publishes a failed rebuild (the last good outputs stay).
    fn fail(self, track: &mut Track) -> Summary {
        let mut diagnostics = self.held;
        diagnostics.extend(self.d.into_sorted());
        // (The context's memory goes before the error page is made.)
        drop(self.ctx);
        track.fail(self.state, diagnostics, self.summary)
    }
}
