//! Unit tests of the progression suggestions.

use time::Duration;
use time::macros::date;

use super::*;
use crate::model::{Kind, Scales};

/// A bridge of five levels, stepped from the first day.
fn bridge() -> Track {
    Track {
        head: "Bridge".to_string(),
        names: vec!["Bridge".to_string(), "Single-leg bridge".to_string()],
        seconds: vec![None; 5],
        tops: vec![(date!(2026 - 11 - 02), 5)],
        step_every: 1,
    }
}

/// A session at 18:00 UTC on `day`, the bridge in it done (in full or
/// not) and rated.
fn session(day: Date, full: bool, comfort: Option<u8>, gentle: bool) -> Outing {
    let started_at = day.with_hms(18, 0, 0).expect("time").assume_utc();
    let session = Session {
        id: i64::from(day.ordinal()),
        uuid: format!("s-{day}"),
        routine_slug: Some("core-basics".to_string()),
        activity: "Core basics".to_string(),
        kind: SessionKind::Guided,
        status: SessionStatus::Completed,
        started_at,
        ended_at: Some(started_at + Duration::minutes(15)),
        local_date: day,
        planned_seconds: 900,
        active_seconds: 900,
        note: None,
        gentle,
    };
    let record = ExerciseRecord {
        position: 1,
        name: "Bridge".to_string(),
        kind: Kind::Strength,
        planned_seconds: None,
        actual_seconds: 60,
        planned_reps: Some(10),
        sets_planned: 2,
        sets_done: if full { 2 } else { 1 },
        status: if full {
            ExerciseStatus::Done
        } else {
            ExerciseStatus::Partial
        },
        comfort,
        expected_pain: None,
        actual_pain: None,
        finished_at: started_at + Duration::minutes(5),
    };
    (session, vec![record])
}

fn full(day: Date) -> Outing {
    session(day, true, None, false)
}

/// A check-in of `pain` at `hour` UTC on `day`, tied to a session's uuid.
fn checkin(day: Date, hour: u8, context: CheckInKind, session: Option<&str>, pain: u8) -> CheckIn {
    CheckIn {
        id: i64::from(day.ordinal()) * 100 + i64::from(hour),
        uuid: format!("c-{day}-{hour}"),
        at: day.with_hms(hour, 0, 0).expect("time").assume_utc(),
        local_date: day,
        context,
        session_uuid: session.map(str::to_string),
        scales: Scales {
            pain,
            anxiety: 2,
            mood: 6,
            fear: None,
        },
        note: None,
    }
}

fn step(sessions: &[Outing], checkins: &[CheckIn], flares: &[Date]) -> Step {
    progress(
        &[bridge()],
        sessions,
        checkins,
        flares,
        date!(2026 - 11 - 30),
    )
    .pop()
    .expect("one track")
}

const MON: Date = date!(2026 - 11 - 02);
const TUE: Date = date!(2026 - 11 - 03);
const WED: Date = date!(2026 - 11 - 04);
const FRI: Date = date!(2026 - 11 - 06);

/// The check-ins before and after `day`'s session, of these pains.
fn around(day: Date, before: u8, after: u8) -> [CheckIn; 2] {
    let uuid = format!("s-{day}");
    [
        checkin(day, 17, CheckInKind::Before, Some(&uuid), before),
        checkin(day, 19, CheckInKind::After, Some(&uuid), after),
    ]
}

/// `n` sessions on `n` days from Monday, each done in full.
fn days(n: i64) -> Vec<Outing> {
    (0..n).map(|i| full(MON + Duration::days(i))).collect()
}

/// Before and after check-ins of these pains around each of `sessions`.
fn each(sessions: &[Outing], before: u8, after: u8) -> Vec<CheckIn> {
    sessions
        .iter()
        .flat_map(|(s, _)| around(s.local_date, before, after))
        .collect()
}

#[test]
fn nothing_yet_starts_at_level_one() {
    let s = step(&[], &[], &[]);
    assert_eq!((s.level, s.decision), (1, Decision::Start));
}

#[test]
fn a_full_session_steps_up() {
    let before = checkin(MON, 17, CheckInKind::Before, Some("s-2026-11-02"), 3);
    let next = checkin(MON.next_day().expect("day"), 8, CheckInKind::Daily, None, 3);
    let s = step(&[full(MON)], &[before, next], &[]);
    assert_eq!((s.level, s.decision), (2, Decision::StepUp));
    assert_eq!(
        s.reason,
        "level 1 → 2 next time (done in full, as planned; pain had settled by the next morning)"
    );
}

