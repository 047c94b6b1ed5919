//! The WHO-5 Well-Being Index as a form: one statement at a time with its
//! six answers, in the index's own words, then the score to keep.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::model::{WHO5_ANSWERS, WHO5_ITEMS, WHO5_LOW_SENTENCE, WHO5_STEM, Who5};
use crate::tui::keys::{self, Row};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// The source, short enough for the form's last line.
const SOURCE: &str = "WHO-5 (1998), Psychiatric Research Unit, Mental Health Centre North Zealand. Topp et al., Psychother Psychosom 2015;84:167-176.";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who5Form {
    /// The statement shown (0–4), or 5 for the review.
    pub item: usize,
    /// The answer highlighted, as an index into `WHO5_ANSWERS`.
    pub highlighted: usize,
    pub answers: [Option<u8>; 5],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save(Who5),
    Back,
}

const ASK: &[Row] = &[
    keys::row(&[Action::Up, Action::Down], "pick", true),
    keys::numbers("0–5", "answer", true),
    keys::row(&[Action::Open], "next", true),
    keys::row(&[Action::Back], "back", true),
];

const REVIEW: &[Row] = &[
    keys::row(&[Action::Open], "keep it", true),
    keys::row(&[Action::Back], "change an answer", true),
];

impl Who5Form {
    fn reviewing(&self) -> bool {
        self.item >= WHO5_ITEMS.len()
    }

    fn who5(&self) -> Option<Who5> {
        let mut answers = [0u8; 5];
        for (a, given) in answers.iter_mut().zip(self.answers) {
            *a = given?;
        }
        Who5::new(answers)
    }

    /// Moves to statement `item`, its answer (if given) highlighted.
    fn go(&mut self, item: usize) {
        self.item = item;
        if let Some(Some(a)) = self.answers.get(item) {
            self.highlighted = WHO5_ANSWERS.iter().position(|(n, _)| n == a).unwrap_or(0);
        }
    }

    fn answer(&mut self, value: u8) {
        self.answers[self.item] = Some(value);
        self.highlighted = WHO5_ANSWERS
            .iter()
            .position(|(n, _)| *n == value)
            .unwrap_or(0);
        // The next statement not answered yet; the review when all are.
        let next = (self.item + 1..WHO5_ITEMS.len())
            .chain(0..self.item)
            .find(|&i| self.answers[i].is_none())
            .unwrap_or(WHO5_ITEMS.len());
        self.go(next);
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        if self.reviewing() {
            return match action {
                Some(Action::Open) => self.who5().map_or(Outcome::None, Outcome::Save),
                Some(Action::Back) => {
                    self.go(WHO5_ITEMS.len() - 1);
                    Outcome::None
                }
                _ => Outcome::None,
            };
        }
        match (key.code, action) {
            (KeyCode::Char(c @ '0'..='5'), _) => {
                self.answer(c as u8 - b'0');
            }
            (_, Some(Action::Open)) => {
                self.answer(WHO5_ANSWERS[self.highlighted].0);
            }
            (_, Some(Action::Back)) if self.item == 0 => return Outcome::Back,
            (_, Some(Action::Back)) => self.go(self.item - 1),
            (_, Some(a)) => {
                if let Some(i) = keys::list_move(a, self.highlighted, WHO5_ANSWERS.len()) {
                    self.highlighted = i;
                }
            }
            _ => {}
        }
        Outcome::None
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, map: &Keymap, theme: &Theme) {
        let width = usize::from(area.width.max(1));
        let stem = wrap(WHO5_STEM, width);
        let roomy = area.height >= 20;
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
            format!("{} of 5", self.item + 1)
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled("WHO-5 Well-Being Index", theme.title),
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
            ASK
        };
        frame.render_widget(
            Paragraph::new(Line::styled(SOURCE, theme.dim)).wrap(Wrap { trim: true }),
            source,
        );
        frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
    }

    fn draw_item(&self, frame: &mut Frame, area: Rect, theme: &Theme, roomy: bool) {
        let mut lines: Vec<Line> = wrap(WHO5_ITEMS[self.item], usize::from(area.width.max(1)))
            .into_iter()
            .map(|l| Line::styled(l, theme.title))
            .collect();
        if roomy {
            lines.push(Line::raw(""));
        }
        let given = self.answers[self.item];
        for (i, (n, words)) in WHO5_ANSWERS.iter().enumerate() {
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
        let Some(who5) = self.who5() else {
            return;
        };
        let answers: Vec<String> = who5.answers().iter().map(ToString::to_string).collect();
        let mut lines = vec![
            Line::from(vec![
                Span::raw("Your score: "),
                Span::styled(format!("{} out of 100", who5.score()), theme.accent),
                Span::styled(" (higher is better)", theme.dim),
            ]),
            Line::styled(
                format!(
                    "answers {} · raw {} of 25, × 4",
                    answers.join(" "),
                    who5.raw()
                ),
                theme.dim,
            ),
            Line::raw(""),
        ];
        if who5.is_low() {
            lines.push(Line::raw(WHO5_LOW_SENTENCE));
        } else {
            lines.push(Line::raw(
                "Kept with your fitness results; your report compares WHO-5s 14 days or more apart.",
            ));
        }
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
    fn five_answers_by_number_give_the_score_to_keep() {
        let mut form = Who5Form::default();
        for c in ['3', '3', '2', '2', '2'] {
            assert_eq!(form.handle_key(key(KeyCode::Char(c)), None), Outcome::None);
        }
        assert!(form.reviewing());
        let Outcome::Save(who5) = form.handle_key(key(KeyCode::Enter), Some(Action::Open)) else {
            panic!("saves");
        };
        assert_eq!(who5.score(), 48);
    }

    #[test]
    fn an_answer_can_be_picked_and_changed_going_back() {
        let mut form = Who5Form::default();
        // Down twice: "More than half of the time", 3.
        form.handle_key(key(KeyCode::Down), Some(Action::Down));
        form.handle_key(key(KeyCode::Down), Some(Action::Down));
        form.handle_key(key(KeyCode::Enter), Some(Action::Open));
        assert_eq!(form.answers[0], Some(3));
        assert_eq!(form.item, 1);
        form.handle_key(key(KeyCode::Esc), Some(Action::Back));
        assert_eq!((form.item, form.highlighted), (0, 2));
        form.handle_key(key(KeyCode::Char('5')), None);
        assert_eq!(form.answers[0], Some(5));
        assert_eq!(form.item, 1, "on to the first not answered");
        assert_eq!(
            Who5Form::default().handle_key(key(KeyCode::Esc), Some(Action::Back)),
            Outcome::Back
        );
        // Six is not an answer.
        let mut form = Who5Form::default();
        form.handle_key(key(KeyCode::Char('6')), None);
        assert_eq!(form.answers, [None; 5]);
    }
}
