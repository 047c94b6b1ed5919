//! `limber programme` (or `program`): list, show, start, status and stop a
//! programme — weeks of routines that step up when the back is ready.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Subcommand;

use super::args::StatusFormat;
use super::when::parse_day;
use crate::env::Env;
use crate::programme::{Catalog, Programme, SORENESS_NOTE, dose_text};
use crate::reading::programme::{Status, days, status as read_status, words};
use crate::safety;
use crate::text::{count, one_line};

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Every programme: slug, name, weeks, sessions a week, source
    List,
    /// One programme in full: its phases, routines and how each exercise steps up
    Show {
        /// The programme's slug, as `limber programme list` shows it
        slug: String,
    },
    /// Start following a programme (one at a time)
    Start {
        /// The programme's slug
        slug: String,
        /// The days you plan to exercise, e.g. mon,wed,fri [default: spread over the week]
        #[arg(long, value_name = "DAYS")]
        days: Option<String>,
        /// The first day of week 1, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
    /// Where you are: the week, this week's sessions, the next routine, each exercise's level and why
    Status {
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
    },
    /// Stop following the programme; what you did stays in your history
    Stop,
}

pub(super) fn run(command: ProgrammeCommand, env: &Env, out: &mut impl Write) -> Result<()> {
    match command {
        ProgrammeCommand::List => list(env, out),
        ProgrammeCommand::Show { slug } => show(&slug, env, out),
        ProgrammeCommand::Start { slug, days, from } => {
            start(&slug, days.as_deref(), from.as_deref(), env, out)
        }
        ProgrammeCommand::Status { format } => status(format, env, out),
        ProgrammeCommand::Stop => stop(env, out),
    }
}

fn catalog(env: &Env) -> Catalog {
    let routines = env.catalog().routines;
    Catalog::load(&env.paths.config_dir.join("programmes"), &routines)
}

fn list(env: &Env, out: &mut impl Write) -> Result<()> {
    for line in words::list(&catalog(env)) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn find<'a>(catalog: &'a Catalog, slug: &str) -> Result<&'a Programme> {
    catalog
        .get(slug)
        .ok_or_else(|| anyhow::anyhow!(catalog.unknown(slug)))
}

fn show(slug: &str, env: &Env, out: &mut impl Write) -> Result<()> {
    let catalog = catalog(env);
    let p = find(&catalog, slug)?;
    let routines = env.catalog();
    writeln!(out, "{} ({})", one_line(&p.name), one_line(&p.slug))?;
    if !p.description.is_empty() {
        writeln!(out, "{}", one_line(&p.description))?;
    }
    writeln!(
        out,
        "{} weeks · {} sessions a week",
        p.weeks, p.sessions_per_week
    )?;
    for phase in &p.phases {
        let names: Vec<String> = phase
            .routines
            .iter()
            .map(|slug| {
                routines
                    .get(slug)
                    .map_or_else(|| one_line(slug), |r| one_line(&r.name))
            })
            .collect();
        writeln!(
            out,
            "\nWeeks {}: {} (in turn)",
            phase.weeks_text(),
            names.join(", ")
        )?;
        for ladder in &phase.ladders {
            let first = ladder.at(1);
            let top = ladder.at(ladder.levels());
            let then = if top.name == first.name {
                String::new()
            } else {
                format!(", then {}", one_line(&top.name))
            };
            let last = ladder
                .rungs
                .iter()
                .rev()
                .find(|r| r.name == first.name)
                .unwrap_or(first);
            writeln!(
                out,
                "  {}: {} up to {}{then} ({})",
                one_line(&ladder.head),
                dose_text(first),
                dose_text(last),
                count(u64::from(ladder.levels()), "level", "levels")
            )?;
        }
    }
    writeln!(out)?;
    rule(p, out)?;
    Ok(())
}

