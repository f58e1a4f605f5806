//! The rules about what an item or the site means, in one place. Each field's own form (its
//! type, a date that is a date, a URL that is a URL, a key that exists) is checked where the
//! field is read, in `load/`; translations that disagree on a fact are reported where facts are
//! merged (`assemble/facts.rs`); links are checked on the rendered pages (`linkcheck`). Every
//! other rule is here: per item ([`course`], [`application`], [`notice`], [`refs`],
//! [`item`]), run by `assemble::items` while the values and their positions are at hand, and
//! across the site ([`site`]), run on the assembled model.

pub mod application;
pub mod course;
pub mod fee;
pub mod item;
pub mod notice;
pub mod people;
pub mod refs;
pub mod repeat;
pub mod site;
pub mod starts;

pub use item::ItemCtx;
pub use site::{now_warnings, site_rules, translation_report};
