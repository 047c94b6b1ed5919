//! Where each exercise of a programme is: its level, worked out afresh from
//! the sessions and check-ins recorded since enrolment, by graded activity
//! (the dose rises on a schedule planned in advance, by sessions done, not
//! by pain felt: Lindström et al. 1992) with a relative brake from the
//! pain-monitoring model (the change in pain over the session and the next
//! day, not its level: Silbernagel et al. 2007). Nothing is counted in the
//! store, so a corrected or deleted check-in, an import or a sync changes a
//! level the same way the original would have.
//!
//! The rule, for each session in which the exercise was done:
//! - the brake: pain after the session 2 or more above pain before it, the
//!   next day's first check-in more than 2 above pain before it, or the
//!   exercise rated 1 (made it worse): it holds; two holds in a row step
//!   back one level;
//! - otherwise, done in full: it counts toward the schedule, and after
//!   `step_every` such sessions at a level it steps up one (at most one
//!   step a day, never past the ladder's top);
//! - a session the brake cannot judge (no pain before it, or neither after
//!   it nor the next day) counts toward the schedule but steps up only if
//!   the last session that could be judged let it; with none judged yet,
//!   nothing says to hold, and it steps on schedule (graded activity's
//!   plan), saying that no check-ins were there to judge it;
//! - a gentle-version session or one on a flare day changes nothing;
//! - there is no limit on pain after a session by itself: steady pain is
//!   not a reason to hold.

use time::{Date, OffsetDateTime};

use crate::model::{
    CheckIn, CheckInKind, ExerciseRecord, ExerciseStatus, Session, SessionKind, SessionStatus,
};

/// Pain after a session this much (or more) above pain before it holds
/// the exercise.
pub const AFTER_RISE: u8 = 2;
/// Pain the next day more than this above the pain before holds it.
pub const NEXT_DAY_RISE: u8 = 2;

/// One exercise's ladder as the rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// The exercise's name in the routine: the ladder's first rung.
    pub head: String,
    /// Every name a record of it may carry (the head, the next exercise).
    pub names: Vec<String>,
    /// Each level's seconds, for a timed exercise: a logged session at
    /// least that long did it in full.
    pub seconds: Vec<Option<u32>>,
    /// From each date on, how many levels the ladder has there (0: not
    /// stepped in those weeks), oldest first.
    pub tops: Vec<(Date, u32)>,
    /// Sessions done in full at a level before it steps up: the
    /// programme's planned schedule.
    pub step_every: u32,
}

impl Track {
    fn top_on(&self, day: Date) -> u32 {
        self.tops
            .iter()
            .rev()
            .find(|(from, _)| *from <= day)
            .map_or(0, |(_, top)| *top)
    }

    fn counts(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Start,
    StepUp,
    Hold,
    StepBack,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Start => "start",
            Decision::StepUp => "step_up",
            Decision::Hold => "hold",
            Decision::StepBack => "step_back",
        }
    }
}

/// Where one exercise is, and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub head: String,
    /// The level for next time, from 1.
    pub level: u32,
    pub decision: Decision,
    /// "level 4 → 5 next time (done in full; …)", "held at 4: pain was 7 after the session, 4 above the 3 before it".
    pub reason: String,
    /// What happened, without the levels; empty before the first session.
    pub cause: String,
}

/// A session with what was done of each exercise in it.
pub type Outing = (Session, Vec<ExerciseRecord>);

/// Each track's level for next time, from the sessions (oldest first),
/// check-ins and flare days since enrolment, as of `today`.
pub fn progress(
    tracks: &[Track],
    sessions: &[Outing],
    checkins: &[CheckIn],
    flares: &[Date],
    today: Date,
) -> Vec<Step> {
    tracks
        .iter()
        .map(|t| climb(t, sessions, checkins, flares, today))
        .collect()
}

/// Each track's level after every session that counted for it (oldest
/// first), as `(day, level for next time)`: the same rule as `progress`,
/// kept at each step, for History's levels over time.
pub fn levels_over_time(
    tracks: &[Track],
    sessions: &[Outing],
    checkins: &[CheckIn],
    flares: &[Date],
    today: Date,
) -> Vec<Vec<(Date, u32)>> {
    tracks
        .iter()
        .map(|t| {
            let mut trail = Vec::new();
            climb_with(t, sessions, checkins, flares, today, &mut trail);
            trail
        })
        .collect()
}

