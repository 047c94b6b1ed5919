//! What goes with a check-in, from the shell: `checkin --tag --where
//! --took`, `entries`, `edit --tag --untag --where --took`, `undo`,
//! `report`, export and import, CSV, sample-data and config.toml's tags.

use crate::common;

use std::path::Path;

use common::{run, sql};
use serde_json::Value;

fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn json(home: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(home, args)).expect("JSON")
}

/// A check-in on `day` with `pain` and the flags `with`.
fn checkin(home: &Path, day: &str, pain: u8, with: &[&str]) -> String {
    let pain = pain.to_string();
    let at = format!("{day} 08:00");
    let mut args = vec![
        "checkin",
        "--pain",
        &pain,
        "--anxiety",
        "3",
        "--mood",
        "6",
        "--at",
        &at,
    ];
    args.extend_from_slice(with);
    ok(home, &args)
}

fn only_entry(home: &Path) -> Value {
    let list = json(home, &["entries", "--format", "json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    list[0].clone()
}

fn db(home: &Path) -> std::path::PathBuf {
    home.join("data").join("limber.db")
}

#[test]
fn checkin_keeps_tags_places_and_treatments_and_says_so() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(
        home.path(),
        "2026-11-24",
        5,
        &[
            "--tag",
            "poor sleep",
            "--tag",
            "travel",
            "--tag",
            "Poor  Sleep",
            "--where",
            "lower-back",
            "--where",
            "leg-below-knee-left",
            "--took",
            "ibuprofen 400 mg",
            "--took",
            "heat pack",
        ],
    );
    assert!(
        out.contains("With it, tags: poor sleep, travel; where: lower back, left leg below the knee; took: ibuprofen 400 mg, heat pack."),
        "{out}"
    );
    // No numbness or tingling noted: no safety line.
    assert!(!out.contains("Call 999"), "{out}");
    let e = only_entry(home.path());
    assert_eq!(e["tags"], serde_json::json!(["poor sleep", "travel"]));
    assert_eq!(
        e["where"],
        serde_json::json!(["lower-back", "leg-below-knee-left"])
    );
    assert_eq!(
        e["took"],
        serde_json::json!(["ibuprofen 400 mg", "heat pack"])
    );
    assert_eq!(
        sql(
            &db(home.path()),
            "SELECT group_concat(name || '/' || amount, ',') FROM checkin_treatments"
        ),
        "ibuprofen/400 mg,heat pack/"
    );
    let text = ok(home.path(), &["entries"]);
    assert!(
        text.contains("(tags: poor sleep, travel; where: lower back, left leg below the knee; took: ibuprofen 400 mg, heat pack)"),
        "{text}"
    );
}

#[test]
fn a_checkin_without_context_has_empty_lists_in_entries_json() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(home.path(), "2026-11-24", 3, &[]);
    assert!(!out.contains("With it"), "{out}");
    let e = only_entry(home.path());
    assert_eq!(e["tags"], serde_json::json!([]));
    assert_eq!(e["where"], serde_json::json!([]));
    assert_eq!(e["took"], serde_json::json!([]));
}

#[test]
fn pain_below_both_knees_with_tingling_shows_the_emergency_signs_once() {
    let home = tempfile::tempdir().expect("home");
    let out = checkin(
        home.path(),
        "2026-11-24",
        6,
        &[
            "--where",
            "leg-below-knee-right",
            "--where",
            "leg-below-knee-left",
            "--note",
            "Tingling in the calf",
        ],
    );
    // Both legs, with tingling: the emergency tier, once.
    assert_eq!(out.matches("Call 999 or go to A&E").count(), 1, "{out}");
    assert!(out.contains("You marked both legs"), "{out}");
    assert!(!out.contains("NHS 111"), "{out}");
    // Below the knee without numbness, or numbness elsewhere: nothing.
    let out = checkin(
        home.path(),
        "2026-11-23",
        6,
        &["--where", "leg-below-knee-left"],
    );
    assert!(!out.contains("Call 999"), "{out}");
    let out = checkin(
        home.path(),
        "2026-11-22",
        6,
        &["--where", "lower-back", "--tag", "numb"],
    );
    assert!(!out.contains("Call 999"), "{out}");
    let out = checkin(
        home.path(),
        "2026-11-21",
        6,
        &["--where", "leg-below-knee-left", "--tag", "numbness"],
    );
    // One leg: the line to stop, and the emergency tier.
    assert_eq!(
        out.matches("You noted pain below the knee with numbness or tingling. Stop any exercise that causes sharp pain, or pain, numbness or tingling down a leg.").count(),
        1,
        "{out}"
    );
    assert_eq!(out.matches("Call 999 or go to A&E").count(), 1, "{out}");
}

