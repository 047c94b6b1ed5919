//! The command line: clap definitions and the commands that read and write
//! data without the TUI. Each command checks all of its input before it
//! opens the store, so a rejected command writes nothing.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};
use time::Duration;

use crate::env::Env;
use crate::routine;
use crate::store::transfer::{self, Export};
use crate::text::one_line;

mod args;
mod record;
mod routines;
mod when;

pub use args::{
    CheckinArgs, Cli, Command, ContextArg, DoctorArgs, ExportArgs, ExportFormat, FlareArgs,
    HistoryArgs, HistoryFormat, ImportArgs, KeysFormat, LogArgs, ReportArgs, ReportFormat,
    RoutinesCommand, SampleArgs, ScreenArgs, StatusArgs, StatusFormat,
};
pub use routines::describe;
use when::parse_day;
pub use when::parse_when;

/// `limber keys`: the keymap with the user's rebindings, one action a line.
fn keys(format: KeysFormat, env: &Env, out: &mut impl Write) -> Result<()> {
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

/// Runs one non-interactive command.
pub fn run(command: Command, env: &Env) -> Result<()> {
    // The app writes to the terminal from more than one thread (the signal
    // watcher restores it): it must not run under this thread's stdout lock.
    if let Command::Run { slug, gentle } = &command {
        return crate::tui::run(env, Some(slug), *gentle);
    }
    let mut out = std::io::stdout().lock();
    match command {
        Command::Run { .. } => Ok(()),
        Command::Checkin(args) => record::checkin(args, env, &mut out),
        Command::Log(args) => record::log(args, env, &mut out),
        Command::Routines(RoutinesCommand::List) => routines::routines_list(env, &mut out),
        Command::Routines(RoutinesCommand::Show { slug, gentle }) => {
            routines::routines_show(&slug, gentle, env, &mut out)
        }
        Command::Routines(RoutinesCommand::Check { files }) => {
            routines::routines_check(&files, &mut out)
        }
        Command::Routines(RoutinesCommand::New { name }) => {
            routines::routines_new(&name, env, &mut out)
        }
        Command::Routines(RoutinesCommand::Edit { slug }) => {
            routines::routines_edit(&slug, env, &mut out)
        }
        Command::Status(args) => status(args, env, &mut out),
        Command::Flare(args) => record::flare(args, env, &mut out),
        Command::Report(args) => report(args, env, &mut out),
        Command::History(args) => history(args, env, &mut out),
        Command::Export(args) => export(args, env, &mut out),
        Command::Import(args) => import(args, env, &mut out),
        Command::SampleData(args) => sample_data(args, env, &mut out),
        Command::Doctor(args) => doctor(args, env, &mut out),
        Command::Keys { format } => keys(format, env, &mut out),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "limber", &mut out);
            Ok(())
        }
        Command::Screen(args) => {
            let text =
                crate::tui::render_screen(env, &args.name, args.size.0, args.size.1, args.range)?;
            out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn status(args: StatusArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let progress = crate::overview::progress(&store, env.clock.today(), env.config.weekly_goal)?;
    if args.nag {
        if !progress.done_today && !progress.flare_today {
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
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "date": env.clock.today().to_string(),
                    "done_today": progress.done_today,
                    "flare_today": progress.flare_today,
                    "sessions_this_week": progress.this_week,
                    "weekly_goal": progress.weekly_goal,
                    "streak_days": progress.streak,
                }),
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn report(args: ReportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let to = match &args.to {
        Some(text) => parse_day("--to", text)?,
        None => env.clock.today(),
    };
    let from = match &args.from {
        Some(text) => parse_day("--from", text)?,
        None => crate::insights::report::default_from(to),
    };
    if from > to {
        bail!("--from {from} is after --to {to}; the window must run forwards");
    }
    let store = env.read_store()?;
    let report = crate::overview::report(&store, from, to, env.config.weekly_goal)?;
    match args.format {
        ReportFormat::Text => write!(out, "{}", report.text())?,
        ReportFormat::Markdown => write!(out, "{}", report.markdown())?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// One day of `limber history`.
#[derive(Debug, serde::Serialize)]
struct HistoryDay {
    date: String,
    checkins: u32,
    pain: Option<f64>,
    anxiety: Option<f64>,
    mood: Option<f64>,
    fear: Option<f64>,
    sessions: u32,
    active_minutes: u32,
}

fn history(args: HistoryArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    use crate::model::Scale;
    let to = env.clock.today();
    let from = to - Duration::days(i64::from(args.days) - 1);
    let store = env.read_store()?;
    let checkins = store.daily_checkins(from, to)?;
    let sessions = store.daily_sessions(from, to)?;
    let round1 = |x: Option<f64>| x.map(|v| (v * 10.0).round() / 10.0);
    let mut days = Vec::with_capacity(args.days as usize);
    let (mut c, mut s) = (checkins.iter().peekable(), sessions.iter().peekable());
    let mut day = from;
    while day <= to {
        let checkin = c.next_if(|d| d.date == day);
        let session = s.next_if(|d| d.date == day);
        days.push(HistoryDay {
            date: day.to_string(),
            checkins: checkin.map_or(0, |d| d.n),
            pain: round1(checkin.and_then(|d| d.mean(Scale::Pain))),
            anxiety: round1(checkin.and_then(|d| d.mean(Scale::Anxiety))),
            mood: round1(checkin.and_then(|d| d.mean(Scale::Mood))),
            fear: round1(checkin.and_then(|d| d.mean(Scale::Fear))),
            sessions: session.map_or(0, |d| d.sessions),
            active_minutes: session.map_or(0, |d| (d.active_seconds + 30) / 60),
        });
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    let cell = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.1}"));
    match args.format {
        HistoryFormat::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "from": from.to_string(),
                    "to": to.to_string(),
                    "days": days,
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
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it,
/// synced, then renamed over. Readable by the owner only.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("--out {} is not a file name", path.display()))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".limber-tmp");
    let tmp = dir.join(tmp_name);
    let result = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}

fn export(args: ExportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let store = env.read_store()?;
    let mut doc = store.export()?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            doc.exported_at = Some(crate::store::utc_text(env.clock.now()));
            serde_json::to_writer_pretty(&mut bytes, &doc)?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => transfer::write_checkins_csv(&doc.checkins, &mut bytes)?,
    }
    match &args.out {
        Some(path) => {
            write_atomically(path, &bytes)?;
            match args.format {
                ExportFormat::Json => eprintln!(
                    "Exported {} sessions and {} check-ins to {}.",
                    doc.sessions.len(),
                    doc.checkins.len(),
                    path.display()
                ),
                ExportFormat::Csv => {
                    eprintln!(
                        "Exported {} check-ins to {}.",
                        doc.checkins.len(),
                        path.display()
                    )
                }
            }
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// Larger than any real diary; refuses a file that would exhaust memory.
const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

fn import(args: ImportArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::stdin().lock().take(MAX_IMPORT_BYTES + 1),
            &mut bytes,
        )?;
        bytes
    } else {
        let size = std::fs::metadata(&args.file)
            .with_context(|| format!("cannot read {}", args.file.display()))?
            .len();
        if size > MAX_IMPORT_BYTES {
            bail!(
                "{} is {size} bytes; an export is never that large",
                args.file.display()
            );
        }
        std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?
    };
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        bail!("the input is over {MAX_IMPORT_BYTES} bytes; an export is never that large");
    }
    let doc = Export::from_json(&bytes).map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    doc.validate()
        .map_err(|e| anyhow!("{}: {e}; nothing was imported", args.file.display()))?;
    let mut store = env.open_store()?;
    let summary = store
        .import(&doc)
        .with_context(|| format!("{}: nothing was imported", args.file.display()))?;
    writeln!(
        out,
        "Imported {} sessions ({} exercises) and {} check-ins; {} already here.",
        summary.sessions_added, summary.exercises_added, summary.checkins_added, summary.skipped
    )?;
    Ok(())
}

use std::io::Read as _;

fn doctor(args: DoctorArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    use crate::store::doctor;
    let db = env.paths.db_file();
    if args.restore {
        let _claim = if env.paths.data_dir.is_dir() {
            Some(crate::store::Claim::whole(&env.paths.data_dir)?)
        } else {
            None
        };
        if db.exists() && !args.force && doctor::inspect(&db)?.is_ok() {
            bail!(
                "{} checks as healthy; restoring would go back to an older copy — add --force if that is what you want",
                db.display()
            );
        }
        let stamp = crate::store::utc_text(env.clock.now()).replace([':', '-'], "");
        let (backup, moved) = doctor::restore_newest(&db, &stamp)?;
        writeln!(out, "Restored {} as {}.", backup.display(), db.display())?;
        if let Some(moved) = moved {
            writeln!(out, "The file it replaced is kept as {}.", moved.display())?;
        }
        return Ok(());
    }
    if !db.exists() {
        writeln!(
            out,
            "No store yet at {}: it is made on first use.",
            db.display()
        )?;
        return Ok(());
    }
    let health = doctor::inspect(&db)?;
    writeln!(out, "Store: {} ({} bytes)", db.display(), health.size)?;
    match health.schema_version {
        Some(v) => writeln!(
            out,
            "Schema version: {v} (this limber knows up to {})",
            crate::store::SCHEMA_VERSION
        )?,
        None => writeln!(out, "Schema version: unreadable")?,
    }
    if health.integrity == ["ok"] {
        writeln!(out, "Integrity: ok")?;
    } else {
        writeln!(out, "Integrity: problems found")?;
        for line in &health.integrity {
            writeln!(out, "  {}", one_line(line))?;
        }
    }
    if health.foreign_key_problems > 0 {
        writeln!(
            out,
            "Links between rows: {} broken",
            health.foreign_key_problems
        )?;
    }
    if let Some((checkins, sessions, exercises)) = health.counts {
        writeln!(
            out,
            "Holds: {checkins} check-ins, {sessions} sessions, {exercises} exercise records"
        )?;
    }
    if health.backups.is_empty() {
        writeln!(
            out,
            "Backups: none (one is kept before each schema upgrade)"
        )?;
    } else {
        writeln!(out, "Backups (newest first):")?;
        for b in &health.backups {
            writeln!(out, "  {} ({} bytes)", b.path.display(), b.size)?;
        }
    }
    if !health.is_ok() {
        let advice = if health.backups.is_empty() {
            "`limber export` saves what can still be read"
        } else {
            "`limber export` saves what can still be read; `limber doctor --restore` puts the newest backup back"
        };
        bail!("{} has problems; {advice}", db.display());
    }
    Ok(())
}

fn sample_data(args: SampleArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let mut store = env.open_store()?;
    let (checkins, sessions) = store.counts()?;
    if checkins > 0 || sessions > 0 {
        bail!(
            "{} already holds {checkins} check-ins and {sessions} sessions; sample-data only fills an empty store (try --data-dir /tmp/limber-demo)",
            store.path().display()
        );
    }
    let routines = routine::builtins();
    let doc = crate::sample::generate(
        args.years,
        env.clock.today(),
        env.clock.offset(),
        args.seed,
        &routines,
    );
    let summary = store.import(&doc)?;
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
        store.path().display()
    )?;
    Ok(())
}
