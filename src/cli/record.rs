//! Commands that record what happened: `checkin`, `log` and `flare`.

use std::io::Write;

use anyhow::{Result, bail};
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::args::{CheckinArgs, FlareArgs, LogArgs};
use super::when::{parse_day, parse_when};
use crate::env::Env;
use crate::model::{CheckInContext, NewCheckIn, NewSession, Scales, SessionKind, SessionStatus};
use crate::text::{one_line, printable};

pub(super) fn clean_note(note: Option<String>) -> Result<Option<String>> {
    let Some(note) = note else { return Ok(None) };
    let note = note.trim().to_string();
    if note.chars().count() > 2000 {
        bail!(
            "--note is {} characters long; keep it under 2000",
            note.chars().count()
        );
    }
    Ok((!note.is_empty()).then_some(note))
}

/// An `--at` read, its note (a repeated hour) said on stderr.
pub(super) fn read_when(text: &str, env: &Env) -> Result<(OffsetDateTime, Date)> {
    let when = parse_when(text, &env.clock)?;
    if let Some(note) = &when.note {
        eprintln!("limber: {note}");
    }
    Ok((when.at, when.day))
}

/// Prints the line that confirms what was recorded. By now the record is
/// committed, so a failure to print (stdout on a full disk, or closed) must
/// not make the command fail: the user would record it again. What was done
/// is said on stderr instead, if that works; a reader that went away
/// (`| head -0`) wanted nothing more, as `main` treats it.
pub(super) fn confirm(out: &mut impl Write, done: &str, line: std::fmt::Arguments) {
    let printed = writeln!(out, "{line}").and_then(|()| out.flush());
    match printed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            tracing::warn!("{done}; the confirmation could not be printed: {e}");
            let _ = writeln!(
                std::io::stderr(),
                "limber: {done}, but the confirmation could not be printed ({e})"
            );
        }
        _ => {}
    }
}

pub(super) fn checkin(args: CheckinArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let (Some(pain), Some(anxiety), Some(mood)) = (args.pain, args.anxiety, args.mood) else {
        // Nothing is saved without the three scales; but signs named in
        // the note or the places are answered first, whatever is missing.
        let with = CheckInContext::parse_answered(&args.tag, &args.regions, &args.took)
            .unwrap_or_default();
        let warning = crate::safety::warning(crate::safety::Said {
            pain: args.pain.unwrap_or(0),
            before: None,
            with: &with,
            note: args.note.as_deref(),
        });
        if let Some(warning) = warning {
            writeln!(out, "{}", warning.lines().join("\n"))?;
        }
        let missing: Vec<&str> = [
            ("--pain", args.pain),
            ("--anxiety", args.anxiety),
            ("--mood", args.mood),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(name, _)| name)
        .collect();
        return Err(super::UsageError(format!(
            "the check-in was not saved: it needs {} (each 0 to 10), e.g. `limber checkin --pain 4 --anxiety 3 --mood 6`",
            missing.join(", ")
        ))
        .into());
    };
    let (at, local_date) = match &args.at {
        Some(text) => read_when(text, env)?,
        None => (env.clock.now(), env.clock.today()),
    };
    let note = clean_note(args.note)?;
    let with = CheckInContext::parse_answered(&args.tag, &args.regions, &args.took)
        .map_err(super::UsageError::of)?;
    let new = NewCheckIn {
        at,
        local_date,
        context: args.context.into(),
        session_id: None,
        scales: Scales {
            pain,
            anxiety,
            mood,
            fear: args.fear,
        },
        note,
    };
    let mut store = env.open_store()?;
    let uuid = uuid::Uuid::new_v4().to_string();
    let saved = store.add_checkin_with_context(&uuid, &new, &with)?;
    tracing::info!(uuid = %saved.uuid, "check-in saved");
    let fear = saved
        .scales
        .fear
        .map(|f| format!(", fear of movement {f}"))
        .unwrap_or_default();
    confirm(
        out,
        "the check-in was saved",
        format_args!(
            "Check-in saved for {}: pain {}, anxiety {}, mood {}{fear}.",
            saved.local_date, saved.scales.pain, saved.scales.anxiety, saved.scales.mood
        ),
    );
    if let Some(line) = context_line(&with) {
        confirm(out, "the check-in was saved", format_args!("{line}"));
    }
    let warning = crate::safety::warning(crate::safety::Said {
        pain: saved.scales.pain,
        before: None,
        with: &with,
        note: saved.note.as_deref(),
    });
    if let Some(warning) = warning {
        let lines = warning.lines().join("\n");
        confirm(out, "the check-in was saved", format_args!("{lines}"));
    }
    Ok(())
}

