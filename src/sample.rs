//! A realistic synthetic history for demos, screenshots and benchmarks:
//! about three sessions a week, check-ins before and after, daily check-ins
//! on most days, and pain that slowly eases, with noise and the odd bad
//! stretch. Deterministic for a given seed, so snapshots stay stable.

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use crate::clock::Clock;
use crate::routine::{Amount, Routine};
use crate::store::transfer::{CheckInRow, ExerciseRow, Export, RoutineRow, SessionRow};
use crate::store::{date_text, utc_text};

/// splitmix64: small, fast, and good enough for made-up diaries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Roughly normal noise with the given spread.
    fn noise(&mut self, spread: f64) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * spread
    }

    fn uuid(&mut self) -> String {
        let bytes = ((u128::from(self.next()) << 64) | u128::from(self.next())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

fn scale(value: f64) -> u8 {
    value.round().clamp(0.0, 10.0) as u8
}

/// `minutes` after midnight on `day` by the user's wall clock (a time the
/// clocks skipped moves on past the gap).
fn at(day: Date, minutes: u32, clock: &Clock) -> OffsetDateTime {
    let time = Time::from_hms((minutes / 60 % 24) as u8, (minutes % 60) as u8, 0)
        .unwrap_or(Time::MIDNIGHT);
    clock.instant(PrimitiveDateTime::new(day, time)).lenient()
}

/// Free-text activities logged from the shell.
const LOGGED: &[&str] = &["walk", "cycling", "swimming"];

/// What goes with a daily check-in of `pain` on day `t` of the history
/// (`weekday` from Monday, 0), when pain ran about `usual` then: about a
/// third of the days carry a tag, and poor sleep is noted more often on
/// the days that hurt more than usual, so "what goes with your pain" has
/// something to find. Pain below the knee becomes
/// rarer as the months go by; ibuprofen goes with the worse days.
fn day_context(
    rng: &mut Rng,
    pain: u8,
    usual: f64,
    t: f64,
    weekday: u8,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let pain = f64::from(pain);
    let mut tags = Vec::new();
    let poor_sleep = (0.20 + 0.45 * (pain - usual)).clamp(0.01, 0.8);
    for (tag, p) in [
        ("poor sleep", poor_sleep),
        ("stressful day", 0.1),
        ("long drive", 0.04),
        ("lifting", if weekday >= 5 { 0.12 } else { 0.03 }),
        ("argument", 0.03),
        ("travel", 0.03),
    ] {
        if rng.chance(p) {
            tags.push(tag.to_string());
        }
    }
    let mut regions = Vec::new();
    for (region, p) in [
        ("lower-back", if pain >= 3.0 { 0.6 } else { 0.2 }),
        ("buttock-left", 0.12),
        ("thigh-left", 0.06),
        ("leg-below-knee-left", 0.04 + 0.16 * (-t / 200.0).exp()),
        ("neck", 0.05),
    ] {
        if rng.chance(p) {
            regions.push(region.to_string());
        }
    }
    let mut took = Vec::new();
    if pain >= 6.0 && rng.chance(0.5) {
        took.push("ibuprofen 400 mg".to_string());
    }
    if rng.chance(0.08) {
        took.push("heat pack".to_string());
    }
    (tags, regions, took)
}

/// Builds `years` of history ending the day before the clock's today.
pub fn generate(years: u32, clock: &Clock, seed: u64, routines: &[Routine]) -> Export {
    let today = clock.today();
    let mut rng = Rng(seed);
    // Routine UUIDs come from their own stream, so the history does not
    // change with the number of routines.
    let mut ids = Rng(seed ^ 0x0005_EED0_F1D5);
    let mut doc = Export::empty();
    doc.routines = routines
        .iter()
        .map(|r| RoutineRow {
            uuid: Some(ids.uuid()),
            slug: r.slug.clone(),
            name: r.name.clone(),
            source: r.source.as_str().to_string(),
            definition: r.definition.clone(),
        })
        .collect();
    let days = i64::from(years) * 365;
    let start = today - Duration::days(days);
    // Each exercise has a made-up liking, so favourites emerge in the history.
    let liking = |name: &str| (name.bytes().map(u32::from).sum::<u32>() % 5) as f64 * 0.5;

    // Tags, places and treatments come from their own stream too, so the
    // numbers stay those of a history without them.
    let mut extra = Rng(seed ^ 0x7A65_C0DE);
    let mut flare_left = 0;
    for i in 0..days {
        let day = start + Duration::days(i);
        let t = i as f64;
        // Pain eases over the first months and then holds, with a weekly wobble.
        let mut pain = 3.6 + 2.6 * (-t / 150.0).exp() + (t / 9.0).sin() * 0.4;
        if flare_left == 0 && rng.chance(0.012) {
            flare_left = 2 + rng.below(4);
        }
        if flare_left > 0 {
            pain += 2.2;
            flare_left -= 1;
        }
        let anxiety = 2.4 + 2.4 * (-t / 120.0).exp() + (pain - 4.0) * 0.3;
        let mood = 6.6 - 2.0 * (-t / 140.0).exp() - (pain - 4.0) * 0.4;

        let weekday = day.weekday().number_days_from_monday();
        let p_session = if flare_left > 0 {
            0.2
        } else if weekday.is_multiple_of(2) {
            0.6
        } else {
            0.28
        };
        if rng.chance(p_session) && !routines.is_empty() {
            let minute = if rng.chance(0.6) {
                420 + rng.below(90)
            } else {
                1080 + rng.below(90)
            } as u32;
            let started = at(day, minute, clock);
            let before = Some((
                pain + rng.noise(1.2),
                anxiety + rng.noise(1.2),
                mood + rng.noise(1.2),
            ));
            let session_uuid = rng.uuid();
            if rng.chance(0.15) {
                let minutes = 20 + rng.below(26) as u32;
                doc.sessions.push(SessionRow {
                    uuid: session_uuid,
                    routine: None,
                    activity: LOGGED[rng.below(LOGGED.len() as u64) as usize].to_string(),
                    kind: "logged".to_string(),
                    status: "completed".to_string(),
                    started_at: utc_text(started),
                    ended_at: Some(utc_text(started + Duration::minutes(i64::from(minutes)))),
                    local_date: date_text(day),
                    planned_seconds: minutes * 60,
                    active_seconds: minutes * 60,
                    note: None,
                    gentle: false,
                    exercises: Vec::new(),
                    updated_at: None,
                    device: None,
                    version: None,
                });
            } else {
                let routine = &routines[rng.below(routines.len() as u64) as usize];
                let aborted = rng.chance(0.04);
                let mut clock = started + Duration::seconds(5);
                let mut active = 0u32;
                let mut exercises = Vec::new();
                for (position, exercise) in routine.exercises.iter().enumerate() {
                    if aborted && position * 2 >= routine.exercises.len() {
                        break;
                    }
                    let planned = exercise.round_seconds() * exercise.rounds();
                    let roll = rng.unit();
                    let (status, done) = if roll < 0.06 {
                        ("skipped", 0)
                    } else if roll < 0.09 {
                        ("partial", planned / 2)
                    } else {
                        ("done", planned)
                    };
                    clock += Duration::seconds(i64::from(done + 10));
                    active += done;
                    let comfort = (status != "skipped" && rng.chance(0.7)).then(|| {
                        (2.0 + liking(&exercise.name) + rng.noise(1.5))
                            .round()
                            .clamp(1.0, 5.0) as u8
                    });
                    exercises.push(ExerciseRow {
                        uuid: rng.uuid(),
                        position: position as u32,
                        name: exercise.name.clone(),
                        kind: exercise.kind.as_str().to_string(),
                        planned_seconds: matches!(exercise.amount, Amount::Seconds(_))
                            .then_some(planned),
                        actual_seconds: done,
                        planned_reps: match exercise.amount {
                            Amount::Reps(r) => Some(r),
                            Amount::Seconds(_) => None,
                        },
                        sets_planned: exercise.sets,
                        sets_done: if status == "skipped" {
                            0
                        } else if status == "partial" {
                            exercise.sets.div_ceil(2)
                        } else {
                            exercise.sets
                        },
                        status: status.to_string(),
                        comfort,
                        finished_at: utc_text(clock),
                        expected_pain: None,
                        actual_pain: None,
                    });
                }
                doc.sessions.push(SessionRow {
                    uuid: session_uuid.clone(),
                    routine: Some(routine.slug.clone()),
                    activity: routine.name.clone(),
                    kind: "guided".to_string(),
                    status: if aborted { "aborted" } else { "completed" }.to_string(),
                    started_at: utc_text(started),
                    ended_at: Some(utc_text(clock)),
                    local_date: date_text(day),
                    planned_seconds: routine.total_seconds(5, 15),
                    active_seconds: active,
                    note: None,
                    gentle: false,
                    exercises,
                    updated_at: None,
                    device: None,
                    version: None,
                });
                if let Some((p, a, m)) = before {
                    doc.checkins.push(CheckInRow {
                        uuid: rng.uuid(),
                        recorded_at: utc_text(started),
                        local_date: date_text(day),
                        context: "before".to_string(),
                        session: Some(session_uuid.clone()),
                        pain: scale(p),
                        anxiety: scale(a),
                        mood: scale(m),
                        fear: rng.chance(0.5).then(|| scale(anxiety + rng.noise(2.0))),
                        note: None,
                        updated_at: None,
                        device: None,
                        version: None,
                        tags: Vec::new(),
                        regions: Vec::new(),
                        took: Vec::new(),
                        answered: Vec::new(),
                    });
                    if !aborted {
                        doc.checkins.push(CheckInRow {
                            uuid: rng.uuid(),
                            recorded_at: utc_text(clock + Duration::seconds(30)),
                            local_date: date_text(day),
                            context: "after".to_string(),
                            session: Some(session_uuid),
                            pain: scale(p - 0.8 + rng.noise(1.0)),
                            anxiety: scale(a - 1.0 + rng.noise(1.0)),
                            mood: scale(m + 0.6 + rng.noise(1.0)),
                            fear: None,
                            note: None,
                            updated_at: None,
                            device: None,
                            version: None,
                            tags: Vec::new(),
                            regions: Vec::new(),
                            took: Vec::new(),
                            answered: Vec::new(),
                        });
                    }
                }
            }
        }
        if rng.chance(0.6) {
            let minute = 1230 + rng.below(60) as u32;
            let uuid = rng.uuid();
            let daily = (
                scale(pain + rng.noise(1.5)),
                scale(anxiety + rng.noise(1.5)),
                scale(mood + rng.noise(1.5)),
            );
            let (tags, regions, took) = day_context(&mut extra, daily.0, pain, t, weekday);
            doc.checkins.push(CheckInRow {
                uuid,
                recorded_at: utc_text(at(day, minute, clock)),
                local_date: date_text(day),
                context: "daily".to_string(),
                session: None,
                pain: daily.0,
                anxiety: daily.1,
                mood: daily.2,
                fear: None,
                note: None,
                updated_at: None,
                device: None,
                version: None,
                tags,
                regions,
                took,
                // A daily check-in in the app goes through its three rows.
                answered: ["tags", "where", "took"].map(String::from).to_vec(),
            });
        }
    }
    doc.checkins
        .sort_by(|a, b| a.recorded_at.cmp(&b.recorded_at));
    // The study's two questionnaires at the start of the last twelve weeks
    // and near their end, with fixed answers, so a demo report shows them
    // beside the study (their own stream: the rest stays as it was).
    let mut rand36 = Rng(seed ^ 0x0000_0052_414E_4436);
    for (days_ago, scale, answers) in [
        (
            82,
            "physical-functioning",
            vec![1, 2, 2, 2, 3, 1, 2, 2, 3, 3],
        ),
        (82, "emotional-well-being", vec![3, 4, 4, 3, 3]),
        (
            3,
            "physical-functioning",
            vec![1, 2, 3, 2, 3, 2, 2, 3, 3, 3],
        ),
        (3, "emotional-well-being", vec![4, 5, 3, 4, 3]),
    ] {
        let day = today - Duration::days(days_ago);
        if day < start {
            continue;
        }
        doc.rand36.push(crate::store::transfer::Rand36Row {
            uuid: rand36.uuid(),
            scale: scale.to_string(),
            answers,
            recorded_at: utc_text(at(day, 1245, clock)),
            local_date: date_text(day),
            updated_at: None,
            device: None,
            version: None,
        });
    }
    // An exposure ladder of three everyday activities, tried over the last
    // twelve weeks, the harm expected re-rated after each try, so the
    // ladder, History and the report have it to show (their own stream).
    let mut ladder = Rng(seed ^ 0x0000_1ADD_E500);
    // (order, activity, harm expected when named, tries as (days ago,
    // expected before, what happened, expected after, pain after))
    type Try = (i64, u8, &'static str, u8, u8);
    let steps: [(i64, &str, u8, &[Try]); 3] = [
        (
            1,
            "bending to load the dishwasher",
            60,
            &[
                (70, 60, "Stiff, but it eased as I went.", 45, 3),
                (49, 45, "Did the whole load.", 30, 3),
                (28, 30, "No worse than sitting.", 20, 2),
            ],
        ),
        (
            2,
            "carrying a bag of shopping",
            75,
            &[
                (56, 75, "Carried it to the car, sore after.", 60, 4),
                (35, 60, "Carried it home, one hand then the other.", 50, 4),
                (14, 50, "Fine; a twinge at the door.", 35, 3),
            ],
        ),
        (
            3,
            "lifting a box from the floor",
            85,
            &[(7, 85, "Lifted a light box, bending my knees.", 80, 4)],
        ),
    ];
    for (position, name, expected, tries) in steps {
        let named = today - Duration::days(tries.first().map_or(0, |t| t.0) + 1);
        if named < start {
            continue;
        }
        let step = ladder.uuid();
        doc.fear_steps.push(crate::store::transfer::FearStepRow {
            uuid: step.clone(),
            name: name.to_string(),
            position,
            expected,
            created_at: utc_text(at(named, 1200, clock)),
            local_date: date_text(named),
            updated_at: None,
            device: None,
            version: None,
        });
        for &(days_ago, before, happened, after, pain) in tries {
            let day = today - Duration::days(days_ago);
            doc.fear_tries.push(crate::store::transfer::FearTryRow {
                uuid: ladder.uuid(),
                step: step.clone(),
                tried_at: utc_text(at(day, 1130, clock)),
                local_date: date_text(day),
                expected_before: Some(before),
                happened: Some(happened.to_string()),
                expected_after: Some(after),
                pain_after: Some(pain),
                note: None,
                updated_at: None,
                device: None,
                version: None,
            });
        }
    }
    // The fitness check and the WHO-5 at the start of the last twelve weeks
    // and near their end, and the programme of those twelve weeks, so a new
    // person sees every tab filled (their own stream, as above).
    let mut checks = Rng(seed ^ 0x0000_F17E_55C4);
    for (days_ago, tests) in [
        (
            82,
            [
                ("chair-stand", 10),
                ("step-test", 71),
                ("side-bridge-left", 24),
                ("side-bridge-right", 22),
            ],
        ),
        (
            4,
            [
                ("chair-stand", 12),
                ("step-test", 80),
                ("side-bridge-left", 33),
                ("side-bridge-right", 31),
            ],
        ),
    ] {
        let day = today - Duration::days(days_ago);
        if day < start {
            continue;
        }
        for (i, (test, value)) in tests.into_iter().enumerate() {
            doc.fitness.push(crate::store::transfer::FitnessRow {
                uuid: checks.uuid(),
                test: test.to_string(),
                value,
                recorded_at: utc_text(at(day, 1100 + i as u32, clock)),
                local_date: date_text(day),
                updated_at: None,
                device: None,
                version: None,
            });
        }
    }
    // The twelve-week programme, begun on the Monday of the twelfth week
    // back and followed on Monday, Wednesday and Friday.
    let monday = today
        - Duration::days(i64::from(today.weekday().number_days_from_monday()))
        - Duration::weeks(11);
    if monday >= start {
        let enrolled = utc_text(at(monday, 480, clock));
        doc.programmes.push(crate::store::transfer::EnrolmentRow {
            uuid: checks.uuid(),
            programme: "back-to-strength".to_string(),
            days: "mon,wed,fri".to_string(),
            started_on: date_text(monday),
            enrolled_at: enrolled.clone(),
            stopped_at: None,
            updated_at: Some(enrolled),
            device: None,
            version: None,
        });
    }
    for (days_ago, answers) in [(82, [2, 3, 2, 2, 3]), (4, [3, 3, 3, 2, 4])] {
        let day = today - Duration::days(days_ago);
        if day < start {
            continue;
        }
        doc.who5.push(crate::store::transfer::Who5Row {
            uuid: checks.uuid(),
            answers,
            recorded_at: utc_text(at(day, 1110, clock)),
            local_date: date_text(day),
            updated_at: None,
            device: None,
            version: None,
        });
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn clock() -> Clock {
        Clock::fixed(datetime!(2026-11-25 10:00 UTC), jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn a_year_looks_like_a_year_of_use() {
        let routines = crate::routine::builtins();
        let doc = generate(1, &clock(), 7, &routines);
        let weeks = 365.0 / 7.0;
        let per_week = doc.sessions.len() as f64 / weeks;
        assert!(
            (2.0..=4.5).contains(&per_week),
            "{per_week} sessions a week"
        );
        assert!(doc.checkins.len() > 300, "{} check-ins", doc.checkins.len());
        let last = doc.sessions.last().expect("sessions").local_date.clone();
        assert!(
            last.as_str() < "2026-11-25",
            "history ends before today: {last}"
        );
        // Pain eases: the first month's mean is above the last month's.
        let mean = |rows: &[CheckInRow]| {
            rows.iter().map(|c| f64::from(c.pain)).sum::<f64>() / rows.len() as f64
        };
        let n = doc.checkins.len();
        let first = mean(&doc.checkins[..n / 12]);
        let last = mean(&doc.checkins[n - n / 12..]);
        assert!(first > last + 1.0, "pain {first:.1} → {last:.1}");
    }

    #[test]
    fn the_same_seed_gives_the_same_history() {
        let routines = crate::routine::builtins();
        let a = generate(1, &clock(), 1, &routines);
        let b = generate(1, &clock(), 1, &routines);
        assert_eq!(a, b);
    }
}