/// How the levels move, the soreness note and the safety list.
fn rule(p: &Programme, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{}", words::rule(p))?;
    writeln!(out, "{SORENESS_NOTE}")?;
    writeln!(out, "{} {}", safety::NOT_A_DOCTOR, safety::STOP)?;
    for line in safety::Warning::asked().lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn start(
    slug: &str,
    days_text: Option<&str>,
    from: Option<&str>,
    env: &Env,
    out: &mut impl Write,
) -> Result<()> {
    let catalog = catalog(env);
    let p = find(&catalog, slug)?;
    let days = words::planned_days(days_text, p.sessions_per_week).map_err(anyhow::Error::msg)?;
    let started_on = match from {
        Some(text) => parse_day("--from", text)?,
        None => env.clock.today(),
    };
    let mut store = env.open_store()?;
    let enrolment = store.start_programme(&p.slug, &days, started_on, env.clock.now())?;
    let status = read_status(&store, p, &enrolment, env.clock.today())?;
    writeln!(out, "{}", words::started(p, started_on, &days))?;
    writeln!(out, "{}", headline(&status, env))?;
    writeln!(out, "{SORENESS_NOTE}")?;
    Ok(())
}

/// The next routine's name, as the catalogue has it.
fn next_name(status: &Status, env: &Env) -> String {
    env.catalog()
        .get(&status.next)
        .map_or_else(|| one_line(&status.next), |r| one_line(&r.name))
}

/// "Week 3 of 12 · 2 of 3 this week · next: Core basics".
fn headline(status: &Status, env: &Env) -> String {
    crate::reading::programme::headline(status, &next_name(status, env), env.clock.today(), false)
}

fn current(env: &Env) -> Result<Option<Status>> {
    let store = env.read_store()?;
    let Some(enrolment) = store.active_programme()? else {
        return Ok(None);
    };
    let catalog = catalog(env);
    let Some(p) = catalog.get(&enrolment.slug) else {
        bail!(
            "{}; `limber programme stop` to stop following it",
            catalog.unknown(&enrolment.slug)
        );
    };
    Ok(Some(read_status(&store, p, &enrolment, env.clock.today())?))
}

/// The programme followed now, for the printed report: `None` when none
/// is, or its file can no longer be read (the report is still made).
pub(super) fn for_report(
    store: &crate::store::Store,
    env: &Env,
) -> Result<Option<super::report_html::clinician::ProgrammeNow>> {
    let Some(enrolment) = store.active_programme()? else {
        return Ok(None);
    };
    let catalog = catalog(env);
    let Some(p) = catalog.get(&enrolment.slug) else {
        return Ok(None);
    };
    let s = read_status(store, p, &enrolment, env.clock.today())?;
    Ok(Some(super::report_html::clinician::ProgrammeNow {
        name: one_line(&s.programme.name),
        started_on: s.enrolment.started_on,
        week: s.week,
        weeks: s.weeks,
        finished: s.finished,
        levels: s
            .exercises
            .iter()
            .map(|e| (one_line(&e.name), e.level, e.levels))
            .collect(),
    }))
}

fn status(format: StatusFormat, env: &Env, out: &mut impl Write) -> Result<()> {
    let status = current(env)?;
    match format {
        StatusFormat::Json => {
            let value = match &status {
                None => serde_json::Value::Null,
                Some(s) => serde_json::json!({
                    "programme": s.programme.slug,
                    "name": s.programme.name,
                    "started_on": s.enrolment.started_on.to_string(),
                    "days": days(&s.enrolment.days)
                        .iter()
                        .map(|d| d.to_string()[..3].to_ascii_lowercase())
                        .collect::<Vec<_>>(),
                    "week": s.week,
                    "weeks": s.weeks,
                    "finished": s.finished,
                    "sessions_this_week": s.sessions_this_week,
                    "sessions_per_week": s.sessions_per_week,
                    "weekly_goal": s.weekly_goal,
                    "week_start": crate::reading::programme::week_start(s.enrolment.started_on, s.week).to_string(),
                    "next": s.next,
                    "exercises": s.exercises.iter().map(|e| serde_json::json!({
                        "name": e.name,
                        "level": e.level,
                        "levels": e.levels,
                        "dose": e.dose,
                        "decision": e.decision.as_str(),
                        "reason": e.reason,
                    })).collect::<Vec<_>>(),
                }),
            };
            super::json::write(&mut *out, &value)?;
            writeln!(out)?;
        }
        StatusFormat::Text => match status {
            None => writeln!(
                out,
                "No programme followed. `limber programme list` shows them; `limber programme start SLUG` starts one."
            )?,
            Some(s) => {
                for line in words::status_lines(&s, &next_name(&s, env), env.clock.today()) {
                    writeln!(out, "{line}")?;
                }
            }
        },
    }
    Ok(())
}

fn stop(env: &Env, out: &mut impl Write) -> Result<()> {
    if env.existing_store()?.is_none() {
        writeln!(out, "No programme was followed; nothing changed.")?;
        return Ok(());
    }
    let mut store = env.open_store()?;
    match store.stop_programme(env.clock.now())? {
        None => writeln!(out, "No programme was followed; nothing changed.")?,
        Some(e) => {
            let catalog = catalog(env);
            let name = catalog
                .get(&e.slug)
                .map_or_else(|| one_line(&e.slug), |p| one_line(&p.name));
            writeln!(
                out,
                "{} `limber programme start` begins one again.",
                words::stopped(&name)
            )?;
        }
    }
    Ok(())
}
