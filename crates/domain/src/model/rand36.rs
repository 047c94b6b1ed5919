//! The study's own two questionnaires, from the RAND 36-Item Health Survey
//! 1.0: physical functioning (items 3–12) and emotional well-being (items
//! 24, 25, 26, 28 and 30, the MHI-5). Wording verbatim from RAND's
//! "36-Item Short Form Survey Instrument"; scores per RAND's "36-Item Short
//! Form Survey Scoring Instructions": each answer recoded to 0–100 (Table
//! 1), then the scale's items averaged (Table 2).

use std::fmt;

use time::{Date, OffsetDateTime};

/// Which of the two scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rand36Scale {
    /// Items 3–12: ten activities, "limited a lot" to "not limited at all".
    PhysicalFunctioning,
    /// Items 24, 25, 26, 28, 30 (the MHI-5): how much of the time in the
    /// past 4 weeks.
    EmotionalWellBeing,
}

/// One item: its number in the RAND-36, its words, and whether a higher
/// precoded answer is the better state (RAND's Table 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rand36Item {
    pub number: u8,
    pub text: &'static str,
    /// RAND's Table 1 recodes this item's answer 1 to 100 (the answer is
    /// reversed): items 26 and 30. For the others 1 is 0.
    pub reversed: bool,
}

/// Where the two scales come from, and RAND's terms of use.
pub const RAND36_SOURCE: &str = "RAND 36-Item Health Survey 1.0 (RAND Health Care, Medical Outcomes Study): 36-Item Short Form Survey Instrument and its Scoring Instructions, www.rand.org/health-care/surveys_tools/mos/36-item-short-form.html. RAND's surveys are public documents, available without charge. Hays RD, Sherbourne CD, Mazel RM. The RAND 36-Item Health Survey 1.0. Health Econ. 1993;2(3):217-227.";

/// Said with every score: which way is better, since it differs from the
/// pain scale's.
pub const RAND36_DIRECTION: &str =
    "0 to 100; higher is better (100: the most favourable answer to every question).";

const PF_ITEMS: [Rand36Item; 10] = [
    Rand36Item {
        number: 3,
        text: "Vigorous activities, such as running, lifting heavy objects, participating in strenuous sports",
        reversed: false,
    },
    Rand36Item {
        number: 4,
        text: "Moderate activities, such as moving a table, pushing a vacuum cleaner, bowling, or playing golf",
        reversed: false,
    },
    Rand36Item {
        number: 5,
        text: "Lifting or carrying groceries",
        reversed: false,
    },
    Rand36Item {
        number: 6,
        text: "Climbing several flights of stairs",
        reversed: false,
    },
    Rand36Item {
        number: 7,
        text: "Climbing one flight of stairs",
        reversed: false,
    },
    Rand36Item {
        number: 8,
        text: "Bending, kneeling, or stooping",
        reversed: false,
    },
    Rand36Item {
        number: 9,
        text: "Walking more than a mile",
        reversed: false,
    },
    Rand36Item {
        number: 10,
        text: "Walking several blocks",
        reversed: false,
    },
    Rand36Item {
        number: 11,
        text: "Walking one block",
        reversed: false,
    },
    Rand36Item {
        number: 12,
        text: "Bathing or dressing yourself",
        reversed: false,
    },
];

const EWB_ITEMS: [Rand36Item; 5] = [
    Rand36Item {
        number: 24,
        text: "Have you been a very nervous person?",
        reversed: false,
    },
    Rand36Item {
        number: 25,
        text: "Have you felt so down in the dumps that nothing could cheer you up?",
        reversed: false,
    },
    Rand36Item {
        number: 26,
        text: "Have you felt calm and peaceful?",
        reversed: true,
    },
    Rand36Item {
        number: 28,
        text: "Have you felt downhearted and blue?",
        reversed: false,
    },
    Rand36Item {
        number: 30,
        text: "Have you been a happy person?",
        reversed: true,
    },
];

const PF_STEM: &str = "The following items are about activities you might do during a typical day. Does your health now limit you in these activities? If so, how much?";

const EWB_STEM: &str = "These questions are about how you feel and how things have been with you during the past 4 weeks. For each question, please give the one answer that comes closest to the way you have been feeling. How much of the time during the past 4 weeks...";

