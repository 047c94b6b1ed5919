//! History's Diary tab: every check-in, session, flare-up day, fitness
//! result and WHO-5 in the range, newest first, with its time, its values and its note in full;
//! one entry opened; and correcting one (in the form it was recorded with),
//! deleting one (after a one-key question) and undoing the last change.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use time::macros::format_description;

mod view;

use super::entry_form::{self, EntryForm};
use super::{Outcome, empty};
use crate::clock::Clock;
use crate::keymap::{Action, Keymap};
use crate::model::{
    CheckInContext, CheckInKind, Correction, Entry, EntryKind, EntryValues, ExerciseRecord,
};
use crate::text::one_line;
use crate::tui::Effect;
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use crate::tui::screens::checkin::{self, CheckInForm};
use crate::tui::widgets::wrap;
use crate::tui::{keys, theme::Theme};
use view::{draw_list, draw_opened, fit};

/// One entry as the Diary lists it: the entry, and its time of day on the
/// user's clock (read when History is read, so drawing needs no clock).
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryEntry {
    pub entry: Entry,
    /// "08:12"; empty for a flare-up day, which is a whole day.
    pub time: String,
    /// A check-in's tags, places and what was taken (empty when none).
    pub with: CheckInContext,
}

impl DiaryEntry {
    /// An entry, with what went with it if it is a check-in.
    pub fn with(entry: Entry, with: CheckInContext, clock: &Clock) -> DiaryEntry {
        DiaryEntry {
            with,
            ..DiaryEntry::new(entry, clock)
        }
    }

    pub fn new(entry: Entry, clock: &Clock) -> DiaryEntry {
        let time = if entry.kind() == EntryKind::Flare {
            String::new()
        } else {
            clock
                .local(entry.at)
                .time()
                .format(format_description!("[hour]:[minute]"))
                .unwrap_or_default()
        };
        DiaryEntry {
            entry,
            time,
            with: CheckInContext::default(),
        }
    }

    /// "2026-11-30 08:12", or the date alone for a flare-up day.
    pub fn when(&self) -> String {
        if self.time.is_empty() {
            self.entry.local_date.to_string()
        } else {
            format!("{} {}", self.entry.local_date, self.time)
        }
    }

    /// "check-in of 2026-11-30 08:12 (pain 4, anxiety 3, mood 6)".
    pub fn described(&self) -> String {
        format!(
            "{} of {} ({})",
            kind_name(self.entry.kind()),
            self.when(),
            values(&self.entry)
        )
    }
}

pub fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "check-in",
        EntryKind::Session => "session",
        EntryKind::Flare => "flare-up day",
        EntryKind::Fitness => "fitness result",
        EntryKind::Wellbeing => "WHO-5",
    }
}

/// The values of an entry in words: "pain 4, anxiety 3, mood 6, fear 2,
/// after a session"; "Core basics, 13 min, done"; "a rest day you chose".
pub fn values(e: &Entry) -> String {
    match e.values {
        EntryValues::CheckIn { context, .. } => {
            let mut text = e.scores_text(["pain ", "anxiety ", "mood ", "fear "], ", ");
            match context {
                CheckInKind::Before => text.push_str(", before a session"),
                CheckInKind::After => text.push_str(", after a session"),
                CheckInKind::Daily => {}
            }
            text
        }
        EntryValues::Session { .. } => e.session_text(", ", one_line),
        EntryValues::Flare => "a rest day you chose".to_string(),
        EntryValues::Fitness { .. } | EntryValues::Wellbeing { .. } => e.self_test_values(),
    }
}

/// "Stands", "Steps", "Seconds": a fitness test's unit as a form's label.
fn capitalised_unit(unit: &str) -> &'static str {
    match unit {
        "stands" => "Stands",
        "steps" => "Steps",
        "seconds" => "Seconds",
        _ => "Count",
    }
}

