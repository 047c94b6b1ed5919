//! The command line's clap types: `Cli`, its subcommands, their arguments and
//! the parsers for their values.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::CheckInKind;

#[derive(Debug, Parser)]
#[command(
    name = "limber",
    version,
    about = "A calm companion for living with back pain: guided exercise, check-ins, and your own numbers.",
    long_about = "A calm companion for living with back pain: guided exercise routines with \
                  timers, pain / anxiety / mood check-ins, and charts of your own numbers. \
                  Everything stays on this machine in one SQLite file.\n\n\
                  Run without a command to open the app. limber is not a doctor: see the README's \
                  safety note, or `limber safety`, for the signs that need help now."
)]
pub struct Cli {
    /// Folder for limber.db [default: $LIMBER_DATA_DIR, else ~/.local/share/limber]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Folder for config.toml and routines/ [default: $LIMBER_CONFIG, else ~/.config/limber]
    #[arg(long = "config", value_name = "DIR", global = true)]
    pub config_dir: Option<PathBuf>,
    /// Plain lines for a screen reader: no full-screen drawing, numbered
    /// choices (also with LIMBER_PLAIN=1, TERM=dumb, or no terminal)
    #[arg(long, global = true)]
    pub plain: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app straight into a routine (check-in first, then the timer)
    Run {
        /// The routine's slug, as `limber routines list` shows it
        slug: String,
        /// Its gentle version: shorter holds, fewer sets (for a hard day)
        #[arg(long)]
        gentle: bool,
    },
    /// Record how you are: pain, anxiety and mood, 0 (none) to 10 (worst / best)
    Checkin(CheckinArgs),
    /// Log a session done away from the keyboard: a walk, a swim, a bike ride
    Log(LogArgs),
    /// List, show and check routines
    #[command(subcommand)]
    Routines(RoutinesCommand),
    /// One line for a shell prompt: today, this week against the goal, the streak
    Status(StatusArgs),
    /// Fitness self-tests: record a result, list them, read how each is done
    #[command(subcommand)]
    Fitness(super::fitness::FitnessCommand),
    /// The WHO-5 Well-Being Index: five questions about the last two weeks
    Wellbeing(super::fitness::WellbeingArgs),
    /// RAND-36 physical functioning: ten everyday activities your health may limit
    Function(super::rand36::Rand36Args),
    /// RAND-36 emotional well-being (the MHI-5): five questions about the past 4 weeks
    MentalHealth(super::rand36::Rand36Args),
    /// Mark a day as a flare-up: a rest day you chose, that keeps your streak
    Flare(FlareArgs),
    /// Follow a programme: weeks of routines that step up when your back is ready
    #[command(subcommand, visible_alias = "program")]
    Programme(super::programme::ProgrammeCommand),
    /// Your graded exposure ladder: everyday activities you fear, the harm you expect, each try
    #[command(subcommand)]
    Fear(super::fear::FearCommand),
    /// Your progress over twelve weeks (or a window you choose), in plain words
    Report(ReportArgs),
    /// Daily means and sessions of the last days
    History(HistoryArgs),
    /// List entries (check-ins, sessions, flare days, fitness results and WHO-5s) with their ids, newest first
    Entries(EntriesArgs),
    /// Correct an entry: change only the values given
    Edit(EditArgs),
    /// Delete an entry (a session's check-ins too with --with-checkins)
    Delete(DeleteArgs),
    /// Take back the last edit, delete or new entry; again, the one before
    Undo,
    /// Write your whole history as JSON (everything) or CSV (check-ins)
    Export(ExportArgs),
    /// Read a JSON export back; rows already here are skipped
    Import(ImportArgs),
    /// Meet your other computers through a folder a sync tool keeps alike
    Sync(super::sync::SyncArgs),
    /// Fill an empty store with a made-up history, for a demo or a benchmark
    SampleData(SampleArgs),
    /// Check the store (changing nothing), or put its newest backup back
    Doctor(DoctorArgs),
    /// Copy the whole store to a file, safely even while limber is open
    Backup(BackupArgs),
    /// Put a backup in place of the store; the current one is kept aside
    Restore(RestoreArgs),
    /// Draw one screen as plain text, without entering the app
    Screen(ScreenArgs),
    /// The signs that need help now: call 999 or go to A&E, or an urgent GP appointment or NHS 111
    Safety {
        /// text, or json
        #[arg(long, value_enum, default_value_t = SafetyFormat::Text)]
        format: SafetyFormat,
    },
    /// List every key: each action's name for config.toml's [keys], its keys and where it works
    Keys {
        /// text (your keys), or markdown (a table, as in the README)
        #[arg(long, value_enum, default_value_t = KeysFormat::Text)]
        format: KeysFormat,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SafetyFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeysFormat {
    Text,
    Markdown,
}

/// A 0–10 scale value.
fn scale() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=10)
}

