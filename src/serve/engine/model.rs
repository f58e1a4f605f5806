//! The model `serve` keeps between rebuilds, and how a batch of changes brings it up to date:
//! bodies patched in place, changed files re-read and the site assembled again, or a full reload.

use super::{Engine, Mode};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, walk, Input, Parsed, Sources};
use crate::model::Site;
use crate::pipeline;
use crate::serve::watch::{Batch, ChangeKind};
use chrono::Utc;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Everything about the site that the pages of unchanged items may show: which files, items and
/// languages exist (links between content files resolve through them), course codes (notices
/// link to courses) and the pages with their titles (navigation).
pub(super) fn structure_key(site: &Site, sources: &Sources) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &sources.files {
        (
            &f.meta.rel,
            f.meta.kind as u8,
            &f.meta.slug,
            &f.meta.lang,
            f.meta.section_index,
            matches!(f.parsed, Parsed::Failed),
        )
            .hash(&mut h);
    }
    for c in &site.courses {
        (&c.slug, &c.code, c.texts.keys().collect::<Vec<_>>()).hash(&mut h);
    }
    for n in &site.notices {
        (&n.slug, n.texts.keys().collect::<Vec<_>>()).hash(&mut h);
    }
    for p in &site.pages {
        (&p.path, p.is_section_index, p.menu, p.weight).hash(&mut h);
        for (l, t) in &p.texts {
            (l, &t.title).hash(&mut h);
        }
    }
    for a in &site.assets {
        a.rel.hash(&mut h);
    }
    h.finish()
}

/// The model and what loading it reported.
pub(super) struct Model {
    pub(super) site: Site,
    /// The content files it was assembled from, kept for the next rebuild.
    pub(super) sources: Sources,
    /// Diagnostics of loading: per-file ones are replaced when their file is re-read.
    pub(super) load_diags: Vec<Diagnostic>,
    /// Diagnostics of assembling and validating the whole site.
    pub(super) asm_diags: Vec<Diagnostic>,
    /// What assembling each item reported (part of `asm_diags`), for reassembling in place.
    pub(super) reports: HashMap<crate::assemble::GroupKey, Vec<Diagnostic>>,
    /// Its [`structure_key`].
    pub(super) key: u64,
}

/// One content file read again.
pub(super) enum Reread {
    /// Read and parsed, with what parsing reported.
    Read(Box<load::SourceFile>, Diagnostics),
    /// Refused as the loader refuses it (bad name, not UTF-8, too large…).
    Refused(Diagnostic),
    /// It is gone.
    Gone,
    /// A symbolic link or not a regular file: only the full walk handles it.
    NeedsWalk,
}

/// Reads one content file as the loader does.
pub(super) fn read_content(root: &Path, rel: &str, site: &Site) -> Reread {
    let path = root.join(rel);
    match std::fs::symlink_metadata(&path) {
        Err(_) => Reread::Gone,
        Ok(m) if m.file_type().is_symlink() || !m.is_file() => Reread::NeedsWalk,
        Ok(_) => {
            let langs = &site.config.languages;
            let default = &site.config.default_language;
            match walk::classify(rel, langs, default)
                .and_then(|c| walk::read_text(&path, rel).map(|text| load::ReadFile::new(c, text)))
            {
                Ok(file) => {
                    let (f, d) = load::parse_file(file);
                    Reread::Read(Box::new(f), d)
                }
                Err(e) => Reread::Refused(e),
            }
        }
    }
}

