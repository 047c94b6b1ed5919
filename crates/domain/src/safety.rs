//! The signs that mean getting help rather than exercising, in two tiers
//! with the NHS's wording (nhs.uk "Back pain" and "Cauda equina syndrome";
//! NICE NG59; Finucane et al. 2020): one list, shown by the app,
//! `limber safety`, `limber checkin`, `limber programme show`, the printed
//! report and the README alike. And when a check-in calls for the list
//! (`warning`), the words that say why — the same in the app and the shell.
//! They report what was recorded; they never diagnose.

use crate::model::{CheckInContext, Region, mentions_numbness};

/// How soon to get help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Call 999 or go to A&E.
    Emergency,
    /// An urgent GP appointment, or NHS 111, the same day.
    Urgent,
}

impl Tier {
    /// Emergency first.
    pub const ALL: [Tier; 2] = [Tier::Emergency, Tier::Urgent];

    /// What to do, as the line before the signs.
    pub fn heading(self) -> &'static str {
        match self {
            Tier::Emergency => "Call 999 or go to A&E now if you have back pain and:",
            Tier::Urgent => {
                "Ask for an urgent GP appointment or call NHS 111 if you have back pain and:"
            }
        }
    }

    /// Its name in `--format json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Emergency => "emergency",
            Tier::Urgent => "urgent",
        }
    }

    /// The signs of this tier.
    pub fn signs(self) -> &'static [&'static str] {
        match self {
            Tier::Emergency => EMERGENCY,
            Tier::Urgent => URGENT,
        }
    }
}

/// Call 999 or go to A&E: the signs of cauda equina syndrome, and what
/// else the NHS sends to A&E with back pain.
pub const EMERGENCY: &[&str] = &[
    "loss of bladder or bowel control, or new difficulty peeing",
    "numbness or tingling around your genitals, buttocks or back passage",
    "pain, tingling, weakness or numbness in both legs",
    "new weakness in a leg, or new difficulty walking or keeping your balance",
    "a change in sexual function, such as being unable to get an erection",
    "chest pain",
    "it started after a serious accident, such as a car accident",
];

/// An urgent GP appointment or NHS 111, the same day.
pub const URGENT: &[&str] = &[
    "a high temperature, or you feel generally unwell",
    "you have lost weight without trying to",
    "you have had cancer",
    "a lump or swelling in your back, or your back has changed shape",
    "pain at night that rest does not ease",
    "it began after a minor fall, with osteoporosis or long-term steroids",
];

/// Said with the list wherever it is shown.
pub const NOT_A_DOCTOR: &str =
    "limber is not a doctor: it keeps your own numbers and never diagnoses.";

/// What to stop for during exercise.
pub const STOP: &str =
    "Stop any exercise that causes sharp pain, or pain, numbness or tingling down a leg.";

/// Pain at or above this in a check-in shows the list.
pub const HIGH_PAIN: u8 = 8;

/// Pain after a session this much (or more) above pain before it shows
/// the list.
pub const PAIN_ROSE_BY: u8 = 2;

/// Why the list is shown, and which of its tiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What was recorded that calls for it, one sentence each.
    pub reasons: Vec<String>,
    /// The tiers to show, emergency first.
    pub tiers: Vec<Tier>,
    /// Only pain below the knee, in one leg, with numbness: the app says
    /// it once a day.
    pub below_knee_only: bool,
}

impl Warning {
    /// The whole list, asked for (a key, `limber safety`): no reasons.
    pub fn asked() -> Warning {
        Warning {
            reasons: Vec::new(),
            tiers: Tier::ALL.to_vec(),
            below_knee_only: false,
        }
    }

    /// The words, one line each, as the shell prints them: the reasons,
    /// then each tier's heading and its signs ("  ! …").
    pub fn lines(&self) -> Vec<String> {
        let mut out = self.reasons.clone();
        for tier in &self.tiers {
            out.push(tier.heading().to_string());
            out.extend(tier.signs().iter().map(|s| format!("  ! {s}")));
        }
        out
    }
}

/// What a check-in said, as the triggers read it.
#[derive(Debug, Clone, Copy)]
pub struct Said<'a> {
    pub pain: u8,
    /// For a check-in after a session: the pain before it, if given.
    pub before: Option<u8>,
    pub with: &'a CheckInContext,
    pub note: Option<&'a str>,
}

