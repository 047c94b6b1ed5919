//! `limber function` and `limber mental-health`: the RAND-36's physical
//! functioning scale and its emotional well-being scale (the MHI-5), the
//! study's own two questionnaires. Without answers, the questions; with
//! them, the score saved; `--list` every score, `--delete` one.

use std::io::Write;

use anyhow::{Result, bail};

use super::record::{confirm, read_when};
use crate::env::Env;
use crate::model::{RAND36_DIRECTION, RAND36_SOURCE, Rand36, Rand36Scale, points_text, score_text};
use crate::text::one_line;

#[derive(Debug, clap::Args)]
pub struct Rand36Args {
    /// The answers in order, each the number of its answer as the
    /// questions show it, e.g. 3,3,2,…; without it, the questions are shown
    #[arg(long, value_name = "N,N,…", conflicts_with_all = ["list", "delete"])]
    pub answers: Option<String>,
    /// When: as for `checkin --at` [default: now]
    #[arg(long, value_name = "WHEN", requires = "answers")]
    pub at: Option<String>,
    /// Every score so far, oldest first, with its id
    #[arg(long, conflicts_with = "delete")]
    pub list: bool,
    /// Delete one score by its id (as `--list` shows it)
    #[arg(long, value_name = "ID")]
    pub delete: Option<String>,
}

/// "3,3,2,…" into the scale's answers.
pub(super) fn parse_answers(scale: Rand36Scale, text: &str) -> Result<Rand36> {
    let expected = scale.items().len();
    let max = scale.max_answer();
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() != expected {
        bail!(
            "--answers needs {expected} numbers, one for each question, each 1 to {max} (got {})",
            parts.len()
        );
    }
    let mut answers = Vec::with_capacity(expected);
    for (i, part) in parts.iter().enumerate() {
        match part.parse::<u8>() {
            Ok(n) if (1..=max).contains(&n) => answers.push(n),
            _ => bail!(
                "--answers: answer {} is \"{}\"; each is a whole number from 1 to {max}, as the questions show (`limber {}`)",
                i + 1,
                one_line(part),
                scale.command()
            ),
        }
    }
    Ok(Rand36::new(scale, &answers)?)
}

fn questions(scale: Rand36Scale, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{}\n\n{}\n", scale.title(), scale.stem())?;
    for (i, item) in scale.items().iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, item.text)?;
    }
    writeln!(out)?;
    let answers: Vec<String> = scale
        .answers()
        .iter()
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
    writeln!(out, "Answers: {}\n", answers.join(" · "))?;
    let n = scale.items().len();
    writeln!(
        out,
        "Answer with `limber {} --answers {}` (the {n} in order), or in the app from Today.\nScored {RAND36_DIRECTION}\n\nSource: {RAND36_SOURCE}",
        scale.command(),
        vec!["N"; n].join(","),
    )?;
    Ok(())
}

pub(super) fn run(
    scale: Rand36Scale,
    args: Rand36Args,
    env: &Env,
    out: &mut impl Write,
) -> Result<()> {
    if args.list {
        let store = env.open_store()?;
        let results = store.rand36_results(scale)?;
        if results.is_empty() {
            writeln!(
                out,
                "No {} yet (`limber {}`).",
                scale.title(),
                scale.command()
            )?;
        }
        for r in results {
            writeln!(
                out,
                "{}  {}  {} out of 100  (answers {})",
                r.local_date,
                &r.uuid[..8.min(r.uuid.len())],
                score_text(r.rand36.score()),
                r.rand36
                    .answers()
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            )?;
        }
        return Ok(());
    }
    if let Some(id) = &args.delete {
        let mut store = env.open_store()?;
        match store.delete_rand36(id.trim(), env.clock.now())? {
            Some(r) => confirm(
                out,
                "the score was deleted",
                format_args!(
                    "Deleted the {} of {} ({} out of 100).",
                    scale.title(),
                    r.local_date,
                    score_text(r.rand36.score())
                ),
            ),
            None => bail!(
                "no {} has the id \"{}\"; `limber {} --list` shows them",
                scale.title(),
                one_line(id),
                scale.command()
            ),
        }
        return Ok(());
    }
    let Some(answers) = &args.answers else {
        return questions(scale, out);
    };
    let rand36 = parse_answers(scale, answers)?;
    let (at, local_date) = match &args.at {
        Some(text) => read_when(text, env)?,
        None => (env.clock.now(), env.clock.today()),
    };
    let mut store = env.open_store()?;
    let earlier = store.rand36_results(scale)?;
    let saved = store.add_rand36(at, local_date, &rand36)?;
    tracing::info!(uuid = %saved.uuid, scale = scale.as_str(), "RAND-36 scale saved");
    let before = earlier
        .iter()
        .rfind(|r| r.at < saved.at)
        .map(|r| {
            let points = rand36.score() - r.rand36.score();
            format!(
                " Last time ({}) {}: {} points. No minimal important change for this scale is cited here, so a change is given in points, not called better or worse.",
                r.local_date,
                score_text(r.rand36.score()),
                points_text(points)
            )
        })
        .unwrap_or_default();
    confirm(
        out,
        "the score was saved",
        format_args!(
            "{} saved for {}: {} out of 100 (higher is better).{before}",
            scale.title(),
            saved.local_date,
            score_text(rand36.score()),
        ),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_counted_and_ranged_per_scale() {
        let pf = parse_answers(Rand36Scale::PhysicalFunctioning, "3,3,3,3,3,3,3,3,3, 2")
            .expect("ten of 1–3");
        assert_eq!(pf.score(), 95.0);
        let short = parse_answers(Rand36Scale::PhysicalFunctioning, "3,3").expect_err("two");
        assert!(short.to_string().contains("needs 10 numbers"), "{short}");
        let high =
            parse_answers(Rand36Scale::PhysicalFunctioning, "3,3,4,3,3,3,3,3,3,3").expect_err("4");
        assert!(high.to_string().contains("answer 3 is \"4\""), "{high}");
        assert!(parse_answers(Rand36Scale::EmotionalWellBeing, "6,6,1,6,1").is_ok());
        let zero = parse_answers(Rand36Scale::EmotionalWellBeing, "0,6,1,6,1").expect_err("0");
        assert!(zero.to_string().contains("from 1 to 6"), "{zero}");
    }
}