/// A check-in's tags, places and what was taken, in words: "tags: poor
/// sleep; where: lower back; took: ibuprofen 400 mg"; `None` when none.
pub fn with_words(with: &CheckInContext) -> Option<String> {
    let mut parts = Vec::new();
    if !with.tags.is_empty() {
        let tags: Vec<String> = with.tags.iter().map(|t| one_line(t)).collect();
        parts.push(format!("tags: {}", tags.join(", ")));
    }
    if !with.regions.is_empty() {
        let places: Vec<&str> = with.regions.iter().map(|r| r.label()).collect();
        parts.push(format!("where: {}", places.join(", ")));
    }
    if !with.took.is_empty() {
        let took: Vec<String> = with.took.iter().map(|t| one_line(&t.to_string())).collect();
        parts.push(format!("took: {}", took.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The values in the list's few columns: "P4 A3 M6 F2 · after";
/// "▶ Core basics · 13 min · done"; "⚑ a rest day you chose".
fn list_values(e: &Entry) -> String {
    match e.values {
        EntryValues::CheckIn { context, .. } => {
            let mut text = e.scores_text(["P", "A", "M", "F"], " ");
            text.push_str(&format!(" · {}", context.as_str()));
            text
        }
        EntryValues::Session { .. } => e.session_text(" · ", one_line),
        EntryValues::Flare => "⚑ a rest day you chose".to_string(),
        EntryValues::Fitness { .. } | EntryValues::Wellbeing { .. } => e.self_test_values(),
    }
}

/// A change to the diary the store took, for the app to say.
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryChange {
    /// The bottom line: what changed, or what came back.
    pub said: String,
    /// Today's line, when the change was to the last check-in.
    pub today: Option<String>,
    /// The user's date when it was made: Today's line lasts the day.
    pub day: time::Date,
    /// The last check-in after the change, by UUID: a newer one ends Today's line.
    pub last: Option<String>,
}

/// One entry opened: everything it holds, and a session's exercises once read.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub uuid: String,
    pub exercises: Option<Vec<ExerciseRecord>>,
    pub scroll: u16,
}

/// The form an entry is corrected in: a check-in's own form, or minutes
/// and a note.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    CheckIn(CheckInForm),
    Other(EntryForm),
}

/// An entry being corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    pub entry: DiaryEntry,
    pub form: Form,
    /// Why the store did not take the correction; the form keeps what was typed.
    pub error: Option<String>,
}

/// The Diary tab's own state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diary {
    /// Every entry of the range, newest first, once read.
    pub entries: Option<Vec<DiaryEntry>>,
    /// The range whose entries were asked for and have not come yet.
    pub reading: Option<crate::insights::Range>,
    pub selected: usize,
    pub opened: Option<Opened>,
    /// "Delete this entry?" is asked of it.
    pub asking: Option<DiaryEntry>,
    pub editing: Option<Editing>,
}

