//! Commands that show, changing nothing: `status`, `report`, `history`, and
//! `keys` (the keymap with the user's rebindings).

use std::io::Write;

use anyhow::Result;
use time::Duration;

use super::args::{
    HistoryArgs, HistoryFormat, KeysFormat, ReportArgs, ReportFormat, StatusArgs, StatusFormat,
};
use super::when::parse_day;
use crate::env::Env;
use crate::insights;
use crate::insights::report::ReportNote;

/// `limber keys`: the keymap with the user's rebindings, one action a line.
pub(super) fn keys(format: KeysFormat, env: &Env, out: &mut impl Write) -> Result<()> {
    use crate::keymap::Action;
    let map = &env.config.keys;
    let keys_of = |a: Action, markdown: bool| {
        map.keys(a)
            .iter()
            .map(|k| {
                let name = k.config_name();
                match (markdown, name.contains('`')) {
                    (false, _) => name,
                    // A backtick is quoted with two, and a bar escaped, so
                    // any key keeps the table whole.
                    (true, true) => format!("`` {} ``", name.replace('|', "\\|")),
                    (true, false) => format!("`{}`", name.replace('|', "\\|")),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let where_of = |a: Action| {
        a.scopes()
            .iter()
            .map(|s| s.short())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match format {
        KeysFormat::Text => {
            let width = Action::ALL
                .iter()
                .map(|&a| keys_of(a, false).chars().count())
                .max()
                .unwrap_or(0)
                .max(4);
            writeln!(
                out,
                "{:<15} {:<width$} {:<51} where",
                "action", "keys", "what it does"
            )?;
            for &a in Action::ALL {
                writeln!(
                    out,
                    "{:<15} {:<width$} {:<51} {}",
                    a.name(),
                    keys_of(a, false),
                    a.what(),
                    where_of(a)
                )?;
            }
        }
        KeysFormat::Markdown => {
            writeln!(out, "| action | keys | what it does | where |")?;
            writeln!(out, "|---|---|---|---|")?;
            for &a in Action::ALL {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    a.name(),
                    keys_of(a, true),
                    a.what().replace('|', "\\|"),
                    where_of(a)
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn status(args: StatusArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let today = env.clock.today();
    // The week as Today counts it: the programme's, when one runs.
    let (_, plan) = crate::reading::todays_plan(&store, env)?;
    let progress = crate::reading::progress_with(&store, &plan, today)?;
    if args.nag {
        // No nagging once the week's goal is met: a rest day the plan
        // leaves is not a day missed.
        if !progress.done_today && !progress.flare_today && !progress.week_met() {
            writeln!(
                out,
                "limber: no session yet today ({} of {} this week) — `limber` when you are ready",
                progress.this_week, progress.weekly_goal
            )?;
        }
        return Ok(());
    }
    match args.format {
        StatusFormat::Text => writeln!(out, "limber: {}", progress.line())?,
        StatusFormat::Json => {
            super::json::write(
                &mut *out,
                &serde_json::json!({
                    "date": env.clock.today().to_string(),
                    "done_today": progress.done_today,
                    "flare_today": progress.flare_today,
                    "sessions_this_week": progress.this_week,
                    "weekly_goal": progress.weekly_goal,
                    "streak_days": progress.streak_days,
                    "streak_weeks": progress.streak,
                    "week_start": progress.week_start.to_string(),
                    "short_session_today": progress.short_today,
                }),
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}

pub(super) fn report(args: ReportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let to = match &args.to {
        Some(text) => parse_day("--to", text)?,
        None => env.clock.today(),
    };
    let from = match &args.from {
        Some(text) => parse_day("--from", text)?,
        None => crate::insights::report::default_from(to),
    };
    if from > to {
        return Err(super::UsageError(format!(
            "--from {from} is after --to {to}; the window must run forwards"
        ))
        .into());
    }
    let store = env.read_store()?;
    // The goal Today holds the week to: the programme's while one runs.
    let (_, plan) = crate::reading::todays_plan(&store, env)?;
    let mut report = crate::reading::report(&store, from, to, plan.goal)?;
    if args.notes {
        report.notes = Some(notes(&store, from, to, env)?);
    }
    let bytes = match args.format {
        ReportFormat::Text => report.text().into_bytes(),
        ReportFormat::Markdown => report.markdown().into_bytes(),
        ReportFormat::Json => {
            let mut bytes = Vec::new();
            super::json::write(&mut bytes, &report)?;
            bytes.push(b'\n');
            bytes
        }
        ReportFormat::Html => {
            let charts = crate::reading::report_charts(&store, from, to, plan.goal)?;
            let programme = super::programme::for_report(&store, env)?;
            let clinician = super::report_html::clinician::read(&store, from, to, programme)?;
            super::report_html::page(&report, &charts, &clinician, env.clock.today())?.into_bytes()
        }
    };
    match &args.out {
        Some(path) => {
            crate::files::refuse_limbers_own(path, &env.paths.data_dir)?;
            crate::files::write_atomically(path, &bytes)?;
            eprintln!(
                "Wrote the report for {from} to {to} to {}.",
                crate::text::shown_path(path)
            );
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// The notes of the entries dated `[from, to]`, oldest first.
fn notes(
    store: &crate::store::Store,
    from: time::Date,
    to: time::Date,
    env: &Env,
) -> Result<Vec<ReportNote>> {
    let mut entries = store.entries(from, to, None)?;
    entries.reverse();
    Ok(entries
        .iter()
        .filter_map(|e| {
            let note = e.note.as_deref().filter(|n| !n.trim().is_empty())?;
            let at = super::diary::local_time(e, env);
            let time = at.split_once(' ').map(|(_, time)| time.to_string());
            Some(ReportNote {
                date: e.local_date.to_string(),
                time,
                kind: super::diary::kind_name(e.kind()).to_string(),
                note: note.to_string(),
            })
        })
        .collect())
}

pub(super) fn history(args: HistoryArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let to = env.clock.today();
    let from = to - Duration::days(i64::from(args.days) - 1);
    let store = env.read_store()?;
    let days = insights::day_by_day(
        from,
        to,
        &store.daily_checkins(from, to)?,
        &crate::reading::daily_sessions(&store, from, to)?,
    );
    let cell = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.1}"));
    match args.format {
        HistoryFormat::Json => {
            super::json::write(
                &mut *out,
                &serde_json::json!({
                    "from": from.to_string(),
                    "to": to.to_string(),
                    "days": days,
                    "notes": notes(&store, from, to, env)?,
                }),
            )?;
            writeln!(out)?;
        }
        HistoryFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "date",
                "checkins",
                "pain",
                "anxiety",
                "mood",
                "fear",
                "sessions",
                "active_minutes",
            ])?;
            for d in &days {
                w.write_record([
                    d.date.clone(),
                    d.checkins.to_string(),
                    cell(d.pain),
                    cell(d.anxiety),
                    cell(d.mood),
                    cell(d.fear),
                    d.sessions.to_string(),
                    d.active_minutes.to_string(),
                ])?;
            }
            w.flush()?;
        }
        HistoryFormat::Table => {
            writeln!(
                out,
                "DATE        CHECK-INS  PAIN  ANXIETY  MOOD  FEAR  SESSIONS  MINUTES"
            )?;
            for d in &days {
                writeln!(
                    out,
                    "{}  {:>9}  {:>4}  {:>7}  {:>4}  {:>4}  {:>8}  {:>7}",
                    d.date,
                    d.checkins,
                    cell(d.pain),
                    cell(d.anxiety),
                    cell(d.mood),
                    cell(d.fear),
                    d.sessions,
                    d.active_minutes
                )?;
            }
            let notes = notes(&store, from, to, env)?;
            if !notes.is_empty() {
                writeln!(out, "\nNOTES")?;
            }
            for n in &notes {
                let when = match &n.time {
                    Some(time) => format!("{} {time}", n.date),
                    None => n.date.clone(),
                };
                writeln!(
                    out,
                    "{when:<16}  {:<8}  {}",
                    n.kind,
                    crate::text::one_line(&n.note)
                )?;
            }
        }
    }
    Ok(())
}
