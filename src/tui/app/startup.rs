//! What the app knows at start, as the loop read it.

use crate::routine::Routine;
use crate::tui::screens::resume::Unfinished;

/// What the app knows at start, read by the loop.
#[derive(Debug, Clone)]
pub struct Startup {
    pub safety_read: bool,
    pub unfinished: Option<Unfinished>,
    /// `limber run SLUG`: go straight into this routine.
    pub run: Option<Routine>,
    /// `limber run SLUG --gentle`: its gentle version, without asking.
    pub run_gentle: bool,
    /// Exercises the user fears, by name.
    pub feared: Vec<String>,
}

impl Startup {
    /// Straight to Today: the safety notice read, nothing unfinished.
    pub fn today(feared: Vec<String>) -> Startup {
        Startup {
            safety_read: true,
            unfinished: None,
            run: None,
            run_gentle: false,
            feared,
        }
    }
}
