//! What a session counts for, which week it counts in, and the goal and
//! streak of that week: the one rule Today, History, `status`, `report`
//! and the programme all read.
//!
//! - A logged session (a walk, a swim, a routine done away from the
//!   keyboard) counts as one session: the person says they did it.
//! - A guided session counts as one session when at least half of its
//!   exercises were done, in full or in part — finished or ended early —
//!   or when it held at least ten minutes of active work. Less than that
//!   (some work, most of it skipped or not reached) is a short session:
//!   kept and shown, its minutes counted, but not a session toward the
//!   week. A session with no work at all counts for nothing.
//! - The week is the programme's while one runs (seven days from the day
//!   it started), else the calendar week from `week_start`. Both are the
//!   seven days from a weekday, so one `Weekday` says which.
//! - A week with a flare day asks for one session less, never below one,
//!   with or without a programme.
//! - The streak is counted in weeks that met their goal, back from this
//!   week; this week adds one once met, and does not break it before it
//!   ends. A rest day never breaks it.

use time::{Date, Duration, Weekday};

use crate::model::{DaySessions, SessionKind, SessionStatus};

/// Ten minutes of active work count as a session whatever was skipped.
pub const REAL_WORK_SECONDS: u32 = 10 * 60;

pub use crate::model::SessionWork;

/// What a session counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credit {
    /// One session toward the week, the streak and the report.
    Session,
    /// Some work, too little to count as a session: kept, not counted.
    Short,
    /// Nothing done (or not over yet).
    Nothing,
}

/// The rule (see the module's head): what `work` counts for.
pub fn credit(work: &SessionWork) -> Credit {
    match (work.kind, work.status) {
        (_, SessionStatus::InProgress) => Credit::Nothing,
        (SessionKind::Logged, _) => Credit::Session,
        // No exercise written at all (an older record, an import): what
        // it says of itself, in the person's favour.
        (SessionKind::Guided, SessionStatus::Completed) if work.exercises == 0 => Credit::Session,
        (SessionKind::Guided, _) => {
            if work.exercises_done == 0 && work.active_seconds == 0 {
                Credit::Nothing
            } else if (work.exercises_done > 0 && work.exercises_done * 2 >= work.exercises)
                || work.active_seconds >= REAL_WORK_SECONDS
            {
                Credit::Session
            } else if work.exercises_done == 0 && work.exercises > 0 {
                Credit::Nothing
            } else {
                Credit::Short
            }
        }
    }
}

/// How many exercises make a guided session of `exercises` count: half,
/// rounded up, at least one.
pub fn exercises_to_count(exercises: u32) -> u32 {
    exercises.div_ceil(2).max(1)
}

/// Each day's counted sessions and active seconds (every session that
/// ended, short ones too: the minutes were moved), oldest first, days
/// with neither left out. `works` may be in any order.
pub fn by_day(works: &[SessionWork]) -> Vec<DaySessions> {
    let mut works: Vec<&SessionWork> = works
        .iter()
        .filter(|w| w.status != SessionStatus::InProgress)
        .collect();
    works.sort_by_key(|w| w.date);
    let mut days: Vec<DaySessions> = Vec::new();
    for w in works {
        let counted = u32::from(credit(w) == Credit::Session);
        match days.last_mut() {
            Some(d) if d.date == w.date => {
                d.sessions += counted;
                d.active_seconds += w.active_seconds;
            }
            _ => days.push(DaySessions {
                date: w.date,
                sessions: counted,
                active_seconds: w.active_seconds,
            }),
        }
    }
    days.retain(|d| d.sessions > 0 || d.active_seconds > 0);
    days
}

/// The days with at least one counted session.
pub fn counted_days(days: &[DaySessions]) -> Vec<Date> {
    days.iter()
        .filter(|d| d.sessions > 0)
        .map(|d| d.date)
        .collect()
}

/// The week and goal a person is held to: the programme's while one
/// runs, else the calendar week and config.toml's `weekly_goal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The day weeks begin on: the programme's start day while one runs.
    pub first: Weekday,
    /// Sessions a week before any flare day eases it.
    pub goal: u32,
}

impl Plan {
    /// The calendar week from `first`, and the goal of config.toml.
    pub fn calendar(first: Weekday, goal: u32) -> Plan {
        Plan { first, goal }
    }

