//! Today: whether today's routine is done, the week against the goal, the
//! streak, the last check-in, and the routines to pick from.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::insights::Progress;
use crate::keymap::Action;
use crate::model::CheckIn;
use crate::routine::format_about;
use crate::text::{count, one_line};
use crate::tui::hits::{Hits, Target};
use crate::tui::keys;
use crate::tui::screens::Context;

/// One routine as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineEntry {
    pub slug: String,
    pub name: String,
    pub total_seconds: u32,
    pub exercises: usize,
    pub kinds: String,
    /// Set for a user file that could not be used: its first problem.
    pub problem: Option<String>,
}

/// What Today shows, read from the store and the routine files by the loop.
#[derive(Debug, Clone, PartialEq)]
pub struct TodayData {
    pub progress: Progress,
    pub last_checkin: Option<CheckIn>,
    pub routines: Vec<RoutineEntry>,
    /// The best-rated exercises, with their mean comfort (1–5).
    pub favourites: Vec<(String, f64)>,
    /// The status, streak and favourites are still being read.
    pub loading: bool,
    /// Where the person is in the programme they follow, if any.
    /// (Boxed: the message carrying Today's data stays small.)
    pub programme: Option<Box<ProgrammeLine>>,
}

/// Today's line for a programme: "Week 3 of 12 · 2 of 3 this week · next:
/// Core basics", in fewer words for a narrow terminal, and the next
/// routine's place in the list (picked at the start, so Enter opens it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeLine {
    pub long: String,
    pub short: String,
    pub next: Option<usize>,
    /// The fitness check is due this week: the programme's week and weeks.
    pub fitness_due: Option<(u32, u32)>,
    /// Each stepped exercise of this phase: every name it goes by, and
    /// what happens to it next time and why ("level 4 → 5 next time (…)"),
    /// as `programme status` says it — for the session summary.
    pub next_time: Vec<(Vec<String>, String)>,
}

#[derive(Debug, Clone)]
pub struct Today {
    pub data: TodayData,
    pub selected: usize,
    /// The last check-in was just corrected, deleted or undone in the Diary.
    pub changed: Option<Changed>,
}

/// A line about the last check-in's change, shown on the day it was made
/// while that check-in is still the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub text: String,
    pub day: time::Date,
    /// The last check-in after the change, by UUID.
    pub last: Option<String>,
}

impl Today {
    /// The line about the last check-in, while it is still news.
    pub fn changed_line(&self) -> Option<&str> {
        let c = self.changed.as_ref()?;
        let last = self.data.last_checkin.as_ref().map(|l| l.uuid.as_str());
        (c.day == self.data.progress.day && c.last.as_deref() == last).then_some(c.text.as_str())
    }
}

/// What a key on Today asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Quit,
    /// Open the routine at this index of the list.
    Open(usize),
    CheckIn,
    History,
    /// Mark today as a flare-up, or take it back.
    Flare,
    /// A routine of the best-rated exercises.
    Favourites,
    /// Open the routine at this index in the user's editor.
    Edit(usize),
    /// The Programme screen.
    Programme,
    /// The exposure ladder.
    Ladder,
}

impl Today {
    pub fn new(data: TodayData) -> Today {
        let selected = data.programme.as_ref().and_then(|p| p.next).unwrap_or(0);
        Today {
            data,
            selected,
            changed: None,
        }
    }

    /// Fresh data, keeping the pick where it can.
    pub fn refresh(&mut self, data: TodayData) {
        let selected = self.selected;
        let changed = self.changed.take();
        *self = Today::new(data);
        self.selected = selected.min(self.data.routines.len().saturating_sub(1));
        self.changed = changed;
    }

