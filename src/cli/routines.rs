//! `limber routines`: list, show, new, edit and check, and `describe`, the
//! routine in full as `routines show` prints it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use crate::config::Config;
use crate::env::Env;
use crate::routine::{self, Routine, format_length};
use crate::text::{count, one_line, shown_path};

fn kinds_text(routine: &Routine) -> String {
    routine
        .kinds()
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn list(env: &Env, out: &mut impl Write) -> Result<()> {
    let catalog = env.catalog();
    let rows: Vec<[String; 5]> = catalog
        .routines
        .iter()
        .map(|r| {
            [
                one_line(&r.slug),
                one_line(&r.name),
                r.exercises.len().to_string(),
                crate::routine::format_about(
                    r.total_seconds(env.config.get_ready, env.config.default_rest),
                ),
                r.source.as_str().to_string(),
            ]
        })
        .collect();
    let header = ["SLUG", "NAME", "EXERCISES", "TIME", "SOURCE"];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..5).map(width).collect();
    let line = |cells: [&str; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        )
    };
    writeln!(out, "{}", line(header))?;
    for r in &rows {
        writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]))?;
    }
    for broken in &catalog.broken {
        writeln!(
            out,
            "{:<w$}  broken: {}",
            one_line(&broken.slug),
            one_line(&broken.summary()),
            w = widths[0]
        )?;
    }
    if let Some(problem) = &catalog.folder_problem {
        writeln!(out, "note: {}", one_line(problem))?;
    }
    Ok(())
}

pub(super) fn show(slug: &str, gentle: bool, env: &Env, out: &mut impl Write) -> Result<()> {
    let catalog = env.catalog();
    if let Some(broken) = catalog.broken.iter().find(|b| b.slug == slug) {
        let problems: Vec<String> = broken
            .problems
            .iter()
            .map(|p| one_line(&p.to_string()))
            .collect();
        bail!(
            "routine \"{}\" cannot be used: {}",
            one_line(slug),
            problems.join("; ")
        );
    }
    catalog
        .get(slug)
        .ok_or_else(|| catalog.unknown_routine(slug))?;
    // A routine of the programme followed now shows today's doses, as the
    // app's routine page does; with no store yet there is no programme.
    let mut catalog = catalog;
    let status = match env.existing_store() {
        Ok(Some(_)) => crate::reading::programme::at_todays_doses(
            &env.open_store()?,
            &mut catalog,
            &env.paths.config_dir.join("programmes"),
            env.clock.today(),
        )?,
        _ => None,
    };
    let routine = catalog
        .get(slug)
        .ok_or_else(|| catalog.unknown_routine(slug))?;
    if let Some(status) = status.filter(|s| s.phase().routines.iter().any(|r| r == slug)) {
        writeln!(
            out,
            "At today's doses in {}, week {} of {} (limber programme status says why).",
            one_line(&status.programme.name),
            status.week.max(1),
            status.weeks
        )?;
    }
    if gentle {
        writeln!(out, "The gentle version, for a hard day:")?;
        write!(out, "{}", describe(&routine.gentle(), &env.config))?;
    } else {
        write!(out, "{}", describe(routine, &env.config))?;
    }
    Ok(())
}