const PF_ANSWERS: [(u8, &str); 3] = [
    (1, "Yes, limited a lot"),
    (2, "Yes, limited a little"),
    (3, "No, not limited at all"),
];

const EWB_ANSWERS: [(u8, &str); 6] = [
    (1, "All of the time"),
    (2, "Most of the time"),
    (3, "A good bit of the time"),
    (4, "Some of the time"),
    (5, "A little of the time"),
    (6, "None of the time"),
];

impl Rand36Scale {
    pub const ALL: [Rand36Scale; 2] = [
        Rand36Scale::PhysicalFunctioning,
        Rand36Scale::EmotionalWellBeing,
    ];

    /// The name the store keeps and an export carries.
    pub fn as_str(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => "physical-functioning",
            Rand36Scale::EmotionalWellBeing => "emotional-well-being",
        }
    }

    pub fn parse(text: &str) -> Option<Rand36Scale> {
        Rand36Scale::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Its name in a heading: RAND's name for the scale.
    pub fn title(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => "Physical functioning (RAND-36)",
            Rand36Scale::EmotionalWellBeing => "Emotional well-being (RAND-36, the MHI-5)",
        }
    }

    /// The `limber` command that takes it.
    pub fn command(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => "function",
            Rand36Scale::EmotionalWellBeing => "mental-health",
        }
    }

    /// The instruction above the items, verbatim.
    pub fn stem(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => PF_STEM,
            Rand36Scale::EmotionalWellBeing => EWB_STEM,
        }
    }

    /// The stem's question alone, verbatim, for a screen too small for
    /// the whole instruction.
    pub fn short_stem(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => {
                "Does your health now limit you in these activities? If so, how much?"
            }
            Rand36Scale::EmotionalWellBeing => "How much of the time during the past 4 weeks...",
        }
    }

    /// A short name, for a narrow heading.
    pub fn short_title(self) -> &'static str {
        match self {
            Rand36Scale::PhysicalFunctioning => "Physical functioning",
            Rand36Scale::EmotionalWellBeing => "Mental health (MHI-5)",
        }
    }

    /// The items, verbatim, in the survey's order.
    pub fn items(self) -> &'static [Rand36Item] {
        match self {
            Rand36Scale::PhysicalFunctioning => &PF_ITEMS,
            Rand36Scale::EmotionalWellBeing => &EWB_ITEMS,
        }
    }

    /// The answers, verbatim, with the number RAND precodes each with.
    pub fn answers(self) -> &'static [(u8, &'static str)] {
        match self {
            Rand36Scale::PhysicalFunctioning => &PF_ANSWERS,
            Rand36Scale::EmotionalWellBeing => &EWB_ANSWERS,
        }
    }

    /// The highest precoded answer: 3 or 6.
    pub fn max_answer(self) -> u8 {
        match self {
            Rand36Scale::PhysicalFunctioning => 3,
            Rand36Scale::EmotionalWellBeing => 6,
        }
    }
}

impl fmt::Display for Rand36Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One completed scale: every item answered with its precoded number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rand36 {
    scale: Rand36Scale,
    answers: Vec<u8>,
}

/// Why a set of answers is not a completed scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rand36Error {
    #[error("needs {expected} answers, one for each question (got {got})")]
    Count { expected: usize, got: usize },
    #[error("answer {index} is {value}; each is a whole number from 1 to {max}")]
    Range { index: usize, value: u8, max: u8 },
}

impl Rand36 {
    /// The answers in the items' order, each 1 to the scale's highest.
    pub fn new(scale: Rand36Scale, answers: &[u8]) -> Result<Rand36, Rand36Error> {
        let expected = scale.items().len();
        if answers.len() != expected {
            return Err(Rand36Error::Count {
                expected,
                got: answers.len(),
            });
        }
        let max = scale.max_answer();
        if let Some((i, &value)) = answers
            .iter()
            .enumerate()
            .find(|&(_, &a)| a == 0 || a > max)
        {
            return Err(Rand36Error::Range {
                index: i + 1,
                value,
                max,
            });
        }
        Ok(Rand36 {
            scale,
            answers: answers.to_vec(),
        })
    }

