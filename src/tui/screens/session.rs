//! The timer pane: the step under way with a big countdown, what to do,
//! what comes next, and the keys to pause, skip, go back, add time or end.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::keymap::{Action, Keymap};
use crate::model::{ExerciseRecord, ExerciseStatus, Scales, SessionStatus};
use crate::plan::{Length, Plan, Step, StepKind};
use crate::routine::{Amount, BreathPattern, Exercise, Kind};
use crate::text::one_line;
use crate::timer::{EXTEND_BY, Event, Phase, Timer};
use crate::tui::widgets::countdown::Countdown;
use crate::tui::widgets::{bar, centered, clock_text, wrap};
use crate::tui::{Effect, keys, theme};

/// A guided session under way.
#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub timer: Timer,
    /// The session's row, once the loop has written it.
    pub session_id: Option<i64>,
    pub before: Option<Scales>,
    /// How each exercise is going, by position.
    pub progress: Vec<ExerciseProgress>,
    /// The exercise whose rating is offered during the rest under way.
    pub rating_prompt: Option<usize>,
    /// "End the session?" is being asked.
    pub confirm_end: bool,
    /// The clock was running when the question came up.
    resume_after_confirm: bool,
    bell: bool,
    /// The gentle version of the routine.
    pub gentle: bool,
    /// Questions waiting for a key, the first one shown.
    pub questions: std::collections::VecDeque<Question>,
    /// A 1 was just given as an answer: a 0 next makes it 10.
    after_one: Option<Question>,
    /// The routine is over but a question about a feared exercise is still
    /// open: the summary waits for its answer (or Backspace).
    held_end: Option<End>,
}

/// What is known of one exercise of the session so far.
#[derive(Debug, Clone, Default)]
pub struct ExerciseProgress {
    /// How it felt, 1–5.
    pub rating: Option<u8>,
    /// Already written to the store.
    pub recorded: bool,
    /// The user fears it.
    pub feared: bool,
    /// For a feared exercise: how much it was expected to hurt, and did.
    pub expected: Option<u8>,
    pub actual: Option<u8>,
    /// What an interrupted session had recorded of it before it was resumed.
    pub prior: Option<ExerciseRecord>,
}

/// A one-key question about a feared exercise; it never holds up the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Before its first set: how much do you expect it to hurt?
    Expect(usize),
    /// After its last set: how much did it actually?
    Actual(usize),
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Completed,
    Aborted,
}

impl SessionScreen {
    pub fn new(
        plan: Plan,
        before: Option<Scales>,
        bell: bool,
        feared: &[String],
        gentle: bool,
    ) -> SessionScreen {
        let progress = plan
            .exercises
            .iter()
            .map(|e| ExerciseProgress {
                feared: feared.iter().any(|f| f == &e.name),
                ..ExerciseProgress::default()
            })
            .collect();
        SessionScreen {
            gentle,
            progress,
            questions: std::collections::VecDeque::new(),
            after_one: None,
            held_end: None,
            timer: Timer::new(plan),
            session_id: None,
            before,
            rating_prompt: None,
            confirm_end: false,
            resume_after_confirm: false,
            bell,
        }
    }

    /// Takes what an interrupted session had recorded, before it resumes.
    pub fn restore(&mut self, records: &[ExerciseRecord]) {
        for record in records {
            if let Some(p) = self.progress.get_mut(record.position as usize) {
                p.recorded = true;
                p.rating = record.comfort;
                p.expected = record.expected_pain;
                p.actual = record.actual_pain;
                p.prior = Some(record.clone());
            }
        }
    }

    /// Starts the timer at `step` (0, or where a resumed session stopped).
    pub fn start(&mut self, step: usize, now: Instant) -> (Vec<Effect>, Option<End>) {
        let events = self.timer.start_at(step, now);
        self.apply(events, now)
    }

