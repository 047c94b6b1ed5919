//! One module per screen: each owns its state, its keys and its drawing.

pub mod checkin;
pub mod detail;
pub mod fitness;
pub mod gentle;
pub mod history;
pub mod ladder;
pub mod problems;
pub mod programme;
pub mod rand36;
pub mod recovery;
pub mod resume;
pub mod safety;
pub mod session;
pub mod summary;
pub mod today;
pub mod who5;
