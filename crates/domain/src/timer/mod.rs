//! The guided session as a pure state machine. Every event takes the current
//! `Instant` as an argument; nothing here reads a clock. Time left comes from
//! deadlines on the monotonic clock, never from counting ticks, so an hour of
//! routine does not drift, and pausing stops the clock exactly.

use std::time::{Duration, Instant};

use crate::model::ExerciseStatus;
use crate::plan::{Length, Plan, Step, StepKind};

/// Time added to a step by `+`.
pub const EXTEND_BY: Duration = Duration::from_secs(15);
/// How long before a step ends the warning bell rings.
pub const WARNING: Duration = Duration::from_secs(3);

const SECOND: Duration = Duration::from_secs(1);

/// How a step was left: run to its end, or skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepEnd {
    Completed,
    Skipped,
}

/// What happened as the machine moved; the app turns these into effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A step began (the bell rings).
    StepStarted(usize),
    /// The timed step under way has `WARNING` left (the bell rings).
    Warning(usize),
    /// The last set of an exercise was left, done or skipped: record it.
    ExerciseEnded(usize),
    /// The last step ended.
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotStarted,
    Running,
    Paused,
    Finished,
    Aborted,
}

/// What was done of one exercise, from its steps' outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExerciseResult {
    pub status: ExerciseStatus,
    pub active: Duration,
    pub sets_done: u32,
}

#[derive(Debug, Clone)]
pub struct Timer {
    plan: Plan,
    index: usize,
    phase: Phase,
    /// Time spent in the current step before `since`.
    banked: Duration,
    /// When the clock last started running in the current step.
    since: Option<Instant>,
    /// Time added to each step with `+`.
    extra: Vec<Duration>,
    /// Time spent in each step, over all visits to it.
    spent: Vec<Duration>,
    outcome: Vec<Option<StepEnd>>,
    warned: bool,
}

impl Timer {
    pub fn new(plan: Plan) -> Timer {
        let n = plan.steps.len();
        Timer {
            plan,
            index: 0,
            phase: Phase::NotStarted,
            banked: Duration::ZERO,
            since: None,
            extra: vec![Duration::ZERO; n],
            spent: vec![Duration::ZERO; n],
            outcome: vec![None; n],
            warned: false,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn is_active(&self) -> bool {
        matches!(self.phase, Phase::Running | Phase::Paused)
    }

    pub fn step(&self) -> Option<&Step> {
        self.plan.steps.get(self.index)
    }

    /// Starts at the first step.
    pub fn start(&mut self, now: Instant) -> Vec<Event> {
        self.start_at(0, now)
    }

    /// Starts at `step` (to resume a session where it stopped).
    pub fn start_at(&mut self, step: usize, now: Instant) -> Vec<Event> {
        if self.phase != Phase::NotStarted {
            return Vec::new();
        }
        if step >= self.plan.steps.len() {
            self.phase = Phase::Finished;
            return vec![Event::Finished];
        }
        self.index = step;
        self.phase = Phase::Running;
        self.since = Some(now);
        self.banked = Duration::ZERO;
        vec![Event::StepStarted(step)]
    }

    /// The length of step `i` including time added to it; `None` for reps.
    fn length(&self, i: usize) -> Option<Duration> {
        match self.plan.steps.get(i)?.length {
            Length::Timed(d) => Some(d + self.extra[i]),
            Length::Reps(_) => None,
        }
    }

    /// Time spent in the current step so far.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.banked
            + self
                .since
                .map_or(Duration::ZERO, |s| now.saturating_duration_since(s))
    }

    /// Time left in the current timed step (`None` for reps, or when over).
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        if !self.is_active() {
            return None;
        }
        self.length(self.index)
            .map(|len| len.saturating_sub(self.elapsed(now)))
    }

    /// The number to show: whole seconds left (rounded up) for a timed
    /// step, whole seconds elapsed for reps (a stopwatch).
    pub fn display_seconds(&self, now: Instant) -> u64 {
        match self.remaining(now) {
            Some(rem) => rem.as_secs() + u64::from(rem.subsec_nanos() > 0),
            None => self.elapsed(now).as_secs(),
        }
    }

