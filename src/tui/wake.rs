//! What wakes the loop. Everything that happens outside the loop — a key,
//! a resize, another process writing the store, the sync on start ending,
//! a stop asked from outside — arrives as one message on one channel, in
//! the order it happened, so the loop waits in one place (with a deadline
//! for the next visible change) and nothing it is sent is ever left unread.

use std::sync::mpsc;
use std::time::Instant;

use super::app::Msg;

/// One thing that happened outside the loop.
pub(super) enum Wake {
    /// From the terminal: a key, a paste, a click, a resize.
    Input(Msg),
    /// Something wrote the store's files: the loop asks the store whether
    /// another connection committed (its own commits do not count).
    StoreWritten,
    /// The sync on start ended; `came_in`: it brought something in.
    Synced { came_in: bool },
    /// A SIGTSTP from outside, received at this moment: stop as Ctrl-Z does.
    Stop(Instant),
    /// The terminal can no longer be read (it went away without a hang-up
    /// signal): the app closes as on quit.
    InputEnded,
}

/// Where the threads around the loop send what happened.
pub(super) type Waker = mpsc::Sender<Wake>;
