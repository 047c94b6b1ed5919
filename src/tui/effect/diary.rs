//! The Diary's changes carried out: a correction, a delete, an undo. Each is
//! one store transaction, logged for undo, and is answered with what to say
//! (and a line for Today when it touched the last check-in) or with why
//! nothing changed. Nothing typed is lost on a refusal: the form that asked
//! stays open with it.

use anyhow::{Result, bail};
use time::Duration;

use crate::env::Env;
use crate::keymap::Action;
use crate::model::{CheckInContext, Correction, Entry, EntryKind};
use crate::store::Store;
use crate::tui::app::Msg;
use crate::tui::keys;
use crate::tui::screens::history::diary::{DiaryChange, DiaryEntry, kind_name, values};

/// The entry as the store holds it now, if it is there (not deleted).
fn entry(store: &Store, uuid: &str, env: &Env) -> Result<Option<DiaryEntry>> {
    let Some(found) = store
        .entries_by_prefix(uuid)?
        .into_iter()
        .find(|e| e.uuid == uuid)
    else {
        return Ok(None);
    };
    let with = match found.kind() {
        EntryKind::CheckIn => store.checkin_context(uuid)?.unwrap_or_default(),
        _ => Default::default(),
    };
    Ok(Some(DiaryEntry::with(found, with, &env.clock)))
}

/// The UUID of the check-in Today shows as the last one.
fn last(store: &Store) -> Result<Option<String>> {
    Ok(store.last_checkin()?.map(|c| c.uuid))
}

fn undo_key(env: &Env) -> String {
    keys::first(&env.config.keys, Action::Undo)
}

/// "08:12" for today's check-in, "2026-11-28 08:12" for an older one; a
/// flare-up day, which has no time, by its date.
fn short_when(e: &DiaryEntry, env: &Env) -> String {
    if e.entry.local_date == env.clock.today() && !e.time.is_empty() {
        e.time.clone()
    } else {
        e.when()
    }
}

/// "check-in of 08:12 (pain 4, anxiety 3, mood 6)": as `described`, with
/// the date only when it is not today's.
fn described(e: &DiaryEntry, env: &Env) -> String {
    format!(
        "{} of {} ({})",
        kind_name(e.entry.kind()),
        short_when(e, env),
        values(&e.entry)
    )
}

/// The answer to the app: the change, or why there was none.
fn answer(result: Result<DiaryChange>, nothing: &str) -> Msg {
    match result {
        Ok(change) => Msg::DiaryChanged(Box::new(change)),
        Err(e) => {
            tracing::warn!("{nothing}: {e:#}");
            Msg::DiaryFailed(format!("{nothing}: {e:#}."))
        }
    }
}

fn change(env: &Env, said: String, today: Option<String>, last: Option<String>) -> DiaryChange {
    DiaryChange {
        said,
        today,
        day: env.clock.today(),
        last,
    }
}

pub(super) fn correct(
    store: &mut Store,
    env: &Env,
    kind: EntryKind,
    uuid: &str,
    correction: (&Correction, Option<&CheckInContext>),
    seen: &Entry,
) -> Msg {
    answer(
        corrected(store, env, kind, uuid, correction, seen),
        "Nothing was corrected",
    )
}

fn corrected(
    store: &mut Store,
    env: &Env,
    kind: EntryKind,
    uuid: &str,
    (correction, with): (&Correction, Option<&CheckInContext>),
    seen: &Entry,
) -> Result<DiaryChange> {
    let before = last(store)?;
    let Some(was) = entry(store, uuid, env)? else {
        bail!("that entry is no longer in the diary (deleted meanwhile)");
    };
    if was.entry != *seen {
        bail!(
            "it was changed elsewhere since this form opened; Esc, and open it again to see it as it is now"
        );
    }
    if *correction == Correction::default() && with.is_none() {
        bail!("nothing in the form differs from what is kept; Esc leaves it as it is");
    }
    if kind == EntryKind::Session
        && let Some(seconds) = correction.seconds
    {
        let ends = was.entry.at + Duration::seconds(i64::from(seconds));
        if ends > env.clock.now() + Duration::minutes(1) {
            bail!(
                "{} minutes from {} would end after now; a session ends by the time it is recorded",
                seconds / 60,
                was.time
            );
        }
    }
    let done = match (kind, with) {
        (EntryKind::CheckIn, Some(with)) => {
            store.correct_checkin(uuid, correction, Some(with), env.clock.now())?
        }
        _ => store.correct(kind, uuid, correction, env.clock.now())?,
    };
    if !done {
        bail!("that entry is no longer in the diary (deleted meanwhile)");
    }
    let now = entry(store, uuid, env)?.unwrap_or(was);
    let after = last(store)?;
    let key = undo_key(env);
    let today = (kind == EntryKind::CheckIn
        && [&before, &after].iter().any(|l| l.as_deref() == Some(uuid)))
    .then(|| {
        format!(
            "Your {} check-in was corrected — {key} in History › Diary undoes it",
            short_when(&now, env)
        )
    });
    let said = format!("Corrected the {}. {key} undoes it.", described(&now, env));
    Ok(change(env, said, today, after))
}

