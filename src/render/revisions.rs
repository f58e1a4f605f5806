//! This build's revisions ([`crate::model::revisions`]) from the previous build's: what each
//! calendar event, notice, course and page shows, fingerprinted, compared with what the
//! previous output showed. Read by the calendars (`SEQUENCE`, `LAST-MODIFIED`), the feeds
//! (`updated`) and the sitemap (`lastmod`); written back as the state file by [`state_file`].
//!
//! Keys and what each fingerprint covers:
//! * `event/<code>-s<n>`, `event/<code>-deadline`: the event's dates, location (every
//!   language's), modality and status, the deadline's instant ([`super::calendar`]);
//! * `notice/<slug>/<lang>`: the notice's file in that language and its date; first seen, it
//!   was last modified when it was published;
//! * `course/<code>`: every file of the course (its facts are in one of them);
//! * `page/<lang>/<path>`: the page's file.
//!
//! Things no longer on the site are left out of the new state.

use super::calendar::event_fingerprints;
use crate::model::revisions::fingerprint;
use crate::model::revisions::Revision;
use crate::model::{Revisions, Site};
use chrono::{DateTime, Utc};

/// The key of a notice in one language.
pub fn notice_key(slug: &str, lang: &str) -> String {
    format!("notice/{slug}/{lang}")
}

/// The key of a course (all its languages).
pub fn course_key(code: &str) -> String {
    format!("course/{code}")
}

/// The key of a page in one language (`""` is the home page's text).
pub fn page_key(lang: &str, path: &str) -> String {
    format!("page/{lang}/{path}")
}

/// Every revision of this build, given the previous build's. The courses' fingerprints are
/// made in parallel (their events' facts, the hash of each file), then put in order.
pub fn revise(site: &Site, previous: &Revisions, now: DateTime<Utc>) -> Revisions {
    use rayon::prelude::*;
    let tz = site.config.timezone;
    let hash_of = |file: usize| format!("{:016x}", site.files[file].hash);
    let revise = |key: String, hash: u64, first: (u32, DateTime<Utc>)| {
        let r = previous.revise(&key, hash, now, first);
        (key, r)
    };
    let courses: Vec<(String, Revision)> = site
        .courses
        .par_iter()
        .flat_map_iter(|c| {
            let mut out: Vec<_> = event_fingerprints(c)
                .into_iter()
                .map(|(key, hash, seq)| revise(key, hash, (seq, now)))
                .collect();
            let files: Vec<String> = c
                .texts
                .iter()
                .map(|(l, t)| format!("{l}={}", hash_of(t.file)))
                .collect();
            out.push(revise(course_key(&c.code), fingerprint(&files), (0, now)));
            out
        })
        .collect();
    let mut out = Revisions::new();
    out.items.extend(courses);
    for n in &site.notices {
        let published = n.date.start_instant(tz);
        let date = published.to_rfc3339();
        for (lang, t) in &n.texts {
            let hash = fingerprint(&[hash_of(t.file), date.clone()]);
            let (key, r) = revise(notice_key(&n.slug, lang), hash, (0, published));
            out.items.insert(key, r);
        }
    }
    for p in &site.pages {
        for (lang, t) in &p.texts {
            let hash = fingerprint(&[hash_of(t.file)]);
            let (key, r) = revise(page_key(lang, &p.path), hash, (0, now));
            out.items.insert(key, r);
        }
    }
    out
}

/// The state file's text.
pub fn state_file(revisions: &Revisions) -> String {
    revisions.to_json()
}
