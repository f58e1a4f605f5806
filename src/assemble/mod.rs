//! From files to the model: translations grouped by slug, facts merged (and checked to agree),
//! texts filled from siblings, ids resolved. The rules an item must meet are in `validate`,
//! called from here per item; the rules across items run on the result (`validate::site`).

mod application;
mod borrowed;
mod facts;
mod fee;
mod items;
mod runs;
mod sessions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Input, Parsed, SourceFile, Sources};
use crate::model::Kind;
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Options that change what is assembled.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub drafts: bool,
}

/// A group of translations of one item: (kind: 0 course, 1 notice, 2 page; slug, or the
/// section of a section index; is a section index).
pub type GroupKey = (u8, String, bool);

/// The group a content file belongs to (from its path alone).
fn group_key(f: &SourceFile) -> GroupKey {
    if f.meta.section_index {
        let section = match f.meta.kind {
            Kind::Course => "courses".to_string(),
            Kind::Notice => "notices".to_string(),
            Kind::Page => f.meta.slug.clone(),
        };
        return (2, section, true);
    }
    let kind = match f.meta.kind {
        Kind::Course => 0,
        Kind::Notice => 1,
        Kind::Page => 2,
    };
    (kind, f.meta.slug.clone(), false)
}

/// What an earlier assembly of the same files left, so that a rebuild after some files changed
/// in place assembles only their items (`serve`: a thousandth of the work after one edit).
pub struct Previous {
    pub courses: Vec<crate::model::Course>,
    pub notices: Vec<crate::model::Notice>,
    pub pages: Vec<crate::model::Page>,
    /// What assembling each group reported then.
    pub reports: HashMap<GroupKey, Vec<Diagnostic>>,
    /// Indexes of the files that changed. Every other file is the one assembled before, at the
    /// same index (no file was added or removed).
    pub changed: Vec<usize>,
}

/// A site with the sources it was assembled from (by file index, as [`Site::files`]) and what
/// assembling each of its groups reported (for [`Previous`]).
pub struct Assembled {
    pub site: Site,
    pub sources: Sources,
    pub reports: HashMap<GroupKey, Vec<Diagnostic>>,
}

/// Builds the site model, and hands back the sources it read; problems go to `d`. Items with
/// errors are left out.
pub fn assemble(input: Input, opts: Options, d: &mut Diagnostics) -> (Site, Sources) {
    let a = assemble_reusing(input, opts, None, d);
    (a.site, a.sources)
}

