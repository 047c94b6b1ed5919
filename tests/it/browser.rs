//! The printed report in a real browser: headless Chromium prints
//! `report --format html` to PDF on A4 and on Letter and takes a
//! screenshot of it; poppler's tools read the PDF back. The page count is
//! two at most, the PDF's text holds the report's figures (from `report
//! --format json`), and neither the printed page nor the screenshot is
//! blank.
//!
//! Needs `chromium` and `poppler-utils` (`.ci/run` installs them). Without
//! them a plain `cargo test` does not run it and says so on stderr, by
//! name, with how to install them; with `LIMBER_REQUIRE_BROWSER=1` (as
//! `.ci/run` sets) their absence fails it.

use crate::common;
use crate::report_html_data;

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use report_html_data::{diary, figures, report_json};

const INSTALL: &str = "install them with `apt-get install -y chromium poppler-utils` (Debian; .ci/run does it when they are missing)";
/// The longest a browser or a poppler tool may run before it is killed.
const LIMIT: Duration = Duration::from_secs(60);

/// A program on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn find_browser() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| on_path(name))
        .or_else(|| Some(PathBuf::from("/usr/bin/chromium")).filter(|p| p.is_file()))
}

fn browser() -> PathBuf {
    find_browser().unwrap_or_else(|| {
        panic!("no browser found (chromium, chromium-browser or google-chrome on PATH, or /usr/bin/chromium): {INSTALL}")
    })
}

/// Poppler's tools this test runs.
const POPPLER: [&str; 3] = ["pdfinfo", "pdftotext", "pdftoppm"];

/// Whether the browser and poppler are here to run `test`. When one is
/// missing: a failure under LIMBER_REQUIRE_BROWSER=1, else a line on
/// stderr naming the test as not run (written past the test harness's
/// capture, so a passing run shows it) and `false`.
fn tools_for(test: &str) -> bool {
    let mut missing: Vec<&str> = Vec::new();
    if find_browser().is_none() {
        missing.push("chromium");
    }
    missing.extend(POPPLER.iter().filter(|tool| on_path(tool).is_none()));
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(", ");
    if std::env::var_os("LIMBER_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
        panic!("{missing} not found, and LIMBER_REQUIRE_BROWSER=1: {INSTALL}");
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "NOT RUN: {test}: {missing} not found; install them with `apt-get install chromium poppler-utils` (Debian), or run .ci/run"
    );
    false
}

fn poppler(tool: &str) -> PathBuf {
    on_path(tool).unwrap_or_else(|| panic!("{tool} not found on PATH: {INSTALL}"))
}

/// Runs `cmd` in its own process group; kills the group if it takes
/// longer than `LIMIT`. Returns its standard output; panics on a failure.
fn run_limited(mut cmd: Command, what: &str) -> Vec<u8> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let group = nix::unistd::Pid::from_raw(child.id() as i32);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(Ok(out)) => {
            assert!(
                out.status.success(),
                "{what} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            // A browser's helpers must not outlive it.
            let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
            out.stdout
        }
        Ok(Err(e)) => panic!("{what}: {e}"),
        Err(_) => {
            let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
            panic!("{what} took over {} s and was stopped", LIMIT.as_secs());
        }
    }
}

/// Chromium, headless, with a fresh profile in `dir` and nothing reaching
/// out: no network of its own, no updates, no sync.
fn chromium(dir: &Path) -> Command {
    let profile = tempfile::tempdir_in(dir).expect("a profile folder");
    let mut cmd = Command::new(browser());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.keep().display()));
    cmd
}

fn url(file: &Path) -> String {
    format!("file://{}", file.display())
}

/// Prints `html` to `pdf` in the browser.
fn print(dir: &Path, html: &Path, pdf: &Path) {
    let mut cmd = chromium(dir);
    cmd.arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url(html));
    run_limited(cmd, "chromium --print-to-pdf");
    assert!(pdf.is_file(), "no PDF written");
}

/// "Pages: 2" and "Page size: ... (A4)" from pdfinfo.
fn pdfinfo(pdf: &Path) -> (u32, String) {
    let mut cmd = Command::new(poppler("pdfinfo"));
    cmd.arg(pdf);
    let info = String::from_utf8(run_limited(cmd, "pdfinfo")).expect("UTF-8");
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in pdfinfo's output:\n{info}"))
    };
    let pages = field("Pages:").parse().expect("a page count");
    (pages, field("Page size:"))
}

