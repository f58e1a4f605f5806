//! The browser editor for staff: `/admin/`, written by the build when site.toml enables it
//! (`[editor]`). It is Sveltia CMS (pinned; loaded from a CDN with its integrity hash), with a
//! configuration generated from the front matter's description (`crate::schema`) and the
//! site's data, and a script of ours (`assets/`) that reads and writes the TOML front matter
//! keeping everything the author did not change, previews entries in the site's style, and
//! enters dates with an optional time.

mod cms;
mod dates;
mod fields;
mod own;
mod page;
pub mod settings;

use crate::render::{Ctx, Output};
pub use own::OWN;
pub use settings::Settings;

/// The pinned Sveltia CMS release (see docs/editor.md for the choice); the browser test checks
/// that the hashes below are those of the npm package tests/browser/package-lock.json pins.
pub const CMS_VERSION: &str = "0.221.1";
pub const CMS_SCRIPT: &str = "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js";
pub const CMS_SCRIPT_SRI: &str =
    "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6";
/// Modules the CMS imports from the CDN when the editor's script uses its API (previews and
/// the date field need React DOM and Immutable), pinned by the CMS's release, with their
/// integrity in the page's import map.
pub const CMS_MODULES: &[(&str, &str)] = &[
    (
        "https://unpkg.com/@sveltia/cms@0.221.1/dist/chunks/react-dom.js",
        "sha384-ZjKLVVFyjXdxwhkfuvk+kJ87nw3c/CSWrKZ0ffdc/X0EyWQH0J378lom+r66URHy",
    ),
    (
        "https://unpkg.com/immutable@5.1.9/dist/immutable.es.js",
        "sha384-ibYUKr6i/E1e4p7cim9iKSrvWWJYtf2flSwvjeMhBJ26BByGmRONB6Ql0qq88uXE",
    ),
];

/// The widget the editor's script registers for dates (a date, with an optional time).
pub const WHEN_WIDGET: &str = "prospectus-when";

/// The editor's own scripts, served from `/admin/`; `smol-toml/` is the TOML parser (BSD-3,
/// copied unchanged from its npm package, which the browser test compares).
const ASSETS: &[(&str, &str)] = &[
    ("editor.js", include_str!("assets/editor.js")),
    ("toml-edit.js", include_str!("assets/toml-edit.js")),
    ("toml-text.js", include_str!("assets/toml-text.js")),
    ("toml-values.js", include_str!("assets/toml-values.js")),
    ("form.js", include_str!("assets/form.js")),
    ("facts.js", include_str!("assets/facts.js")),
    ("inherit.js", include_str!("assets/inherit.js")),
    ("previews.js", include_str!("assets/previews.js")),
    ("when.js", include_str!("assets/when.js")),
    ("dates.js", include_str!("assets/dates.js")),
    (
        "smol-toml/LICENSE",
        include_str!("assets/smol-toml/LICENSE"),
    ),
    (
        "smol-toml/date.js",
        include_str!("assets/smol-toml/date.js"),
    ),
    (
        "smol-toml/error.js",
        include_str!("assets/smol-toml/error.js"),
    ),
    (
        "smol-toml/extract.js",
        include_str!("assets/smol-toml/extract.js"),
    ),
    (
        "smol-toml/index.js",
        include_str!("assets/smol-toml/index.js"),
    ),
    (
        "smol-toml/parse.js",
        include_str!("assets/smol-toml/parse.js"),
    ),
    (
        "smol-toml/primitive.js",
        include_str!("assets/smol-toml/primitive.js"),
    ),
    (
        "smol-toml/stringify.js",
        include_str!("assets/smol-toml/stringify.js"),
    ),
    (
        "smol-toml/struct.js",
        include_str!("assets/smol-toml/struct.js"),
    ),
    (
        "smol-toml/util.js",
        include_str!("assets/smol-toml/util.js"),
    ),
];

/// Where the editor's files go in the output.
pub const DIR: &str = "admin";

/// The path of every file of `/admin/` in the output, one job each.
pub fn files() -> impl Iterator<Item = String> {
    ["index.html", "config.yml"]
        .into_iter()
        .chain(ASSETS.iter().map(|(name, _)| *name))
        .map(|name| format!("{DIR}/{name}"))
}

/// The file `path` of `/admin/` (one of [`files`]).
pub fn output(ctx: &Ctx<'_>, settings: &Settings, path: &str) -> Option<Output> {
    let name = path.strip_prefix(DIR)?.strip_prefix('/')?;
    let bytes: Vec<u8> = match name {
        "index.html" => page::index(ctx).into_bytes(),
        "config.yml" => {
            let site = ctx.site;
            let strings = ctx
                .strings
                .get(&site.config.default_language)
                .cloned()
                .unwrap_or_default();
            cms::config(site, settings, &fields::Choices::new(site, strings)).into_bytes()
        }
        _ => ASSETS
            .iter()
            .find(|(n, _)| *n == name)?
            .1
            .as_bytes()
            .to_vec(),
    };
    Some(Output::bytes(path, bytes))
}
