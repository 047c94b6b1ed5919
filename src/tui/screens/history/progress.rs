//! History's Progress tab: each stepped exercise's level week by week in
//! the programme followed now, and the fitness tests' and the WHO-5's
//! results over the range, oldest first, each with its number of results.
//! Plain text and numbers, so it reads the same without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::HistoryData;
use crate::keymap::{Action, Keymap};
use crate::model::FitnessTest;
use crate::text::{columns, fit, one_line};
use crate::tui::{keys, theme::Theme};

/// How far the lines can scroll: past this the last line is at the top.
pub(super) fn lines_count(data: &HistoryData, width: u16, map: &Keymap) -> u16 {
    u16::try_from(lines(data, width, map, &Theme::default()).len()).unwrap_or(u16::MAX)
}

pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &HistoryData,
    scroll: u16,
    map: &Keymap,
    theme: &Theme,
) {
    let all = lines(data, area.width, map, theme);
    let shown: Vec<Line> = all.into_iter().skip(usize::from(scroll)).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// Every line of the tab, each fitted to `width` ("…" where cut).
fn lines(data: &HistoryData, width: u16, map: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out = Vec::new();
    match &data.levels {
        None => out.push(Line::styled(
            fit(
                "Levels: no programme followed now (limber programme start SLUG begins one).",
                w,
            ),
            theme.dim,
        )),
        Some(levels) if levels.week == 0 => out.push(Line::styled(
            fit(
                &format!(
                    "Levels: {} has not started yet.",
                    one_line(&levels.programme)
                ),
                w,
            ),
            theme.dim,
        )),
        Some(levels) => {
            out.push(Line::styled(
                fit(
                    &format!(
                        "Levels in {}, week {} of {}",
                        one_line(&levels.programme),
                        levels.week,
                        levels.weeks
                    ),
                    w,
                ),
                theme.title,
            ));
            if levels.rows.is_empty() {
                out.push(Line::styled(
                    fit("No exercise in it steps up.", w),
                    theme.dim,
                ));
            }
            // The name column, then three columns a week: the newest weeks
            // that fit.
            let names: Vec<String> = levels
                .rows
                .iter()
                .map(|(head, _, _)| one_line(head))
                .collect();
            let name_width = names
                .iter()
                .map(|n| columns(n))
                .max()
                .unwrap_or(4)
                .clamp(4, 22)
                .min(w.saturating_sub(13).max(4));
            // "  of 7" after the weeks.
            let fits = (w.saturating_sub(name_width + 6) / 3).max(1);
            let weeks = levels.week as usize;
            let first = weeks.saturating_sub(fits);
            let head: String = (first + 1..=weeks).map(|k| format!("{k:>3}")).collect();
            let label = if first > 0 { "Week …" } else { "Week" };
            out.push(Line::styled(
                fit(&format!("{label:<name_width$}{head}"), w),
                theme.dim,
            ));
            for (name, (_, most, by_week)) in names.iter().zip(&levels.rows) {
                // "·": a week whose phase does not step it.
                let cells: String = by_week
                    .iter()
                    .skip(first)
                    .map(|l| l.map_or_else(|| format!("{:>3}", "·"), |l| format!("{l:>3}")))
                    .collect();
                out.push(Line::raw(fit(
                    &format!(
                        "{}{cells}  of {most}",
                        pad(&fit(name, name_width), name_width)
                    ),
                    w,
                )));
            }
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        fit(
            if w >= 56 {
                "Fitness tests (the first try of each is practice)"
            } else {
                "Fitness tests (first tries: practice)"
            },
            w,
        ),
        theme.title,
    ));
    for test in FitnessTest::ALL {
        let results: Vec<String> = data
            .fitness
            .iter()
            .filter(|r| r.test == test)
            .map(|r| {
                if r.practice {
                    format!("{} (practice)", r.value)
                } else {
                    r.value.to_string()
                }
            })
            .collect();
        // The knee side bridge is done instead of the one from the feet:
        // only once it has a result does it take a line.
        let knees = matches!(
            test,
            FitnessTest::SideBridgeKneesLeft | FitnessTest::SideBridgeKneesRight
        );
        if knees && results.is_empty() {
            continue;
        }
        // A narrow terminal leaves out the unit.
        let name = if w >= 56 {
            format!("{}, {}: ", test.title(), test.unit())
        } else {
            format!("{}: ", test.title())
        };
        out.push(over_time(&name, &results, w, theme));
    }
    if data.fitness.is_empty() {
        out.push(none_in_range(
            &format!(
                "{} on Today for the check",
                keys::first(map, Action::FitnessCheck)
            ),
            w,
            theme,
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(fit("WHO-5 wellbeing, 0–100", w), theme.title));
    let scores: Vec<String> = data
        .who5
        .iter()
        .map(|r| r.who5.score().to_string())
        .collect();
    out.push(over_time("Scores: ", &scores, w, theme));
    if data.who5.is_empty() {
        out.push(none_in_range(
            &format!("{} on Today", keys::first(map, Action::Wellbeing)),
            w,
            theme,
        ));
    }
    out
}

/// "None in this range (f on Today for the check).": where to add one.
fn none_in_range(how: &str, width: usize, theme: &Theme) -> Line<'static> {
    Line::styled(
        fit(&format!("None in this range ({how})."), width),
        theme.dim,
    )
}

/// "Name: 9 (practice) → 10 → 11 · n 3"; when too wide, the oldest results
/// give way to "…" so the newest stay in sight.
fn over_time(name: &str, results: &[String], width: usize, theme: &Theme) -> Line<'static> {
    if results.is_empty() {
        return Line::from(vec![
            Span::raw(fit(name.trim_end_matches(' '), width)),
            Span::styled(
                fit(" none yet", width.saturating_sub(columns(name))),
                theme.dim,
            ),
        ]);
    }
    let n = format!(" · n {}", results.len());
    let mut skip = 0;
    loop {
        let shown = &results[skip..];
        let joined = shown.join(" → ");
        let text = if skip > 0 {
            format!("{name}… {joined}{n}")
        } else {
            format!("{name}{joined}{n}")
        };
        if columns(&text) <= width || skip + 1 >= results.len() {
            return Line::raw(fit(&text, width));
        }
        skip += 1;
    }
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_results_stay_in_sight() {
        let values: Vec<String> = (10..20).map(|v| v.to_string()).collect();
        let line = over_time("Chair: ", &values, 30, &Theme::default());
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.starts_with("Chair: … "), "{text}");
        assert!(text.ends_with("19 · n 10"), "{text}");
        assert!(columns(&text) <= 30);
        let line = over_time("Chair: ", &values[..2], 30, &Theme::default());
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Chair: 10 → 11 · n 2");
    }
}
