//! limber's entry point: read the time zone, parse the command line, load
//! the config, then hand over to a command or to the app.

use std::process::ExitCode;

use clap::Parser;
use limber::cli::{Cli, Command};
use limber::clock::Clock;
use limber::config::{Config, Cosmetic, Paths};
use limber::env::Env;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`limber export | head`): not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let message = format!("{e:#}");
            tracing::error!("{message}");
            eprintln!("limber: {}", limber::text::one_line(&message));
            // A mistake in how the command was written exits 2, as the
            // README says and clap's own mistakes do.
            if limber::cli::is_usage(&e) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // The zone's rules, not one offset: dates stay right across a clock
    // change. UTC if the zone cannot be read, said in the log below.
    let (zone, zone_problem) = Clock::system_zone();
    let clock = match std::env::var("LIMBER_NOW") {
        // A pinned "now", for tests and reproducible demos.
        Ok(text) if !text.is_empty() => {
            let now =
                time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
                    .map_err(|e| {
                        anyhow::anyhow!("LIMBER_NOW \"{text}\" is not an RFC 3339 time: {e}")
                    })?;
            Clock::fixed(now, zone)
        }
        _ => Clock::system(zone),
    };
    let paths = Paths::resolve(cli.data_dir, cli.config_dir)?;
    limber::log::init(&paths.data_dir).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(problem) = zone_problem {
        tracing::warn!("cannot read the time zone ({problem}); using UTC");
    }
    // A mistake in how the app looks must not stop a person recording:
    // these commands read no cosmetic setting, so they warn and go on.
    let cosmetic = match cli.command {
        Some(Command::Checkin(_) | Command::Log(_) | Command::Flare(_) | Command::Export(_)) => {
            Cosmetic::Warn
        }
        _ => Cosmetic::Refuse,
    };
    let (config, warnings) = Config::load_with(&paths.config_dir, cosmetic)?;
    for warning in warnings {
        tracing::warn!("{warning}");
        eprintln!(
            "limber: warning: {}; using the default for now",
            limber::text::one_line(&warning.to_string())
        );
    }
    let env = Env {
        paths,
        config,
        clock,
    };
    // The app's flows in plain lines when asked, or with no screen to draw on.
    let plain = limber::plain::wanted(cli.plain);
    match cli.command {
        Some(Command::Run { slug, gentle }) if plain => {
            limber::plain::run(&env, Some((&slug, gentle)))
        }
        Some(command) => limber::cli::run(command, &env),
        None if plain => limber::plain::run(&env, None),
        None => limber::tui::run(&env, None, false),
    }
}
