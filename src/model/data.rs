//! The site's shared data (`data/`): contacts, cancellation policies, people and topics, by id (read by
//! the loader, `src/load/data.rs`).

use super::{Contact, Localized, Person, Policy};
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct Data {
    pub contacts: BTreeMap<String, Contact>,
    pub policies: BTreeMap<String, Policy>,
    pub people: BTreeMap<String, Person>,
    /// Topic id → label per language.
    pub topics: BTreeMap<String, Localized>,
    /// Ids of contacts and policies that are defined but were refused (their errors are
    /// reported where they are defined, not again where they are used).
    pub refused: std::collections::BTreeSet<String>,
    /// Data files that could not be read or parsed (`contacts.toml`, …): ids looked up in them
    /// are not reported as unknown, the file's own error is the one to fix.
    pub failed: std::collections::BTreeSet<String>,
}
