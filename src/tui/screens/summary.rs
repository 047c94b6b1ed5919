//! The summary after a session: time spent, exercises done and skipped,
//! before → after for pain, anxiety and mood, and how each exercise felt.

use crate::insights::count::Credit;
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::keymap::Action;
use crate::model::{ExerciseStatus, Scales};
use crate::text::one_line;
use crate::tui::outbox::entries;
use crate::tui::screens::session::{End, SessionScreen};
use crate::tui::{Effect, keys, theme::Theme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatedExercise {
    pub position: u32,
    pub name: String,
    pub rating: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub routine: String,
    pub end: End,
    /// Time spent moving, in the whole seconds the store holds.
    pub active_seconds: u32,
    pub done: usize,
    pub skipped: usize,
    /// The routine's exercises, for what the session counts for.
    pub planned: usize,
    pub before: Option<Scales>,
    pub after: Option<Scales>,
    /// The session's UUID.
    pub session: String,
    pub exercises: Vec<RatedExercise>,
    pub selected: usize,
    /// A rating just replaced by another: the exercise, the old and the
    /// new, said until the next key ("Seated cat-cow: 4 → 5").
    pub replaced: Option<(String, u8, u8)>,
    /// Feared exercises with what was expected and what it was.
    pub exposures: Vec<(String, Option<u8>, Option<u8>)>,
    pub gentle: bool,
    /// Whether the check-ins before and after were asked for: a summary
    /// never points at a check-in it did not offer.
    pub offered: Offered,
}

/// Which check-ins the way through a session asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered {
    pub before: bool,
    pub after: bool,
}

/// What a key on the summary asks for.
pub enum Outcome {
    None,
    Close,
    Rate(Effect),
}

/// "pain 6 → 4 ▼2": the arrow shows the direction, the number the size.
pub fn change(label: &str, before: u8, after: u8) -> String {
    let arrow = match after.cmp(&before) {
        std::cmp::Ordering::Less => format!("▼{}", before - after),
        std::cmp::Ordering::Greater => format!("▲{}", after - before),
        std::cmp::Ordering::Equal => "=".to_string(),
    };
    format!("{label:<8} {before:>2} → {after:<2}  {arrow}")
}

impl Summary {
    /// What this session counts for, by `insights::count`'s rule.
    pub fn credit(&self) -> Credit {
        crate::insights::count::credit(&crate::model::SessionWork {
            date: time::Date::MIN,
            kind: crate::model::SessionKind::Guided,
            status: match self.end {
                End::Completed => crate::model::SessionStatus::Completed,
                End::Aborted => crate::model::SessionStatus::Aborted,
            },
            active_seconds: self.active_seconds,
            exercises: self.planned.max(self.done + self.skipped) as u32,
            exercises_done: self.done as u32,
        })
    }

    pub fn from_session(session: &SessionScreen, end: End) -> Summary {
        let plan = session.timer.plan();
        let (done, skipped) = session.counts();
        let exercises = (0..plan.exercises.len())
            .filter(|&e| {
                session.progress[e].recorded && session.status_of(e) != ExerciseStatus::Skipped
            })
            .map(|e| RatedExercise {
                position: e as u32,
                name: plan.exercises[e].name.clone(),
                rating: session.progress[e].rating,
            })
            .collect::<Vec<RatedExercise>>();
        // The cursor starts where a rating is still wanted: a digit pressed
        // at once never re-rates what was rated during the session.
        let selected = first_unrated(&exercises);
        Summary {
            routine: plan.name.clone(),
            end,
            active_seconds: session.recorded_seconds(),
            done,
            skipped,
            planned: plan.exercises.len(),
            before: session.before,
            after: None,
            session: session.session.clone(),
            exercises,
            selected,
            replaced: None,
            exposures: (0..plan.exercises.len())
                .filter(|&e| {
                    session.progress[e].expected.is_some() || session.progress[e].actual.is_some()
                })
                .map(|e| {
                    (
                        plan.exercises[e].name.clone(),
                        session.progress[e].expected,
                        session.progress[e].actual,
                    )
                })
                .collect(),
            gentle: session.gentle,
            offered: Offered {
                before: true,
                after: true,
            },
        }
    }