/// The list, and why, when a check-in calls for it; `None` when it does
/// not. The triggers:
/// - the note names an emergency sign (`emergency_words`): the emergency tier;
/// - both legs marked (a left-leg and a right-leg place: thigh, below the
///   knee or foot) with numbness, tingling or weakness in a tag or the
///   note, or both buttocks with numbness or tingling: the emergency tier;
/// - one leg marked below the knee with numbness or tingling: the stop
///   line, and the emergency tier;
/// - pain `HIGH_PAIN` or more, or pain after a session `PAIN_ROSE_BY` or
///   more above pain before it: both tiers.
pub fn warning(said: Said<'_>) -> Option<Warning> {
    let mut reasons = Vec::new();
    let mut tiers = Vec::new();
    let mut below_knee_only = false;
    let words = said.note.map(emergency_words).unwrap_or_default();
    if !words.is_empty() {
        reasons.push(format!(
            "Your note mentions {}: if that is new, it can be a sign to act on now.",
            and_list(&words)
        ));
        tiers.push(Tier::Emergency);
    }
    let said_of = |test: fn(&str) -> bool| {
        said.with
            .tags
            .iter()
            .map(String::as_str)
            .chain(said.note)
            .any(test)
    };
    let numb = said_of(mentions_numbness);
    // The sign reads "pain, tingling, weakness or numbness in both legs".
    let weak = said_of(mentions_weakness);
    if (numb || weak) && both_legs(said.with) {
        reasons.push(
            "You marked both legs, with numbness, tingling or weakness: symptoms in both legs are a sign to act on now."
                .to_string(),
        );
        tiers.push(Tier::Emergency);
    } else if numb && both_buttocks(said.with) && words.is_empty() {
        reasons.push(
            "You marked both buttocks, with numbness or tingling: numbness around the buttocks is a sign to act on now."
                .to_string(),
        );
        tiers.push(Tier::Emergency);
    } else if said.with.below_knee_with_numbness(said.note) {
        reasons.push(format!(
            "You noted pain below the knee with numbness or tingling. {STOP}"
        ));
        tiers.push(Tier::Emergency);
        below_knee_only = true;
    }
    let rose = said
        .before
        .filter(|b| said.pain >= b.saturating_add(PAIN_ROSE_BY));
    if let Some(before) = rose {
        reasons.push(format!(
            "Your pain rose from {before} before the session to {} after it. Some extra soreness after moving is common and usually settles; if it comes with any sign below, get help.",
            said.pain
        ));
        tiers.extend(Tier::ALL);
    } else if said.pain >= HIGH_PAIN {
        reasons.push(format!(
            "Your pain is {} of 10. If it comes with any sign below, get help rather than exercise.",
            said.pain
        ));
        tiers.extend(Tier::ALL);
    }
    if reasons.is_empty() {
        return None;
    }
    tiers.sort();
    tiers.dedup();
    Some(Warning {
        below_knee_only: below_knee_only && reasons.len() == 1,
        reasons,
        tiers,
    })
}

/// A left-leg place and a right-leg place both marked.
pub fn both_legs(with: &CheckInContext) -> bool {
    let left = [Region::ThighLeft, Region::BelowKneeLeft, Region::FootLeft];
    let right = [
        Region::ThighRight,
        Region::BelowKneeRight,
        Region::FootRight,
    ];
    let marked = |side: &[Region]| with.regions.iter().any(|r| side.contains(r));
    marked(&left) && marked(&right)
}

/// Weakness named in a tag or a note ("weak", "weakness", "gave way").
pub fn mentions_weakness(text: &str) -> bool {
    let text = text.to_lowercase();
    words_of(&text).any(|w| w.starts_with("weak"))
        || ["gave way", "giving way"].iter().any(|w| text.contains(w))
}

/// The words of a text, split at anything not a letter or digit.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Both buttocks marked.
pub fn both_buttocks(with: &CheckInContext) -> bool {
    with.regions.contains(&Region::ButtockLeft) && with.regions.contains(&Region::ButtockRight)
}