    /// A programme that started on `started` with `weeks` weeks of
    /// `per_week` sessions: its week and goal from its first day to its
    /// last, `otherwise` before and after.
    pub fn with_programme(
        otherwise: Plan,
        started: Date,
        weeks: u32,
        per_week: u32,
        today: Date,
    ) -> Plan {
        let end = started + Duration::weeks(i64::from(weeks));
        if today >= started && today < end {
            Plan {
                first: started.weekday(),
                goal: per_week,
            }
        } else {
            otherwise
        }
    }

    /// The first day of the week `day` is in.
    pub fn week_of(&self, day: Date) -> Date {
        super::week_start(day, self.first)
    }

    /// The goal of the week beginning on `start`: one less with a flare
    /// day in it, never below one.
    pub fn goal_of(&self, start: Date, flares: &[Date]) -> u32 {
        let end = start + Duration::days(7);
        super::weekly_goal(self.goal, flares.iter().any(|d| *d >= start && *d < end))
    }
}

/// Weeks in a row that met their goal, back from the week of `today`:
/// this week adds one once it is met, and does not break the run before
/// it is over. `days` are the counted sessions by day, in any order.
pub fn week_streak(plan: &Plan, days: &[DaySessions], flares: &[Date], today: Date) -> u32 {
    let sessions_in = |start: Date| -> u32 {
        let end = start + Duration::days(7);
        days.iter()
            .filter(|d| d.date >= start && d.date < end && d.date <= today)
            .map(|d| d.sessions)
            .sum()
    };
    let oldest = days.iter().map(|d| d.date).min();
    let mut start = plan.week_of(today);
    let mut count = 0;
    if sessions_in(start) >= plan.goal_of(start, flares) {
        count += 1;
    }
    loop {
        start -= Duration::days(7);
        if oldest.is_none_or(|o| o >= start + Duration::days(7)) {
            break;
        }
        if sessions_in(start) >= plan.goal_of(start, flares) {
            count += 1;
        } else {
            break;
        }
    }
    count
}

/// The longest run of weeks that met their goal, up to `today`'s week.
pub fn longest_week_streak(plan: &Plan, days: &[DaySessions], flares: &[Date], today: Date) -> u32 {
    let Some(oldest) = days.iter().map(|d| d.date).min() else {
        return 0;
    };
    let mut start = plan.week_of(oldest);
    let last = plan.week_of(today);
    let (mut best, mut run) = (0, 0);
    while start <= last {
        let end = start + Duration::days(7);
        let n: u32 = days
            .iter()
            .filter(|d| d.date >= start && d.date < end)
            .map(|d| d.sessions)
            .sum();
        if n >= plan.goal_of(start, flares) {
            run += 1;
            best = best.max(run);
        } else if start != last {
            run = 0;
        }
        start = end;
    }
    best
}