#[derive(Debug, clap::Args)]
pub struct CheckinArgs {
    // The three scales are required, but checked after parsing: a note
    // naming an emergency sign is answered with the list even when a
    // scale was left out and nothing can be saved.
    /// Pain, 0 (no pain) to 10 (worst imaginable) (required)
    #[arg(long, value_parser = scale())]
    pub pain: Option<u8>,
    /// Anxiety, 0 (calm) to 10 (worst imaginable) (required)
    #[arg(long, value_parser = scale())]
    pub anxiety: Option<u8>,
    /// Mood, 0 (very low) to 10 (very good) (required)
    #[arg(long, value_parser = scale())]
    pub mood: Option<u8>,
    /// Fear of movement, 0 (none) to 10 (afraid to move at all)
    #[arg(long, value_parser = scale())]
    pub fear: Option<u8>,
    /// A few words to remember the day by
    #[arg(long)]
    pub note: Option<String>,
    /// Whether it is before or after a session, or a daily check-in
    #[arg(long, value_enum, default_value_t = ContextArg::Daily)]
    pub context: ContextArg,
    /// What was going on, a word or two ("poor sleep", "travel"); once for each; `none` when nothing was
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Where it hurts: neck, upper-back, lower-back, buttock-left / -right,
    /// thigh-left / -right, leg-below-knee-left / -right, foot-left / -right; once for each; `none` for nowhere
    #[arg(long = "where", value_name = "REGION")]
    pub regions: Vec<String>,
    /// What you took or did for it, with an amount if you like ("ibuprofen 400 mg", "heat pack"); once for each; `none` for nothing
    #[arg(long, value_name = "TREATMENT")]
    pub took: Vec<String>,
    /// When: RFC 3339, or local YYYY-MM-DD, "YYYY-MM-DD HH:MM", YYYY-MM-DDTHH:MM[:SS] [default: now]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ContextArg {
    Before,
    After,
    Daily,
}

impl From<ContextArg> for CheckInKind {
    fn from(c: ContextArg) -> CheckInKind {
        match c {
            ContextArg::Before => CheckInKind::Before,
            ContextArg::After => CheckInKind::After,
            ContextArg::Daily => CheckInKind::Daily,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// A routine's slug, or any activity in your words ("walk", "swimming")
    pub activity: String,
    /// How long it took, in minutes
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: u32,
    /// When it started: as for `checkin --at` [default: it just ended]
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// A few words about it
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RoutinesCommand {
    /// Every routine: slug, name, exercises, total time, source (broken files with their error)
    List,
    /// One routine in full
    Show {
        /// The routine's slug (its file name without .toml)
        slug: String,
        /// Show its gentle version (shorter holds, fewer sets)
        #[arg(long)]
        gentle: bool,
    },
    /// Write a new routine file from a commented template and print its path
    New {
        /// The routine's name ("Evening stretch"); its file is named from it
        name: String,
    },
    /// Open a routine in $VISUAL / $EDITOR (a built-in is first copied as your own)
    Edit {
        /// The routine's slug
        slug: String,
    },
    /// Check routine files; prints file:line:col: message for each problem
    Check {
        /// Routine files to check
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    /// For a shell's start-up file: one line only when today has no session
    /// yet (and is not a rest day), nothing otherwise
    #[arg(long, conflicts_with = "format")]
    pub nag: bool,
}

#[derive(Debug, clap::Args)]
pub struct FlareArgs {
    /// The day, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// A few words about it
    #[arg(long, conflicts_with = "clear")]
    pub note: Option<String>,
    /// Take the mark back
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
    /// One page to print: open it in a browser and print it (A4 or Letter)
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// First day of the window, YYYY-MM-DD [default: twelve weeks before --to]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the window, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// List the notes written in the window too (left out by default: a
    /// report is often shown to someone else)
    #[arg(long)]
    pub notes: bool,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// How many days, ending today
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=36600))]
    pub days: u32,
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    /// One FHIR R4 Bundle (type collection), for a clinic's record system
    Fhir,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// With --format fhir: the first day to take, YYYY-MM-DD [default: the first recorded]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// With --format fhir: the last day to take, YYYY-MM-DD [default: the last recorded]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// With --format fhir: take the notes too (left out by default)
    #[arg(long)]
    pub notes: bool,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A file written by `limber export` (- for standard input)
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ScreenArgs {
    /// today, trends, activity, sessions, exercises, report, diary, progress, checkin, bodymap, fitness, who5, programme, favourites, or a routine's slug
    pub name: String,
    /// Width and height in cells
    #[arg(long, default_value = "80x24", value_parser = parse_size)]
    pub size: (u16, u16),
    /// History's range: 2w, 3m, 1y or all
    #[arg(long, default_value = "3m", value_parser = crate::insights::Range::parse)]
    pub range: crate::insights::Range,
}

fn parse_size(text: &str) -> std::result::Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("\"{text}\" is not a size; write it as WIDTHxHEIGHT, e.g. 80x24"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| format!("\"{text}\" is not a size; each side is 1 to 1000 cells"))
    };
    Ok((parse(w)?, parse(h)?))
}

