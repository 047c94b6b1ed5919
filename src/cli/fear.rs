//! `limber fear`: the graded exposure ladder. The everyday activities the
//! person fears, each with the harm they expect it to do (0–100), in their
//! own order (`add`, `list`); a step tried (`try`: the expectation before)
//! and done (`done`: what happened, the expectation re-rated, the pain
//! after). Every number is checked before the store is opened.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use super::UsageError;
use super::args::StatusFormat;
use super::record::{clean_note, confirm};
use crate::env::Env;
use crate::model::{HARM_SCALE, LadderStep};
use crate::store::TryDone;
use crate::text::one_line;

/// The longest activity name, and the longest "what happened".
const MAX_NAME: usize = 200;
const MAX_HAPPENED: usize = 2000;

fn harm() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=100)
}

fn pain() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=10)
}

#[derive(Debug, Subcommand)]
pub enum FearCommand {
    /// Name an everyday activity you fear (bending, lifting, carrying…) with the harm you expect it to do
    Add {
        /// The activity, in your words, e.g. "lifting a bag of shopping"
        name: String,
        /// The harm you expect it to do: 0 (none) to 100 (certain harm)
        #[arg(long, value_name = "N", value_parser = harm())]
        expect: u8,
        /// Its place on your ladder, as `fear list` numbers it [default: last]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
        step: Option<u32>,
    },
    /// Your ladder in your order: each activity's first and latest expected harm, and its tries
    List {
        /// text, or json
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
    },
    /// You are about to try a step: the harm you expect before it
    Try {
        /// The activity: its number in `fear list`, or its name
        activity: String,
        /// The harm you expect now, 0 to 100 [default: your latest expectation]
        #[arg(long, value_name = "N", value_parser = harm())]
        expect: Option<u8>,
    },
    /// After a try: what happened, the harm you expect now, and your pain after
    Done {
        /// The activity: its number in `fear list`, or its name
        activity: String,
        /// What happened, in a few words
        #[arg(long, value_name = "TEXT")]
        happened: String,
        /// The harm you expect now, re-rated: 0 to 100
        #[arg(long, value_name = "N", value_parser = harm())]
        expect: u8,
        /// Your pain after, 0 (none) to 10 (worst imaginable)
        #[arg(long, value_name = "N", value_parser = pain())]
        pain: Option<u8>,
        /// A note to keep with it
        #[arg(long)]
        note: Option<String>,
    },
    /// Take an activity off your ladder, with its tries
    Remove {
        /// The activity: its number in `fear list`, or its name
        activity: String,
    },
}

pub(super) fn run(command: FearCommand, env: &Env, out: &mut impl Write) -> Result<()> {
    match command {
        FearCommand::Add { name, expect, step } => add(&name, expect, step, env, out),
        FearCommand::List { format } => list(format, env, out),
        FearCommand::Try { activity, expect } => begin(&activity, expect, env, out),
        FearCommand::Done {
            activity,
            happened,
            expect,
            pain,
            note,
        } => finish(&activity, &happened, expect, pain, note, env, out),
        FearCommand::Remove { activity } => remove(&activity, env, out),
    }
}

/// An activity's name, trimmed and on one line; refused empty or long.
fn clean_name(name: &str) -> Result<String> {
    let name = one_line(name.trim());
    if name.is_empty() {
        return Err(UsageError(
            "the activity needs a name, e.g. `limber fear add \"lifting a bag\" --expect 70`"
                .into(),
        )
        .into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(UsageError(format!(
            "the activity's name is {} characters long; keep it under {MAX_NAME}",
            name.chars().count()
        ))
        .into());
    }
    Ok(name)
}

/// The step `activity` names: its number in the list, or its name (any
/// case). One clear line when none does.
fn find<'a>(ladder: &'a [LadderStep], activity: &str) -> Result<&'a LadderStep> {
    let wanted = activity.trim();
    if let Ok(n) = wanted.parse::<usize>() {
        return match n.checked_sub(1).and_then(|i| ladder.get(i)) {
            Some(step) => Ok(step),
            None if ladder.is_empty() => Err(UsageError(
                "your ladder is empty; name an activity first with `limber fear add NAME --expect N`".into(),
            )
            .into()),
            None => Err(UsageError(format!(
                "there is no step {n} on your ladder (it has {}); `limber fear list` numbers them",
                ladder.len()
            ))
            .into()),
        };
    }
    ladder
        .iter()
        .find(|s| s.step.name.trim().to_lowercase() == wanted.to_lowercase())
        .ok_or_else(|| {
            UsageError(format!(
                "no activity on your ladder is called \"{}\"; `limber fear list` shows them",
                one_line(wanted)
            ))
            .into()
        })
}

