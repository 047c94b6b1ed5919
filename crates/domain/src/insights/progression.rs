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
mod tests;