/// Sessions a week over the span the record covers inside `[from, to]`:
/// from the later of `from` and the first entry, in weeks of seven days
/// (at least one), so two weeks into a record a twelve-week window does
/// not divide by twelve.
pub fn per_week(sessions: u32, from: Date, to: Date, first_entry: Option<Date>) -> f64 {
    let start = first_entry.map_or(from, |f| f.max(from));
    let days = ((to - start).whole_days() + 1).max(7);
    f64::from(sessions) * 7.0 / days as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn guided(status: SessionStatus, exercises: u32, done: u32, active: u32) -> SessionWork {
        SessionWork {
            date: date!(2026 - 11 - 25),
            kind: SessionKind::Guided,
            status,
            active_seconds: active,
            exercises,
            exercises_done: done,
        }
    }

    #[test]
    fn four_exercises_then_ending_early_count_as_a_session() {
        // Desk break: 7 exercises, 4 done in two minutes, the rest not reached.
        let w = guided(SessionStatus::Aborted, 7, 4, 120);
        assert_eq!(credit(&w), Credit::Session);
    }

    #[test]
    fn a_mostly_skipped_session_is_short_not_a_session() {
        // Core basics with 5 of 7 skipped.
        let w = guided(SessionStatus::Completed, 7, 2, 150);
        assert_eq!(credit(&w), Credit::Short);
        assert_eq!(exercises_to_count(7), 4);
    }

    #[test]
    fn ten_minutes_of_work_count_whatever_was_skipped() {
        let w = guided(SessionStatus::Aborted, 4, 1, 12 * 60);
        assert_eq!(credit(&w), Credit::Session);
    }

    #[test]
    fn nothing_done_and_in_progress_count_for_nothing() {
        assert_eq!(
            credit(&guided(SessionStatus::Completed, 7, 0, 0)),
            Credit::Nothing
        );
        assert_eq!(
            credit(&guided(SessionStatus::InProgress, 7, 7, 900)),
            Credit::Nothing
        );
        let logged = SessionWork {
            kind: SessionKind::Logged,
            ..guided(SessionStatus::Completed, 0, 0, 1800)
        };
        assert_eq!(credit(&logged), Credit::Session);
    }

    #[test]
    fn days_count_sessions_and_keep_every_minute() {
        let mut a = guided(SessionStatus::Completed, 7, 7, 600);
        let mut b = guided(SessionStatus::Completed, 7, 1, 60);
        a.date = date!(2026 - 11 - 24);
        b.date = date!(2026 - 11 - 24);
        let c = guided(SessionStatus::Aborted, 7, 0, 0);
        let days = by_day(&[c, b, a]);
        assert_eq!(
            days,
            vec![DaySessions {
                date: date!(2026 - 11 - 24),
                sessions: 1,
                active_seconds: 660
            }]
        );
    }

    fn day(date: Date) -> DaySessions {
        DaySessions {
            date,
            sessions: 1,
            active_seconds: 600,
        }
    }

    #[test]
    fn a_mon_wed_fri_plan_keeps_its_streak_on_wednesday_morning() {
        let plan = Plan::calendar(Weekday::Monday, 3);
        // Two full weeks of Mon/Wed/Fri, then Monday of the third.
        let days: Vec<DaySessions> = [
            date!(2026 - 11 - 02),
            date!(2026 - 11 - 04),
            date!(2026 - 11 - 06),
            date!(2026 - 11 - 09),
            date!(2026 - 11 - 11),
            date!(2026 - 11 - 13),
            date!(2026 - 11 - 16),
        ]
        .map(day)
        .to_vec();
        let wednesday = date!(2026 - 11 - 18);
        assert_eq!(week_streak(&plan, &days, &[], wednesday), 2);
        assert_eq!(longest_week_streak(&plan, &days, &[], wednesday), 2);
        // A week missed breaks it.
        let later = date!(2026 - 12 - 02);
        assert_eq!(week_streak(&plan, &days, &[], later), 0);
    }

    #[test]
    fn a_flare_eases_the_week_it_is_in() {
        let plan = Plan::calendar(Weekday::Monday, 3);
        let start = date!(2026 - 11 - 23);
        assert_eq!(plan.goal_of(start, &[date!(2026 - 11 - 29)]), 2);
        assert_eq!(plan.goal_of(start, &[date!(2026 - 11 - 30)]), 3);
        let days = [day(date!(2026 - 11 - 24)), day(date!(2026 - 11 - 25))];
        assert_eq!(
            week_streak(
                &plan,
                &days,
                &[date!(2026 - 11 - 23)],
                date!(2026 - 11 - 25)
            ),
            1
        );
    }

    #[test]
    fn a_programme_sets_the_week_and_goal_while_it_runs() {
        let calendar = Plan::calendar(Weekday::Monday, 4);
        let started = date!(2026 - 11 - 19); // a Thursday
        let p = Plan::with_programme(calendar, started, 12, 3, date!(2026 - 11 - 24));
        assert_eq!(
            p,
            Plan {
                first: Weekday::Thursday,
                goal: 3
            }
        );
        assert_eq!(p.week_of(date!(2026 - 11 - 24)), started);
        let before = Plan::with_programme(calendar, started, 12, 3, date!(2026 - 11 - 18));
        assert_eq!(before, calendar);
        let after = Plan::with_programme(calendar, started, 1, 3, date!(2026 - 11 - 26));
        assert_eq!(after, calendar);
    }

    #[test]
    fn rates_divide_by_the_span_the_record_covers() {
        let to = date!(2026 - 11 - 28);
        let from = to - Duration::days(83);
        // Nine sessions in a fortnight: 4.5 a week, not 0.8.
        let first = Some(to - Duration::days(13));
        assert_eq!(per_week(9, from, to, first), 4.5);
        assert_eq!(per_week(12, from, to, None), 1.0);
        // A first entry yesterday: a week at least.
        assert_eq!(per_week(2, from, to, Some(to)), 2.0);
    }
}
