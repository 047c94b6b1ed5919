//! Your numbers as sentences: this week and the streak, then the report of
//! the last twelve weeks. The figures are `reading`'s, the same that
//! `limber report --format json` gives; only the words are said for the ear
//! (no arrows, "minus" for a minus sign, "percent" for %).

use anyhow::Result;

use crate::env::Env;
use crate::insights::report::{END_DAYS, Report, ScaleChange};
use crate::model::Scale;
use crate::store::Store;

/// "about 13 minutes", "under a minute".
pub fn minutes(seconds: u32) -> String {
    match (seconds + 30) / 60 {
        0 => "under a minute".to_string(),
        1 => "1 minute".to_string(),
        m => format!("{m} minutes"),
    }
}

/// Said for the ear: "−8 %" is "minus 8 percent", "→" is "to", and
/// "2026-09-15" is "15 September 2026" (a speech synthesiser reads the
/// first as "two thousand and twenty-six dash zero nine dash fifteen").
fn spoken(line: &str) -> String {
    let line = line
        .replace('−', "minus ")
        .replace(" %", " percent")
        .replace(" → ", " to ");
    let mut out = String::with_capacity(line.len());
    let mut rest = line.as_str();
    while let Some((i, date)) = first_date(rest) {
        out.push_str(&rest[..i]);
        out.push_str(&format!("{} {} {}", date.day(), date.month(), date.year()));
        rest = &rest[i + 10..];
    }
    out.push_str(rest);
    out
}

/// The first ISO date in `text`, and where it starts.
fn first_date(text: &str) -> Option<(usize, time::Date)> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let shaped = candidate.bytes().enumerate().all(|(k, b)| match k {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        let alone = i == 0 || !bytes[i - 1].is_ascii_digit();
        (shaped && alone)
            .then(|| time::Date::parse(candidate, format).ok())
            .flatten()
            .map(|d| (i, d))
    })
}

/// "Pain: mean 5.0 in the first two weeks, 4.6 in the last two weeks, down
/// 0.4 points, 8 percent, within the usual variation, from 12 days and 11
/// days with check-ins."
pub fn scale_sentence(scale: Scale, c: &ScaleChange) -> String {
    let (Some(b), Some(cur)) = (c.baseline, c.current) else {
        return format!("{}.", spoken(&Report::scale_line(scale, c)));
    };
    let span = if c.period_days == END_DAYS {
        "two weeks".to_string()
    } else if c.period_days == 1 {
        "day".to_string()
    } else {
        format!("{} days", c.period_days)
    };
    // The change between the means as they are said (the report's), so
    // the sentence adds up.
    let (b1, cur1) = (format!("{b:.1}"), format!("{cur:.1}"));
    let diff = c.change_points.unwrap_or(cur - b);
    let how = if diff.abs() < 0.05 {
        "no change".to_string()
    } else if diff < 0.0 {
        format!("down {:.1} points", -diff)
    } else {
        format!("up {diff:.1} points")
    };
    // In points; pain also in percent, as its minimal important change is
    // 2 points or 30 %, and against that change.
    let pct = match scale {
        Scale::Pain => {
            let pct = c
                .change_pct
                .filter(|p| *p != 0)
                .map_or(String::new(), |p| format!(", {} percent", p.abs()));
            let verdict = if crate::insights::outcomes::pain_detectable(b, cur)
                == crate::insights::outcomes::Detectable::Within
            {
                ", within the usual variation"
            } else {
                ", at least its minimal important change"
            };
            format!("{pct}{verdict}")
        }
        _ => String::new(),
    };
    format!(
        "{}: mean {b1} in the first {span}, {cur1} in the last {span}, {how}{pct}, from {} and {} with check-ins.",
        scale.title(),
        days(c.n_baseline),
        days(c.n_current)
    )
}

/// "1 day", "12 days".
fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// The lines "Your numbers" says.
pub fn lines(store: &Store, env: &Env) -> Result<Vec<String>> {
    let today = env.clock.today();
    let goal = env.config.weekly_goal;
    let progress = crate::reading::progress_in_week(store, today, goal, env.config.week_start)?;
    let mut lines = vec![format!(
        "This week: {} of your goal of {} sessions. Streak: {} {}. Today: {}.",
        progress.this_week,
        progress.weekly_goal,
        progress.streak,
        if progress.streak == 1 { "day" } else { "days" },
        if progress.done_today {
            "done"
        } else if progress.flare_today {
            "a flare-up day"
        } else {
            "no session yet"
        }
    )];
    let from = crate::insights::report::default_from(today);
    let report = crate::reading::report(store, from, today, goal)?;
    lines.push(format!("{}.", spoken(&report.title())));
    let scale_lines: Vec<(String, String)> = report
        .scales()
        .into_iter()
        .map(|(scale, c)| (Report::scale_line(scale, c), scale_sentence(scale, c)))
        .collect();
    for line in report.progress_lines() {
        match scale_lines.iter().find(|(said, _)| *said == line) {
            Some((_, sentence)) => lines.push(sentence.clone()),
            None => lines.push(format!("{}.", spoken(&line))),
        }
    }
    lines.push(Report::NOTE.to_string());
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(baseline: Option<f64>, current: Option<f64>, pct: Option<i64>) -> ScaleChange {
        ScaleChange {
            baseline,
            current,
            change_pct: pct,
            // As the report works it out: from the means as shown.
            change_points: baseline.zip(current).map(|(b, c)| {
                let shown = |x: f64| format!("{x:.1}").parse::<f64>().expect("a number");
                shown(c) - shown(b)
            }),
            n_baseline: 12,
            n_current: 11,
            period_days: END_DAYS,
        }
    }

    #[test]
    fn a_scale_is_a_sentence_with_its_figures_and_their_counts() {
        assert_eq!(
            scale_sentence(Scale::Pain, &change(Some(5.04), Some(4.6), Some(-9))),
            "Pain: mean 5.0 in the first two weeks, 4.6 in the last two weeks, down 0.4 points, 9 percent, within the usual variation, from 12 days and 11 days with check-ins."
        );
        // Fear changes in points only: no threshold is cited for it.
        assert_eq!(
            scale_sentence(Scale::Fear, &change(Some(2.0), Some(3.25), Some(63))),
            "Fear of movement: mean 2.0 in the first two weeks, 3.2 in the last two weeks, up 1.2 points, from 12 days and 11 days with check-ins."
        );
        assert_eq!(
            scale_sentence(Scale::Mood, &change(Some(5.0), Some(5.0), Some(0))),
            "Mood: mean 5.0 in the first two weeks, 5.0 in the last two weeks, no change, from 12 days and 11 days with check-ins."
        );
    }

    #[test]
    fn signs_are_said_as_words() {
        assert_eq!(
            spoken("Pain: 5.0 → 4.6 (−8 %)"),
            "Pain: 5.0 to 4.6 (minus 8 percent)"
        );
    }
}
