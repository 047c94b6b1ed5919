//! limber's domain: what a check-in, a session, a routine and a programme
//! are, and the pure rules over them (the timer, insights, progression).
//! Nothing here touches SQLite, the terminal or the wall clock's reading
//! inside a rule: time comes in as an argument. This crate depends on no
//! other crate of limber's, so nothing here can reach up into the store or
//! the app.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod clock;
pub mod files;
pub mod insights;
pub mod located;
pub mod model;
pub mod plan;
pub mod programme;
pub mod routine;
pub mod safety;
pub mod text;
pub mod timer;
