//! `limber report --format html`: the report as one page a clinician can
//! read on paper. One self-contained file: inline CSS and inline SVG, no
//! script, nothing fetched; laid out to print on A4 or Letter in two pages
//! at most. The words are the terminal report's; the charts are drawn in
//! `charts` from `insights::charts`. Every text goes through `escape`.

mod charts;
pub mod clinician;

use std::fmt::Write as _;

use anyhow::Result;
use time::Date;

use crate::insights::charts::ReportCharts;
use crate::insights::outcomes::{Detectable, pain_detectable};
use crate::insights::report::{Report, ReportNote, ScaleChange};
use crate::model::{Scale, points_text, score_text};

/// Text made safe for HTML, as the content of an element (never an
/// attribute: a pair of backticks becomes a `<code>` element). limber's
/// own words only: what a person wrote goes through `plain`.
pub fn escape(text: &str) -> String {
    escaped(text, true)
}

/// What a person wrote (a note), made safe for HTML as it is: a backtick
/// stays a backtick.
pub fn plain(text: &str) -> String {
    escaped(text, false)
}

fn escaped(text: &str, backticks_are_code: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut code = false;
    for c in text.chars() {
        match c {
            // A mark that turns the direction of what follows would turn
            // figures round on paper ("16" read as "61"): left out.
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}' => {}
            // A command in the terminal's words (`limber fitness`) is set as code.
            '`' if backticks_are_code => {
                out.push_str(if code { "</code>" } else { "<code>" });
                code = !code;
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    if code {
        out.push_str("</code>");
    }
    out
}

const STYLE: &str = r#"
@page { margin: 10mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 184mm; padding: 0; color: #222;
  font-family: "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif;
  font-size: 8.4pt; line-height: 1.32; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.95em; }
h1 { font-size: 13pt; margin: 0 0 1mm; font-weight: 600; }
h2 { font-size: 9.4pt; margin: 3.2mm 0 1.2mm; font-weight: 600;
  border-bottom: 0.3mm solid #bbb; padding-bottom: 0.6mm; }
p { margin: 0 0 1.1mm; }
.meta { color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.5mm 2mm 0.5mm 0; vertical-align: top; }
thead th { font-weight: 600; border-bottom: 0.3mm solid #888; }
tbody tr + tr td { border-top: 0.2mm solid #e2e2e2; }
td.num { white-space: nowrap; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin: 1.5mm 0 0.5mm; }
figure svg { display: block; width: 100%; height: auto; }
.pair { display: flex; gap: 5mm; }
.pair > figure { flex: 1 1 0; }
.small { display: flex; gap: 2mm; flex-wrap: wrap; }
.small > figure { flex: 1 1 0; min-width: 21mm; max-width: 31mm; }
col.what { width: 31%; } col.n { width: 6%; } col.change { width: 31%; }
table.figures { font-size: 7.8pt; }
.small figcaption { font-size: 7.6pt; }
.note { color: #555; font-size: 7.8pt; }
ul { margin: 0; padding-left: 4.5mm; }
li { margin: 0 0 0.7mm; }
.words { columns: 2; column-gap: 6mm; }
.words li, .words p { break-inside: avoid; }
.safety { border: 0.4mm solid #222; padding: 1.4mm 3mm; margin-top: 2.5mm; break-inside: avoid;
  font-size: 7.6pt; line-height: 1.25; }
.safety h2 { border: 0; margin-top: 0; padding: 0; }
.safety h3 { font-size: 8.2pt; margin: 0.8mm 0 0.5mm; }
.safety .tiers { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }
.safety li { margin: 0 0 0.3mm; }
.safety p { margin: 1mm 0 0; }
section { break-inside: avoid; }
.blanks { margin: 1mm 0 1.2mm; }
.blank { display: inline-block; width: 70mm; border-bottom: 0.3mm solid #222; margin-right: 6mm; height: 3.6mm; vertical-align: bottom; }
.blank.short { width: 35mm; }
"#;

/// The report as an HTML page, made on `made` (today), with what a
/// clinician asks for beside it.
pub fn page(
    report: &Report,
    charts: &ReportCharts,
    clinician: &clinician::Clinician,
    made: Date,
) -> Result<String> {
    let mut h = String::new();
    let title = report.title();
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&format!("limber: {title}"))
    )?;
    write!(
        h,
        "<header>\n<h1>{}</h1>\n<p class=\"blanks\">Name: <span class=\"blank\"></span> Date of birth: <span class=\"blank short\"></span></p>\n<p class=\"meta\">{} {}</p>\n</header>\n",
        escape(&title),
        escape(&format!(
            "Made by limber on {made} from the person's own check-ins and sessions. Check-ins are 0 to 10: pain 0 none, 10 worst imaginable; anxiety 0 calm, 10 worst imaginable; mood 0 very low, 10 very good."
        )),
        // The terminal report's last words, here first: how to read it all.
        escape(Report::NOTE)
    )?;
    figures(&mut h, report)?;
    chart_section(&mut h, report, charts)?;
    words(&mut h, report)?;
    clinician::section(&mut h, clinician)?;
    if let Some(notes) = &report.notes {
        notes_section(&mut h, notes)?;
    }
    safety(&mut h)?;
    h.push_str("</body>\n</html>\n");
    Ok(h)
}

/// "4.0", or a dash for none.
fn one_place(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.1}"))
}

/// "−4 %", or nothing.
fn change(p: Option<i64>) -> String {
    match p {
        Some(p) if p < 0 => format!("−{} %", -p),
        Some(p) if p > 0 => format!("+{p} %"),
        Some(_) => "0 %".to_string(),
        None => String::new(),
    }
}

fn variation(d: Option<Detectable>) -> &'static str {
    match d {
        Some(Detectable::Within) => "within the usual variation",
        Some(Detectable::Up | Detectable::Down) => "more than the usual variation",
        None => "",
    }
}

fn row(h: &mut String, cells: [&str; 5]) -> Result<()> {
    let [what, start, now, change, from] = cells.map(escape);
    writeln!(
        h,
        "<tr><td>{what}</td><td class=\"num\">{start}</td><td class=\"num\">{now}</td><td>{change}</td><td>{from}</td></tr>"
    )?;
    Ok(())
}

/// The person's numbers in the study's terms, each with its n.
fn figures(h: &mut String, r: &Report) -> Result<()> {
    h.push_str("<section>\n<h2>The numbers, in the terms of the study behind limber</h2>\n<table class=\"figures\">\n<colgroup><col class=\"what\"><col class=\"n\"><col class=\"n\"><col class=\"change\"><col></colgroup>\n<thead><tr><th>Measure</th><th>Start</th><th>Now</th><th>Change</th><th>From</th></tr></thead>\n<tbody>\n");
    let scale = |h: &mut String, s: Scale, c: &ScaleChange, verdict: &str| {
        // A record one day long has check-ins but nothing to compare yet,
        // as the text report says.
        let from = if c.period_days == 0 && c.baseline.is_none() {
            "not enough days to compare yet".to_string()
        } else if c.n_baseline + c.n_current == 0 {
            "no check-ins".to_string()
        } else {
            format!("{} and {} days with check-ins", c.n_baseline, c.n_current)
        };
        let what = match s {
            Scale::Mood => "Mood (0–10, higher is better)".to_string(),
            s => format!("{} (0–10)", s.title()),
        };
        let mut ch = Report::scale_change(s, c).unwrap_or_default();
        if !verdict.is_empty() && !ch.is_empty() {
            ch = format!("{ch}, {verdict}");
        }
        row(
            h,
            [
                &what,
                &one_place(c.baseline),
                &one_place(c.current),
                &ch,
                &from,
            ],
        )
    };
    let pain_verdict = match (r.pain.baseline, r.pain.current) {
        (Some(b), Some(c)) => variation(Some(pain_detectable(b, c))),
        _ => "",
    };
    scale(h, Scale::Pain, &r.pain, pain_verdict)?;
    let w = &r.outcomes.wellbeing;
    let n = match w.n {
        0 => "no WHO-5 in these days".to_string(),
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    };
    // The WHO-5 changes in points: 10 points is its meaningful change.
    let mut ch = match (w.first, w.last) {
        (Some(first), Some(last)) if w.n >= 2 => {
            format!("{} points", points_text(f64::from(last) - f64::from(first)))
        }
        _ => String::new(),
    };
    if !variation(w.detectable).is_empty() {
        ch = format!("{ch}, {}", variation(w.detectable));
    }
    if w.too_soon {
        ch = "too soon to compare (under 14 days apart)".to_string();
    }
    let num = |x: Option<u32>| x.map_or("–".to_string(), |x| x.to_string());
    let last = if w.n >= 2 {
        num(w.last)
    } else {
        "–".to_string()
    };
    row(
        h,
        ["Wellbeing (WHO-5, 0–100)", &num(w.first), &last, &ch, &n],
    )?;
    let tests = &r.outcomes.fitness.tests;
    if tests.is_empty() {
        row(h, ["Fitness", "–", "–", "", "no self-test in these days"])?;
    }
    for t in tests {
        let last = if t.n >= 2 {
            t.last.to_string()
        } else {
            "–".to_string()
        };
        let mut ch = change(t.change_pct);
        if !variation(t.detectable).is_empty() {
            ch = format!("{ch}, {}", variation(t.detectable));
        }
        let n = match (t.practice_only, t.n) {
            (true, _) => "a practice try".to_string(),
            (_, 1) => "1 result".to_string(),
            (_, n) if t.from_practice => format!("{n} results, the first a practice try"),
            (_, n) => format!("{n} results"),
        };
        row(
            h,
            [
                &format!("Fitness: {} ({})", t.kind.title(), t.kind.unit()),
                &t.first.to_string(),
                &last,
                &ch,
                &n,
            ],
        )?;
    }
    for (name, c) in [
        (
            "Physical functioning (RAND-36, 0–100)",
            &r.outcomes.physical_functioning,
        ),
        ("Mental health (MHI-5, 0–100)", &r.outcomes.mental_health),
    ] {
        let score = |x: Option<f64>| x.map_or("–".to_string(), score_text);
        let ch = c
            .change_points
            .map_or(String::new(), |p| format!("{} points", points_text(p)));
        let n = match c.n {
            0 => "none in these days".to_string(),
            1 => "1 result".to_string(),
            n => format!("{n} results"),
        };
        let last = if c.n >= 2 {
            score(c.last)
        } else {
            "–".to_string()
        };
        row(h, [name, &score(c.first), &last, &ch, &n])?;
    }
    let s = &r.sessions;
    row(
        h,
        [
            "Sessions a week",
            "–",
            &format!("{:.1}", s.per_week),
            "",
            &format!(
                "{} in {} (goal {} a week), {} active minutes",
                if s.count == 1 {
                    "1 session".to_string()
                } else {
                    format!("{} sessions", s.count)
                },
                if s.days == 1 {
                    "1 day".to_string()
                } else {
                    format!("{} days", s.days)
                },
                s.goal_per_week,
                s.active_minutes
            ),
        ],
    )?;
    scale(h, Scale::Anxiety, &r.anxiety, "")?;
    scale(h, Scale::Mood, &r.mood, "")?;
    if r.fear.n_baseline + r.fear.n_current > 0 {
        scale(h, Scale::Fear, &r.fear, "")?;
    }
    h.push_str("</tbody>\n</table>\n");
    let (b, c) = match &r.window.compared {
        Some(c) => (
            format!("{} to {}", c.baseline_from, c.baseline_to),
            format!("{} to {}", c.current_from, c.current_to),
        ),
        None => (
            "the first two weeks".to_string(),
            "the last two weeks".to_string(),
        ),
    };
    let lines = r.study_lines();
    let study: Vec<&String> = lines.iter().rev().take(2).rev().collect();
    writeln!(
        h,
        "<p class=\"note\">{}</p>",
        escape(&format!(
            "Start and now for the check-ins: the mean of {b} and of {c}, each day's mean first. Tests, questionnaires: first and last result{}.",
            if r.outcomes.physical_functioning.n > 0 || r.outcomes.mental_health.n > 0 {
                "; RAND-36 in points only (no cited minimal important change)"
            } else {
                ""
            }
        ))
    )?;
    for line in study {
        writeln!(h, "<p>{}</p>", escape(line))?;
    }
    h.push_str("</section>\n");
    Ok(())
}

fn figure(h: &mut String, caption: &str, svg: &str) -> Result<()> {
    writeln!(
        h,
        "<figure>\n<figcaption>{}</figcaption>\n{svg}</figure>",
        escape(caption)
    )?;
    Ok(())
}

fn chart_section(h: &mut String, r: &Report, c: &ReportCharts) -> Result<()> {
    let each = match c.point_days() {
        1 => "each day's mean",
        7 => "each week's mean",
        _ => "each four weeks' mean",
    };
    figure(
        h,
        &format!(
            "Pain, anxiety and mood: {each} (0–10); a line breaks over more than three days without a check-in"
        ),
        &charts::daily(c)?,
    )?;
    h.push_str("<div class=\"pair\">\n");
    let few = c.weeks.len() <= 20;
    let caption = match c.block_days {
        7 => format!(
            "Sessions each week against the goal of {}{}",
            c.goal_per_week,
            if few {
                "; above each bar its active minutes"
            } else {
                ""
            }
        ),
        days => format!(
            "Sessions a week, over each {}, against the goal of {}{}",
            match days {
                28 => "four weeks",
                91 => "quarter (13 weeks)",
                _ => "year (52 weeks)",
            },
            c.goal_per_week,
            if few {
                "; above each bar its active minutes a week"
            } else {
                ""
            }
        ),
    };
    figure(h, &caption, &charts::weekly(c)?)?;
    let e = &r.session_effect;
    let pairs_caption = match e.pain_delta {
        Some(d) if c.point_days() > 1 => format!(
            "Pain before → after a session, {each}: the means of {} sessions with both (on average {}{:.1})",
            e.n,
            if d < 0.0 { "−" } else { "+" },
            d.abs()
        ),
        Some(d) => format!(
            "Pain before → after a session ({} with both; on average {}{:.1})",
            e.n,
            if d < 0.0 { "−" } else { "+" },
            d.abs()
        ),
        None => {
            "Pain before → after a session: none with a check-in before and after yet".to_string()
        }
    };
    figure(h, &pairs_caption, &charts::pairs(c)?)?;
    h.push_str("</div>\n");
    if !c.fitness.is_empty() || !c.who5.is_empty() {
        h.push_str("<div class=\"small\">\n");
        for (test, results) in &c.fitness {
            figure(
                h,
                &format!("{} ({})", test.title(), test.unit()),
                &charts::results(c, results, None)?,
            )?;
        }
        if !c.who5.is_empty() {
            figure(
                h,
                "Wellbeing, WHO-5 (0–100)",
                &charts::results(c, &c.who5, Some(100))?,
            )?;
        }
        h.push_str("</div>\n");
        if c.fitness.iter().any(|(_, r)| r.iter().any(|r| r.practice)) {
            writeln!(
                h,
                "<p class=\"note\">{}</p>",
                escape(
                    "A ring is a practice try (the first try of a test ever made); each point is the day's best try."
                )
            )?;
        }
    }
    Ok(())
}

/// The terminal report's words: the progress lines, the study's lines and
/// what goes with the pain.
fn words(h: &mut String, r: &Report) -> Result<()> {
    h.push_str("<section>\n<h2>In words</h2>\n<ul class=\"words\">\n");
    // The study's last two lines stand under the numbers already, and so
    // do the scales and the sessions, with the same figures and n: the
    // words say here only what the table does not, so the page stays two.
    let study = r.study_lines();
    let study = &study[..study.len().saturating_sub(2)];
    let in_table: Vec<String> = r
        .scales()
        .into_iter()
        .map(|(scale, c)| Report::scale_line(scale, c))
        .collect();
    for line in r.progress_lines() {
        // The exposure ladder's lines, one an activity, are left to
        // `limber report` and History: with a long ladder the page would
        // run to three.
        let ladder = r.ladder.iter().any(|l| l.sentence == line);
        if in_table.contains(&line) || line.starts_with("Sessions: ") || ladder {
            continue;
        }
        writeln!(h, "<li>{}</li>", escape(&line))?;
    }
    // Of the study's lines, only those saying there is nothing yet: each
    // test, fitness overall and the WHO-5 have their rows in the table.
    let o = &r.outcomes;
    for line in study {
        let none = (line.starts_with("Fitness:") && o.fitness.tests.is_empty())
            || (line.starts_with("Wellbeing") && o.wellbeing.n == 0);
        if none {
            writeln!(h, "<li>{}</li>", escape(line))?;
        }
    }
    h.push_str("</ul>\n</section>\n");
    writeln!(
        h,
        "<section>\n<h2>{}</h2>\n<div class=\"words\">",
        escape(Report::CONTEXT_HEADING)
    )?;
    let c = &r.context;
    // What there is none of yet comes first, then each finding.
    let said = c.lines();
    for line in r.context_lines().iter().filter(|l| !said.contains(l)) {
        writeln!(h, "<p>{}</p>", escape(line))?;
    }
    for paragraph in c.paragraphs() {
        writeln!(h, "<p>{}</p>", escape(&paragraph.join(" ")))?;
    }
    h.push_str("</div>\n</section>\n");
    Ok(())
}

fn notes_section(h: &mut String, notes: &[ReportNote]) -> Result<()> {
    writeln!(
        h,
        "<section>\n<h2>{}</h2>",
        escape(&Report::notes_heading(notes))
    )?;
    if !notes.is_empty() {
        h.push_str("<table>\n<tbody>\n");
        for n in notes {
            let when = match &n.time {
                Some(t) => format!("{} {t}", n.date),
                None => n.date.clone(),
            };
            writeln!(
                h,
                "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&when),
                escape(&n.kind),
                plain(&crate::text::one_line(&n.note))
            )?;
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
    Ok(())
}

/// The red-flag list in its two tiers, as the app's safety notice says it.
fn safety(h: &mut String) -> Result<()> {
    use crate::safety::{NOT_A_DOCTOR, STOP, Tier};
    writeln!(
        h,
        "<section class=\"safety\">\n<h2>{}</h2>",
        escape("Signs that need help now")
    )?;
    // The two tiers side by side, so the box fits under the rest of page two.
    h.push_str("<div class=\"tiers\">\n");
    for tier in Tier::ALL {
        writeln!(h, "<div>\n<h3>{}</h3>\n<ul>", escape(tier.heading()))?;
        for sign in tier.signs() {
            writeln!(h, "<li>{}</li>", escape(sign))?;
        }
        h.push_str("</ul>\n</div>\n");
    }
    h.push_str("</div>\n");
    writeln!(
        h,
        "<p>{}</p>\n</section>",
        escape(&format!("{NOT_A_DOCTOR} {STOP}"))
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_comes_out_as_text() {
        assert_eq!(
            escape("<script>alert('1')</script> & \"</svg>\""),
            "&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt; &amp; &quot;&lt;/svg&gt;&quot;"
        );
    }

    /// A right-to-left override in a tag printed "61 other days" as "16".
    #[test]
    fn direction_marks_are_left_out_so_figures_read_as_written() {
        assert_eq!(
            escape("you tagged \u{0623}\u{202E}evil your pain averaged 5.5; on the 61 other days"),
            "you tagged \u{0623}evil your pain averaged 5.5; on the 61 other days"
        );
        assert_eq!(escape("a\u{2067}b\u{2069}\u{200F}c"), "abc");
    }

    #[test]
    fn a_command_in_backticks_is_set_as_code() {
        assert_eq!(
            escape("none yet (`limber wellbeing`)"),
            "none yet (<code>limber wellbeing</code>)"
        );
        // One left open is closed at the end of its text.
        assert_eq!(escape("`a <b>"), "<code>a &lt;b&gt;</code>");
        // A note is the person's words: its backticks stay backticks.
        assert_eq!(plain("ran `late` <3"), "ran `late` &lt;3");
    }
}
