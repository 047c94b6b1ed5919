//! Correcting the diary: `entries` lists what was recorded with short ids,
//! `edit` and `delete` correct an entry by its id, `undo` takes the last
//! change back.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Result, bail};
use time::Date;
use time::macros::format_description;

use super::args::{DeleteArgs, EditArgs, EntriesArgs, EntriesFormat, EntryKindArg};
use super::record::{clean_note, context_line, context_parts, read_when, session_end};
use super::when::parse_day;
use crate::env::Env;
use crate::model::{
    CheckInContext, CheckInKind, Correction, Entry, EntryKind, EntryValues, Region, Treatment,
    Who5, short_id_lengths, word_key,
};
use crate::store::Store;
use crate::text::{one_line, printable};

impl From<EntryKindArg> for EntryKind {
    fn from(kind: EntryKindArg) -> EntryKind {
        match kind {
            EntryKindArg::Checkin => EntryKind::CheckIn,
            EntryKindArg::Session => EntryKind::Session,
            EntryKindArg::Flare => EntryKind::Flare,
            EntryKindArg::Fitness => EntryKind::Fitness,
            EntryKindArg::Wellbeing => EntryKind::Wellbeing,
        }
    }
}

/// The short id of every entry, by UUID.
fn short_ids(store: &Store) -> Result<HashMap<String, String>> {
    let uuids = store.entry_uuids()?;
    let refs: Vec<&str> = uuids.iter().map(String::as_str).collect();
    let lengths = short_id_lengths(&refs);
    Ok(uuids
        .iter()
        .zip(lengths)
        .map(|(u, n)| (u.clone(), u.chars().take(n).collect()))
        .collect())
}

fn short<'a>(ids: &'a HashMap<String, String>, uuid: &'a str) -> &'a str {
    ids.get(uuid)
        .map_or_else(|| uuid.get(..8).unwrap_or(uuid), String::as_str)
}

/// The entry an id (a UUID or any start of one) names; none, or more than
/// one, is an error that says which.
fn find(store: &Store, id: &str, env: &Env) -> Result<Entry> {
    let prefix = id.trim().to_lowercase();
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        bail!(
            "\"{}\" is not an entry id; `limber entries` lists them",
            one_line(id)
        );
    }
    let mut found = store.entries_by_prefix(&prefix)?;
    match found.len() {
        0 => bail!("no entry has the id {prefix}; `limber entries` lists them"),
        1 => Ok(found.remove(0)),
        n => {
            let ids = short_ids(store)?;
            let list: Vec<String> = found
                .iter()
                .map(|e| format!("{} ({})", short(&ids, &e.uuid), headline(e, env)))
                .collect();
            bail!(
                "{prefix} matches {n} entries: {}; give more of the id",
                list.join(", ")
            )
        }
    }
}

pub(super) fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "check-in",
        EntryKind::Session => "session",
        EntryKind::Flare => "flare-up",
        EntryKind::Fitness => "fitness result",
        EntryKind::Wellbeing => "WHO-5",
    }
}

/// The kind in the list's column, eight wide.
fn column_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Fitness => "fitness",
        _ => kind_name(kind),
    }
}

/// "check-in, 2026-11-24 08:30": what an entry is, and when.
fn headline(e: &Entry, env: &Env) -> String {
    format!("{}, {}", kind_name(e.kind()), local_time(e, env))
}

/// The local date and time of an entry; a flare-up is a whole day.
pub(super) fn local_time(e: &Entry, env: &Env) -> String {
    if e.kind() == EntryKind::Flare {
        return e.local_date.to_string();
    }
    let time = env
        .clock
        .local(e.at)
        .time()
        .format(format_description!("[hour]:[minute]"))
        .unwrap_or_default();
    format!("{} {time}", e.local_date)
}

/// The values of an entry in a few words.
fn values(e: &Entry) -> String {
    match &e.values {
        EntryValues::CheckIn { context, .. } => {
            let mut text = e.scores_text(["pain ", "anxiety ", "mood ", "fear "], ", ");
            if *context != CheckInKind::Daily {
                text.push_str(&format!(" ({})", context.as_str()));
            }
            text
        }
        // The app's words: "done", "ended early" (the JSON keeps the
        // stored "completed" and "aborted").
        EntryValues::Session { .. } => {
            e.session_text(", ", |name| printable(name, false).into_owned())
        }
        EntryValues::Flare => "a rest day you chose".to_string(),
        EntryValues::Fitness { .. } | EntryValues::Wellbeing { .. } => e.self_test_values(),
    }
}

