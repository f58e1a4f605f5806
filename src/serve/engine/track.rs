//! What `serve` has rendered and published: the map of outputs, which job made each, and what
//! is out of date; rendering a list of jobs in parallel and publishing the result.

use super::plan::{JobKey, Plan};
use super::Summary;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, Ctx};
use crate::serve::overlay::Overlay;
use crate::serve::{read_outputs, Files, Outputs, Snapshot, State};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What has been rendered and published, and what is out of date.
pub(super) struct Track {
    /// Content files changed since the last complete render.
    pub(super) dirty: BTreeSet<String>,
    /// Content attachments changed since the last complete render.
    pub(super) dirty_assets: BTreeSet<String>,
    /// The last complete render is out of date as a whole (a full reload happened since).
    pub(super) stale_all: bool,
    /// [`structure_key`] of the last complete render.
    pub(super) rendered_key: Option<u64>,
    /// Notice slug → course codes it named, as of the last complete render.
    pub(super) rendered_relations: HashMap<String, Vec<String>>,
    /// The published outputs, and which job made each.
    pub(super) files: Arc<Files>,
    pub(super) by_job: HashMap<JobKey, Vec<String>>,
    pub(super) owner: HashMap<String, JobKey>,
    pub(super) generation: u64,
}

pub(super) type Rendered = Vec<(JobKey, Result<Outputs, Diagnostic>)>;

/// Renders jobs in parallel; stops starting new ones once `cancel` is set (`None` then).
pub(super) fn render_jobs(
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

impl Track {
    /// Publishes a failed build: the last good outputs stay, pages show the diagnostics on top.
    pub(super) fn fail(
        &mut self,
        state: &State,
        diagnostics: Vec<Diagnostic>,
        s: Summary,
    ) -> Summary {
        self.generation += 1;
        state.publish(Snapshot {
            files: Arc::clone(&self.files),
            overlay: Overlay::new(&diagnostics, true).map(Arc::new),
            generation: self.generation,
        });
        Summary {
            ok: false,
            diagnostics,
            files: self.files.len(),
            ..s
        }
    }

    /// Publishes the outputs, with the overlay listing `errors` (those of the content files
    /// set back to their last good version) when there are any.
    pub(super) fn publish(&mut self, state: &State, errors: &[Diagnostic]) {
        self.generation += 1;
        state.publish(Snapshot {
            files: Arc::clone(&self.files),
            overlay: Overlay::new(errors, false).map(Arc::new),
            generation: self.generation,
        });
    }

    /// Puts rendered outputs into the map (replacing what their jobs made before).
    pub(super) fn merge(
        &mut self,
        rendered: Vec<(JobKey, Outputs)>,
        keep: Option<&HashMap<JobKey, usize>>,
    ) {
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
pub(super) fn split(out: Rendered, d: &mut Diagnostics) -> (Vec<(JobKey, Outputs)>, bool) {
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
