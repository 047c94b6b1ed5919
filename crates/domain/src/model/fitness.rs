//! The study's first two outcomes measured on the person: four fitness
//! self-tests (how each is done, what to stop for, its unit) and the WHO-5
//! Well-Being Index (its wording, verbatim, and its score).

use std::fmt;

use time::{Date, OffsetDateTime};

/// One of the fitness self-tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FitnessTest {
    ChairStand,
    StepTest,
    SideBridgeLeft,
    SideBridgeRight,
    /// The side bridge from the knees: a test of its own, never recorded
    /// or compared as the side bridge from the feet.
    SideBridgeKneesLeft,
    SideBridgeKneesRight,
}

/// How a test is timed: a countdown of fixed length (the person counts
/// while it runs), or a stopwatch the person stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Countdown { seconds: u32 },
    Stopwatch,
}

/// What to stop a test for, whichever it is.
pub const STOP_FOR: [&str; 4] = [
    "chest pain or pressure, or a racing or uneven heartbeat",
    "dizziness, faintness, or more breathlessness than the effort explains",
    "pain that spreads down a leg, or comes with numbness or tingling",
    "a sharp or growing pain (effort and familiar soreness are expected)",
];

impl FitnessTest {
    pub const ALL: [FitnessTest; 6] = [
        FitnessTest::ChairStand,
        FitnessTest::StepTest,
        FitnessTest::SideBridgeLeft,
        FitnessTest::SideBridgeRight,
        FitnessTest::SideBridgeKneesLeft,
        FitnessTest::SideBridgeKneesRight,
    ];

    /// The name the command line takes and the store keeps: "chair-stand".
    pub fn as_str(self) -> &'static str {
        match self {
            FitnessTest::ChairStand => "chair-stand",
            FitnessTest::StepTest => "step-test",
            FitnessTest::SideBridgeLeft => "side-bridge-left",
            FitnessTest::SideBridgeRight => "side-bridge-right",
            FitnessTest::SideBridgeKneesLeft => "side-bridge-knees-left",
            FitnessTest::SideBridgeKneesRight => "side-bridge-knees-right",
        }
    }

    /// Every name, for a message: "chair-stand, step-test, … or
    /// side-bridge-knees-right".
    pub fn names_text() -> String {
        let names: Vec<&str> = FitnessTest::ALL.iter().map(|t| t.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    pub fn parse(text: &str) -> Option<FitnessTest> {
        FitnessTest::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Its name in a sentence or a heading: "30-second chair stand".
    pub fn title(self) -> &'static str {
        match self {
            FitnessTest::ChairStand => "30-second chair stand",
            FitnessTest::StepTest => "2-minute step test",
            FitnessTest::SideBridgeLeft => "Side bridge, left",
            FitnessTest::SideBridgeRight => "Side bridge, right",
            FitnessTest::SideBridgeKneesLeft => "Knee side bridge, left",
            FitnessTest::SideBridgeKneesRight => "Knee side bridge, right",
        }
    }

    /// What its number counts: "stands", "steps", "seconds".
    pub fn unit(self) -> &'static str {
        match self {
            FitnessTest::ChairStand => "stands",
            FitnessTest::StepTest => "steps",
            FitnessTest::SideBridgeLeft
            | FitnessTest::SideBridgeRight
            | FitnessTest::SideBridgeKneesLeft
            | FitnessTest::SideBridgeKneesRight => "seconds",
        }
    }

    pub fn timing(self) -> Timing {
        match self {
            FitnessTest::ChairStand => Timing::Countdown { seconds: 30 },
            FitnessTest::StepTest => Timing::Countdown { seconds: 120 },
            FitnessTest::SideBridgeLeft
            | FitnessTest::SideBridgeRight
            | FitnessTest::SideBridgeKneesLeft
            | FitnessTest::SideBridgeKneesRight => Timing::Stopwatch,
        }
    }

    /// The highest result that can be real: a larger number is a typing
    /// slip, refused rather than stored.
    pub fn max_value(self) -> u32 {
        match self {
            FitnessTest::ChairStand => 60,
            FitnessTest::StepTest => 250,
            FitnessTest::SideBridgeLeft
            | FitnessTest::SideBridgeRight
            | FitnessTest::SideBridgeKneesLeft
            | FitnessTest::SideBridgeKneesRight => 600,
        }
    }

    /// How it is done, step by step, in limber's words: the chair stand as
    /// the CDC's STEADI "30-Second Chair Stand" sheet gives it (seat 17 in,
    /// arms crossed at the wrists, arms used: stop and record 0, someone
    /// next to an unsteady person); the side bridge as McGill's endurance
    /// test (McGill, Childs & Liebenson, Arch Phys Med Rehabil
    /// 1999;80:941-944: top foot in front, free arm across the chest, ended
    /// when the hips drop); the side bridge from the knees as the same test
    /// with the knees bent so the feet are in line with the hips (no
    /// published protocol for it was found: the knees' position is the
    /// "modified side plank" exercise's, see README); the step test the
    /// usual clinical one.
    pub fn protocol(self) -> &'static [&'static str] {
        match self {
            FitnessTest::ChairStand => &[
                "Put a sturdy chair with a straight back and no arms, seat about 43 cm (17 in) high, against a wall.",
                "If you are unsteady on your feet, have someone stand next to you.",
                "Sit in the middle of it, feet flat on the floor, back straight.",
                "Cross your arms at the wrists, hands on the opposite shoulders, arms against your chest.",
                "On go, stand up fully and sit back down, as many times as you can in 30 seconds.",
                "Count each full stand. More than halfway up when time ends counts.",
                "If you must use your arms to stand, stop: the result is 0.",
            ],
            FitnessTest::StepTest => &[
                "Stand beside a wall or a counter you can steady yourself on.",
                "If you are unsteady on your feet, have someone stand next to you.",
                "Mid-thigh height is halfway between your kneecap and your hip bone.",
                "On go, march on the spot for 2 minutes, each knee up to that height.",
                "Count each time your right knee reaches the height.",
                "Slow down or rest a hand on the wall if you need to; the clock runs on.",
            ],
            FitnessTest::SideBridgeLeft => &[
                "Lie on your left side, legs straight, the top foot in front of the bottom one.",
                "Rest on your left forearm, elbow under the shoulder; the right hand on the left shoulder, arm across your chest.",
                "Start the stopwatch and lift your hips: a straight line, head to feet.",
                "Hold. Stop the stopwatch when your hips drop or the line goes: that ends the test.",
                "From the feet only: a side bridge from the knees is another test, the knee side bridge, recorded as that one.",
            ],
            FitnessTest::SideBridgeRight => &[
                "Lie on your right side, legs straight, the top foot in front of the bottom one.",
                "Rest on your right forearm, elbow under the shoulder; the left hand on the right shoulder, arm across your chest.",
                "Start the stopwatch and lift your hips: a straight line, head to feet.",
                "Hold. Stop the stopwatch when your hips drop or the line goes: that ends the test.",
                "From the feet only: a side bridge from the knees is another test, the knee side bridge, recorded as that one.",
            ],
            FitnessTest::SideBridgeKneesLeft => &[
                "Lie on your left side, knees bent so your feet are in line with your hips, behind you.",
                "Rest on your left forearm, elbow under the shoulder; the right hand on the left shoulder, arm across your chest.",
                "Start the stopwatch and lift your hips: a straight line from head to knees, the knees staying down.",
                "Hold. Stop the stopwatch when your hips drop or the line goes: that ends the test.",
                "From the knees only: its results are compared with each other, never with the side bridge from the feet.",
            ],
            FitnessTest::SideBridgeKneesRight => &[
                "Lie on your right side, knees bent so your feet are in line with your hips, behind you.",
                "Rest on your right forearm, elbow under the shoulder; the left hand on the right shoulder, arm across your chest.",
                "Start the stopwatch and lift your hips: a straight line from head to knees, the knees staying down.",
                "Hold. Stop the stopwatch when your hips drop or the line goes: that ends the test.",
                "From the knees only: its results are compared with each other, never with the side bridge from the feet.",
            ],
        }
    }
}

