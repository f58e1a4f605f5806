//! Unit tests of `serve`.
