//! Rendering: from the model to output files as bytes. Nothing here reads or writes files or
//! reads the clock: "now" and everything loaded come in, [`Output`]s go out.
//!
//! The rooms, each using only those listed before it:
//! * foundations, which know no page: [`escape`] (the one HTML/XML escaper), [`urls`] (the URL
//!   scheme), [`ics`] (the iCalendar format), [`compiled`] and [`templates`] (the templates,
//!   compiled to Rust or run by Tera), [`view`] (the data templates read);
//! * [`ctx`]: the context every page reads, prepared once per build, with [`bodies`] (the
//!   Markdown bodies, rendered once);
//! * [`kit`]: what many pages share: the common head data, the pager, breadcrumbs, dates and
//!   amounts in words, rendering a template;
//! * parts shown by several page families: [`cards`] (a course or notice in a list),
//!   [`application`] (a course's application block), [`jsonld`] (structured data);
//! * the output families, each using the ones before it: [`feeds`] (sitemap, robots.txt,
//!   redirects), [`atom`] (the notices' and courses' feeds), [`filters`] (the data of the catalogue's filters and of the search, with [`facets`], the values they choose among),
//!   [`calendar`] (the `.ics` files and the calendar pages), [`pages`] (one function per kind of
//!   HTML page);
//! * [`revisions`]: what changed since the previous build, read by the calendars, feeds and
//!   sitemap, prepared once with the context;
//! * [`dispatch`] (the jobs, each handed to its family), [`plan`] (every job of a build) and
//!   [`registry`] (one source per output file).

pub mod application;
pub mod atom;
pub mod bodies;
pub mod calendar;
pub mod cards;
pub mod compiled;
pub mod ctx;
pub mod dispatch;
pub mod escape;
pub mod facets;
pub mod feeds;
pub mod filters;
pub mod ics;
pub mod jsonld;
pub mod kit;
pub mod leads;
pub mod pages;
pub mod plan;
pub mod registry;
pub mod revisions;
pub mod templates;
pub mod urls;
pub mod view;

use crate::markdown;
use crate::model::Lang;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

pub use bodies::{render_bodies, Bodies};
pub use ctx::{prepare, templates_reusing, CourseCache, Ctx, Lctx};
pub use dispatch::{render, Job};
pub use plan::jobs;

/// What goes into one output file.
#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied as is (attachments), read by the output stage.
    Copy(PathBuf),
}

#[derive(Debug)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub content: Content,
}

impl Output {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Output {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
        }
    }
}

/// Options from the command line that change rendering.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Path of the live-reload endpoint injected by `serve`.
    pub live_reload: Option<String>,
    /// The revisions the previous build left in the output (`load::previous_revisions`);
    /// empty when there is none.
    pub previous: std::sync::Arc<crate::model::Revisions>,
}

/// Work of earlier builds that preparing reuses, kept by `serve` between rebuilds (and given
/// beside the [`RenderOptions`], never in them).
#[derive(Debug, Default)]
pub struct PrepareCache {
    /// Rendered Markdown bodies: content file path → language → result. `serve` drops the
    /// entries of changed files, and all of them when the set of pages changes (links).
    pub bodies: HashMap<String, BTreeMap<Lang, std::sync::Arc<markdown::Rendered>>>,
    /// The compiled templates with the sources they were compiled from.
    pub tera: Option<(BTreeMap<String, String>, tera::Tera)>,
}

pub type BodyCache = std::sync::Arc<std::sync::Mutex<PrepareCache>>;
