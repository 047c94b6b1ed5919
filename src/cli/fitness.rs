//! `limber fitness` (the self-tests' results) and `limber wellbeing` (the
//! WHO-5): recording them and listing them.

use std::io::Write;

use anyhow::{Result, bail};
use clap::{Subcommand, ValueEnum};

use super::record::{confirm, read_when};
use crate::env::Env;
use crate::insights::outcomes::WHO5_RECALL_DAYS;
use crate::model::{
    FitnessTest, NewFitnessResult, STOP_FOR, WHO5_ANSWERS, WHO5_ITEMS, WHO5_LOW_SENTENCE,
    WHO5_SOURCE, WHO5_STEM, Who5,
};
use crate::text::one_line;

#[derive(Debug, Subcommand)]
pub enum FitnessCommand {
    /// Record one result: chair-stand (stands in 30 s), step-test (right-knee
    /// lifts in 2 min), side-bridge-left / side-bridge-right (seconds held
    /// from the feet), side-bridge-knees-left / side-bridge-knees-right
    /// (seconds held from the knees)
    Record {
        /// chair-stand, step-test, side-bridge-left, side-bridge-right,
        /// side-bridge-knees-left or side-bridge-knees-right
        test: String,
        /// The count: stands, steps or seconds
        value: String,
        /// When: as for `checkin --at` [default: now]
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Every result, oldest first; the first try of each test is marked practice
    List {
        #[arg(long, value_enum, default_value_t = FitnessFormat::Text)]
        format: FitnessFormat,
    },
    /// How each test is done and what to stop for
    Tests,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FitnessFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct WellbeingArgs {
    /// The five answers in order, each 0 (at no time) to 5 (all of the
    /// time), e.g. 3,4,2,3,3; without it, the questions are shown
    #[arg(long, value_name = "N,N,N,N,N")]
    pub answers: Option<String>,
    /// When: as for `checkin --at` [default: now]
    #[arg(long, value_name = "WHEN", requires = "answers")]
    pub at: Option<String>,
}

fn parse_test(text: &str) -> Result<FitnessTest> {
    FitnessTest::parse(text.trim()).ok_or_else(|| {
        anyhow::anyhow!(
            "\"{}\" is not a fitness test; use {}",
            one_line(text),
            FitnessTest::names_text()
        )
    })
}

pub(super) fn parse_value(test: FitnessTest, text: &str) -> Result<u32> {
    let Ok(value) = text.trim().parse::<u32>() else {
        bail!(
            "\"{}\" is not a count; give the {} as a whole number, e.g. 12",
            one_line(text),
            test.unit()
        );
    };
    if value > test.max_value() {
        bail!(
            "{value} {} is more than the {} can give (at most {}); check the number",
            test.unit(),
            test.title().to_lowercase(),
            test.max_value()
        );
    }
    Ok(value)
}

/// "3,4,2,3,3" into five answers, each 0–5.
pub(super) fn parse_answers(text: &str) -> Result<Who5> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() != 5 {
        bail!(
            "--answers needs five numbers, one for each statement, e.g. 3,4,2,3,3 (got {})",
            parts.len()
        );
    }
    let mut answers = [0u8; 5];
    for (i, (a, part)) in answers.iter_mut().zip(&parts).enumerate() {
        match part.parse::<u8>() {
            Ok(n) if n <= 5 => *a = n,
            _ => bail!(
                "--answers: answer {} is \"{}\"; each is a whole number from 0 (at no time) to 5 (all of the time)",
                i + 1,
                one_line(part)
            ),
        }
    }
    Who5::new(answers).ok_or_else(|| anyhow::anyhow!("--answers: each answer is 0 to 5"))
}

pub(super) fn fitness(command: FitnessCommand, env: &Env, out: &mut impl Write) -> Result<()> {
    match command {
        FitnessCommand::Record { test, value, at } => record(&test, &value, at, env, out),
        FitnessCommand::List { format } => list(format, env, out),
        FitnessCommand::Tests => tests(out),
    }
}

fn record(
    test: &str,
    value: &str,
    at: Option<String>,
    env: &Env,
    out: &mut impl Write,
) -> Result<()> {
    let test = parse_test(test)?;
    let value = parse_value(test, value)?;
    let (at, local_date) = match &at {
        Some(text) => read_when(text, env)?,
        None => (env.clock.now(), env.clock.today()),
    };
    let mut store = env.open_store()?;
    let saved = store.add_fitness_result(&NewFitnessResult {
        test,
        value,
        at,
        local_date,
    })?;
    tracing::info!(uuid = %saved.uuid, "fitness result saved");
    let practice = if saved.practice {
        " Your first try of this test is a practice one; a second try usually scores higher, and the better of the day counts."
    } else {
        ""
    };
    confirm(
        out,
        "the fitness result was saved",
        format_args!(
            "{}: {} {} saved for {}.{practice}",
            test.title(),
            saved.value,
            test.unit(),
            saved.local_date
        ),
    );
    Ok(())
}

fn list(format: FitnessFormat, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let results = store.fitness_results()?;
    match format {
        FitnessFormat::Json => {
            let rows: Vec<serde_json::Value> = results
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.uuid,
                        "test": r.test.as_str(),
                        "value": r.value,
                        "unit": r.test.unit(),
                        "at": crate::store::utc_text(r.at),
                        "local_date": r.local_date.to_string(),
                        "practice": r.practice,
                    })
                })
                .collect();
            super::json::write(&mut *out, &rows)?;
            writeln!(out)?;
        }
        FitnessFormat::Text if results.is_empty() => writeln!(
            out,
            "No fitness results yet. Record one with `limber fitness record chair-stand 12`, or do the fitness check in the app."
        )?,
        FitnessFormat::Text => {
            for r in &results {
                let unit = format!("{} {}", r.value, r.test.unit());
                let practice = if r.practice { "  practice" } else { "" };
                writeln!(
                    out,
                    "{}  {:<22} {:>12}{practice}",
                    r.local_date,
                    r.test.title(),
                    unit
                )?;
            }
        }
    }
    Ok(())
}