impl Engine {
    /// Patches bodies in place when no changed file's front matter changed; false (model
    /// untouched) otherwise.
    pub(super) fn patch_bodies(&mut self, rels: &[String]) -> bool {
        let Some(model) = self.model.as_mut() else {
            return false;
        };
        let (site, sources) = (&mut model.site, &mut model.sources);
        let mut fresh = Vec::new();
        for rel in rels {
            let Ok(i) = site.files.binary_search_by(|f| f.rel.as_str().cmp(rel)) else {
                return false;
            };
            let Reread::Read(new, _) = read_content(&self.opts.root, rel, site) else {
                return false;
            };
            let old = &sources.files[i];
            let same_front = matches!(
                (&old.parsed, &new.parsed),
                (Parsed::Course(_), Parsed::Course(_))
                    | (Parsed::Notice(_), Parsed::Notice(_))
                    | (Parsed::Page(_), Parsed::Page(_))
            ) && old.toml_start == new.toml_start
                && old.body_start == new.body_start
                && old.text.get(..old.body_start) == new.text.get(..new.body_start);
            if !same_front {
                return false;
            }
            fresh.push((i, new));
        }
        for (i, new) in fresh {
            // A text's body is read from its file (`SourceFile::body`); only the offset is kept.
            let offset = new.body_start;
            let offsets = site
                .courses
                .iter_mut()
                .flat_map(|c| c.texts.values_mut().map(|t| (t.file, &mut t.body_offset)))
                .chain(
                    site.notices
                        .iter_mut()
                        .flat_map(|n| n.texts.values_mut().map(|t| (t.file, &mut t.body_offset))),
                )
                .chain(
                    site.pages
                        .iter_mut()
                        .flat_map(|p| p.texts.values_mut().map(|t| (t.file, &mut t.body_offset))),
                );
            for (file, off) in offsets {
                if file == i {
                    *off = offset;
                }
            }
            // The text's fingerprint (the build's revisions) follows the text.
            site.files[i].hash = new.meta.hash;
            sources.files[i] = *new;
        }
        true
    }

    /// Re-reads the changed content files, keeps the others, and assembles the site again.
    /// False (model untouched) when a change needs the full walk (a symbolic link, a folder).
    pub(super) fn reload_content(&mut self, rels: &[String]) -> bool {
        let Some(model) = self.model.as_ref() else {
            return false;
        };
        let mut reads = Vec::new();
        for rel in rels {
            match read_content(&self.opts.root, rel, &model.site) {
                Reread::NeedsWalk => return false,
                r => reads.push((rel.clone(), r)),
            }
        }
        self.reassemble(reads);
        true
    }

    /// Puts the files of `reads` in the model in place of (or beside) what it had, and
    /// assembles the site again, reusing the unchanged items when no file came or went.
    pub(super) fn reassemble(&mut self, reads: Vec<(String, Reread)>) {
        let Some(model) = self.model.take() else {
            return;
        };
        let Model {
            site,
            sources,
            mut load_diags,
            reports,
            ..
        } = model;
        let mut files = sources.files;
        let Site {
            config,
            files: _,
            data,
            theme,
            assets,
            courses,
            notices,
            pages,
            by_code,
        } = site;
        // Files changed in place (none added or removed): the other items are reused.
        let in_place = reads.iter().all(|(rel, read)| {
            matches!(read, Reread::Read(..))
                && files
                    .binary_search_by(|f| f.meta.rel.as_str().cmp(rel.as_str()))
                    .is_ok()
        });
        let mut changed = Vec::new();
        for (rel, read) in reads {
            load_diags.retain(|d| d.file.as_deref() != Some(rel.as_str()));
            let found = files.binary_search_by(|f| f.meta.rel.as_str().cmp(rel.as_str()));
            match (read, found) {
                (Reread::Read(f, fd), found) => {
                    load_diags.extend(fd.into_sorted());
                    match found {
                        Ok(i) => {
                            files[i] = *f;
                            changed.push(i);
                        }
                        Err(at) => files.insert(at, *f),
                    }
                }
                (Reread::Refused(e), found) => {
                    load_diags.push(e);
                    if let Ok(i) = found {
                        files.remove(i);
                    }
                }
                (Reread::Gone | Reread::NeedsWalk, Ok(i)) => {
                    files.remove(i);
                }
                (Reread::Gone | Reread::NeedsWalk, Err(_)) => {}
            }
        }
        let input = Input {
            root: self.opts.root.clone(),
            config,
            files,
            assets,
            data,
            theme,
        };
        let previous = if in_place {
            Some(crate::assemble::Previous {
                courses,
                notices,
                pages,
                reports,
                changed,
            })
        } else {
            // Freeing thousands of items takes longer than reading a file (≈20 ms at
            // N=5,000): not on the way to the edited page.
            std::thread::spawn(move || drop((courses, notices, pages)));
            None
        };
        // (The old index by code is rebuilt.)
        drop(by_code);
        let mut d_asm = Diagnostics::new();
        let a = pipeline::assemble(input, &self.opts, previous, &mut d_asm);
        self.model = Some(Model {
            key: structure_key(&a.site, &a.sources),
            site: a.site,
            sources: a.sources,
            reports: a.reports,
            load_diags,
            asm_diags: d_asm.into_sorted(),
        });
    }