    /// Time left in the whole routine, counting reps at their estimate.
    pub fn total_remaining(&self, now: Instant) -> Duration {
        match self.phase {
            Phase::NotStarted => (0..self.plan.steps.len()).map(|i| self.planned(i)).sum(),
            Phase::Finished | Phase::Aborted => Duration::ZERO,
            Phase::Running | Phase::Paused => {
                let here = self.planned(self.index).saturating_sub(self.elapsed(now));
                here + (self.index + 1..self.plan.steps.len())
                    .map(|i| self.planned(i))
                    .sum::<Duration>()
            }
        }
    }

    /// The planned length of the whole routine as it stands (with extensions).
    pub fn total(&self) -> Duration {
        (0..self.plan.steps.len()).map(|i| self.planned(i)).sum()
    }

    fn planned(&self, i: usize) -> Duration {
        self.plan.steps[i].length.planned() + self.extra[i]
    }

    /// Advances the clock: ends every timed step whose time is up, each at its
    /// own deadline, and raises the warning when one is near its end.
    pub fn tick(&mut self, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        while self.phase == Phase::Running {
            let Some(len) = self.length(self.index) else {
                break;
            };
            let Some(since) = self.since else { break };
            let deadline = since + len.saturating_sub(self.banked);
            if now < deadline {
                if !self.warned && len > WARNING && deadline - now <= WARNING {
                    self.warned = true;
                    events.push(Event::Warning(self.index));
                }
                break;
            }
            // The next step starts at this one's deadline, not at `now`: a
            // late tick does not stretch the routine.
            self.leave(StepEnd::Completed, deadline, &mut events);
        }
        events
    }

    pub fn pause(&mut self, now: Instant) -> Vec<Event> {
        let events = self.tick(now);
        if self.phase == Phase::Running {
            self.banked = self.elapsed(now);
            self.since = None;
            self.phase = Phase::Paused;
        }
        events
    }

    pub fn resume(&mut self, now: Instant) -> Vec<Event> {
        if self.phase == Phase::Paused {
            self.since = Some(now);
            self.phase = Phase::Running;
        }
        Vec::new()
    }

    pub fn toggle_pause(&mut self, now: Instant) -> Vec<Event> {
        match self.phase {
            Phase::Running => self.pause(now),
            Phase::Paused => self.resume(now),
            _ => Vec::new(),
        }
    }

    /// Ends the current step as skipped and moves to the next one.
    pub fn skip(&mut self, now: Instant) -> Vec<Event> {
        let mut events = self.tick(now);
        if self.is_active() {
            self.leave(StepEnd::Skipped, now, &mut events);
        }
        events
    }

    /// Goes back to the previous piece of work (or the start), to do it again.
    pub fn back(&mut self, now: Instant) -> Vec<Event> {
        let mut events = self.tick(now);
        if !self.is_active() {
            return events;
        }
        let spent = self.elapsed(now);
        self.spent[self.index] += spent;
        let target = self.plan.steps[..self.index]
            .iter()
            .rposition(Step::is_work)
            .unwrap_or(0);
        // A step gone back to keeps how it ended before: redoing a finished
        // side and then skipping on does not undo that it was finished.
        self.index = target;
        self.enter(now);
        events.push(Event::StepStarted(target));
        events
    }

    /// Adds `by` to the current timed step.
    pub fn extend(&mut self, now: Instant, by: Duration) -> Vec<Event> {
        let events = self.tick(now);
        if self.is_active() && self.length(self.index).is_some() {
            self.extra[self.index] += by;
            if self.remaining(now).is_some_and(|r| r > WARNING) {
                self.warned = false;
            }
        }
        events
    }

    /// The user says the reps of the current step are done.
    pub fn reps_done(&mut self, now: Instant) -> Vec<Event> {
        let mut events = self.tick(now);
        if self.is_active() && self.length(self.index).is_none() {
            self.leave(StepEnd::Completed, now, &mut events);
        }
        events
    }

    /// Ends the session early.
    pub fn abort(&mut self, now: Instant) {
        let _ = self.tick(now);
        if self.is_active() {
            let spent = self.elapsed(now);
            self.spent[self.index] += spent;
            self.banked = Duration::ZERO;
            self.since = None;
            self.phase = Phase::Aborted;
        }
    }

