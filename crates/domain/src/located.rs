//! A problem at a place in a file, shown as `file:line:col: message`: what
//! routine files and `config.toml` (with its `[keys]`) report, and the
//! `Checker` that gathers them while a routine or programme file is read.

use std::fmt;

use crate::text::line_col;

/// What is wrong, and the 1-based line and column where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Located {
    /// A problem at byte `offset` of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Located {
        let (line, column) = line_col(text, offset);
        Located {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole, pointed at its start.
    pub fn start(file: &str, message: impl Into<String>) -> Located {
        Located::at(file, "", 0, message)
    }

    /// A TOML syntax or type error, at the place the parser names.
    pub fn toml(file: &str, text: &str, error: &toml::de::Error) -> Located {
        Located::at(
            file,
            text,
            error.span().map_or(0, |s| s.start),
            error.message().trim(),
        )
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for Located {}

/// Collects problems with their positions while a file is checked: one
/// for routine files and programme files, each adding the checks of its
/// own fields (`routine::check`, `programme::check`).
pub(crate) struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    pub(crate) problems: Vec<Located>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Checker<'a> {
        Checker {
            file,
            text,
            problems: Vec::new(),
        }
    }

    /// A problem at byte `offset` of the file.
    pub(crate) fn at(&mut self, offset: usize, message: impl Into<String>) {
        self.problems
            .push(Located::at(self.file, self.text, offset, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_reads_file_line_column_message() {
        let text = "a = 1\n  b = é\n";
        assert_eq!(
            Located::at("c.toml", text, 12, "odd").to_string(),
            "c.toml:2:7: odd"
        );
        assert_eq!(
            Located::start("c.toml", "unreadable").to_string(),
            "c.toml:1:1: unreadable"
        );
    }
}