impl fmt::Display for FitnessTest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fitness result to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFitnessResult {
    pub test: FitnessTest,
    pub value: u32,
    pub at: OffsetDateTime,
    pub local_date: Date,
}

/// A fitness result as stored. `practice` is not stored: it is worked out
/// on reading (the first try of each test ever made), so a deleted or an
/// imported older try moves it the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitnessResult {
    pub id: i64,
    pub uuid: String,
    pub test: FitnessTest,
    pub value: u32,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub practice: bool,
}

/// The WHO-5's stem, verbatim.
pub const WHO5_STEM: &str = "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.";

/// The WHO-5's five statements, verbatim, in order.
pub const WHO5_ITEMS: [&str; 5] = [
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
];

/// The answers, verbatim, from 5 down to 0.
pub const WHO5_ANSWERS: [(u8, &str); 6] = [
    (5, "All of the time"),
    (4, "Most of the time"),
    (3, "More than half of the time"),
    (2, "Less than half of the time"),
    (1, "Some of the time"),
    (0, "At no time"),
];

/// Where the WHO-5 comes from, cited as its authors ask.
pub const WHO5_SOURCE: &str = "WHO-5 Well-Being Index (1998 version), Psychiatric Research Unit, Mental Health Centre North Zealand; free to use without permission. Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom. 2015;84(3):167-176.";

/// A score under this is low.
pub const WHO5_LOW: u32 = 50;

/// Said with a low score: a suggestion, never a diagnosis.
pub const WHO5_LOW_SENTENCE: &str =
    "A score under 50 can be worth talking over with your doctor or another clinician you trust.";

/// The five answers of one WHO-5, each 0 (at no time) to 5 (all of the time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who5 {
    answers: [u8; 5],
}

impl Who5 {
    /// `None` when an answer is over 5.
    pub fn new(answers: [u8; 5]) -> Option<Who5> {
        answers.iter().all(|&a| a <= 5).then_some(Who5 { answers })
    }

    pub fn answers(self) -> [u8; 5] {
        self.answers
    }

    /// The raw sum, 0–25.
    pub fn raw(self) -> u32 {
        self.answers.iter().map(|&a| u32::from(a)).sum()
    }

    /// The score, 0–100: the raw sum × 4.
    pub fn score(self) -> u32 {
        self.raw() * 4
    }

    pub fn is_low(self) -> bool {
        self.score() < WHO5_LOW
    }
}

/// A WHO-5 as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who5Result {
    pub id: i64,
    pub uuid: String,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub who5: Who5,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_names_read_back() {
        for t in FitnessTest::ALL {
            assert_eq!(FitnessTest::parse(t.as_str()), Some(t));
        }
        assert_eq!(FitnessTest::parse("chair"), None);
    }

    #[test]
    fn who5_scores_raw_times_four() {
        let w = Who5::new([3, 3, 2, 2, 2]).expect("in range");
        assert_eq!((w.raw(), w.score()), (12, 48));
        assert!(w.is_low());
        assert!(!Who5::new([3, 3, 3, 3, 3]).expect("in range").is_low());
        assert_eq!(Who5::new([6, 0, 0, 0, 0]), None);
    }
}