    /// Leaves the current step with an outcome at `at` and enters the next.
    fn leave(&mut self, outcome: StepEnd, at: Instant, events: &mut Vec<Event>) {
        let i = self.index;
        let spent = self.elapsed(at);
        self.spent[i] += spent;
        if self.outcome[i] != Some(StepEnd::Completed) {
            self.outcome[i] = Some(outcome);
        }
        if let StepKind::Work { exercise, .. } = self.plan.steps[i].kind
            && self.plan.last_work_step(exercise) == Some(i)
        {
            events.push(Event::ExerciseEnded(exercise));
        }
        if i + 1 >= self.plan.steps.len() {
            self.phase = Phase::Finished;
            self.banked = Duration::ZERO;
            self.since = None;
            events.push(Event::Finished);
        } else {
            self.index = i + 1;
            self.enter(at);
            events.push(Event::StepStarted(self.index));
        }
    }

    /// Enters the step at `self.index` from its beginning.
    fn enter(&mut self, at: Instant) {
        self.banked = Duration::ZERO;
        self.warned = false;
        if self.phase == Phase::Running {
            self.since = Some(at);
        }
    }

    /// When the screen next changes by itself: the next whole second of the
    /// countdown or stopwatch. `None` while nothing moves (paused, over).
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        if self.phase != Phase::Running {
            return None;
        }
        let since = self.since?;
        match self.length(self.index) {
            Some(len) => {
                let deadline = since + len.saturating_sub(self.banked);
                let rem = deadline.saturating_duration_since(now);
                if rem.is_zero() {
                    return Some(now);
                }
                // The display shows ceil(rem); it changes when rem crosses the
                // next whole second below it.
                let whole = (rem.as_nanos() - 1) / SECOND.as_nanos();
                Some(deadline - SECOND * u32::try_from(whole).unwrap_or(u32::MAX))
            }
            None => {
                let elapsed = self.elapsed(now);
                let next = SECOND * (u32::try_from(elapsed.as_secs()).unwrap_or(u32::MAX - 1) + 1);
                Some(since + next.saturating_sub(self.banked))
            }
        }
    }

    /// Time spent in work steps: the session's active time.
    pub fn active(&self, now: Instant) -> Duration {
        let mut total: Duration = self
            .plan
            .steps
            .iter()
            .zip(&self.spent)
            .filter(|(s, _)| s.is_work())
            .map(|(_, d)| *d)
            .sum();
        if self.is_active() && self.step().is_some_and(Step::is_work) {
            total += self.elapsed(now);
        }
        total
    }

    /// What was done of an exercise so far: done when every set (and side)
    /// ran to its end, skipped when none did and under a fifth of its time
    /// was spent on it, partial otherwise.
    pub fn exercise_result(&self, exercise: usize) -> ExerciseResult {
        let mut steps = 0;
        let mut completed = 0;
        let mut active = Duration::ZERO;
        let mut planned = Duration::ZERO;
        for (i, step) in self.plan.work_steps(exercise) {
            steps += 1;
            active += self.spent[i];
            planned += step.length.planned();
            if self.outcome[i] == Some(StepEnd::Completed) {
                completed += 1;
            }
        }
        let status = if steps > 0 && completed == steps {
            ExerciseStatus::Done
        } else if completed == 0 && active < (planned / 5).max(SECOND) {
            // Nothing finished and under a fifth of it done: skipped, not partial.
            ExerciseStatus::Skipped
        } else {
            ExerciseStatus::Partial
        };
        let sides = if self.plan.exercises[exercise].both_sides {
            2
        } else {
            1
        };
        ExerciseResult {
            status,
            active,
            sets_done: completed / sides,
        }
    }

    /// Whether any work of an exercise has been started or ended.
    pub fn touched(&self, exercise: usize) -> bool {
        self.plan.work_steps(exercise).any(|(i, _)| {
            self.outcome[i].is_some() || self.spent[i] > Duration::ZERO || i == self.index
        })
    }
}

#[cfg(test)]
mod tests;
