//! History's Report tab: the twelve-week progress report, the same text as
//! `limber report`, scrolled with ↑ ↓ on a small terminal.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::HistoryData;
use crate::insights::report::Report;
use crate::tui::theme::Theme;

/// The report, its note and the shell command that prints it, from line
/// `scroll` on.
pub(super) fn draw(frame: &mut Frame, area: Rect, data: &HistoryData, scroll: u16, theme: &Theme) {
    let mut lines: Vec<Line> = data.report.lines().into_iter().map(Line::raw).collect();
    // Fitness and the WHO-5 beside the study, as `limber report` prints them.
    lines.push(Line::raw(""));
    lines.extend(data.report.study_lines().into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(Line::styled(Report::NOTE, theme.dim));
    lines.push(Line::styled(
        "The same from the shell: limber report",
        theme.dim,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        area,
    );
}
