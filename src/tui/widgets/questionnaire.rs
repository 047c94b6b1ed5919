//! A questionnaire asked one question at a time, as the WHO-5 and RAND-36
//! forms ask theirs: the answers so far, the keys that move through them, and
//! the form drawn around its question or its review.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::tui::keys::{self, Row};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// A question's answers: the value kept and its words, in the order shown.
pub type Choices = [(u8, &'static str)];

/// The keys while a question is asked; `digits` names its answers ("0–5").
pub const fn asking_keys(digits: &'static str) -> [Row; 4] {
    [
        keys::row(&[Action::Up, Action::Down], "pick", true),
        keys::numbers(digits, "answer", true),
        keys::row(&[Action::Open], "next", true),
        keys::row(&[Action::Back], "back", true),
    ]
}

/// The keys on the review.
pub const REVIEW_KEYS: &[Row] = &[
    keys::row(&[Action::Open], "keep it", true),
    keys::row(&[Action::Back], "change an answer", true),
];

/// Where a form stands in its questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    /// The question shown, or the number of questions for the review.
    pub item: usize,
    /// The answer highlighted, as an index into the choices.
    pub highlighted: usize,
    pub answers: Vec<Option<u8>>,
}

/// What a key asks of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stay,
    /// Enter on the review: keep the answers.
    Keep,
    /// Back on the first question: leave the form.
    Back,
}

impl Asking {
    /// `count` questions, none answered, the first one shown.
    pub fn new(count: usize) -> Asking {
        Asking {
            item: 0,
            highlighted: 0,
            answers: vec![None; count],
        }
    }

    fn count(&self) -> usize {
        self.answers.len()
    }

    pub fn reviewing(&self) -> bool {
        self.item >= self.count()
    }

    /// All the answers, once every question has one.
    pub fn given(&self) -> Option<Vec<u8>> {
        self.answers.iter().copied().collect()
    }

    /// "3 of 5", or "your score" on the review.
    pub fn step(&self) -> String {
        if self.reviewing() {
            "your score".to_string()
        } else {
            format!("{} of {}", self.item + 1, self.count())
        }
    }

    /// Moves to question `item`, its answer (if given) highlighted.
    fn go(&mut self, item: usize, choices: &Choices) {
        self.item = item;
        if let Some(Some(a)) = self.answers.get(item).copied() {
            self.highlighted = position(choices, a).unwrap_or(0);
        }
    }

    fn answer(&mut self, value: u8, choices: &Choices) {
        self.answers[self.item] = Some(value);
        self.highlighted = position(choices, value).unwrap_or(0);
        // The next question not answered yet; the review when all are.
        let next = (self.item + 1..self.count())
            .chain(0..self.item)
            .find(|&i| self.answers[i].is_none())
            .unwrap_or(self.count());
        self.go(next, choices);
    }

    /// A digit that is one of the choices answers the question; Enter
    /// answers the highlighted one; Back goes to the question before.
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>, choices: &Choices) -> Step {
        if self.reviewing() {
            if action == Some(Action::Back) {
                self.go(self.count() - 1, choices);
            }
            return if action == Some(Action::Open) {
                Step::Keep
            } else {
                Step::Stay
            };
        }
        let digit = match key.code {
            KeyCode::Char(c @ '0'..='9') => Some(c as u8 - b'0'),
            _ => None,
        };
        match (digit, action) {
            (Some(n), _) if position(choices, n).is_some() => self.answer(n, choices),
            (_, Some(Action::Open)) => self.answer(choices[self.highlighted].0, choices),
            (_, Some(Action::Back)) if self.item == 0 => return Step::Back,
            (_, Some(Action::Back)) => self.go(self.item - 1, choices),
            (_, Some(a)) => {
                if let Some(i) = keys::list_move(a, self.highlighted, choices.len()) {
                    self.highlighted = i;
                }
            }
            _ => {}
        }
        Step::Stay
    }

    /// The question shown with its choices, and on a roomy screen the
    /// answers so far.
    pub fn draw_question(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        roomy: bool,
        question: &str,
        choices: &Choices,
    ) {
        let mut lines: Vec<Line> = wrap(question, usize::from(area.width.max(1)))
            .into_iter()
            .map(|l| Line::styled(l, theme.title))
            .collect();
        if roomy {
            lines.push(Line::raw(""));
        }
        let given = self.answers[self.item];
        for (i, (n, words)) in choices.iter().enumerate() {
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
}

/// Where `value` stands among the choices.
fn position(choices: &Choices, value: u8) -> Option<usize> {
    choices.iter().position(|(n, _)| *n == value)
}

/// What stands around a form's question or review.
pub struct Around<'a> {
    pub title: &'a str,
    pub step: &'a str,
    pub stem: Vec<String>,
    pub source: &'a str,
    pub keys: &'a [Row],
}

/// Draws the form's title and step, its stem, its source and its keys, and
/// returns the room left for the question or the review.
pub fn draw_around(
    frame: &mut Frame,
    area: Rect,
    roomy: bool,
    around: Around,
    map: &Keymap,
    theme: &Theme,
) -> Rect {
    let [header, stem_area, body, source, footer] = Layout::vertical([
        Constraint::Length(if roomy { 2 } else { 1 }),
        Constraint::Length(around.stem.len() as u16 + u16::from(roomy)),
        Constraint::Min(1),
        Constraint::Length(if roomy { 2 } else { 0 }),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(around.title, theme.title),
            Span::styled(format!(" · {}", around.step), theme.dim),
        ]),
        header,
    );
    frame.render_widget(
        Paragraph::new(around.stem.into_iter().map(Line::raw).collect::<Vec<_>>()),
        stem_area,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(around.source, theme.dim)).wrap(Wrap { trim: true }),
        source,
    );
    frame.render_widget(keys::footer(map, around.keys, footer.width, theme), footer);
    body
}

/// The review: the score out of 100, the answers and how they were
/// scored (`how`), and a sentence on what comes of it (`then`).
pub fn draw_score(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    score: &str,
    answers: &[u8],
    how: &str,
    then: &str,
) {
    let answers: Vec<String> = answers.iter().map(ToString::to_string).collect();
    let lines = vec![
        Line::from(vec![
            Span::raw("Your score: "),
            Span::styled(format!("{score} out of 100"), theme.accent),
            Span::styled(" (higher is better)", theme.dim),
        ]),
        Line::styled(format!("answers {} · {how}", answers.join(" ")), theme.dim),
        Line::raw(""),
        Line::raw(then.to_string()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
