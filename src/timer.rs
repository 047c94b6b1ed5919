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
        self.index = target;
        self.outcome[target] = None;
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
        self.outcome[i] = Some(outcome);
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
mod tests {
    use super::*;
    use crate::routine::{Source, parse};
    use proptest::prelude::*;

    fn plan(text: &str) -> Plan {
        let r = parse("t", "t.toml", text, Source::User).expect("valid");
        Plan::new(&r, 5, 10)
    }

    /// Get ready 5 s; A: 2 sets × both sides × 20 s, rest 5; B: 8 reps; C: 30 s.
    fn full() -> Plan {
        plan(
            "name = \"x\"\n\
             [[exercise]]\nname = \"A\"\nkind = \"stretch\"\nduration = 20\nsets = 2\nsides = \"both\"\nrest = 5\n\
             [[exercise]]\nname = \"B\"\nkind = \"strength\"\nreps = 8\nrest = 10\n\
             [[exercise]]\nname = \"C\"\nkind = \"breathing\"\nduration = 30\npattern = [4, 0, 6, 0]\n",
        )
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn a_full_routine_walks_through_every_step() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        assert_eq!(timer.total(), secs(169));
        assert_eq!(timer.total_remaining(t0), secs(169));
        assert_eq!(timer.start(t0), vec![Event::StepStarted(0)]);
        assert_eq!(timer.display_seconds(t0), 5);
        assert_eq!(timer.display_seconds(t0 + Duration::from_millis(4001)), 1);

        // Get ready ends at 5 s; A left side starts exactly then.
        assert_eq!(timer.tick(t0 + secs(5)), vec![Event::StepStarted(1)]);
        // Warning 3 s before the end of A (left).
        assert_eq!(timer.tick(t0 + secs(22)), vec![Event::Warning(1)]);
        assert_eq!(timer.tick(t0 + secs(23)), vec![]);
        // One late tick runs through several steps, each at its own deadline:
        // A L ends 25, rest 30, A R ends 50, rest 55 → A set 2 left.
        assert_eq!(
            timer.tick(t0 + secs(56)),
            vec![
                Event::StepStarted(2),
                Event::StepStarted(3),
                Event::StepStarted(4),
                Event::StepStarted(5)
            ]
        );
        assert_eq!(timer.remaining(t0 + secs(56)), Some(secs(19)));
        // 56 s into 169 s, on schedule: 113 s left in all.
        assert_eq!(timer.total_remaining(t0 + secs(56)), secs(113));
        // Set 2: left ends 75, rest 80, right ends 100 → exercise A ended, rest after it.
        let events = timer.tick(t0 + secs(100));
        assert_eq!(
            events,
            vec![
                Event::StepStarted(6),
                Event::StepStarted(7),
                Event::ExerciseEnded(0),
                Event::StepStarted(8)
            ]
        );
        assert_eq!(timer.exercise_result(0).status, ExerciseStatus::Done);
        assert_eq!(timer.exercise_result(0).sets_done, 2);
        assert_eq!(timer.exercise_result(0).active, secs(80));
        // Rest 5 → B (reps) at 105; a stopwatch that waits for Enter.
        assert_eq!(timer.tick(t0 + secs(105)), vec![Event::StepStarted(9)]);
        assert_eq!(timer.remaining(t0 + secs(200)), None);
        assert_eq!(timer.tick(t0 + secs(200)), vec![]);
        assert_eq!(timer.display_seconds(t0 + secs(135)), 30);
        assert_eq!(
            timer.reps_done(t0 + secs(135)),
            vec![Event::ExerciseEnded(1), Event::StepStarted(10)]
        );
        // Rest 10, then C 30 s, then the end.
        assert_eq!(timer.tick(t0 + secs(145)), vec![Event::StepStarted(11)]);
        assert_eq!(
            timer.tick(t0 + secs(175)),
            vec![Event::ExerciseEnded(2), Event::Finished]
        );
        assert_eq!(timer.phase(), Phase::Finished);
        assert_eq!(timer.active(t0 + secs(300)), secs(80 + 30 + 30));
    }