/// A routine in full, as `routines show` prints it.
pub fn describe(routine: &Routine, config: &Config) -> String {
    let mut s = String::new();
    let total = routine.total_seconds(config.get_ready, config.default_rest);
    s.push_str(&format!(
        "{} ({})\n",
        one_line(&routine.name),
        one_line(&routine.slug)
    ));
    if !routine.description.is_empty() {
        s.push_str(&format!("{}\n", one_line(&routine.description)));
    }
    s.push_str(&format!(
        "{} · about {} · {}\n",
        count(routine.exercises.len() as u64, "exercise", "exercises"),
        format_length(total),
        kinds_text(routine)
    ));
    for (i, e) in routine.exercises.iter().enumerate() {
        let mut parts = vec![e.kind.as_str().to_string()];
        parts.extend(e.dose(config.default_rest, i + 1 == routine.exercises.len()));
        if let Some(p) = e.pattern {
            parts.push(format!(
                "breathe in {} · hold {} · out {} · hold {}",
                p.inhale, p.hold_in, p.exhale, p.hold_out
            ));
        }
        s.push_str(&format!(
            "\n{}. {} — {}\n",
            i + 1,
            one_line(&e.name),
            parts.join(" · ")
        ));
        if !e.instructions.is_empty() {
            s.push_str(&format!("   {}\n", one_line(&e.instructions)));
        }
        for cue in &e.cues {
            s.push_str(&format!("   • {}\n", one_line(cue)));
        }
        if let Some(stop) = &e.stop_if {
            s.push_str(&format!(
                "   Stop if: {}\n",
                one_line(stop.trim_start_matches("Stop if "))
            ));
        }
    }
    s
}

pub(super) fn new(name: &str, env: &Env, out: &mut impl Write) -> Result<()> {
    let slug = routine::slug_for(name);
    if slug.is_empty() {
        bail!(
            "\"{}\" has no letters or digits to name a file by",
            one_line(name)
        );
    }
    let dir = env.paths.routines_dir();
    let path = dir.join(format!("{slug}.toml"));
    if env.catalog().get(&slug).is_some() && !path.exists() {
        bail!(
            "\"{slug}\" is already a built-in routine; choose another name, or `limber routines edit {slug}` to make it your own"
        );
    }
    if path.exists() {
        bail!(
            "{} already exists; `limber routines edit {slug}` opens it",
            shown_path(&path)
        );
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot make {}", shown_path(&dir)))?;
    std::fs::write(&path, routine::template(name.trim()))
        .with_context(|| format!("cannot write {}", shown_path(&path)))?;
    writeln!(out, "{}", shown_path(&path))?;
    Ok(())
}

pub(super) fn edit(slug: &str, env: &Env, out: &mut impl Write) -> Result<()> {
    let catalog = env.catalog();
    let path = routine::editable_path(&catalog, &env.paths.routines_dir(), slug)
        .map_err(|_| catalog.unknown_routine(slug))?;
    loop {
        crate::editor::run_editor(&path)?;
        match routine::load_file(slug, &path) {
            Ok(r) => {
                writeln!(
                    out,
                    "{} is ready: {}, about {}.",
                    shown_path(&path),
                    count(r.exercises.len() as u64, "exercise", "exercises"),
                    routine::format_about(
                        r.total_seconds(env.config.get_ready, env.config.default_rest)
                    )
                )?;
                return Ok(());
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}", one_line(&p.to_string()));
                }
                let ask = std::io::IsTerminal::is_terminal(&std::io::stdin());
                if ask {
                    eprint!("Edit it again? [Y/n] ");
                    let mut answer = String::new();
                    std::io::stdin().read_line(&mut answer)?;
                    if !answer.trim().eq_ignore_ascii_case("n") {
                        continue;
                    }
                }
                bail!(
                    "{} has {}; limber lists it as broken until {} fixed",
                    shown_path(&path),
                    count(problems.len() as u64, "problem", "problems"),
                    if problems.len() == 1 {
                        "it is"
                    } else {
                        "they are"
                    }
                );
            }
        }
    }
}

pub(super) fn check(files: &[PathBuf], out: &mut impl Write) -> Result<()> {
    let mut bad = 0;
    for file in files {
        let slug = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match routine::load_file(&slug, file) {
            Ok(r) => writeln!(
                out,
                "{}: ok ({}, {})",
                shown_path(file),
                one_line(&r.name),
                count(r.exercises.len() as u64, "exercise", "exercises")
            )?,
            Err(problems) => {
                bad += 1;
                for p in problems {
                    writeln!(out, "{}", one_line(&p.to_string()))?;
                }
            }
        }
    }
    if bad > 0 {
        bail!(
            "{bad} of {} {} problems",
            count(files.len() as u64, "routine file", "routine files"),
            if bad == 1 { "has" } else { "have" }
        );
    }
    Ok(())
}
