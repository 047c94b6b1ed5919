//! The form that corrects a session (its minutes and note), a flare-up
//! day (its note), a fitness result (its count) or a WHO-5 (its five
//! answers) from History's Diary tab. Every key is text here, as in a
//! check-in's note: Tab or ↑ ↓ move between the fields, Enter saves, Esc
//! leaves the entry as it was.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// As long as a note typed in the app may be.
const MAX_NOTE: usize = 500;
/// The longest session the diary takes, as `limber log` does.
pub const MAX_MINUTES: u32 = 1440;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryForm {
    /// The number as typed (a session's minutes, a fitness result's count,
    /// a WHO-5's answers as five digits); `None` for a flare-up day.
    pub minutes: Option<String>,
    /// What the number is, as the form names it ("Minutes", "Stands").
    label: &'static str,
    /// The least and most it may be, and how many digits it takes.
    least: u32,
    most: u32,
    digits: usize,
    /// A note goes with it (a fitness result and a WHO-5 have none).
    has_note: bool,
    /// The number is a WHO-5's five answers, a digit 0–5 each.
    answers: bool,
    pub note: String,
    /// 0 the minutes, 1 the note.
    pub field: usize,
    /// Why Enter did not save, until the next key.
    pub problem: Option<String>,
    /// The minutes as recorded: kept as they are (even 0, a session ended
    /// at once), they are not changed.
    was: Option<String>,
}

/// What a key on the form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// The number (a session's minutes, a fitness result's count) when
    /// changed, and the note, checked.
    Save(Option<u32>, Option<String>),
    /// A WHO-5's five answers, changed.
    Answers([u8; 5]),
    Cancel,
}

impl EntryForm {
    pub fn session(minutes: u32, note: Option<&str>) -> EntryForm {
        EntryForm {
            minutes: Some(minutes.to_string()),
            label: "Minutes",
            least: 1,
            most: MAX_MINUTES,
            digits: 4,
            has_note: true,
            answers: false,
            note: note.unwrap_or_default().to_string(),
            field: 0,
            problem: None,
            was: Some(minutes.to_string()),
        }
    }

    pub fn flare(note: Option<&str>) -> EntryForm {
        EntryForm {
            minutes: None,
            field: 1,
            was: None,
            ..EntryForm::session(0, note)
        }
    }

    /// A fitness result's count, named by its unit ("Stands").
    pub fn fitness(value: u32, unit: &'static str, most: u32) -> EntryForm {
        EntryForm {
            label: unit,
            least: 0,
            most,
            digits: 3,
            has_note: false,
            ..EntryForm::session(value, None)
        }
    }

    /// A WHO-5's five answers, typed as five digits ("32343").
    pub fn who5(answers: [u8; 5]) -> EntryForm {
        let text: String = answers.iter().map(u8::to_string).collect();
        EntryForm {
            minutes: Some(text.clone()),
            was: Some(text),
            label: "Answers, 0–5 each, in order",
            digits: 5,
            has_note: false,
            answers: true,
            ..EntryForm::session(0, None)
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        self.problem = None;
        match key.code {
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Enter => return self.save(),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down
                if self.minutes.is_some() && self.has_note =>
            {
                self.field = 1 - self.field;
            }
            KeyCode::Backspace => {
                self.text().pop();
            }
            KeyCode::Char(c) if self.field == 0 => {
                if let Some(m) = &mut self.minutes
                    && c.is_ascii_digit()
                    && m.len() < self.digits
                {
                    m.push(c);
                }
            }
            KeyCode::Char(c)
                if self.has_note && !c.is_control() && self.note.chars().count() < MAX_NOTE =>
            {
                self.note.push(c);
            }
            _ => {}
        }
        Outcome::None
    }

    /// Pasted text goes into the note, as one line.
    pub fn paste(&mut self, text: &str) {
        if !self.has_note {
            return;
        }
        self.field = 1;
        for c in text.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if self.note.chars().count() >= MAX_NOTE
                || c.is_control()
                || (c == ' ' && self.note.ends_with(' '))
            {
                continue;
            }
            self.note.push(c);
        }
    }

    fn text(&mut self) -> &mut String {
        match (&mut self.minutes, self.field) {
            (Some(m), 0) => m,
            _ => &mut self.note,
        }
    }

    fn save(&mut self) -> Outcome {
        let minutes = match &self.minutes {
            None => None,
            Some(text) if Some(text) == self.was.as_ref() => None,
            Some(text) if self.answers => {
                let answers: Vec<u8> = text
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .filter(|d| *d <= 5)
                    .map(|d| d as u8)
                    .collect();
                return match <[u8; 5]>::try_from(answers) {
                    Ok(answers) => Outcome::Answers(answers),
                    Err(_) => {
                        self.problem =
                            Some("Answers: five digits, each from 0 to 5, in order.".to_string());
                        Outcome::None
                    }
                };
            }
            Some(text) => match text.parse::<u32>() {
                Ok(m) if (self.least..=self.most).contains(&m) => Some(m),
                _ => {
                    self.problem = Some(format!(
                        "{}: a whole number from {} to {}.",
                        self.label, self.least, self.most
                    ));
                    self.field = 0;
                    return Outcome::None;
                }
            },
        };
        let note = self.note.trim();
        Outcome::Save(minutes, (!note.is_empty()).then(|| note.to_string()))
    }

