//! `limber report --format html`: one self-contained page, from the real
//! binary on a made-up diary with the clock pinned. It names no script and
//! no address, holds the report's figures and words, and shows markup a
//! person typed as text. (Printing it in a browser: tests/browser.rs.)

use crate::common;
use crate::report_html_data;

use common::run;
use report_html_data::{HOSTILE_NOTE, diary, figures, report_json};

fn html(home: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["report", "--format", "html"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(home, &args);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    out
}

/// The page's text as a reader sees it: the style sheet left out, each tag
/// taken away, a line ended after each block, spaces collapsed.
fn text_of(html: &str) -> String {
    let without_style = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b + "</style>".len()..]),
        _ => html.to_string(),
    };
    let mut text = String::new();
    let mut rest = without_style.as_str();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        let ends_block = [
            "</p",
            "</li",
            "</tr",
            "</h1",
            "</h2",
            "</figcaption",
            "</text",
            "</title",
        ]
        .iter()
        .any(|t| tag.starts_with(t));
        text.push(if ends_block { '\n' } else { ' ' });
        rest = &rest[close..];
    }
    text.push_str(rest);
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        // As a browser shows it: the five escapes the page uses, `&` last.
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_page_is_self_contained_and_holds_the_reports_figures() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let page = html(home.path(), &[]);
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    let lower = page.to_lowercase();
    for banned in [
        "<script", "http://", "https://", "src=", "href=", "url(", "@import", "<link", "<img",
        "<iframe", "<object", "<embed",
    ] {
        assert!(!lower.contains(banned), "the page names {banned}");
    }
    assert!(page.contains("<svg"), "no chart drawn");
    assert!(page.contains("@page"), "no print layout");
    let text = text_of(&page).replace('\n', " ");
    for figure in figures(&report_json(home.path())) {
        assert!(
            text.contains(&figure),
            "{figure} is not in the page:\n{text}"
        );
    }
    for words in [
        "What goes with your pain (these describe what happened, not why)",
        "Call 999 or go to A&E now if you have back pain and:",
        "loss of bladder or bowel control, or new difficulty peeing",
        "Ask for an urgent GP appointment or call NHS 111 if you have back pain and:",
        "you have had cancer",
        "They describe what happened; they do not say why",
        "Wellbeing, WHO-5 (0–100)",
        "30-second chair stand (stands)",
    ] {
        assert!(text.contains(words), "{words} is not in the page");
    }
    // What a clinician asks for: blank lines for who it is, the programme
    // with its week and levels, flare days and gentle sessions, what was
    // taken over time, the leg entries; and the knee side bridge on its own
    // row, never as the side bridge from the feet.
    for words in [
        "Name: Date of birth:",
        "For the clinician",
        "Programme: Back to strength, started 2026-09-07, week 12 of 12; levels: ",
        "Flare days: 1 day (2026-10-20).",
        "Gentle sessions (the gentler version of a routine): 0 of ",
        "Taken or done for the pain, days in each four weeks from 2026-09-03, 2026-10-01, 2026-10-29: heat pack ",
        "Pain below the knee: marked on ",
        "numbness or tingling with pain below the knee (a tag or note): ",
        "Fitness: Knee side bridge, left (seconds) 40 61 +53 % 3 results, the first a practice try",
        "Fitness: Side bridge, left (seconds) 25 34 +36 % 2 results",
        "Physical functioning (RAND-36, 0–100) 55 70 +15 points 2 results",
    ] {
        assert!(text.contains(words), "{words} is not in the page:\n{text}");
    }
    assert_eq!(
        page.matches("<span class=\"blank").count(),
        2,
        "two blank lines"
    );
    // Notes are private: only with --notes.
    assert!(!page.contains("alert(1)"), "a note without --notes");
    assert!(!text.contains("Your notes"));
}

#[test]
fn markup_in_a_note_or_a_tag_comes_out_as_text() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let page = html(home.path(), &["--notes"]);
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot;"),
        "the note is not escaped whole"
    );
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"));
    assert!(!lower.contains("<img"));
    // Every </svg> closes a chart: as many as open.
    assert_eq!(page.matches("<svg").count(), page.matches("</svg>").count());
    // And a browser shows the note as it was typed.
    assert!(text_of(&page).contains(&format!("2026-11-24 09:00 check-in {HOSTILE_NOTE}")));
    // The tag, on enough days to be compared, is named as text.
    assert!(
        page.contains("you tagged &lt;b&gt;tag&lt;/b&gt; and the 39 days without it"),
        "the tag is not escaped"
    );
    assert!(!page.contains("<b>"));
}

#[test]
fn the_pages_text_reads_the_same_as_before() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    insta::assert_snapshot!(
        "report_html_text",
        text_of(&html(home.path(), &["--notes"]))
    );
}

#[test]
fn out_writes_the_page_to_a_file_and_says_where_in_one_line() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let file = home.path().join("report.html");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let (code, out, err) = run(
        home.path(),
        &["report", "--format", "html", "--out", file_arg],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!("Wrote the report for 2026-09-03 to 2026-11-25 to {file_arg}.\n")
    );
    let written = std::fs::read_to_string(&file).expect("the page");
    assert_eq!(written, html(home.path(), &[]));
    // Nothing left beside it.
    let names: Vec<String> = std::fs::read_dir(home.path())
        .expect("home")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("limber-tmp"))
        .collect();
    assert_eq!(names, Vec::<String>::new());
}

