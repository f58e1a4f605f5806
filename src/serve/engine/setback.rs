//! Content files set back while they have errors: `serve` builds the site with each such file
//! at its last good version (the text it had when the site last built with it), or without it
//! when it never built in this session (a new file, or one already broken when `serve`
//! started). The other files' pages stay up to date; the set-back files' errors are listed on
//! top of every page until the files are saved again.

use super::model::Reread;
use super::{Engine, Mode};
use crate::diag::Diagnostic;
use crate::load::{self, walk};
use crate::serve::watch::{Batch, ChangeKind};
use std::collections::BTreeMap;

/// What is remembered about content files between rebuilds.
#[derive(Default)]
pub(super) struct SetBack {
    /// The last good text of content files edited since they last built.
    pub(super) good: BTreeMap<String, String>,
    /// The files set back now, with the errors that made it so.
    pub(super) held: BTreeMap<String, Vec<Diagnostic>>,
    /// The last rebuild published a site (possibly with files set back).
    pub(super) last_ok: bool,
}

impl SetBack {
    /// The errors of the files set back, in order.
    pub(super) fn errors(&self) -> Vec<Diagnostic> {
        self.held.values().flatten().cloned().collect()
    }
}

impl Engine {
    /// Before a batch is read: remembers the text of each changed content file as its last good
    /// version, when the model holds a version of it that built.
    pub(super) fn remember_good(&mut self, batch: Option<&Batch>) {
        let (Some(batch), Some(model)) = (batch, self.model.as_ref()) else {
            return;
        };
        if !self.setback.last_ok {
            return;
        }
        for (p, kind) in &batch.changes {
            let rel = p.to_string_lossy().replace('\\', "/");
            if *kind != ChangeKind::Content || self.setback.held.contains_key(&rel) {
                continue;
            }
            let files = &model.sources.files;
            if let Ok(i) = files.binary_search_by(|f| f.meta.rel.as_str().cmp(&rel)) {
                self.setback.good.insert(rel, files[i].text.clone());
            }
        }
    }

    /// After the model is brought up to date: files read again (all of them after a full
    /// reload) are no longer set back; their cached bodies are of the set-back version.
    pub(super) fn release(&mut self, mode: Mode, changed: &[String]) {
        let released: Vec<String> = if mode == Mode::Full {
            std::mem::take(&mut self.setback.held).into_keys().collect()
        } else {
            changed
                .iter()
                .filter(|r| self.setback.held.remove(*r).is_some())
                .cloned()
                .collect()
        };
        self.forget_bodies(&released);
    }

    fn forget_bodies(&mut self, rels: &[String]) {
        if let Ok(mut c) = self.bodies.lock() {
            for rel in rels {
                c.bodies.remove(rel);
            }
        }
        self.track.dirty.extend(rels.iter().cloned());
    }

    /// The content files to blame for `errors`; `None` when an error is not about a content
    /// file (a template, `site.toml`, data): then nothing can be set back.
    pub(super) fn blame(errors: &[Diagnostic]) -> Option<BTreeMap<String, Vec<Diagnostic>>> {
        let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for e in errors.iter().filter(|e| e.is_error()) {
            let rel = e.file.as_deref()?;
            if !(rel.starts_with("content/") && walk::is_markdown(rel)) {
                return None;
            }
            by_file.entry(rel.to_string()).or_default().push(e.clone());
        }
        (!by_file.is_empty()).then_some(by_file)
    }

    /// Sets the files of `blamed` back to their last good version (or leaves them out), keeps
    /// their errors for the overlay, and assembles the site again.
    pub(super) fn set_back(&mut self, blamed: BTreeMap<String, Vec<Diagnostic>>) {
        let Some(model) = self.model.as_mut() else {
            return;
        };
        let mut reads = Vec::new();
        for rel in blamed.keys() {
            // Already set back and still failing (the site changed around it): left out.
            let good = if self.setback.held.contains_key(rel) {
                None
            } else {
                self.setback.good.get(rel)
            };
            let config = &model.site.config;
            let read = good
                .and_then(|text| {
                    let meta =
                        walk::classify(rel, &config.languages, &config.default_language).ok()?;
                    let file = load::ReadFile {
                        meta,
                        text: text.clone(),
                    };
                    Some(Reread::Read(
                        Box::new(load::parse_file(file).0),
                        Default::default(),
                    ))
                })
                .unwrap_or(Reread::Gone);
            reads.push((rel.clone(), read));
            model
                .load_diags
                .retain(|d| d.file.as_deref() != Some(rel.as_str()));
        }
        let rels: Vec<String> = blamed.keys().cloned().collect();
        for (rel, errors) in blamed {
            self.setback.held.entry(rel).or_default().extend(errors);
        }
        self.reassemble(reads);
        self.forget_bodies(&rels);
    }
}
