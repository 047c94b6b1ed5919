//! A RAND-36 scale as a form — physical functioning or the MHI-5 — one
//! question at a time with its answers in RAND's own words, then the score
//! to keep. The same shape as the WHO-5's form.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::model::{Rand36, Rand36Scale, score_text};
use crate::tui::keys::{self, Row};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// The source, short enough for the form's last line.
const SOURCE: &str = "RAND 36-Item Health Survey 1.0, RAND Health Care; public, free of charge.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rand36Form {
    pub scale: Rand36Scale,
    /// The question shown, or the number of questions for the review.
    pub item: usize,
    /// The answer highlighted, as an index into the scale's answers.
    pub highlighted: usize,
    pub answers: Vec<Option<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save(Rand36),
    Back,
}

const ASK_PF: &[Row] = &[
    keys::row(&[Action::Up, Action::Down], "pick", true),
    keys::numbers("1–3", "answer", true),
    keys::row(&[Action::Open], "next", true),
    keys::row(&[Action::Back], "back", true),
];

const ASK_EWB: &[Row] = &[
    keys::row(&[Action::Up, Action::Down], "pick", true),
    keys::numbers("1–6", "answer", true),
    keys::row(&[Action::Open], "next", true),
    keys::row(&[Action::Back], "back", true),
];

const REVIEW: &[Row] = &[
    keys::row(&[Action::Open], "keep it", true),
    keys::row(&[Action::Back], "change an answer", true),
];

impl Rand36Form {
    pub fn new(scale: Rand36Scale) -> Rand36Form {
        Rand36Form {
            scale,
            item: 0,
            highlighted: 0,
            answers: vec![None; scale.items().len()],
        }
    }

    fn count(&self) -> usize {
        self.scale.items().len()
    }

    fn reviewing(&self) -> bool {
        self.item >= self.count()
    }

    fn rand36(&self) -> Option<Rand36> {
        let answers: Option<Vec<u8>> = self.answers.iter().copied().collect();
        Rand36::new(self.scale, &answers?).ok()
    }

    fn position(&self, value: u8) -> usize {
        self.scale
            .answers()
            .iter()
            .position(|(n, _)| *n == value)
            .unwrap_or(0)
    }

    /// Moves to question `item`, its answer (if given) highlighted.
    fn go(&mut self, item: usize) {
        self.item = item;
        if let Some(Some(a)) = self.answers.get(item).copied() {
            self.highlighted = self.position(a);
        }
    }