#[test]
fn out_refuses_the_store_itself() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let db = home.path().join("data").join("limber.db");
    let before = std::fs::read(&db).expect("the store");
    let (code, _, err) = run(
        home.path(),
        &[
            "report",
            "--format",
            "html",
            "--out",
            db.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("one of limber's own files"), "{err}");
    assert_eq!(std::fs::read(&db).expect("the store"), before);
}

/// Another data folder's store (a copy on the same machine) is refused as
/// the report's file, as `export --out` refuses it: it is left as it was.
#[test]
fn out_refuses_another_stores_database() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let other = home.path().join("other");
    std::fs::create_dir_all(&other).expect("other folder");
    let db = other.join("limber.db");
    std::fs::copy(home.path().join("data").join("limber.db"), &db).expect("copy");
    let before = std::fs::read(&db).expect("the copy");
    for format in ["html", "json"] {
        let (code, _, err) = run(
            home.path(),
            &[
                "report",
                "--format",
                format,
                "--out",
                db.to_str().expect("a UTF-8 path"),
            ],
        );
        assert_ne!(code, 0, "{format}");
        assert!(err.contains("is a SQLite database"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(std::fs::read(&db).expect("the copy"), before, "{format}");
    }
    let (code, _, err) = run(
        home.path(),
        &["export", "--out", db.to_str().expect("a UTF-8 path")],
    );
    assert_ne!(code, 0);
    assert!(err.contains("is a SQLite database"), "{err}");
    assert_eq!(std::fs::read(&db).expect("the copy"), before);
}

#[test]
fn a_year_long_window_draws_a_point_a_week_and_a_bar_each_four_weeks() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let text = text_of(&html(home.path(), &["--from", "2025-11-26"]))
        .replace('\n', " ")
        .replace("&#39;", "'");
    for words in [
        "Pain, anxiety and mood: each week's mean (0–10)",
        "Sessions a week, over each four weeks, against the goal of 3; above each bar its active minutes a week",
        "Pain before → after a session, each week's mean: the means of",
    ] {
        assert!(text.contains(words), "{words} is not in the page:\n{text}");
    }
    // Session days are marked only when a point is a day.
    assert!(!text.contains("a session that day"));
}

#[test]
fn out_writes_the_other_formats_too() {
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    for format in ["text", "markdown", "json"] {
        let file = home.path().join(format!("report.{format}"));
        let file_arg = file.to_str().expect("a UTF-8 path");
        let (code, out, err) = run(
            home.path(),
            &["report", "--format", format, "--out", file_arg],
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "");
        assert_eq!(err.lines().count(), 1, "{err}");
        let (_, printed, _) = run(home.path(), &["report", "--format", format]);
        assert_eq!(std::fs::read_to_string(&file).expect("written"), printed);
    }
}

#[test]
fn the_clinicians_section_names_the_emergency_signs_a_check_in_recorded() {
    // Finding: notes naming saddle numbness and the bladder, and both legs
    // marked numb, showed only the generic list on the printed page.
    let home = tempfile::tempdir().expect("temp dir");
    let checkin = |at: &str, extra: &[&str]| {
        let mut args = vec![
            "checkin",
            "--pain",
            "4",
            "--anxiety",
            "3",
            "--mood",
            "5",
            "--at",
            at,
        ];
        args.extend_from_slice(extra);
        let (code, _, err) = run(home.path(), &args);
        assert_eq!(code, 0, "{err}");
    };
    checkin(
        "2026-11-10 08:00",
        &["--note", "saddle area numb, bladder odd"],
    );
    checkin(
        "2026-11-12 08:00",
        &[
            "--where",
            "leg-below-knee-left",
            "--where",
            "leg-below-knee-right",
            "--tag",
            "numb",
        ],
    );
    checkin("2026-11-14 08:00", &["--note", "stiff after the drive"]);
    let text = text_of(&html(home.path(), &[]));
    assert!(
        text.contains("emergency signs named at a check-in (note or marks): 2026-11-10 (bladder, saddle numbness); 2026-11-12 (both legs)."),
        "{text}"
    );
    let empty = tempfile::tempdir().expect("temp dir");
    diary(empty.path());
    assert!(
        !text_of(&html(empty.path(), &[])).contains("emergency signs named"),
        "a record without them names none"
    );
}

#[test]
fn a_record_one_day_long_says_it_has_nothing_to_compare_yet() {
    // Finding: 37 check-ins on one day read "no check-ins" in the table,
    // and "0 sessions in 1 days".
    let home = tempfile::tempdir().expect("temp dir");
    for hour in ["07", "08", "09"] {
        let at = format!("2026-11-25 {hour}:00");
        let (code, _, err) = run(
            home.path(),
            &[
                "checkin",
                "--pain",
                "4",
                "--anxiety",
                "3",
                "--mood",
                "5",
                "--at",
                &at,
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(home.path(), &["report", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let text = text_of(&out);
    assert!(
        text.contains("Pain (0–10) – – not enough days to compare yet"),
        "{text}"
    );
    assert!(!text.contains("no check-ins"), "{text}");
    assert!(text.contains("0 sessions in 1 day "), "{text}");
}
