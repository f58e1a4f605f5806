//! The site's settings from `site.toml`, as rendering and the rules read them (read and checked
//! by the loader, `src/load/config.rs`).

use super::{Lang, Localized};
use chrono_tz::Tz;

/// `[catalogue] past`: where finished courses are listed. Their pages stay in every case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Past {
    /// On a page of their own per language (`/<lang>/courses/past/`), linked from the catalogue.
    #[default]
    Archive,
    /// In the catalogue, after the current and upcoming courses.
    List,
    /// Nowhere: not in the catalogue, the topic pages nor their filters and search.
    Hide,
}

impl Past {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "archive" => Past::Archive,
            "list" => Past::List,
            "hide" => Past::Hide,
            _ => return None,
        })
    }
}

/// Days ahead a course counts as starting soon when `[home] soon_days` is not given.
pub const DEFAULT_SOON_DAYS: u32 = 60;

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub title: Localized,
    /// Absolute, without a trailing slash (`https://example.org` or `https://example.org/sub`).
    pub base_url: String,
    pub default_language: Lang,
    /// In switcher order; the default language is among them.
    pub languages: Vec<Lang>,
    /// The order in which a text missing in a page's language is taken from another: the
    /// default language, then the others as `languages` lists them (see [`crate::model::pick`]).
    pub text_order: Vec<Lang>,
    pub timezone: Tz,
    pub theme: String,
    pub organisation_name: Localized,
    pub organisation_url: Option<String>,
    pub raw_html: bool,
    /// Catalogue and topic pages list at most this many courses per page (then paginate); the
    /// calendar is split into month pages above this many entries. Default 100.
    pub page_size: usize,
    /// Where the catalogue lists finished courses (`[catalogue] past`; default archive).
    pub past: Past,
    /// The home page lists under "Starting soon" the courses that start within this many days
    /// (`[home] soon_days`, 1 to 366; default [`DEFAULT_SOON_DAYS`]).
    pub soon_days: u32,
    /// Hidden files and folders of `static/` (and of the theme's) that are published, as paths
    /// inside `static/` (`[static] hidden`; default `.well-known`). See
    /// `publishes_hidden` in `src/load/config.rs`.
    pub static_hidden: Vec<String>,
    /// The browser editor (`/admin/`), when `[editor]` enables it.
    pub editor: Option<EditorSettings>,
    /// `[calendar]`: how subscribers refresh, and the deadline reminder.
    pub calendar: CalendarSettings,
    /// `description`: what the site offers, per language: the description of the pages that have
    /// no summary of their own (search engines and link previews show it).
    pub description: Option<Localized>,
    /// `[organisation]` `address`, `contact`, `privacy`, `accessibility`: the page footer.
    pub footer: Footer,
    /// `share_image`: the path of a static file (site's or theme's), the picture link previews
    /// show for pages without one of their own; with its span in site.toml when written there.
    pub share_image: (String, Option<std::ops::Range<usize>>),
}

/// The footer's parts besides the organisation's name (each per language).
#[derive(Clone, Debug, Default)]
pub struct Footer {
    pub address: Option<Localized>,
    /// The links, each an absolute http(s) or `mailto:` address or a page of the site (`/…`,
    /// without the base path).
    pub contact: Option<Localized>,
    pub privacy: Option<Localized>,
    pub accessibility: Option<Localized>,
}

/// The share image when site.toml names none: the default theme's (1200×630 PNG).
pub const DEFAULT_SHARE_IMAGE: &str = "assets/share.png";

/// Width and height of a PNG, JPEG, GIF or WebP picture (the formats link previews show).
pub fn share_image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    use imagesize::ImageType as T;
    let raster = matches!(
        imagesize::image_type(bytes).ok()?,
        T::Png | T::Jpeg | T::Gif | T::Webp
    );
    let s = imagesize::blob_size(bytes).ok()?;
    (raster && s.width > 0 && s.height > 0)
        .then(|| (u32::try_from(s.width).ok(), u32::try_from(s.height).ok()))
        .and_then(|(w, h)| Some((w?, h?)))
}

/// `[calendar]` in site.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarSettings {
    /// `refresh_hours`: how often a subscribed calendar should be fetched again
    /// (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`). Default 24.
    pub refresh_hours: u32,
    /// `deadline_reminder`: a reminder one day before each application deadline. Default on.
    pub deadline_reminder: bool,
}

impl Default for CalendarSettings {
    fn default() -> Self {
        CalendarSettings {
            refresh_hours: 24,
            deadline_reminder: true,
        }
    }
}

impl SiteConfig {
    /// Path part of the base URL (`/sub` or empty), prefixed to every root-relative link.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }
}

/// `[editor]` of site.toml, when it enables the browser editor (read by `editor::settings`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorSettings {
    /// One of `editor::settings::BACKENDS`.
    pub backend: String,
    /// `owner/name` (GitLab: `group/subgroup/name`).
    pub repo: String,
    pub branch: String,
    /// The forge's address for a self-hosted GitLab or Gitea/Forgejo, or GitHub's OAuth client.
    pub base_url: Option<String>,
    /// The forge's API address when it is not the usual one (GitHub Enterprise).
    pub api_root: Option<String>,
    /// The OAuth application id (GitLab, Gitea/Forgejo).
    pub app_id: Option<String>,
}
