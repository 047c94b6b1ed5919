//! The sync folder is not trusted (issue 20): a symlink is never followed,
//! the files sync makes are the owner's only, and deleted words leave the
//! folder.

use std::path::Path;

use limber::model::{CheckInKind, EntryKind, NewCheckIn, Scales};
use time::Duration;

use crate::common::two::{T0, add_checkin, pain, sync, two};

/// A symlink in the sync folder in place of this device's file: sync
/// neither follows it nor touches what it points to.
#[cfg(unix)]
#[test]
fn a_symlink_in_place_of_this_devices_file_is_not_followed() {
    let mut w = two();
    add_checkin(&mut w.a, 5, T0);
    sync(&mut w.a, &w.dir, T0);
    let me = w.a.device_id().expect("device");
    let own = w.dir.join(format!("limber-{me}.jsonl"));
    let outside = w.root.join("precious.txt");
    std::fs::write(&outside, "keep me\nhalf").expect("write");
    std::fs::remove_file(&own).expect("remove");
    std::os::unix::fs::symlink(&outside, &own).expect("symlink");
    add_checkin(&mut w.a, 4, T0 + Duration::minutes(1));
    let _ = limber::sync::sync(&mut w.a, &w.dir, None, T0 + Duration::minutes(2));
    assert_eq!(
        std::fs::read_to_string(&outside).expect("read"),
        "keep me\nhalf",
        "the file outside the folder is untouched"
    );
    // A link to a file that is not there is not created either.
    let missing = w.root.join("made-by-sync.txt");
    let other = w.dir.join("limber-0123456789abcdef.jsonl");
    std::os::unix::fs::symlink(&missing, &other).expect("symlink");
    let _ = limber::sync::sync(&mut w.a, &w.dir, None, T0 + Duration::minutes(3));
    assert!(!missing.exists());
}

/// Device files and sync.lock are readable by their owner only.
#[cfg(unix)]
#[test]
fn device_files_and_the_lock_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let mut w = two();
    add_checkin(&mut w.a, 5, T0);
    sync(&mut w.a, &w.dir, T0);
    let me = w.a.device_id().expect("device");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&w.dir.join(format!("limber-{me}.jsonl"))), 0o600);
    assert_eq!(mode(&w.root.join("a/sync.lock")), 0o600);
}

/// Deleted words leave the folder on the next sync: each device's file
/// keeps only the newest state of each record it wrote.
#[test]
fn a_deleted_note_is_gone_from_the_folder_after_the_next_sync() {
    let mut w = two();
    let id =
        w.a.add_checkin(&NewCheckIn {
            at: T0,
            local_date: T0.date(),
            context: CheckInKind::Daily,
            session_id: None,
            scales: Scales {
                pain: 5,
                anxiety: 2,
                mood: 6,
                fear: None,
            },
            note: Some("a private word".to_string()),
        })
        .expect("checkin")
        .uuid;
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(1));
    w.a.delete_entries(&[(EntryKind::CheckIn, &id)], T0 + Duration::minutes(2))
        .expect("delete");
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(3));
    for entry in std::fs::read_dir(&w.dir).expect("read") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        assert!(!text.contains("a private word"), "{text}");
    }
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(4));
    assert_eq!(pain(&w.b, &id), None);
}

