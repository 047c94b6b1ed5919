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

/// A block of the window ending on `last`: seven days, or four weeks, a
/// quarter or a year in a long window (see `block_days`); the window's
/// first block is shorter when the window is not a whole number of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartWeek {
    pub first: Date,
    pub last: Date,
    /// Days of the block inside the window.
    pub days: u32,
    pub sessions: u32,
    pub minutes: u32,
}

impl ChartWeek {
    /// Sessions and active minutes a week over the block.
    pub fn per_week(&self) -> (f64, f64) {
        let weeks = f64::from(self.days.max(1)) / 7.0;
        (
            f64::from(self.sessions) / weeks,
            f64::from(self.minutes) / weeks,
        )
    }
}

/// The days in a bar of the sessions chart, so that a window has about 16
/// bars at most: a week up to 16 weeks, four weeks up to 64, a quarter (13
/// weeks) up to four years, and a year beyond.
pub fn block_days(window_days: i64) -> i64 {
    if window_days <= 112 {
        7
    } else if window_days <= 448 {
        28
    } else if window_days <= 1_456 {
        91
    } else {
        364
    }
}

/// The days each point of the pain, anxiety and mood chart and of the
/// before-and-after chart stands for: one day up to four months; a week,
/// then four weeks, in a longer window, where a day a point would be too
/// dense to read.
pub fn point_days(window_days: i64) -> i64 {
    if window_days <= 122 {
        1
    } else if window_days <= 730 {
        7
    } else {
        28
    }
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
    /// Blocks of `block_days` ending on `to`, oldest first.
    pub weeks: Vec<ChartWeek>,
    pub block_days: i64,
    pub goal_per_week: u32,
    pub pairs: Vec<ChartPair>,
    /// The tests done in the window, in `FitnessTest::ALL`'s order, each
    /// with its days' best tries, oldest first.
    pub fitness: Vec<(FitnessTest, Vec<ChartResult>)>,
    /// The WHO-5 scores in the window, oldest first.
    pub who5: Vec<ChartResult>,
}

impl ReportCharts {
    /// Days in each point of the daily charts (see `point_days`).
    pub fn point_days(&self) -> i64 {
        point_days(self.days.len() as i64)
    }

    /// `scale`'s points: (day of the window, counted from 0 at `from`;
    /// mean). Each point is a day's mean, or in a long window the mean of
    /// the day means of `point_days` days, at the middle of those days.
    pub fn points(&self, scale: fn(&ChartDay) -> Option<f64>) -> Vec<(f64, f64)> {
        let step = self.point_days() as usize;
        let mut out = Vec::new();
        for (i, chunk) in self.days.chunks(step).enumerate() {
            let values: Vec<f64> = chunk.iter().filter_map(scale).collect();
            if values.is_empty() {
                continue;
            }
            let x = (i * step) as f64 + (chunk.len() as f64 - 1.0) / 2.0;
            out.push((x, values.iter().sum::<f64>() / values.len() as f64));
        }
        out
    }

    /// Pain before and after sessions as (day of the window, before,
    /// after): each session, or in a long window the means over the
    /// sessions of `point_days` days.
    pub fn pair_points(&self) -> Vec<(f64, f64, f64)> {
        let step = self.point_days();
        let mut out: Vec<(i64, f64, f64, u32)> = Vec::new();
        for p in &self.pairs {
            let chunk = (p.date - self.from).whole_days() / step;
            let (b, a) = (f64::from(p.before), f64::from(p.after));
            match out.last_mut() {
                Some(last) if last.0 == chunk => {
                    last.1 += b;
                    last.2 += a;
                    last.3 += 1;
                }
                _ => out.push((chunk, b, a, 1)),
            }
        }
        let days = self.days.len() as i64;
        out.into_iter()
            .map(|(chunk, b, a, n)| {
                let first = chunk * step;
                let len = step.min(days - first).max(1);
                let x = if step == 1 {
                    first as f64
                } else {
                    first as f64 + (len as f64 - 1.0) / 2.0
                };
                let n = f64::from(n);
                (x, b / n, a / n)
            })
            .collect()
    }
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
    let length = (to - from).whole_days() + 1;
    let block = block_days(length);
    let mut weeks = Vec::new();
    let mut last = to;
    while last >= from {
        let first = (last - Duration::days(block - 1)).max(from);
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
        block_days: block,
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
    fn a_long_window_has_fewer_longer_bars_and_points() {
        let (from, to) = (date!(2025 - 01 - 01), date!(2026 - 11 - 30));
        let sessions: Vec<DaySessions> = (0..699)
            .step_by(2)
            .map(|d| DaySessions {
                date: from + Duration::days(d),
                sessions: 1,
                active_seconds: 600,
            })
            .collect();
        let checkins: Vec<DayCheckins> = (0..699)
            .map(|d| checkin(from + Duration::days(d), (d % 7) as f64, 1))
            .collect();
        let pairs: Vec<SessionPair> = (0..14)
            .map(|d| SessionPair {
                date: from + Duration::days(d),
                pain: (6, if d < 7 { 4 } else { 2 }),
                anxiety: (3, 2),
            })
            .collect();
        let charts = report_charts(
            from,
            to,
            ChartRows {
                checkins: &checkins,
                sessions: &sessions,
                pairs: &pairs,
                fitness: &[],
                who5: &[],
            },
            3,
        );
        // 699 days: quarters, the first one short.
        assert_eq!(charts.block_days, 91);
        assert_eq!(charts.weeks.len(), 8);
        assert_eq!(charts.weeks[0].days, 699 - 7 * 91);
        let last = charts.weeks[7];
        assert_eq!((last.first, last.days), (date!(2026 - 09 - 01), 91));
        // A session every other day: 3.5 a week, ten minutes each.
        let (per_week, minutes) = last.per_week();
        assert!((per_week - 3.5).abs() < 0.1, "{per_week}");
        assert!((minutes - 35.0).abs() < 1.0, "{minutes}");
        // A point a week, each at its middle, the mean of 0..6.
        assert_eq!(charts.point_days(), 7);
        let pain = charts.points(|d| d.pain);
        assert_eq!(pain.len(), 100);
        assert_eq!(pain[0], (3.0, 3.0));
        assert_eq!(
            charts.pair_points(),
            vec![(3.0, 6.0, 4.0), (10.0, 6.0, 2.0)]
        );
    }

    #[test]
    fn a_short_window_has_a_point_a_day_and_a_bar_a_week() {
        assert_eq!((point_days(84), block_days(84)), (1, 7));
        assert_eq!((point_days(365), block_days(365)), (7, 28));
        assert_eq!((point_days(3_650), block_days(3_650)), (28, 364));
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
