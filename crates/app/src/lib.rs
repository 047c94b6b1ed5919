//! What the terminal app and the command line share: where things live and
//! the settings (`config`), what every command is given (`env`: paths,
//! config, clock, the store opener, the catalogue), the one keymap, the
//! editor for notes, and `reading` — the one place that puts the store's
//! rows through the domain's policies into what a screen or a command
//! shows. It sees the domain and the store, never the app or the shell.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod config;
pub mod editor;
pub mod env;
pub mod keymap;
pub mod reading;

// The lower layers under the names used throughout limber.
use limber_domain::{clock, insights, located, model, programme, routine, text};
use limber_store as store;
