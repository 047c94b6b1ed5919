//! `limber programme` (or `program`): list, show, start, status and stop a
//! programme — weeks of routines that step up when the back is ready.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Subcommand;
use time::Weekday;

use super::args::StatusFormat;
use super::when::parse_day;
use crate::env::Env;
use crate::programme::{Catalog, Programme, SORENESS_NOTE, dose_text};
use crate::reading::programme::{Status, days, status as read_status, weekday};
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
    let catalog = catalog(env);
    let width = catalog
        .programmes
        .iter()
        .map(|p| p.slug.chars().count())
        .chain(catalog.broken.iter().map(|b| b.slug.chars().count()))
        .chain([4])
        .max()
        .unwrap_or(4);
    writeln!(out, "{:<width$}  NAME", "SLUG")?;
    for p in &catalog.programmes {
        writeln!(
            out,
            "{:<width$}  {} · {} weeks · {} a week · {}",
            one_line(&p.slug),
            one_line(&p.name),
            p.weeks,
            p.sessions_per_week,
            p.source.as_str()
        )?;
    }
    for broken in &catalog.broken {
        let first = broken
            .problems
            .first()
            .map_or_else(|| "unreadable".to_string(), ToString::to_string);
        writeln!(
            out,
            "{:<width$}  broken: {}",
            one_line(&broken.slug),
            one_line(&first)
        )?;
    }
    if let Some(problem) = &catalog.folder_problem {
        writeln!(out, "note: {}", one_line(problem))?;
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
    let schedule = if p.step_every == 1 {
        "after each session in which you did it in full".to_string()
    } else {
        format!(
            "after every {} sessions in which you did it in full",
            p.step_every
        )
    };
    writeln!(
        out,
        "Each exercise steps up a level on a planned schedule: {schedule}. It holds when pain after the session was 2 or more above before it, when your first check-in the next day was more than 2 above before it, or when you rated it 1 (made it worse); two holds in a row step it back. A session without check-ins steps up only if the last one with them did. The gentle version and flare days change nothing."
    )?;
    writeln!(out, "{SORENESS_NOTE}")?;
    writeln!(out, "{} {}", safety::NOT_A_DOCTOR, safety::STOP)?;
    for line in safety::Warning::asked().lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The days as given ("mon,wed,fri"), checked; by default spread over the week.
fn planned_days(text: Option<&str>, per_week: u32) -> Result<String> {
    let Some(text) = text else {
        let spread = match per_week {
            1 => "wed",
            2 => "tue,fri",
            3 => "mon,wed,fri",
            4 => "mon,tue,thu,fri",
            5 => "mon,tue,wed,thu,fri",
            6 => "mon,tue,wed,thu,fri,sat",
            _ => "mon,tue,wed,thu,fri,sat,sun",
        };
        return Ok(spread.to_string());
    };
    let mut chosen: Vec<Weekday> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(day) = weekday(part) else {
            bail!(
                "--days: \"{}\" is not a day of the week; write them like mon,wed,fri",
                one_line(part)
            );
        };
        if !chosen.contains(&day) {
            chosen.push(day);
        }
    }
    if chosen.is_empty() {
        bail!("--days is empty; write the days like mon,wed,fri");
    }
    chosen.sort_by_key(|d| d.number_days_from_monday());
    Ok(chosen
        .iter()
        .map(|d| d.to_string()[..3].to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(","))
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
    let days = planned_days(days_text, p.sessions_per_week)?;
    let started_on = match from {
        Some(text) => parse_day("--from", text)?,
        None => env.clock.today(),
    };
    let mut store = env.open_store()?;
    let enrolment = store.start_programme(&p.slug, &days, started_on, env.clock.now())?;
    let status = read_status(&store, p, &enrolment, env.clock.today())?;
    writeln!(
        out,
        "Started {}: {} weeks from {}, {} a week on {}.",
        one_line(&p.name),
        p.weeks,
        started_on,
        p.sessions_per_week,
        days_shown(&days)
    )?;
    writeln!(out, "{}", headline(&status, env))?;
    writeln!(out, "{SORENESS_NOTE}")?;
    Ok(())
}

fn days_shown(days_text: &str) -> String {
    days(days_text)
        .iter()
        .map(|d| d.to_string()[..3].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Week 3 of 12 · 2 of 3 this week · next: Core basics".
fn headline(status: &Status, env: &Env) -> String {
    let next = env
        .catalog()
        .get(&status.next)
        .map_or_else(|| one_line(&status.next), |r| one_line(&r.name));
    crate::reading::programme::headline(status, &next, env.clock.today(), false)
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
                writeln!(out, "{}", one_line(&s.programme.name))?;
                writeln!(out, "{}", headline(&s, env))?;
                writeln!(out, "Days: {}", days_shown(&s.enrolment.days))?;
                if !s.exercises.is_empty() {
                    writeln!(out)?;
                }
                for e in &s.exercises {
                    let name = if e.name == e.head {
                        one_line(&e.name)
                    } else {
                        format!("{} ({})", one_line(&e.head), one_line(&e.name))
                    };
                    writeln!(
                        out,
                        "{name}: level {} of {}, {} — {}",
                        e.level, e.levels, e.dose, e.reason
                    )?;
                }
                writeln!(out)?;
                writeln!(out, "{SORENESS_NOTE}")?;
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
                "Stopped {name}. Your sessions and check-ins stay in your history; `limber programme start` begins one again."
            )?;
        }
    }
    Ok(())
}
