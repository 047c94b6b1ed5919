//! A routine's detail: its exercises with durations, sets, sides,
//! instructions and what to stop for. Enter starts it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Config;
use crate::routine::{Amount, Routine, format_length};
use crate::text::one_line;
use crate::tui::widgets::wrap;
use crate::tui::{keys, theme};

#[derive(Debug, Clone)]
pub struct Detail {
    pub routine: Routine,
    pub scroll: u16,
}

fn exercise_lines(routine: &Routine, config: &Config, width: u16) -> Vec<Line<'static>> {
    let indented = |text: &str| {
        wrap(&one_line(text), usize::from(width.saturating_sub(4)))
            .into_iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
    };
    let mut lines = Vec::new();
    for (i, e) in routine.exercises.iter().enumerate() {
        let amount = match e.amount {
            Amount::Seconds(s) => format_length(s),
            Amount::Reps(r) => format!("{r} reps"),
        };
        let mut parts = vec![if e.sets > 1 {
            format!("{} sets × {amount}", e.sets)
        } else {
            amount
        }];
        if e.both_sides {
            parts.push("each side".to_string());
        }
        let rest = e.rest.unwrap_or(config.default_rest);
        let last = i + 1 == routine.exercises.len();
        // The last exercise rests only between its own sets and sides.
        if rest > 0 && (!last || e.rounds() > 1) {
            parts.push(format!("rest {}", format_length(rest)));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:>2}. {}", i + 1, one_line(&e.name)),
                theme::title(),
            ),
            Span::styled(
                format!("  {} · {}", e.kind, parts.join(" · ")),
                theme::dim(),
            ),
        ]));
        lines.extend(indented(&e.instructions).into_iter().map(Line::raw));
        if let Some(stop) = &e.stop_if {
            lines.extend(
                indented(stop)
                    .into_iter()
                    .map(|l| Line::styled(l, theme::dim())),
            );
        }
    }
    lines
}

impl Detail {
    pub fn draw(&self, frame: &mut Frame, area: Rect, config: &Config) {
        let [title, summary, _, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let r = &self.routine;
        frame.render_widget(Line::styled(one_line(&r.name), theme::title()), title);
        let total = r.total_seconds(config.get_ready, config.default_rest);
        let mut text = format!(
            "{} exercises · about {}",
            r.exercises.len(),
            crate::routine::format_about(total)
        );
        if !r.description.is_empty() {
            text.push_str(&format!(" · {}", one_line(&r.description)));
        }
        frame.render_widget(Line::styled(text, theme::dim()), summary);
        frame.render_widget(
            Paragraph::new(exercise_lines(r, config, body.width)).scroll((self.scroll, 0)),
            body,
        );
        frame.render_widget(keys::footer(keys::DETAIL, footer.width), footer);
    }
}
