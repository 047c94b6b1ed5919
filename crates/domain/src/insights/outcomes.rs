//! The person's own measures beside the study's: the fitness self-tests,
//! the WHO-5, and the study's two questionnaires (RAND-36 physical
//! functioning and the MHI-5), each as a first and a last value, the
//! change and how many results it rests on, and, where a threshold with a
//! source is known, whether the change passes it; and pain's minimal
//! important change.
//!
//! The practice try: the first try of a test ever made is marked practice
//! (scores rise on a second try), and the app asks for a second try then.
//! So that a practice try never stands in for a real one, a day's result is
//! its best try: on the first day the practice and the real try are one
//! day, and the better counts. A first day with only the practice try
//! counts as it is, there being nothing better to compare with; a test with
//! nothing but its practice try is marked `practice_only`, so the words can
//! say so.

use serde::Serialize;
use time::Date;

use crate::model::{FitnessResult, FitnessTest, Rand36Result, Who5Result};

/// The smallest change in stands the 30-second chair stand can tell from
/// the usual variation between two tries: its minimum detectable change
/// for one person (Gill et al., Physiother Res Int 2022).
pub const CHAIR_STAND_DETECTABLE: f64 = 2.5;
/// The change in WHO-5 points (0–100) its scoring note calls significant
/// ("A 10% difference indicates a significant change").
pub const WHO5_DETECTABLE: f64 = 10.0;
/// The WHO-5's recall, in days ("over the last two weeks"): two results
/// closer than this ask about overlapping weeks, and are not compared.
pub const WHO5_RECALL_DAYS: i64 = 14;
/// The minimal important change of the 0–10 pain scale (Ostelo et al.,
/// Spine 2008;33(1):90-94): 2 points, or 30 % of where it started.
pub const PAIN_DETECTABLE_POINTS: f64 = 2.0;
pub const PAIN_DETECTABLE_PCT: f64 = 30.0;
/// The 30 % counts only with at least this many points: on a low start
/// 30 % is a fraction of a point (1.0 → 1.3), which a 0–10 answer cannot
/// even tell. Ostelo's panel gave no floor; this one is limber's (issue
/// 22), said beside the rule wherever it is explained.
pub const PAIN_PCT_FLOOR_POINTS: f64 = 1.0;

/// What a change is, next to what its measure can detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detectable {
    /// Smaller than the measure can tell from the usual variation.
    Within,
    /// Larger: a real rise.
    Up,
    /// Larger: a real fall.
    Down,
}

/// One test's change across the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestChange {
    pub test: String,
    pub first: u32,
    pub last: u32,
    pub change_pct: Option<i64>,
    /// Days the test was done (a day's result is its best try).
    pub n: u32,
    #[serde(skip)]
    pub kind: FitnessTest,
    /// `None` when there is one result, or no known threshold.
    #[serde(skip)]
    pub detectable: Option<Detectable>,
    /// Only the practice try so far: no change to speak of yet (for the
    /// words; the JSON keeps the shape).
    #[serde(skip)]
    pub practice_only: bool,
    /// The first day had only the practice try: the change starts from it,
    /// there being nothing better that day, and the words say so.
    #[serde(skip)]
    pub from_practice: bool,
}

/// Each test on its own: no combined figure, since the tests measure
/// different things in different units, and a mean of their percentages
/// (one of them driven by practice) stands for none of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FitnessChange {
    pub tests: Vec<TestChange>,
}

/// A RAND-36 scale's change across the window: first and last score
/// (0–100, higher better), the change in points, and how many it rests on.
/// No verdict: limber cites no minimal important change for these scales,
/// so the words give points and never call a change better or worse.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuestionnaireChange {
    pub first: Option<f64>,
    pub last: Option<f64>,
    pub change_points: Option<f64>,
    pub change_pct: Option<i64>,
    pub n: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WellbeingChange {
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub change_pct: Option<i64>,
    /// The change in points (0–100): the WHO-5's meaningful change is 10.
    pub change_points: Option<i64>,
    pub n: u32,
    #[serde(skip)]
    pub detectable: Option<Detectable>,
    /// Two results or more, but none 14 days or more after the first: too
    /// soon to compare (the first → last then holds no change).
    #[serde(skip)]
    pub too_soon: bool,
}

/// Fitness and wellbeing, as the report shows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outcomes {
    pub fitness: FitnessChange,
    pub wellbeing: WellbeingChange,
    /// RAND-36 physical functioning (the study's SF-36 physical functioning).
    pub physical_functioning: QuestionnaireChange,
    /// RAND-36 emotional well-being, the MHI-5 (the study's mental health).
    pub mental_health: QuestionnaireChange,
}