#[test]
fn each_wrong_flag_is_refused_with_what_to_do_and_nothing_is_saved() {
    let home = tempfile::tempdir().expect("home");
    let long = "x".repeat(41);
    for (flags, says) in [
        (
            vec!["--where", "knee"],
            "\"knee\" is not a place limber knows; use neck, upper-back, lower-back, buttock-left, buttock-right, thigh-left, thigh-right, leg-below-knee-left, leg-below-knee-right, foot-left or foot-right",
        ),
        (
            vec!["--tag", "sleep;stress"],
            "the tag \"sleep;stress\" has a \";\", which separates them in a CSV file",
        ),
        (vec!["--tag", &long], "is 41 characters long; keep it to 40"),
        (vec!["--tag", "  "], "a tag cannot be empty"),
        (
            vec!["--took", "ibuprofen;paracetamol"],
            "the treatment \"ibuprofen;paracetamol\" has a \";\"",
        ),
        (vec!["--took", &long], "is 41 characters long"),
    ] {
        let mut args = vec!["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"];
        args.extend_from_slice(&flags);
        let (code, _, err) = run(home.path(), &args);
        // A word the command line cannot take is a usage mistake: 2.
        assert_eq!(code, 2, "{flags:?}");
        assert!(err.contains(says), "{flags:?}: {err}");
    }
    let (code, out, _) = run(home.path(), &["entries"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("No entries"), "{out}");
}

#[test]
fn edit_adds_takes_away_and_clears_and_undo_puts_the_context_back() {
    let home = tempfile::tempdir().expect("home");
    checkin(
        home.path(),
        "2026-11-24",
        5,
        &[
            "--tag",
            "poor sleep",
            "--tag",
            "travel",
            "--where",
            "lower-back",
            "--took",
            "ibuprofen 400 mg",
        ],
    );
    let id = only_entry(home.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    let before = sql(
        &db(home.path()),
        "SELECT updated_at FROM checkins WHERE deleted_at IS NULL",
    );
    let out = ok(
        home.path(),
        &[
            "edit",
            &id[..8],
            "--untag",
            "TRAVEL",
            "--tag",
            "lifting",
            "--where",
            "none",
            "--where",
            "neck",
            "--took",
            "heat pack",
        ],
    );
    assert!(
        out.contains(
            "With it, tags: poor sleep, lifting; where: neck; took: ibuprofen 400 mg, heat pack."
        ),
        "{out}"
    );
    let e = only_entry(home.path());
    assert_eq!(e["tags"], serde_json::json!(["poor sleep", "lifting"]));
    assert_eq!(e["where"], serde_json::json!(["neck"]));
    assert_eq!(
        e["took"],
        serde_json::json!(["ibuprofen 400 mg", "heat pack"])
    );
    // The scales are as they were; the row says it changed.
    assert_eq!(e["pain"], 5);
    let after = sql(
        &db(home.path()),
        "SELECT updated_at FROM checkins WHERE deleted_at IS NULL",
    );
    assert_ne!(before, after);

    let out = ok(home.path(), &["edit", &id[..8], "--took", "none"]);
    assert!(!out.contains("took:"), "{out}");
    assert_eq!(only_entry(home.path())["took"], serde_json::json!([]));

    ok(home.path(), &["undo"]);
    assert_eq!(
        only_entry(home.path())["took"],
        serde_json::json!(["ibuprofen 400 mg", "heat pack"])
    );
    ok(home.path(), &["undo"]);
    let e = only_entry(home.path());
    assert_eq!(e["tags"], serde_json::json!(["poor sleep", "travel"]));
    assert_eq!(e["where"], serde_json::json!(["lower-back"]));
    assert_eq!(e["took"], serde_json::json!(["ibuprofen 400 mg"]));
}

#[test]
fn edit_refuses_an_unknown_tag_to_take_away_a_wrong_place_and_context_on_a_flare() {
    let home = tempfile::tempdir().expect("home");
    checkin(home.path(), "2026-11-24", 5, &["--tag", "travel"]);
    let id = only_entry(home.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    let (code, _, err) = run(home.path(), &["edit", &id[..8], "--untag", "lifting"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the check-in has no tag \"lifting\"; its tags are travel"),
        "{err}"
    );
    let (code, _, err) = run(home.path(), &["edit", &id[..8], "--where", "elbow"]);
    assert_eq!(code, 2, "a usage mistake");
    assert!(
        err.contains("\"elbow\" is not a place limber knows; use neck"),
        "{err}"
    );
    let (code, _, err) = run(home.path(), &["edit", &id[..8], "--tag", "a;b"]);
    assert_eq!(code, 1);
    assert!(err.contains("has a \";\""), "{err}");
    // Nothing changed, and there is nothing to undo but the check-in.
    assert_eq!(
        only_entry(home.path())["tags"],
        serde_json::json!(["travel"])
    );

    ok(home.path(), &["flare", "--at", "2026-11-23"]);
    let flare = json(
        home.path(),
        &["entries", "--format", "json", "--kind", "flare"],
    );
    let flare_id = flare[0]["id"].as_str().expect("id").to_string();
    let (code, _, err) = run(home.path(), &["edit", &flare_id[..8], "--tag", "travel"]);
    assert_eq!(code, 1);
    assert!(err.contains("--tag does not apply to a flare-up"), "{err}");
}

#[test]
fn delete_takes_a_checkins_tags_out_of_every_count_and_undo_brings_them_back() {
    let home = tempfile::tempdir().expect("home");
    // Ten days with poor sleep (pain 6), ten answered without (`--tag
    // none`, pain 3), and one that left the tags row unanswered: it is on
    // neither side.
    checkin(home.path(), "2026-11-03", 9, &[]);
    for (i, day) in (4..24).enumerate() {
        let date = format!("2026-11-{day:02}");
        if i % 2 == 0 {
            checkin(home.path(), &date, 6, &["--tag", "poor sleep"]);
        } else {
            checkin(home.path(), &date, 3, &["--tag", "none"]);
        }
    }
    let report = json(home.path(), &["report", "--format", "json"]);
    let tag = &report["tags"][0];
    assert_eq!(tag["name"], "poor sleep");
    assert_eq!(
        (tag["days_with"].as_u64(), tag["days_without"].as_u64()),
        (Some(10), Some(10))
    );
    assert_eq!(tag["pain_with"].as_f64(), Some(6.0));
    assert_eq!(tag["pain_without"].as_f64(), Some(3.0));
    assert!(
        report["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .all(|t| t["name"] != "none"),
        "`--tag none` is no tag: {report}"
    );
    for key in ["pain_next_day_with", "pain_next_day_without"] {
        assert!(tag.get(key).is_some(), "{key} in {tag}");
    }
    let text = ok(home.path(), &["report"]);
    assert!(
        text.contains(
            "On the 10 days you tagged poor sleep your pain averaged 6.0; on the 10 days without it 3.0."
        ),
        "{text}"
    );
    assert!(
        text.contains("these describe what happened, not why"),
        "{text}"
    );
    let md = ok(home.path(), &["report", "--format", "markdown"]);
    assert!(md.contains("## What goes with your pain"), "{md}");

    let list = json(home.path(), &["entries", "--format", "json"]);
    let tagged = list
        .as_array()
        .expect("list")
        .iter()
        .find(|e| e["tags"] == serde_json::json!(["poor sleep"]))
        .expect("a tagged check-in");
    let id = tagged["id"].as_str().expect("id").to_string();
    ok(home.path(), &["delete", &id[..8]]);
    // Nine days with it are too few to tell; the deleted one counts nowhere.
    let report = json(home.path(), &["report", "--format", "json"]);
    assert_eq!(report["tags"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["tags_too_few"][0]["days_with"].as_u64(), Some(9));
    assert_eq!(report["tags_too_few"][0]["days_without"].as_u64(), Some(10));
    ok(home.path(), &["undo"]);
    let report = json(home.path(), &["report", "--format", "json"]);
    assert_eq!(report["tags"][0]["days_with"].as_u64(), Some(10));
}

#[test]
fn export_and_import_carry_the_context_and_csv_has_a_column_each() {
    let home = tempfile::tempdir().expect("home");
    checkin(
        home.path(),
        "2026-11-24",
        5,
        &[
            "--tag",
            "poor sleep",
            "--tag",
            "=travel",
            "--where",
            "lower-back",
            "--where",
            "neck",
            "--took",
            "ibuprofen 400 mg",
            "--took",
            "heat pack",
        ],
    );
    checkin(home.path(), "2026-11-23", 2, &[]);
    let export = ok(home.path(), &["export", "--format", "json"]);
    let doc: Value = serde_json::from_str(&export).expect("JSON");
    let rows = doc["checkins"].as_array().expect("check-ins");
    let tagged = rows.iter().find(|c| c["pain"] == 5).expect("tagged");
    assert_eq!(tagged["tags"], serde_json::json!(["poor sleep", "=travel"]));
    assert_eq!(tagged["where"], serde_json::json!(["neck", "lower-back"]));
    assert_eq!(
        tagged["took"],
        serde_json::json!(["ibuprofen 400 mg", "heat pack"])
    );
    let plain = rows.iter().find(|c| c["pain"] == 2).expect("plain");
    assert!(plain.get("tags").is_none(), "{plain}");

    let file = home.path().join("export.json");
    std::fs::write(&file, &export).expect("write");
    let other = tempfile::tempdir().expect("other home");
    ok(other.path(), &["import", file.to_str().expect("path")]);
    let list = json(other.path(), &["entries", "--format", "json"]);
    let tagged = list
        .as_array()
        .expect("list")
        .iter()
        .find(|e| e["pain"] == 5)
        .expect("tagged");
    assert_eq!(tagged["tags"], serde_json::json!(["poor sleep", "=travel"]));
    assert_eq!(tagged["where"], serde_json::json!(["neck", "lower-back"]));
    assert_eq!(
        tagged["took"],
        serde_json::json!(["ibuprofen 400 mg", "heat pack"])
    );

    let csv = ok(home.path(), &["export", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .expect("header")
            .ends_with(",session_uuid,tags,where,took"),
        "{csv}"
    );
    assert!(
        csv.contains(",poor sleep;=travel,neck;lower-back,ibuprofen 400 mg;heat pack"),
        "{csv}"
    );
    assert!(csv.contains(",,,\n") || csv.contains(",,,\r\n"), "{csv}");
}

#[test]
fn a_newer_copy_replaces_the_context_and_an_older_export_imports_as_before() {
    let home = tempfile::tempdir().expect("home");
    checkin(home.path(), "2026-11-24", 5, &["--tag", "travel"]);
    let export = ok(home.path(), &["export", "--format", "json"]);
    let mut doc: Value = serde_json::from_str(&export).expect("JSON");
    // The same check-in, changed later elsewhere: other tags.
    doc["checkins"][0]["tags"] = serde_json::json!(["lifting"]);
    doc["checkins"][0]["where"] = serde_json::json!(["thigh-right"]);
    doc["checkins"][0]["updated_at"] = serde_json::json!("2026-11-25T09:00:00Z");
    // Its version (what orders two copies) is later too, as another
    // device's change would be.
    let version = doc["checkins"][0]["version"].as_i64().expect("a version");
    doc["checkins"][0]["version"] = serde_json::json!(version + 3_600_000_000);
    let file = home.path().join("newer.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    ok(home.path(), &["import", file.to_str().expect("path")]);
    let e = only_entry(home.path());
    assert_eq!(e["tags"], serde_json::json!(["lifting"]));
    assert_eq!(e["where"], serde_json::json!(["thigh-right"]));

    // A file from before limber kept them: no tags, where or took at all.
    let mut old: Value = serde_json::from_str(&export).expect("JSON");
    for key in ["tags", "where", "took"] {
        old["checkins"][0].as_object_mut().expect("row").remove(key);
    }
    let file = home.path().join("old.json");
    std::fs::write(&file, old.to_string()).expect("write");
    let other = tempfile::tempdir().expect("other");
    ok(other.path(), &["import", file.to_str().expect("path")]);
    let e = only_entry(other.path());
    assert_eq!(e["pain"], 5);
    assert_eq!(e["tags"], serde_json::json!([]));

    // A wrong place in a file is refused before anything is written.
    let mut bad: Value = serde_json::from_str(&export).expect("JSON");
    bad["checkins"][0]["where"] = serde_json::json!(["knee"]);
    let file = home.path().join("bad.json");
    std::fs::write(&file, bad.to_string()).expect("write");
    let third = tempfile::tempdir().expect("third");
    let (code, _, err) = run(third.path(), &["import", file.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(
        err.contains("checkins[0]: \"knee\" is not a place limber knows"),
        "{err}"
    );
}

#[test]
fn sample_data_has_tagged_days_and_the_report_finds_poor_sleep() {
    let home = tempfile::tempdir().expect("home");
    ok(home.path(), &["sample-data"]);
    let db = db(home.path());
    let days: u32 = sql(&db, "SELECT count(DISTINCT local_date) FROM checkins")
        .parse()
        .expect("days");
    let tagged: u32 = sql(
        &db,
        "SELECT count(DISTINCT c.local_date) FROM checkin_tags x JOIN checkins c ON c.id = x.checkin_id",
    )
    .parse()
    .expect("tagged");
    assert!(
        tagged * 10 > days && tagged * 2 < days,
        "{tagged} tagged days of {days}"
    );
    let report = json(home.path(), &["report", "--format", "json"]);
    let poor = report["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["name"] == "poor sleep")
        .expect("poor sleep is compared");
    let (with, without) = (
        poor["pain_with"].as_f64().expect("with"),
        poor["pain_without"].as_f64().expect("without"),
    );
    assert!(with > without + 0.3, "{with} against {without}");
    assert!(
        !report["locations"]
            .as_array()
            .expect("locations")
            .is_empty()
    );
    // Deterministic: a second store from the same seed holds the same tags.
    let again = tempfile::tempdir().expect("again");
    ok(again.path(), &["sample-data"]);
    let q = "SELECT group_concat(c.local_date || x.tag, ',') FROM checkin_tags x JOIN checkins c ON c.id = x.checkin_id";
    assert_eq!(
        sql(&db, q),
        sql(&again.path().join("data").join("limber.db"), q)
    );
}

#[test]
fn config_tags_errors_name_their_place_and_an_empty_list_is_allowed() {
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "tags = [\"travel\", \"a;b\"]\n").expect("config");
    let (code, _, err) = run(home.path(), &["report"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("config.toml:1:19: the tag \"a;b\" has a \";\""),
        "{err}"
    );
    // A recording command warns and goes on.
    let (code, _, err) = run(
        home.path(),
        &[
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "6",
            "--tag",
            "travel",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("config.toml:1:19"), "{err}");
    std::fs::write(config.join("config.toml"), "tags = []\n").expect("config");
    ok(home.path(), &["report"]);
}

#[test]
fn edit_tag_none_answers_the_tags_row_and_a_later_edit_keeps_it() {
    let home = tempfile::tempdir().expect("home");
    checkin(home.path(), "2026-11-20", 4, &[]);
    let db = db(home.path());
    let rows = "SELECT coalesce(group_concat(row, ','), '') FROM (SELECT row FROM checkin_answered ORDER BY row)";
    assert_eq!(sql(&db, rows), "", "nothing given, nothing answered");
    let id = only_entry(home.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    ok(home.path(), &["edit", &id[..8], "--tag", "none"]);
    assert_eq!(sql(&db, rows), "tags");
    assert_eq!(
        only_entry(home.path())["tags"],
        serde_json::json!([]),
        "none is no tag"
    );
    ok(
        home.path(),
        &["edit", &id[..8], "--where", "neck", "--took", "none"],
    );
    assert_eq!(sql(&db, rows), "tags,took");
}

#[test]
fn none_with_another_word_of_its_row_is_refused_and_nothing_is_saved() {
    // Finding: `--tag none --tag "poor sleep"` saved "poor sleep" and the
    // row as answered, with no word said.
    let home = tempfile::tempdir().expect("home");
    for (flag, word) in [
        ("--tag", "poor sleep"),
        ("--where", "lower-back"),
        ("--took", "ibuprofen"),
    ] {
        let (code, _, err) = run(
            home.path(),
            &[
                "checkin",
                "--pain",
                "3",
                "--anxiety",
                "2",
                "--mood",
                "5",
                flag,
                "None",
                flag,
                word,
            ],
        );
        assert_eq!(code, 2, "{flag}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("{flag} none")) && err.contains(word),
            "{err}"
        );
    }
    let (_, list, _) = run(home.path(), &["entries", "--format", "json"]);
    assert_eq!(list.trim(), "[]", "nothing saved");
    // In a correction, `--where none --where neck` clears the row and
    // marks neck (README): that stays.
}

#[test]
fn undo_of_an_edit_puts_the_answered_rows_back_as_they_were() {
    // Found in review: undo restored tags, places and what was taken, but
    // left the rows the edit had answered.
    let home = tempfile::tempdir().expect("home");
    checkin(home.path(), "2026-11-20", 4, &["--took", "none"]);
    let db = db(home.path());
    let rows = "SELECT coalesce(group_concat(row, ','), '') FROM (SELECT row FROM checkin_answered ORDER BY row)";
    assert_eq!(sql(&db, rows), "took");
    let id = only_entry(home.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    ok(home.path(), &["edit", &id[..8], "--tag", "none"]);
    assert_eq!(sql(&db, rows), "tags,took");
    ok(home.path(), &["undo"]);
    assert_eq!(sql(&db, rows), "took", "the edit's answer is taken back");
}
