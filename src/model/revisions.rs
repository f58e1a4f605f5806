//! What one build passes to the next: for each thing a visitor's program keeps (a calendar
//! event, a notice in a feed, a page in the sitemap, a course in the courses feed), a
//! fingerprint of what it shows, how many times that changed (`SEQUENCE`) and when it last
//! changed (`LAST-MODIFIED`, Atom `updated`, sitemap `lastmod`).
//!
//! The build keeps no history of its own: the state is a small file in the output
//! ([`STATE_FILE`]), read back from the previous output by `load::previous_revisions` and
//! written again by every build. [`Revisions::revise`] is the one rule: an unchanged
//! fingerprint keeps the previous revision; a changed one raises the sequence by one and
//! takes the build's "now" (never earlier than the previous time); a thing seen for the first
//! time starts from what the caller gives. Pure: the same previous state, fingerprints and
//! "now" give the same revisions, so the same input and previous output give the same bytes.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The state file, relative to the output folder.
pub const STATE_FILE: &str = ".prospectus/state.json";

/// The version of the state file's format; a file of another version is not read.
pub const STATE_VERSION: u32 = 1;

/// One thing's revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// [`fingerprint`] of what it shows, in hexadecimal.
    pub hash: String,
    pub sequence: u32,
    pub modified: DateTime<Utc>,
}

/// Every thing's revision, by key (`event/<code>-s1`, `notice/<slug>/<lang>`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub version: u32,
    pub items: BTreeMap<String, Revision>,
}

impl Revisions {
    /// An empty state of the current version.
    pub fn new() -> Self {
        Revisions {
            version: STATE_VERSION,
            items: BTreeMap::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Revision> {
        self.items.get(key)
    }

    /// The revision of `key` now that it shows what `hash` fingerprints, given this (the
    /// previous) state: unchanged, raised, or `first` (sequence and time) when it is new.
    pub fn revise(
        &self,
        key: &str,
        hash: u64,
        now: DateTime<Utc>,
        first: (u32, DateTime<Utc>),
    ) -> Revision {
        let hash = format!("{hash:016x}");
        match self.items.get(key) {
            Some(prev) if prev.hash == hash => prev.clone(),
            Some(prev) => Revision {
                hash,
                sequence: prev.sequence.saturating_add(1),
                modified: now.trunc_subsecs(0).max(prev.modified),
            },
            None => Revision {
                hash,
                sequence: first.0,
                modified: first.1.trunc_subsecs(0),
            },
        }
    }

    /// The state file's text: JSON, keys in order, one per line.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a state file's text; `None` when it is not one of this version.
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str::<Revisions>(text)
            .ok()
            .filter(|r| r.version == STATE_VERSION)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// What [`fingerprint`] writes after each part.
const SEPARATOR: u8 = 0x1f;

/// A 64-bit FNV-1a hash of `parts` (each followed by a separator, so `["ab", "c"]` and
/// `["a", "bc"]` differ): stable across builds, machines and versions of Rust, unlike
/// `std`'s hasher, since the state file keeps it from one build to the next.
pub fn fingerprint<S: AsRef<[u8]>>(parts: &[S]) -> u64 {
    let mut h = FNV_OFFSET;
    for part in parts {
        h = fnv_on(h, part.as_ref());
    }
    h
}

/// FNV-1a from `h` over `bytes` and the separator. A plain loop over the bytes: with an
/// iterator chained to the separator, hashing every source file cost twice the instructions.
fn fnv_on(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = fnv_step(h, b);
    }
    fnv_step(h, SEPARATOR)
}

/// One byte of FNV-1a.
#[inline(always)]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// [`fingerprint`] of each text taken alone (`fingerprint(&[text])`): the same values, four
/// texts in step. FNV-1a waits for each multiplication before it can take the next byte; four
/// independent hashes keep the multiplier busy meanwhile (the sources of a large catalogue,
/// a hundred megabytes, were a fortieth of its build hashed one at a time).
pub fn fingerprints(texts: &[&[u8]]) -> Vec<u64> {
    let mut out = Vec::with_capacity(texts.len());
    for group in texts.chunks(4) {
        let &[a, b, c, d] = group else {
            out.extend(group.iter().map(|t| fnv_on(FNV_OFFSET, t)));
            continue;
        };
        let n = a.len().min(b.len()).min(c.len()).min(d.len());
        let mut h = [FNV_OFFSET; 4];
        for (((&x, &y), &z), &w) in a[..n].iter().zip(&b[..n]).zip(&c[..n]).zip(&d[..n]) {
            h = [
                fnv_step(h[0], x),
                fnv_step(h[1], y),
                fnv_step(h[2], z),
                fnv_step(h[3], w),
            ];
        }
        for (h, t) in h.into_iter().zip([a, b, c, d]) {
            out.push(fnv_on(h, &t[n..]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn fingerprints_in_step_are_those_of_each_text() {
        let texts: Vec<Vec<u8>> = (0..11)
            .map(|i| (0..i * 37 % 101).map(|j| (i * 7 + j) as u8).collect())
            .collect();
        let refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
        let alone: Vec<u64> = refs.iter().map(|t| fingerprint(&[t])).collect();
        for n in 0..=refs.len() {
            assert_eq!(fingerprints(&refs[..n]), alone[..n], "{n} texts");
        }
    }

    #[test]
    fn fingerprint_is_fixed_and_separates_parts() {
        // FNV-1a of "a\x1f": a fixed value, the same on every machine.
        assert_eq!(fingerprint(&["a"]), 0x089b_e907_b544_fdc9);
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }

    #[test]
    fn new_unchanged_and_changed() {
        let first = (1, at("2025-01-01T00:00:00Z"));
        let now = at("2025-08-20T10:00:00Z");
        let empty = Revisions::new();
        let r = empty.revise("k", 7, now, first);
        assert_eq!((r.sequence, r.modified), (1, first.1));
        let mut prev = Revisions::new();
        prev.items.insert("k".into(), r.clone());
        let later = at("2025-09-01T00:00:00Z");
        assert_eq!(prev.revise("k", 7, later, first), r);
        let changed = prev.revise("k", 8, later, first);
        assert_eq!((changed.sequence, changed.modified), (2, later));
        // A build dated before the last change does not move the time back.
        let back = prev.revise("k", 9, at("2024-01-01T00:00:00Z"), first);
        assert_eq!((back.sequence, back.modified), (2, first.1));
    }

    #[test]
    fn json_round_trip_and_other_versions() {
        let mut r = Revisions::new();
        r.items.insert(
            "k".into(),
            Revisions::new().revise(
                "k",
                1,
                at("2025-08-20T10:00:00Z"),
                (0, at("2025-08-20T10:00:00Z")),
            ),
        );
        assert_eq!(Revisions::from_json(&r.to_json()), Some(r.clone()));
        assert_eq!(
            Revisions::from_json(&r.to_json().replace("\"version\": 1", "\"version\": 99")),
            None
        );
        assert_eq!(Revisions::from_json("not json"), None);
    }
}
