//! Which exercises are the person's favourites, by their own 1–5 ratings.
//! One rule for Today's "Your favourites" line and the favourites routine
//! (`f`) alike (`is_favourite`), and one order (`favourite_order`).

use crate::model::ExerciseStat;

/// The lowest mean rating a favourite has: below 3 the person did not like it.
pub const LEAST_MEAN: f64 = 3.0;

/// The rated exercises of a recent stretch, and the feared ones among them
/// that hurt more than the person expected there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rated {
    pub stats: Vec<ExerciseStat>,
    pub hurt_more_than_expected: Vec<String>,
}

/// How much more pain than expected a feared exercise must have brought,
/// on average over its tries, to leave the favourites: pain's minimal
/// important change (2 points; Ostelo et al. 2008, see README). Less than
/// that is within what a 0–10 answer varies by, not a finding.
pub const HURT_MORE_BY: f64 = super::outcomes::PAIN_DETECTABLE_POINTS;

/// Whether a feared exercise's tries hurt more than expected by
/// `HURT_MORE_BY` or more (to a hundredth).
pub fn hurt_more_than_expected(tries: &super::ExposureStat) -> bool {
    ((tries.actual_mean - tries.expected_mean) * 100.0).round() / 100.0 >= HURT_MORE_BY
}

/// The one rule: rated, a mean rating of `LEAST_MEAN` or more, and not an
/// exercise the person fears that hurt more than they expected.
pub fn is_favourite(stat: &ExerciseStat, hurt_more_than_expected: &[String]) -> bool {
    stat.comfort.is_some_and(|c| c >= LEAST_MEAN) && !hurt_more_than_expected.contains(&stat.name)
}

/// How many exercises the favourites routine holds at most.
pub const MOST_IN_ROUTINE: usize = 6;

/// Favourites first: the highest mean comfort, then the most done; unrated
/// exercises after the rated ones.
pub fn sort_favourites(stats: &mut [ExerciseStat]) {
    stats.sort_by(favourite_order);
}

/// The order favourites are shown and picked in: the highest mean comfort
/// first, then the most done, then by name; unrated after rated.
pub fn favourite_order(a: &ExerciseStat, b: &ExerciseStat) -> std::cmp::Ordering {
    let comfort = |s: &ExerciseStat| s.comfort.unwrap_or(f64::NEG_INFINITY);
    comfort(b)
        .total_cmp(&comfort(a))
        .then(b.times.cmp(&a.times))
        .then(a.name.cmp(&b.name))
}

/// Today's "Your favourites": the favourites, best first, at most `count`.
pub fn for_today(rated: &Rated, count: usize) -> Vec<&ExerciseStat> {
    best(rated, count)
}

/// The favourites routine's exercises: the same favourites, best first, at
/// most `MOST_IN_ROUTINE`.
pub fn for_routine(rated: &Rated) -> Vec<&ExerciseStat> {
    best(rated, MOST_IN_ROUTINE)
}

fn best(rated: &Rated, count: usize) -> Vec<&ExerciseStat> {
    let mut kept: Vec<&ExerciseStat> = rated
        .stats
        .iter()
        .filter(|s| is_favourite(s, &rated.hurt_more_than_expected))
        .collect();
    kept.sort_by(|a, b| favourite_order(a, b));
    kept.truncate(count);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn stat(name: &str, times: u32, comfort: Option<f64>, ratings: u32) -> ExerciseStat {
        ExerciseStat {
            name: name.to_string(),
            times,
            last: date!(2026 - 11 - 01),
            comfort,
            ratings,
            pain_change: None,
            pain_n: 0,
        }
    }

    fn rated(stats: Vec<ExerciseStat>, hurt: &[&str]) -> Rated {
        Rated {
            stats,
            hurt_more_than_expected: hurt.iter().map(|h| h.to_string()).collect(),
        }
    }

    fn names(picked: Vec<&ExerciseStat>) -> Vec<&str> {
        picked.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn a_feared_exercise_leaves_only_when_it_hurt_2_or_more_above_expected() {
        let tries = |expected_mean, actual_mean| crate::insights::ExposureStat {
            n: 3,
            expected_mean,
            actual_mean,
        };
        // The finding: any margin at all used to be enough.
        assert!(!hurt_more_than_expected(&tries(3.0, 3.4)));
        assert!(!hurt_more_than_expected(&tries(3.0, 4.99)));
        assert!(hurt_more_than_expected(&tries(3.0, 5.0)));
        assert!(hurt_more_than_expected(&tries(2.0 / 3.0, 8.0 / 3.0)));
        assert!(!hurt_more_than_expected(&tries(6.0, 3.0)));
    }

    #[test]
    fn favourites_come_first_by_comfort_then_times_done() {
        let mut stats = vec![
            stat("Plank", 9, Some(2.0), 5),
            stat("Bridge", 3, Some(4.5), 2),
            stat("Walk", 20, None, 0),
            stat("Bird-dog", 8, Some(4.5), 6),
            stat("Cat-cow", 1, Some(5.0), 1),
        ];
        sort_favourites(&mut stats);
        let order: Vec<&str> = stats.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(order, ["Cat-cow", "Bird-dog", "Bridge", "Plank", "Walk"]);
        // 2.0 is not liked; unrated is not yet a favourite.
        let rated = rated(stats, &[]);
        assert_eq!(
            names(for_today(&rated, 3)),
            ["Cat-cow", "Bird-dog", "Bridge"]
        );
    }

    #[test]
    fn today_and_the_routine_leave_out_the_same_exercises() {
        let stats = vec![
            stat("Bridge", 5, Some(4.0), 3),
            stat("Bird-dog", 2, Some(4.5), 2),
            stat("Walk", 40, None, 0),
            // Rated below 3 on average: not liked, in neither.
            stat("Dead bug", 9, Some(2.9), 4),
            stat("Cat-cow", 9, Some(4.0), 1),
            // Liked, but feared and it hurt more than expected: in neither.
            stat("Plank", 9, Some(5.0), 6),
            // Exactly 3 is liked enough.
            stat("Side plank", 9, Some(3.0), 2),
        ];
        let rated = rated(stats, &["Plank"]);
        let routine = names(for_routine(&rated));
        assert_eq!(routine, ["Bird-dog", "Cat-cow", "Bridge", "Side plank"]);
        assert_eq!(names(for_today(&rated, 6)), routine);
        assert_eq!(names(for_today(&rated, 2)), ["Bird-dog", "Cat-cow"]);
    }
}