    pub fn scale(&self) -> Rand36Scale {
        self.scale
    }

    pub fn answers(&self) -> &[u8] {
        &self.answers
    }

    /// Each answer recoded to 0–100 as RAND's Table 1 gives: physical
    /// functioning 1 → 0, 2 → 50, 3 → 100; items 24, 25 and 28 1 → 0 …
    /// 6 → 100 in steps of 20; items 26 and 30 the other way, 1 → 100 …
    /// 6 → 0.
    pub fn recoded(&self) -> Vec<f64> {
        let max = f64::from(self.scale.max_answer());
        self.scale
            .items()
            .iter()
            .zip(&self.answers)
            .map(|(item, &a)| {
                let step = 100.0 / (max - 1.0);
                let up = (f64::from(a) - 1.0) * step;
                if item.reversed { 100.0 - up } else { up }
            })
            .collect()
    }

    /// The scale's score, 0–100: the mean of its recoded items (RAND's
    /// Table 2), unrounded.
    pub fn score(&self) -> f64 {
        let recoded = self.recoded();
        recoded.iter().sum::<f64>() / recoded.len() as f64
    }
}

/// A completed scale as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Rand36Result {
    pub id: i64,
    pub uuid: String,
    pub at: OffsetDateTime,
    pub local_date: Date,
    pub rand36: Rand36,
}

