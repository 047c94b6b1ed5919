//! The timer pane: the step under way with a big countdown, what to do,
//! what comes next, and the keys to pause, skip, go back, add time or end.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::config::Config;
use crate::keymap::Action;
use crate::model::{ExerciseRecord, ExerciseStatus, Scales, SessionStatus};
use crate::plan::{Plan, Step, StepKind};
use crate::routine::{Amount, Routine};
use crate::timer::{EXTEND_BY, Event, Phase, Timer};
use crate::tui::Effect;
use crate::tui::digits::Digits;
use crate::tui::screens::resume::Unfinished;

mod draw;

/// A guided session under way.
#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub timer: Timer,
    /// The session's UUID, made as it starts (or read, for one resumed):
    /// every write of it names the session by this, so the writes can wait
    /// for its row when the store cannot take it yet.
    pub session: String,
    pub before: Option<Scales>,
    /// How each exercise is going, by position.
    pub progress: Vec<ExerciseProgress>,
    /// The exercise whose rating is offered: from the rest after it until
    /// it is rated or the next one is offered, so a key pressed just as the
    /// rest ends (or after `n` skipped it) still goes to it.
    pub rating_prompt: Option<usize>,
    /// The rating just given, shown for a moment ("Bird-dog ★4 saved").
    pub rated: Option<Rated>,
    /// "End the session?" is being asked.
    pub confirm_end: bool,
    /// The clock was running when the question came up.
    resume_after_confirm: bool,
    bell: bool,
    /// The gentle version of the routine.
    pub gentle: bool,
    /// Questions waiting for a key, the first one shown.
    pub questions: std::collections::VecDeque<Question>,
    /// A 1 just given as an answer, which a 0 soon after makes 10.
    pub digits: Digits<Question>,
    /// The routine is over but a question about a feared exercise is still
    /// open: the summary waits for its answer (or Backspace).
    held_end: Option<End>,
    /// The question that was on the screen until the step changed it, and
    /// when: a digit that comes within `LATE_FOR` was typed for it.
    late: Option<(Question, Instant)>,
}

/// How long a question that left the screen (its time over, or another
/// put before it) still takes the answer typed for it: a key pressed as
/// the screen changes was meant for what the person saw.
pub const LATE_FOR: Duration = Duration::from_secs(1);

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

/// A rating just given: which exercise, how many stars, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rated {
    pub exercise: usize,
    pub comfort: u8,
    pub at: Instant,
}

/// How long a rating just given stays on the screen.
pub const RATED_FOR: Duration = Duration::from_secs(2);

/// A one-key question about a feared exercise; it never holds up the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Before its first set: how much do you expect it to hurt?
    Expect(usize),
    /// After its last set: how much did it actually?
    Actual(usize),
}

/// What a key, a tick, a pause or an end did to the session: the effects
/// to carry out, and how the session ended if it did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub ended: Option<End>,
}

