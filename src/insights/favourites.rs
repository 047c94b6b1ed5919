//! Which exercises are the person's favourites, by their own 1–5 ratings.
//! Two rules, side by side so they can be read together: Today's
//! "Your favourites" line wants an exercise rated at least twice with a mean
//! of 3.5 or more; the favourites routine (`f`) takes every rated exercise,
//! best first. Both use one order.

use crate::model::ExerciseStat;

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

/// Today's "Your favourites": rated at least twice, mean comfort 3.5 or
/// more, best first, at most `count`.
pub fn for_today(stats: &[ExerciseStat], count: usize) -> Vec<&ExerciseStat> {
    best(
        stats,
        |s| s.ratings >= 2 && s.comfort.is_some_and(|c| c >= 3.5),
        count,
    )
}

/// The favourites routine's exercises: every rated one, best first, at most
/// `MOST_IN_ROUTINE`.
pub fn for_routine(stats: &[ExerciseStat]) -> Vec<&ExerciseStat> {
    best(stats, |s| s.ratings > 0, MOST_IN_ROUTINE)
}

fn best(
    stats: &[ExerciseStat],
    keep: impl Fn(&ExerciseStat) -> bool,
    count: usize,
) -> Vec<&ExerciseStat> {
    let mut kept: Vec<&ExerciseStat> = stats.iter().filter(|s| keep(s)).collect();
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
        let names: Vec<&str> = stats.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Cat-cow", "Bird-dog", "Bridge", "Plank", "Walk"]);
        let favourites: Vec<&str> = for_today(&stats, 3)
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        // One rating is not yet a favourite; 2.0 is not liked.
        assert_eq!(favourites, ["Bird-dog", "Bridge"]);
    }

    #[test]
    fn the_routine_takes_every_rated_one_best_first() {
        let stats = vec![
            stat("Bridge", 5, Some(4.0), 3),
            stat("Bird-dog", 2, Some(4.5), 2),
            stat("Walk", 40, None, 0),
            stat("Dead bug", 9, Some(2.0), 4),
            stat("Cat-cow", 9, Some(4.0), 1),
        ];
        let names: Vec<&str> = for_routine(&stats)
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Bird-dog", "Cat-cow", "Bridge", "Dead bug"]);
    }
}
