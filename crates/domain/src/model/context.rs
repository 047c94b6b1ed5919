//! What goes with a check-in: tags for what was going on, where it hurt
//! (the regions of the body map) and what was taken or done for it.

use std::fmt;

use time::Date;

/// Where it hurts: the places of the body map, from the neck down. The
/// left and right of a person's own body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Neck,
    UpperBack,
    LowerBack,
    ButtockLeft,
    ButtockRight,
    ThighLeft,
    ThighRight,
    BelowKneeLeft,
    BelowKneeRight,
    FootLeft,
    FootRight,
}

impl Region {
    /// Every region, from the neck down, left before right.
    pub const ALL: [Region; 11] = [
        Region::Neck,
        Region::UpperBack,
        Region::LowerBack,
        Region::ButtockLeft,
        Region::ButtockRight,
        Region::ThighLeft,
        Region::ThighRight,
        Region::BelowKneeLeft,
        Region::BelowKneeRight,
        Region::FootLeft,
        Region::FootRight,
    ];

    /// The name `--where` takes and the store keeps: "lower-back".
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Neck => "neck",
            Region::UpperBack => "upper-back",
            Region::LowerBack => "lower-back",
            Region::ButtockLeft => "buttock-left",
            Region::ButtockRight => "buttock-right",
            Region::ThighLeft => "thigh-left",
            Region::ThighRight => "thigh-right",
            Region::BelowKneeLeft => "leg-below-knee-left",
            Region::BelowKneeRight => "leg-below-knee-right",
            Region::FootLeft => "foot-left",
            Region::FootRight => "foot-right",
        }
    }

    /// In words, for a sentence: "the left leg below the knee".
    pub fn label(self) -> &'static str {
        match self {
            Region::Neck => "neck",
            Region::UpperBack => "upper back",
            Region::LowerBack => "lower back",
            Region::ButtockLeft => "left buttock",
            Region::ButtockRight => "right buttock",
            Region::ThighLeft => "left thigh",
            Region::ThighRight => "right thigh",
            Region::BelowKneeLeft => "left leg below the knee",
            Region::BelowKneeRight => "right leg below the knee",
            Region::FootLeft => "left foot",
            Region::FootRight => "right foot",
        }
    }

    /// A region by its name, as typed: "lower-back", "Lower back" and
    /// "lower_back" are one.
    pub fn parse(text: &str) -> Result<Region, ContextError> {
        let slug: String = text
            .trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        Region::ALL
            .into_iter()
            .find(|r| r.as_str() == slug)
            .ok_or_else(|| ContextError::UnknownRegion(text.trim().to_string()))
    }

    /// Pain here runs below the knee: the safety list has a line for it
    /// when numbness or tingling comes with it.
    pub fn is_below_knee(self) -> bool {
        matches!(self, Region::BelowKneeLeft | Region::BelowKneeRight)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tags offered first, until `tags = [...]` in config.toml says others.
pub const DEFAULT_TAGS: [&str; 6] = [
    "poor sleep",
    "stressful day",
    "long drive",
    "lifting",
    "argument",
    "travel",
];

/// The longest tag or treatment, in characters: a few words, no more.
pub const MAX_WORD_CHARS: usize = 40;

/// The most tags, or treatments, one check-in carries.
pub const MAX_WORDS: usize = 20;

/// "none" (any capitals), which answers a row with nothing.
pub fn none_word(word: &str) -> bool {
    word.trim().eq_ignore_ascii_case("none")
}

/// Why a tag, a treatment or a place was refused, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContextError {
    #[error("a {what} cannot be empty; leave it out, or write a word or two")]
    Empty { what: &'static str },
    #[error("the {what} \"{text}…\" is {chars} characters long; keep it to {MAX_WORD_CHARS}")]
    TooLong {
        what: &'static str,
        /// Its first characters.
        text: String,
        chars: usize,
    },
    #[error(
        "the {what} \"{text}\" has a \";\", which separates them in a CSV file; use a comma or leave it out"
    )]
    Semicolon { what: &'static str, text: String },
    #[error("the {what} \"{text}\" has a control character (a tab or a line break); use a space")]
    Control { what: &'static str, text: String },
    #[error("a check-in carries at most {MAX_WORDS} {what}s")]
    TooMany { what: &'static str },
    #[error(
        "\"{0}\" is not a place limber knows; use neck, upper-back, lower-back, buttock-left, buttock-right, thigh-left, thigh-right, leg-below-knee-left, leg-below-knee-right, foot-left or foot-right"
    )]
    UnknownRegion(String),
    #[error(
        "{flag} none answers the row with nothing, so it cannot go with another {flag} (\"{other}\"); give one or the other"
    )]
    NoneWithOthers { flag: &'static str, other: String },
}

