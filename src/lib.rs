//! limber: a calm terminal companion for people living with back pain.
//! Guided exercise routines with timers, check-ins of pain, anxiety and mood,
//! and the user's own numbers, all in one local SQLite file.
//!
//! Layers only look down (`tests/layers.rs` checks the main rules):
//!
//! - `main` parses the command line and hands over to `cli` or `tui`; `cli`
//!   may start the app (`limber run`, `limber screen`), the app never uses
//!   `cli`.
//! - `cli` and `tui` use `env` (paths, config, clock, the store opener),
//!   `reading`, `store`, `routine`, `plan`, `timer`, `insights`, `keymap`.
//! - `reading` assembles what screens and commands show: rows from `store`
//!   put through the policies in `insights`.
//! - `store` holds every SQL statement and returns rows typed in `model`; it
//!   knows no policy (`insights`) and no terminal.
//! - `timer` (over `plan`, a routine as steps) and `insights` are pure: no
//!   SQLite, no terminal, and the time comes in as an argument.
//! - `model` (what a check-in, a session, an exercise's outcome are),
//!   `text`, `located`, `files` and `clock` are the ground floor.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod log;
pub mod sample;
pub mod tui;

// The lower layers, each a crate of its own so that none can reach up, under
// the names the app and the command line use for them.
pub use limber_app::{config, editor, env, keymap, reading};
pub use limber_domain::{
    clock, files, insights, located, model, plan, programme, routine, safety, text, timer,
};
pub use limber_store as store;
pub use limber_store::sync;