#[test]
fn a_session_today_says_what_tomorrow_can_still_change() {
    let [before, after] = around(FRI, 3, 4);
    let s = progress(
        &[bridge()],
        &[full(FRI)],
        &[before.clone(), after],
        &[],
        FRI,
    )
    .remove(0);
    assert_eq!(s.decision, Decision::StepUp);
    assert_eq!(
        s.reason,
        "level 1 → 2 next time (done in full, as planned; pain was 4 after the session, 3 before it), unless pain tomorrow is more than 2 above the 3 before today's session"
    );
    // The next day it is known, and the words say so.
    let saturday = FRI.next_day().expect("day");
    let next = checkin(saturday, 8, CheckInKind::Daily, None, 3);
    let s = progress(&[bridge()], &[full(FRI)], &[before, next], &[], saturday).remove(0);
    assert_eq!(
        s.reason,
        "level 1 → 2 next time (done in full, as planned; pain had settled by the next morning)"
    );
}

#[test]
fn steady_pain_of_six_steps_up_on_schedule() {
    // Common in chronic back pain: 6 before and 6 after, every time.
    let sessions = days(4);
    let s = step(&sessions, &each(&sessions, 6, 6), &[]);
    assert_eq!((s.level, s.decision), (5, Decision::StepUp));
    // Every second session, when the programme plans it so.
    let mut slower = bridge();
    slower.step_every = 2;
    let s = progress(
        &[slower],
        &sessions,
        &each(&sessions, 6, 6),
        &[],
        date!(2026 - 11 - 30),
    )
    .remove(0);
    assert_eq!((s.level, s.decision), (3, Decision::StepUp));
    assert_eq!(
        s.reason,
        "level 2 → 3 next time (2 sessions done in full, as planned; pain was 6 after the session, 6 before it)"
    );
    let s = progress(
        &[Track {
            step_every: 3,
            ..bridge()
        }],
        &sessions[..2],
        &each(&sessions[..2], 6, 6),
        &[],
        date!(2026 - 11 - 30),
    )
    .remove(0);
    assert_eq!((s.level, s.decision), (1, Decision::Hold));
    assert_eq!(
        s.reason,
        "stays at 1: done in full; 2 sessions of 3 at this level before the planned step"
    );
}

#[test]
fn pain_rising_from_one_to_five_every_session_holds() {
    let sessions = days(3);
    let s = step(&sessions, &each(&sessions, 1, 5), &[]);
    // Held, held (back to 1 needs a level above 1), held again.
    assert_eq!(s.level, 1);
    assert_eq!(s.decision, Decision::Hold);
    assert_eq!(
        s.reason,
        "held at 1: pain was 5 after the session, 4 above the 1 before it"
    );
    // A rise of 1 is within the brake; of 2 it holds.
    let one = [full(MON)];
    assert_eq!(
        step(&one, &around(MON, 4, 5), &[]).decision,
        Decision::StepUp
    );
    assert_eq!(step(&one, &around(MON, 4, 6), &[]).decision, Decision::Hold);
}

#[test]
fn pain_up_three_the_next_day_holds_and_two_does_not() {
    let mon = around(MON, 2, 2);
    let before = checkin(WED, 17, CheckInKind::Before, Some("s-2026-11-04"), 2);
    let thursday = WED.next_day().expect("day");
    let mut checkins = mon.to_vec();
    checkins.extend([
        before.clone(),
        checkin(thursday, 8, CheckInKind::Daily, None, 5),
    ]);
    let s = step(&[full(MON), full(WED)], &checkins, &[]);
    assert_eq!((s.level, s.decision), (2, Decision::Hold));
    assert_eq!(
        s.reason,
        "held at 2: pain was 5 the next day, 3 above the 2 before the session"
    );
    let mut checkins = mon.to_vec();
    checkins.extend([before, checkin(thursday, 8, CheckInKind::Daily, None, 4)]);
    let s = step(&[full(MON), full(WED)], &checkins, &[]);
    assert_eq!((s.level, s.decision), (3, Decision::StepUp));
}

#[test]
fn a_rating_of_made_it_worse_holds() {
    let rated = session(MON, true, Some(1), false);
    let s = step(&[rated], &around(MON, 3, 3), &[]);
    assert_eq!((s.level, s.decision), (1, Decision::Hold));
    assert_eq!(s.reason, "held at 1: it was rated as making things worse");
}