/// A score in words: "85" or "72.5" (RAND's scores are exact means; the
/// physical functioning scale moves in steps of 5, the MHI-5 of 4).
pub fn score_text(score: f64) -> String {
    let tenths = (score * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A change in points with a true minus sign: "+30", "−4.5", "0".
pub fn points_text(x: f64) -> String {
    let text = score_text(x.abs());
    if text == "0" {
        text
    } else if x > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Rand36Scale::{EmotionalWellBeing as Ewb, PhysicalFunctioning as Pf};

    fn score(scale: Rand36Scale, answers: &[u8]) -> f64 {
        Rand36::new(scale, answers).expect("valid").score()
    }

    #[test]
    fn physical_functioning_floor_ceiling_and_a_mixed_set() {
        // RAND's Table 1: items 3–12, 1 → 0, 2 → 50, 3 → 100.
        assert_eq!(score(Pf, &[1; 10]), 0.0);
        assert_eq!(score(Pf, &[3; 10]), 100.0);
        assert_eq!(score(Pf, &[2; 10]), 50.0);
        let mixed = Rand36::new(Pf, &[1, 2, 3, 3, 3, 2, 1, 2, 3, 3]).expect("valid");
        assert_eq!(
            mixed.recoded(),
            [
                0.0, 50.0, 100.0, 100.0, 100.0, 50.0, 0.0, 50.0, 100.0, 100.0
            ]
        );
        // (0 + 50 + 100 + 100 + 100 + 50 + 0 + 50 + 100 + 100) / 10.
        assert_eq!(mixed.score(), 65.0);
    }

    #[test]
    fn emotional_well_being_floor_ceiling_and_a_mixed_set() {
        // The worst state: "All of the time" nervous, down and blue (1),
        // "None of the time" calm or happy (6).
        assert_eq!(score(Ewb, &[1, 1, 6, 1, 6]), 0.0);
        // The best: the other way round.
        assert_eq!(score(Ewb, &[6, 6, 1, 6, 1]), 100.0);
        // Every answer 1 ("All of the time"): items 24, 25, 28 score 0,
        // items 26, 30 score 100.
        let all_one = Rand36::new(Ewb, &[1; 5]).expect("valid");
        assert_eq!(all_one.recoded(), [0.0, 0.0, 100.0, 0.0, 100.0]);
        assert_eq!(all_one.score(), 40.0);
        let all_six = Rand36::new(Ewb, &[6; 5]).expect("valid");
        assert_eq!(all_six.recoded(), [100.0, 100.0, 0.0, 100.0, 0.0]);
        assert_eq!(all_six.score(), 60.0);
        // Mixed: 24 "Some of the time" (4 → 60), 25 "None" (6 → 100),
        // 26 "A good bit" (3 → 60), 28 "A little" (5 → 80), 30 "Most" (2 → 80).
        let mixed = Rand36::new(Ewb, &[4, 6, 3, 5, 2]).expect("valid");
        assert_eq!(mixed.recoded(), [60.0, 100.0, 60.0, 80.0, 80.0]);
        assert_eq!(mixed.score(), 76.0);
    }

    #[test]
    fn answers_out_of_range_or_missing_are_refused() {
        assert_eq!(
            Rand36::new(Pf, &[3; 9]),
            Err(Rand36Error::Count {
                expected: 10,
                got: 9
            })
        );
        assert_eq!(
            Rand36::new(Pf, &[3, 3, 4, 3, 3, 3, 3, 3, 3, 3]),
            Err(Rand36Error::Range {
                index: 3,
                value: 4,
                max: 3
            })
        );
        assert!(Rand36::new(Ewb, &[0, 1, 1, 1, 1]).is_err());
        assert!(Rand36::new(Ewb, &[1, 1, 1, 1, 7]).is_err());
        assert!(Rand36::new(Ewb, &[6, 6, 6, 6, 6]).is_ok());
    }

    /// The wording is RAND's, verbatim: a change here must be a change
    /// to RAND's own text, checked against its instrument.
    #[test]
    fn the_wording_is_rands_verbatim() {
        let pf: Vec<(u8, &str)> = Pf.items().iter().map(|i| (i.number, i.text)).collect();
        assert_eq!(
            pf,
            [
                (
                    3,
                    "Vigorous activities, such as running, lifting heavy objects, participating in strenuous sports"
                ),
                (
                    4,
                    "Moderate activities, such as moving a table, pushing a vacuum cleaner, bowling, or playing golf"
                ),
                (5, "Lifting or carrying groceries"),
                (6, "Climbing several flights of stairs"),
                (7, "Climbing one flight of stairs"),
                (8, "Bending, kneeling, or stooping"),
                (9, "Walking more than a mile"),
                (10, "Walking several blocks"),
                (11, "Walking one block"),
                (12, "Bathing or dressing yourself"),
            ]
        );
        assert_eq!(
            Pf.stem(),
            "The following items are about activities you might do during a typical day. Does your health now limit you in these activities? If so, how much?"
        );
        assert_eq!(
            Pf.answers(),
            [
                (1, "Yes, limited a lot"),
                (2, "Yes, limited a little"),
                (3, "No, not limited at all")
            ]
        );
        let ewb: Vec<(u8, &str, bool)> = Ewb
            .items()
            .iter()
            .map(|i| (i.number, i.text, i.reversed))
            .collect();
        assert_eq!(
            ewb,
            [
                (24, "Have you been a very nervous person?", false),
                (
                    25,
                    "Have you felt so down in the dumps that nothing could cheer you up?",
                    false
                ),
                (26, "Have you felt calm and peaceful?", true),
                (28, "Have you felt downhearted and blue?", false),
                (30, "Have you been a happy person?", true),
            ]
        );
        assert_eq!(
            Ewb.stem(),
            "These questions are about how you feel and how things have been with you during the past 4 weeks. For each question, please give the one answer that comes closest to the way you have been feeling. How much of the time during the past 4 weeks..."
        );
        assert_eq!(
            Ewb.answers(),
            [
                (1, "All of the time"),
                (2, "Most of the time"),
                (3, "A good bit of the time"),
                (4, "Some of the time"),
                (5, "A little of the time"),
                (6, "None of the time"),
            ]
        );
    }

    #[test]
    fn the_short_stem_is_part_of_the_stem() {
        for s in Rand36Scale::ALL {
            assert!(s.stem().ends_with(s.short_stem()), "{s}");
        }
    }

    #[test]
    fn names_read_back_and_scores_print_plainly() {
        for s in Rand36Scale::ALL {
            assert_eq!(Rand36Scale::parse(s.as_str()), Some(s));
        }
        assert_eq!(score_text(65.0), "65");
        assert_eq!(score_text(76.0), "76");
        assert_eq!(score_text(72.5), "72.5");
        assert_eq!(points_text(30.0), "+30");
        assert_eq!(points_text(-4.5), "−4.5");
        assert_eq!(points_text(-0.01), "0");
    }
}
