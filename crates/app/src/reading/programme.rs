//! Where the person is in the programme they follow: the week, this week's
//! sessions, the next routine, and each exercise's level and dose with the
//! reason for it — sessions, check-ins and flare days read from the store,
//! put through `insights::progression`.

use time::{Date, Duration, Weekday};

use crate::insights::progression::{self, Decision, Outing, Track};
use crate::model::SessionStatus;
use crate::programme::{Phase, Programme, dose_text};
use crate::routine::{Amount, Routine};
use crate::store::{Enrolment, Result, Store};

pub mod words;

/// One exercise of the phase, at its level for next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// The exercise to do at this level (the next exercise at the top).
    pub name: String,
    /// Its name in the routine: the ladder's first rung.
    pub head: String,
    pub level: u32,
    pub levels: u32,
    pub dose: String,
    pub decision: Decision,
    pub reason: String,
    /// What happened, without the levels (see `progression::Step`).
    pub cause: String,
}

impl Level {
    /// What the routine's page says of it, before its instructions:
    /// "Level 3 of 7, up from 2: done in full; pain had settled by the
    /// next morning."
    pub fn note(&self) -> String {
        let (l, n) = (self.level, self.levels);
        match self.decision {
            Decision::Start => format!("Level {l} of {n}."),
            Decision::StepUp => format!("Level {l} of {n}, up from {}: {}.", l - 1, self.cause),
            Decision::Hold => format!("Level {l} of {n}, held: {}.", self.cause),
            Decision::StepBack => format!("Level {l} of {n}, back from {}: {}.", l + 1, self.cause),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub programme: Programme,
    pub enrolment: Enrolment,
    /// 1 to `weeks`; 0 before it starts.
    pub week: u32,
    pub weeks: u32,
    /// Past its last week.
    pub finished: bool,
    /// This week's sessions, counted by `insights::count`.
    pub sessions_this_week: u32,
    pub sessions_per_week: u32,
    /// This week's goal: `sessions_per_week`, one less with a flare day.
    pub weekly_goal: u32,
    /// The routine for the next session, by slug.
    pub next: String,
    /// The next planned day on or after today, when days were chosen.
    pub next_day: Option<Date>,
    pub exercises: Vec<Level>,
}

impl Status {
    /// The phase of the current week.
    pub fn phase(&self) -> &Phase {
        self.programme.phase(self.week.max(1))
    }

    /// The levels to run a routine at, by ladder head.
    pub fn levels(&self) -> Vec<(String, u32)> {
        self.exercises
            .iter()
            .map(|e| (e.head.clone(), e.level))
            .collect()
    }

    /// A routine of the programme at today's doses, each stepped exercise's
    /// instructions led by its level and why.
    pub fn routine_at_levels(&self, routine: &Routine) -> Routine {
        let mut at = crate::programme::at_levels(routine, self.phase(), &self.levels());
        for exercise in &mut at.exercises {
            if let Some(level) = self.exercises.iter().find(|l| l.name == exercise.name) {
                exercise.instructions = format!("{} {}", level.note(), exercise.instructions)
                    .trim()
                    .to_string();
            }
        }
        at
    }
}

/// The programme followed now, if any, where the person is in it; the
/// routines of `catalog` it uses are set to today's doses, so the routine
/// page shows them and a session runs at them. A programme whose file is
/// gone or broken leaves the routines as they are.
pub fn at_todays_doses(
    store: &Store,
    catalog: &mut crate::routine::Catalog,
    programmes_dir: &std::path::Path,
    today: Date,
) -> Result<Option<Status>> {
    let Some(enrolment) = store.active_programme()? else {
        return Ok(None);
    };
    let programmes = crate::programme::Catalog::load(programmes_dir, &catalog.routines);
    let Some(programme) = programmes.get(&enrolment.slug) else {
        return Ok(None);
    };
    let status = status(store, programme, &enrolment, today)?;
    for routine in &mut catalog.routines {
        if status.phase().routines.contains(&routine.slug) {
            *routine = status.routine_at_levels(routine);
        }
    }
    Ok(Some(status))
}

/// Where the person is, in a line: "Week 3 of 12 · 2 of 3 this week ·
/// next: Core basics" (`next` is the next routine's name), or in fewer
/// words when `short`.
pub fn headline(status: &Status, next: &str, today: Date, short: bool) -> String {
    if status.week == 0 {
        return format!("Starts on {} · first: {next}", status.enrolment.started_on);
    }
    let when = match status.next_day {
        Some(day) if day == today => " today".to_string(),
        Some(day) if Some(day) == today.next_day() => " tomorrow".to_string(),
        Some(day) => format!(" on {}", &day.weekday().to_string()[..3]),
        None => String::new(),
    };
    let finished = match (status.finished, short) {
        (false, _) => "",
        (true, true) => " (done)",
        (true, false) => " (finished: keep going at these doses, or start another)",
    };
    if short {
        format!(
            "Week {}/{}{finished} · {} of {} · next: {next}",
            status.week, status.weeks, status.sessions_this_week, status.weekly_goal
        )
    } else {
        format!(
            "Week {} of {}{finished} · {} of {} this week · next{when}: {next}",
            status.week, status.weeks, status.sessions_this_week, status.weekly_goal
        )
    }
}

/// The first day of `week` (1-based) of an enrolment.
pub fn week_start(started_on: Date, week: u32) -> Date {
    started_on + Duration::weeks(i64::from(week.max(1) - 1))
}

/// The planned days as written ("mon,wed,fri"), as weekdays.
pub fn days(text: &str) -> Vec<Weekday> {
    text.split(',').filter_map(|d| weekday(d.trim())).collect()
}

/// "mon", "Monday", "tue" … as a weekday.
pub fn weekday(text: &str) -> Option<Weekday> {
    let t = text.to_ascii_lowercase();
    let all = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    // Two letters tell every day apart ("tu", "th", "sa", "su").
    all.into_iter()
        .find(|d| t.len() >= 2 && d.to_string().to_ascii_lowercase().starts_with(&t))
}

/// Where the person is in the programme of `enrolment` on `today`.
pub fn status(
    store: &Store,
    programme: &Programme,
    enrolment: &Enrolment,
    today: Date,
) -> Result<Status> {
    let started = enrolment.started_on;
    let (week, finished) = if today < started {
        (0, false)
    } else {
        let week = u32::try_from((today - started).whole_days() / 7 + 1).unwrap_or(u32::MAX);
        (week.min(programme.weeks), week > programme.weeks)
    };
    let phase = programme.phase(week.max(1));
    let routines = programme.routines();
    let mut outings: Vec<Outing> = Vec::new();
    let mut in_phase = 0;
    let mut last_done: Option<String> = None;
    let (week_from, phase_from) = (
        week_start(started, week),
        week_start(started, phase.first_week),
    );
    if today >= started {
        for session in store.sessions_between(started, today)? {
            let ours = session
                .routine_slug
                .as_deref()
                .is_some_and(|s| routines.contains(&s));
            let done = session.status == SessionStatus::Completed;
            if done
                && session.local_date >= phase_from
                && session
                    .routine_slug
                    .as_deref()
                    .is_some_and(|s| phase.routines.iter().any(|r| r == s))
            {
                in_phase += 1;
                last_done = session.routine_slug.clone();
            }
            if ours {
                let records = store.session_exercises(session.id)?;
                outings.push((session, records));
            }
        }
    }
    let checkins = if today >= started {
        store.checkins_between(started, today)?
    } else {
        Vec::new()
    };
    let flares = if today >= started {
        store.flare_days(started, today)?
    } else {
        Vec::new()
    };
    let tracks: Vec<Track> = phase
        .ladders
        .iter()
        .map(|ladder| track(programme, started, &ladder.head))
        .collect();
    let steps = progression::progress(&tracks, &outings, &checkins, &flares, today);
    let exercises = phase
        .ladders
        .iter()
        .zip(steps)
        .map(|(ladder, step)| {
            let at = ladder.at(step.level);
            Level {
                name: at.name.clone(),
                head: ladder.head.clone(),
                level: step.level,
                levels: ladder.levels(),
                dose: dose_text(at),
                decision: step.decision,
                reason: step.reason,
                cause: step.cause,
            }
        })
        .collect();
    let next = next_routine(&phase.routines, in_phase, last_done.as_deref());
    let planned = days(&enrolment.days);
    // The week's sessions by the one count: every session that counts,
    // whatever its routine, as Today and `status` count them.
    let counted = if today >= started {
        crate::reading::daily_sessions(store, started, today)?
    } else {
        Vec::new()
    };
    let this_week: u32 = counted
        .iter()
        .filter(|d| d.date >= week_from)
        .map(|d| d.sessions)
        .sum();
    let done_today = counted.iter().any(|d| d.date == today && d.sessions > 0);
    let weekly_goal = crate::insights::weekly_goal(
        programme.sessions_per_week,
        flares.iter().any(|d| *d >= week_from),
    );
    let next_day = (0..14)
        .map(|i| today.max(started) + Duration::days(i))
        .filter(|d| !(*d == today && done_today))
        .find(|d| planned.contains(&d.weekday()));
    Ok(Status {
        programme: programme.clone(),
        enrolment: enrolment.clone(),
        week,
        weeks: programme.weeks,
        finished,
        sessions_this_week: this_week,
        sessions_per_week: programme.sessions_per_week,
        weekly_goal,
        next,
        next_day,
        exercises,
    })
}

/// Whether the fitness check is due in the programme's week (weeks 1, 6
/// and 12 of twelve): not past its end, and no test done since the week
/// began. A check with only the tests the back allowed that day is a check
/// done: Today does not press for the others all week (`t` still has them).
pub fn fitness_due(store: &Store, status: &Status) -> Result<bool> {
    if status.week == 0 || status.finished {
        return Ok(false);
    }
    let from = week_start(status.enrolment.started_on, status.week);
    let results = store.fitness_results()?;
    let tested = results.iter().any(|r| r.local_date >= from);
    Ok(crate::insights::outcomes::fitness_due(
        status.week,
        status.weeks,
        tested,
    ))
}

/// Each stepped exercise of a programme and its level at the end of each
/// week so far: History's levels over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelsByWeek {
    pub programme: String,
    /// The week today is in (1 to `weeks`); 0 before the start.
    pub week: u32,
    pub weeks: u32,
    /// Each ladder met so far: its head, its number of levels in the latest
    /// phase begun that has it (as `Status` counts them), and
    /// its level at the end of weeks 1 to `week` (`None` in a week whose
    /// phase does not step it).
    pub rows: Vec<(String, u32, Vec<Option<u32>>)>,
}

/// The levels over time of the programme followed now, if any (its file
/// read from `programmes_dir`, checked against `routines`).
pub fn levels_by_week(
    store: &Store,
    programmes_dir: &std::path::Path,
    routines: &[Routine],
    today: Date,
) -> Result<Option<LevelsByWeek>> {
    let Some(enrolment) = store.active_programme()? else {
        return Ok(None);
    };
    let programmes = crate::programme::Catalog::load(programmes_dir, routines);
    let Some(programme) = programmes.get(&enrolment.slug) else {
        return Ok(None);
    };
    let started = enrolment.started_on;
    let week = if today < started {
        0
    } else {
        u32::try_from((today - started).whole_days() / 7 + 1)
            .unwrap_or(u32::MAX)
            .min(programme.weeks)
    };
    // Each ladder's levels as `programme status` and the routine page
    // count them: those of the latest phase begun that has it (the phase
    // of this week, while it is in it), so "2 of 3" reads alike everywhere.
    let mut heads: Vec<(String, u32)> = Vec::new();
    for phase in &programme.phases {
        let begun = phase.first_week <= week.max(1);
        for ladder in &phase.ladders {
            match heads.iter_mut().find(|(h, _)| *h == ladder.head) {
                Some((_, most)) if begun => *most = ladder.levels(),
                Some(_) => {}
                None => heads.push((ladder.head.clone(), ladder.levels())),
            }
        }
    }
    let mut outings: Vec<Outing> = Vec::new();
    let (mut checkins, mut flares) = (Vec::new(), Vec::new());
    if week > 0 {
        let ours = programme.routines();
        for session in store.sessions_between(started, today)? {
            if session
                .routine_slug
                .as_deref()
                .is_some_and(|s| ours.contains(&s))
            {
                let records = store.session_exercises(session.id)?;
                outings.push((session, records));
            }
        }
        checkins = store.checkins_between(started, today)?;
        flares = store.flare_days(started, today)?;
    }
    let tracks: Vec<Track> = heads
        .iter()
        .map(|(head, _)| track(programme, started, head))
        .collect();
    let trails = progression::levels_over_time(&tracks, &outings, &checkins, &flares, today);
    let rows = heads
        .into_iter()
        .zip(trails)
        .map(|((head, most), trail)| {
            let levels = progression::by_week(&trail, started, week)
                .into_iter()
                .zip(1..)
                .map(|(level, w)| programme.phase(w).ladder(&head).map(|_| level))
                .collect();
            (head, most, levels)
        })
        .filter(|(_, _, levels): &(String, u32, Vec<Option<u32>>)| {
            levels.iter().any(Option::is_some)
        })
        .collect();
    Ok(Some(LevelsByWeek {
        programme: programme.name.clone(),
        week,
        weeks: programme.weeks,
        rows,
    }))
}

/// The routine after the one done last, in the phase's turn; the first
/// when none was done yet. With a routine twice in the turn, the count of
/// sessions done tells which of its places was last.
fn next_routine(turn: &[String], done: usize, last: Option<&str>) -> String {
    let Some(last) = last else {
        return turn[0].clone();
    };
    let guess = (done + turn.len() - 1) % turn.len();
    let at = if turn[guess] == last {
        guess
    } else {
        turn.iter().position(|r| r == last).unwrap_or(guess)
    };
    turn[(at + 1) % turn.len()].clone()
}

/// One exercise's ladder over the whole programme, as the rule reads it.
fn track(programme: &Programme, started: Date, head: &str) -> Track {
    let mut names: Vec<String> = vec![head.to_string()];
    let mut tops = Vec::new();
    for phase in &programme.phases {
        let ladder = phase.ladder(head);
        tops.push((
            week_start(started, phase.first_week),
            ladder.map_or(0, |l| l.levels()),
        ));
        for rung in ladder.into_iter().flat_map(|l| &l.rungs) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&rung.name)) {
                names.push(rung.name.clone());
            }
        }
    }
    // A timed rung's seconds, for a logged session: from the ladder of the
    // last phase that has it, whose steps are the longest.
    let seconds = programme
        .phases
        .iter()
        .rev()
        .find_map(|p| p.ladder(head))
        .map(|l| {
            l.rungs
                .iter()
                .map(|r| match r.amount {
                    Amount::Seconds(s) => Some(s),
                    Amount::Reps(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    Track {
        head: head.to_string(),
        names,
        seconds,
        tops,
        step_every: programme.step_every,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_routine_follows_the_one_done_last() {
        let turn: Vec<String> = ["core", "mobility", "core"].map(String::from).to_vec();
        assert_eq!(next_routine(&turn, 0, None), "core");
        assert_eq!(next_routine(&turn, 1, Some("core")), "mobility");
        assert_eq!(next_routine(&turn, 2, Some("mobility")), "core");
        assert_eq!(next_routine(&turn, 3, Some("core")), "core");
        // Done out of turn: after mobility comes core, whatever the count.
        assert_eq!(next_routine(&turn, 1, Some("mobility")), "core");
        let pair: Vec<String> = ["mobility", "core"].map(String::from).to_vec();
        assert_eq!(next_routine(&pair, 2, Some("mobility")), "core");
    }

    #[test]
    fn weekdays_read_short_and_long() {
        assert_eq!(weekday("mon"), Some(Weekday::Monday));
        assert_eq!(weekday("Wednesday"), Some(Weekday::Wednesday));
        assert_eq!(weekday("th"), Some(Weekday::Thursday));
        assert_eq!(weekday("t"), None);
        assert_eq!(weekday("s"), None);
        assert_eq!(weekday("moon"), None);
        assert_eq!(
            days("mon, wed,fri"),
            [Weekday::Monday, Weekday::Wednesday, Weekday::Friday]
        );
    }
}