#[test]
fn two_holds_in_a_row_step_back() {
    let sessions = [full(MON), full(WED), full(FRI)];
    let mut checkins = around(MON, 3, 3).to_vec();
    checkins.extend(around(WED, 3, 7));
    checkins.extend(around(FRI, 3, 7));
    let s = step(&sessions, &checkins, &[]);
    assert_eq!((s.level, s.decision), (1, Decision::StepBack));
    assert_eq!(
        s.reason,
        "level 2 → 1 next time (held twice in a row; pain was 7 after the session, 4 above the 3 before it)"
    );
    // A rating of 1 is a hold too; one hold alone only holds.
    let rated = [full(MON), full(WED), session(FRI, true, Some(1), false)];
    let mut checkins = around(MON, 3, 3).to_vec();
    checkins.extend(around(WED, 3, 7));
    checkins.extend(around(FRI, 3, 3));
    let s = step(&rated, &checkins, &[]);
    assert_eq!((s.level, s.decision), (1, Decision::StepBack));
    let mut checkins = each(&sessions[..2], 3, 3);
    checkins.extend(around(FRI, 3, 7));
    let s = step(&sessions, &checkins, &[]);
    assert_eq!((s.level, s.decision), (3, Decision::Hold));
}

#[test]
fn high_pain_after_without_a_rise_does_not_hold() {
    // No absolute limit: 8 before and 8 after is the person's usual.
    let s = step(&[full(MON)], &around(MON, 8, 8), &[]);
    assert_eq!((s.level, s.decision), (2, Decision::StepUp));
}

#[test]
fn a_flare_day_and_a_gentle_session_change_nothing() {
    let checkins = each(&days(5), 3, 3);
    let plain = step(&[full(MON)], &checkins, &[]);
    let gentle = step(&[full(MON), session(WED, true, None, true)], &checkins, &[]);
    let flare = step(&[full(MON), full(WED)], &checkins, &[WED]);
    assert_eq!(gentle, plain);
    assert_eq!(flare, plain);
    // Nor does pain after one count as a hold: a later hold is the first.
    let mut checkins = around(MON, 3, 3).to_vec();
    checkins.extend(around(WED, 3, 8));
    checkins.extend(around(FRI, 3, 8));
    let s = step(
        &[full(MON), session(WED, true, None, true), full(FRI)],
        &checkins,
        &[],
    );
    assert_eq!((s.level, s.decision), (2, Decision::Hold));
}

#[test]
fn a_gentle_session_with_it_is_not_called_no_session() {
    // Finding: "no session with it yet" after a gentle session that
    // included the exercise.
    let s = step(&[session(MON, true, None, true)], &[], &[]);
    assert_eq!((s.level, s.decision), (1, Decision::Start));
    assert_eq!(
        s.reason,
        "starts at level 1: done so far only in the gentle version, which keeps its level"
    );
    let s = step(&[full(MON)], &[], &[MON]);
    assert_eq!(
        s.reason,
        "starts at level 1: done so far only on a flare day, which keeps its level"
    );
    assert_eq!(
        step(&[], &[], &[]).reason,
        "starts at level 1: no session with it yet"
    );
}

#[test]
fn a_before_check_in_alone_is_not_called_no_check_ins() {
    // Finding: "no check-ins" after only the after-check-in was
    // deleted: the one before is still there.
    let before = [checkin(
        MON,
        17,
        CheckInKind::Before,
        Some("s-2026-11-02"),
        3,
    )];
    let s = step(&[full(MON)], &before, &[]);
    assert_eq!((s.level, s.decision), (2, Decision::StepUp));
    assert_eq!(
        s.reason,
        "level 1 → 2 next time (done in full, as planned; no check-in after it or the next day yet to judge it by)"
    );
    let after = [checkin(
        MON,
        19,
        CheckInKind::After,
        Some("s-2026-11-02"),
        3,
    )];
    assert_eq!(
        step(&[full(MON)], &after, &[]).reason,
        "level 1 → 2 next time (done in full, as planned; no check-in before it yet to judge it by)"
    );
}

#[test]
fn no_checkins_at_all_step_on_schedule_and_say_so() {
    let s = step(&[full(MON), full(WED), full(FRI)], &[], &[]);
    assert_eq!((s.level, s.decision), (4, Decision::StepUp));
    assert_eq!(
        s.reason,
        "level 3 → 4 next time (done in full, as planned; no check-ins around it yet to judge it by)"
    );
    // The sessions counted toward the schedule: with a planned step
    // every third session, the third steps.
    let sessions = [full(MON), full(WED), full(FRI)];
    let mut slower = bridge();
    slower.step_every = 3;
    let s = progress(
        &[slower],
        &sessions,
        &around(FRI, 3, 3),
        &[],
        date!(2026 - 11 - 30),
    )
    .remove(0);
    assert_eq!((s.level, s.decision), (2, Decision::StepUp));
}

