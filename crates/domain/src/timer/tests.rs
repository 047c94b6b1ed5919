//! The timer machine on hand-made routines with synthetic instants: every
//! step in order, late ticks, skips, pauses, extensions and any sequence of
//! events.

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
fn back_then_skip_keeps_a_finished_exercise_done() {
    let t0 = Instant::now();
    let mut timer = Timer::new(full());
    timer.start(t0);
    // A runs to its end on schedule (all four sides and sets, 100 s in).
    timer.tick(t0 + secs(100));
    assert_eq!(timer.exercise_result(0).status, ExerciseStatus::Done);
    // Into B (after A's 10 s rest), back to A's last side, and on again.
    let now = t0 + secs(111);
    assert_eq!(timer.tick(now), vec![Event::StepStarted(9)]);
    assert_eq!(timer.back(now + secs(1)), vec![Event::StepStarted(7)]);
    let events = timer.skip(now + secs(2));
    assert!(events.contains(&Event::ExerciseEnded(0)), "{events:?}");
    assert_eq!(timer.exercise_result(0).status, ExerciseStatus::Done);
    assert_eq!(timer.exercise_result(0).sets_done, 2);
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
