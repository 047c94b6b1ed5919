//! One module per screen: each owns its state, its keys and its drawing.

pub mod today;
