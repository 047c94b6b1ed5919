//! The report's charts as plain data: what each chart of the printed report
//! (`report --format html`) draws, from the same rows the report's numbers
//! come from. Drawing is elsewhere; this only picks and groups.

use time::{Date, Duration};

use crate::model::{
    DayCheckins, DaySessions, FitnessResult, FitnessTest, Scale, SessionPair, Who5Result,
};

/// One day of the window: the day's mean pain, anxiety and mood (none
/// without a check-in) and whether a session was done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartDay {
    pub date: Date,
    pub pain: Option<f64>,
    pub anxiety: Option<f64>,
    pub mood: Option<f64>,
    pub session: bool,
}

/// Seven days ending on `last` (fewer for the window's first block when
/// the window is not a whole number of weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartWeek {
    pub first: Date,
    pub last: Date,
    /// Days of the block inside the window, 1 to 7.
    pub days: u32,
    pub sessions: u32,
    pub minutes: u32,
}

/// A session with a check-in before and after it: pain before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartPair {
    pub date: Date,
    pub before: u8,
    pub after: u8,
}

/// One day's result of a measure: a fitness test's best try of the day, or
/// a WHO-5 score (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartResult {
    pub date: Date,
    pub value: u32,
    /// Only the practice try was made that day.
    pub practice: bool,
}

/// Everything the report's charts draw, for `[from, to]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportCharts {
    pub from: Date,
    pub to: Date,
    /// Every day of the window, oldest first.
    pub days: Vec<ChartDay>,
    /// Seven-day blocks ending on `to`, oldest first.
    pub weeks: Vec<ChartWeek>,
    pub goal_per_week: u32,
    pub pairs: Vec<ChartPair>,
    /// The tests done in the window, in `FitnessTest::ALL`'s order, each
    /// with its days' best tries, oldest first.
    pub fitness: Vec<(FitnessTest, Vec<ChartResult>)>,
    /// The WHO-5 scores in the window, oldest first.
    pub who5: Vec<ChartResult>,
}

/// What the report's charts need, read from the store for `[from, to]`.
pub struct ChartRows<'a> {
    pub checkins: &'a [DayCheckins],
    pub sessions: &'a [DaySessions],
    pub pairs: &'a [SessionPair],
    pub fitness: &'a [FitnessResult],
    /// Oldest first.
    pub who5: &'a [Who5Result],
}