fn add(name: &str, expect: u8, step: Option<u32>, env: &Env, out: &mut impl Write) -> Result<()> {
    let name = clean_name(name)?;
    let mut store = env.open_store()?;
    let ladder = store.fear_ladder()?;
    if ladder
        .iter()
        .any(|s| s.step.name.trim().to_lowercase() == name.to_lowercase())
    {
        return Err(UsageError(format!(
            "\"{name}\" is on your ladder already; `limber fear list` shows it"
        ))
        .into());
    }
    let now = env.clock.now();
    // A place among the others: it takes that step's place, and those from
    // there on move down one.
    let index = step.map(|n| (n as usize).saturating_sub(1));
    let position = match index {
        Some(i) if i < ladder.len() => {
            let at = ladder[i].step.position;
            for s in &ladder[i..] {
                store.edit_fear_step(&s.step.uuid, None, Some(s.step.position + 1), None, now)?;
            }
            Some(at)
        }
        _ => None,
    };
    let added = store.add_fear_step(&name, expect, position, now, env.clock.today())?;
    let n = store
        .fear_ladder()?
        .iter()
        .position(|s| s.step.uuid == added.uuid)
        .map_or(1, |i| i + 1);
    tracing::info!(uuid = %added.uuid, "fear ladder step added");
    confirm(
        out,
        "the activity was added",
        format_args!(
            "Added to your ladder as step {n}: {name}, expected harm {expect} out of 100. When you try it: `limber fear try {n}`."
        ),
    );
    Ok(())
}

#[derive(Serialize)]
struct TryJson<'a> {
    uuid: &'a str,
    date: String,
    expected_before: Option<u8>,
    happened: Option<&'a str>,
    expected_after: Option<u8>,
    pain_after: Option<u8>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    step: usize,
    uuid: &'a str,
    name: &'a str,
    expected_when_named: u8,
    first_expected: u8,
    latest_expected: u8,
    change_points: i16,
    tries_done: usize,
    try_begun: bool,
    mean_pain_after: Option<f64>,
    pain_after_given: usize,
    tries: Vec<TryJson<'a>>,
}