/// One line that does not fit (a routine with a value the store's CHECK
/// refuses; two lines of different kinds with one UUID) stopped every
/// device's sync, in and out. Each is left out with a line saying so, and
/// everything else applies.
#[test]
fn one_line_that_does_not_fit_holds_up_nothing_else() {
    let mut w = two();
    let good = add_checkin(&mut w.a, 5, T0);
    sync(&mut w.a, &w.dir, T0);
    let me = w.a.device_id().expect("device");
    let own = std::fs::read_to_string(w.dir.join(format!("limber-{me}.jsonl"))).expect("read");
    let line: serde_json::Value = own
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a line"))
        .find(|l| l["kind"] == "checkin")
        .expect("a check-in line");
    let stranger = "00000000000000aa";
    let mut checkin = line.clone();
    checkin["device"] = stranger.into();
    checkin["uuid"] = "11111111-1111-4111-8111-111111111111".into();
    checkin["row"]["uuid"] = checkin["uuid"].clone();
    checkin["row"]["pain"] = 7.into();
    checkin["row"]["device"] = stranger.into();
    // The same UUID as a session too: the two cannot both be kept.
    let mut twin = checkin.clone();
    twin["kind"] = "fitness".into();
    twin["row"] = serde_json::json!({
        "uuid": checkin["uuid"], "test": "chair-stand", "value": 12,
        "recorded_at": line["row"]["recorded_at"], "local_date": line["row"]["local_date"],
        "updated_at": line["row"]["updated_at"], "device": stranger,
    });
    let mut other = checkin.clone();
    other["uuid"] = "22222222-2222-4222-8222-222222222222".into();
    other["row"]["uuid"] = other["uuid"].clone();
    other["row"]["pain"] = 3.into();
    let routine = serde_json::json!({
        "v": 1, "kind": "routine", "uuid": "odd", "updated_at": line["updated_at"],
        "device": stranger,
        "row": {"uuid": "33333333-3333-4333-8333-333333333333", "slug": "odd",
                "name": "Odd", "source": "hacked", "definition": ""},
    });
    let head = format!(
        "{{\"format\":\"limber-sync\",\"version\":1,\"device\":\"{stranger}\",\"file\":\"f1\"}}"
    );
    let text = [
        head,
        routine.to_string(),
        checkin.to_string(),
        twin.to_string(),
        other.to_string(),
    ]
    .join("\n")
        + "\n";
    std::fs::write(w.dir.join(format!("limber-{stranger}.jsonl")), text).expect("write");
    let out = sync(&mut w.b, &w.dir, T0 + Duration::minutes(1));
    assert_eq!(pain(&w.b, &good), Some(5), "A's check-in came in");
    assert_eq!(
        pain(&w.b, "22222222-2222-4222-8222-222222222222"),
        Some(3),
        "and the stranger's good line"
    );
    assert!(
        out.unreadable.iter().any(|l| l.contains("does not fit")),
        "{:?}",
        out.unreadable
    );
    let names: Vec<String> =
        w.b.export()
            .expect("export")
            .routines
            .iter()
            .map(|r| r.slug.clone())
            .collect();
    assert!(!names.contains(&"odd".to_string()), "{names:?}");
    // And B's own goes out.
    let mine = add_checkin(&mut w.b, 2, T0 + Duration::minutes(2));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(3));
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(4));
    assert_eq!(pain(&w.a, &mine), Some(2));
}

/// A forged line with a version near the integer's limit was applied, and
/// the next change on that device was stored with a version SQLite could
/// only keep as a real number: sync and export failed on it for good. A
/// version that is not a time up to a day ahead of this clock waits in the
/// folder, and moves nothing here.
#[test]
fn a_forged_version_waits_and_breaks_nothing() {
    let mut w = two();
    let id = add_checkin(&mut w.a, 5, T0);
    sync(&mut w.a, &w.dir, T0);
    let me = w.a.device_id().expect("device");
    let own = std::fs::read_to_string(w.dir.join(format!("limber-{me}.jsonl"))).expect("read");
    let mut line: serde_json::Value = own
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a line"))
        .find(|l| l["kind"] == "checkin")
        .expect("a check-in line");
    let stranger = "7777777777777777";
    line["device"] = stranger.into();
    line["version"] = i64::MAX.into();
    line["row"]["pain"] = 9.into();
    line["row"]["device"] = stranger.into();
    line["row"]["version"] = i64::MAX.into();
    let head = format!(
        "{{\"format\":\"limber-sync\",\"version\":1,\"device\":\"{stranger}\",\"file\":\"f\"}}"
    );
    std::fs::write(
        w.dir.join(format!("limber-{stranger}.jsonl")),
        format!("{head}\n{line}\n"),
    )
    .expect("write");
    let out = sync(&mut w.b, &w.dir, T0 + Duration::minutes(1));
    assert_eq!(
        pain(&w.b, &id),
        Some(5),
        "the forged version is not applied"
    );
    assert!(
        out.unreadable.iter().any(|l| l.contains("version")),
        "{:?}",
        out.unreadable
    );
    // B goes on: a change, a sync and an export all work.
    let mine = add_checkin(&mut w.b, 3, T0 + Duration::minutes(2));
    sync(&mut w.b, &w.dir, T0 + Duration::minutes(3));
    w.b.export().expect("export");
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(4));
    assert_eq!(pain(&w.a, &mine), Some(3));
    assert_eq!(pain(&w.a, &id), Some(5));
}

/// This device's file replaced by a hard link to a file outside the
/// folder: the next sync appended to the file outside. It is written anew
/// instead, and the file outside is left as it was.
#[cfg(unix)]
#[test]
fn a_hard_link_in_place_of_this_devices_file_is_not_written_through() {
    let mut w = two();
    add_checkin(&mut w.a, 5, T0);
    sync(&mut w.a, &w.dir, T0);
    let me = w.a.device_id().expect("device");
    let own = w.dir.join(format!("limber-{me}.jsonl"));
    let outside = w.root.join("outside.jsonl");
    std::fs::copy(&own, &outside).expect("copy");
    std::fs::remove_file(&own).expect("remove");
    std::fs::hard_link(&outside, &own).expect("link");
    let before = std::fs::read(&outside).expect("read");
    add_checkin(&mut w.a, 4, T0 + Duration::minutes(1));
    sync(&mut w.a, &w.dir, T0 + Duration::minutes(2));
    assert_eq!(std::fs::read(&outside).expect("read"), before);
    let now = std::fs::read_to_string(&own).expect("own");
    assert!(now.len() > before.len(), "the new check-in went out");
}
