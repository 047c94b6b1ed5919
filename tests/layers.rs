//! The layering rule of the crate's top doc comment, checked on the source:
//! layers only look down, the pure core names no storage or terminal, and
//! no source file grows past 700 lines.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>` (or the one file `src/<dir>.rs`).
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![root.join(dir)];
    let file = root.join(format!("{dir}.rs"));
    if file.is_file() {
        stack.push(file);
    }
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read src") {
                stack.push(entry.expect("entry").path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read a source file");
            found.push((path, text));
        }
    }
    assert!(!found.is_empty(), "no sources for {dir}");
    found
}

/// The files of `dir` that name any of `forbidden` (as `crate::x`, or an
/// outside crate by name).
fn naming(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for (path, text) in sources(dir) {
        for word in forbidden {
            if text.contains(word) {
                bad.push(format!("{} names {word}", path.display()));
            }
        }
    }
    bad
}

#[test]
fn the_app_never_uses_the_command_line() {
    assert_eq!(naming("tui", &["crate::cli"]), Vec::<String>::new());
}

#[test]
fn the_timer_and_insights_know_no_storage_and_no_terminal() {
    let forbidden = ["crate::store", "crate::tui", "rusqlite", "ratatui"];
    assert_eq!(naming("timer", &forbidden), Vec::<String>::new());
    assert_eq!(naming("insights", &forbidden), Vec::<String>::new());
}

#[test]
fn the_store_knows_no_policy_and_no_terminal() {
    let forbidden = ["crate::insights", "favourites", "crate::tui", "ratatui"];
    assert_eq!(naming("store", &forbidden), Vec::<String>::new());
}

#[test]
fn programmes_know_routines_but_no_storage_policy_or_terminal() {
    let forbidden = [
        "crate::store",
        "crate::insights",
        "crate::reading",
        "crate::tui",
        "crate::cli",
        "rusqlite",
        "ratatui",
    ];
    assert_eq!(naming("programme", &forbidden), Vec::<String>::new());
}

#[test]
fn the_domain_depends_on_nothing_of_limber() {
    let forbidden = ["crate::", "rusqlite", "ratatui"];
    assert_eq!(naming("model", &forbidden), Vec::<String>::new());
}

#[test]
fn no_source_file_is_over_700_lines() {
    let long: Vec<String> = sources("")
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 700)
        .map(|(path, text)| format!("{}: {} lines", path.display(), text.lines().count()))
        .collect();
    assert_eq!(long, Vec::<String>::new());
}
