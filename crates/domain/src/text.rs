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
/// and the marks that turn the direction of what follows (U+202E and its
/// kin, which would show "16" as "61" on a terminal, as on the printed
/// page) with visible placeholders, so that text a user did not type here
/// — a routine file, an import — cannot move the cursor, change colours,
/// retitle the terminal or turn figures round. Newlines and tabs are kept
/// when `keep_newlines`.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let is_bad = |c: char| {
        (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t'))) || is_bidi_control(c)
    };
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

/// A mark that turns the direction of the text after it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// One-line form of user text, for tables and status lines.
pub fn one_line(text: &str) -> String {
    printable(text, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many terminal columns `text` takes (a wide character takes two).
pub fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` in at most `width` columns: whole when it fits, else cut and
/// ended with "…", so a reader always sees that something was left out.
/// Every place that shortens text to fit uses this.
pub fn fit(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = columns(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    // A cut just after a space ends the last whole word with the mark.
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// The end of `text` that fits in `width` columns, with "…" in front
/// when its start is cut: the end of a note being typed.
pub fn fit_tail(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let mut start = text.len();
    let mut used = columns("…");
    for (i, c) in text.char_indices().rev() {
        used += columns(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        start = i;
    }
    format!("…{}", &text[start..])
}

/// `text` broken into lines of at most `width` columns, at spaces where
/// it can, a word wider than a line broken within it: every line of a
/// note fits, in any script.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if columns(&candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if columns(&line) + columns(c.encode_utf8(&mut [0; 4])) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` word-wrapped into at most `rows` lines of `width` columns; when
/// it does not all fit, the last line ends with "…". A word longer than a
/// line is cut with "…" as well.
pub fn fit_lines(text: &str, width: usize, rows: usize) -> Vec<String> {
    if rows == 0 {
        return Vec::new();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut cut = false;
    while let Some(word) = words.next() {
        let gap = usize::from(!line.is_empty());
        if !line.is_empty() && columns(&line) + gap + columns(word) > width {
            if lines.len() + 1 == rows {
                cut = true;
                break;
            }
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
        if words.peek().is_none() {
            break;
        }
    }
    if cut {
        // Room for the mark after the last whole word kept.
        let mut last = fit(&format!("{line} …"), width);
        if !last.ends_with('…') {
            last = fit(&format!("{line}…"), width);
        }
        lines.push(last);
    } else if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A path as a message or a listing shows it: control characters made
/// visible, spaces kept as they are.
pub fn shown_path(path: &std::path::Path) -> String {
    printable(&path.to_string_lossy(), false).into_owned()
}

/// A mean as limber shows it, to one place: 2.65 shows as "2.6" and is
/// 2.6 here, so a rule read from it agrees with the number on screen.
pub fn shown(x: f64) -> f64 {
    format!("{x:.1}").parse::<f64>().unwrap_or(x)
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

/// "1 check-in", "2 check-ins": a count with its noun, plural when it is
/// not one ("no" for none is the caller's to say).
pub fn counted(n: usize, one: &str, many: &str) -> String {
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
    fn printable_defuses_direction_marks() {
        assert_eq!(printable("pain \u{202E}61", false), "pain \u{FFFD}61");
        assert_eq!(one_line("a\u{2066}b\u{200F}"), "a\u{FFFD}b\u{FFFD}");
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

    #[test]
    fn fit_lines_wraps_and_marks_what_is_left_out() {
        assert_eq!(fit_lines("one two three", 20, 2), ["one two three"]);
        assert_eq!(fit_lines("one two three", 8, 2), ["one two", "three"]);
        assert_eq!(
            fit_lines("one two three four", 8, 2),
            ["one two", "three …"]
        );
        assert_eq!(fit_lines("one two three four", 5, 1), ["one …"]);
        assert_eq!(fit_lines("one two three four", 4, 1), ["one…"]);
        assert!(fit_lines("anything", 8, 0).is_empty());
    }

    #[test]
    fn wrap_counts_columns_so_a_wide_note_keeps_to_its_lines() {
        // Finding: a CJK note wrapped by characters overflowed its line.
        let note = "膝が痛い日は散歩だけ";
        let lines = wrap(note, 8);
        assert!(lines.iter().all(|l| columns(l) <= 8), "{lines:?}");
        assert_eq!(lines.concat(), note);
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(fit_tail("knee sore", 20), "knee sore");
        assert_eq!(fit_tail("knee sore", 5), "…sore");
        assert_eq!(fit_tail("膝が痛い", 5), "…痛い");
    }

    #[test]
    fn fit_keeps_what_fits_and_marks_a_cut() {
        assert_eq!(fit("Desk break", 10), "Desk break");
        assert_eq!(fit("Breathe and relax", 14), "Breathe and r…");
        assert_eq!(fit("Breathe and relax", 13), "Breathe and…");
        assert_eq!(fit("膝が痛い", 5), "膝が…");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("abc", 0), "");
        assert!(columns(&fit("Routine or activity", 16)) <= 16);
    }
}
