//! From files to the model: translations grouped by slug, facts merged (and checked to agree),
//! texts filled from siblings, ids resolved. Rules that need the merged item live in `validate`.

mod facts;
mod items;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Input, Kind, Parsed, SourceFile};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Options that change what is assembled.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub drafts: bool,
}

/// Builds the site model; problems go to `d`. Items with errors are left out.
pub fn assemble(input: Input, opts: Options, d: &mut Diagnostics) -> Site {
    let Input {
        config,
        files,
        assets,
        data,
        theme,
        ..
    } = input;
    let order: Vec<String> = std::iter::once(config.default_language.clone())
        .chain(
            config
                .languages
                .iter()
                .filter(|l| **l != config.default_language)
                .cloned(),
        )
        .collect();
    let rank = |lang: &str| order.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    // Group translations: (kind, slug, section_index) → file indexes, default language first.
    let mut groups: BTreeMap<(u8, String, bool), Vec<usize>> = BTreeMap::new();
    // Items with a file that could not be read or parsed (its errors are reported): the other
    // translations are not judged alone, which would report facts "missing" that the broken
    // file states.
    let mut broken = std::collections::BTreeSet::new();
    for (i, f) in files.iter().enumerate() {
        if is_draft(f) && !opts.drafts {
            continue;
        }
        let k = match f.meta.kind {
            Kind::Course => 0,
            Kind::Notice => 1,
            Kind::Page => 2,
        };
        let key = (
            if f.meta.section_index { 2 } else { k },
            f.meta.slug.clone(),
            f.meta.section_index,
        );
        let key = if f.meta.section_index {
            let section = match f.meta.kind {
                Kind::Course => "courses".to_string(),
                Kind::Notice => "notices".to_string(),
                Kind::Page => f.meta.slug.clone(),
            };
            (2, section, true)
        } else {
            key
        };
        if matches!(f.parsed, Parsed::Failed) {
            broken.insert(key);
            continue;
        }
        groups.entry(key).or_default().push(i);
    }
    groups.retain(|k, _| !broken.contains(k));
    let mut courses = Vec::new();
    let mut notices = Vec::new();
    let mut pages = Vec::new();
    let ctx = items::Ctx {
        files: &files,
        config: &config,
        data: &data,
    };
    // Each course, notice and page is assembled from its own files alone: in parallel, with
    // each one's diagnostics kept in the order of the groups (deterministic output).
    enum Item {
        Course(Option<Box<crate::model::Course>>),
        Notice(Option<crate::model::Notice>),
        Page(Option<crate::model::Page>),
    }
    let groups: Vec<_> = groups.into_iter().collect();
    let assembled: Vec<(Item, Diagnostics)> = groups
        .into_par_iter()
        .map(|((kind, slug, section_index), mut idx)| {
            let mut d = Diagnostics::new();
            idx.sort_by_key(|&i| rank(&files[i].meta.lang));
            // Two files of one language for the same slug (`x.md` and `x/index.md`).
            for w in idx.windows(2) {
                if files[w[0]].meta.lang == files[w[1]].meta.lang {
                    d.push(
                        Diagnostic::error(
                            "duplicate-file",
                            format!(
                                "{} and {} are the same page in the same language",
                                files[w[0]].meta.rel, files[w[1]].meta.rel
                            ),
                        )
                        .in_file(&files[w[1]].meta.rel)
                        .with_hint("keep one of the two files"),
                    );
                }
            }
            let item = match kind {
                0 => Item::Course(items::course(&ctx, &slug, &idx, &mut d).map(Box::new)),
                1 => Item::Notice(items::notice(&ctx, &slug, &idx, &mut d)),
                _ => Item::Page(items::page(&ctx, &slug, section_index, &idx, &mut d)),
            };
            (item, d)
        })
        .collect();
    for (item, diags) in assembled {
        d.extend(diags);
        match item {
            Item::Course(c) => courses.extend(c.map(|c| *c)),
            Item::Notice(n) => notices.extend(n),
            Item::Page(p) => pages.extend(p),
        }
    }
    crate::validate::site_rules(&files, &config, &courses, &notices, d);
    // Keys computed once per item: a start instant goes through the time zone's rules, which
    // a comparison sort would otherwise do 2·N·log N times (a tenth of a rebuild in `serve`).
    courses.sort_by_cached_key(|c| {
        let start = c.first_start().map(|w| w.start_instant(c.tz));
        (start.is_none(), start, c.code.clone())
    });
    notices.sort_by_cached_key(|n| {
        (
            std::cmp::Reverse(n.date.start_instant(config.timezone)),
            n.slug.clone(),
        )
    });
    pages.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
    let by_code = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    Site {
        config,
        files,
        courses,
        notices,
        pages,
        data,
        theme,
        assets,
        by_code,
    }
}

fn is_draft(f: &SourceFile) -> bool {
    match &f.parsed {
        Parsed::Course(c) => c.draft == Some(true),
        Parsed::Notice(n) => n.draft == Some(true),
        Parsed::Page(p) => p.draft == Some(true),
        Parsed::Failed => false,
    }
}
