//! The stages of a build, in order, shared by `build` and `check` (`lib.rs`) and by `serve`'s
//! rebuilds (`serve/engine.rs`), so that a rebuild cannot drift from a full build:
//! [`read`] the sources → [`assemble`] the model (with the warnings that depend on "now") →
//! [`bodies_and_templates`] (the Markdown bodies and the compiled templates) → [`prepare`] the
//! rendering context → [`render::jobs`] → [`render::render`] each job → [`next_change`] (when
//! the site changes by itself). `build` writes the outputs (`output`), `serve` keeps them in
//! memory and redoes only the stages a change reaches.

use crate::assemble::{self, Assembled, Previous};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Input, Sources};
use crate::model::Site;
use crate::render::{self, Bodies, BodyCache, Ctx};
use crate::{validate, Options};
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Reads the site's sources. `None` when `site.toml` itself is unusable.
pub fn read(opts: &Options, d: &mut Diagnostics) -> Option<Input> {
    load::load(&opts.root, opts.base_url.as_deref(), d)
}

/// Builds the model from what was read, reusing the items of `previous` whose files did not
/// change (`serve`), and adds the warnings that depend on "now".
pub fn assemble(
    input: Input,
    opts: &Options,
    previous: Option<Previous>,
    d: &mut Diagnostics,
) -> Assembled {
    let a = assemble::assemble_reusing(
        input,
        assemble::Options {
            drafts: opts.drafts,
        },
        previous,
        d,
    );
    validate::now_warnings(&a.site, opts.now, d);
    a
}

/// [`read`] and [`assemble`]: the model with the sources it was made from; `None` when the
/// site cannot be read at all.
pub fn load_site(opts: &Options, d: &mut Diagnostics) -> Option<(Site, Sources)> {
    if !opts.root.is_dir() {
        return None;
    }
    let input = read(opts, d)?;
    let a = assemble(input, opts, None, d);
    Some((a.site, a.sources))
}

/// What rendering needs besides the model: every published Markdown body rendered once, and the
/// templates compiled (none when the site keeps the default ones: [`render::templates_reusing`]).
/// Made from the sources, which can be let go of afterwards.
pub struct Made {
    bodies: Bodies,
    templates: Result<Option<tera::Tera>, Diagnostic>,
}

/// Renders the Markdown bodies and compiles the templates, side by side (compiling is one
/// thread's work, the bodies keep the others busy). `cache` holds what `serve` kept from the
/// last rebuild.
pub fn bodies_and_templates<F: Sync>(
    site: &Site,
    sources: &Sources<F>,
    cache: Option<&BodyCache>,
) -> Made {
    let (bodies, templates) = rayon::join(
        || render::render_bodies(site, sources, cache),
        || render::templates_reusing(site, cache),
    );
    Made { bodies, templates }
}

/// The rendering context of `site`; `None` when it cannot be made (the templates do not
/// compile: the error is in `d`).
pub fn prepare<'a>(
    site: &'a Site,
    made: Made,
    opts: &Options,
    d: &mut Diagnostics,
) -> Option<Ctx<'a>> {
    render::prepare(
        site,
        made.bodies,
        made.templates,
        opts.now,
        opts.render.clone(),
        d,
    )
}

/// [`bodies_and_templates`] and [`prepare`], for a caller that keeps the sources.
pub fn prepare_from<'a, F: Sync>(
    site: &'a Site,
    sources: &Sources<F>,
    opts: &Options,
    cache: Option<&BodyCache>,
    d: &mut Diagnostics,
) -> Option<Ctx<'a>> {
    let made = bodies_and_templates(site, sources, cache);
    prepare(site, made, opts, d)
}

/// Renders every job into memory (path → bytes); copied attachments are listed with no bytes.
pub fn render_in_memory(ctx: &Ctx<'_>, d: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let jobs = render::jobs(ctx, d);
    if d.has_errors() {
        return BTreeMap::new();
    }
    let results: Vec<Result<Vec<render::Output>, Diagnostic>> =
        jobs.par_iter().map(|j| render::render(ctx, j)).collect();
    let mut out = BTreeMap::new();
    for r in results {
        match r {
            Ok(outputs) => {
                for o in outputs {
                    let bytes = match o.content {
                        render::Content::Bytes(b) => b,
                        render::Content::Copy(_) => Vec::new(),
                    };
                    out.insert(o.path, bytes);
                }
            }
            Err(e) => d.push(e),
        }
    }
    out
}

/// When a course or notice of `site` next changes state after `now` (the pages then differ).
pub fn next_change(site: &Site, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    crate::state::next_change(
        &site.courses,
        &site.notices,
        site.config.timezone,
        site.config.soon_days,
        now,
    )
}