    #[test]
    fn a_long_pause_leaves_the_remaining_time_exact() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        timer.start(t0);
        timer.tick(t0 + secs(5));
        let at_pause = t0 + Duration::from_millis(12_345);
        timer.pause(at_pause);
        let left = timer.remaining(at_pause).expect("timed");
        assert_eq!(left, Duration::from_millis(12_655));
        let later = at_pause + secs(3 * 3600);
        assert_eq!(timer.tick(later), vec![]);
        assert_eq!(timer.remaining(later), Some(left));
        assert_eq!(timer.next_change(later), None, "nothing moves while paused");
        timer.resume(later);
        assert_eq!(timer.remaining(later + secs(1)), Some(left - secs(1)));
        assert_eq!(timer.tick(later + left), vec![Event::StepStarted(2)]);
    }

    #[test]
    fn an_hour_long_routine_does_not_drift() {
        let p = plan(
            "name = \"x\"\nget_ready = 0\n[[exercise]]\nname = \"Walk\"\nkind = \"aerobic\"\nduration = \"7m\"\nsets = 8\nrest = \"30s\"\n",
        );
        let t0 = Instant::now();
        let mut timer = Timer::new(p);
        let total = timer.total();
        assert_eq!(total, secs(8 * 420 + 7 * 30));
        timer.start(t0);
        // Ticks arrive late and unevenly, as they do on a busy machine.
        let mut now = t0;
        let mut jitter = 0u64;
        while timer.phase() == Phase::Running {
            jitter = (jitter * 7 + 13) % 97;
            now += Duration::from_millis(1000 + jitter * 3);
            timer.tick(now);
            assert!(now < t0 + total + secs(2), "ran past the end");
        }
        // The routine ended within one tick of its planned length.
        assert!(now >= t0 + total && now < t0 + total + secs(2));
    }

    #[test]
    fn skip_and_back_at_the_first_and_last_step() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        timer.start(t0);
        // Back at the first step restarts it.
        assert_eq!(timer.back(t0 + secs(1)), vec![Event::StepStarted(0)]);
        assert_eq!(timer.index(), 0);
        assert_eq!(timer.display_seconds(t0 + secs(1)), 5);
        // Skip the get ready.
        assert_eq!(timer.skip(t0 + secs(2)), vec![Event::StepStarted(1)]);
        // Skip to the last step.
        let mut now = t0 + secs(2);
        while timer.index() < 11 {
            now += secs(1);
            timer.skip(now);
        }
        assert_eq!(timer.exercise_result(0).status, ExerciseStatus::Skipped);
        assert_eq!(timer.exercise_result(1).status, ExerciseStatus::Skipped);
        // Back from the last step goes to the previous piece of work (B), over the rest.
        assert_eq!(timer.back(now), vec![Event::StepStarted(9)]);
        assert_eq!(
            timer.reps_done(now + secs(20)),
            vec![Event::ExerciseEnded(1), Event::StepStarted(10)]
        );
        assert_eq!(timer.exercise_result(1).status, ExerciseStatus::Done);
        timer.skip(now + secs(21));
        // Skip on the last step ends the routine.
        assert_eq!(
            timer.skip(now + secs(22)),
            vec![Event::ExerciseEnded(2), Event::Finished]
        );
        assert_eq!(timer.skip(now + secs(23)), vec![]);
        assert_eq!(timer.back(now + secs(23)), vec![]);
    }

    #[test]
    fn extend_adds_fifteen_seconds_and_rearms_the_warning() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        timer.start(t0);
        assert_eq!(timer.tick(t0 + secs(3)), vec![Event::Warning(0)]);
        timer.extend(t0 + secs(3), EXTEND_BY);
        assert_eq!(timer.remaining(t0 + secs(3)), Some(secs(17)));
        assert_eq!(timer.total_remaining(t0 + secs(3)), timer.total() - secs(3));
        assert_eq!(timer.tick(t0 + secs(17)), vec![Event::Warning(0)]);
        assert_eq!(timer.tick(t0 + secs(20)), vec![Event::StepStarted(1)]);
        // Extending a rep step does nothing.
        let mut now = t0 + secs(20);
        while timer.index() < 9 {
            now += secs(1);
            timer.skip(now);
        }
        let before = timer.total();
        timer.extend(now, EXTEND_BY);
        assert_eq!(timer.total(), before);
    }

    #[test]
    fn abort_keeps_what_was_done() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        timer.start(t0);
        timer.tick(t0 + secs(5));
        timer.abort(t0 + secs(28));
        assert_eq!(timer.phase(), Phase::Aborted);
        let a = timer.exercise_result(0);
        assert_eq!(a.status, ExerciseStatus::Partial);
        assert_eq!(a.active, secs(20));
        assert_eq!(a.sets_done, 0, "one side of one set is not a whole set");
        assert!(timer.touched(0));
        assert!(!timer.touched(1));
        assert_eq!(timer.next_change(t0 + secs(16)), None);
        assert_eq!(timer.skip(t0 + secs(16)), vec![]);
        assert_eq!(timer.total_remaining(t0 + secs(16)), Duration::ZERO);
    }

    #[test]
    fn the_next_change_is_the_next_whole_second() {
        let t0 = Instant::now();
        let mut timer = Timer::new(full());
        timer.start(t0);
        assert_eq!(timer.next_change(t0), Some(t0 + secs(1)));
        let t = t0 + Duration::from_millis(1300);
        assert_eq!(timer.display_seconds(t), 4);
        assert_eq!(timer.next_change(t), Some(t0 + secs(2)));
        assert_eq!(timer.display_seconds(t0 + secs(2)), 3);
        // A stopwatch changes on its own whole seconds.
        let mut now = t0;
        while timer.index() < 9 {
            now += secs(1);
            timer.skip(now);
        }
        let later = now + Duration::from_millis(2500);
        assert_eq!(timer.next_change(later), Some(now + secs(3)));
    }

    #[test]
    fn resume_starts_at_a_given_step() {
        let t0 = Instant::now();
        let p = full();
        let start = p.first_step(1).expect("B");
        let mut timer = Timer::new(p);
        assert_eq!(timer.start_at(start, t0), vec![Event::StepStarted(9)]);
        assert_eq!(
            timer.step().map(|s| s.kind),
            Some(StepKind::Work {
                exercise: 1,
                set: 1,
                side: None
            })
        );
    }

    #[derive(Debug, Clone)]
    enum Action {
        Tick,
        Pause,
        Skip,
        Back,
        Extend,
        Reps,
        Abort,
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            4 => Just(Action::Tick),
            1 => Just(Action::Pause),
            1 => Just(Action::Skip),
            1 => Just(Action::Back),
            1 => Just(Action::Extend),
            1 => Just(Action::Reps),
            1 => Just(Action::Abort),
        ]
    }

    proptest! {
        #[test]
        fn any_sequence_of_events_is_safe(
            events in proptest::collection::vec((action(), 0u64..40_000), 0..120)
        ) {
            let t0 = Instant::now();
            let mut timer = Timer::new(full());
            // Get ready 5 s; A 4 × 20 s with 3 rests of 5 s and 10 s after;
            // B 8 reps at 3 s with 10 s rest; C 30 s: 169 s in all.
            let sum = secs(5 + 80 + 15 + 5 + 24 + 10 + 30);
            prop_assert_eq!(timer.total_remaining(t0), sum);
            let mut extends = 0u32;
            timer.start(t0);
            prop_assert_eq!(timer.total_remaining(t0), sum);
            let mut now = t0;
            for (action, millis) in events {
                now += Duration::from_millis(millis);
                match action {
                    Action::Tick => { timer.tick(now); }
                    Action::Pause => { timer.toggle_pause(now); }
                    Action::Skip => { timer.skip(now); }
                    Action::Back => { timer.back(now); }
                    Action::Extend => { timer.extend(now, EXTEND_BY); extends += 1; }
                    Action::Reps => { timer.reps_done(now); }
                    Action::Abort => timer.abort(now),
                }
                // Never more time left than the step has, never a negative
                // time (a Duration cannot be), and the routine's time left is
                // never more than its whole length.
                if let (Some(rem), Some(step)) = (timer.remaining(now), timer.step()) {
                    prop_assert!(rem <= step.length.planned() + timer.extra[timer.index()]);
                }
                prop_assert!(timer.total_remaining(now) <= timer.total());
                // Whatever happened, the routine's length is its planned 169 s
                // and a whole number of 15 s extensions, one at most for
                // each press (a rep step cannot be extended).
                let added = timer.total() - sum;
                prop_assert_eq!(added.as_secs() % 15, 0);
                prop_assert_eq!(added.subsec_nanos(), 0);
                prop_assert!(added <= EXTEND_BY * extends);
                if let Some(next) = timer.next_change(now) {
                    prop_assert!(next >= now);
                    prop_assert!(next <= now + SECOND);
                }
                prop_assert!(timer.active(now) <= now - t0);
                // While a timed step runs, what is left of the routine
                // includes what is left of the step.
                if let (Phase::Running, Some(rem)) = (timer.phase(), timer.remaining(now)) {
                    prop_assert!(timer.total_remaining(now) >= rem);
                }
            }
        }
    }
}