    pub fn tick(&mut self, now: Instant) -> (Vec<Effect>, Option<End>) {
        let events = self.timer.tick(now);
        self.apply(events, now)
    }

    /// A key press and its action from the keymap; numbers (answers and
    /// ratings) are read from the key itself.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        action: Option<Action>,
        now: Instant,
    ) -> (Vec<Effect>, Option<End>) {
        if self.confirm_end {
            return match action {
                Some(Action::Yes) => self.end(now),
                Some(Action::No) => {
                    self.confirm_end = false;
                    if self.resume_after_confirm {
                        self.timer.resume(now);
                    }
                    (Vec::new(), None)
                }
                _ => (Vec::new(), None),
            };
        }
        if let (Some(q), KeyCode::Char('0')) = (self.after_one.take(), key.code) {
            let effects = self.answer(q, 10);
            return (effects, self.release_end());
        }
        if let Some(&q) = self.questions.front() {
            match (action, key.code) {
                (None, KeyCode::Char(c @ '0'..='9')) => {
                    let effects = self.answer(q, c as u8 - b'0');
                    return (effects, self.release_end());
                }
                (Some(Action::Clear), _) => {
                    self.questions.pop_front();
                    return (Vec::new(), self.release_end());
                }
                _ => {}
            }
        }
        if self.held_end.is_some() {
            // Only the question's keys count once the routine is over.
            return (Vec::new(), None);
        }
        if action == Some(Action::Fear) {
            return (self.toggle_feared(), None);
        }
        if let (Some(exercise), None, KeyCode::Char(c @ '1'..='5'), true) = (
            self.rating_prompt,
            action,
            key.code,
            self.questions.is_empty(),
        ) {
            let comfort = c as u8 - b'0';
            self.progress[exercise].rating = Some(comfort);
            self.rating_prompt = None;
            let effects = match self.session_id {
                Some(session) if self.progress[exercise].recorded => vec![Effect::RateExercise {
                    session,
                    position: exercise as u32,
                    comfort,
                }],
                _ => Vec::new(),
            };
            return (effects, None);
        }
        let events = match action {
            Some(Action::Pause) => self.timer.toggle_pause(now),
            Some(Action::Skip) => self.timer.skip(now),
            Some(Action::Previous) => self.timer.back(now),
            Some(Action::MoreTime) => self.timer.extend(now, EXTEND_BY),
            Some(Action::RepsDone) => self.timer.reps_done(now),
            Some(Action::End) => {
                self.resume_after_confirm = self.timer.phase() == Phase::Running;
                let events = self.timer.pause(now);
                self.confirm_end = true;
                events
            }
            _ => Vec::new(),
        };
        self.apply(events, now)
    }

    /// Pauses the clock (for Ctrl-Z), keeping whatever ended before it.
    pub fn pause(&mut self, now: Instant) -> (Vec<Effect>, Option<End>) {
        if self.timer.phase() != Phase::Running {
            return (Vec::new(), None);
        }
        let events = self.timer.pause(now);
        self.apply(events, now)
    }

    /// After the last open question is answered or skipped, the end held
    /// for it comes.
    fn release_end(&mut self) -> Option<End> {
        if self.questions.is_empty() {
            self.held_end.take()
        } else {
            None
        }
    }

    /// The exercise a key about "this exercise" means: the one under way, or
    /// during a rest or the get-ready, the one coming up.
    pub fn current_exercise(&self) -> Option<usize> {
        let plan = self.timer.plan();
        let i = self.timer.index();
        match plan.steps.get(i)?.kind {
            StepKind::Work { exercise, .. } => Some(exercise),
            _ => plan.next_work(i).and_then(Step::exercise),
        }
    }

    /// `f`: marks the exercise as feared (or not). Newly feared before its
    /// first set is over, it gets the "expect" question at once.
    fn toggle_feared(&mut self) -> Vec<Effect> {
        let Some(e) = self.current_exercise() else {
            return Vec::new();
        };
        self.progress[e].feared = !self.progress[e].feared;
        if self.progress[e].feared {
            let first_done = self
                .timer
                .plan()
                .first_step(e)
                .is_some_and(|first| first < self.timer.index());
            if !first_done && self.progress[e].expected.is_none() {
                self.questions.push_front(Question::Expect(e));
            }
        } else {
            self.questions
                .retain(|q| !matches!(q, Question::Expect(x) | Question::Actual(x) if *x == e));
        }
        vec![Effect::SetFeared {
            name: self.timer.plan().exercises[e].name.clone(),
            feared: self.progress[e].feared,
        }]
    }

    fn answer(&mut self, q: Question, value: u8) -> Vec<Effect> {
        self.questions.retain(|x| *x != q);
        self.after_one = (value == 1).then_some(q);
        let e = match q {
            Question::Expect(e) => {
                self.progress[e].expected = Some(value);
                e
            }
            Question::Actual(e) => {
                self.progress[e].actual = Some(value);
                e
            }
        };
        match self.session_id {
            // Already written (answered late): update the row.
            Some(session) if self.progress[e].recorded => vec![Effect::SetExposure {
                session,
                position: e as u32,
                expected: self.progress[e].expected,
                actual: self.progress[e].actual,
            }],
            _ => Vec::new(),
        }
    }

    /// Ends the session early: what was done of the exercise under way is
    /// kept as partial, and the session is closed as aborted.
    pub fn end(&mut self, now: Instant) -> (Vec<Effect>, Option<End>) {
        self.confirm_end = false;
        let current = self.timer.step().and_then(Step::exercise);
        self.timer.abort(now);
        let mut effects = Vec::new();
        if let Some(e) = current
            && !self.progress[e].recorded
            && self.timer.touched(e)
        {
            effects.extend(self.record(e));
        }
        if let Some(session) = self.session_id {
            effects.push(Effect::FinishSession {
                session,
                status: SessionStatus::Aborted,
            });
        }
        (effects, Some(End::Aborted))
    }

    fn record(&mut self, exercise: usize) -> Option<Effect> {
        let session = self.session_id?;
        let e = &self.timer.plan().exercises[exercise];
        let result = self.timer.exercise_result(exercise);
        self.progress[exercise].recorded = true;
        Some(Effect::RecordExercise {
            session,
            record: ExerciseRecord {
                position: exercise as u32,
                name: e.name.clone(),
                kind: e.kind,
                planned_seconds: match e.amount {
                    Amount::Seconds(s) => Some(s * e.rounds()),
                    Amount::Reps(_) => None,
                },
                actual_seconds: result.active.as_secs() as u32,
                planned_reps: match e.amount {
                    Amount::Reps(r) => Some(r),
                    Amount::Seconds(_) => None,
                },
                sets_planned: e.sets,
                sets_done: result.sets_done,
                status: result.status,
                comfort: self.progress[exercise].rating,
                expected_pain: self.progress[exercise].expected,
                actual_pain: self.progress[exercise].actual,
                // The loop stamps the wall-clock time as it writes the row.
                finished_at: time::OffsetDateTime::UNIX_EPOCH,
            },
        })
    }

    /// Turns the timer's events into effects: bells, records, the end.
    fn apply(&mut self, events: Vec<Event>, _now: Instant) -> (Vec<Effect>, Option<End>) {
        let mut effects = Vec::new();
        let mut end = None;
        for event in events {
            // "1 then 0" is ten only while nothing else has happened since
            // the 1: a step, an exercise or the routine ending ends it.
            if !matches!(event, Event::Warning(_)) {
                self.after_one = None;
            }
            match event {
                Event::StepStarted(i) => {
                    if self.bell {
                        effects.push(Effect::Bell);
                    }
                    let plan = self.timer.plan();
                    // An "expect" question whose first set is over is moot.
                    self.questions.retain(|q| match q {
                        Question::Expect(e) => plan.first_step(*e).is_none_or(|f| f >= i),
                        Question::Actual(_) => true,
                    });
                    // Before a feared exercise's first set: ask what is expected.
                    let next = plan.steps[i..]
                        .iter()
                        .position(Step::is_work)
                        .map(|p| p + i);
                    if let Some(n) = next
                        && let Some(e) = plan.steps[n].exercise()
                        && plan.first_step(e) == Some(n)
                        && self.progress[e].feared
                        && self.progress[e].expected.is_none()
                        && !self.questions.contains(&Question::Expect(e))
                    {
                        self.questions.push_back(Question::Expect(e));
                    }
                    let step = self.timer.plan().steps[i];
                    match step.kind {
                        StepKind::Rest { exercise }
                            if self.timer.plan().last_work_step(exercise) == Some(i - 1) =>
                        {
                            if self.progress[exercise].rating.is_none() {
                                self.rating_prompt = Some(exercise);
                            }
                        }
                        StepKind::Rest { .. } => {}
                        _ => self.rating_prompt = None,
                    }
                }
                Event::Warning(_) => {
                    if self.bell {
                        effects.push(Effect::Bell);
                    }
                }
                Event::ExerciseEnded(e) => {
                    // Skipped is not a try: no "how much did it hurt?".
                    let tried = self.timer.exercise_result(e).status != ExerciseStatus::Skipped;
                    if self.progress[e].feared && self.progress[e].actual.is_none() && tried {
                        self.questions.push_front(Question::Actual(e));
                    }
                    effects.extend(self.record(e));
                }
                Event::Finished => {
                    self.rating_prompt = None;
                    if let Some(session) = self.session_id {
                        effects.push(Effect::FinishSession {
                            session,
                            status: SessionStatus::Completed,
                        });
                    }
                    // The timer is done; one open question about a feared
                    // exercise is still asked before the summary.
                    if self
                        .questions
                        .iter()
                        .any(|q| matches!(q, Question::Actual(_)))
                    {
                        self.questions.retain(|q| matches!(q, Question::Actual(_)));
                        self.held_end = Some(End::Completed);
                    } else {
                        end = Some(End::Completed);
                    }
                }
            }
        }
        // Two bells in the same instant sound as one.
        effects.dedup_by(|a, b| matches!((a, b), (Effect::Bell, Effect::Bell)));
        (effects, end)
    }

    /// Exercises done and skipped so far.
    pub fn counts(&self) -> (usize, usize) {
        let mut done = 0;
        let mut skipped = 0;
        for (e, p) in self.progress.iter().enumerate() {
            if !p.recorded {
                continue;
            }
            match self.status_of(e) {
                ExerciseStatus::Skipped => skipped += 1,
                _ => done += 1,
            }
        }
        (done, skipped)
    }

    /// How an exercise went: in this session, or, for one done before a
    /// resume, as it was recorded then.
    pub fn status_of(&self, exercise: usize) -> ExerciseStatus {
        match &self.progress[exercise].prior {
            Some(record) if !self.timer.touched(exercise) => record.status,
            _ => self.timer.exercise_result(exercise).status,
        }
    }

    /// Time spent moving, this session and any part before a resume.
    pub fn active(&self, now: Instant) -> Duration {
        let before: u32 = (self.progress.iter().enumerate())
            .filter(|(e, _)| !self.timer.touched(*e))
            .filter_map(|(_, p)| p.prior.as_ref().map(|r| r.actual_seconds))
            .sum();
        self.timer.active(now) + Duration::from_secs(u64::from(before))
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, now: Instant, map: &Keymap) {
        let plan = self.timer.plan();
        let Some(step) = self.timer.step().copied() else {
            return;
        };
        let paused = self.timer.phase() == Phase::Paused;
        let exercise = step.exercise().map(|e| &plan.exercises[e]);
        let working = matches!(step.kind, StepKind::Work { .. });
        // What to stop for has its own rows during work: it is never the
        // line that falls off a small screen.
        let stop_lines: Vec<String> = match (exercise, working) {
            (Some(e), true) => e
                .stop_if
                .as_deref()
                .map(|s| wrap(&one_line(s), usize::from(area.width.max(1))))
                .unwrap_or_default()
                .into_iter()
                .take(2)
                .collect(),
            _ => Vec::new(),
        };
        let info_lines = info_lines(plan, self.timer.index(), exercise, working);
        let info_needed = info_lines
            .iter()
            .map(|(text, _)| wrap(text, usize::from(area.width.max(1))).len() as u16)
            .sum::<u16>();
        // The big digits take what the words leave: full size when all the
        // instructions and cues still fit, half size, else one line.
        let fixed = 10 + stop_lines.len() as u16;
        let room = area.height.saturating_sub(fixed);
        let big_rows = if room >= 8 + info_needed {
            Countdown::height_for("00:00", area.width, 8)
        } else if room >= 4 + info_needed.min(3) {
            Countdown::height_for("00:00", area.width, 4)
        } else {
            1
        };
        let [
            header,
            title,
            subtitle,
            big,
            status,
            gauge,
            info,
            stop,
            prompt,
            next,
            overall,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(big_rows),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(stop_lines.len() as u16),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(
                stop_lines
                    .into_iter()
                    .map(|l| Line::styled(l, theme::warn()))
                    .collect::<Vec<_>>(),
            ),
            stop,
        );

        // Header: the routine, which exercise, PAUSED when it is.
        let position = step.exercise().map_or(String::new(), |e| {
            format!("exercise {} of {}", e + 1, plan.exercises.len())
        });
        let mut spans = vec![Span::styled(one_line(&plan.name), theme::title())];
        spans.push(Span::styled(format!("  {position}"), theme::dim()));
        if paused {
            spans.push(Span::styled("  ⏸ PAUSED", theme::warn()));
        }
        frame.render_widget(Line::from(spans), header);

        let (name, detail) = match step.kind {
            StepKind::GetReady => (
                "Get ready".to_string(),
                match plan.exercises.first() {
                    Some(first) => format!("First: {}", one_line(&first.name)),
                    None => String::new(),
                },
            ),
            StepKind::Work { set, side, .. } => {
                let e = exercise.map_or("", |e| e.name.as_str());
                let sets = exercise.map_or(1, |e| e.sets);
                let mut parts = Vec::new();
                if sets > 1 {
                    parts.push(format!("Set {set} of {sets}"));
                }
                if let Some(side) = side {
                    parts.push(side.as_str().to_string());
                }
                if let Some(e) = exercise {
                    parts.push(e.kind.to_string());
                }
                (one_line(e), parts.join(" · "))
            }
            StepKind::Rest { .. } => ("Rest".to_string(), next_text(plan, self.timer.index())),
        };
        frame.render_widget(Line::styled(name, theme::title()), title);
        frame.render_widget(Line::styled(detail, theme::dim()), subtitle);

        // The big number: time left, or the reps with a stopwatch below.
        let shown = self.timer.display_seconds(now);
        let (big_text, status_line) = match step.length {
            Length::Timed(_) => (clock_text(shown), None),
            Length::Reps(reps) => (
                format!("{reps} reps"),
                Some(format!(
                    "{} · press {} when done",
                    clock_text(shown),
                    keys::first(map, Action::RepsDone)
                )),
            ),
        };
        let big_style = if paused { theme::dim() } else { theme::title() };
        frame.render_widget(
            Countdown {
                text: &big_text,
                style: big_style,
            },
            big,
        );
        let status_line = if paused {
            Line::styled(
                format!("⏸ Paused — {} to go on", keys::first(map, Action::Pause)),
                theme::warn(),
            )
        } else if let Some(text) = status_line {
            Line::styled(text, theme::accent())
        } else if let (Some(e), StepKind::Work { .. }) = (exercise, step.kind) {
            pacer_line(e, self.timer.elapsed(now), status.width)
        } else {
            Line::raw("")
        };
        frame.render_widget(status_line.centered(), status);

        if let (Length::Timed(_), Some(rem)) = (step.length, self.timer.remaining(now)) {
            let len = rem + self.timer.elapsed(now);
            let ratio = if len.is_zero() {
                1.0
            } else {
                1.0 - rem.as_secs_f64() / len.as_secs_f64()
            };
            frame.render_widget(
                Line::styled(bar(ratio, gauge.width), theme::accent()),
                gauge,
            );
        }

        // What to do, and the cues.
        let lines: Vec<Line> = info_lines
            .into_iter()
            .map(|(text, style)| Line::styled(text, style))
            .collect();
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);

        if let Some(q) = self.questions.front() {
            let wide = prompt.width >= 70;
            let (e, text) = match (*q, wide) {
                (Question::Expect(e), true) => (e, "how much do you expect it to hurt?"),
                (Question::Expect(e), false) => (e, "expected hurt?"),
                (Question::Actual(e), true) => (e, "how much did it actually hurt?"),
                (Question::Actual(e), false) => (e, "how much did it hurt?"),
            };
            frame.render_widget(
                Line::from(vec![
                    Span::styled(
                        format!("{}: {text} ", one_line(&plan.exercises[e].name)),
                        theme::title(),
                    ),
                    Span::styled("0", theme::key()),
                    Span::raw("–"),
                    Span::styled("10", theme::key()),
                    Span::styled(
                        if wide {
                            format!("  ({} skips)", keys::first(map, Action::Clear))
                        } else {
                            String::new()
                        },
                        theme::dim(),
                    ),
                ]),
                prompt,
            );
        } else if let Some(e) = self.rating_prompt {
            let name = one_line(&plan.exercises[e].name);
            let line = if prompt.width >= 60 {
                Line::from(vec![
                    Span::raw(format!("How did {name} feel?  ")),
                    Span::styled("1", theme::key()),
                    Span::raw(" made it worse … "),
                    Span::styled("5", theme::key()),
                    Span::raw(" felt great"),
                ])
            } else {
                Line::from(vec![
                    Span::raw(format!("{name}: ")),
                    Span::styled("1", theme::key()),
                    Span::raw(" worse … "),
                    Span::styled("5", theme::key()),
                    Span::raw(" great"),
                ])
            };
            frame.render_widget(line, prompt);
        }
        if !matches!(step.kind, StepKind::Rest { .. }) {
            frame.render_widget(
                Line::styled(next_text(plan, self.timer.index()), theme::dim()),
                next,
            );
        }

        let left = self.timer.total_remaining(now);
        let total = self.timer.total();
        let done = if total.is_zero() {
            1.0
        } else {
            1.0 - left.as_secs_f64() / total.as_secs_f64()
        };
        let [progress, label] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(18)]).areas(overall);
        frame.render_widget(
            Line::styled(bar(done, progress.width), theme::dim()),
            progress,
        );
        frame.render_widget(
            Line::raw(format!("{} left in all", clock_text(round_up(left)))).right_aligned(),
            label,
        );
        frame.render_widget(keys::footer(map, keys::SESSION, footer.width), footer);

        if self.confirm_end {
            let area = centered(area, 46, 5);
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::raw("End the session? What you did is kept."),
                    Line::raw(""),
                    Line::from(vec![
                        Span::styled(keys::first(map, Action::Yes), theme::key()),
                        Span::raw(" end it   "),
                        Span::styled(keys::first(map, Action::No), theme::key()),
                        Span::raw(" keep going"),
                    ]),
                ])
                .block(Block::bordered()),
                area,
            );
        }
    }
}