impl Diary {
    /// The entry a key acts on: the one opened, else the one picked.
    fn current<'a>(&self, entries: &'a [DiaryEntry]) -> Option<&'a DiaryEntry> {
        match &self.opened {
            Some(o) => entries.iter().find(|e| e.entry.uuid == o.uuid),
            None => entries.get(self.selected),
        }
    }

    /// After a new read: the pick stays in the list, and an entry opened
    /// that is gone (deleted) closes.
    pub fn loaded(&mut self, entries: Vec<DiaryEntry>) {
        self.selected = self.selected.min(entries.len().saturating_sub(1));
        if let Some(o) = &self.opened
            && !entries.iter().any(|e| e.entry.uuid == o.uuid)
        {
            self.opened = None;
        }
        self.entries = Some(entries);
        self.reading = None;
    }

    /// A key on the Diary tab; `None` leaves it to History (tabs, range, back).
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        action: Option<Action>,
        now: Instant,
    ) -> Option<Outcome> {
        // Taken out while the key is handled, so it is not copied.
        let entries = self.entries.take();
        let outcome = self.key_on(key, action, entries.as_deref().unwrap_or_default(), now);
        self.entries = entries;
        outcome
    }

    /// The keymap's screen while the Diary asks or a form is open; `None`
    /// while text is typed, when every key is text.
    pub fn scope(&self) -> Option<Option<crate::keymap::Scope>> {
        use crate::keymap::Scope;
        match (&self.editing, &self.asking) {
            (
                Some(Editing {
                    form: Form::CheckIn(f),
                    ..
                }),
                _,
            ) if !f.editing_note => Some(Some(Scope::CheckIn)),
            (Some(_), _) => Some(None),
            (None, Some(_)) => Some(Some(Scope::Delete)),
            (None, None) => None,
        }
    }

    fn key_on(
        &mut self,
        key: KeyEvent,
        action: Option<Action>,
        entries: &[DiaryEntry],
        now: Instant,
    ) -> Option<Outcome> {
        if let Some(editing) = &mut self.editing {
            return Some(edit_key(editing, key, action, now).unwrap_or_else(|| {
                self.editing = None;
                Outcome::None
            }));
        }
        if let Some(entry) = &self.asking {
            let with_checkins = match action {
                Some(Action::Yes) => false,
                Some(Action::WithCheckins) if entry.entry.kind() == EntryKind::Session => true,
                Some(Action::No) => {
                    self.asking = None;
                    return Some(Outcome::None);
                }
                _ => return Some(Outcome::None),
            };
            return Some(Outcome::Do(Effect::DeleteEntry {
                kind: entry.entry.kind(),
                uuid: entry.entry.uuid.clone(),
                with_checkins,
            }));
        }
        let action = action?;
        match action {
            Action::Undo => return Some(Outcome::Do(Effect::UndoEntry)),
            Action::EditEntry => {
                if let Some(entry) = self.current(entries) {
                    self.editing = Some(Editing::of(entry));
                }
                return Some(Outcome::None);
            }
            Action::DeleteEntry => {
                self.asking = self.current(entries).cloned();
                return Some(Outcome::None);
            }
            _ => {}
        }
        if let Some(opened) = &mut self.opened {
            match action {
                Action::Back | Action::Open => self.opened = None,
                Action::Down | Action::PageDown => opened.scroll = (opened.scroll + 1).min(200),
                Action::Up | Action::PageUp => opened.scroll = opened.scroll.saturating_sub(1),
                Action::First => opened.scroll = 0,
                _ => return None,
            }
            return Some(Outcome::None);
        }
        let len = entries.len();
        match action {
            Action::Open => {
                let entry = entries.get(self.selected)?;
                self.opened = Some(Opened {
                    uuid: entry.entry.uuid.clone(),
                    exercises: None,
                    scroll: 0,
                });
                if entry.entry.kind() == EntryKind::Session {
                    return Some(Outcome::Do(Effect::LoadEntryExercises(
                        entry.entry.uuid.clone(),
                    )));
                }
            }
            Action::PageDown => self.selected = (self.selected + 10).min(len.saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            a => self.selected = keys::list_move(a, self.selected, len)?,
        }
        Some(Outcome::None)
    }

    /// A session's exercises, read for the entry opened.
    pub fn exercises_read(&mut self, uuid: &str, exercises: Vec<ExerciseRecord>) {
        if let Some(o) = &mut self.opened
            && o.uuid == uuid
        {
            o.exercises = Some(exercises);
        }
    }

    /// Pasted text, into the note of a form open.
    pub fn paste(&mut self, text: &str) {
        match self.editing.as_mut().map(|e| &mut e.form) {
            Some(Form::CheckIn(form)) => form.paste(text),
            Some(Form::Other(form)) => form.paste(text),
            None => {}
        }
    }

    /// When a form open changes by itself (a 1 waiting for its 0).
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        match self.editing.as_ref().map(|e| &e.form) {
            Some(Form::CheckIn(form)) => form.next_change(now),
            _ => None,
        }
    }

    /// The list, the entry opened, or the question at its foot.
    pub fn draw(&self, frame: &mut Frame, area: Rect, map: &Keymap, theme: &Theme) {
        let Some(entries) = &self.entries else {
            frame.render_widget(Line::styled("reading…", theme.dim), area);
            return;
        };
        if let Some(opened) = &self.opened
            && let Some(entry) = entries.iter().find(|e| e.entry.uuid == opened.uuid)
        {
            draw_opened(frame, area, entry, opened, map, theme);
        } else if entries.is_empty() {
            let text = format!(
                "Nothing recorded in this range. Check-ins, sessions, flare-up days, fitness results and WHO-5s show here, newest first; {} for a longer range.",
                keys::first(map, Action::LongerRange)
            );
            empty(frame, area, &text, theme);
        } else {
            draw_list(frame, area, entries, self.selected, theme);
        }
        if let Some(entry) = &self.asking {
            let lines: Vec<Line> = delete_question(entry, map)
                .iter()
                .map(|l| Line::styled(crate::text::fit(l, usize::from(area.width)), theme.warn))
                .collect();
            draw_at_foot(frame, area, lines);
        }
    }
}

/// `lines` over the foot of `area`, what was under them cleared.
fn draw_at_foot(frame: &mut Frame, area: Rect, lines: Vec<Line>) {
    let height = (lines.len() as u16).min(area.height);
    let foot = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    frame.render_widget(Clear, foot);
    frame.render_widget(Paragraph::new(lines), foot);
}

/// "Delete the check-in of 2026-11-30 08:12?" — the footer under it
/// carries the keys; a session adds the one key the footer leaves out,
/// for its before/after check-ins.
fn delete_question(entry: &DiaryEntry, map: &Keymap) -> Vec<String> {
    let what = format!("{} of {}", kind_name(entry.entry.kind()), entry.when());
    let mut lines = vec![format!("Delete the {what}?")];
    if entry.entry.kind() == EntryKind::Session {
        lines.push(format!(
            "{} deletes its before/after check-ins too",
            keys::first(map, Action::WithCheckins)
        ));
    }
    lines
}

