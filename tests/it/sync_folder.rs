//! The sync folder is not trusted (issue 20): a symlink is never followed,
//! the files sync makes are the owner's only, and deleted words leave the
//! folder.

use std::path::{Path, PathBuf};

use limber::model::{CheckInKind, EntryKind, NewCheckIn, Scales};
use limber::store::Store;
use time::{Duration, OffsetDateTime, macros::datetime};

const T0: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

struct Two {
    _tmp: tempfile::TempDir,
    a: Store,
    b: Store,
    dir: PathBuf,
    root: PathBuf,
}

fn two() -> Two {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().to_path_buf();
    let a = Store::open_in(&root.join("a")).expect("store a");
    let b = Store::open_in(&root.join("b")).expect("store b");
    let dir = root.join("sync");
    std::fs::create_dir(&dir).expect("sync folder");
    Two {
        _tmp: tmp,
        a,
        b,
        dir,
        root,
    }
}

fn sync(store: &mut Store, dir: &Path, now: OffsetDateTime) -> limber::sync::SyncReport {
    limber::sync::sync(store, dir, None, now).expect("sync")
}

fn add_checkin(store: &mut Store, pain: u8, at: OffsetDateTime) -> String {
    store
        .add_checkin(&NewCheckIn {
            at,
            local_date: at.date(),
            context: CheckInKind::Daily,
            session_id: None,
            scales: Scales {
                pain,
                anxiety: 2,
                mood: 6,
                fear: None,
            },
            note: None,
        })
        .expect("checkin")
        .uuid
}

fn pain(store: &Store, uuid: &str) -> Option<u8> {
    let doc = store.export().expect("export");
    doc.checkins.iter().find(|c| c.uuid == uuid).map(|c| c.pain)
}

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