/// The words of the emergency signs in a note, in any capitals, each said
/// once in the order of the list: "bladder", "bowel", "groin", "saddle",
/// "genitals", "both legs", "wet myself", "incontinence", …
pub fn emergency_words(note: &str) -> Vec<&'static str> {
    let text = note.to_lowercase();
    // (what the note may say, how it is named back)
    const WORDS: &[(&str, &str)] = &[
        ("bladder", "bladder"),
        ("bowel", "bowel"),
        ("incontinen", "incontinence"),
        ("wet myself", "wetting yourself"),
        ("wet my", "wetting yourself"),
        ("soiled", "soiling yourself"),
        ("pooed my", "soiling yourself"),
        ("poo my", "soiling yourself"),
        ("can't pee", "difficulty peeing"),
        ("cannot pee", "difficulty peeing"),
        ("can't wee", "difficulty peeing"),
        ("cannot wee", "difficulty peeing"),
        ("difficulty peeing", "difficulty peeing"),
        ("trouble peeing", "difficulty peeing"),
        ("hard to pee", "difficulty peeing"),
        ("can't urinate", "difficulty peeing"),
        ("cannot urinate", "difficulty peeing"),
        ("groin", "the groin"),
        ("saddle", "saddle numbness"),
        ("genital", "the genitals"),
        ("back passage", "the back passage"),
        ("both legs", "both legs"),
        ("both my legs", "both legs"),
        ("legs are both", "both legs"),
        ("both feet", "both legs"),
        ("weakness in a leg", "weakness in a leg"),
        ("weakness in my leg", "weakness in a leg"),
        ("leg is weak", "weakness in a leg"),
        ("leg gave way", "weakness in a leg"),
        ("legs gave way", "weakness in a leg"),
        ("difficulty walking", "difficulty walking"),
        ("can't walk", "difficulty walking"),
        ("cannot walk", "difficulty walking"),
        ("lost my balance", "losing your balance"),
        ("losing my balance", "losing your balance"),
        ("erection", "sexual function"),
        ("sexual", "sexual function"),
        ("chest pain", "chest pain"),
        ("pain in my chest", "chest pain"),
        ("serious accident", "a serious accident"),
        ("car accident", "a serious accident"),
        ("car crash", "a serious accident"),
    ];
    let mut found: Vec<&'static str> = Vec::new();
    for (said, named) in WORDS {
        if text.contains(said) && !found.contains(named) {
            found.push(named);
        }
    }
    // Numbness around the buttocks is a sign of its own ("numbness or
    // tingling around your genitals, buttocks or back passage"): the
    // place and the numbness may be said apart ("numb bum", "my bottom
    // is numb").
    let seat = words_of(&text).any(|w| {
        w.starts_with("buttock")
            || w.starts_with("bottom")
            || w.starts_with("perine")
            || w == "bum"
            || w == "anus"
    });
    if crate::model::mentions_numbness(&text) && seat {
        found.push("numbness around the buttocks");
    }
    found
}

