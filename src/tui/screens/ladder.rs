//! The exposure ladder: the everyday activities the person fears, in their
//! order, each with its expected harm at first and now and its tries (the
//! words of `limber fear list`), and a form to record a try of the one
//! picked (the expectation before, what happened, the expectation re-rated
//! after, the pain after) or to name a new activity. While the form is
//! open every key is text, as in a check-in's note.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::keymap::Action;
use crate::model::{HARM_SCALE, LadderStep};
use crate::text::{fit, wrap};
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use crate::tui::{keys, theme::Theme};

/// As long as a name or what happened may be, typed here.
const MAX_TEXT: usize = 200;

/// One field of the form: its label, what is typed, and for a number its
/// range (and whether it may be left empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub text: String,
    pub range: Option<(u8, u8)>,
    pub optional: bool,
}

impl Field {
    fn number(label: &'static str, most: u8, text: String, optional: bool) -> Field {
        Field {
            label,
            text,
            range: Some((0, most)),
            optional,
        }
    }
    fn words(label: &'static str) -> Field {
        Field {
            label,
            text: String::new(),
            range: None,
            optional: false,
        }
    }
}

/// What the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Making {
    /// A try of the step at this index.
    Try(usize),
    /// A new activity.
    Step,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub making: Making,
    pub fields: Vec<Field>,
    pub at: usize,
    /// Why Enter did not save, until the next key.
    pub problem: Option<String>,
}

/// A try to save: the step's UUID, the expectation before, what happened,
/// the expectation after and the pain after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTry {
    pub step: String,
    pub before: u8,
    pub happened: String,
    pub after: u8,
    pub pain: Option<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct LadderScreen {
    /// `None` until read.
    pub ladder: Option<Vec<LadderStep>>,
    pub selected: usize,
    pub form: Option<Form>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Back,
    SaveTry(NewTry),
    AddStep { name: String, expected: u8 },
}

impl LadderScreen {
    pub fn loaded(&mut self, ladder: Vec<LadderStep>) {
        self.selected = self.selected.min(ladder.len().saturating_sub(1));
        self.ladder = Some(ladder);
    }

    /// Text is being typed: every key goes to the form.
    pub fn typing(&self) -> bool {
        self.form.is_some()
    }

    fn steps(&self) -> &[LadderStep] {
        self.ladder.as_deref().unwrap_or_default()
    }

