//! One count over random histories: sessions done (with or without
//! check-ins around them), ended early and mostly skipped, walks, daily
//! check-ins, flare days and a programme started mid-week — Today, the
//! History tabs, `status --format json`, `report --format json` and
//! `programme status --format json` give the same sessions this week, the
//! same goal and streak, the same count as the rule worked out by hand,
//! and the same level for every exercise of the programme.

use limber::model::SessionStatus;
use proptest::prelude::*;
use time::Date;

use crate::count_findings::{WEDNESDAY, Went, guided, guided_with, json, ok, status, walk};

/// One day's doing, as the property draws it.
#[derive(Debug, Clone, Copy)]
enum Doing {
    Nothing,
    /// Core basics in full, with pain before and after when given.
    Full(Option<(u8, u8)>),
    CheckIn(u8),
    EndedEarlyAfterFour,
    MostlySkipped,
    Walk,
    Flare,
}

fn doing() -> impl Strategy<Value = Doing> {
    prop_oneof![
        3 => Just(Doing::Nothing),
        2 => proptest::option::of((2u8..8, 2u8..8)).prop_map(Doing::Full),
        1 => (0u8..9).prop_map(Doing::CheckIn),
        1 => Just(Doing::EndedEarlyAfterFour),
        1 => Just(Doing::MostlySkipped),
        1 => Just(Doing::Walk),
        1 => Just(Doing::Flare),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_and_command_gives_one_week(
        days in proptest::collection::vec(doing(), 21),
        programme_from in proptest::option::of(0i64..21),
    ) {
        let home = tempfile::tempdir().expect("temp dir");
        let h = home.path();
        let today = time::macros::date!(2026 - 11 - 25);
        let first = today - time::Duration::days(20);
        let mut counted: Vec<Date> = Vec::new();
        let mut flares: Vec<Date> = Vec::new();
        let mut short = 0;
        for (i, d) in days.iter().enumerate() {
            let day = first + time::Duration::days(i as i64);
            match d {
                Doing::Nothing => {}
                Doing::Full(pain) => {
                    guided_with(h, day, "core-basics", &[Went::Done; 7], SessionStatus::Completed, 700, *pain);
                    counted.push(day);
                }
                Doing::CheckIn(pain) => {
                    let pain = pain.to_string();
                    let at = format!("{day} 07:00");
                    ok(h, WEDNESDAY, &["checkin", "--pain", &pain, "--anxiety", "3", "--mood", "6", "--at", &at]);
                }
                Doing::EndedEarlyAfterFour => {
                    guided(h, day, "desk-break", &[Went::Done; 4], SessionStatus::Aborted, 120);
                    counted.push(day);
                }
                Doing::MostlySkipped => {
                    let mut went = vec![Went::Done];
                    went.extend([Went::Skipped; 6]);
                    guided(h, day, "core-basics", &went, SessionStatus::Completed, 60);
                    short += 1;
                }
                Doing::Walk => {
                    walk(h, day);
                    counted.push(day);
                }
                Doing::Flare => {
                    ok(h, WEDNESDAY, &["flare", "--at", &day.to_string()]);
                    flares.push(day);
                }
            }
        }
        let (week, goal) = match programme_from {
            Some(back) => {
                let started = today - time::Duration::days(back);
                ok(h, WEDNESDAY, &["programme", "start", "back-to-strength", "--from", &started.to_string()]);
                (started + time::Duration::weeks((today - started).whole_weeks()), 3)
            }
            None => (limber::insights::week_start(today, time::Weekday::Monday), 3),
        };
        let flare_in_week = flares.iter().any(|d| *d >= week);
        let goal = if flare_in_week { goal - 1 } else { goal };
        let this_week = counted.iter().filter(|d| **d >= week).count() as u64;

        let s = status(h, WEDNESDAY);
        prop_assert_eq!(s["sessions_this_week"].as_u64(), Some(this_week), "{}", s);
        prop_assert_eq!(s["weekly_goal"].as_u64(), Some(goal), "{}", s);
        let week_text = week.to_string();
        prop_assert_eq!(s["week_start"].as_str(), Some(week_text.as_str()));
        let words = format!("{this_week} of {goal} session");
        let today_screen = ok(h, WEDNESDAY, &["screen", "today", "--size", "100x30"]);
        prop_assert!(today_screen.contains(&words), "{}: {}", words, today_screen);
        let activity = ok(h, WEDNESDAY, &["screen", "activity", "--size", "100x30"]);
        prop_assert!(activity.contains(&words), "{}: {}", words, activity);
        let report = json(h, WEDNESDAY, &["report", "--format", "json"]);
        prop_assert_eq!(report["sessions"]["count"].as_u64(), Some(counted.len() as u64));
        // The streak: status, Today and Activity alike.
        let streak = s["streak_weeks"].as_u64().unwrap_or(u64::MAX);
        if streak > 0 {
            let weeks = format!("{streak}-week streak");
            prop_assert!(today_screen.contains(&weeks), "{}: {}", weeks, today_screen);
            let at_goal = format!("Streak {streak} week");
            prop_assert!(activity.contains(&at_goal), "{}: {}", at_goal, activity);
        } else {
            prop_assert!(today_screen.contains("no streak yet"), "{}", today_screen);
        }
        // The Sessions tab says which sessions were too short to count.
        let sessions = ok(h, WEDNESDAY, &["screen", "sessions", "--size", "100x30"]);
        let said_short = sessions.lines().filter(|l| l.contains(" short ")).count();
        prop_assert_eq!(said_short, short, "{}", sessions);
        if programme_from.is_some() {
            let p = json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
            prop_assert_eq!(p["sessions_this_week"].as_u64(), Some(this_week), "{}", p);
            prop_assert_eq!(p["weekly_goal"].as_u64(), Some(goal), "{}", p);
            // Each exercise's level: the programme, History › Progress and
            // the routine page say the same number of the same levels.
            let progress = ok(h, WEDNESDAY, &["screen", "progress", "--size", "100x30"]);
            let routine = ok(h, WEDNESDAY, &["screen", "core-basics", "--size", "100x60"]);
            let exercises = p["exercises"].as_array().cloned().unwrap_or_default();
            prop_assert!(!exercises.is_empty(), "{}", p);
            for e in exercises {
                let name = e["name"].as_str().unwrap_or("?");
                let (level, of) = (e["level"].as_u64().unwrap_or(0), e["levels"].as_u64().unwrap_or(0));
                prop_assert!(level >= 1 && level <= of, "{}", e);
                let row = progress.lines().find(|l| l.trim_start().starts_with(name));
                let row = row.map(|l| l.split_whitespace().collect::<Vec<_>>());
                let last = row.as_ref().and_then(|r| {
                    let at = r.iter().position(|w| *w == "of")?;
                    Some((r[at - 1].parse::<u64>().ok()?, r.get(at + 1)?.parse::<u64>().ok()?))
                });
                prop_assert_eq!(last, Some((level, of)), "{}: {}", name, progress);
                if name != "Pelvic tilt" {
                    // Core basics has the bridge and the side plank.
                    let dose = e["dose"].as_str().unwrap_or("?").replace(" each side", " · each side");
                    let said = format!("{name}  strength · {dose}");
                    prop_assert!(routine.contains(&said), "{}: {}", said, routine);
                    let note = format!("Level {level} of {of}");
                    prop_assert!(routine.contains(&note), "{}: {}", note, routine);
                }
            }
        }
    }
}