fn pdftotext(pdf: &Path) -> String {
    let mut cmd = Command::new(poppler("pdftotext"));
    cmd.arg(pdf).arg("-");
    let text = String::from_utf8(run_limited(cmd, "pdftotext")).expect("UTF-8");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The share of page one's pixels that are not white, from a small
/// grey-scale raster (pdftoppm's binary PGM, P5, read here).
fn ink_on_page_one(pdf: &Path, dir: &Path) -> f64 {
    let root = dir.join("page");
    let mut cmd = Command::new(poppler("pdftoppm"));
    cmd.args(["-gray", "-r", "20", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&root);
    run_limited(cmd, "pdftoppm");
    let bytes = std::fs::read(root.with_extension("pgm")).expect("the PGM");
    // "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "not a binary PGM");
    let (w, h): (usize, usize) = (
        fields[1].parse().expect("width"),
        fields[2].parse().expect("height"),
    );
    assert_eq!(fields[3], "255");
    let pixels = &bytes[at + 1..];
    assert_eq!(pixels.len(), w * h, "a short PGM");
    pixels.iter().filter(|&&p| p < 200).count() as f64 / (w * h) as f64
}

/// The width and height in a PNG's header, after checking its signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR",
        "not a PNG"
    );
    let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (word(16), word(20))
}

fn screenshot(dir: &Path, html: &Path, png: &Path) -> Vec<u8> {
    let mut cmd = chromium(dir);
    cmd.arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1000,1300")
        .arg("--hide-scrollbars")
        .arg(url(html));
    run_limited(cmd, "chromium --screenshot");
    std::fs::read(png).expect("the screenshot")
}

#[test]
fn the_report_prints_on_two_pages_of_a4_and_of_letter_with_its_figures() {
    if !tools_for("browser::the_report_prints_on_two_pages_of_a4_and_of_letter_with_its_figures") {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    diary(home.path());
    let json = report_json(home.path());
    let dir = home.path();
    let html = dir.join("report.html");
    let (code, _, err) = common::run(
        dir,
        &[
            "report",
            "--format",
            "html",
            "--notes",
            "--out",
            html.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).expect("the page");
    assert!(
        page.contains("@page { margin"),
        "the page's @page rule moved"
    );
    for (size, shown) in [("A4", "(A4)"), ("letter", "(letter)")] {
        // The same page with its paper named, as a browser's print dialog
        // would choose it.
        let sized = dir.join(format!("report-{size}.html"));
        std::fs::write(
            &sized,
            page.replace("@page { margin", &format!("@page {{ size: {size}; margin")),
        )
        .expect("write");
        let pdf = dir.join(format!("report-{size}.pdf"));
        print(dir, &sized, &pdf);
        let (pages, paper) = pdfinfo(&pdf);
        assert!(paper.ends_with(shown), "printed on {paper}, not {size}");
        assert!(
            (1..=2).contains(&pages),
            "{pages} pages on {size}: the report must fit on two"
        );
        let text = pdftotext(&pdf);
        for figure in figures(&json) {
            assert!(
                text.contains(&figure),
                "{figure} is not in the PDF on {size}:\n{text}"
            );
        }
        for words in [
            "these describe what happened, not why",
            "Call 999 or go to A&E now if you have back pain and:",
            "pain at night that rest does not ease",
            "<script>alert(1)</script>",
        ] {
            assert!(text.contains(words), "{words} is not in the PDF on {size}");
        }
        let ink = ink_on_page_one(&pdf, dir);
        assert!(
            (0.02..0.6).contains(&ink),
            "page one on {size} is {:.1} % ink: blank, or a block",
            ink * 100.0
        );
    }
    // The screenshot: a PNG of the window's size, and far more to it than
    // an empty page's screenshot of the same size.
    let png = screenshot(dir, &html, &dir.join("report.png"));
    assert_eq!(png_size(&png), (1000, 1300));
    let empty = dir.join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><title>empty</title>").expect("write");
    let blank = screenshot(dir, &empty, &dir.join("empty.png"));
    assert_eq!(png_size(&blank), (1000, 1300));
    assert!(
        png.len() > 5 * blank.len(),
        "the screenshot ({} bytes) is hardly more than a blank one ({} bytes)",
        png.len(),
        blank.len()
    );
}