impl Outcome {
    fn new(effects: Vec<Effect>, ended: Option<End>) -> Outcome {
        Outcome { effects, ended }
    }
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
            digits: Digits::default(),
            held_end: None,
            late: None,
            timer: Timer::new(plan),
            session: uuid::Uuid::new_v4().to_string(),
            before,
            rating_prompt: None,
            rated: None,
            confirm_end: false,
            resume_after_confirm: false,
            bell,
        }
    }

    /// A session of `routine`, or of its gentle version, not started yet.
    pub fn of(
        routine: &Routine,
        gentle: bool,
        before: Option<Scales>,
        config: &Config,
        feared: &[String],
    ) -> SessionScreen {
        let version = if gentle {
            routine.gentle()
        } else {
            routine.clone()
        };
        let plan = Plan::new(&version, config.get_ready, config.default_rest);
        SessionScreen::new(plan, before, config.bell, feared, gentle)
    }

    /// An unfinished session, to go on at its first unrecorded exercise;
    /// `None` when its routine is gone or every exercise was recorded.
    pub fn resumed(
        unfinished: &Unfinished,
        config: &Config,
        feared: &[String],
    ) -> Option<SessionScreen> {
        let (Some(routine), Some(at)) = (unfinished.routine.as_ref(), unfinished.resume_at())
        else {
            return None;
        };
        let get_ready = routine.get_ready.unwrap_or(config.get_ready);
        let plan =
            Plan::new(routine, config.get_ready, config.default_rest).resume_from(at, get_ready);
        let mut session = SessionScreen::new(
            plan,
            unfinished.before,
            config.bell,
            feared,
            unfinished.session.gentle,
        );
        session.session = unfinished.session.uuid.clone();
        session.restore(&unfinished.records);
        Some(session)
    }

    /// Takes what an interrupted session had recorded, before it resumes.
    fn restore(&mut self, records: &[ExerciseRecord]) {
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
    pub fn start(&mut self, step: usize, now: Instant) -> Outcome {
        let events = self.timer.start_at(step, now);
        self.apply(events, now)
    }

    pub fn tick(&mut self, now: Instant) -> Outcome {
        let events = self.timer.tick(now);
        self.apply(events, now)
    }

    /// A key press and its action from the keymap; numbers (answers and
    /// ratings) are read from the key itself.
    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>, now: Instant) -> Outcome {
        if self.confirm_end {
            return match action {
                Some(Action::Yes) => self.end(now),
                Some(Action::No) => {
                    self.confirm_end = false;
                    if self.resume_after_confirm {
                        self.timer.resume(now);
                    }
                    Outcome::default()
                }
                _ => Outcome::default(),
            };
        }
        // Any other key between a 1 and a 0 ends the chance of a 10.
        let digits = std::mem::take(&mut self.digits);
        if let (Some(q), KeyCode::Char('0')) = (digits.open(now), key.code) {
            let (value, _) = digits.answer(q, 0, now);
            let effects = self.answer(q, value);
            return Outcome::new(effects, self.release_end());
        }
        // A question that left the screen a moment ago still takes the
        // answer typed for it (see `LATE_FOR`).
        let late = std::mem::take(&mut self.late)
            .filter(|(_, left)| now < *left + LATE_FOR)
            .map(|(q, _)| q);
        if let Some(q) = late.or(self.questions.front().copied()) {
            match (action, key.code) {
                (None, KeyCode::Char(c @ '0'..='9')) => {
                    let (value, open) = digits.answer(q, c as u8 - b'0', now);
                    self.digits = open;
                    let effects = self.answer(q, value);
                    return Outcome::new(effects, self.release_end());
                }
                // Backspace skips the question on the screen, not one gone.
                (Some(Action::Clear), _) if late.is_none() => {
                    self.questions.pop_front();
                    return Outcome::new(Vec::new(), self.release_end());
                }
                _ => {}
            }
        }
        if self.held_end.is_some() {
            // Only the question's keys count once the routine is over.
            return Outcome::default();
        }
        if action == Some(Action::Fear) {
            return Outcome::new(self.toggle_feared(), None);
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
            self.rated = Some(Rated {
                exercise,
                comfort,
                at: now,
            });
            let effects = if self.progress[exercise].recorded {
                vec![Effect::RateExercise {
                    session: self.session.clone(),
                    position: exercise as u32,
                    comfort,
                }]
            } else {
                Vec::new()
            };
            return Outcome::new(effects, None);
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

    /// When the screen next changes by itself: the countdown, a 1 that
    /// stops waiting for its 0, or a rating just given that goes.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        let closes = self.digits.closes().filter(|at| *at > now);
        let rated_goes = self.rated.map(|r| r.at + RATED_FOR).filter(|at| *at > now);
        [self.timer.next_change(now), closes, rated_goes]
            .into_iter()
            .flatten()
            .min()
    }

    /// The rating just given, while it is still shown at `now`.
    pub fn just_rated(&self, now: Instant) -> Option<Rated> {
        self.rated.filter(|r| now < r.at + RATED_FOR)
    }

    /// Pauses the clock (for Ctrl-Z), keeping whatever ended before it.
    pub fn pause(&mut self, now: Instant) -> Outcome {
        if self.timer.phase() != Phase::Running {
            return Outcome::default();
        }
        let events = self.timer.pause(now);
        self.apply(events, now)
    }

    /// The routine is over (or was ended) and only an open question about
    /// a feared exercise holds the summary back.
    pub fn held(&self) -> bool {
        self.held_end.is_some()
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
        if self.progress[e].recorded {
            // Already written (answered late): update the row.
            vec![Effect::SetExposure {
                session: self.session.clone(),
                position: e as u32,
                expected: self.progress[e].expected,
                actual: self.progress[e].actual,
            }]
        } else {
            Vec::new()
        }
    }

    /// Ends the session early: what was done of the exercise under way is
    /// kept as partial, and the session is closed as aborted.
    pub fn end(&mut self, now: Instant) -> Outcome {
        self.confirm_end = false;
        let current = self.timer.step().and_then(Step::exercise);
        self.timer.abort(now);
        let mut effects = Vec::new();
        if let Some(e) = current
            && !self.progress[e].recorded
            && self.timer.touched(e)
        {
            effects.push(self.record(e));
        }
        // The exercises not reached are written as skipped (not shown as
        // skipped here), so the store knows the routine's length and the
        // one count can say whether half of it was done.
        for e in 0..self.progress.len() {
            if !self.progress[e].recorded && !self.timer.touched(e) {
                let record = self.record(e);
                self.progress[e].recorded = false;
                effects.push(record);
            }
        }
        effects.push(Effect::FinishSession {
            session: self.session.clone(),
            status: SessionStatus::Aborted,
        });
        // Stopped during a feared exercise, perhaps because it hurt: how
        // much it did is asked before the summary, as at the end of one —
        // also a few seconds in, too little to count as done: stopping at
        // once is when the answer says most.
        if let Some(e) = current
            && self.progress[e].feared
            && self.progress[e].actual.is_none()
            && self.progress[e].recorded
            && !self.questions.contains(&Question::Actual(e))
        {
            self.questions.push_front(Question::Actual(e));
        }
        self.questions.retain(|q| matches!(q, Question::Actual(_)));
        if self.questions.is_empty() {
            Outcome::new(effects, Some(End::Aborted))
        } else {
            self.held_end = Some(End::Aborted);
            Outcome::new(effects, None)
        }
    }

    fn record(&mut self, exercise: usize) -> Effect {
        let session = self.session.clone();
        let e = &self.timer.plan().exercises[exercise];
        let result = self.timer.exercise_result(exercise);
        self.progress[exercise].recorded = true;
        Effect::RecordExercise {
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
        }
    }

    /// Turns the timer's events into effects: bells, records, the end.
    fn apply(&mut self, events: Vec<Event>, now: Instant) -> Outcome {
        let shown = self.questions.front().copied();
        let outcome = self.apply_events(events);
        if let Some(q) = shown
            && self.questions.front() != Some(&q)
        {
            self.late = Some((q, now));
        }
        outcome
    }

    fn apply_events(&mut self, events: Vec<Event>) -> Outcome {
        let mut effects = Vec::new();
        let mut end = None;
        for event in events {
            // "1 then 0" is ten only within a second (see `digits`) and while
            // nothing else has happened since the 1: a step, an exercise or the
            // routine ending ends it.
            if !matches!(event, Event::Warning(_)) {
                self.digits = Digits::default();
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
                    // The rating of an exercise is asked in the rest after
                    // its last set. It stays answerable into what follows,
                    // until it is given or the next one is asked.
                    if let StepKind::Rest { exercise } = self.timer.plan().steps[i].kind
                        && self.timer.plan().last_work_step(exercise) == Some(i - 1)
                        && self.progress[exercise].rating.is_none()
                        // A skipped exercise is not rated (nor on the summary).
                        && self.status_of(exercise) != ExerciseStatus::Skipped
                    {
                        self.rating_prompt = Some(exercise);
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
                    effects.push(self.record(e));
                }
                Event::Finished => {
                    self.rating_prompt = None;
                    // A session in which every exercise was skipped is not a
                    // session done: it neither counts toward the week nor
                    // keeps a streak, so the store keeps it as ended early.
                    let status = if self.counts().0 == 0 {
                        SessionStatus::Aborted
                    } else {
                        SessionStatus::Completed
                    };
                    effects.push(Effect::FinishSession {
                        session: self.session.clone(),
                        status,
                    });
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
        Outcome::new(effects, end)
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

    /// Time spent moving, this session and any part before a resume, in
    /// the whole seconds the store holds: each recorded exercise's as it
    /// was recorded (the session's time is their sum there too), so the
    /// summary and History count the same time.
    pub fn recorded_seconds(&self) -> u32 {
        (0..self.progress.len())
            .filter(|&e| self.progress[e].recorded)
            .map(|e| match &self.progress[e].prior {
                Some(record) if !self.timer.touched(e) => record.actual_seconds,
                _ => self.timer.exercise_result(e).active.as_secs() as u32,
            })
            .sum()
    }
}