/// "check-in 1a2b3c4d of 2026-11-24 08:30 (pain 5, …)".
fn described(e: &Entry, ids: &HashMap<String, String>, env: &Env) -> String {
    format!(
        "{} {} of {} ({})",
        kind_name(e.kind()),
        short(ids, &e.uuid),
        local_time(e, env),
        values(e)
    )
}

/// What went with a check-in, for `entries --format json`: `tags`, `where`
/// (the region names `--where` takes) and `took` ("ibuprofen 400 mg").
fn context_json(with: &CheckInContext) -> serde_json::Value {
    serde_json::json!({
        "tags": with.tags,
        "where": with.regions.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "took": with.took.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn json(e: &Entry, contexts: &HashMap<String, CheckInContext>) -> serde_json::Value {
    let mut object = serde_json::json!({
        "id": e.uuid,
        "kind": e.kind().as_str(),
        "at": crate::store::utc_text(e.at),
        "local_date": e.local_date.to_string(),
        "note": e.note,
    });
    let own = match &e.values {
        EntryValues::CheckIn { context, scales } => serde_json::json!({
            "pain": scales.pain, "anxiety": scales.anxiety, "mood": scales.mood,
            "fear": scales.fear, "context": context.as_str(),
        }),
        EntryValues::Session {
            routine,
            minutes,
            status,
        } => serde_json::json!({
            "routine": routine, "minutes": minutes, "status": status.as_str(),
        }),
        EntryValues::Flare => serde_json::json!({}),
        EntryValues::Fitness {
            test,
            value,
            practice,
        } => serde_json::json!({
            "test": test.as_str(), "value": value, "unit": test.unit(), "practice": practice,
        }),
        EntryValues::Wellbeing { answers } => serde_json::json!({
            "answers": answers,
            "score": Who5::new(*answers).map(Who5::score),
        }),
    };
    if let (Some(object), serde_json::Value::Object(own)) = (object.as_object_mut(), own) {
        object.extend(own);
    }
    if e.kind() == EntryKind::CheckIn {
        let with = contexts.get(&e.uuid).cloned().unwrap_or_default();
        if let (Some(object), serde_json::Value::Object(own)) =
            (object.as_object_mut(), context_json(&with))
        {
            object.extend(own);
        }
    }
    object
}

pub(super) fn entries(args: EntriesArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let first = |y| Date::from_calendar_date(y, time::Month::January, 1);
    let from = match &args.from {
        Some(text) => parse_day("--from", text)?,
        None => first(*crate::store::YEARS.start())?,
    };
    let to = match &args.to {
        Some(text) => parse_day("--to", text)?,
        None => first(*crate::store::YEARS.end())?
            .replace_month(time::Month::December)?
            .replace_day(31)?,
    };
    if from > to {
        return Err(super::UsageError(format!(
            "--from {from} is after --to {to}; give the earlier day first"
        ))
        .into());
    }
    let store = env.read_store()?;
    let found = store.entries(from, to, args.kind.map(EntryKind::from))?;
    let contexts: HashMap<String, CheckInContext> = store
        .checkin_contexts_between(from, to)?
        .into_iter()
        .collect();
    match args.format {
        EntriesFormat::Json => {
            let list: Vec<serde_json::Value> = found.iter().map(|e| json(e, &contexts)).collect();
            super::json::write(&mut *out, &list)?;
            writeln!(out)?;
        }
        EntriesFormat::Text => {
            let ids = short_ids(&store)?;
            for e in &found {
                let note = e
                    .note
                    .as_deref()
                    .map(|n| format!("  “{}”", printable(&one_line(n), false)))
                    .unwrap_or_default();
                let with = contexts
                    .get(&e.uuid)
                    .and_then(context_parts)
                    .map(|parts| format!("  ({parts})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<8}  {:<16}  {:<8}  {}{with}{note}",
                    short(&ids, &e.uuid),
                    local_time(e, env),
                    column_name(e.kind()),
                    values(e)
                )?;
            }
            if found.is_empty() {
                writeln!(out, "No entries from {from} to {to}.")?;
            }
        }
    }
    Ok(())
}

/// The first flag given that an entry of this kind does not have.
fn foreign_flag(args: &EditArgs, kind: EntryKind) -> Option<&'static str> {
    let scales = [
        ("--pain", args.pain.is_some()),
        ("--anxiety", args.anxiety.is_some()),
        ("--mood", args.mood.is_some()),
        ("--fear", args.fear.is_some()),
        ("--no-fear", args.no_fear),
    ];
    let minutes = [("--minutes", args.minutes.is_some())];
    let context = [
        ("--tag", !args.tag.is_empty()),
        ("--untag", !args.untag.is_empty()),
        ("--where", !args.regions.is_empty()),
        ("--took", !args.took.is_empty()),
    ];
    let rating = [("--rating", !args.rating.is_empty())];
    let at = [("--at", args.at.is_some())];
    let note = [("--note", args.note.is_some())];
    let value = [("--value", args.value.is_some())];
    let answers = [("--answers", args.answers.is_some())];
    let given = |flags: &[(&'static str, bool)]| {
        flags
            .iter()
            .find(|(_, given)| *given)
            .map(|(flag, _)| *flag)
    };
    let self_test = given(&scales)
        .or(given(&minutes))
        .or(given(&rating))
        .or(given(&note));
    match kind {
        EntryKind::CheckIn => given(&minutes)
            .or(given(&rating))
            .or(given(&value))
            .or(given(&answers)),
        EntryKind::Session => given(&scales)
            .or(given(&context))
            .or(given(&value))
            .or(given(&answers)),
        EntryKind::Flare => given(&scales)
            .or(given(&context))
            .or(given(&minutes))
            .or(given(&at))
            .or(given(&rating))
            .or(given(&value))
            .or(given(&answers)),
        EntryKind::Fitness => self_test.or(given(&context)).or(given(&answers)),
        EntryKind::Wellbeing => self_test.or(given(&context)).or(given(&value)),
    }
}

pub(super) fn edit(args: EditArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    let nothing = args.pain.is_none()
        && args.anxiety.is_none()
        && args.mood.is_none()
        && args.fear.is_none()
        && !args.no_fear
        && args.note.is_none()
        && args.at.is_none()
        && args.minutes.is_none()
        && args.rating.is_empty()
        && args.tag.is_empty()
        && args.untag.is_empty()
        && args.regions.is_empty()
        && args.took.is_empty()
        && args.value.is_none()
        && args.answers.is_none();
    if nothing {
        bail!(
            "nothing to change; give one or more of --pain, --anxiety, --mood, --fear, --no-fear, --note, --tag, --untag, --where, --took, --at, --minutes, --rating (a fitness result: --value, --at; a WHO-5: --answers, --at)"
        );
    }
    let answers = args
        .answers
        .as_deref()
        .map(super::fitness::parse_answers)
        .transpose()?;
    let note = match args.note.clone() {
        Some(text) => Some(clean_note(Some(text))?),
        None => None,
    };
    let at = args.at.as_deref().map(|t| read_when(t, env)).transpose()?;
    // With no store yet there is nothing to correct, and a refusal
    // must not create one: an empty store in memory answers.
    let mut store = env.read_store()?;
    let entry = find(&store, &args.id, env)?;
    if let Some(flag) = foreign_flag(&args, entry.kind()) {
        bail!(
            "{flag} does not apply to a {}; {} is one",
            kind_name(entry.kind()),
            args.id.trim()
        );
    }
    if entry.kind() == EntryKind::Session && (at.is_some() || args.minutes.is_some()) {
        let start = at.map_or(entry.at, |(t, _)| t);
        let minutes = match entry.values {
            EntryValues::Session { minutes, .. } => minutes,
            _ => 0,
        };
        session_end(start, args.minutes.unwrap_or(minutes), env)?;
    }
    let ratings = match entry.kind() {
        EntryKind::Session => ratings(&store, &entry, &args.rating)?,
        _ => Vec::new(),
    };
    // A fitness result is checked as `limber fitness record` checks it.
    let value = match (&args.value, &entry.values) {
        (Some(text), EntryValues::Fitness { test, .. }) => {
            Some(super::fitness::parse_value(*test, text)?)
        }
        _ => None,
    };
    let change = Correction {
        pain: args.pain,
        anxiety: args.anxiety,
        mood: args.mood,
        fear: if args.no_fear {
            Some(None)
        } else {
            args.fear.map(Some)
        },
        note,
        at,
        seconds: args.minutes.map(|m| m * 60),
        value,
        answers: answers.map(Who5::answers),
    };
    let with = match entry.kind() {
        EntryKind::CheckIn => edited_context(&store, &entry.uuid, &args)?,
        _ => None,
    };
    let done = match entry.kind() {
        EntryKind::CheckIn => {
            store.correct_checkin(&entry.uuid, &change, with.as_ref(), env.clock.now())?
        }
        _ => store.correct_rated(
            entry.kind(),
            &entry.uuid,
            &change,
            &ratings
                .iter()
                .map(|(position, comfort, _)| (*position, *comfort))
                .collect::<Vec<_>>(),
            env.clock.now(),
        )?,
    };
    if !done {
        bail!(
            "the entry {} was deleted meanwhile; nothing was changed",
            args.id.trim()
        );
    }
    let ids = short_ids(&store)?;
    let now = find(&store, &entry.uuid, env)?;
    writeln!(out, "Corrected the {}.", described(&now, &ids, env))?;
    if let Some(with) = &with {
        match context_line(with) {
            Some(line) => writeln!(out, "{line}")?,
            None => writeln!(
                out,
                "Nothing goes with it now: no tags, places or treatments."
            )?,
        }
        if with.below_knee_with_numbness(now.note.as_deref()) || crate::safety::both_legs(with) {
            let said = crate::safety::Said {
                pain: 0,
                before: None,
                with,
                note: now.note.as_deref(),
            };
            if let Some(warning) = crate::safety::warning(said) {
                writeln!(out, "{}", warning.lines().join("\n"))?;
            }
        }
    }
    if !ratings.is_empty() {
        let list: Vec<String> = ratings
            .iter()
            .map(|(_, comfort, name)| {
                let name = printable(&one_line(name), false).to_string();
                comfort.map_or_else(
                    || format!("{name} not rated"),
                    |c| format!("{name} {c} of 5"),
                )
            })
            .collect();
        writeln!(out, "Ratings: {}.", list.join(", "))?;
    }
    Ok(())
}

/// A check-in's context as `--tag`, `--untag`, `--where` and `--took` make
/// it from what it has: tags and places and treatments are added, `--untag`
/// takes a tag away, `--where none` and `--took none` clear what there was
/// before adding. `None` when none of them was given.
fn edited_context(store: &Store, uuid: &str, args: &EditArgs) -> Result<Option<CheckInContext>> {
    if args.tag.is_empty()
        && args.untag.is_empty()
        && args.regions.is_empty()
        && args.took.is_empty()
    {
        return Ok(None);
    }
    let mut with = store.checkin_context(uuid)?.unwrap_or_default();
    for gone in &args.untag {
        let key = word_key(&one_line(gone));
        let before = with.tags.len();
        with.tags.retain(|t| word_key(t) != key);
        if with.tags.len() == before {
            let has = if with.tags.is_empty() {
                "it has no tags".to_string()
            } else {
                format!("its tags are {}", printable(&with.tags.join(", "), false))
            };
            bail!(
                "the check-in has no tag \"{}\"; {has}",
                printable(&one_line(gone), false)
            );
        }
    }
    let none = |t: &String| t.trim().eq_ignore_ascii_case("none");
    let mut answered = with.answered;
    answered.tags |= args.tag.iter().any(none);
    answered.regions |= args.regions.iter().any(none);
    answered.took |= args.took.iter().any(none);
    if args.regions.iter().any(none) {
        with.regions.clear();
    }
    for r in args.regions.iter().filter(|r| !none(r)) {
        with.regions
            .push(Region::parse(r).map_err(super::UsageError::of)?);
    }
    if args.took.iter().any(none) {
        with.took.clear();
    }
    for t in args.took.iter().filter(|t| !none(t)) {
        with.took.push(Treatment::parse(t)?);
    }
    let mut tags = with.tags;
    tags.extend(args.tag.iter().filter(|t| !none(t)).cloned());
    let mut with = CheckInContext::new(&tags, with.regions, with.took)?;
    with.answered = answered;
    Ok(Some(with))
}

/// The ratings `--rating EXERCISE=N` asks for, by exercise position, checked
/// as the session screen checks them: an exercise of this session that was
/// done (not skipped), and a rating from 1 to 5 (or `none`).
fn ratings(
    store: &Store,
    session: &Entry,
    given: &[String],
) -> Result<Vec<(u32, Option<u8>, String)>> {
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let exercises = match store.session_id(&session.uuid)? {
        Some(id) => store.session_exercises(id)?,
        None => Vec::new(),
    };
    if exercises.is_empty() {
        bail!("--rating is for the exercises of a guided session; this session has none");
    }
    let names = || {
        exercises
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{} {}", i + 1, printable(&one_line(&e.name), false)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut chosen: Vec<(u32, Option<u8>, String)> = Vec::new();
    for text in given {
        let Some((which, value)) = text.rsplit_once('=') else {
            bail!(
                "--rating \"{}\" is not EXERCISE=N; for example --rating \"Bird-dog=4\"",
                one_line(text)
            );
        };
        let which = which.trim();
        let by_place = which
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| exercises.get(i));
        let found: Vec<_> = match by_place {
            Some(e) => vec![e],
            None => exercises
                .iter()
                .filter(|e| e.name.trim().to_lowercase() == which.to_lowercase())
                .collect(),
        };
        let exercise = match found.as_slice() {
            [e] => *e,
            [] => bail!(
                "this session has no exercise \"{}\"; its exercises are {}",
                printable(&one_line(which), false),
                names()
            ),
            _ => bail!(
                "\"{}\" is more than one exercise of this session; give its place instead: {}",
                printable(&one_line(which), false),
                names()
            ),
        };
        let value = value.trim();
        let comfort = if value.eq_ignore_ascii_case("none") {
            None
        } else {
            match value.parse::<u8>() {
                Ok(n @ 1..=5) => Some(n),
                _ => bail!(
                    "--rating {}={} is out of range; a rating runs from 1 to 5, or none to take it away",
                    printable(&one_line(which), false),
                    one_line(value)
                ),
            }
        };
        if exercise.status == crate::model::ExerciseStatus::Skipped {
            bail!(
                "{} was skipped in this session; only an exercise done can be rated",
                printable(&one_line(&exercise.name), false)
            );
        }
        if chosen.iter().any(|(p, _, _)| *p == exercise.position) {
            bail!(
                "--rating names {} twice; give each exercise once",
                printable(&one_line(&exercise.name), false)
            );
        }
        chosen.push((exercise.position, comfort, exercise.name.clone()));
    }
    Ok(chosen)
}

pub(super) fn delete(args: DeleteArgs, env: &Env, out: &mut impl Write) -> Result<()> {
    // With no store yet there is nothing to correct, and a refusal
    // must not create one: an empty store in memory answers.
    let mut store = env.read_store()?;
    let entry = find(&store, &args.id, env)?;
    if args.with_checkins && entry.kind() != EntryKind::Session {
        bail!(
            "--with-checkins is for a session; {} is a {}",
            args.id.trim(),
            kind_name(entry.kind())
        );
    }
    let ids = short_ids(&store)?;
    let what = described(&entry, &ids, env);
    let checkins = match entry.kind() {
        EntryKind::Session => store.session_checkin_uuids(&entry.uuid)?,
        _ => Vec::new(),
    };
    let mut targets = vec![(entry.kind(), entry.uuid.as_str())];
    if args.with_checkins {
        targets.extend(checkins.iter().map(|u| (EntryKind::CheckIn, u.as_str())));
    }
    store.delete_entries(&targets, env.clock.now())?;
    let rest = match (checkins.len(), args.with_checkins) {
        (0, _) => String::new(),
        (n, true) => format!(
            ", and its {}",
            crate::text::counted(n, "check-in", "check-ins")
        ),
        (n, false) => {
            let kept: Vec<&str> = checkins.iter().map(|u| short(&ids, u)).collect();
            format!(
                "; its {} ({}) {} kept: `limber delete` each, or undo and delete again with --with-checkins",
                crate::text::counted(n, "check-in", "check-ins"),
                kept.join(", "),
                if n == 1 { "was" } else { "were" }
            )
        }
    };
    writeln!(
        out,
        "Deleted the {what}{rest}. `limber undo` brings it back."
    )?;
    Ok(())
}

pub(super) fn undo(env: &Env, out: &mut impl Write) -> Result<()> {
    // With no store yet there is nothing to correct, and a refusal
    // must not create one: an empty store in memory answers.
    let mut store = env.read_store()?;
    let undone = store.undo(env.clock.now())?;
    let Some(first) = undone.last() else {
        bail!("nothing to undo: no edit, delete or new entry is left to take back");
    };
    let ids = short_ids(&store)?;
    let what = |u: &crate::store::Undone| {
        store
            .entries_by_prefix(&u.uuid)
            .ok()
            .and_then(|mut e| e.pop())
            .map_or_else(
                || format!("{} {}", kind_name(u.kind), short(&ids, &u.uuid)),
                |e| described(&e, &ids, env),
            )
    };
    let line = match first.action.as_str() {
        "add" => format!("Undid the new {}: it is deleted again.", what(first)),
        "edit" => format!("Undid the edit: the {} is as it was.", what(first)),
        _ => {
            let more = match undone.len() {
                1 => String::new(),
                n => format!(
                    " and its {}",
                    crate::text::counted(n - 1, "check-in", "check-ins")
                ),
            };
            format!("Undid the delete: the {}{more} came back.", what(first))
        }
    };
    writeln!(out, "{line}")?;
    Ok(())
}