/// The scores of one RAND-36 scale in `[from, to]` (`results` oldest
/// first and of one scale, as the store gives them) as first and last.
pub fn scale_change(results: &[Rand36Result], from: Date, to: Date) -> QuestionnaireChange {
    let scores: Vec<f64> = results
        .iter()
        .filter(|r| r.local_date >= from && r.local_date <= to)
        .map(|r| r.rand36.score())
        .collect();
    let n = scores.len() as u32;
    let (first, last) = (scores.first().copied(), scores.last().copied());
    match (first, last) {
        (Some(f), Some(l)) if n >= 2 => QuestionnaireChange {
            first,
            last,
            change_points: Some(l - f),
            change_pct: pct(f, l).map(|p| p.round() as i64),
            n,
        },
        _ => QuestionnaireChange {
            first,
            last,
            change_points: None,
            change_pct: None,
            n,
        },
    }
}

/// The change from `first` to `last` in percent, exact.
fn pct(first: f64, last: f64) -> Option<f64> {
    (first != 0.0).then(|| (last - first) / first * 100.0)
}

/// `Within` when `|last − first| < threshold`, else up or down.
fn against(first: f64, last: f64, threshold: f64) -> Detectable {
    if (last - first).abs() < threshold {
        Detectable::Within
    } else if last > first {
        Detectable::Up
    } else {
        Detectable::Down
    }
}

/// The detectable change of a test, where one is known.
pub(crate) fn threshold(test: FitnessTest) -> Option<f64> {
    match test {
        FitnessTest::ChairStand => Some(CHAIR_STAND_DETECTABLE),
        _ => None,
    }
}

/// The fitness and WHO-5 results of `[from, to]` (`fitness` and `who5`
/// oldest first, as the store gives them) as first, last and change.
pub fn outcomes(fitness: &[FitnessResult], who5: &[Who5Result], from: Date, to: Date) -> Outcomes {
    let inside = |d: Date| d >= from && d <= to;
    let mut tests = Vec::new();
    for test in FitnessTest::ALL {
        // Each day's best try, in date order.
        let tries: Vec<&FitnessResult> = fitness
            .iter()
            .filter(|r| r.test == test && inside(r.local_date))
            .collect();
        let practice_only = !tries.is_empty() && tries.iter().all(|r| r.practice);
        let first_day = tries.iter().map(|r| r.local_date).min();
        let from_practice = tries
            .iter()
            .filter(|r| Some(r.local_date) == first_day)
            .all(|r| r.practice);
        let mut days: Vec<(Date, u32)> = Vec::new();
        for r in tries {
            match days.iter_mut().find(|(d, _)| *d == r.local_date) {
                Some((_, best)) => *best = (*best).max(r.value),
                None => days.push((r.local_date, r.value)),
            }
        }
        days.sort_by_key(|&(d, _)| d);
        let (Some(&(_, first)), Some(&(_, last))) = (days.first(), days.last()) else {
            continue;
        };
        let n = days.len() as u32;
        let exact = (n >= 2)
            .then(|| pct(f64::from(first), f64::from(last)))
            .flatten();
        tests.push(TestChange {
            test: test.as_str().to_string(),
            first,
            last,
            change_pct: exact.map(|p| p.round() as i64),
            n,
            kind: test,
            // From a practice try no verdict: scores rise on a second try
            // (Gill 2022: 0.5–0.8 stands), so the change would overstate.
            detectable: (n >= 2 && !from_practice)
                .then(|| threshold(test).map(|t| against(f64::from(first), f64::from(last), t)))
                .flatten(),
            practice_only,
            from_practice: from_practice && !practice_only && n >= 2,
        });
    }
    let scores: Vec<(Date, u32)> = who5
        .iter()
        .filter(|w| inside(w.local_date))
        .map(|w| (w.local_date, w.who5.score()))
        .collect();
    let n = scores.len() as u32;
    let first = scores.first().copied();
    // The last result its recall does not overlap with the first's: the
    // WHO-5 asks about the last two weeks.
    let compared = first.and_then(|(day, _)| {
        scores
            .iter()
            .rev()
            .find(|(d, _)| (*d - day).whole_days() >= WHO5_RECALL_DAYS)
            .copied()
    });
    let wellbeing = match (first, compared) {
        (Some((_, f)), Some((_, l))) => WellbeingChange {
            first: Some(f),
            last: Some(l),
            change_pct: pct(f64::from(f), f64::from(l)).map(|p| p.round() as i64),
            change_points: Some(i64::from(l) - i64::from(f)),
            n,
            detectable: Some(against(f64::from(f), f64::from(l), WHO5_DETECTABLE)),
            too_soon: false,
        },
        _ => WellbeingChange {
            first: first.map(|(_, f)| f),
            last: scores.last().map(|&(_, l)| l),
            change_pct: None,
            change_points: None,
            n,
            detectable: None,
            too_soon: n >= 2,
        },
    };
    Outcomes {
        fitness: FitnessChange { tests },
        wellbeing,
        ..Outcomes::default()
    }
}

