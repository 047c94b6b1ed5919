//! The conversation: lines out, lines in. Typed lines come from a thread
//! that reads standard input, and Ctrl-C (or another signal that ends a
//! program) from a thread that waits for signals, both on one channel, so
//! the timer can speak while a line is awaited and a signal is never lost.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Instant;

use anyhow::Result;

/// What came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A line typed and Enter, trimmed.
    Line(String),
    /// Standard input ended (Ctrl-D, or the end of a pipe).
    End,
    /// A signal that ends a program: SIGINT (Ctrl-C), SIGTERM, SIGHUP.
    Signal(i32),
}

/// Why a question went unanswered: `q` (back to the menu, or out from it),
/// or the end of input or a signal (out of limber, once what was done is saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Stop {
    #[error("q")]
    Back,
    #[error("the end of input")]
    End,
    #[error("signal {0}")]
    Signal(i32),
}

pub struct Talk {
    out: std::io::Stdout,
    input: Receiver<Input>,
    /// The terminal echoes what is typed (and its Enter): a prompt may then
    /// end its line with the answer. From a pipe nothing is echoed, so a
    /// prompt ends its own line.
    echo: bool,
}

impl Talk {
    /// Starts the reader and the signal threads.
    pub fn start() -> Result<Talk> {
        let (tx, rx) = channel();
        watch_signals(tx.clone())?;
        std::thread::spawn(move || read_lines(tx));
        Ok(Talk {
            out: std::io::stdout(),
            input: rx,
            echo: std::io::stdin().is_terminal(),
        })
    }

    /// One line, said.
    pub fn say(&mut self, line: &str) -> Result<()> {
        let mut out = self.out.lock();
        writeln!(out, "{line}")?;
        out.flush()?;
        Ok(())
    }

    /// A blank line between parts of the conversation.
    pub fn gap(&mut self) -> Result<()> {
        self.say("")
    }

    /// The bell, on its own (the config decides whether it rings at all).
    pub fn bell(&mut self) -> Result<()> {
        let mut out = self.out.lock();
        out.write_all(b"\x07")?;
        out.flush()?;
        Ok(())
    }

    /// A question waiting for its answer: on the answer's line where the
    /// terminal echoes the answer, else a line of its own.
    pub fn prompt(&mut self, text: &str) -> Result<()> {
        let mut out = self.out.lock();
        if self.echo {
            write!(out, "{text} ")?;
        } else {
            writeln!(out, "{text}")?;
        }
        out.flush()?;
        Ok(())
    }

    /// The next input, waiting as long as it takes.
    pub fn next(&mut self) -> Input {
        self.input.recv().unwrap_or(Input::End)
    }

    /// The next input if one comes before `deadline`.
    pub fn next_before(&mut self, deadline: Option<Instant>) -> Option<Input> {
        let Some(deadline) = deadline else {
            return Some(self.next());
        };
        match self
            .input
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::End),
        }
    }

    /// The next typed line; `q` (or the end, or a signal) as a `Stop`.
    pub fn line(&mut self) -> Result<String, Stop> {
        match self.next() {
            Input::Line(line) if line.eq_ignore_ascii_case("q") => Err(Stop::Back),
            Input::Line(line) => Ok(line),
            Input::End => Err(Stop::End),
            Input::Signal(n) => Err(Stop::Signal(n)),
        }
    }

    /// A whole number from `low` to `high`, asked until one is given; with
    /// `optional`, an empty line is `None`.
    pub fn number(
        &mut self,
        prompt: &str,
        low: u8,
        high: u8,
        optional: bool,
    ) -> Result<Option<u8>> {
        loop {
            self.prompt(prompt)?;
            let line = self.line()?;
            if line.is_empty() && optional {
                return Ok(None);
            }
            match line.parse::<u8>() {
                Ok(n) if (low..=high).contains(&n) => return Ok(Some(n)),
                _ => self.say(&format!(
                    "Type a whole number from {low} to {high}, then Enter{}.",
                    if optional {
                        ", or just Enter to leave it out"
                    } else {
                        ""
                    }
                ))?,
            }
        }
    }

    /// One of `choices`, numbered from 1 and read back; `None` for `q`.
    pub fn choose(&mut self, question: &str, choices: &[String]) -> Result<Option<usize>> {
        self.choose_or(question, choices, "go back")
    }

    /// As `choose`, saying what `q` does.
    pub fn choose_or(
        &mut self,
        question: &str,
        choices: &[String],
        q_does: &str,
    ) -> Result<Option<usize>> {
        self.say(question)?;
        for (i, choice) in choices.iter().enumerate() {
            self.say(&format!("{}. {choice}", i + 1))?;
        }
        let n = u8::try_from(choices.len()).unwrap_or(u8::MAX);
        let prompt = format!("Type 1 to {n} and Enter, or q to {q_does}:");
        match self.number(&prompt, 1, n, false) {
            Ok(Some(k)) => {
                let i = usize::from(k) - 1;
                self.say(&format!("You chose {k}: {}.", choices[i]))?;
                Ok(Some(i))
            }
            Ok(None) => Ok(None),
            Err(e) if e.downcast_ref::<Stop>() == Some(&Stop::Back) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Reads standard input line by line until it ends.
fn read_lines(tx: Sender<Input>) {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    loop {
        let mut line = String::new();
        let input = match lines.read_line(&mut line) {
            Ok(0) | Err(_) => Input::End,
            Ok(_) => Input::Line(line.trim().to_string()),
        };
        let end = input == Input::End;
        if tx.send(input).is_err() || end {
            return;
        }
    }
}

/// Ctrl-C and the signals that end a program become inputs: the session
/// under way is then ended early and saved before limber goes.
fn watch_signals(tx: Sender<Input>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Input::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}