/// [`assemble`], reusing the items of `previous` whose files did not change. The result is the
/// same as assembling from scratch: an item is made from its own files, the configuration and
/// the data files alone, and the whole-site rules and sort orders run again in full.
pub fn assemble_reusing(
    input: Input,
    opts: Options,
    previous: Option<Previous>,
    d: &mut Diagnostics,
) -> Assembled {
    let Input {
        config,
        files,
        assets,
        data,
        theme,
        ..
    } = input;
    let groups = group(&files, opts);
    let mut reused = previous.map_or_else(HashMap::new, |p| reusable(p, &files));
    let ctx = crate::validate::ItemCtx {
        files: &files,
        config: &config,
        data: &data,
        drafts: opts.drafts,
    };
    // Each course, notice and page is assembled from its own files alone: in parallel, with
    // each one's diagnostics kept in the order of the groups (deterministic output).
    let groups: Vec<(GroupKey, Vec<usize>, Option<Reused>)> = groups
        .into_iter()
        .map(|(key, idx)| {
            let old = reused.remove(&key);
            (key, idx, old)
        })
        .collect();
    let assembled: Vec<(GroupKey, Item, Vec<Diagnostic>)> = groups
        .into_par_iter()
        .map(|(key, idx, old)| match old {
            Some((item, diags)) => (key, item, diags),
            None => assemble_group(&ctx, key, idx),
        })
        .collect();
    let (mut courses, mut notices, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    let mut reports = HashMap::with_capacity(assembled.len());
    for (key, item, diags) in assembled {
        for x in &diags {
            d.push(x.clone());
        }
        if !diags.is_empty() {
            reports.insert(key, diags);
        }
        match item {
            Item::Course(c) => courses.extend(c.map(|c| *c)),
            Item::Notice(n) => notices.extend(n),
            Item::Page(p) => pages.extend(p),
        }
    }
    crate::validate::site_rules(&files, &config, &courses, &notices, d);
    sort(&mut courses, &mut notices, &mut pages, config.timezone);
    let by_code = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    let site = Site {
        config,
        files: files.iter().map(|f| f.meta.clone()).collect(),
        courses,
        notices,
        pages,
        data,
        theme,
        assets,
        by_code,
    };
    Assembled {
        site,
        sources: Sources { files },
        reports,
    }
}

/// Whether a file's text is left out of the site (a draft, without `--drafts`).
fn unpublished(files: &[SourceFile], opts: Options, i: usize) -> bool {
    !opts.drafts && files[i].is_draft()
}

/// The translations of each item: group → file indexes. Items with a file that could not be
/// read or parsed are left out, and so are those with nothing published.
fn group(files: &[SourceFile], opts: Options) -> BTreeMap<GroupKey, Vec<usize>> {
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    // Items with a file that could not be read or parsed (its errors are reported): the other
    // translations are not judged alone, which would report facts "missing" that the broken
    // file states.
    let mut broken = std::collections::BTreeSet::new();
    for (i, f) in files.iter().enumerate() {
        let key = group_key(f);
        if matches!(f.parsed, Parsed::Failed) {
            broken.insert(key);
            continue;
        }
        groups.entry(key).or_default().push(i);
    }
    // A draft translation is in its group: the facts it states belong to the item (and must
    // agree with the other translations), but nothing of it is published. An item whose every
    // file is a draft is left out (`--drafts` publishes drafts too).
    groups
        .retain(|k, idx| !broken.contains(k) && idx.iter().any(|&i| !unpublished(files, opts, i)));
    groups
}

/// The items of `prev` that can be reused: those of groups none of whose files changed (a file
/// turned draft or broken is in `changed`, so its group is assembled again too).
fn reusable(prev: Previous, files: &[SourceFile]) -> HashMap<GroupKey, Reused> {
    let mut reused: HashMap<GroupKey, Reused> = HashMap::new();
    let dirty: HashSet<GroupKey> = prev
        .changed
        .iter()
        .filter_map(|&i| files.get(i).map(group_key))
        .collect();
    let key_of = |file: Option<usize>| file.and_then(|i| files.get(i)).map(group_key);
    let mut reports = prev.reports;
    let mut keep = |key: Option<GroupKey>, item: Item| {
        if let Some(key) = key.filter(|k| !dirty.contains(k)) {
            let diags = reports.remove(&key).unwrap_or_default();
            reused.insert(key, (item, diags));
        }
    };
    for c in prev.courses {
        let key = key_of(c.texts.values().next().map(|t| t.file));
        keep(key, Item::Course(Some(Box::new(c))));
    }
    for n in prev.notices {
        let key = key_of(n.texts.values().next().map(|t| t.file));
        keep(key, Item::Notice(Some(n)));
    }
    for p in prev.pages {
        let key = key_of(p.texts.values().next().map(|t| t.file));
        keep(key, Item::Page(Some(p)));
    }
    // Groups that made no item (their errors are in their report).
    for (key, diags) in reports {
        if !dirty.contains(&key) {
            let none = match key.0 {
                0 => Item::Course(None),
                1 => Item::Notice(None),
                _ => Item::Page(None),
            };
            reused.insert(key, (none, diags));
        }
    }
    reused
}

/// Assembles the item of one group from its files `idx`, with what it reported.
fn assemble_group(
    ctx: &crate::validate::ItemCtx<'_>,
    key: GroupKey,
    mut idx: Vec<usize>,
) -> (GroupKey, Item, Vec<Diagnostic>) {
    let files = ctx.files;
    let opts = Options { drafts: ctx.drafts };
    let order = &ctx.config.text_order;
    let rank = |lang: &str| order.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    let (kind, slug, section_index) = &key;
    let mut d = Diagnostics::new();
    // Published files first, each part in language order.
    idx.sort_by_key(|&i| (unpublished(files, opts, i), rank(&files[i].meta.lang)));
    let published = idx
        .iter()
        .take_while(|&&i| !unpublished(files, opts, i))
        .count();
    // Two files of one language for the same slug (`x.md` and `x/index.md`).
    crate::validate::item::one_file_per_language(files, &idx[..published], &mut d);
    let item = match kind {
        0 => Item::Course(items::course(ctx, slug, &idx, &mut d).map(Box::new)),
        1 => Item::Notice(items::notice(ctx, slug, &idx, &mut d)),
        _ => Item::Page(items::page(ctx, slug, *section_index, &idx, &mut d)),
    };
    let diags = d.items().to_vec();
    (key, item, diags)
}

/// The site's orders: courses by first session start (self-paced last), then code; notices
/// newest first; pages by weight, then path.
fn sort(
    courses: &mut [crate::model::Course],
    notices: &mut [crate::model::Notice],
    pages: &mut [crate::model::Page],
    tz: chrono_tz::Tz,
) {
    // Keys computed once per item: a start instant goes through the time zone's rules, which
    // a comparison sort would otherwise do 2·N·log N times (a tenth of a rebuild in `serve`).
    courses.sort_by_cached_key(|c| {
        let start = c.first_start().map(|w| w.start_instant(c.tz));
        (start.is_none(), start, c.code.clone())
    });
    notices.sort_by_cached_key(|n| (std::cmp::Reverse(n.date.start_instant(tz)), n.slug.clone()));
    pages.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
}

/// An item of an earlier assembly with what assembling it reported.
type Reused = (Item, Vec<Diagnostic>);

/// One assembled group (`None`: it had errors).
enum Item {
    Course(Option<Box<crate::model::Course>>),
    Notice(Option<crate::model::Notice>),
    Page(Option<crate::model::Page>),
}
