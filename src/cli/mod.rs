//! The command line without the TUI, one file per group of commands. Each
//! checks all of its input before it opens the store, so a rejected one writes nothing.

use std::io::Write;

use anyhow::Result;

use crate::env::Env;

/// A mistake in how a command was written (a day range backwards, a word
/// that is not a place): limber exits 2 for it, as for clap's own.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

impl UsageError {
    /// A word given on the command line that is not one limber takes.
    pub fn of(error: impl std::fmt::Display) -> UsageError {
        UsageError(error.to_string())
    }
}

/// Whether `error` is a usage mistake: exit status 2.
pub fn is_usage(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|c| c.downcast_ref::<UsageError>().is_some())
}

mod args;
mod backup;
mod data;
mod diary;
mod fear;
mod fhir;
mod fitness;
mod json;
mod overview;
mod programme;
mod rand36;
mod record;
mod report_html;
mod routines;
mod safety;
mod sync;
mod when;

pub use args::{
    BackupArgs, CheckinArgs, Cli, Command, ContextArg, DoctorArgs, ExportArgs, ExportFormat,
    FlareArgs, HistoryArgs, HistoryFormat, ImportArgs, KeysFormat, LogArgs, ReportArgs,
    ReportFormat, RestoreArgs, RoutinesCommand, SafetyFormat, SampleArgs, ScreenArgs, StatusArgs,
    StatusFormat,
};
pub use fear::FearCommand;
pub use programme::ProgrammeCommand;
pub use routines::describe;
pub use when::{When, parse_when};

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
        Command::Routines(RoutinesCommand::List) => routines::list(env, &mut out),
        Command::Routines(RoutinesCommand::Show { slug, gentle }) => {
            routines::show(&slug, gentle, env, &mut out)
        }
        Command::Routines(RoutinesCommand::Check { files }) => routines::check(&files, &mut out),
        Command::Routines(RoutinesCommand::New { name }) => routines::new(&name, env, &mut out),
        Command::Routines(RoutinesCommand::Edit { slug }) => routines::edit(&slug, env, &mut out),
        Command::Status(args) => overview::status(args, env, &mut out),
        Command::Flare(args) => record::flare(args, env, &mut out),
        Command::Programme(command) => programme::run(command, env, &mut out),
        Command::Fear(command) => fear::run(command, env, &mut out),
        Command::Report(args) => overview::report(args, env, &mut out),
        Command::History(args) => overview::history(args, env, &mut out),
        Command::Entries(args) => diary::entries(args, env, &mut out),
        Command::Edit(args) => diary::edit(args, env, &mut out),
        Command::Delete(args) => diary::delete(args, env, &mut out),
        Command::Undo => diary::undo(env, &mut out),
        Command::Fitness(command) => fitness::fitness(command, env, &mut out),
        Command::Wellbeing(args) => fitness::wellbeing(args, env, &mut out),
        Command::Function(args) => rand36::run(
            crate::model::Rand36Scale::PhysicalFunctioning,
            args,
            env,
            &mut out,
        ),
        Command::MentalHealth(args) => rand36::run(
            crate::model::Rand36Scale::EmotionalWellBeing,
            args,
            env,
            &mut out,
        ),
        Command::Export(args) => data::export(args, env, &mut out),
        Command::Import(args) => data::import(args, env, &mut out),
        Command::Sync(args) => sync::sync(args, env, &mut out),
        Command::SampleData(args) => data::sample_data(args, env, &mut out),
        Command::Doctor(args) => backup::doctor(args, env, &mut out),
        Command::Backup(args) => backup::backup(args, env, &mut out),
        Command::Restore(args) => backup::restore(args, env, &mut out),
        Command::Safety { format } => safety::show(format, &mut out),
        Command::Keys { format } => overview::keys(format, env, &mut out),
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
