//! The check-in form: pain, anxiety, mood and (optional) fear of movement on
//! 0–10 sliders, three optional rows (tags, where it hurts, what was taken;
//! see `context`), and a note. Shown before and after a session, and from
//! Today. Enter saves from any field, so the optional rows cost nothing.

pub mod context;

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::keymap::{Action, Keymap};
use crate::model::{CheckInContext, CheckInKind, Scales};
use crate::text::one_line;
use crate::tui::digits::Digits;
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;
use crate::tui::widgets::slider::Slider;

/// The scales, with the words at their ends.
pub const FIELDS: [(&str, &str, &str); 4] = [
    ("Pain", "no pain", "worst imaginable"),
    ("Anxiety", "calm", "worst imaginable"),
    ("Mood", "very low", "very good"),
    ("Fear of movement", "none", "afraid to move"),
];
/// The first of the three optional rows (tags, where, took), then the note.
const ROWS: usize = 4;
const NOTE: usize = 7;
const MAX_NOTE: usize = 500;
/// How long the check-in after a session ignores keys once it appears:
/// keys pressed for the session's last step are not answers.
pub const QUIET_FOR: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInForm {
    pub context: CheckInKind,
    pub values: [Option<u8>; 4],
    /// The last check-in's values, shown as a reminder.
    pub hints: [Option<u8>; 4],
    pub field: usize,
    pub note: String,
    pub editing_note: bool,
    /// A "1" typed on a field that a "0" soon after makes 10.
    digits: Digits<usize>,
    /// The scales Enter found unset, named until the next key.
    pub missing: Vec<&'static str>,
    /// Until then keys are ignored (see `QUIET_FOR`).
    quiet_until: Option<Instant>,
    /// Tags, where it hurts and what was taken.
    pub rows: Box<context::Rows>,
    /// A check-in already recorded is corrected (from the Diary): its
    /// rows open with what went with it.
    pub correcting: bool,
    /// What the form held as it opened (scales, note, and what went with
    /// it): Esc on a form changed from it asks before throwing the answers
    /// away.
    start: ([Option<u8>; 4], String, CheckInContext),
    /// Esc was pressed on a changed form: "Discard this check-in?" is
    /// asked, and the next key answers it.
    pub asking_discard: bool,
}

/// What a key on the form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save(Scales, Option<String>),
    Skip,
}

impl CheckInForm {
    /// A form prefilled with the last check-in's values, if any.
    /// A form with every scale unset: each answer is given now, not carried
    /// over. The last check-in's values are shown beside the scales, and an
    /// arrow key starts from them.
    pub fn new(context: CheckInKind, last: Option<Scales>) -> CheckInForm {
        let hints = match last {
            Some(s) => [Some(s.pain), Some(s.anxiety), Some(s.mood), s.fear],
            None => [None; 4],
        };
        CheckInForm {
            context,
            values: [None; 4],
            hints,
            field: 0,
            note: String::new(),
            editing_note: false,
            digits: Digits::default(),
            missing: Vec::new(),
            quiet_until: None,
            rows: Box::new(context::Rows::new()),
            correcting: false,
            start: ([None; 4], String::new(), CheckInContext::default()),
            asking_discard: false,
        }
    }

    /// A check-in already recorded, to correct: its values and note filled
    /// in, saved with the same checks as a new one.
    pub fn correcting(
        context: CheckInKind,
        scales: Scales,
        note: Option<&str>,
        with: &CheckInContext,
    ) -> CheckInForm {
        let values = [
            Some(scales.pain),
            Some(scales.anxiety),
            Some(scales.mood),
            scales.fear,
        ];
        let note = note.unwrap_or_default().to_string();
        let mut rows = context::Rows::new();
        rows.tags = with.tags.clone();
        rows.regions = with.regions.clone();
        rows.took = with.took.clone();
        rows.answered = with.answered;
        rows.offer(crate::reading::checkin::Words::default());
        CheckInForm {
            values,
            note: note.clone(),
            correcting: true,
            rows: Box::new(rows),
            start: (values, note, with.clone()),
            ..CheckInForm::new(context, None)
        }
    }

    /// Whether anything differs from how the form opened: a scale, the
    /// note, or a tag, place or treatment chosen.
    pub fn changed(&self) -> bool {
        self.values != self.start.0
            || self.note.trim() != self.start.1.trim()
            || !self.rows.context().same_marks(&self.start.2)
    }