    /// A key press and its action; a rating is read from the key itself.
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        self.replaced = None;
        match (action, key.code) {
            (Some(Action::Done), _) => Outcome::Close,
            (None, KeyCode::Char(c @ '1'..='5')) => {
                let Some(exercise) = self.exercises.get_mut(self.selected) else {
                    return Outcome::None;
                };
                let comfort = c as u8 - b'0';
                if let Some(old) = exercise.rating.filter(|&old| old != comfort) {
                    self.replaced = Some((exercise.name.clone(), old, comfort));
                }
                exercise.rating = Some(comfort);
                let position = exercise.position;
                // On to the next one not yet rated, after this one (then
                // from the top); with none left, the cursor stays here.
                let n = self.exercises.len();
                if let Some(next) = (1..n)
                    .map(|k| (self.selected + k) % n)
                    .find(|&i| self.exercises[i].rating.is_none())
                {
                    self.selected = next;
                }
                Outcome::Rate(Effect::RateExercise {
                    session: self.session.clone(),
                    position,
                    comfort,
                })
            }
            (Some(a), _) => {
                if let Some(i) = keys::list_move(a, self.selected, self.exercises.len()) {
                    self.selected = i;
                }
                Outcome::None
            }
            (None, _) => Outcome::None,
        }
    }

    /// Draws the summary; what of the session still waits for the store
    /// (`cx.unsaved`) is said, never claimed as kept; `cx.next_time` (what
    /// Today read of the programme) says what happens next time to its
    /// exercises.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme, unsaved) = (cx.map, cx.theme, cx.unsaved);
        let next = &self.next_time(cx.next_time, cx.flare_today);
        let rose = self.pain_rose();
        let [
            title,
            stats,
            waiting,
            changes,
            higher,
            fears,
            said,
            rate_title,
            list,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(if rose { 2 } else { 0 }),
            Constraint::Length(self.exposures.len().min(3) as u16),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        // The rating list first; the rows left under it say what happens
        // next time.
        let rows = self.exercises.len().min(usize::from(list.height)) as u16;
        draw_next_time(
            frame,
            Rect {
                y: list.y + rows,
                height: list.height - rows,
                ..list
            },
            next,
            theme,
        );
        let version = if self.gentle { " (gentle)" } else { "" };
        let name = one_line(&self.routine);
        // What went well comes first; nothing here scolds. What the
        // session counts for is the one rule Today and `status` read.
        let short = self.credit() == Credit::Short;
        let needed = crate::insights::count::exercises_to_count(self.planned as u32);
        let heading = match (self.end, self.done) {
            (End::Completed, 0) => {
                format!(
                    "{name}{version} — over. Every exercise was skipped this time, and that is all right."
                )
            }
            (End::Completed, _) if short => format!(
                "{name}{version} — over: {} of {}. Kept; {needed} or more count as a session.",
                self.done, self.planned
            ),
            (End::Completed, _) => format!("{name}{version} — done. Well moved."),
            (End::Aborted, 0) => format!("{name}{version} — ended early. Another time."),
            (End::Aborted, _) if unsaved.of_session(&self.session).is_some() => {
                format!("{name}{version} — ended early.")
            }
            (End::Aborted, _) if short => format!(
                "{name}{version} — ended early: {} of {}. Kept; {needed} or more count as a session.",
                self.done, self.planned
            ),
            (End::Aborted, _) => {
                format!(
                    "{name}{version} — ended early. It counts as a session; what you did is kept."
                )
            }
        };
        if let Some((n, whole)) = unsaved.of_session(&self.session) {
            let text = if whole {
                format!(
                    "Nothing of this session is saved yet: {} wait ({}) — limber keeps trying.",
                    entries(n),
                    unsaved.reason
                )
            } else {
                format!(
                    "{} of this session not saved yet ({}) — limber keeps trying.",
                    entries(n),
                    unsaved.reason
                )
            };
            frame.render_widget(Line::styled(text, theme.warn), waiting);
        }
        // Each line fitted to the terminal: what is cut ends in "…".
        let fit = |text: &str, area: Rect| crate::text::fit(text, usize::from(area.width));
        frame.render_widget(Line::styled(fit(&heading, title), theme.title), title);
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut text = format!(
            "{} moving · {} exercise{} done",
            minutes_text(self.active_seconds),
            self.done,
            plural(self.done)
        );
        if self.skipped > 0 {
            text.push_str(&format!(" · {} skipped", self.skipped));
        }
        frame.render_widget(Line::raw(fit(&text, stats)), stats);

        let lines: Vec<Line> = self
            .change_lines(theme)
            .into_iter()
            .map(|l| {
                let style = l.spans.first().map_or(l.style, |s| l.style.patch(s.style));
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::styled(fit(&text, changes), style)
            })
            .collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), changes);
        if rose {
            let said = format!(
                "{PAIN_ROSE} {} shows the signs that need help now.",
                crate::tui::keys::first(map, crate::keymap::Action::SafetyList)
            );
            let words = crate::text::fit_lines(&said, usize::from(higher.width), 2);
            let lines: Vec<Line> = words
                .into_iter()
                .map(|l| Line::styled(l, theme.accent))
                .collect();
            frame.render_widget(ratatui::widgets::Paragraph::new(lines), higher);
        }
        let fear_lines: Vec<Line> = self
            .exposures
            .iter()
            .map(|(name, expected, actual)| {
                let text = match (expected, actual) {
                    (Some(e), Some(a)) => format!("you expected {e}, it was {a}"),
                    (Some(e), None) => format!("you expected {e}"),
                    (None, Some(a)) => format!("it was {a}"),
                    (None, None) => String::new(),
                };
                Line::raw(fit(&format!("◆ {}: {text}", one_line(name)), fears))
            })
            .collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(fear_lines), fears);

        if let Some((name, old, new)) = &self.replaced {
            let text = format!("{}: {old} → {new}", one_line(name));
            frame.render_widget(
                Line::styled(
                    crate::text::fit(&text, usize::from(said.width)),
                    theme.accent,
                ),
                said,
            );
        }
        if !self.exercises.is_empty() {
            let wide = rate_title.width >= 56;
            frame.render_widget(
                Line::from(vec![
                    Span::raw(if wide {
                        "How did each feel?  "
                    } else {
                        "How did it feel?  "
                    }),
                    Span::styled("1", theme.key),
                    Span::raw(if wide {
                        " made it worse … "
                    } else {
                        " worse … "
                    }),
                    Span::styled("5", theme.key),
                    Span::raw(if wide { " felt great" } else { " great" }),
                ]),
                rate_title,
            );
            let first = self
                .selected
                .saturating_sub(list.height.saturating_sub(1) as usize);
            let rows: Vec<Line> = self
                .exercises
                .iter()
                .enumerate()
                .skip(first)
                .map(|(i, e)| {
                    let marker = if i == self.selected { "› " } else { "  " };
                    let rating = match e.rating {
                        Some(r) => Span::raw(format!("{} {r}", "★".repeat(r as usize))),
                        None => Span::styled("– not rated", theme.dim),
                    };
                    Line::from(vec![
                        Span::styled(marker, theme.accent),
                        // The name fitted to its column, so the stars line up.
                        Span::raw({
                            let name = crate::text::fit(&one_line(&e.name), 28);
                            let pad = 28usize.saturating_sub(crate::text::columns(&name));
                            format!("{name}{} ", " ".repeat(pad))
                        }),
                        rating,
                    ])
                })
                .collect();
            frame.render_widget(ratatui::widgets::Paragraph::new(rows), list);
        }
        frame.render_widget(
            keys::footer(map, keys::SUMMARY, footer.width, theme),
            footer,
        );
    }
}