/// A track's level at the end of each week of `weeks` starting on
/// `started` (week 1 first), from its trail (`levels_over_time`): the level
/// of the last session before the week ended, 1 before any.
pub fn by_week(trail: &[(Date, u32)], started: Date, weeks: u32) -> Vec<u32> {
    (1..=weeks)
        .map(|w| {
            let end = started + time::Duration::weeks(i64::from(w));
            trail
                .iter()
                .rev()
                .find(|(day, _)| *day < end)
                .map_or(1, |(_, level)| *level)
        })
        .collect()
}

fn climb(
    track: &Track,
    sessions: &[Outing],
    checkins: &[CheckIn],
    flares: &[Date],
    today: Date,
) -> Step {
    climb_with(track, sessions, checkins, flares, today, &mut Vec::new())
}

/// "1 session", "2 sessions".
fn sessions_text(n: u32) -> String {
    if n == 1 {
        "1 session".to_string()
    } else {
        format!("{n} sessions")
    }
}

fn climb_with(
    track: &Track,
    sessions: &[Outing],
    checkins: &[CheckIn],
    flares: &[Date],
    today: Date,
    trail: &mut Vec<(Date, u32)>,
) -> Step {
    let every = track.step_every.max(1);
    let mut level = 1;
    let mut holds = 0;
    // Sessions done in full, unbraked, at this level: the schedule's count.
    let mut done = 0;
    // What the last session the brake could judge said: let it step or not.
    let mut last_judged: Option<bool> = None;
    let mut stepped_on: Option<Date> = None;
    let mut decision = Decision::Start;
    let mut reason = "starts at level 1: no session with it yet".to_string();
    let mut cause = String::new();
    for (session, records) in sessions {
        let day = session.local_date;
        let top = track.top_on(day);
        if session.status != SessionStatus::Completed || top == 0 || day > today {
            continue;
        }
        level = level.min(top);
        let full = match records.iter().find(|r| track.counts(&r.name)) {
            Some(r) => r.status == ExerciseStatus::Done && r.sets_done >= r.sets_planned,
            None if session.kind == SessionKind::Logged && records.is_empty() => {
                match track.seconds.get(level as usize - 1).copied().flatten() {
                    Some(needed) => session.active_seconds >= needed,
                    None => continue,
                }
            }
            None => continue,
        };
        if session.gentle || flares.contains(&day) {
            // It keeps its level; a start says why, not "no session".
            if decision == Decision::Start {
                let how = if session.gentle {
                    "in the gentle version"
                } else {
                    "on a flare day"
                };
                reason =
                    format!("starts at level 1: done so far only {how}, which keeps its level");
            }
            continue;
        }
        let comfort = records
            .iter()
            .find(|r| track.counts(&r.name))
            .and_then(|r| r.comfort);
        let pain = Pain::around(session, checkins);
        if let Some(why) = pain.braked(comfort) {
            holds += 1;
            last_judged = Some(false);
            if holds >= 2 && level > 1 {
                level -= 1;
                holds = 0;
                done = 0;
                decision = Decision::StepBack;
                cause = format!("held twice in a row; {why}");
                reason = format!("level {} → {level} next time ({cause})", level + 1);
            } else {
                decision = Decision::Hold;
                reason = format!("held at {level}: {why}");
                cause = why;
            }
        } else if full {
            let judged = pain.judged();
            if judged {
                holds = 0;
                last_judged = Some(true);
            }
            done += 1;
            let allowed = judged || last_judged != Some(false);
            if level >= top {
                decision = Decision::Hold;
                cause = "done in full, at the top of its steps in these weeks".to_string();
                reason = format!("stays at {level}: {cause}");
            } else if done < every {
                decision = Decision::Hold;
                cause = format!(
                    "done in full; {} of {} at this level before the planned step",
                    sessions_text(done),
                    every
                );
                reason = format!("stays at {level}: {cause}");
            } else if !allowed {
                decision = Decision::Hold;
                cause = format!(
                    "done in full, but {}, and the last session with them was held",
                    pain.missing()
                        .replacen("no check-ins", "without check-ins", 1)
                        .replacen("no check-in", "without a check-in", 1)
                );
                reason = format!("stays at {level}: {cause}");
            } else if stepped_on == Some(day) {
                decision = Decision::Hold;
                cause = "it stepped up once already that day".to_string();
                reason = format!("stays at {level}: {cause}");
            } else {
                level += 1;
                done = 0;
                stepped_on = Some(day);
                decision = Decision::StepUp;
                let schedule = if every == 1 {
                    "done in full, as planned".to_string()
                } else {
                    format!("{} done in full, as planned", sessions_text(every))
                };
                cause = if judged {
                    format!("{schedule}; {}", pain.settled())
                } else {
                    match last_judged {
                        Some(_) => format!(
                            "{schedule}; {}, and the last ones let it step",
                            pain.missing()
                        ),
                        None => format!("{schedule}; {} yet to judge it by", pain.missing()),
                    }
                };
                reason = format!("level {} → {level} next time ({cause})", level - 1);
                // Done today: tomorrow's pain is not known yet, and can
                // still hold it.
                if let (true, Some(before), None) = (day == today, pain.before, pain.next_day) {
                    reason.push_str(&format!(
                        ", unless pain tomorrow is more than {NEXT_DAY_RISE} above the {before} before today's session"
                    ));
                }
            }
        } else {
            decision = Decision::Hold;
            cause = "it was not done in full last time".to_string();
            reason = format!("stays at {level}: {cause}");
        }
        trail.push((day, level));
    }
    let top = track.top_on(today).max(1);
    Step {
        head: track.head.clone(),
        level: level.min(top),
        decision,
        reason,
        cause,
    }
}

