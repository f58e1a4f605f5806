//! The integration tests, as one test crate (one binary, one link): `cargo test --test main`.
//!
//! Each feature is a folder module (`tests/<feature>/mod.rs`) rather than `tests/<feature>.rs`,
//! because Cargo would compile every `tests/*.rs` file as a test crate of its own.

mod support;

mod application;
mod architecture;
mod archive;
mod authoring;
mod calendar;
mod cli;
mod editor;
mod extension;
mod facts;
mod filters;
mod guide;
mod home;
mod hosting;
mod invalid;
mod languages;
mod model;
mod newcomer;
mod publish;
mod robust;
mod serve;
mod site;
mod truth;
