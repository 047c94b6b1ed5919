//! limber: a calm terminal companion for people living with back pain.
//! Guided exercise routines with timers, check-ins of pain, anxiety and mood,
//! and the user's own numbers, all in one local SQLite file.
//!
//! The layers are crates of one workspace, each naming only those below it,
//! so an upward import does not compile:
//!
//! - `limber_domain` (model, timer, routines, programmes, insights, the red
//!   flags): pure, no SQLite, no terminal; time comes in as an argument.
//! - `limber_store` (every SQL statement; sync through a folder): sees the
//!   domain.
//! - `limber_app` (config, env, keymap, reading, editor): what the app and
//!   the command line share; sees the domain and the store.
//! - this crate: `cli` and `tui`. `cli` may start the app (`limber run`,
//!   `limber screen`); the app never uses `cli`. `plain` speaks the app's
//!   flows in lines (`limber --plain`), with the app's own state and writes.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod log;
pub mod plain;
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