/// "a", "a and b", "a, b and c".
fn and_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(regions: &[&str], tags: &[&str]) -> CheckInContext {
        CheckInContext::parse(tags, regions, &[] as &[&str]).expect("valid")
    }

    fn said<'a>(pain: u8, with: &'a CheckInContext, note: Option<&'a str>) -> Said<'a> {
        Said {
            pain,
            before: None,
            with,
            note,
        }
    }

    #[test]
    fn two_tiers_with_the_signs_a_clinician_asks_about() {
        let all = |tier: Tier| tier.signs().join(" ");
        for sign in [
            "bladder",
            "genitals",
            "both legs",
            "difficulty walking",
            "balance",
            "sexual function",
            "chest pain",
            "serious accident",
        ] {
            assert!(all(Tier::Emergency).contains(sign), "{sign}");
        }
        for sign in [
            "high temperature",
            "lost weight",
            "cancer",
            "lump",
            "night",
            "osteoporosis",
            "steroids",
        ] {
            assert!(all(Tier::Urgent).contains(sign), "{sign}");
        }
        assert!(Tier::Emergency.heading().contains("999"));
        assert!(Tier::Urgent.heading().contains("NHS 111"));
    }

    #[test]
    fn every_sign_fits_a_line_of_the_notice_on_80_columns() {
        // 76 columns inside the frame, less "  ! ".
        for sign in EMERGENCY.iter().chain(URGENT) {
            assert!(sign.chars().count() <= 72, "{sign}");
        }
        for tier in Tier::ALL {
            assert!(tier.heading().chars().count() <= 76, "{tier:?}");
        }
    }

    #[test]
    fn a_note_naming_an_emergency_sign_is_matched() {
        assert_eq!(
            emergency_words("numb around my bottom and groin, wet myself"),
            [
                "wetting yourself",
                "the groin",
                "numbness around the buttocks"
            ]
        );
        assert_eq!(emergency_words("Bladder feels odd"), ["bladder"]);
        assert_eq!(emergency_words("BOWELS not right"), ["bowel"]);
        assert_eq!(emergency_words("saddle area numb"), ["saddle numbness"]);
        assert_eq!(
            emergency_words("pins and needles in both legs"),
            ["both legs"]
        );
        assert_eq!(emergency_words("some incontinence today"), ["incontinence"]);
        assert!(emergency_words("stiff after the long drive").is_empty());
        assert!(emergency_words("").is_empty());
    }

    #[test]
    fn the_lists_own_words_and_their_everyday_forms_are_heard_in_a_note() {
        // Findings: each of these notes printed no warning.
        for (note, named) in [
            (
                "new difficulty peeing since this morning",
                "difficulty peeing",
            ),
            ("chest pain when I bent down", "chest pain"),
            ("numb around my bottom", "numbness around the buttocks"),
            (
                "numbness around my buttocks",
                "numbness around the buttocks",
            ),
            ("numb bum after the drive", "numbness around the buttocks"),
            ("my legs are both numb", "both legs"),
            ("new weakness in a leg", "weakness in a leg"),
            ("pooed myself", "soiling yourself"),
        ] {
            assert!(
                emergency_words(note).contains(&named),
                "{note}: {:?}",
                emergency_words(note)
            );
            let w = warning(said(3, &with(&[], &[]), Some(note))).expect(note);
            assert_eq!(w.tiers, [Tier::Emergency], "{note}");
        }
        // Not every "bum", "numb…" or "weak" is a sign.
        assert!(emergency_words("sore bum, lost count of the number of stairs").is_empty());
        assert!(emergency_words("a bumpy ride, feet numb from the cold").is_empty());
        assert!(!mentions_weakness("tweaked my back"));
    }

    #[test]
    fn both_buttocks_or_both_legs_weak_show_the_emergency_tier() {
        let seat = with(&["buttock-left", "buttock-right"], &["numb"]);
        let w = warning(said(3, &seat, None)).expect("both buttocks, numb");
        assert_eq!(w.tiers, [Tier::Emergency]);
        let legs = with(&["leg-below-knee-left", "leg-below-knee-right"], &["weak"]);
        let w = warning(said(3, &legs, None)).expect("both legs, weak");
        assert_eq!(w.tiers, [Tier::Emergency]);
        // One buttock with numbness alone is not the sign.
        assert!(warning(said(3, &with(&["buttock-left"], &["numb"]), None)).is_none());
    }

    #[test]
    fn the_groin_note_shows_the_emergency_tier() {
        let back = with(&["lower-back"], &[]);
        let note = "numb around my bottom and groin, wet myself";
        let w = warning(said(3, &back, Some(note))).expect("a warning");
        assert_eq!(w.tiers, [Tier::Emergency]);
        assert_eq!(
            w.reasons,
            [
                "Your note mentions wetting yourself, the groin and numbness around the buttocks: if that is new, it can be a sign to act on now."
            ]
        );
        let lines = w.lines();
        assert!(lines.contains(&Tier::Emergency.heading().to_string()));
        assert!(lines.iter().any(|l| l.contains("both legs")));
    }

    #[test]
    fn both_legs_numb_is_an_emergency_and_one_leg_says_stop() {
        let both = with(&["thigh-left", "leg-below-knee-right"], &["tingling"]);
        let w = warning(said(4, &both, None)).expect("a warning");
        assert_eq!(w.tiers, [Tier::Emergency]);
        assert!(w.reasons[0].starts_with("You marked both legs"));
        assert!(!w.below_knee_only);
        // Numbness in the note counts as in a tag.
        let feet = with(&["foot-left", "foot-right"], &[]);
        assert!(warning(said(4, &feet, Some("feet numb"))).is_some());
        // Both legs without numbness or tingling: nothing.
        assert!(warning(said(4, &feet, Some("achy"))).is_none());
        // One leg below the knee, numb: the stop line, said once a day.
        let one = with(&["leg-below-knee-left"], &["numb"]);
        let w = warning(said(4, &one, None)).expect("a warning");
        assert_eq!(
            w.reasons,
            [format!(
                "You noted pain below the knee with numbness or tingling. {STOP}"
            )]
        );
        assert!(w.below_knee_only);
        assert!(both_legs(&both) && !both_legs(&one));
    }

    #[test]
    fn high_pain_or_a_rise_of_two_shows_both_tiers() {
        let none = CheckInContext::default();
        assert!(warning(said(7, &none, None)).is_none());
        let w = warning(said(8, &none, None)).expect("a warning");
        assert_eq!(w.tiers, Tier::ALL);
        assert_eq!(
            w.reasons,
            [
                "Your pain is 8 of 10. If it comes with any sign below, get help rather than exercise."
            ]
        );
        let rose = Said {
            before: Some(3),
            ..said(5, &none, None)
        };
        let w = warning(rose).expect("a warning");
        assert!(
            w.reasons[0].starts_with("Your pain rose from 3 before the session to 5 after it.")
        );
        let by_one = Said {
            before: Some(3),
            ..said(4, &none, None)
        };
        assert!(warning(by_one).is_none());
    }

    #[test]
    fn the_asked_list_has_both_tiers_and_no_reasons() {
        let lines = Warning::asked().lines();
        assert_eq!(lines.len(), 2 + EMERGENCY.len() + URGENT.len());
        assert_eq!(lines[0], Tier::Emergency.heading());
    }
}