/// Pain's change next to its minimal important change: within the usual
/// variation unless it is 2 points or more, or 30 % or more and at least
/// 1 point.
pub fn pain_detectable(baseline: f64, current: f64) -> Detectable {
    // Judged on the means as they are shown, so the verdict agrees with
    // the points and percent printed beside it.
    let (baseline, current) = (crate::text::shown(baseline), crate::text::shown(current));
    let points = (current - baseline).abs();
    let percent = pct(baseline, current).map_or(0.0, f64::abs);
    let important = points >= PAIN_DETECTABLE_POINTS
        || (percent >= PAIN_DETECTABLE_PCT && points >= PAIN_PCT_FLOOR_POINTS);
    if !important {
        Detectable::Within
    } else if current > baseline {
        Detectable::Up
    } else {
        Detectable::Down
    }
}

/// Whether the fitness check is due in week `week` of a programme of
/// `weeks`: in its first week, its middle one and its last (weeks 1, 6 and
/// 12 of twelve), once; `tested_this_week` when it was done already.
pub fn fitness_due(week: u32, weeks: u32, tested_this_week: bool) -> bool {
    let middle = weeks / 2;
    !tested_this_week && week >= 1 && (week == 1 || week == middle || week == weeks)
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;
    use crate::model::Who5;

    fn result(test: FitnessTest, value: u32, day: Date, practice: bool) -> FitnessResult {
        FitnessResult {
            id: 0,
            uuid: String::new(),
            test,
            value,
            at: datetime!(2026-01-01 08:00 UTC).replace_date(day),
            local_date: day,
            practice,
        }
    }

    fn who5(answers: [u8; 5], day: Date) -> Who5Result {
        Who5Result {
            id: 0,
            uuid: String::new(),
            at: datetime!(2026-01-01 08:00 UTC).replace_date(day),
            local_date: day,
            who5: Who5::new(answers).expect("in range"),
        }
    }

    const FROM: Date = date!(2026 - 09 - 03);
    const TO: Date = date!(2026 - 11 - 25);

    #[test]
    fn a_chair_stand_of_10_then_11_is_ten_percent_and_within_the_usual_variation() {
        let results = [
            result(FitnessTest::ChairStand, 10, date!(2026 - 09 - 05), false),
            result(FitnessTest::ChairStand, 11, date!(2026 - 11 - 20), false),
        ];
        let o = outcomes(&results, &[], FROM, TO);
        let chair = &o.fitness.tests[0];
        assert_eq!(
            (chair.first, chair.last, chair.change_pct, chair.n),
            (10, 11, Some(10), 2)
        );
        assert_eq!(chair.detectable, Some(Detectable::Within), "1 stand < 2.5");
    }

    #[test]
    fn a_change_from_a_practice_try_is_not_judged() {
        // Finding: 8 → 11 stands from a practice try read as more than the
        // usual variation; scores rise on a second try.
        let results = [
            result(FitnessTest::ChairStand, 8, date!(2026 - 09 - 05), true),
            result(FitnessTest::ChairStand, 11, date!(2026 - 11 - 20), false),
        ];
        let o = outcomes(&results, &[], FROM, TO);
        let chair = &o.fitness.tests[0];
        assert_eq!((chair.first, chair.last, chair.n), (8, 11, 2));
        assert!(chair.from_practice);
        assert_eq!(chair.detectable, None);
    }

    #[test]
    fn a_practice_try_on_the_first_day_gives_way_to_the_better_real_one() {
        let results = [
            result(FitnessTest::ChairStand, 8, date!(2026 - 09 - 05), true),
            result(FitnessTest::ChairStand, 10, date!(2026 - 09 - 05), false),
            result(FitnessTest::ChairStand, 13, date!(2026 - 11 - 20), false),
        ];
        let o = outcomes(&results, &[], FROM, TO);
        let chair = &o.fitness.tests[0];
        assert_eq!(
            (chair.first, chair.last, chair.change_pct, chair.n),
            (10, 13, Some(30), 2)
        );
        assert_eq!(chair.detectable, Some(Detectable::Up), "3 stands ≥ 2.5");
    }

    #[test]
    fn a_change_from_a_practice_try_alone_on_the_first_day_is_marked_so() {
        let results = [
            result(FitnessTest::StepTest, 60, date!(2026 - 09 - 10), true),
            result(FitnessTest::StepTest, 72, date!(2026 - 11 - 19), false),
            result(FitnessTest::ChairStand, 9, date!(2026 - 09 - 10), true),
            result(FitnessTest::ChairStand, 11, date!(2026 - 09 - 10), false),
            result(FitnessTest::ChairStand, 12, date!(2026 - 11 - 19), false),
        ];
        let o = outcomes(&results, &[], FROM, TO).fitness;
        let step = o
            .tests
            .iter()
            .find(|t| t.kind == FitnessTest::StepTest)
            .expect("step");
        assert_eq!((step.first, step.last, step.from_practice), (60, 72, true));
        let chair = o
            .tests
            .iter()
            .find(|t| t.kind == FitnessTest::ChairStand)
            .expect("chair");
        assert_eq!((chair.first, chair.from_practice), (11, false));
    }

    #[test]
    fn nothing_but_the_practice_try_is_marked_so() {
        let results = [result(
            FitnessTest::ChairStand,
            10,
            date!(2026 - 09 - 05),
            true,
        )];
        let o = outcomes(&results, &[], FROM, TO);
        let chair = &o.fitness.tests[0];
        assert_eq!((chair.first, chair.n, chair.practice_only), (10, 1, true));
        let results = [
            results[0].clone(),
            result(FitnessTest::ChairStand, 11, date!(2026 - 11 - 20), false),
        ];
        assert!(!outcomes(&results, &[], FROM, TO).fitness.tests[0].practice_only);
    }

    #[test]
    fn the_combined_fitness_change_is_the_mean_of_the_tests_changes() {
        let results = [
            result(FitnessTest::ChairStand, 10, date!(2026 - 09 - 05), true),
            result(FitnessTest::SideBridgeLeft, 40, date!(2026 - 09 - 05), true),
            result(FitnessTest::StepTest, 70, date!(2026 - 09 - 05), true),
            result(FitnessTest::ChairStand, 11, date!(2026 - 11 - 20), false),
            result(
                FitnessTest::SideBridgeLeft,
                60,
                date!(2026 - 11 - 20),
                false,
            ),
            // Before the window: not counted.
            result(
                FitnessTest::SideBridgeRight,
                10,
                date!(2026 - 08 - 01),
                true,
            ),
        ];
        let o = outcomes(&results, &[], FROM, TO);
        let names: Vec<&str> = o.fitness.tests.iter().map(|t| t.test.as_str()).collect();
        assert_eq!(names, ["chair-stand", "step-test", "side-bridge-left"]);
        // Step test once: in the list, not in the mean. (10 + 50) / 2.
        assert_eq!(o.fitness.tests[1].change_pct, None);
        assert_eq!(o.fitness.tests[2].detectable, None, "no known threshold");
    }

    #[test]
    fn who5_raw_12_then_15_is_48_then_60_a_quarter_more() {
        let scores = [
            who5([3, 3, 2, 2, 2], date!(2026 - 09 - 05)),
            who5([3, 3, 3, 3, 3], date!(2026 - 11 - 20)),
        ];
        let o = outcomes(&[], &scores, FROM, TO);
        let w = &o.wellbeing;
        assert_eq!(
            (w.first, w.last, w.change_pct, w.n),
            (Some(48), Some(60), Some(25), 2)
        );
        assert_eq!(w.detectable, Some(Detectable::Up), "12 points ≥ 10");
        let small = [
            who5([3, 3, 2, 2, 2], date!(2026 - 09 - 05)),
            who5([3, 3, 3, 2, 2], date!(2026 - 11 - 20)),
        ];
        let o = outcomes(&[], &small, FROM, TO);
        assert_eq!(o.wellbeing.detectable, Some(Detectable::Within), "4 points");
        let one = outcomes(&[], &small[..1], FROM, TO);
        assert_eq!((one.wellbeing.n, one.wellbeing.change_pct), (1, None));
    }

    #[test]
    fn a_who5_under_14_days_after_the_first_is_too_soon_to_compare() {
        let results = [
            who5([3, 3, 2, 2, 2], date!(2026 - 10 - 01)),
            who5([3, 3, 3, 3, 3], date!(2026 - 10 - 02)),
        ];
        let o = outcomes(&[], &results, FROM, TO);
        let w = &o.wellbeing;
        assert_eq!((w.n, w.change_pct, w.too_soon), (2, None, true));
        assert_eq!((w.first, w.last), (Some(48), Some(60)));
        // A third, 14 days after the first: compared with it; the one
        // between is counted in n.
        let mut later = results.to_vec();
        later.push(who5([4, 4, 4, 4, 4], date!(2026 - 10 - 15)));
        let w = outcomes(&[], &later, FROM, TO).wellbeing;
        assert_eq!(
            (w.first, w.last, w.n, w.too_soon),
            (Some(48), Some(80), 3, false)
        );
        // One after it but too soon again: the last one 14 days or more on.
        later.push(who5([1, 1, 1, 1, 1], date!(2026 - 10 - 20)));
        let w = outcomes(&[], &later, FROM, TO).wellbeing;
        assert_eq!((w.last, w.n), (Some(20), 4));
    }

    #[test]
    fn pain_counts_from_2_points_or_30_percent() {
        assert_eq!(pain_detectable(5.0, 4.6), Detectable::Within);
        assert_eq!(pain_detectable(5.0, 3.0), Detectable::Down, "2 points");
        assert_eq!(pain_detectable(3.0, 2.0), Detectable::Down, "33 %");
        assert_eq!(pain_detectable(4.0, 5.5), Detectable::Up, "37 %");
        assert_eq!(
            pain_detectable(6.0, 7.5),
            Detectable::Within,
            "25 %, 1.5 points"
        );
        // 30 % of a low start is a fraction of a point: not important.
        assert_eq!(
            pain_detectable(1.0, 1.3),
            Detectable::Within,
            "30 %, 0.3 points"
        );
        assert_eq!(
            pain_detectable(2.0, 1.4),
            Detectable::Within,
            "30 %, 0.6 points"
        );
        assert_eq!(pain_detectable(3.0, 4.0), Detectable::Up, "33 %, 1 point");
        assert_eq!(pain_detectable(1.0, 3.0), Detectable::Up, "2 points");
        // Found in review: 3.04 → 2.05 printed "3.0 → 2.0 (−1.0 points,
        // −33 %)" beside "within the usual variation".
        assert_eq!(pain_detectable(3.04, 2.05), Detectable::Down, "as shown");
    }

    fn rand36(scale: crate::model::Rand36Scale, answers: &[u8], day: Date) -> Rand36Result {
        Rand36Result {
            id: 0,
            uuid: String::new(),
            at: datetime!(2026-01-01 08:00 UTC).replace_date(day),
            local_date: day,
            rand36: crate::model::Rand36::new(scale, answers).expect("valid"),
        }
    }

    #[test]
    fn a_rand36_scale_changes_in_points_from_its_first_to_its_last_in_the_window() {
        use crate::model::Rand36Scale::PhysicalFunctioning as Pf;
        let results = [
            rand36(Pf, &[2; 10], date!(2026 - 08 - 01)),
            rand36(Pf, &[1, 2, 3, 3, 3, 2, 1, 2, 3, 3], FROM),
            rand36(Pf, &[2; 10], date!(2026 - 10 - 01)),
            rand36(Pf, &[3, 3, 3, 3, 3, 3, 3, 3, 3, 2], TO),
        ];
        let c = scale_change(&results, FROM, TO);
        assert_eq!(
            (c.first, c.last, c.change_points, c.change_pct, c.n),
            (Some(65.0), Some(95.0), Some(30.0), Some(46), 3)
        );
        let one = scale_change(&results[..2], FROM, TO);
        assert_eq!((one.first, one.change_points, one.n), (Some(65.0), None, 1));
        assert_eq!(scale_change(&[], FROM, TO), QuestionnaireChange::default());
    }

    #[test]
    fn the_fitness_check_is_due_in_weeks_1_6_and_12_of_twelve() {
        let due: Vec<u32> = (1..=12).filter(|&w| fitness_due(w, 12, false)).collect();
        assert_eq!(due, [1, 6, 12]);
        assert!(!fitness_due(6, 12, true), "done this week already");
    }
}