/// The charts' data for `[from, to]`; rows outside the window are left out.
pub fn report_charts(from: Date, to: Date, rows: ChartRows, goal_per_week: u32) -> ReportCharts {
    let inside = |d: Date| d >= from && d <= to;
    let mut days = Vec::new();
    let mut day = from;
    while day <= to {
        let c = rows.checkins.iter().find(|c| c.date == day);
        let s = rows.sessions.iter().find(|s| s.date == day);
        days.push(ChartDay {
            date: day,
            pain: c.and_then(|c| c.mean(Scale::Pain)),
            anxiety: c.and_then(|c| c.mean(Scale::Anxiety)),
            mood: c.and_then(|c| c.mean(Scale::Mood)),
            session: s.is_some_and(|s| s.sessions > 0),
        });
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    let mut weeks = Vec::new();
    let mut last = to;
    while last >= from {
        let first = (last - Duration::days(6)).max(from);
        let of_week: Vec<&DaySessions> = rows
            .sessions
            .iter()
            .filter(|s| s.date >= first && s.date <= last)
            .collect();
        weeks.push(ChartWeek {
            first,
            last,
            days: ((last - first).whole_days() + 1) as u32,
            sessions: of_week.iter().map(|s| s.sessions).sum(),
            minutes: super::minutes(of_week.iter().map(|s| s.active_seconds).sum()),
        });
        match first.previous_day() {
            Some(d) => last = d,
            None => break,
        }
    }
    weeks.reverse();
    let pairs = rows
        .pairs
        .iter()
        .filter(|p| inside(p.date))
        .map(|p| ChartPair {
            date: p.date,
            before: p.pain.0,
            after: p.pain.1,
        })
        .collect();
    let mut fitness = Vec::new();
    for test in FitnessTest::ALL {
        let mut results: Vec<ChartResult> = Vec::new();
        for r in rows
            .fitness
            .iter()
            .filter(|r| r.test == test && inside(r.local_date))
        {
            match results.iter_mut().find(|c| c.date == r.local_date) {
                Some(c) => {
                    c.value = c.value.max(r.value);
                    c.practice &= r.practice;
                }
                None => results.push(ChartResult {
                    date: r.local_date,
                    value: r.value,
                    practice: r.practice,
                }),
            }
        }
        results.sort_by_key(|c| c.date);
        if !results.is_empty() {
            fitness.push((test, results));
        }
    }
    let who5 = rows
        .who5
        .iter()
        .filter(|w| inside(w.local_date))
        .map(|w| ChartResult {
            date: w.local_date,
            value: w.who5.score(),
            practice: false,
        })
        .collect();
    ReportCharts {
        from,
        to,
        days,
        weeks,
        goal_per_week,
        pairs,
        fitness,
        who5,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn checkin(date: Date, pain: f64, n: u32) -> DayCheckins {
        DayCheckins {
            date,
            n,
            pain,
            anxiety: 2.0 * f64::from(n),
            mood: 6.0 * f64::from(n),
            fear: 0.0,
            fear_n: 0,
        }
    }

    fn fitness(date: Date, value: u32, practice: bool) -> FitnessResult {
        FitnessResult {
            id: 0,
            uuid: String::new(),
            test: FitnessTest::ChairStand,
            value,
            at: datetime!(2026-01-01 08:00 UTC).replace_date(date),
            local_date: date,
            practice,
        }
    }

    #[test]
    fn days_weeks_pairs_and_results_keep_to_the_window() {
        let (from, to) = (date!(2026 - 11 - 01), date!(2026 - 11 - 16));
        let checkins = [
            checkin(date!(2026 - 10 - 31), 9.0, 1),
            checkin(date!(2026 - 11 - 02), 10.0, 2),
        ];
        let sessions = [
            DaySessions {
                date: date!(2026 - 11 - 02),
                sessions: 1,
                active_seconds: 600,
            },
            DaySessions {
                date: date!(2026 - 11 - 16),
                sessions: 2,
                active_seconds: 1_200,
            },
        ];
        let pairs = [
            SessionPair {
                date: date!(2026 - 10 - 30),
                pain: (6, 4),
                anxiety: (3, 2),
            },
            SessionPair {
                date: date!(2026 - 11 - 02),
                pain: (5, 3),
                anxiety: (3, 2),
            },
        ];
        let tries = [
            fitness(date!(2026 - 11 - 03), 9, true),
            fitness(date!(2026 - 11 - 03), 11, false),
            fitness(date!(2026 - 11 - 10), 12, false),
            fitness(date!(2026 - 12 - 10), 15, false),
        ];
        let who5 = [date!(2026 - 10 - 01), date!(2026 - 11 - 05)].map(|day| Who5Result {
            id: 0,
            uuid: String::new(),
            at: datetime!(2026-01-01 08:00 UTC).replace_date(day),
            local_date: day,
            who5: crate::model::Who5::new([3, 3, 3, 3, 2]).expect("answers 0-5"),
        });
        let charts = report_charts(
            from,
            to,
            ChartRows {
                checkins: &checkins,
                sessions: &sessions,
                pairs: &pairs,
                fitness: &tries,
                who5: &who5,
            },
            3,
        );
        assert_eq!(charts.days.len(), 16);
        assert_eq!(charts.days[0].pain, None);
        assert_eq!(charts.days[1].pain, Some(5.0));
        assert_eq!(charts.days[1].mood, Some(6.0));
        assert!(charts.days[1].session && !charts.days[2].session);
        // 16 days: 2 days, then two whole weeks ending on the 16th.
        let blocks: Vec<(Date, u32, u32, u32)> = charts
            .weeks
            .iter()
            .map(|w| (w.first, w.days, w.sessions, w.minutes))
            .collect();
        assert_eq!(
            blocks,
            vec![
                (date!(2026 - 11 - 01), 2, 1, 10),
                (date!(2026 - 11 - 03), 7, 0, 0),
                (date!(2026 - 11 - 10), 7, 2, 20),
            ]
        );
        assert_eq!(
            charts.pairs,
            vec![ChartPair {
                date: date!(2026 - 11 - 02),
                before: 5,
                after: 3
            }]
        );
        let chair = &charts.fitness[0];
        assert_eq!(chair.0, FitnessTest::ChairStand);
        assert_eq!(
            chair.1,
            vec![
                ChartResult {
                    date: date!(2026 - 11 - 03),
                    value: 11,
                    practice: false
                },
                ChartResult {
                    date: date!(2026 - 11 - 10),
                    value: 12,
                    practice: false
                },
            ]
        );
        assert_eq!(charts.fitness.len(), 1);
        assert_eq!(charts.who5.len(), 1);
        assert_eq!(charts.who5[0].value, 56);
    }
}