pub(super) fn delete(
    store: &mut Store,
    env: &Env,
    kind: EntryKind,
    uuid: &str,
    with_checkins: bool,
) -> Msg {
    answer(
        deleted(store, env, kind, uuid, with_checkins),
        "Nothing was deleted",
    )
}

fn deleted(
    store: &mut Store,
    env: &Env,
    kind: EntryKind,
    uuid: &str,
    with_checkins: bool,
) -> Result<DiaryChange> {
    let before = last(store)?;
    let Some(was) = entry(store, uuid, env)? else {
        bail!("that entry is no longer in the diary (deleted meanwhile)");
    };
    let checkins = match kind {
        EntryKind::Session => store.session_checkin_uuids(uuid)?,
        _ => Vec::new(),
    };
    let mut targets = vec![(kind, uuid)];
    if with_checkins {
        targets.extend(checkins.iter().map(|u| (EntryKind::CheckIn, u.as_str())));
    }
    store.delete_entries(&targets, env.clock.now())?;
    let key = undo_key(env);
    let rest = match (checkins.len(), with_checkins) {
        (0, _) => String::new(),
        (n, true) => format!(
            ", and its {}",
            crate::text::counted(n, "check-in", "check-ins")
        ),
        (n, false) => format!(
            "; its {} {} kept",
            crate::text::counted(n, "check-in", "check-ins"),
            if n == 1 { "was" } else { "were" }
        ),
    };
    let gone = targets
        .iter()
        .any(|(k, u)| *k == EntryKind::CheckIn && before.as_deref() == Some(*u));
    let today = gone.then(|| {
        format!(
            "Your {} check-in was deleted — {key} in History › Diary brings it back",
            if kind == EntryKind::CheckIn {
                short_when(&was, env)
            } else {
                "last".to_string()
            }
        )
    });
    let said = format!(
        "Deleted the {}{rest}. {key} brings it back.",
        described(&was, env)
    );
    Ok(change(env, said, today, last(store)?))
}

pub(super) fn undo(store: &mut Store, env: &Env) -> Msg {
    answer(undone(store, env), "Nothing was undone")
}

fn undone(store: &mut Store, env: &Env) -> Result<DiaryChange> {
    let before = last(store)?;
    let undone = store.undo(env.clock.now())?;
    let Some(first) = undone.last() else {
        bail!("no edit, delete or new entry is left to take back");
    };
    let after = last(store)?;
    let back = entry(store, &first.uuid, env)?;
    let what = back
        .as_ref()
        .map_or_else(|| kind_name(first.kind).to_string(), |e| described(e, env));
    let said = match first.action.as_str() {
        "add" => format!(
            "Undid the new {}: it is deleted again.",
            kind_name(first.kind)
        ),
        "edit" => format!("Undid the edit, as it was: {what}."),
        _ => {
            let more = match undone.len() {
                1 => String::new(),
                n => format!(
                    ", and its {}",
                    crate::text::counted(n - 1, "check-in", "check-ins")
                ),
            };
            format!("Brought back: {what}{more}.")
        }
    };
    let last_one = undone.iter().find(|u| {
        u.kind == EntryKind::CheckIn
            && [&before, &after]
                .iter()
                .any(|l| l.as_deref() == Some(&u.uuid))
    });
    let today = last_one.map(|u| {
        let when = entry(store, &u.uuid, env)
            .ok()
            .flatten()
            .map_or_else(|| "last".to_string(), |e| short_when(&e, env));
        match first.action.as_str() {
            "add" => "Your last check-in was undone: it is deleted again".to_string(),
            "edit" => format!("Your {when} check-in is as it was again (undone)"),
            _ => format!("Your {when} check-in came back (undone)"),
        }
    });
    Ok(change(env, said, today, after))
}
