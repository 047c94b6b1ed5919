//! limber: a calm terminal companion for people living with back pain.
//! Guided exercise routines with timers, check-ins of pain, anxiety and mood,
//! and the user's own numbers, all in one local SQLite file.
//!
//! Layers only look down: `tui` and `cli` use `store`, `routine` and
//! `insights`; `store` knows nothing of the terminal; `insights` is pure.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod clock;
pub mod config;
pub mod editor;
pub mod env;
pub mod insights;
pub mod keymap;
pub mod located;
pub mod log;
pub mod model;
pub mod plan;
pub mod reading;
pub mod routine;
pub mod sample;
pub mod store;
pub mod text;
pub mod timer;
pub mod tui;