/// A tag or treatment as limber keeps it: trimmed, its spaces collapsed to
/// one, the person's own capitals kept. `what` ("tag", "treatment") names
/// it in an error.
pub fn tidy_word(text: &str, what: &'static str) -> Result<String, ContextError> {
    // A tab or line break inside is refused, not folded: it was most
    // likely two entries run together.
    let inner = text.trim();
    if inner.chars().any(char::is_control) {
        return Err(ContextError::Control {
            what,
            text: inner
                .split(char::is_control)
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = tidy.chars().count();
    if chars == 0 {
        return Err(ContextError::Empty { what });
    }
    if chars > MAX_WORD_CHARS {
        return Err(ContextError::TooLong {
            what,
            text: tidy.chars().take(20).collect(),
            chars,
        });
    }
    if tidy.contains(';') {
        return Err(ContextError::Semicolon { what, text: tidy });
    }
    Ok(tidy)
}

/// What two spellings of one tag or treatment share: "Poor Sleep" and
/// "poor sleep" are one tag, shown as the person last wrote it.
pub fn word_key(text: &str) -> String {
    text.to_lowercase()
}

/// Something taken or done for the pain: "ibuprofen 400 mg", "heat pack".
/// The amount is the part from the first word that starts with a digit
/// (not the first word): "400 mg" of ibuprofen, "20 min" of a walk. What
/// goes with pain is counted by the name, whatever the amount.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Treatment {
    pub name: String,
    pub amount: Option<String>,
}

impl Treatment {
    pub fn parse(text: &str) -> Result<Treatment, ContextError> {
        let tidy = tidy_word(text, "treatment")?;
        let words: Vec<&str> = tidy.split(' ').collect();
        let at = words
            .iter()
            .skip(1)
            .position(|w| w.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
            .map(|i| i + 1);
        Ok(match at {
            Some(i) => Treatment {
                name: words[..i].join(" "),
                amount: Some(words[i..].join(" ")),
            },
            None => Treatment {
                name: tidy,
                amount: None,
            },
        })
    }

    /// What a treatment is counted by in "what goes with your pain".
    pub fn key(&self) -> String {
        word_key(&self.name)
    }
}

impl fmt::Display for Treatment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.amount {
            Some(amount) => write!(f, "{} {amount}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// Which of a check-in's three rows (tags, where it hurts, what was
/// taken) the person answered: reached it before saving, whether or not
/// they marked anything there. A row with something marked is answered
/// whatever this says (`CheckInContext::rows_answered`); a check-in saved
/// before limber kept this, or from `limber checkin` without the row's
/// flag, answered none of its empty rows. Only an answered row with nothing
/// marked is "without" in what goes with your pain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answered {
    pub tags: bool,
    pub regions: bool,
    pub took: bool,
}

impl Answered {
    /// All three.
    pub const ALL: Answered = Answered {
        tags: true,
        regions: true,
        took: true,
    };

    /// The names the store and an export keep: "tags", "where", "took".
    pub fn names(self) -> Vec<&'static str> {
        [
            (self.tags, "tags"),
            (self.regions, "where"),
            (self.took, "took"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// From those names; an unknown one is an error naming it.
    pub fn parse<T: AsRef<str>>(names: &[T]) -> Result<Answered, String> {
        let mut answered = Answered::default();
        for name in names {
            match name.as_ref() {
                "tags" => answered.tags = true,
                "where" => answered.regions = true,
                "took" => answered.took = true,
                other => {
                    return Err(format!(
                        "answered row {other:?} is not one of tags, where, took"
                    ));
                }
            }
        }
        Ok(answered)
    }

    /// Either's rows.
    pub fn or(self, other: Answered) -> Answered {
        Answered {
            tags: self.tags || other.tags,
            regions: self.regions || other.regions,
            took: self.took || other.took,
        }
    }
}

/// What went with a check-in: tags for what was going on, where it hurt,
/// and what was taken or done for it. Kept beside the check-in, not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInContext {
    /// As the person wrote them, in their order, one of each spelling.
    pub tags: Vec<String>,
    /// From the neck down, each once.
    pub regions: Vec<Region>,
    pub took: Vec<Treatment>,
    /// The rows the person answered, marked or not (see `Answered`).
    pub answered: Answered,
}

impl CheckInContext {
    /// A context from what was typed (`--tag`, `--where`, `--took`): each
    /// tidied and checked, a repeat (in any capitals) kept once.
    pub fn parse<T: AsRef<str>, W: AsRef<str>, K: AsRef<str>>(
        tags: &[T],
        regions: &[W],
        took: &[K],
    ) -> Result<CheckInContext, ContextError> {
        let regions = regions
            .iter()
            .map(|r| Region::parse(r.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        let took = took
            .iter()
            .map(|t| Treatment::parse(t.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        CheckInContext::new(tags, regions, took)
    }

    /// As `parse`, where "none" for a row (`--tag none`, `--where none`,
    /// `--took none`) answers it with nothing: the row is answered, and
    /// "none" is not kept as a word. A row given anything else is answered
    /// too (`rows_answered`).
    pub fn parse_answered<T: AsRef<str>, W: AsRef<str>, K: AsRef<str>>(
        tags: &[T],
        regions: &[W],
        took: &[K],
    ) -> Result<CheckInContext, ContextError> {
        fn given<'a, X: AsRef<str>>(
            words: &'a [X],
            flag: &'static str,
        ) -> Result<(Vec<&'a str>, bool), ContextError> {
            let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
            let (nones, others): (Vec<&str>, Vec<&str>) =
                words.into_iter().partition(|w| none_word(w));
            if let (Some(_), Some(other)) = (nones.first(), others.first()) {
                return Err(ContextError::NoneWithOthers {
                    flag,
                    other: other.trim().to_string(),
                });
            }
            Ok((others, !nones.is_empty()))
        }
        let (tags, no_tags) = given(tags, "--tag")?;
        let (regions, no_regions) = given(regions, "--where")?;
        let (took, no_took) = given(took, "--took")?;
        let mut with = CheckInContext::parse(&tags, &regions, &took)?;
        with.answered = Answered {
            tags: no_tags,
            regions: no_regions,
            took: no_took,
        };
        Ok(with)
    }

    /// A context from parts already typed: tags tidied and checked,
    /// repeats dropped, regions put in body order.
    pub fn new<T: AsRef<str>>(
        tags: &[T],
        mut regions: Vec<Region>,
        took: Vec<Treatment>,
    ) -> Result<CheckInContext, ContextError> {
        let mut kept_tags: Vec<String> = Vec::new();
        for tag in tags {
            let tag = tidy_word(tag.as_ref(), "tag")?;
            if !kept_tags.iter().any(|t| word_key(t) == word_key(&tag)) {
                kept_tags.push(tag);
            }
        }
        let mut kept_took: Vec<Treatment> = Vec::new();
        for t in took {
            let name = tidy_word(&t.name, "treatment")?;
            let amount = t
                .amount
                .as_deref()
                .map(|a| tidy_word(a, "treatment"))
                .transpose()?;
            let t = Treatment { name, amount };
            let same = |k: &Treatment| {
                k.key() == t.key()
                    && k.amount.as_deref().map(word_key) == t.amount.as_deref().map(word_key)
            };
            if !kept_took.iter().any(same) {
                kept_took.push(t);
            }
        }
        if kept_tags.len() > MAX_WORDS {
            return Err(ContextError::TooMany { what: "tag" });
        }
        if kept_took.len() > MAX_WORDS {
            return Err(ContextError::TooMany { what: "treatment" });
        }
        regions.sort();
        regions.dedup();
        Ok(CheckInContext {
            tags: kept_tags,
            regions,
            took: kept_took,
            answered: Answered::default(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.regions.is_empty() && self.took.is_empty()
    }

    /// The rows answered: those said to be, and those with something marked.
    pub fn rows_answered(&self) -> Answered {
        self.answered.or(Answered {
            tags: !self.tags.is_empty(),
            regions: !self.regions.is_empty(),
            took: !self.took.is_empty(),
        })
    }

    /// The same tags, places and treatments, whichever rows were answered.
    pub fn same_marks(&self, other: &CheckInContext) -> bool {
        self.tags == other.tags && self.regions == other.regions && self.took == other.took
    }

    /// Pain was marked below a knee.
    pub fn below_knee(&self) -> bool {
        self.regions.iter().any(|r| r.is_below_knee())
    }

    /// Pain below the knee with numbness or tingling noted (in a tag or
    /// the check-in's note): when the safety list's line about it is shown.
    pub fn below_knee_with_numbness(&self, note: Option<&str>) -> bool {
        self.below_knee()
            && self
                .tags
                .iter()
                .map(String::as_str)
                .chain(note)
                .any(mentions_numbness)
    }
}

/// The words for numbness or tingling, in any capitals: "numb", "numbness",
/// "tingling", "pins and needles".
pub fn mentions_numbness(text: &str) -> bool {
    let text = text.to_lowercase();
    // "numb", "numbness", "numbed", but not "number".
    let numb = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with("numb") && !w.starts_with("number"));
    numb || ["tingl", "pins and needles"]
        .iter()
        .any(|w| text.contains(w))
}

/// A tag as used so far: its latest spelling, on how many check-ins, and
/// the day it was last used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTag {
    pub name: String,
    pub checkins: u32,
    pub last: Date,
}

/// The tags to offer, in order: those of config.toml (or `DEFAULT_TAGS`)
/// first, then every other tag used, the most recently used first. A
/// spelling in other capitals is one tag.
pub fn offered_tags<T: AsRef<str>>(configured: &[T], known: &[KnownTag]) -> Vec<String> {
    let mut offered: Vec<String> = Vec::new();
    let words = configured
        .iter()
        .map(|t| t.as_ref())
        .chain(known.iter().map(|k| k.name.as_str()));
    for word in words {
        if !offered.iter().any(|o| word_key(o) == word_key(word)) {
            offered.push(word.to_string());
        }
    }
    offered
}

/// One day's check-ins with what went with them: the means of pain and
/// anxiety over the day's check-ins, and every tag, treatment (by name) and
/// region any of them carried, each once.
#[derive(Debug, Clone, PartialEq)]
pub struct DayContext {
    pub date: Date,
    pub checkins: u32,
    pub pain: f64,
    pub anxiety: f64,
    pub tags: Vec<String>,
    pub took: Vec<String>,
    pub regions: Vec<Region>,
    /// The rows any of the day's check-ins answered (marked, or answered
    /// with nothing): a day is "without" a tag only if its tags row was.
    pub answered: Answered,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_found_by_its_slug_in_any_spelling_and_there_are_eleven() {
        assert_eq!(Region::ALL.len(), 11);
        for r in Region::ALL {
            assert_eq!(Region::parse(r.as_str()), Ok(r));
        }
        assert_eq!(Region::parse(" Lower back "), Ok(Region::LowerBack));
        assert_eq!(
            Region::parse("leg_below_knee_left"),
            Ok(Region::BelowKneeLeft)
        );
        let err = Region::parse("knee").expect_err("not a region");
        assert!(
            err.to_string()
                .starts_with("\"knee\" is not a place limber knows; use neck, upper-back"),
            "{err}"
        );
        assert!(Region::BelowKneeRight.is_below_knee() && !Region::FootLeft.is_below_knee());
    }

    #[test]
    fn a_word_is_tidied_and_refused_with_a_reason() {
        assert_eq!(
            tidy_word("  Poor   sleep ", "tag").as_deref(),
            Ok("Poor sleep")
        );
        let err = |text: &str| tidy_word(text, "tag").expect_err(text).to_string();
        assert_eq!(
            err("   "),
            "a tag cannot be empty; leave it out, or write a word or two"
        );
        assert_eq!(
            err(&"x".repeat(41)),
            "the tag \"xxxxxxxxxxxxxxxxxxxx…\" is 41 characters long; keep it to 40"
        );
        assert!(
            tidy_word(&"é".repeat(40), "tag").is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            err("sleep; stress"),
            "the tag \"sleep; stress\" has a \";\", which separates them in a CSV file; use a comma or leave it out"
        );
        assert_eq!(
            err("sleep\tstress"),
            "the tag \"sleep\" has a control character (a tab or a line break); use a space"
        );
    }

    #[test]
    fn a_treatment_keeps_its_amount_apart_from_its_name() {
        let t = |s: &str| Treatment::parse(s).expect(s);
        assert_eq!(
            t("Ibuprofen  400 mg"),
            Treatment {
                name: "Ibuprofen".into(),
                amount: Some("400 mg".into())
            }
        );
        assert_eq!(t("heat pack").amount, None);
        assert_eq!(t("5-HTP 100 mg").name, "5-HTP");
        assert_eq!(t("walk 20 min").to_string(), "walk 20 min");
        assert_eq!(t("Ibuprofen 400 mg").key(), "ibuprofen");
    }

    #[test]
    fn a_context_keeps_one_of_each_in_the_persons_spelling() {
        let c = CheckInContext::parse(
            &["Poor sleep", "poor  SLEEP", "travel"],
            &["foot-left", "neck", "neck"],
            &["ibuprofen 400 mg", "Ibuprofen 400 MG", "ibuprofen 200 mg"],
        )
        .expect("context");
        assert_eq!(c.tags, ["Poor sleep", "travel"]);
        assert_eq!(c.regions, [Region::Neck, Region::FootLeft]);
        let took: Vec<String> = c.took.iter().map(ToString::to_string).collect();
        assert_eq!(took, ["ibuprofen 400 mg", "ibuprofen 200 mg"]);
        assert!(!c.below_knee() && !c.is_empty());
        let many: Vec<String> = (0..21).map(|i| format!("tag {i}")).collect();
        let err = CheckInContext::parse(&many, &[] as &[&str], &[] as &[&str]).expect_err("many");
        assert_eq!(err.to_string(), "a check-in carries at most 20 tags");
    }

    #[test]
    fn numbness_below_the_knee_is_noticed_in_a_tag_or_the_note() {
        let below = CheckInContext::parse(&["Tingling"], &["leg-below-knee-left"], &[] as &[&str])
            .expect("context");
        assert!(below.below_knee_with_numbness(None));
        let quiet = CheckInContext {
            tags: Vec::new(),
            ..below.clone()
        };
        assert!(!quiet.below_knee_with_numbness(None));
        assert!(!quiet.below_knee_with_numbness(Some("stiff after the drive")));
        assert!(quiet.below_knee_with_numbness(Some("left foot went NUMB")));
        assert!(quiet.below_knee_with_numbness(Some("pins and needles")));
        let back = CheckInContext {
            regions: vec![Region::LowerBack],
            ..below
        };
        assert!(
            !back.below_knee_with_numbness(Some("numb")),
            "not below the knee"
        );
    }

    #[test]
    fn the_configured_tags_come_first_then_the_most_recent_others() {
        let known = |name: &str| KnownTag {
            name: name.into(),
            checkins: 1,
            last: time::macros::date!(2026 - 11 - 20),
        };
        let offered = offered_tags(
            &DEFAULT_TAGS,
            &[known("Travel"), known("gardening"), known("Poor sleep")],
        );
        assert_eq!(
            offered,
            [
                "poor sleep",
                "stressful day",
                "long drive",
                "lifting",
                "argument",
                "travel",
                "gardening"
            ]
        );
    }
}
