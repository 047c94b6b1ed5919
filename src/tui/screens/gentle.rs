//! The offer on a hard day (pain at or above `gentle_from` before the
//! session, or a rest day the user chose): the routine's gentle version,
//! or the full one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::Action;
use crate::model::Scales;
use crate::routine::{Routine, format_about};
use crate::text::one_line;
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;

/// The offer of a routine's gentle version on a hard day.
#[derive(Debug, Clone)]
pub struct GentleOffer {
    pub routine: Routine,
    pub before: Option<(Scales, Option<String>)>,
}

/// What a key on the offer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Start the routine, gentle or full.
    Start {
        gentle: bool,
    },
    /// No session after all.
    Back,
}

impl GentleOffer {
    /// What an action does here.
    pub fn handle_key(&mut self, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Gentle) => Outcome::Start { gentle: true },
            Some(Action::Full) => Outcome::Start { gentle: false },
            Some(Action::Back) => Outcome::Back,
            _ => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (config, theme) = (cx.config, cx.theme);
        let full = self
            .routine
            .total_seconds(config.get_ready, config.default_rest);
        let gentle = self
            .routine
            .gentle()
            .total_seconds(config.get_ready, config.default_rest);
        let why = match &self.before {
            Some((s, _)) if s.pain >= config.gentle_from => {
                format!("Your pain is {} today.", s.pain)
            }
            _ => "Today is a rest day you chose.".to_string(),
        };
        let lines = vec![
            Line::styled(one_line(&self.routine.name), theme.title),
            Line::raw(""),
            Line::raw(format!("{why} There is a gentler way to move today.")),
            Line::raw(format!(
                "The gentle version: about {} instead of {}, shorter holds and fewer sets.",
                format_about(gentle),
                format_about(full)
            )),
            Line::raw(""),
            Line::from(vec![
                Span::styled(keys::first(&config.keys, Action::Gentle), theme.key),
                Span::raw(" take the gentle version    "),
                Span::styled(keys::first(&config.keys, Action::Full), theme.key),
                Span::raw(" keep the full one"),
            ]),
            Line::from(vec![
                Span::styled(keys::first(&config.keys, Action::Back), theme.key),
                Span::raw(if self.before.is_some() {
                    " back to the routine (your check-in counts for the next hour)"
                } else {
                    " back to the routine"
                }),
            ]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}