/// The first exercise not yet rated, else the first.
pub fn first_unrated(exercises: &[RatedExercise]) -> usize {
    exercises
        .iter()
        .position(|e| e.rating.is_none())
        .unwrap_or(0)
}

/// "Next time" under the ratings, one exercise after another, each
/// wrapped to the width; what does not fit ends in "…".
fn draw_next_time(frame: &mut Frame, area: Rect, next: &[String], theme: &Theme) {
    if area.height < 3 || next.is_empty() {
        return;
    }
    let width = usize::from(area.width.max(1));
    let mut lines = vec![Line::raw(""), Line::styled("Next time", theme.title)];
    for text in next {
        lines.extend(
            crate::tui::widgets::wrap(text, width)
                .into_iter()
                .map(Line::raw),
        );
    }
    let rows = usize::from(area.height);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::raw(crate::text::fit(&format!("{text} …"), width));
        }
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

/// "4 min": the minutes History shows for the same seconds.
fn minutes_text(seconds: u32) -> String {
    match (seconds, crate::insights::minutes(seconds)) {
        (1.., 0) => "under a minute".to_string(),
        (_, m) => format!("{m} min"),
    }
}

impl Summary {
    /// What happens next time to each stepped exercise done in this
    /// session, and why, in the words of `programme status` ("Bridge:
    /// level 4 → 5 next time (…)"); a gentle session says it leaves the
    /// levels as they were, and so do one ended early and one on a rest
    /// day the person chose (`flare`).
    pub fn next_time(&self, next_time: &[(Vec<String>, String)], flare: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for e in &self.exercises {
            let found = next_time
                .iter()
                .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(&e.name)));
            if let Some((_, reason)) = found {
                let same = if self.gentle {
                    "A gentle session leaves the levels as they were."
                } else if self.end == End::Aborted {
                    "A session ended early leaves the levels as they were."
                } else if flare {
                    "A session on a rest day leaves the levels as they were."
                } else {
                    lines.push(format!("{}: {reason}", one_line(&e.name)));
                    continue;
                };
                return vec![same.to_string()];
            }
        }
        lines
    }

    /// Before → after; or, with one of them missing, what there is, and a
    /// word on the missing one only when it was asked for.
    /// Whether pain after the session is clearly above pain before it (by 2
    /// or more) or high (8 or more): the summary then says a calm word.
    pub fn pain_rose(&self) -> bool {
        match (self.before, self.after) {
            (Some(b), Some(a)) => a.pain >= b.pain.saturating_add(2) || a.pain >= 8,
            (None, Some(a)) => a.pain >= 8,
            _ => false,
        }
    }

    fn change_lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        if let (Some(b), Some(a)) = (self.before, self.after) {
            return vec![
                Line::raw(change("Pain", b.pain, a.pain)),
                Line::raw(change("Anxiety", b.anxiety, a.anxiety)),
                Line::raw(change("Mood", b.mood, a.mood)),
            ];
        }
        let values = |label: &str, s: Scales| {
            Line::raw(format!(
                "{label}: pain {} · anxiety {} · mood {}",
                s.pain, s.anxiety, s.mood
            ))
        };
        let mut lines = Vec::new();
        if let Some(b) = self.before {
            lines.push(values("Before", b));
        }
        if let Some(a) = self.after {
            lines.push(values("Now", a));
        }
        let missing = match (self.before, self.after) {
            (None, _) if self.offered.before => Some("before"),
            (_, None) if self.offered.after => Some("after"),
            _ => None,
        };
        if let Some(which) = missing {
            lines.push(Line::styled(
                format!("No check-in {which}, so no before → after this time."),
                theme.dim,
            ));
        }
        lines
    }
}

/// Said when pain rose: calm, true, and where to look — never a diagnosis.
pub const PAIN_ROSE: &str = "Your pain is higher than before. Some extra soreness after moving is common and usually settles;";

#[cfg(test)]
mod tests;