    /// The fields under `title`, the note wrapped in full, and how to save
    /// or leave at the bottom.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        title: &str,
        error: Option<&str>,
        theme: &Theme,
    ) {
        // Why it was not saved, wrapped: it says what to change.
        let problem: Vec<String> = self
            .problem
            .as_deref()
            .or(error)
            .map(|text| wrap(text, usize::from(area.width)))
            .unwrap_or_default();
        let [head, body, message, footer] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(1),
            Constraint::Length(problem.len() as u16),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Line::styled(title.to_string(), theme.title), head);
        let marker = |i: usize| if self.field == i { "› " } else { "  " };
        let mut lines = Vec::new();
        if let Some(minutes) = &self.minutes {
            let cursor = if self.field == 0 { "▏" } else { "" };
            lines.push(Line::from(vec![
                Span::styled(marker(0), theme.accent),
                Span::raw(format!("{}: {minutes}{cursor}", self.label)),
            ]));
        }
        let cursor = if self.field == 1 { "▏" } else { "" };
        if !self.has_note {
            lines.clear();
            let cursor = "▏";
            lines.push(Line::from(vec![
                Span::styled(marker(0), theme.accent),
                Span::raw(format!(
                    "{}: {}{cursor}",
                    self.label,
                    self.minutes.as_deref().unwrap_or_default()
                )),
            ]));
        }
        let room = usize::from(body.width).saturating_sub(4).max(8);
        let note = format!("{}{cursor}", crate::text::one_line(&self.note));
        if self.has_note {
            lines.push(Line::from(vec![
                Span::styled(marker(1), theme.accent),
                Span::raw("Note:"),
            ]));
            lines.extend(
                wrap(&note, room)
                    .into_iter()
                    .map(|part| Line::raw(format!("    {part}"))),
            );
        }
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), body);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(
                problem
                    .into_iter()
                    .map(|l| Line::styled(l, theme.warn))
                    .collect::<Vec<_>>(),
            ),
            message,
        );
        let keys = if self.minutes.is_some() && self.has_note {
            "Tab field  Enter save  Esc cancel"
        } else {
            "Enter save  Esc cancel"
        };
        frame.render_widget(Line::styled(keys, theme.dim), footer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(form: &mut EntryForm, code: KeyCode) -> Outcome {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn minutes_take_digits_and_are_checked_on_save() {
        let mut form = EntryForm::session(30, Some("walk"));
        press(&mut form, KeyCode::Backspace);
        press(&mut form, KeyCode::Backspace);
        press(&mut form, KeyCode::Char('x'));
        assert_eq!(press(&mut form, KeyCode::Enter), Outcome::None);
        assert!(form.problem.is_some());
        press(&mut form, KeyCode::Char('4'));
        press(&mut form, KeyCode::Char('5'));
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Char('!'));
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            Outcome::Save(Some(45), Some("walk!".to_string()))
        );
    }

    #[test]
    fn a_flare_days_note_can_be_emptied_and_esc_cancels() {
        let mut form = EntryForm::flare(Some("ab"));
        press(&mut form, KeyCode::Backspace);
        press(&mut form, KeyCode::Backspace);
        assert_eq!(press(&mut form, KeyCode::Enter), Outcome::Save(None, None));
        assert_eq!(press(&mut form, KeyCode::Esc), Outcome::Cancel);
    }

    #[test]
    fn a_fitness_count_and_a_who5s_answers_are_checked_on_save() {
        let mut form = EntryForm::fitness(12, "Stands", 60);
        press(&mut form, KeyCode::Char('x'));
        assert_eq!(press(&mut form, KeyCode::Enter), Outcome::Save(None, None));
        press(&mut form, KeyCode::Backspace);
        press(&mut form, KeyCode::Char('9'));
        press(&mut form, KeyCode::Char('9'));
        assert_eq!(press(&mut form, KeyCode::Enter), Outcome::None);
        assert_eq!(
            form.problem.as_deref(),
            Some("Stands: a whole number from 0 to 60.")
        );
        press(&mut form, KeyCode::Backspace);
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            Outcome::Save(Some(19), None)
        );
        let mut who5 = EntryForm::who5([3, 3, 3, 3, 3]);
        press(&mut who5, KeyCode::Backspace);
        press(&mut who5, KeyCode::Char('7'));
        assert_eq!(press(&mut who5, KeyCode::Enter), Outcome::None);
        press(&mut who5, KeyCode::Backspace);
        press(&mut who5, KeyCode::Char('5'));
        assert_eq!(
            press(&mut who5, KeyCode::Enter),
            Outcome::Answers([3, 3, 3, 3, 5])
        );
    }

    #[test]
    fn minutes_left_as_recorded_are_not_changed_even_zero() {
        let mut form = EntryForm::session(0, None);
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Char('x'));
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            Outcome::Save(None, Some("x".to_string()))
        );
    }
}