fn list(format: StatusFormat, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.open_store()?;
    let ladder = store.fear_ladder()?;
    if matches!(format, StatusFormat::Json) {
        let rows: Vec<StepJson> = ladder
            .iter()
            .enumerate()
            .map(|(i, s)| StepJson {
                step: i + 1,
                uuid: &s.step.uuid,
                name: &s.step.name,
                expected_when_named: s.step.expected,
                first_expected: s.first_expected(),
                latest_expected: s.latest_expected(),
                change_points: i16::from(s.latest_expected()) - i16::from(s.first_expected()),
                tries_done: s.tries_done(),
                try_begun: s.open_try().is_some(),
                mean_pain_after: s.mean_pain().map(|(m, _)| (m * 10.0).round() / 10.0),
                pain_after_given: s.mean_pain().map_or(0, |(_, k)| k),
                tries: s
                    .tries
                    .iter()
                    .map(|t| TryJson {
                        uuid: &t.uuid,
                        date: t.local_date.to_string(),
                        expected_before: t.before,
                        happened: t.happened.as_deref(),
                        expected_after: t.after,
                        pain_after: t.pain,
                        note: t.note.as_deref(),
                    })
                    .collect(),
            })
            .collect();
        super::json::write(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if ladder.is_empty() {
        writeln!(
            out,
            "Your ladder is empty. Name an everyday activity you fear and the harm you expect it to do:\n  limber fear add \"lifting a bag of shopping\" --expect 70"
        )?;
        return Ok(());
    }
    writeln!(out, "Your ladder, in your order:")?;
    for (i, s) in ladder.iter().enumerate() {
        writeln!(out, "  {}", s.line(i + 1))?;
    }
    writeln!(out, "\n{HARM_SCALE}")?;
    Ok(())
}

fn begin(activity: &str, expect: Option<u8>, env: &Env, out: &mut impl Write) -> Result<()> {
    let mut store = env.open_store()?;
    let ladder = store.fear_ladder()?;
    let step = find(&ladder, activity)?;
    let before = expect.unwrap_or_else(|| step.latest_expected());
    let name = one_line(&step.step.name);
    store.begin_fear_try(&step.step.uuid, before, env.clock.now(), env.clock.today())?;
    let given = if expect.is_some() {
        ""
    } else {
        " (your latest; give another with --expect N)"
    };
    confirm(
        out,
        "the try was begun",
        format_args!(
            "Trying {name}: you expect harm of {before} out of 100 before it{given}. Afterwards: `limber fear done \"{name}\" --happened \"…\" --expect N`."
        ),
    );
    Ok(())
}

fn finish(
    activity: &str,
    happened: &str,
    expect: u8,
    pain: Option<u8>,
    note: Option<String>,
    env: &Env,
    out: &mut impl Write,
) -> Result<()> {
    let happened = happened.trim();
    if happened.is_empty() {
        return Err(UsageError("--happened needs a few words on what happened".into()).into());
    }
    if happened.chars().count() > MAX_HAPPENED {
        return Err(UsageError(format!(
            "--happened is {} characters long; keep it under {MAX_HAPPENED}",
            happened.chars().count()
        ))
        .into());
    }
    let note = clean_note(note)?;
    let mut store = env.open_store()?;
    let ladder = store.fear_ladder()?;
    let step = find(&ladder, activity)?;
    let before = step.latest_expected();
    let done = TryDone {
        happened,
        after: expect,
        pain,
        note: note.as_deref(),
    };
    let (t, completed) = store.finish_fear_try(
        &step.step.uuid,
        Some(before),
        &done,
        env.clock.now(),
        env.clock.today(),
    )?;
    let name = one_line(&step.step.name);
    let from = t.before.unwrap_or(before);
    let points = i16::from(expect) - i16::from(from);
    let change = match points {
        0 => "no change".to_string(),
        p if p < 0 => format!("down {} point{}", -p, if p == -1 { "" } else { "s" }),
        p => format!("up {p} point{}", if p == 1 { "" } else { "s" }),
    };
    let recorded = if completed {
        "Try done"
    } else {
        "Try recorded"
    };
    let pain = pain.map_or(String::new(), |p| format!(" Pain after: {p} out of 10."));
    confirm(
        out,
        "the try was saved",
        format_args!(
            "{recorded} for {name}: expected harm {from} before, {expect} now ({change}).{pain}"
        ),
    );
    Ok(())
}

fn remove(activity: &str, env: &Env, out: &mut impl Write) -> Result<()> {
    let mut store = env.open_store()?;
    let ladder = store.fear_ladder()?;
    let step = find(&ladder, activity)?;
    let n = step.tries.len();
    store.delete_fear_step(&step.step.uuid, env.clock.now())?;
    let tries = match n {
        0 => String::new(),
        1 => " and its try".to_string(),
        n => format!(" and its {n} tries"),
    };
    confirm(
        out,
        "the activity was removed",
        format_args!(
            "Removed {}{tries} from your ladder.",
            one_line(&step.step.name)
        ),
    );
    Ok(())
}