    /// The form for a try of the step picked: the expectation before is
    /// the open try's, else the latest.
    fn try_form(&self) -> Option<Form> {
        let step = self.steps().get(self.selected)?;
        let before = step
            .open_try()
            .and_then(|t| t.before)
            .unwrap_or_else(|| step.latest_expected());
        Some(Form {
            making: Making::Try(self.selected),
            fields: vec![
                Field::number(
                    "Expected harm before (0–100)",
                    100,
                    before.to_string(),
                    false,
                ),
                Field::words("What happened"),
                Field::number("Expected harm now (0–100)", 100, String::new(), false),
                Field::number(
                    "Pain after (0–10, may be left empty)",
                    10,
                    String::new(),
                    true,
                ),
            ],
            at: 1,
            problem: None,
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        if let Some(form) = &mut self.form {
            return match form.handle_key(key) {
                FormStep::Stay => Outcome::None,
                FormStep::Cancel => {
                    self.form = None;
                    Outcome::None
                }
                FormStep::Done(values) => {
                    let making = form.making;
                    self.form = None;
                    self.outcome(making, values)
                }
            };
        }
        let count = self.steps().len();
        match action {
            Some(Action::Back) => Outcome::Back,
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::None
            }
            Some(Action::Down) => {
                if self.selected + 1 < count {
                    self.selected += 1;
                }
                Outcome::None
            }
            Some(Action::Open) => {
                self.form = self.try_form();
                Outcome::None
            }
            Some(Action::NewStep) if self.ladder.is_some() => {
                self.form = Some(Form {
                    making: Making::Step,
                    fields: vec![
                        Field::words("The activity, in your words"),
                        Field::number("Expected harm (0–100)", 100, String::new(), false),
                    ],
                    at: 0,
                    problem: None,
                });
                Outcome::None
            }
            _ => Outcome::None,
        }
    }

    fn outcome(&self, making: Making, values: Vec<(String, Option<u8>)>) -> Outcome {
        let number = |i: usize| values.get(i).and_then(|v| v.1);
        let text = |i: usize| values.get(i).map(|v| v.0.clone()).unwrap_or_default();
        match making {
            Making::Step => match number(1) {
                Some(expected) => Outcome::AddStep {
                    name: text(0),
                    expected,
                },
                None => Outcome::None,
            },
            Making::Try(i) => match (self.steps().get(i), number(0), number(2)) {
                (Some(step), Some(before), Some(after)) => Outcome::SaveTry(NewTry {
                    step: step.step.uuid.clone(),
                    before,
                    happened: text(1),
                    after,
                    pain: number(3),
                }),
                _ => Outcome::None,
            },
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(form) = &mut self.form {
            for c in text.chars() {
                form.type_char(if c.is_whitespace() { ' ' } else { c });
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Line::from(vec![
                Span::styled("limber", theme.title),
                Span::styled(" · your exposure ladder", theme.dim),
            ]),
            header,
        );
        let width = usize::from(body.width.max(1));
        if let Some(form) = &self.form {
            self.draw_form(frame, body, form, theme);
            frame.render_widget(
                keys::footer(map, keys::LADDER_FORM, footer.width, theme),
                footer,
            );
            return;
        }
        let Some(ladder) = &self.ladder else {
            frame.render_widget(Line::styled("…", theme.dim), body);
            return;
        };
        let mut lines: Vec<Line> = Vec::new();
        if ladder.is_empty() {
            for l in wrap(
                "Your ladder is empty. Name an everyday activity you fear (bending, lifting, carrying…) and the harm you expect it to do.",
                width,
            ) {
                lines.push(Line::raw(l));
            }
        }
        let rows = usize::from(body.height);
        // Each step whole, the picked one marked.
        let groups: Vec<Vec<Line>> = ladder
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let picked = i == self.selected;
                let style = if picked {
                    theme.selected
                } else {
                    ratatui::style::Style::default()
                };
                let mark = if picked { "▸ " } else { "  " };
                wrap(&step.line(i + 1), width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                    .map(|(k, l)| {
                        let lead = if k == 0 { mark } else { "  " };
                        Line::styled(format!("{lead}{l}"), style)
                    })
                    .collect()
            })
            .collect();
        // The picked step's tries in words, then the scale: as room allows.
        let mut below: Vec<Line> = Vec::new();
        if let Some(step) = ladder.get(self.selected) {
            if let Some(sentence) = step.sentence() {
                below.push(Line::raw(""));
                below.extend(
                    wrap(&sentence, width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme.accent)),
                );
            }
            if let Some(t) = step.tries.iter().rev().find(|t| !t.is_open())
                && let Some(h) = &t.happened
            {
                below.extend(
                    wrap(
                        &format!("Last time ({}): {}", t.local_date, crate::text::one_line(h)),
                        width,
                    )
                    .into_iter()
                    .map(|l| Line::styled(l, theme.dim)),
                );
            }
        }
        below.push(Line::raw(""));
        below.extend(
            wrap(HARM_SCALE, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim)),
        );
        // The list takes what it needs, up to all but half the rows; whole
        // steps only, from one that keeps the picked step in sight, and a
        // last row saying how many more are below.
        let total: usize = groups.iter().map(Vec::len).sum();
        let room = rows
            .saturating_sub(lines.len())
            .saturating_sub(below.len().min(rows / 2))
            .max(1);
        let window = |from: usize| {
            let mut used = 0;
            let mut n = 0;
            let left: usize = groups[from..].iter().map(Vec::len).sum();
            let room = if left > room {
                room.saturating_sub(1)
            } else {
                room
            };
            for g in &groups[from..] {
                if used + g.len() > room {
                    break;
                }
                used += g.len();
                n += 1;
            }
            n
        };
        let mut first = 0;
        while first < self.selected && first + window(first) <= self.selected {
            first += 1;
        }
        let n = window(first).max(1).min(groups.len().saturating_sub(first));
        for g in groups.iter().skip(first).take(n) {
            lines.extend(g.iter().cloned());
        }
        let after = groups.len().saturating_sub(first + n);
        if after > 0 && total > 0 {
            lines.push(Line::styled(
                format!(
                    "  … {after} more below ({})",
                    keys::first(map, Action::Down)
                ),
                theme.dim,
            ));
        }
        let mut shown = lines;
        for l in below {
            if shown.len() >= rows {
                break;
            }
            shown.push(l);
        }
        frame.render_widget(ratatui::widgets::Paragraph::new(shown), body);
        let rows = if ladder.is_empty() {
            keys::LADDER_EMPTY
        } else {
            keys::LADDER_FOOTER
        };
        frame.render_widget(keys::footer(map, rows, footer.width, theme), footer);
    }

    fn draw_form(&self, frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
        let width = usize::from(area.width.max(1));
        let mut lines: Vec<Line> = Vec::new();
        let title = match form.making {
            Making::Try(i) => self.steps().get(i).map_or_else(String::new, |s| {
                format!("A try of {}", crate::text::one_line(&s.step.name))
            }),
            Making::Step => "A new activity for your ladder".to_string(),
        };
        lines.push(Line::styled(fit(&title, width), theme.accent));
        for (i, f) in form.fields.iter().enumerate() {
            let here = i == form.at;
            lines.push(Line::styled(
                fit(f.label, width),
                if here { theme.title } else { theme.dim },
            ));
            let cursor = if here { "▏" } else { "" };
            // The end of a long text stays in sight as it is typed.
            let shown: String = {
                let text = format!("{}{cursor}", f.text);
                let n = text.chars().count();
                let room = width.saturating_sub(2);
                text.chars().skip(n.saturating_sub(room)).collect()
            };
            lines.push(Line::styled(
                format!("  {shown}"),
                if here {
                    theme.selected
                } else {
                    ratatui::style::Style::default()
                },
            ));
        }
        if let Some(p) = &form.problem {
            lines.extend(
                wrap(p, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.warn)),
            );
        }
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
    }
}