    /// The check-in after a session, which ignores keys for a moment.
    pub fn after_session(last: Option<Scales>, now: Instant) -> CheckInForm {
        CheckInForm {
            quiet_until: Some(now + QUIET_FOR),
            ..CheckInForm::new(CheckInKind::After, last)
        }
    }

    /// Whether keys are still ignored at `now`.
    pub fn quiet(&self, now: Instant) -> bool {
        self.quiet_until.is_some_and(|until| now < until)
    }

    pub fn title(&self, now: Instant) -> &'static str {
        if self.quiet(now) {
            return "The session is done — a moment…";
        }
        match self.context {
            CheckInKind::Before => "How are you before you start?",
            CheckInKind::After => "How are you now?",
            CheckInKind::Daily => "How are you today?",
        }
    }

    /// Text is being typed (a note, or a new tag or treatment): every key
    /// is text, none is an action.
    pub fn typing(&self) -> bool {
        self.editing_note || self.rows.typing.is_some()
    }

    /// The optional row with the focus, if one has it.
    pub fn row(&self) -> Option<context::Row> {
        (ROWS..NOTE)
            .contains(&self.field)
            .then(|| context::Row::ALL[self.field - ROWS])
    }

    /// What goes with the check-in, to save with it.
    pub fn context_answer(&self) -> Option<CheckInContext> {
        Some(self.rows.context())
    }

    /// The field after (or before) this one.
    fn step(&self, forward: bool) -> usize {
        let n = NOTE + 1;
        if forward {
            (self.field + 1) % n
        } else {
            (self.field + n - 1) % n
        }
    }

    /// The words the store offers arrived: offered on the rows.
    pub fn offer(&mut self, words: crate::reading::checkin::Words) {
        self.rows.offer(words);
    }

    /// Whether the store's words should be read for the rows (once).
    pub fn words_wanted(&mut self) -> bool {
        let wanted = !self.rows.asked;
        self.rows.asked = true;
        wanted
    }

    /// A click on the body map marks (or unmarks) that place.
    pub fn click_region(&mut self, region: crate::model::Region) {
        if self.row() == Some(context::Row::Where) {
            self.rows.toggle(context::Row::Where, region as usize);
        }
    }

    /// A key press and its action (none while a note is typed: then
    /// every key is text, and Enter, Esc or Tab end the note). A row the
    /// focus reaches counts as answered, marked or not.
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>, now: Instant) -> Outcome {
        let outcome = self.handle_key_here(key, action, now);
        if let Some(row) = self.row() {
            self.rows.reached(row);
        }
        outcome
    }

    fn handle_key_here(&mut self, key: KeyEvent, action: Option<Action>, now: Instant) -> Outcome {
        // The question Esc asked on a changed form: y or Esc again
        // discards it, any other key goes back to the form.
        if std::mem::take(&mut self.asking_discard) {
            return match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Esc => Outcome::Skip,
                _ => Outcome::None,
            };
        }
        let row = self.row();
        if let (Some(text), Some(row)) = (&mut self.rows.typing, row) {
            match key.code {
                KeyCode::Enter => self.rows.finish_typing(row, true),
                KeyCode::Esc => self.rows.finish_typing(row, false),
                KeyCode::Backspace => {
                    text.pop();
                    self.rows.problem = None;
                }
                KeyCode::Char(c)
                    if !c.is_control()
                        && text.chars().count() < crate::model::MAX_WORD_CHARS + 20 =>
                {
                    text.push(c);
                    self.rows.problem = None;
                }
                _ => {}
            }
            return Outcome::None;
        }
        if self.editing_note {
            match key.code {
                KeyCode::Enter | KeyCode::Esc | KeyCode::Tab => self.editing_note = false,
                KeyCode::Backspace => {
                    self.note.pop();
                }
                KeyCode::Char(c) if !c.is_control() && self.note.chars().count() < MAX_NOTE => {
                    self.note.push(c);
                }
                _ => {}
            }
            return Outcome::None;
        }
        // Any other key between a 1 and a 0 ends the chance of a 10.
        let digits = std::mem::take(&mut self.digits);
        match (action, key.code) {
            (Some(Action::Later), _) if self.changed() => {
                self.asking_discard = true;
                return Outcome::None;
            }
            (Some(Action::Later), _) => return Outcome::Skip,
            (Some(Action::Save), _) => return self.save(),
            (Some(Action::PreviousField), _) => self.field = self.step(false),
            (Some(Action::NextField), _) => self.field = self.step(true),
            (Some(Action::Note), _) => {
                self.field = NOTE;
                self.editing_note = true;
            }
            _ if self.field == NOTE => {}
            (_, code) if self.row().is_some() => {
                let c = match code {
                    KeyCode::Char(c) => c,
                    _ => '\0',
                };
                if let Some(row) = self.row() {
                    self.rows.handle(row, action, c);
                }
            }
            (Some(Action::Toggle | Action::AddWord), _) => {}
            // An unset scale starts from last time's value, else the middle.
            (Some(Action::Less), _) => {
                let start = self.hints[self.field].unwrap_or(5);
                let v = &mut self.values[self.field];
                *v = Some(v.map_or(start, |v| v.saturating_sub(1)));
            }
            (Some(Action::More), _) => {
                let start = self.hints[self.field].unwrap_or(5);
                let v = &mut self.values[self.field];
                *v = Some(v.map_or(start, |v| (v + 1).min(10)));
            }
            (Some(Action::First), _) => self.values[self.field] = Some(0),
            (Some(Action::Last), _) => self.values[self.field] = Some(10),
            // Cleared is not answered: Enter then asks for a required scale.
            (Some(Action::Clear), _) => self.values[self.field] = None,
            (None, KeyCode::Char(c @ '0'..='9')) => {
                let (value, open) = digits.answer(self.field, c as u8 - b'0', now);
                self.values[self.field] = Some(value);
                self.digits = open;
            }
            _ => {}
        }
        self.missing.clear();
        Outcome::None
    }

    /// Pasted text goes into the note, as one line: a line break in it is
    /// a space, never Enter.
    pub fn paste(&mut self, text: &str) {
        self.asking_discard = false;
        if let Some(word) = &mut self.rows.typing {
            word.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
            return;
        }
        self.field = NOTE;
        self.editing_note = true;
        self.digits = Digits::default();
        let mut room = MAX_NOTE.saturating_sub(self.note.chars().count());
        for c in text.chars() {
            // A run of line breaks and spaces is one space.
            let c = if c.is_whitespace() { ' ' } else { c };
            if room == 0 || c.is_control() || (c == ' ' && self.note.ends_with(' ')) {
                continue;
            }
            self.note.push(c);
            room -= 1;
        }
    }

    /// When the form changes by itself: a 1 stops waiting for its 0, or
    /// keys start to count.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        [self.digits.closes(), self.quiet_until]
            .into_iter()
            .flatten()
            .filter(|at| *at > now)
            .min()
    }

    /// What Enter found missing, with the keys that set it.
    pub fn problem(&self, map: &Keymap) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        Some(format!(
            "Set {} first ({} {} or a digit), or {} to skip.",
            self.missing.join(", ").to_lowercase(),
            keys::first(map, Action::Less),
            keys::first(map, Action::More),
            keys::first(map, Action::Later),
        ))
    }

    fn save(&mut self) -> Outcome {
        let missing: Vec<&'static str> = (0..3)
            .filter(|&i| self.values[i].is_none())
            .map(|i| FIELDS[i].0)
            .collect();
        if !missing.is_empty() {
            self.missing = missing;
            self.field = (0..3).find(|&i| self.values[i].is_none()).unwrap_or(0);
            return Outcome::None;
        }
        let note = self.note.trim();
        Outcome::Save(
            Scales {
                pain: self.values[0].unwrap_or(0),
                anxiety: self.values[1].unwrap_or(0),
                mood: self.values[2].unwrap_or(0),
                fear: self.values[3],
            },
            (!note.is_empty()).then(|| note.to_string()),
        )
    }

    /// The form, with the body map's places in the click map.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, hits: &mut Hits) {
        let (map, theme, now) = (cx.map, cx.theme, cx.now);
        let roomy = area.height >= 20;
        // The optional rows: a line each when there is room, else one line
        // for the three (the one with the focus, or what they hold).
        let context_lines = if area.height >= 21 { 3 } else { 1 };
        // Below 14 rows the note and the message share a row each with
        // nothing else, so the keys at the bottom always show.
        let tight = area.height < 14;
        let per_field = if roomy { 3 } else { 2 };
        let mut rows = vec![Constraint::Length(if roomy { 2 } else { 1 })];
        rows.extend([Constraint::Length(per_field); 4]);
        rows.extend([
            Constraint::Length(context_lines),
            Constraint::Length(if tight { 1 } else { 2 }),
            Constraint::Length(if tight { 0 } else { 1 }),
            Constraint::Min(0),
            Constraint::Length(1),
        ]);
        let areas = Layout::vertical(rows).split(area);
        frame.render_widget(Line::styled(self.title(now), theme.title), areas[0]);
        self.draw_rows(frame, areas[5], theme);
        // An optional row with the focus opens where the scales are.
        if let Some(row) = self.row() {
            let open = areas[1].union(areas[4]);
            self.rows.draw_open(row, frame, open, map, theme, hits);
        }
        for (i, (label, low, high)) in FIELDS.iter().enumerate() {
            if self.row().is_some() {
                break;
            }
            let focused = self.field == i;
            let [name, slider] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)])
                .areas(areas[i + 1]);
            let marker = if focused { "› " } else { "  " };
            let mut optional = if i == 3 {
                " (optional)".to_string()
            } else {
                String::new()
            };
            if let (None, Some(hint)) = (self.values[i], self.hints[i]) {
                optional.push_str(&format!("  last time {hint}"));
            }
            if self.digits.open(now) == Some(i) {
                optional.push_str("  1 (0 for 10)");
            }
            frame.render_widget(
                Line::from(vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(
                        *label,
                        if focused {
                            theme.title
                        } else {
                            Default::default()
                        },
                    ),
                    Span::styled(optional.clone(), theme.dim),
                ]),
                name,
            );
            let [_, track] =
                Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(slider);
            // Padded ends keep the four tracks in line with each other.
            let low = format!("{low:>8}");
            let high = format!("{high:<16}");
            frame.render_widget(
                Slider {
                    value: self.values[i],
                    low: &low,
                    high: &high,
                    focused,
                    theme,
                },
                track,
            );
        }
        let note_focused = self.field == NOTE;
        let note_text = if self.note.is_empty() && !self.editing_note {
            Span::styled(
                format!("press {} to add a note", keys::first(map, Action::Note)),
                theme.dim,
            )
        } else if self.editing_note {
            // The cursor is at the end: a note longer than the row shows
            // its end, so what is typed is always in view.
            let room = usize::from(areas[6].width).saturating_sub("› Note: ▏".chars().count());
            Span::raw(format!(
                "{}▏",
                crate::text::fit_tail(&one_line(&self.note), room)
            ))
        } else {
            Span::raw(one_line(&self.note))
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(if note_focused { "› " } else { "  " }, theme.accent),
                Span::styled(
                    "Note: ",
                    if note_focused {
                        theme.title
                    } else {
                        Default::default()
                    },
                ),
                note_text,
            ]),
            areas[6],
        );
        let problem = if self.asking_discard {
            Some(DISCARD.to_string())
        } else {
            self.problem(map)
        };
        if let Some(problem) = &problem {
            frame.render_widget(Line::styled(problem.clone(), theme.warn), areas[7]);
        } else if self.rows.typing.is_some() {
            frame.render_widget(
                Line::styled("Enter adds it, Esc leaves it out", theme.dim),
                areas[7],
            );
        } else if self.editing_note {
            frame.render_widget(
                Line::styled("Enter or Esc when the note is done", theme.dim),
                areas[7],
            );
        }
        match (&problem, tight) {
            // No row of its own for the message: it takes the keys' place.
            (Some(problem), true) => {
                frame.render_widget(Line::styled(problem.clone(), theme.warn), areas[9]);
            }
            // The question names its own keys; the form's keys (Esc skip,
            // Enter save) would say otherwise while it waits.
            _ if self.asking_discard => {}
            _ => frame.render_widget(
                keys::footer(
                    map,
                    &match self.row() {
                        // The places are fixed: nothing to type a new one of.
                        Some(context::Row::Where) => keys::CHECKIN_ROWS
                            .iter()
                            .filter(|r| r.actions != [Action::AddWord])
                            .copied()
                            .collect(),
                        Some(_) => keys::CHECKIN_ROWS.to_vec(),
                        None => keys::CHECKIN.to_vec(),
                    },
                    areas[9].width,
                    theme,
                ),
                areas[9],
            ),
        }
    }
}

/// Asked when Esc would throw away a check-in with something in it.
pub const DISCARD: &str = "Discard this check-in? y discards · any other key keeps it";

#[cfg(test)]
mod tests;