    /// Brings the model up to date with a batch (`None`: the first build). Returns the mode, the
    /// content files the batch changed, and the diagnostics when the site cannot be loaded at all.
    pub(super) fn update_model(
        &mut self,
        batch: Option<&Batch>,
    ) -> (Mode, Vec<String>, Vec<Diagnostic>) {
        let mut full = batch.is_none_or(Batch::beyond_content) || self.model.is_none();
        if self.fixed_now.is_none() {
            let now = Utc::now();
            if self.next_change.is_some_and(|n| now >= n) {
                full = true; // a course or notice changed state: any page may show it
            }
            if full {
                self.opts.now = now;
            }
        }
        let assets: HashSet<String> = self
            .model
            .as_ref()
            .map(|m| m.site.assets.iter().map(|a| a.rel.clone()).collect())
            .unwrap_or_default();
        let mut md = Vec::new();
        for (p, kind) in batch.map(|b| &b.changes).into_iter().flatten() {
            let rel = p.to_string_lossy().replace('\\', "/");
            let in_content = rel.trim_start_matches("content/");
            if *kind != ChangeKind::Content {
                continue;
            }
            let known = assets.contains(in_content);
            let exists = std::fs::symlink_metadata(self.opts.root.join(p)).is_ok();
            if walk::is_markdown(&rel) {
                md.push(rel);
            } else if known && self.opts.root.join(p).is_file() {
                self.track.dirty_assets.insert(in_content.to_string());
            } else if known || exists {
                full = true; // a folder, a new or deleted attachment
            } // else: a temporary file that came and went (`sed -i`, some editors)
        }
        self.track.dirty.extend(md.iter().cloned());
        if !full && (md.is_empty() || self.patch_bodies(&md)) {
            return (Mode::BodyOnly, md, Vec::new());
        }
        if !full && self.reload_content(&md) {
            return (Mode::Content, md, Vec::new());
        }
        let config_changed =
            batch.is_none_or(|b| b.rescan || b.changes.values().any(|k| *k == ChangeKind::Config));
        if config_changed {
            if let Ok(mut c) = self.bodies.lock() {
                c.bodies.clear();
            }
        }
        self.plan = None;
        self.track.stale_all = true;
        let mut d_load = Diagnostics::new();
        let mut d_asm = Diagnostics::new();
        let input = pipeline::read(&self.opts, &mut d_load);
        let assembled = input.map(|i| pipeline::assemble(i, &self.opts, None, &mut d_asm));
        match assembled {
            Some(a) => {
                self.model = Some(Model {
                    key: structure_key(&a.site, &a.sources),
                    site: a.site,
                    sources: a.sources,
                    reports: a.reports,
                    load_diags: d_load.into_sorted(),
                    asm_diags: d_asm.into_sorted(),
                });
                (Mode::Full, md, Vec::new())
            }
            None => {
                self.model = None;
                (Mode::Full, md, d_load.into_sorted())
            }
        }
    }
}