#[test]
fn a_session_without_checkins_follows_the_last_ones() {
    // Monday judged and fine: Wednesday, unchecked, steps on schedule.
    let s = step(&[full(MON), full(WED)], &around(MON, 3, 3), &[]);
    assert_eq!((s.level, s.decision), (3, Decision::StepUp));
    assert_eq!(
        s.reason,
        "level 2 → 3 next time (done in full, as planned; no check-ins around it, and the last ones let it step)"
    );
    // Monday held: Wednesday, unchecked, does not step.
    let s = step(&[full(MON), full(WED)], &around(MON, 3, 6), &[]);
    assert_eq!((s.level, s.decision), (1, Decision::Hold));
    assert_eq!(
        s.reason,
        "stays at 1: done in full, but without check-ins around it, and the last session with them was held"
    );
}

#[test]
fn not_in_full_the_top_and_once_a_day() {
    let checkins = each(&days(9), 3, 3);
    // Not done in full: it stays, without counting as a hold.
    let s = step(
        &[full(MON), session(TUE, false, None, false)],
        &checkins,
        &[],
    );
    assert_eq!((s.level, s.decision), (2, Decision::Hold));
    // Never past the top, and once a day at most.
    assert_eq!(step(&days(9), &checkins, &[]).level, 5);
    let twice = [full(MON), full(MON)];
    assert_eq!(step(&twice, &checkins, &[]).level, 2);
}

#[test]
fn deleting_the_checkin_that_held_it_changes_the_decision() {
    let with = step(&[full(MON)], &around(MON, 3, 7), &[]);
    assert_eq!(with.decision, Decision::Hold);
    // The store leaves a deleted check-in out of what it reads.
    let [before, _] = around(MON, 3, 7);
    let next = checkin(TUE, 8, CheckInKind::Daily, None, 3);
    let without = step(&[full(MON)], &[before, next], &[]);
    assert_eq!((without.level, without.decision), (2, Decision::StepUp));
}

#[test]
fn levels_over_time_follow_each_decision() {
    // Up on Monday, held by Wednesday's rise, up again on Friday.
    let sessions = [full(MON), full(WED), full(FRI)];
    let mut checkins = around(MON, 3, 3).to_vec();
    checkins.extend(around(WED, 3, 7));
    checkins.extend(around(FRI, 3, 3));
    let trail = levels_over_time(
        &[bridge()],
        &sessions,
        &checkins,
        &[],
        date!(2026 - 11 - 30),
    )
    .remove(0);
    assert_eq!(trail, [(MON, 2), (WED, 2), (FRI, 3)]);
    // Its last level is what `progress` says.
    assert_eq!(step(&sessions, &checkins, &[]).level, 3);
    // By week: week 1 ends at 3; weeks 2 and 3 keep it; nothing yet is 1.
    assert_eq!(by_week(&trail, MON, 3), [3, 3, 3]);
    assert_eq!(by_week(&[], MON, 2), [1, 1]);
    let later = [(MON, 2), (date!(2026 - 11 - 10), 3)];
    assert_eq!(by_week(&later, MON, 3), [2, 3, 3]);
}

#[test]
fn a_logged_session_long_enough_counts_as_done_in_full() {
    let mut ride = bridge();
    ride.names = vec!["Steady pace".to_string()];
    ride.seconds = vec![Some(900), Some(960), Some(1020)];
    let logged = |minutes: u32| {
        let (mut s, _) = full(MON);
        s.kind = SessionKind::Logged;
        s.active_seconds = minutes * 60;
        (s, Vec::new())
    };
    let at = |minutes| {
        progress(
            &[ride.clone()],
            &[logged(minutes)],
            &around(MON, 3, 3),
            &[],
            date!(2026 - 11 - 30),
        )[0]
        .level
    };
    assert_eq!(at(20), 2);
    assert_eq!(at(10), 1);
}

#[test]
fn a_ladder_grows_only_in_the_weeks_it_is_stepped() {
    let mut later = bridge();
    later.tops = vec![(MON, 2), (FRI, 4)];
    let sessions = [full(MON), full(WED), full(FRI)];
    let checkins = each(&sessions, 3, 3);
    let s = progress(
        &[later.clone()],
        &sessions,
        &checkins,
        &[],
        date!(2026 - 11 - 30),
    )
    .remove(0);
    assert_eq!(s.level, 3);
    later.tops = vec![(FRI, 4)];
    let s = progress(&[later], &sessions, &checkins, &[], date!(2026 - 11 - 30)).remove(0);
    assert_eq!(s.level, 2);
}