/// "With it, tags: poor sleep, travel; where: lower back; took: ibuprofen
/// 400 mg." `None` for a check-in with nothing beside it.
pub(super) fn context_line(with: &CheckInContext) -> Option<String> {
    context_parts(with).map(|parts| format!("With it, {parts}."))
}

/// "tags: poor sleep, travel; where: lower back; took: ibuprofen 400 mg".
pub(super) fn context_parts(with: &CheckInContext) -> Option<String> {
    let mut parts = Vec::new();
    if !with.tags.is_empty() {
        parts.push(format!("tags: {}", printable(&with.tags.join(", "), false)));
    }
    if !with.regions.is_empty() {
        let places: Vec<&str> = with.regions.iter().map(|r| r.label()).collect();
        parts.push(format!("where: {}", places.join(", ")));
    }
    if !with.took.is_empty() {
        let took: Vec<String> = with.took.iter().map(ToString::to_string).collect();
        parts.push(format!("took: {}", printable(&took.join(", "), false)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

pub(super) fn log(args: LogArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let activity = one_line(&args.activity);
    if activity.is_empty() {
        bail!("the activity is empty; say what you did, e.g. `limber log walk --minutes 30`");
    }
    if activity.chars().count() > 100 {
        bail!("the activity name is over 100 characters; keep it short");
    }
    let seconds = args.minutes * 60;
    // Filed on the day it started, as a session in the app is.
    let (started_at, local_date) = match &args.at {
        Some(text) => read_when(text, env)?,
        None => {
            let start = env.clock.now() - Duration::seconds(i64::from(seconds));
            (start, env.clock.local_date(start))
        }
    };
    let ends = session_end(started_at, args.minutes, env)?;
    let note = clean_note(args.note)?;
    let catalog = env.catalog();
    let routine = catalog.get(&activity);
    let mut store = env.open_store()?;
    let routine_id = match routine {
        Some(r) => Some(store.remember_routine(r, env.clock.now())?),
        None => None,
    };
    let session = store.add_session(&NewSession {
        routine_id,
        activity: routine.map_or_else(|| activity.clone(), |r| r.name.clone()),
        kind: SessionKind::Logged,
        status: SessionStatus::Completed,
        started_at,
        ended_at: Some(ends),
        local_date,
        planned_seconds: seconds,
        active_seconds: seconds,
        note,
        gentle: false,
    })?;
    // A session over midnight is filed on the day it started; say so, as
    // the user may look for it on the day it ended.
    let ended = session
        .ended_at
        .map_or(session.local_date, |t| env.clock.local_date(t));
    // (--minutes is at most a day, so the day before at most.)
    let started = if ended > session.local_date {
        " (it ran past midnight; it is filed on the day it started)"
    } else {
        ""
    };
    confirm(
        out,
        "the session was logged",
        format_args!(
            "Logged {} minutes of {} on {}{started}.",
            args.minutes,
            printable(&session.activity, false),
            session.local_date
        ),
    );
    Ok(())
}

/// The end of a logged session of `minutes` from `started_at`; one that
/// would end after now is refused.
pub(super) fn session_end(
    started_at: OffsetDateTime,
    minutes: u32,
    env: &Env,
) -> Result<OffsetDateTime> {
    let ends = started_at + Duration::minutes(i64::from(minutes));
    if ends > env.clock.now() + Duration::minutes(1) {
        bail!(
            "{minutes} minutes from {} ends after now; log a session once it is over",
            env.clock
                .local(started_at)
                .time()
                .format(format_description!("[hour]:[minute]"))?
        );
    }
    Ok(ends)
}

pub(super) fn flare(args: FlareArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let today = env.clock.today();
    let day = match &args.at {
        Some(text) => parse_day("--at", text)?,
        None => today,
    };
    if day > today {
        bail!("--at {day} is in the future; mark a flare-up on the day it happens");
    }
    let note = clean_note(args.note)?;
    let mut store = env.open_store()?;
    if args.clear {
        if store.clear_flare(day, env.clock.now())? {
            confirm(
                out,
                "the flare-up mark was taken back",
                format_args!("{day} is no longer marked as a flare-up."),
            );
        } else {
            confirm(
                out,
                "nothing was changed",
                format_args!("{day} was not marked as a flare-up; nothing to take back."),
            );
        }
    } else if store.mark_flare(day, note.as_deref(), env.clock.now())? {
        confirm(
            out,
            "the flare-up was saved",
            format_args!(
                "{day} is a flare-up: a rest day you chose. It keeps your streak and asks for one session less this week."
            ),
        );
    } else {
        confirm(
            out,
            "nothing was changed",
            format_args!("{day} was already marked as a flare-up."),
        );
    }
    Ok(())
}
