//! Commands that move rows in and out of the store: `export`, `import` and
//! `sample-data`.

use std::io::Write;

use anyhow::{Context as _, Result, anyhow, bail};

use super::args::{ExportArgs, ExportFormat, ImportArgs, SampleArgs};
use crate::env::Env;
use crate::files::{read_capped, refuse_limbers_own, write_atomically};
use crate::routine;
use crate::store::transfer::{self, Export};
use crate::text::shown_path;

pub(super) fn export(args: ExportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let fhir = matches!(args.format, ExportFormat::Fhir);
    if !fhir && (args.from.is_some() || args.to.is_some() || args.notes) {
        bail!(
            "--from, --to and --notes go with --format fhir; json and csv always hold everything"
        );
    }
    let window = match (&args.from, &args.to) {
        (None, None) => None,
        (from, to) => {
            let from = from
                .as_deref()
                .map(|d| super::when::parse_day("--from", d))
                .transpose()?;
            let to = to
                .as_deref()
                .map(|d| super::when::parse_day("--to", d))
                .transpose()?;
            let (from, to) = (
                from.unwrap_or(time::Date::MIN),
                to.unwrap_or(time::Date::MAX),
            );
            if from > to {
                bail!("--from {from} is after --to {to}; the window must run forwards");
            }
            Some((from, to))
        }
    };
    let store = env.read_store()?;
    let mut doc = store.export()?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Fhir => {
            super::json::write(&mut bytes, &super::fhir::bundle(&doc, window, args.notes))?;
            bytes.push(b'\n');
        }
        ExportFormat::Json => {
            doc.exported_at = Some(crate::store::utc_text(env.clock.now()));
            super::json::write(&mut bytes, &doc)?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => transfer::write_checkins_csv(&doc.checkins, &mut bytes)?,
    }
    match &args.out {
        Some(path) => {
            refuse_limbers_own(path, &env.paths.data_dir)?;
            write_atomically(path, &bytes)?;
            match args.format {
                ExportFormat::Json => eprintln!(
                    "Exported {} sessions and {} check-ins to {}.",
                    doc.sessions.len(),
                    doc.checkins.len(),
                    shown_path(path)
                ),
                ExportFormat::Fhir => eprintln!(
                    "Exported a FHIR R4 bundle of {} sessions and {} check-ins to {}.",
                    doc.sessions.len(),
                    doc.checkins.len(),
                    shown_path(path)
                ),
                ExportFormat::Csv => {
                    eprintln!(
                        "Exported {} check-ins to {}.",
                        doc.checkins.len(),
                        shown_path(path)
                    )
                }
            }
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// The largest import read: four times a hundred years of `limber
/// sample-data` exported (61 MB), so any real diary fits and memory stays
/// within a few hundred megabytes.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

pub(super) fn import(args: ImportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let name = shown_path(&args.file);
    let bytes = read_capped(&args.file, MAX_IMPORT_BYTES)?;
    let doc = Export::from_json(&bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    drop(bytes);
    let now = env.clock.now();
    doc.validate(now)
        .map_err(|e| anyhow!("{name}: {e}; nothing was imported"))?;
    let mut store = env.open_store()?;
    let summary = store
        .import(&doc, now)
        .with_context(|| format!("{name}: nothing was imported"))?;
    let mut changed = String::new();
    if summary.updated > 0 {
        changed.push_str(&format!(" {} updated from newer copies;", summary.updated));
    }
    if summary.deleted > 0 {
        changed.push_str(&format!(" {} deleted as in the file;", summary.deleted));
    }
    if summary.fitness_added + summary.who5_added > 0 {
        changed.push_str(&format!(
            " {} and {};",
            crate::text::count(summary.fitness_added, "fitness result", "fitness results"),
            crate::text::count(summary.who5_added, "WHO-5", "WHO-5s")
        ));
    }
    for (added, one, many) in [
        (
            summary.rand36_added,
            "RAND-36 questionnaire",
            "RAND-36 questionnaires",
        ),
        (
            summary.programmes_added,
            "programme enrolment",
            "programme enrolments",
        ),
    ] {
        if added > 0 {
            changed.push_str(&format!(" {};", crate::text::count(added, one, many)));
        }
    }
    writeln!(
        out,
        "Imported {} sessions ({} exercises) and {} check-ins;{changed} {} already here.",
        summary.sessions_added, summary.exercises_added, summary.checkins_added, summary.skipped
    )?;
    Ok(())
}

pub(super) fn sample_data(args: SampleArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let mut store = env.open_store()?;
    let (checkins, sessions) = store.counts()?;
    if checkins > 0 || sessions > 0 {
        bail!(
            "{} already holds {checkins} check-ins and {sessions} sessions; sample-data only fills an empty store (try --data-dir /tmp/limber-demo)",
            store.path().display()
        );
    }
    let routines = routine::builtins();
    let doc = crate::sample::generate(args.years, &env.clock, args.seed, &routines);
    let summary = store.import(&doc, env.clock.now())?;
    writeln!(
        out,
        "Made up {} of history: {} sessions and {} check-ins in {}.",
        if args.years == 1 {
            "a year".to_string()
        } else {
            format!("{} years", args.years)
        },
        summary.sessions_added,
        summary.checkins_added,
        shown_path(store.path())
    )?;
    Ok(())
}