/// The pain around one session: before it, after it, and the next day.
struct Pain {
    before: Option<u8>,
    after: Option<u8>,
    next_day: Option<u8>,
}

impl Pain {
    fn around(session: &Session, checkins: &[CheckIn]) -> Pain {
        let linked = |context: CheckInKind| {
            checkins
                .iter()
                .find(|c| c.context == context && c.session_uuid.as_deref() == Some(&session.uuid))
        };
        let same_day =
            |c: &&CheckIn| c.local_date == session.local_date && c.session_uuid.is_none();
        let before = linked(CheckInKind::Before).or_else(|| {
            checkins
                .iter()
                .filter(same_day)
                .filter(|c| c.context != CheckInKind::After && c.at <= session.started_at)
                .max_by_key(|c| c.at)
        });
        let ended: OffsetDateTime = session.ended_at.unwrap_or(session.started_at);
        let after = linked(CheckInKind::After).or_else(|| {
            checkins
                .iter()
                .filter(same_day)
                .filter(|c| {
                    c.context == CheckInKind::After && c.at >= session.started_at.min(ended)
                })
                .min_by_key(|c| c.at)
        });
        let next_day = session.local_date.next_day().and_then(|next| {
            checkins
                .iter()
                .filter(|c| c.local_date == next)
                .min_by_key(|c| c.at)
        });
        Pain {
            before: before.map(|c| c.scales.pain),
            after: after.map(|c| c.scales.pain),
            next_day: next_day.map(|c| c.scales.pain),
        }
    }

    /// Whether the brake can judge this session: pain before it, and after
    /// it or the next day, to compare.
    fn judged(&self) -> bool {
        self.before.is_some() && (self.after.is_some() || self.next_day.is_some())
    }

    /// What the brake lacks to judge it, in words: the before-check-in,
    /// the after one (or the next day's), or both.
    fn missing(&self) -> &'static str {
        match (self.before, self.after.or(self.next_day)) {
            (None, None) => "no check-ins around it",
            (None, Some(_)) => "no check-in before it",
            (Some(_), _) => "no check-in after it or the next day",
        }
    }

    /// Which part of the brake held it, in words; `None` if none did.
    fn braked(&self, comfort: Option<u8>) -> Option<String> {
        if let (Some(before), Some(after)) = (self.before, self.after)
            && after >= before.saturating_add(AFTER_RISE)
        {
            return Some(format!(
                "pain was {after} after the session, {} above the {before} before it",
                after - before
            ));
        }
        if let (Some(before), Some(next)) = (self.before, self.next_day)
            && next > before.saturating_add(NEXT_DAY_RISE)
        {
            return Some(format!(
                "pain was {next} the next day, {} above the {before} before the session",
                next - before
            ));
        }
        if comfort == Some(1) {
            return Some("it was rated as making things worse".to_string());
        }
        None
    }

    /// Why stepping up is fine, in words (the brake judged it).
    fn settled(&self) -> String {
        match (self.before, self.after, self.next_day) {
            (Some(before), _, Some(next)) if next <= before => {
                "pain had settled by the next morning".to_string()
            }
            (Some(_), _, Some(next)) => {
                format!("pain the next day, {next}, stayed within {NEXT_DAY_RISE} points of before")
            }
            (Some(before), Some(after), _) => {
                format!("pain was {after} after the session, {before} before it")
            }
            _ => "pain stayed within the brake's limits".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
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
    fn checkin(
        day: Date,
        hour: u8,
        context: CheckInKind,
        session: Option<&str>,
        pain: u8,
    ) -> CheckIn {
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
}