fn tests(out: &mut impl Write) -> Result<()> {
    for test in FitnessTest::ALL {
        writeln!(
            out,
            "{} ({}, in {})",
            test.title(),
            test.as_str(),
            test.unit()
        )?;
        for line in test.protocol() {
            writeln!(out, "  {line}")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Stop and rest if you notice:")?;
    for line in STOP_FOR {
        writeln!(out, "  - {line}")?;
    }
    Ok(())
}

pub(super) fn wellbeing(args: WellbeingArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let Some(answers) = &args.answers else {
        writeln!(out, "WHO-5 Well-Being Index\n\n{WHO5_STEM}\n")?;
        for (i, item) in WHO5_ITEMS.iter().enumerate() {
            writeln!(out, "  {}. {item}", i + 1)?;
        }
        writeln!(out)?;
        let scale: Vec<String> = WHO5_ANSWERS
            .iter()
            .map(|(n, words)| format!("{n} {words}"))
            .collect();
        writeln!(out, "Answers: {}\n", scale.join(" · "))?;
        writeln!(
            out,
            "Answer with `limber wellbeing --answers N,N,N,N,N` (the five in order), or in the app from Today.\n\nSource: {WHO5_SOURCE}"
        )?;
        return Ok(());
    };
    let who5 = parse_answers(answers)?;
    let (at, local_date) = match &args.at {
        Some(text) => read_when(text, env)?,
        None => (env.clock.now(), env.clock.today()),
    };
    let mut store = env.open_store()?;
    let earlier = store.who5_results()?;
    let saved = store.add_who5(at, local_date, who5)?;
    tracing::info!(uuid = %saved.uuid, "WHO-5 saved");
    let mut low = if who5.is_low() {
        format!(" {WHO5_LOW_SENTENCE}")
    } else {
        String::new()
    };
    // The WHO-5 asks about the last two weeks: one within 14 days of
    // another asks about some of the same days.
    if let Some(days) = earlier
        .iter()
        .map(|r| (saved.local_date - r.local_date).whole_days().abs())
        .filter(|&d| d < WHO5_RECALL_DAYS)
        .min()
    {
        low.push_str(&format!(
            " Another WHO-5 is {}; the report compares WHO-5s at least 14 days apart, since each asks about the last two weeks.",
            match days {
                0 => "from the same day".to_string(),
                1 => "1 day from this one".to_string(),
                d => format!("{d} days from this one"),
            }
        ));
    }
    confirm(
        out,
        "the WHO-5 was saved",
        format_args!(
            "WHO-5 saved for {}: {} out of 100 (raw {} of 25; higher is better).{low}",
            saved.local_date,
            who5.score(),
            who5.raw()
        ),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_five_numbers_from_0_to_5() {
        assert_eq!(
            parse_answers("3, 3,2,2,2").expect("good").answers(),
            [3, 3, 2, 2, 2]
        );
        let four = parse_answers("3,3,2,2").expect_err("four");
        assert!(four.to_string().contains("five numbers"), "{four}");
        let six = parse_answers("3,3,6,2,2").expect_err("six");
        assert!(six.to_string().contains("answer 3 is \"6\""), "{six}");
    }

    #[test]
    fn a_count_past_what_the_test_allows_is_refused() {
        assert_eq!(parse_value(FitnessTest::ChairStand, "12").expect("ok"), 12);
        let e = parse_value(FitnessTest::ChairStand, "99").expect_err("too many");
        assert!(e.to_string().contains("at most 60"), "{e}");
        assert!(parse_value(FitnessTest::StepTest, "-3").is_err());
    }
}
