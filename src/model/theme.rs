//! The theme the site is rendered with: its templates, static files and UI strings, the
//! default theme's merged with the site's theme folder and overrides (by the loader, `src/load/theme.rs`).

use std::collections::BTreeMap;

/// A UI string and where it was defined (for warnings).
#[derive(Clone, Debug)]
pub struct UiString {
    pub text: String,
    pub file: String,
}

#[derive(Default, Debug)]
pub struct Theme {
    /// Template name (path below `templates/`) → source.
    pub templates: BTreeMap<String, String>,
    /// Output path → bytes, for the theme's and the site's static files.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Output path → the file it comes from (`static/logo.png`, `themes/x/static/…`, or
    /// `(built-in theme)/static/…`), for the errors that name it.
    pub static_origins: BTreeMap<String, String>,
    /// Language → key → string.
    pub i18n: BTreeMap<String, BTreeMap<String, UiString>>,
    /// The static files published under a name with a hash of their bytes (see
    /// [`FINGERPRINTED`]): path as written → path published.
    pub fingerprinted: BTreeMap<String, String>,
}

/// The theme's stylesheet and scripts, which every page references through the view
/// (`common.css`…): published as `assets/style.<hash>.css` and so on, so that a host may keep
/// them in caches for a year (a changed file gets a new name). Other static files keep
/// their names (a site's own templates may name them).
pub const FINGERPRINTED: [&str; 3] = ["assets/style.css", "assets/prospectus.js", "assets/find.js"];

impl Theme {
    /// The path a static file is published at (its fingerprinted name, or itself).
    pub fn published<'a>(&'a self, path: &'a str) -> &'a str {
        self.fingerprinted.get(path).map_or(path, String::as_str)
    }
}
