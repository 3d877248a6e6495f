//! placeholder during bootstrap
pub mod chrome;
pub mod lines;
