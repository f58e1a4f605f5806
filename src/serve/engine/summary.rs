//! What a rebuild did, for the terminal: the files it saw saved (named as authors know them), the
//! files it set back, and the developer's detail (stage times, outputs).

use super::Engine;
use crate::diag::Diagnostic;
use crate::model::Kind;
use std::time::Duration;

/// How long each stage of a rebuild took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading (and assembling) the sources, or patching the model.
    pub load: Duration,
    /// Compiling templates and rendering Markdown (cached bodies are reused).
    pub prepare: Duration,
    /// Listing the jobs and choosing the phase of each.
    pub plan: Duration,
    /// Phase 1: the changed and viewed pages.
    pub first: Duration,
    /// Putting outputs in the map and handing it to the server (both phases).
    pub publish: Duration,
    /// Phase 2: everything else affected.
    pub rest: Duration,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "load {} ms, prepare {} ms, plan {} ms, render {} + {} ms, publish {} ms",
            self.load.as_millis(),
            self.prepare.as_millis(),
            self.plan.as_millis(),
            self.first.as_millis(),
            self.rest.as_millis(),
            self.publish.as_millis()
        )
    }
}

/// How the model was brought up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything read and assembled again.
    Full,
    /// Changed content files re-read, the site assembled again.
    Content,
    /// Only bodies changed: the model was patched.
    BodyOnly,
}

/// What a rebuild did, for the terminal.
#[derive(Debug)]
pub struct Summary {
    pub ok: bool,
    pub mode: Mode,
    pub diagnostics: Vec<Diagnostic>,
    /// Outputs rendered in phase 1 and phase 2.
    pub first: usize,
    pub rest: usize,
    /// Time from the start of the rebuild to phase 1's publication.
    pub first_ready: Duration,
    /// Phase 2 stopped because newer changes arrived.
    pub interrupted: bool,
    pub files: usize,
    pub timings: Timings,
    /// The content files the batch changed.
    pub saved: Vec<Item>,
    /// The content files set back to their last good version (or left out) for their errors.
    pub held: Vec<Item>,
}

/// A content file as the terminal names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub rel: String,
    /// What it is: `course gender-audit (en)`, or its path when the site has no such item.
    pub what: String,
    /// Not in the site as built (deleted, or left out for its errors with no good version).
    pub absent: bool,
}

impl Summary {
    pub(crate) fn new(mode: Mode) -> Summary {
        Summary {
            ok: false,
            mode,
            diagnostics: Vec::new(),
            first: 0,
            rest: 0,
            first_ready: Duration::ZERO,
            interrupted: false,
            files: 0,
            timings: Timings::default(),
            saved: Vec::new(),
            held: Vec::new(),
        }
    }
}

impl Engine {
    /// What a content file is, for the terminal: `course gender-audit (en)`.
    pub(super) fn describe(&self, rel: &str) -> Item {
        let files = self
            .model
            .as_ref()
            .map(|m| &m.site.files[..])
            .unwrap_or(&[]);
        let Ok(i) = files.binary_search_by(|f| f.rel.as_str().cmp(rel)) else {
            return Item {
                rel: rel.to_string(),
                what: rel.to_string(),
                absent: true,
            };
        };
        let f = &files[i];
        let kind = match f.kind {
            Kind::Course => "course",
            Kind::Notice => "notice",
            Kind::Page if f.section_index || f.slug.is_empty() => "list page",
            Kind::Page => "page",
        };
        let name = if f.slug.is_empty() { rel } else { &f.slug };
        Item {
            rel: rel.to_string(),
            what: format!("{kind} {name} ({})", f.lang),
            absent: false,
        }
    }
}