/// The words under the countdown: during work, the instructions and the
/// cues; during a rest or the get-ready, a look at what comes next.
fn info_lines(
    plan: &Plan,
    index: usize,
    exercise: Option<&Exercise>,
    working: bool,
) -> Vec<(String, ratatui::style::Style)> {
    let mut lines = Vec::new();
    if let (Some(e), true) = (exercise, working) {
        if !e.instructions.is_empty() {
            lines.push((one_line(&e.instructions), ratatui::style::Style::new()));
        }
        for cue in &e.cues {
            lines.push((format!("• {}", one_line(cue)), ratatui::style::Style::new()));
        }
    } else if let Some(e) = plan
        .next_work(index)
        .and_then(Step::exercise)
        .map(|i| &plan.exercises[i])
        && !e.instructions.is_empty()
    {
        lines.push((
            format!("Coming up: {}", one_line(&e.instructions)),
            theme::dim(),
        ));
    }
    lines
}

fn round_up(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// "Next: Bridge · 10 reps" — what follows the step at `index`.
fn next_text(plan: &Plan, index: usize) -> String {
    let Some(next) = plan.next_work(index) else {
        return "Next: the end — well done".to_string();
    };
    let StepKind::Work {
        exercise,
        set,
        side,
    } = next.kind
    else {
        return String::new();
    };
    let e = &plan.exercises[exercise];
    let mut parts = vec![format!("Next: {}", one_line(&e.name))];
    if e.sets > 1 {
        parts.push(format!("set {set} of {}", e.sets));
    }
    if let Some(side) = side {
        parts.push(side.as_str().to_string());
    }
    parts.push(match next.length {
        Length::Timed(d) => crate::routine::format_length(d.as_secs() as u32),
        Length::Reps(r) => format!("{r} reps"),
    });
    parts.join(" · ")
}

/// The breathing pacer: a bar that grows as you breathe in, holds, and
/// shrinks as you breathe out, with the words, in whole-second steps.
fn pacer_line(exercise: &Exercise, elapsed: Duration, width: u16) -> Line<'static> {
    let (Kind::Breathing, Some(p)) = (exercise.kind, exercise.pattern) else {
        return Line::raw("");
    };
    let (word, fullness) = pacer(p, elapsed);
    let max = (width as usize).saturating_sub(16).min(30);
    let filled = (fullness * max as f64).round() as usize;
    Line::from(vec![
        Span::styled(format!("{word:<12}"), theme::title()),
        Span::styled("●".repeat(filled), theme::accent()),
        Span::styled("·".repeat(max - filled), theme::dim()),
    ])
}