    fn answer(&mut self, value: u8) {
        self.answers[self.item] = Some(value);
        self.highlighted = self.position(value);
        // The next question not answered yet; the review when all are.
        let next = (self.item + 1..self.count())
            .chain(0..self.item)
            .find(|&i| self.answers[i].is_none())
            .unwrap_or(self.count());
        self.go(next);
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        if self.reviewing() {
            return match action {
                Some(Action::Open) => self.rand36().map_or(Outcome::None, Outcome::Save),
                Some(Action::Back) => {
                    self.go(self.count() - 1);
                    Outcome::None
                }
                _ => Outcome::None,
            };
        }
        let max = self.scale.max_answer();
        match (key.code, action) {
            (KeyCode::Char(c @ '1'..='9'), _) if (c as u8 - b'0') <= max => {
                self.answer(c as u8 - b'0');
            }
            (_, Some(Action::Open)) => {
                self.answer(self.scale.answers()[self.highlighted].0);
            }
            (_, Some(Action::Back)) if self.item == 0 => return Outcome::Back,
            (_, Some(Action::Back)) => self.go(self.item - 1),
            (_, Some(a)) => {
                if let Some(i) = keys::list_move(a, self.highlighted, self.scale.answers().len()) {
                    self.highlighted = i;
                }
            }
            _ => {}
        }
        Outcome::None
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, map: &Keymap, theme: &Theme) {
        let width = usize::from(area.width.max(1));
        let roomy = area.height >= 20;
        // The whole instruction when it fits beside the question and its
        // answers; else its question alone, which is RAND's words too.
        let asked = if self.reviewing() {
            4
        } else {
            wrap(self.scale.items()[self.item].text, width).len() + self.scale.answers().len()
        };
        let room = usize::from(area.height).saturating_sub(2 + asked);
        let mut stem = wrap(self.scale.stem(), width);
        if self.reviewing() && !roomy {
            // The score needs the room; the questions were read.
            stem.clear();
        } else if stem.len() > room {
            stem = wrap(self.scale.short_stem(), width);
        }
        let [header, stem_area, body, source, footer] = Layout::vertical([
            Constraint::Length(if roomy { 2 } else { 1 }),
            Constraint::Length(stem.len() as u16 + u16::from(roomy)),
            Constraint::Min(1),
            Constraint::Length(if roomy { 2 } else { 0 }),
            Constraint::Length(1),
        ])
        .areas(area);
        let step = if self.reviewing() {
            "your score".to_string()
        } else {
            format!("{} of {}", self.item + 1, self.count())
        };
        let title = if self.scale.title().len() + step.len() + 3 <= width {
            self.scale.title()
        } else {
            self.scale.short_title()
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(title, theme.title),
                Span::styled(format!(" · {step}"), theme.dim),
            ]),
            header,
        );
        frame.render_widget(
            Paragraph::new(stem.into_iter().map(Line::raw).collect::<Vec<_>>()),
            stem_area,
        );
        let rows = if self.reviewing() {
            self.draw_review(frame, body, theme);
            REVIEW
        } else {
            self.draw_item(frame, body, theme, roomy);
            match self.scale {
                Rand36Scale::PhysicalFunctioning => ASK_PF,
                Rand36Scale::EmotionalWellBeing => ASK_EWB,
            }
        };
        frame.render_widget(
            Paragraph::new(Line::styled(SOURCE, theme.dim)).wrap(Wrap { trim: true }),
            source,
        );
        frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
    }

    fn draw_item(&self, frame: &mut Frame, area: Rect, theme: &Theme, roomy: bool) {
        let text = self.scale.items()[self.item].text;
        let mut lines: Vec<Line> = wrap(text, usize::from(area.width.max(1)))
            .into_iter()
            .map(|l| Line::styled(l, theme.title))
            .collect();
        if roomy {
            lines.push(Line::raw(""));
        }
        let given = self.answers[self.item];
        for (i, (n, words)) in self.scale.answers().iter().enumerate() {
            let mark = if given == Some(*n) { "●" } else { "○" };
            let (cursor, style) = if i == self.highlighted {
                ("› ", theme.selected)
            } else {
                ("  ", Style::default())
            };
            lines.push(Line::styled(format!("{cursor}{mark} {n} {words}"), style));
        }
        if roomy {
            lines.push(Line::raw(""));
            let so_far: Vec<String> = self
                .answers
                .iter()
                .map(|a| a.map_or("·".to_string(), |n| n.to_string()))
                .collect();
            lines.push(Line::styled(
                format!("Your answers: {}", so_far.join(" ")),
                theme.dim,
            ));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn draw_review(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(rand36) = self.rand36() else {
            return;
        };
        let answers: Vec<String> = rand36.answers().iter().map(ToString::to_string).collect();
        let lines = vec![
            Line::from(vec![
                Span::raw("Your score: "),
                Span::styled(
                    format!("{} out of 100", score_text(rand36.score())),
                    theme.accent,
                ),
                Span::styled(" (higher is better)", theme.dim),
            ]),
            Line::styled(
                format!(
                    "answers {} · each recoded to 0–100, then averaged",
                    answers.join(" ")
                ),
                theme.dim,
            ),
            Line::raw(""),
            Line::raw("One of the study's own two measures: your report sets it beside the study."),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn ten_answers_by_number_give_the_score_to_keep() {
        let mut form = Rand36Form::new(Rand36Scale::PhysicalFunctioning);
        for c in ['1', '2', '3', '3', '3', '2', '1', '2', '3', '3'] {
            assert_eq!(form.handle_key(key(KeyCode::Char(c)), None), Outcome::None);
        }
        assert!(form.reviewing());
        let Outcome::Save(r) = form.handle_key(key(KeyCode::Enter), Some(Action::Open)) else {
            panic!("saves");
        };
        assert_eq!(r.score(), 65.0);
    }

    #[test]
    fn answers_past_the_scale_are_ignored_and_back_goes_back() {
        let mut form = Rand36Form::new(Rand36Scale::PhysicalFunctioning);
        form.handle_key(key(KeyCode::Char('4')), None);
        assert_eq!(form.answers[0], None, "4 is not an answer here");
        let mut form = Rand36Form::new(Rand36Scale::EmotionalWellBeing);
        form.handle_key(key(KeyCode::Char('6')), None);
        assert_eq!((form.answers[0], form.item), (Some(6), 1));
        // The cursor stays where the last answer was: up one is 5.
        form.handle_key(key(KeyCode::Up), Some(Action::Up));
        form.handle_key(key(KeyCode::Enter), Some(Action::Open));
        assert_eq!(form.answers[1], Some(5));
        form.handle_key(key(KeyCode::Esc), Some(Action::Back));
        assert_eq!((form.item, form.highlighted), (1, 4));
        assert_eq!(
            Rand36Form::new(Rand36Scale::EmotionalWellBeing)
                .handle_key(key(KeyCode::Esc), Some(Action::Back)),
            Outcome::Back
        );
    }
}
