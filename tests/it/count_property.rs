//! One count over random histories: sessions done, ended early and mostly
//! skipped, walks, flare days and a programme started mid-week — Today,
//! Activity, `status --format json`, `report --format json` and
//! `programme status --format json` give the same sessions this week and
//! the same goal, and the same count as the rule worked out by hand.

use limber::model::SessionStatus;
use proptest::prelude::*;
use time::Date;

use crate::count_findings::{WEDNESDAY, Went, full, guided, json, ok, status, walk};

/// One day's doing, as the property draws it.
#[derive(Debug, Clone, Copy)]
enum Doing {
    Nothing,
    Full,
    EndedEarlyAfterFour,
    MostlySkipped,
    Walk,
    Flare,
}

fn doing() -> impl Strategy<Value = Doing> {
    prop_oneof![
        3 => Just(Doing::Nothing),
        2 => Just(Doing::Full),
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
        for (i, d) in days.iter().enumerate() {
            let day = first + time::Duration::days(i as i64);
            match d {
                Doing::Nothing => {}
                Doing::Full => {
                    full(h, day, "core-basics");
                    counted.push(day);
                }
                Doing::EndedEarlyAfterFour => {
                    guided(h, day, "desk-break", &[Went::Done; 4], SessionStatus::Aborted, 120);
                    counted.push(day);
                }
                Doing::MostlySkipped => {
                    let mut went = vec![Went::Done];
                    went.extend([Went::Skipped; 6]);
                    guided(h, day, "core-basics", &went, SessionStatus::Completed, 60);
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
        if programme_from.is_some() {
            let p = json(h, WEDNESDAY, &["programme", "status", "--format", "json"]);
            prop_assert_eq!(p["sessions_this_week"].as_u64(), Some(this_week), "{}", p);
            prop_assert_eq!(p["weekly_goal"].as_u64(), Some(goal), "{}", p);
        }
    }
}