enum FormStep {
    Stay,
    Cancel,
    /// Each field's text, and its number for a number field.
    Done(Vec<(String, Option<u8>)>),
}

impl Form {
    fn type_char(&mut self, c: char) {
        let Some(f) = self.fields.get_mut(self.at) else {
            return;
        };
        match f.range {
            Some(_) if c.is_ascii_digit() && f.text.len() < 3 => f.text.push(c),
            Some(_) => {}
            None if !c.is_control()
                && f.text.chars().count() < MAX_TEXT
                && !(c == ' ' && (f.text.is_empty() || f.text.ends_with(' '))) =>
            {
                f.text.push(c);
            }
            None => {}
        }
    }

    fn handle_key(&mut self, key: KeyEvent) -> FormStep {
        self.problem = None;
        let n = self.fields.len();
        match key.code {
            KeyCode::Esc => return FormStep::Cancel,
            KeyCode::Enter => return self.check(),
            KeyCode::Tab | KeyCode::Down => self.at = (self.at + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.at = (self.at + n - 1) % n,
            KeyCode::Backspace => {
                if let Some(f) = self.fields.get_mut(self.at) {
                    f.text.pop();
                }
            }
            KeyCode::Char(c) => self.type_char(c),
            _ => {}
        }
        FormStep::Stay
    }

    /// Every field as it must be, or the first that is not said and picked.
    fn check(&mut self) -> FormStep {
        let mut values = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let text = f.text.trim().to_string();
            let problem = match f.range {
                Some(_) if text.is_empty() && f.optional => None,
                Some((least, most)) => match text.parse::<u8>() {
                    Ok(v) if (least..=most).contains(&v) => {
                        values.push((text.clone(), Some(v)));
                        continue;
                    }
                    _ => Some(format!(
                        "{}: a whole number from {least} to {most}.",
                        f.label
                    )),
                },
                None if text.is_empty() => Some(format!("{}: a few words, please.", f.label)),
                None => None,
            };
            if let Some(p) = problem {
                self.problem = Some(p);
                self.at = i;
                return FormStep::Stay;
            }
            values.push((text, None));
        }
        FormStep::Done(values)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;
    use time::macros::{date, datetime};

    use super::*;
    use crate::model::FearStep;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn screen() -> LadderScreen {
        let mut s = LadderScreen::default();
        s.loaded(vec![LadderStep {
            step: FearStep {
                uuid: "u".into(),
                name: "lifting a bag".into(),
                position: 1,
                expected: 80,
                created_at: datetime!(2026-11-01 9:00 UTC),
                local_date: date!(2026 - 11 - 01),
            },
            tries: Vec::new(),
        }]);
        s
    }

    fn typed(s: &mut LadderScreen, text: &str) {
        for c in text.chars() {
            assert_eq!(s.handle_key(key(KeyCode::Char(c)), None), Outcome::None);
        }
    }

    #[test]
    fn a_try_is_typed_checked_and_saved() {
        let mut s = screen();
        s.handle_key(key(KeyCode::Enter), Some(Action::Open));
        assert!(s.typing(), "the form is open");
        typed(&mut s, "carried it in");
        s.handle_key(key(KeyCode::Tab), None);
        typed(&mut s, "150");
        // 150 is out of range: said, nothing saved, the field picked.
        assert_eq!(s.handle_key(key(KeyCode::Enter), None), Outcome::None);
        let form = s.form.as_ref().expect("still open");
        assert_eq!(form.at, 2);
        assert!(
            form.problem
                .as_deref()
                .is_some_and(|p| p.contains("0 to 100"))
        );
        for _ in 0..3 {
            s.handle_key(key(KeyCode::Backspace), None);
        }
        typed(&mut s, "55");
        assert_eq!(
            s.handle_key(key(KeyCode::Enter), None),
            Outcome::SaveTry(NewTry {
                step: "u".into(),
                before: 80,
                happened: "carried it in".into(),
                after: 55,
                pain: None,
            })
        );
        assert!(!s.typing());
    }

    #[test]
    fn a_new_activity_needs_a_name_and_esc_leaves_the_form() {
        let mut s = screen();
        s.handle_key(key(KeyCode::Char('n')), Some(Action::NewStep));
        s.handle_key(key(KeyCode::Tab), None);
        typed(&mut s, "60");
        assert_eq!(s.handle_key(key(KeyCode::Enter), None), Outcome::None);
        assert_eq!(
            s.form.as_ref().map(|f| f.at),
            Some(0),
            "the name is asked for"
        );
        typed(&mut s, "bending");
        assert_eq!(
            s.handle_key(key(KeyCode::Enter), None),
            Outcome::AddStep {
                name: "bending".into(),
                expected: 60
            }
        );
        s.handle_key(key(KeyCode::Enter), Some(Action::Open));
        s.handle_key(key(KeyCode::Esc), None);
        assert!(!s.typing());
        assert_eq!(
            s.handle_key(key(KeyCode::Esc), Some(Action::Back)),
            Outcome::Back
        );
    }
}
