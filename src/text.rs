//! Small text helpers shared by the parsers and the printers: where a byte
//! offset sits in a file (for `file:line:col` messages), and making text from
//! files or imports safe to show on a terminal.

/// 1-based line and column of a byte offset in `text`. Columns count
/// characters, not bytes, so they match what an editor shows.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Replace control characters (escape sequences, carriage returns, bells, …)
/// with visible placeholders so that text a user did not type here — a
/// routine file, an import — cannot move the cursor, change colours or
/// retitle the terminal. Newlines and tabs are kept when `keep_newlines`.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let is_bad = |c: char| c.is_control() && !(keep_newlines && (c == '\n' || c == '\t'));
    if !text.chars().any(is_bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bad(c) {
            // U+FFFD is a visible "something was here" mark in every terminal font.
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One-line form of user text, for tables and status lines.
pub fn one_line(text: &str) -> String {
    printable(text, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path as a message or a listing shows it: control characters made
/// visible, spaces kept as they are.
pub fn shown_path(path: &std::path::Path) -> String {
    printable(&path.to_string_lossy(), false).into_owned()
}

/// A number with its noun, as a person writes it: "1 day", "3 days",
/// "0 sessions".
pub fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_is_singular() {
        assert_eq!(count(1, "day", "days"), "1 day");
        assert_eq!(count(0, "day", "days"), "0 days");
        assert_eq!(count(12, "entry", "entries"), "12 entries");
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nb = 2\n  c = é3";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 14), (3, 3));
        // Past the é (two bytes) the column counts one character.
        assert_eq!(line_col(text, text.len() - 1), (3, 8));
        assert_eq!(line_col(text, 10_000), (3, 9));
    }

    #[test]
    fn printable_defuses_escape_sequences() {
        let hostile = "ok\u{1b}]0;pwned\u{7}\r\nnext";
        assert_eq!(
            printable(hostile, true),
            "ok\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}\nnext"
        );
        assert_eq!(printable("plain", false), "plain");
        assert_eq!(one_line("a\n  b\tc"), "a b c");
    }
}