#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Put the newest backup (limber.db.vN.bak) in place of limber.db; the
    /// current file is moved aside, not deleted. Only for a store with
    /// problems, unless --force; close limber first
    #[arg(long)]
    pub restore: bool,
    /// With --restore: restore even a store that checks as healthy
    #[arg(long, requires = "restore")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy; never over an existing file [default:
    /// limber-backup-YYYYMMDDTHHMMSSZ.db in the data folder]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A backup made by `limber backup` (or a copy of limber.db); it is
    /// checked first and only read. Close limber first
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// Years of history to make up
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub years: u32,
    /// Seed for the made-up history (the same seed gives the same history)
    #[arg(long, default_value_t = 2003)]
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntryKindArg {
    Checkin,
    Session,
    Flare,
    Fitness,
    Wellbeing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntriesFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct EntriesArgs {
    /// The first day (YYYY-MM-DD); without it, from the first entry
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day (YYYY-MM-DD); without it, up to today
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only entries of this kind
    #[arg(long, value_enum)]
    pub kind: Option<EntryKindArg>,
    #[arg(long, value_enum, default_value_t = EntriesFormat::Text)]
    pub format: EntriesFormat,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The entry's id as `limber entries` shows it (or any longer start of it)
    pub id: String,
    /// Pain, 0 to 10
    #[arg(long, value_parser = scale())]
    pub pain: Option<u8>,
    /// Anxiety, 0 to 10
    #[arg(long, value_parser = scale())]
    pub anxiety: Option<u8>,
    /// Mood, 0 to 10
    #[arg(long, value_parser = scale())]
    pub mood: Option<u8>,
    /// Fear of movement, 0 to 10
    #[arg(long, value_parser = scale(), conflicts_with = "no_fear")]
    pub fear: Option<u8>,
    /// Take the fear of movement away
    #[arg(long)]
    pub no_fear: bool,
    /// A new note ("" takes it away)
    #[arg(long)]
    pub note: Option<String>,
    /// A check-in's tag to add; once for each
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// A check-in's tag to take away (in any capitals); once for each
    #[arg(long, value_name = "TAG")]
    pub untag: Vec<String>,
    /// A place to add to a check-in's "where it hurts", as for `checkin
    /// --where`; `none` clears them first
    #[arg(long = "where", value_name = "REGION")]
    pub regions: Vec<String>,
    /// A treatment to add to a check-in; `none` clears them first
    #[arg(long, value_name = "TREATMENT")]
    pub took: Vec<String>,
    /// When it happened, as for `checkin --at`
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// A logged session's length in minutes
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
    /// A session's exercise rating, EXERCISE=N: the exercise by name or by
    /// its place (1 for the first), N from 1 to 5, or `none` to take the
    /// rating away; once for each exercise
    #[arg(long, value_name = "EXERCISE=N")]
    pub rating: Vec<String>,
    /// A fitness result's count: stands, steps or seconds
    #[arg(long, value_name = "N")]
    pub value: Option<String>,
    /// A WHO-5's five answers in order, each 0 to 5
    #[arg(long, value_name = "N,N,N,N,N")]
    pub answers: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The entry's id as `limber entries` shows it (or any longer start of it)
    pub id: String,
    /// With a session, delete its before / after check-ins too
    #[arg(long)]
    pub with_checkins: bool,
}
