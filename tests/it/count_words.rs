//! Words from issue 21: a usage mistake exits 2, and a note's direction
//! marks never reach the terminal raw.

use std::path::Path;

use assert_cmd::Command;

fn limber(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").expect("binary");
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", "2026-11-25T10:00:00Z")
        .env("TZ", "UTC")
        .env_remove("LIMBER_LOG");
    cmd
}

#[test]
fn usage_mistakes_exit_two() {
    // Finding: `--where lowerback` and `--from` after `--to` exited 1.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    limber(h)
        .args(["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"])
        .args(["--where", "lowerback"])
        .assert()
        .code(2);
    limber(h)
        .args(["report", "--from", "2026-11-10", "--to", "2026-11-01"])
        .assert()
        .code(2);
    limber(h)
        .args(["entries", "--from", "2026-11-10", "--to", "2026-11-01"])
        .assert()
        .code(2);
}

#[test]
fn direction_marks_in_a_note_are_cleaned_from_entries() {
    // Finding: U+202E in a note reached the terminal raw in `entries`.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    limber(h)
        .args(["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"])
        .args(["--note", "pain \u{202E}61 today"])
        .assert()
        .success();
    let out = limber(h).arg("entries").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert!(text.contains("pain \u{FFFD}61 today"), "{text}");
    assert!(!text.contains('\u{202E}'), "{text}");
}

fn out(home: &Path, args: &[&str]) -> String {
    let out = limber(home).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("utf-8")
}

#[test]
fn entries_and_routines_list_use_the_apps_words() {
    // Findings: `entries` said "completed" and "aborted" where the app
    // says "done" and "ended early"; `routines list` "~13m5s" beside the
    // app's "13 min"; `entries --help` left out fitness and WHO-5.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    out(
        h,
        &["log", "walk", "--minutes", "20", "--at", "2026-11-24 08:00"],
    );
    let entries = out(h, &["entries"]);
    assert!(entries.contains("walk, 20 min, done"), "{entries}");
    assert!(!entries.contains("completed"), "{entries}");
    let list = out(h, &["routines", "list"]);
    let core = list
        .lines()
        .find(|l| l.starts_with("core-basics"))
        .expect("core basics");
    assert!(core.contains("13 min"), "{list}");
    assert!(!list.contains('~'), "{list}");
    let help = out(h, &["entries", "--help"]);
    assert!(help.contains("fitness results and WHO-5s"), "{help}");
}

#[test]
fn a_deleted_session_names_its_check_ins_without_brackets() {
    // Finding: "its 2 check-in(s) were kept".
    use crate::count_findings::{Went, guided_with};
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    guided_with(
        h,
        time::macros::date!(2026 - 11 - 24),
        "desk-break",
        &[Went::Done; 7],
        limber::model::SessionStatus::Completed,
        300,
        Some((4, 3)),
    );
    let json: serde_json::Value = serde_json::from_str(&out(
        h,
        &["entries", "--kind", "session", "--format", "json"],
    ))
    .expect("json");
    let id = json[0]["id"].as_str().expect("id").to_string();
    let said = out(h, &["delete", &id]);
    assert!(said.contains("its 2 check-ins"), "{said}");
    assert!(!said.contains("(s)"), "{said}");
}

#[test]
fn the_body_map_does_not_offer_adding_a_word() {
    // Finding: the body map's footer offered "a add", which does nothing
    // there (the places are fixed); the tags' row still offers it.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    for size in ["80x24", "44x14"] {
        let map = out(h, &["screen", "bodymap", "--size", size]);
        let foot = map
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        assert!(!foot.contains("a add"), "{map}");
        assert!(foot.contains("Space mark"), "{map}");
    }
}

#[test]
fn todays_routine_rows_end_with_an_ellipsis_where_cut() {
    // Finding: "stretch, strength, aerobic, breath" cut without "…" at
    // 80x24.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    for (size, width) in [("80x24", 80), ("44x14", 44)] {
        let today = out(h, &["screen", "today", "--size", size]);
        let desk = today
            .lines()
            .find(|l| l.contains("Desk break"))
            .expect("desk break");
        assert!(limber::text::columns(desk) <= width, "{today}");
        assert!(desk.ends_with('…'), "{size}: {desk}");
    }
}

#[test]
fn a_backtick_in_a_note_prints_as_itself_in_the_report() {
    // Finding: a backtick in a note became code in the printed report.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    out(
        h,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--note",
            "ran `late` again",
        ],
    );
    let html = out(h, &["report", "--format", "html", "--notes"]);
    assert!(html.contains("ran `late` again"), "the note as written");
    assert!(!html.contains("<code>late</code>"));
}

#[test]
fn the_printed_reports_axes_keep_a_whole_100() {
    // Finding: the printed report clipped the "100" of the step-test and
    // WHO-5 axes: the label, set right-aligned, began left of the figure.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    for at in ["2026-11-10", "2026-11-20"] {
        out(h, &["fitness", "record", "step-test", "100", "--at", at]);
        out(h, &["wellbeing", "--answers", "5,5,5,5,5", "--at", at]);
    }
    let html = out(h, &["report", "--format", "html"]);
    let mut seen = 0;
    let lines: Vec<&str> = html.lines().collect();
    for pair in lines.windows(2) {
        let (tag, text) = (pair[0], pair[1].trim());
        if text != "100" || !tag.contains("text-anchor=\"end\"") {
            continue;
        }
        let number = |key: &str| -> f64 {
            let at = tag.find(key).expect("attribute") + key.len();
            tag[at..]
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("number")
        };
        let (x, size) = (number(" x=\""), number("font-size=\""));
        // Three digits of a sans-serif face: at least 0.55 of its size each.
        assert!(
            x >= 3.0 * 0.55 * size,
            "a \"100\" ending at x = {x} in size {size}: {tag}"
        );
        seen += 1;
    }
    assert!(seen >= 2, "the step test's and the WHO-5's axes");
}

#[test]
fn direction_marks_in_json_output_are_escaped_not_raw() {
    // Finding: U+202E in a note reached the terminal raw; the JSON that
    // `entries`, `history` and `export` print now writes it as \u202e,
    // the same string to a JSON reader.
    let home = tempfile::tempdir().expect("home");
    let h = home.path();
    out(
        h,
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--note",
            "pain \u{202E}61 today",
        ],
    );
    for args in [
        &["entries", "--format", "json"][..],
        &["history", "--format", "json"],
        &["export"],
    ] {
        let text = out(h, args);
        assert!(!text.contains('\u{202E}'), "{args:?}: {text}");
        assert!(text.contains("\\u202e"), "{args:?}: {text}");
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert!(value.to_string().contains('\u{202E}'), "the same data");
    }
}