/// Where in the breath `elapsed` falls: the word and how full the lungs are, 0–1.
pub fn pacer(p: BreathPattern, elapsed: Duration) -> (&'static str, f64) {
    let cycle = u64::from(p.cycle_seconds().max(1));
    let t = elapsed.as_secs() % cycle;
    let (inhale, hold_in, exhale) = (
        u64::from(p.inhale),
        u64::from(p.hold_in),
        u64::from(p.exhale),
    );
    if t < inhale {
        ("breathe in", (t + 1) as f64 / inhale as f64)
    } else if t < inhale + hold_in {
        ("hold", 1.0)
    } else if t < inhale + hold_in + exhale {
        let out = t - inhale - hold_in;
        ("breathe out", 1.0 - (out + 1) as f64 / exhale as f64)
    } else {
        ("hold", 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pacer_follows_the_pattern() {
        let p = BreathPattern {
            inhale: 4,
            hold_in: 2,
            exhale: 4,
            hold_out: 0,
        };
        let at = |s| pacer(p, Duration::from_secs(s));
        assert_eq!(at(0), ("breathe in", 0.25));
        assert_eq!(at(3), ("breathe in", 1.0));
        assert_eq!(at(4), ("hold", 1.0));
        assert_eq!(at(6), ("breathe out", 0.75));
        assert_eq!(at(9), ("breathe out", 0.0));
        assert_eq!(at(10), ("breathe in", 0.25));
    }
}
