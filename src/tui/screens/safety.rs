//! The safety notice, shown once before anything else: the signs that mean
//! seeing a clinician now, and that limber is not a doctor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::theme;

pub const RED_FLAGS: &[&str] = &[
    "loss of bladder or bowel control, or new trouble passing urine",
    "numbness or tingling around the groin, buttocks or inner thighs",
    "new or worsening weakness in a leg or foot",
    "fever, or feeling generally unwell, with back pain",
    "back pain after a fall, a car accident or another injury",
    "weight loss you cannot explain",
    "pain at night that rest and changing position do not ease",
];

pub fn draw(frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::styled("Before you start", theme::title()),
        Line::raw(""),
        Line::raw("limber guides gentle exercise and keeps your own numbers. It is not a doctor."),
        Line::raw(""),
        Line::styled(
            "See a clinician now, not a routine, if you have:",
            theme::title(),
        ),
    ];
    lines.extend(
        RED_FLAGS
            .iter()
            .map(|flag| Line::from(vec![Span::styled("  ! ", theme::warn()), Span::raw(*flag)])),
    );
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "Stop any exercise that causes sharp pain, or pain, numbness or tingling down a leg.",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Enter", theme::key()),
        Span::raw(" I have read this  ·  "),
        Span::styled("q", theme::key()),
        Span::raw(" quit"),
    ]));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" limber ")
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        area,
    );
}