    /// What an action (from the keymap) does here.
    pub fn handle_key(&mut self, action: Option<Action>) -> Outcome {
        let count = self.data.routines.len();
        match action {
            Some(Action::Quit) => Outcome::Quit,
            Some(Action::Open) if count > 0 => Outcome::Open(self.selected),
            Some(Action::CheckIn) => Outcome::CheckIn,
            Some(Action::History) => Outcome::History,
            Some(Action::Flare) => Outcome::Flare,
            Some(Action::Favourites) => Outcome::Favourites,
            Some(Action::Programme) => Outcome::Programme,
            Some(Action::Ladder) => Outcome::Ladder,
            Some(Action::Edit) if count > 0 => Outcome::Edit(self.selected),
            Some(a) => {
                if let Some(i) = keys::list_move(a, self.selected, count) {
                    self.selected = i;
                }
                Outcome::None
            }
            None => Outcome::None,
        }
    }

    /// Draws Today, and records where each routine's row is for clicks.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let p = &self.data.progress;
        let changed = self.changed_line();
        let due = self.data.programme.as_ref().and_then(|p| p.fitness_due);
        let [
            header,
            status,
            flare,
            last,
            changed_row,
            favourites,
            gap,
            due_row,
            list,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(p.flare_today && !self.data.loading)),
            Constraint::Length(1),
            Constraint::Length(u16::from(changed.is_some())),
            Constraint::Length(u16::from(!self.data.favourites.is_empty())),
            Constraint::Length(1),
            Constraint::Length(u16::from(due.is_some())),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);

        frame.render_widget(
            Line::from(vec![
                Span::styled("limber", theme.title),
                Span::styled(" · today", theme.dim),
            ]),
            header,
        );
        if self.data.loading {
            frame.render_widget(Line::styled("…", theme.dim), status);
        }
        let wide = status.width >= 66;
        let today = if p.done_today {
            Span::styled(if wide { "✓ done today" } else { "✓ done" }, theme.good)
        } else if p.flare_today {
            // The calendar's mark; the line below says it in words.
            Span::styled("⚑ rest day", theme.accent)
        } else if p.short_today {
            // Some work, under half the routine: kept, not a session.
            Span::raw(if wide {
                "◐ a short session today"
            } else {
                "◐ short today"
            })
        } else {
            Span::raw(if wide {
                "○ no session yet today"
            } else {
                "○ no session yet"
            })
        };
        let undo = keys::first(map, Action::Flare);
        let flare_words = if flare.width >= 56 {
            format!("⚑ Today is a rest day you chose — {undo} to take it back")
        } else {
            format!("⚑ A rest day you chose — {undo} to take it back")
        };
        frame.render_widget(Line::styled(flare_words, theme.accent), flare);
        let streak = p.streak_words();
        // Narrow terminals get the same facts in fewer words.
        let (week, sep) = if status.width >= 66 {
            (
                format!(
                    "{} of {} this week",
                    p.this_week,
                    count(p.weekly_goal.into(), "session", "sessions")
                ),
                "  ·  ",
            )
        } else {
            (
                format!("{}/{} this week", p.this_week, p.weekly_goal),
                " · ",
            )
        };
        if !self.data.loading {
            // Whole facts or none: a narrow line says "not yet" in fewer
            // words, then leaves the streak out, never a word cut in half.
            let room = usize::from(status.width);
            let long = |today: &Span<'_>| {
                today.content.chars().count()
                    + 2 * sep.chars().count()
                    + week.chars().count()
                    + streak.chars().count()
            };
            let today = if long(&today) > room && !p.done_today && !p.flare_today {
                Span::raw("○ not yet")
            } else {
                today
            };
            let mut spans = vec![today, Span::styled(sep, theme.dim), Span::raw(week.clone())];
            if long(&spans[0]) <= room {
                spans.push(Span::styled(sep, theme.dim));
                spans.push(Span::raw(streak));
            }
            frame.render_widget(Line::from(spans), status);
        }
        let last_text = match &self.data.last_checkin {
            Some(c) if last.width < 56 => format!(
                "Last {}: pain {} anx {} mood {}",
                c.local_date, c.scales.pain, c.scales.anxiety, c.scales.mood
            ),
            Some(c) => format!(
                "Last check-in {}: pain {} · anxiety {} · mood {}",
                c.local_date, c.scales.pain, c.scales.anxiety, c.scales.mood
            ),
            None => "No check-ins yet.".to_string(),
        };
        frame.render_widget(Line::styled(last_text, theme.dim), last);
        if let Some(text) = changed {
            frame.render_widget(
                Line::styled(
                    crate::text::fit(text, usize::from(changed_row.width)),
                    theme.accent,
                ),
                changed_row,
            );
        }
        if !self.data.favourites.is_empty() {
            let names: Vec<String> = self
                .data
                .favourites
                .iter()
                .map(|(name, comfort)| format!("{} ★{comfort:.1}", one_line(name)))
                .collect();
            frame.render_widget(
                Line::from(vec![
                    Span::styled("Your favourites: ", theme.dim),
                    Span::raw(crate::text::fit(
                        &names.join(" · "),
                        usize::from(favourites.width).saturating_sub(17),
                    )),
                ]),
                favourites,
            );
        }
        if let Some(line) = &self.data.programme {
            // The programme's line takes the blank row above the list.
            let programme = gap;
            let text = if programme.width as usize >= line.long.chars().count() {
                &line.long
            } else {
                &line.short
            };
            frame.render_widget(Line::styled(one_line(text), theme.accent), programme);
        }
        if let Some((week, weeks)) = due {
            let key = keys::first(map, Action::FitnessCheck);
            let long =
                format!("Fitness check due this week (week {week} of {weeks}) — {key} to do it");
            let text = if usize::from(due_row.width) >= long.chars().count() {
                long
            } else {
                format!("Fitness check due (week {week}) — {key} to do it")
            };
            frame.render_widget(
                Line::raw(crate::text::fit(&text, usize::from(due_row.width))),
                due_row,
            );
        }

        let name_width = self
            .data
            .routines
            .iter()
            .map(|r| crate::text::columns(&one_line(&r.name)))
            .max()
            .unwrap_or(0);
        // The row's room after the list's "› ": what is cut ends in "…".
        let room = usize::from(list.width).saturating_sub(2);
        let name_width = name_width.min(room);
        let items: Vec<ListItem> = self
            .data
            .routines
            .iter()
            .map(|r| match &r.problem {
                None => {
                    let name = crate::text::fit(&one_line(&r.name), name_width);
                    let pad = name_width.saturating_sub(crate::text::columns(&name));
                    let rest = format!(
                        "  {:>6} · {} · {}",
                        format_about(r.total_seconds),
                        count(r.exercises as u64, "exercise", "exercises"),
                        r.kinds
                    );
                    ListItem::new(Line::from(vec![
                        Span::raw(format!("{name}{}", " ".repeat(pad))),
                        Span::styled(
                            crate::text::fit(&rest, room.saturating_sub(name_width)),
                            theme.dim,
                        ),
                    ]))
                }
                Some(problem) => {
                    let head = crate::text::fit(&format!("✗ {} (broken)", one_line(&r.slug)), room);
                    let rest = room.saturating_sub(crate::text::columns(&head));
                    ListItem::new(Line::from(vec![
                        Span::styled(head, theme.warn),
                        Span::styled(
                            crate::text::fit(&format!("  {}", one_line(problem)), rest),
                            theme.dim,
                        ),
                    ]))
                }
            })
            .collect();
        if items.is_empty() {
            frame.render_widget(
                Paragraph::new("No routines found.").wrap(Wrap { trim: true }),
                list,
            );
        } else {
            let mut state = ListState::default().with_selected(Some(self.selected));
            frame.render_stateful_widget(
                List::new(items)
                    .highlight_style(theme.selected)
                    .highlight_symbol("› "),
                list,
                &mut state,
            );
            // The list scrolled (its offset) to show the selected routine;
            // each routine in sight is one row.
            for (index, row) in (state.offset()..self.data.routines.len()).zip(list.rows()) {
                hits.add(row, Target::Routine(index));
            }
        }
        frame.render_widget(keys::footer(map, keys::TODAY, footer.width, theme), footer);
    }
}