/// A key on a form open: `None` when it closed without saving.
fn edit_key(
    editing: &mut Editing,
    key: KeyEvent,
    action: Option<Action>,
    now: Instant,
) -> Option<Outcome> {
    let e = &editing.entry.entry;
    let was = e.scales();
    let mut with = None;
    let change = match &mut editing.form {
        Form::CheckIn(form) => match form.handle_key(key, action, now) {
            checkin::Outcome::None => return Some(Outcome::None),
            checkin::Outcome::Skip => return None,
            // Only what was changed in the form: a field another window
            // corrected meanwhile is not written back as the form showed it.
            checkin::Outcome::Save(scales, note) => {
                with = form
                    .context_answer()
                    .filter(|answer| *answer != editing.entry.with);
                Correction {
                    pain: (Some(scales.pain) != was.map(|s| s.pain)).then_some(scales.pain),
                    anxiety: (Some(scales.anxiety) != was.map(|s| s.anxiety))
                        .then_some(scales.anxiety),
                    mood: (Some(scales.mood) != was.map(|s| s.mood)).then_some(scales.mood),
                    fear: (scales.fear != was.and_then(|s| s.fear)).then_some(scales.fear),
                    note: (note != e.note).then_some(note),
                    ..Correction::default()
                }
            }
        },
        Form::Other(form) => match form.handle_key(key) {
            entry_form::Outcome::None => return Some(Outcome::None),
            entry_form::Outcome::Cancel => return None,
            entry_form::Outcome::Save(number, note) if e.kind() == EntryKind::Fitness => {
                Correction {
                    value: number.filter(|v| Some(*v) != e.fitness().map(|(_, value)| value)),
                    note: (note != e.note).then_some(note),
                    ..Correction::default()
                }
            }
            entry_form::Outcome::Save(minutes, note) => Correction {
                note: (note != e.note).then_some(note),
                seconds: minutes.filter(|m| Some(*m) != e.minutes()).map(|m| m * 60),
                ..Correction::default()
            },
            entry_form::Outcome::Answers(answers) => Correction {
                answers: (Some(answers) != e.answers()).then_some(answers),
                ..Correction::default()
            },
        },
    };
    editing.error = None;
    Some(Outcome::Do(Effect::CorrectEntry {
        kind: e.kind(),
        uuid: e.uuid.clone(),
        change,
        with: with.map(Box::new),
        seen: Box::new(e.clone()),
    }))
}

impl Editing {
    /// The form an entry was recorded with, filled in with what it holds.
    pub fn of(entry: &DiaryEntry) -> Editing {
        let e = &entry.entry;
        let form = match e.values {
            EntryValues::CheckIn { context, scales } => Form::CheckIn(CheckInForm::correcting(
                context,
                scales,
                e.note.as_deref(),
                &entry.with,
            )),
            EntryValues::Session { minutes, .. } => {
                Form::Other(EntryForm::session(minutes, e.note.as_deref()))
            }
            EntryValues::Fitness { test, value, .. } => Form::Other(EntryForm::fitness(
                value,
                capitalised_unit(test.unit()),
                test.max_value(),
            )),
            EntryValues::Wellbeing { answers } => Form::Other(EntryForm::who5(answers)),
            EntryValues::Flare => Form::Other(EntryForm::flare(e.note.as_deref())),
        };
        Editing {
            entry: entry.clone(),
            form,
            error: None,
        }
    }

    /// The form, under a line that says which entry it corrects.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context) {
        let (map, theme) = (cx.map, cx.theme);
        let title = format!(
            "Correcting the {} of {}",
            kind_name(self.entry.entry.kind()),
            self.entry.when()
        );
        match &self.form {
            Form::Other(form) => form.draw(
                frame,
                area,
                &fit(&title, area.width.into()),
                self.error.as_deref(),
                theme,
            ),
            Form::CheckIn(form) => {
                let [head, rest] = ratatui::layout::Layout::vertical([
                    ratatui::layout::Constraint::Length(1),
                    ratatui::layout::Constraint::Min(1),
                ])
                .areas(area);
                frame.render_widget(
                    Line::styled(fit(&title, head.width.into()), theme.accent),
                    head,
                );
                form.draw(frame, rest, cx, &mut Hits::default());
                // The form's own bottom line says "skip"; here Esc leaves
                // the entry as it was. A problem the form shows there stays.
                // Why the store did not take it, wrapped, in the rows
                // above the keys.
                if form.problem(map).is_none() && rest.height > 0 {
                    let mut lines: Vec<Line> = self
                        .error
                        .as_deref()
                        .map(|e| wrap(e, rest.width.into()))
                        .unwrap_or_default()
                        .into_iter()
                        .map(|l| Line::styled(l, theme.warn))
                        .collect();
                    lines.push(keys::footer(map, keys::CORRECTING, rest.width, theme));
                    draw_at_foot(frame, rest, lines);
                }
            }
        }
    }
}
