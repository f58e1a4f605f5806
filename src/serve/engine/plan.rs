//! The jobs of a build as `serve` keeps them: each with its identity across rebuilds and the item
//! it belongs to, and which of them a change sends to phase 1 and phase 2.

use super::track::Track;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::calendar::IcsJob;
use crate::render::{self, Ctx, Job};
use std::collections::{HashMap, HashSet};

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
pub(super) enum Owner {
    Course(usize),
    Notice(usize),
    Page(usize),
    Asset(usize),
    Shared,
}

pub(super) fn describe(job: &Job, site: &Site) -> (JobKey, Owner) {
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

/// Every job of a build with its identity and owner; unchanged while only bodies change, and
/// kept after a front-matter edit that leaves the jobs and the items' order as they were.
pub(super) struct Plan {
    /// [`structure_key`] of the site it was made for: jobs name items by index, keys by slug.
    pub(super) site_key: u64,
    pub(super) jobs: Vec<Job>,
    pub(super) keys: Vec<JobKey>,
    pub(super) index: HashMap<JobKey, usize>,
    pub(super) by_owner: HashMap<Owner, Vec<usize>>,
    pub(super) shared: Vec<usize>,
    /// The warnings of planning (files of `content/` that are not published), reported by
    /// every rebuild that uses the plan.
    pub(super) warnings: Vec<Diagnostic>,
}

impl Plan {
    /// The jobs of `ctx`'s site, after the check that every output has one source: `Err` with
    /// the diagnostics when it fails.
    pub(super) fn make(ctx: &Ctx<'_>, site_key: u64) -> Result<Plan, Vec<Diagnostic>> {
        let mut d = Diagnostics::new();
        let jobs = render::jobs(ctx, &mut d);
        if d.has_errors() {
            return Err(d.into_sorted());
        }
        let mut plan = Plan::new(jobs, ctx.site, site_key);
        plan.warnings = d.into_sorted();
        Ok(plan)
    }

    pub(super) fn new(jobs: Vec<Job>, site: &Site, site_key: u64) -> Plan {
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

/// The items whose files or attachments changed since the last complete render.
pub(super) fn changed_items(site: &Site, track: &Track) -> HashSet<Owner> {
    let dirty_files: HashSet<usize> = track
        .dirty
        .iter()
        .filter_map(|rel| {
            site.files
                .binary_search_by(|f| f.rel.as_str().cmp(rel))
                .ok()
        })
        .collect();
    let mut changed: HashSet<Owner> = HashSet::new();
    for (i, c) in site.courses.iter().enumerate() {
        if c.texts.values().any(|t| dirty_files.contains(&t.file)) {
            changed.insert(Owner::Course(i));
        }
    }
    for (i, n) in site.notices.iter().enumerate() {
        if n.texts.values().any(|t| dirty_files.contains(&t.file)) {
            changed.insert(Owner::Notice(i));
        }
    }
    for (i, pg) in site.pages.iter().enumerate() {
        if pg.texts.values().any(|t| dirty_files.contains(&t.file)) {
            changed.insert(Owner::Page(i));
        }
    }
    for (i, a) in site.assets.iter().enumerate() {
        if track.dirty_assets.contains(&a.rel) {
            changed.insert(Owner::Asset(i));
        }
    }
    changed
}

/// The items related to a changed one, whose pages show it: the notices that name a changed
/// course (now or at the last render), and the courses a changed notice names.
pub(super) fn related_items(
    site: &Site,
    track: &Track,
    changed: &HashSet<Owner>,
) -> HashSet<Owner> {
    let mut related: HashSet<Owner> = HashSet::new();
    let codes: HashSet<&str> = changed
        .iter()
        .filter_map(|o| match o {
            Owner::Course(i) => Some(site.courses[*i].code.as_str()),
            _ => None,
        })
        .collect();
    for (i, n) in site.notices.iter().enumerate() {
        let old = track.rendered_relations.get(&n.slug);
        // A notice may name a course by the code of one of its runs.
        let course_of = |code: &str| site.course_or_run(code).map(|(ci, _)| ci);
        let names = |code: &str| {
            let named = |c: &String| {
                c == code || course_of(c).is_some_and(|ci| site.courses[ci].code == code)
            };
            n.related_courses.iter().any(named) || old.is_some_and(|o| o.iter().any(named))
        };
        if codes.iter().any(|c| names(c)) {
            related.insert(Owner::Notice(i));
        }
        if changed.contains(&Owner::Notice(i)) {
            for code in n.related_courses.iter().chain(old.into_iter().flatten()) {
                if let Some(ci) = course_of(code) {
                    related.insert(Owner::Course(ci));
                }
            }
        }
    }
    related
}

/// The jobs of `p` for phase 1 (the changed items' pages and the pages open in a browser,
/// `viewed`) and for phase 2 (every other job when the change reaches the whole site, else the
/// shared outputs and the related items' pages), by index.
pub(super) fn phases(
    site: &Site,
    p: &Plan,
    track: &Track,
    viewed: &[String],
) -> (Vec<usize>, Vec<usize>) {
    let changed = changed_items(site, track);
    let global = track.stale_all
        || track.rendered_key != Some(p.site_key)
        || changed.iter().any(|o| matches!(o, Owner::Page(_)));
    let mut in_first = vec![false; p.jobs.len()];
    for o in &changed {
        for &i in p.by_owner.get(o).into_iter().flatten() {
            in_first[i] = true;
        }
    }
    for path in viewed {
        if let Some(&i) = track.owner.get(path).and_then(|k| p.index.get(k)) {
            in_first[i] = true;
        }
    }
    let first: Vec<usize> = (0..p.jobs.len()).filter(|&i| in_first[i]).collect();
    if global {
        let rest = (0..p.jobs.len()).filter(|&i| !in_first[i]).collect();
        return (first, rest);
    }
    let related = related_items(site, track, &changed);
    let mut rest: Vec<usize> = p
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
    rest.sort_unstable();
    rest.dedup();
    (first, rest)
}
