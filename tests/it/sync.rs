//! `limber sync` through the real binary: several data folders meeting in
//! one sync folder, as on several computers kept alike by a sync tool.

use crate::common;

use std::path::{Path, PathBuf};

use common::{limber, sql};
use serde_json::Value;

const NOW: &str = "2026-11-25T10:00:00Z";

fn run_at(home: &Path, now: &str, args: &[&str]) -> std::process::Output {
    limber(home)
        .env("LIMBER_NOW", now)
        .env_remove("LIMBER_SYNC_PASSPHRASE")
        .args(args)
        .output()
        .expect("run limber")
}

fn ok_at(home: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(home, now, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "limber {args:?} failed: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(home: &Path, args: &[&str]) -> String {
    ok_at(home, NOW, args)
}

/// Runs limber expecting failure; returns stderr.
fn fails(home: &Path, args: &[&str]) -> String {
    let out = run_at(home, NOW, args);
    assert!(!out.status.success(), "limber {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn sync(home: &Path, dir: &Path) -> String {
    ok(home, &["sync", dir.to_str().expect("utf-8")])
}

/// The export with its time of writing left out.
fn export(home: &Path) -> Value {
    let mut doc: Value = serde_json::from_str(&ok(home, &["export"])).expect("JSON");
    doc.as_object_mut().expect("object").remove("exported_at");
    doc
}

fn db(home: &Path) -> PathBuf {
    home.join("data/limber.db")
}

fn device(home: &Path) -> String {
    sql(&db(home), "SELECT id FROM sync_device")
}

fn pains(home: &Path) -> String {
    sql(
        &db(home),
        "SELECT coalesce(group_concat(pain, ','), '') FROM (SELECT pain FROM checkins
         WHERE deleted_at IS NULL ORDER BY recorded_at)",
    )
}

fn checkin(home: &Path, pain: &str, at: &str) {
    ok(
        home,
        &[
            "checkin",
            "--pain",
            pain,
            "--anxiety",
            "2",
            "--mood",
            "6",
            "--at",
            at,
        ],
    );
}

fn homes(n: usize) -> (Vec<tempfile::TempDir>, tempfile::TempDir) {
    let homes = (0..n).map(|_| tempfile::tempdir().expect("home")).collect();
    (homes, tempfile::tempdir().expect("sync folder"))
}

fn ids(home: &Path, kind: &str) -> Vec<String> {
    let out = ok(home, &["entries", "--kind", kind, "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let mut ids: Vec<String> = list
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    ids.reverse();
    ids
}

#[test]
fn three_data_folders_meet_through_one_folder_and_end_alike() {
    let (h, dir) = homes(3);
    let (a, b, c) = (h[0].path(), h[1].path(), h[2].path());
    checkin(a, "6", "2026-11-20 08:00");
    checkin(a, "5", "2026-11-21 08:00");
    ok(
        a,
        &["log", "walk", "--minutes", "30", "--at", "2026-11-21 17:00"],
    );
    ok(a, &["flare", "--at", "2026-11-22", "--note", "bad night"]);
    ok(a, &["fitness", "record", "chair-stand", "12"]);
    checkin(b, "3", "2026-11-23 08:00");
    for home in [a, b, c, a, b] {
        sync(home, dir.path());
    }
    assert_eq!(pains(c), "6,5,3");
    // Edits and deletes travel too.
    let first = ids(c, "checkin")[0].clone();
    ok_at(c, "2026-11-25T11:00:00Z", &["edit", &first, "--pain", "4"]);
    let walk = ids(b, "session")[0].clone();
    ok_at(b, "2026-11-25T11:00:00Z", &["delete", &walk]);
    for home in [c, b, a, c, b] {
        sync(home, dir.path());
    }
    assert_eq!(pains(a), "4,5,3");
    assert_eq!(
        sql(
            &db(a),
            "SELECT count(*) FROM sessions WHERE deleted_at IS NULL"
        ),
        "0"
    );
    let (ea, eb, ec) = (export(a), export(b), export(c));
    assert_eq!(ea, eb);
    assert_eq!(ea, ec);
    assert!(
        ea["checkins"][0]["device"].is_string(),
        "the export names the device: {ea}"
    );
    // Each wrote only its own file.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = [a, b, c]
        .iter()
        .map(|h| format!("limber-{}.jsonl", device(h)))
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    // Nothing new: nothing goes out, nothing comes in.
    let out = sync(a, dir.path());
    assert!(
        out.contains("0 changes came in, 0 changes went out"),
        "{out}"
    );
}

#[test]
fn an_entry_edited_on_one_device_and_deleted_on_another_stays_deleted_everywhere() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    sync(a, dir.path());
    sync(b, dir.path());
    let id = ids(a, "checkin")[0].clone();
    ok_at(b, "2026-11-25T10:30:00Z", &["delete", &id]);
    // Edited later on A, which had not seen the delete.
    ok_at(a, "2026-11-25T11:00:00Z", &["edit", &id, "--pain", "2"]);
    for home in [a, b, a] {
        sync(home, dir.path());
    }
    assert_eq!(pains(a), "");
    assert_eq!(pains(b), "");
    assert_eq!(export(a), export(b));
}

/// A data folder copied to a second place (a new laptop, a backup put
/// back elsewhere) and synced beside the one it came from: the two wrote
/// one file as one device and never agreed. The copy takes a device id of
/// its own the first time it syncs, says so, and all three entries end on
/// both.
#[test]
fn a_copied_data_folder_syncs_as_a_device_of_its_own() {
    let (h, dir) = homes(2);
    let (x, y) = (h[0].path(), h[1].path());
    checkin(x, "6", "2026-11-20 08:00");
    sync(x, dir.path());
    let was = device(x);
    // The whole data folder copied, as `cp -a` would.
    std::fs::create_dir_all(y.join("data")).expect("data");
    for entry in std::fs::read_dir(x.join("data")).expect("read") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), y.join("data").join(entry.file_name())).expect("copy");
    }
    checkin(x, "5", "2026-11-21 08:00");
    checkin(y, "4", "2026-11-22 08:00");
    let said = sync(y, dir.path());
    assert!(said.contains("syncs as a device of its own"), "{said}");
    assert_ne!(device(y), was);
    assert_eq!(device(x), was, "the first one keeps its id");
    let again = sync(y, dir.path());
    assert!(!again.contains("device of its own"), "{again}");
    for home in [x, y, x, y] {
        sync(home, dir.path());
    }
    assert_eq!(pains(x), "6,5,4");
    assert_eq!(pains(y), "6,5,4");
    assert_eq!(export(x), export(y));
}

/// The whole data folder copied as `cp -a` would (or `backup` here and
/// `restore` there).
fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("data")).expect("data");
    for entry in std::fs::read_dir(from.join("data")).expect("read") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join("data").join(entry.file_name())).expect("copy");
        }
    }
}

/// A data folder copied before its first sync (the README's recipe for
/// moving to a new computer, kept beside the old one) synced as the same
/// device as its original: one file for two computers, and `undo` on one
/// then threw away the other's newer correction everywhere. Now the second
/// to sync finds lines under its id that it did not write and takes an id
/// of its own, and the undo is refused as any other device's would be.
#[test]
fn a_data_folder_copied_before_its_first_sync_is_two_devices() {
    let (h, dir) = homes(2);
    let (x, y) = (h[0].path(), h[1].path());
    checkin(x, "6", "2026-11-20 08:00");
    copy_data(x, y);
    assert_eq!(device(x), device(y), "a copy starts with its original's id");
    let id = ids(x, "checkin")[0].clone();
    ok_at(x, "2026-11-25T10:20:00Z", &["edit", &id, "--pain", "3"]);
    sync(x, dir.path());
    let said = sync(y, dir.path());
    assert!(said.contains("syncs as a device of its own"), "{said}");
    assert_ne!(device(x), device(y));
    assert_eq!(pains(y), "3", "the copy reads its original's file");
    ok_at(y, "2026-11-25T10:21:00Z", &["edit", &id, "--pain", "4"]);
    sync(y, dir.path());
    sync(x, dir.path());
    assert_eq!(pains(x), "4");
    let err = fails_at(x, "2026-11-25T10:22:00Z", &["undo"]);
    assert!(err.contains("changed since on another device"), "{err}");
    for home in [x, y, x, y] {
        sync(home, dir.path());
    }
    assert_eq!(pains(x), "4");
    assert_eq!(export(x), export(y));
}

/// A copy that keeps its file's identity (a clone of the whole disk, a
/// virtual machine's snapshot) is known by what is in the folder: the
/// first of the two to sync finds its file as it left it and keeps the
/// id; the other finds lines there it did not write, and takes a new one.
#[test]
fn a_clone_is_known_by_the_lines_in_its_file() {
    let (h, dir) = homes(2);
    let (x, y) = (h[0].path(), h[1].path());
    checkin(x, "6", "2026-11-20 08:00");
    sync(x, dir.path());
    let was = device(x);
    copy_data(x, y);
    // As a clone would be: the file's identity is the one the store knew.
    let inode = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(db(y)).expect("the copy").ino()
    };
    sql(
        &db(y),
        &format!("UPDATE sync_device SET file = '{inode}' RETURNING id"),
    );
    checkin(x, "5", "2026-11-21 08:00");
    checkin(y, "4", "2026-11-22 08:00");
    let said = sync(y, dir.path());
    assert!(!said.contains("device of its own"), "{said}");
    assert_eq!(device(y), was, "the first to sync keeps its id");
    let said = sync(x, dir.path());
    assert!(said.contains("syncs as a device of its own"), "{said}");
    assert_ne!(device(x), was);
    let again = sync(x, dir.path());
    assert!(!again.contains("device of its own"), "{again}");
    for home in [x, y, x, y] {
        sync(home, dir.path());
    }
    assert_eq!(pains(x), "6,5,4");
    assert_eq!(export(x), export(y));
}

/// A data folder that moved (another path, or the computer's name changed:
/// macOS renames on a name clash, DHCP sets names) was taken for a copy: a
/// new device file, and `undo` refused the person's own edit as "made on
/// another device". Where a store lives is not what makes it a device.
#[test]
fn a_data_folder_that_moved_is_the_same_device() {
    let (h, dir) = homes(2);
    let (x, elsewhere) = (h[0].path(), h[1].path());
    checkin(x, "6", "2026-11-20 08:00");
    let id = ids(x, "checkin")[0].clone();
    ok_at(x, "2026-11-25T10:20:00Z", &["edit", &id, "--pain", "3"]);
    sync(x, dir.path());
    let was = device(x);
    std::fs::remove_dir(elsewhere).expect("make room");
    std::fs::rename(x, elsewhere).expect("move the data folder");
    let said = sync(elsewhere, dir.path());
    assert!(!said.contains("device of its own"), "{said}");
    assert_eq!(device(elsewhere), was);
    let files = std::fs::read_dir(dir.path()).expect("folder").count();
    assert_eq!(files, 1, "one device file");
    ok_at(elsewhere, "2026-11-25T10:22:00Z", &["undo"]);
    assert_eq!(pains(elsewhere), "6", "its own edit undone");
}

/// An import of an export that holds an entry deleted elsewhere brought it
/// back on that device only, for good: its tombstone, already known there,
/// ranks above it in every sync, so it never went out and never went away.
/// An import respects a tombstone, as a sync does.
#[test]
fn an_import_does_not_bring_back_what_was_deleted_everywhere() {
    let (h, dir) = homes(3);
    let (a, b, c) = (h[0].path(), h[1].path(), h[2].path());
    checkin(a, "6", "2026-11-20 08:00");
    for home in [a, b, c] {
        sync(home, dir.path());
    }
    let id = ids(a, "checkin")[0].clone();
    // C corrects it, and exports, before it hears of the delete.
    ok_at(c, "2026-11-25T10:30:00Z", &["edit", &id, "--pain", "3"]);
    let file = c.join("c.json");
    ok_at(
        c,
        "2026-11-25T10:31:00Z",
        &["export", "--out", file.to_str().expect("utf-8")],
    );
    ok_at(a, "2026-11-25T10:21:00Z", &["delete", &id]);
    sync(a, dir.path());
    sync(b, dir.path());
    assert_eq!(pains(b), "", "deleted on B by the sync");
    ok_at(
        b,
        "2026-11-25T10:40:00Z",
        &["import", file.to_str().expect("utf-8")],
    );
    assert_eq!(pains(b), "", "the import leaves it deleted");
    for home in [a, b, c, a, b, c] {
        sync(home, dir.path());
    }
    for home in [a, b, c] {
        assert_eq!(pains(home), "");
    }
    assert_eq!(export(a), export(b));
    assert_eq!(export(a), export(c));
}

/// Device B's clock two days behind A's: A's check-in of today is "in the
/// future" for B. It used to refuse the whole folder, so nothing of B's
/// went out either; now only that check-in waits, with a line naming its
/// file and device, and it comes in once B's clock has caught up.
#[test]
fn a_change_that_does_not_fit_waits_and_holds_up_nothing_else() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    let d = dir.path().to_str().expect("utf-8");
    ok_at(
        a,
        "2026-11-30T09:00:00Z",
        &["checkin", "--pain", "6", "--anxiety", "2", "--mood", "6"],
    );
    ok_at(a, "2026-11-30T09:00:00Z", &["sync", d]);
    let behind = "2026-11-28T09:00:00Z";
    ok_at(
        b,
        behind,
        &["checkin", "--pain", "3", "--anxiety", "2", "--mood", "6"],
    );
    let out = run_at(b, behind, &["sync", d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("does not fit"), "{err}");
    assert!(
        err.contains(&format!("limber-{}.jsonl", device(a))),
        "{err}"
    );
    assert_eq!(pains(b), "3", "only B's own");
    // B's check-in went out all the same.
    ok_at(a, "2026-11-30T09:05:00Z", &["sync", d]);
    assert_eq!(pains(a), "3,6");
    // B's clock set right: the waiting check-in comes in.
    ok_at(b, "2026-11-30T09:10:00Z", &["sync", d]);
    assert_eq!(pains(b), "3,6");
    assert_eq!(export(a), export(b));
}

/// A sync that brings many deletes at once (a device wiped, or a file
/// that is not what it seems) keeps the store as it was first.
#[test]
fn many_deletes_at_once_keep_a_backup_first() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    for day in 10..22 {
        checkin(a, "5", &format!("2026-11-{day} 08:00"));
    }
    sync(a, dir.path());
    sync(b, dir.path());
    for id in ids(b, "checkin") {
        ok_at(b, "2026-11-25T10:30:00Z", &["delete", &id]);
    }
    sync(b, dir.path());
    let said = sync(a, dir.path());
    assert!(said.contains("12 deletes came in"), "{said}");
    assert_eq!(pains(a), "");
    let kept: Vec<PathBuf> = std::fs::read_dir(a.join("data"))
        .expect("data")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with("-before-sync.db"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        sql(
            &kept[0],
            "SELECT count(*) FROM checkins WHERE deleted_at IS NULL"
        ),
        "12"
    );
    // A few deletes keep no copy.
    checkin(b, "4", "2026-11-23 08:00");
    sync(b, dir.path());
    sync(a, dir.path());
    let id = ids(a, "checkin")[0].clone();
    ok_at(a, "2026-11-25T10:40:00Z", &["delete", &id]);
    sync(a, dir.path());
    assert!(!sync(b, dir.path()).contains("deletes came in"));
}

/// Runs limber at `now` expecting failure; returns stderr.
fn fails_at(home: &Path, now: &str, args: &[&str]) -> String {
    let out = run_at(home, now, args);
    assert!(!out.status.success(), "limber {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// B edits, A corrects it later, both sync; B's undo of its own edit would
/// have put B's old values back as the newest and thrown A's correction
/// away on every device. It is refused, and nothing changes anywhere.
#[test]
fn undo_does_not_throw_away_a_change_made_since_on_another_device() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    sync(a, dir.path());
    sync(b, dir.path());
    let id = ids(a, "checkin")[0].clone();
    ok_at(b, "2026-11-25T10:20:00Z", &["edit", &id, "--pain", "3"]);
    sync(b, dir.path());
    sync(a, dir.path());
    ok_at(a, "2026-11-25T10:21:00Z", &["edit", &id, "--pain", "4"]);
    sync(a, dir.path());
    sync(b, dir.path());
    assert_eq!(pains(b), "4");
    let err = fails_at(b, "2026-11-25T10:22:00Z", &["undo"]);
    assert!(err.contains("changed since on another device"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    for home in [a, b, a, b] {
        sync(home, dir.path());
    }
    assert_eq!(pains(a), "4");
    assert_eq!(pains(b), "4");
    assert_eq!(export(a), export(b));
}

/// A delete that has gone out through sync is final on the other devices:
/// undone here only, the entry would live on one device and never on the
/// others. Undo says so; and a delete that came in from another device
/// cannot be undone by taking back an edit made here before it.
#[test]
fn undo_does_not_bring_back_a_delete_that_has_synced() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    checkin(a, "5", "2026-11-21 08:00");
    sync(a, dir.path());
    sync(b, dir.path());
    let ids = ids(a, "checkin");
    ok_at(a, "2026-11-25T10:20:00Z", &["delete", &ids[0]]);
    sync(a, dir.path());
    sync(b, dir.path());
    let err = fails_at(a, "2026-11-25T10:21:00Z", &["undo"]);
    assert!(err.contains("has gone to your other devices"), "{err}");
    // B edits the other one; A deletes it; B hears of the delete.
    ok_at(b, "2026-11-25T10:30:00Z", &["edit", &ids[1], "--pain", "2"]);
    sync(b, dir.path());
    sync(a, dir.path());
    ok_at(a, "2026-11-25T10:31:00Z", &["delete", &ids[1]]);
    sync(a, dir.path());
    sync(b, dir.path());
    let err = fails_at(b, "2026-11-25T10:32:00Z", &["undo"]);
    assert!(err.contains("changed since on another device"), "{err}");
    for home in [a, b, a, b] {
        sync(home, dir.path());
    }
    assert_eq!(pains(a), "");
    assert_eq!(pains(b), "");
    assert_eq!(export(a), export(b));
}

#[test]
fn the_same_entry_edited_on_two_devices_at_the_same_moment_ends_alike() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    sync(a, dir.path());
    sync(b, dir.path());
    let id = ids(a, "checkin")[0].clone();
    let at = "2026-11-25T11:00:00Z";
    ok_at(a, at, &["edit", &id, "--pain", "2"]);
    ok_at(b, at, &["edit", &id, "--pain", "8"]);
    for home in [a, b, a] {
        sync(home, dir.path());
    }
    // The higher device id wins the tie, on both.
    let winner = if device(a) > device(b) { "2" } else { "8" };
    assert_eq!(pains(a), winner);
    assert_eq!(pains(b), winner);
    assert_eq!(export(a), export(b));
}

#[test]
fn a_conflict_copy_is_read_as_more_changes() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(b, "7", "2026-11-20 08:00");
    sync(b, dir.path());
    let own = dir.path().join(format!("limber-{}.jsonl", device(b)));
    // The sync tool kept B's file as a conflict copy, and B's own file
    // went back to its header.
    let text = std::fs::read_to_string(&own).expect("read");
    let header = text.lines().next().expect("header");
    std::fs::write(
        dir.path().join(format!(
            "limber-{}.sync-conflict-20261125-100000-ABCDEFG.jsonl",
            device(b)
        )),
        &text,
    )
    .expect("write");
    std::fs::write(&own, format!("{header}\n")).expect("write");
    checkin(b, "4", "2026-11-21 08:00");
    sync(b, dir.path());
    let dropbox = dir.path().join(format!(
        "limber-{} (conflicted copy 2026-11-25).jsonl",
        device(b)
    ));
    std::fs::rename(&own, &dropbox).expect("rename");
    let out = sync(a, dir.path());
    assert!(out.contains("2 changes came in"), "{out}");
    assert_eq!(pains(a), "7,4");
    assert!(dropbox.exists(), "a conflict copy is left as it is");
}

#[test]
fn a_file_from_a_newer_limber_is_refused_and_nothing_is_applied() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(b, "7", "2026-11-20 08:00");
    sync(b, dir.path());
    std::fs::write(
        dir.path().join("limber-ffffffffffffffff.jsonl"),
        "{\"format\":\"limber-sync\",\"version\":2,\"device\":\"ffffffffffffffff\",\"file\":\"x\"}\n",
    )
    .expect("write");
    let err = fails(a, &["sync", dir.path().to_str().expect("utf-8")]);
    assert!(
        err.starts_with(
            "limber: sync: limber-ffffffffffffffff.jsonl was written by a newer limber"
        ),
        "{err}"
    );
    assert!(err.contains("nothing was applied"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(pains(a), "");
    assert!(
        !dir.path()
            .join(format!("limber-{}.jsonl", device(a)))
            .exists(),
        "nothing was written either"
    );
    // A newer line in a file of this version is refused the same way.
    std::fs::write(
        dir.path().join("limber-ffffffffffffffff.jsonl"),
        "{\"format\":\"limber-sync\",\"version\":1,\"device\":\"ffffffffffffffff\",\"file\":\"x\"}\n\
         {\"v\":3,\"kind\":\"hologram\"}\n",
    )
    .expect("write");
    let err = fails(a, &["sync", dir.path().to_str().expect("utf-8")]);
    assert!(err.contains("newer limber (sync format 3"), "{err}");
    assert_eq!(pains(a), "");
}

/// A file whose header names a device that is not in its file name (or
/// is not a device id at all, "../../pwned") cannot speak for it: it is
/// refused clearly and nothing is applied.
#[test]
fn a_file_naming_another_device_than_its_own_is_left_out() {
    let (h, dir) = homes(1);
    let a = h[0].path();
    checkin(a, "6", "2026-11-20 08:00");
    for (name, claimed) in [
        ("limber-..pwned.jsonl", "../../pwned"),
        ("limber-aaaa.jsonl", "bbbb"),
    ] {
        std::fs::write(
            dir.path().join(name),
            format!(
                "{{\"format\":\"limber-sync\",\"version\":1,\"device\":\"{claimed}\",\"file\":\"x\"}}\n"
            ),
        )
        .expect("write");
        // It is left out, with a line naming it; the rest of the folder
        // syncs.
        let out = run_at(a, NOW, &["sync", dir.path().to_str().expect("utf-8")]);
        assert!(out.status.success(), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is not the one in its file name"),
            "{name}: {err}"
        );
        assert!(err.contains("it was left out"), "{err}");
        assert_eq!(err.matches(name).count(), 1, "one line for the file: {err}");
        std::fs::remove_file(dir.path().join(name)).expect("remove");
    }
    // A conflict copy of a device's file is still that device's.
    sync(a, dir.path());
    let own = dir.path().join(format!("limber-{}.jsonl", device(a)));
    std::fs::copy(
        &own,
        dir.path().join(format!(
            "limber-{}.sync-conflict-20261125-1.jsonl",
            device(a)
        )),
    )
    .expect("copy");
    sync(a, dir.path());
}

#[test]
fn a_cut_last_line_is_left_for_the_next_sync_and_the_rest_applied() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(b, "7", "2026-11-20 08:00");
    checkin(b, "3", "2026-11-21 08:00");
    sync(b, dir.path());
    let file = dir.path().join(format!("limber-{}.jsonl", device(b)));
    let whole = std::fs::read(&file).expect("read");
    // Cut in the middle of the second check-in's line, as a sync tool
    // caught mid-copy leaves it.
    let lines: Vec<usize> = whole
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let cut = (lines[1] + lines[2]) / 2;
    std::fs::write(&file, &whole[..cut]).expect("cut");
    let out = sync(a, dir.path());
    assert!(out.contains("1 change came in"), "{out}");
    assert_eq!(pains(a), "7");
    // The rest arrives: the cut change is read now.
    std::fs::write(&file, &whole).expect("whole");
    let out = sync(a, dir.path());
    assert!(out.contains("1 change came in"), "{out}");
    assert_eq!(pains(a), "7,3");
}

#[test]
fn this_devices_own_file_cut_mid_line_is_mended_and_written_again() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "7", "2026-11-20 08:00");
    checkin(a, "3", "2026-11-21 08:00");
    sync(a, dir.path());
    let file = dir.path().join(format!("limber-{}.jsonl", device(a)));
    let whole = std::fs::read(&file).expect("read");
    let header = whole.iter().position(|b| *b == b'\n').expect("header");
    // Cut inside the first change: both changes are lost.
    std::fs::write(&file, &whole[..header + 20]).expect("cut");
    sync(a, dir.path());
    let mended = std::fs::read_to_string(&file).expect("read");
    assert!(mended.ends_with('\n'), "{mended}");
    for line in mended.lines() {
        serde_json::from_str::<Value>(line).expect("every line whole");
    }
    sync(b, dir.path());
    assert_eq!(pains(b), "7,3");
    // A file that shrank is read from its start again.
    std::fs::write(&file, &whole[..=header]).expect("header only");
    sync(b, dir.path());
    sync(a, dir.path());
    sync(b, dir.path());
    assert_eq!(pains(b), "7,3");
    assert_eq!(export(a), export(b));
}

#[test]
fn status_says_each_device_and_its_counts() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "7", "2026-11-20 08:00");
    let out = ok(a, &["sync", "--status"]);
    assert!(
        out.contains(&format!("This device: {}", device(a))),
        "{out}"
    );
    assert!(out.contains("Not synced yet."), "{out}");
    checkin(b, "5", "2026-11-20 09:00");
    sync(a, dir.path());
    ok_at(
        b,
        "2026-11-25T12:00:00Z",
        &["sync", dir.path().to_str().expect("utf-8")],
    );
    sync(a, dir.path());
    let out = ok(
        a,
        &["sync", "--status", dir.path().to_str().expect("utf-8")],
    );
    assert!(
        out.contains(&format!(
            "{} (this one): last synced {NOW}; 1 change came in, 1 change went out",
            device(a)
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{}: last synced 2026-11-25T12:00:00Z; 1 change came in from it",
            device(b)
        )),
        "{out}"
    );
    let json: Value =
        serde_json::from_str(&ok(a, &["sync", "--status", "--format", "json"])).expect("JSON");
    assert_eq!(json["device"], device(a));
    assert_eq!(json["devices"][0]["went_out"], 1);
    // Without a folder named or set, the one last synced through (it said
    // "none set" right after `limber sync DIR`).
    let folder = std::fs::canonicalize(dir.path()).expect("folder");
    assert_eq!(json["folder"], folder.display().to_string());
    let out = ok(a, &["sync", "--status"]);
    assert!(
        out.contains(&format!(
            "Folder: {} (the last one synced through",
            folder.display()
        )),
        "{out}"
    );
}

#[test]
fn an_unknown_folder_or_none_is_a_clear_error() {
    let home = tempfile::tempdir().expect("home");
    let err = fails(home.path(), &["sync", "/nonexistent/limber-sync"]);
    assert_eq!(
        err.trim(),
        "limber: sync: the sync folder /nonexistent/limber-sync does not exist (make it, or point sync_dir at the folder your sync tool keeps)"
    );
    let err = fails(home.path(), &["sync"]);
    assert!(err.starts_with("limber: sync: no folder given"), "{err}");
}

#[test]
fn sync_dir_in_config_toml_is_the_folder() {
    let (h, dir) = homes(1);
    let a = h[0].path();
    std::fs::create_dir_all(a.join("config")).expect("config");
    std::fs::write(
        a.join("config/config.toml"),
        format!("sync_dir = {:?}\n", dir.path().to_str().expect("utf-8")),
    )
    .expect("write");
    checkin(a, "7", "2026-11-20 08:00");
    let out = ok(a, &["sync"]);
    assert!(out.contains("1 change went out"), "{out}");
}

fn sync_with(home: &Path, dir: &Path, passphrase: Option<&str>) -> std::process::Output {
    let mut cmd = limber(home);
    cmd.env_remove("LIMBER_SYNC_PASSPHRASE")
        .args(["sync", dir.to_str().expect("utf-8")]);
    if let Some(p) = passphrase {
        // scrypt at 2^10, not age's second per key file (debug builds
        // only; see sync/crypt.rs).
        cmd.env("LIMBER_SYNC_PASSPHRASE", p)
            .env("LIMBER_TEST_SCRYPT_LOG_N", "10");
    }
    cmd.output().expect("run limber")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_encrypted_folder_is_read_only_with_its_passphrase_and_a_wrong_one_changes_nothing() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    ok(
        a,
        &[
            "checkin",
            "--pain",
            "7",
            "--anxiety",
            "2",
            "--mood",
            "6",
            "--note",
            "stiff after the drive",
        ],
    );
    let out = sync_with(a, dir.path(), Some("correct horse"));
    assert!(out.status.success(), "{out:?}");
    let file = dir.path().join(format!("limber-{}.jsonl", device(a)));
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        !text.contains("stiff"),
        "the note is not in the clear: {text}"
    );
    assert!(!text.contains("pain"), "nor the scales: {text}");
    assert!(
        dir.path()
            .join(format!("limber-key-{}.age", device(a)))
            .exists()
    );
    checkin(b, "3", "2026-11-21 08:00");
    let before = files_in(dir.path());

    let out = sync_with(b, dir.path(), Some("wrong horse"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("limber: sync: the sync passphrase does not open limber-key-"),
        "{err}"
    );
    assert!(err.contains("nothing was applied or written"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(pains(b), "3", "nothing applied");
    assert_eq!(files_in(dir.path()), before, "nothing written");

    let out = sync_with(b, dir.path(), None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("limber: sync: the sync folder is encrypted"),
        "{err}"
    );
    assert_eq!(pains(b), "3");

    let out = sync_with(b, dir.path(), Some("correct horse"));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(pains(b), "3,7");
    let out = sync_with(a, dir.path(), Some("correct horse"));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(export(a), export(b));

    // A device's key file removed from the folder: a new key would leave
    // its lines locked for any device that joins later. Refused, nothing
    // written, and with the key put back all is as before.
    let key = dir.path().join(format!("limber-key-{}.age", device(a)));
    let kept = std::fs::read(&key).expect("key");
    std::fs::remove_file(&key).expect("remove");
    checkin(a, "4", "2026-11-22 08:00");
    let before = files_in(dir.path());
    let out = sync_with(a, dir.path(), Some("correct horse"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is gone from the sync folder"), "{err}");
    assert!(err.contains("nothing was applied or written"), "{err}");
    assert_eq!(files_in(dir.path()), before, "no new key made");
    std::fs::write(&key, kept).expect("put back");
    let out = sync_with(a, dir.path(), Some("correct horse"));
    assert!(out.status.success(), "{out:?}");
    let c = tempfile::tempdir().expect("a device that joins later");
    let out = sync_with(c.path(), dir.path(), Some("correct horse"));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(pains(c.path()), "3,4,7");

    // A plain folder with a passphrase set is refused too.
    let plain = tempfile::tempdir().expect("plain");
    sync(a, plain.path());
    let out = sync_with(b, plain.path(), Some("correct horse"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not encrypted"), "{err}");
}

#[test]
fn the_app_syncs_on_start_without_waiting_and_says_its_sync_on_quit() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(b, "7", "2026-11-24 08:00");
    sync(b, dir.path());
    std::fs::create_dir_all(a.join("config")).expect("config");
    std::fs::write(
        a.join("config/config.toml"),
        format!("sync_dir = {:?}\n", dir.path().to_str().expect("utf-8")),
    )
    .expect("write");
    let mut pty = common::Pty::spawn_with(a, &[], &[("LIMBER_SYNC_PASSPHRASE", "")]);
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("limber · today");
    // B's check-in, brought by the sync on start, shows without a key.
    pty.wait_for("pain 7");
    pty.quit();
    let screen = pty.screen();
    assert!(
        screen.contains("limber: synced through"),
        "one line on quit: {screen}"
    );
    assert!(
        dir.path()
            .join(format!("limber-{}.jsonl", device(a)))
            .exists()
    );
}

/// The app's sync on start brought many deletes and kept the store before
/// them, and never said so: the quit line said "0 changes came in". What
/// the sync on start found worth saying is said at quit, in the words of
/// `limber sync`.
#[cfg(target_os = "linux")]
#[test]
fn the_app_says_at_quit_what_its_sync_on_start_did() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    for day in 10..22 {
        checkin(a, "5", &format!("2026-11-{day} 08:00"));
    }
    sync(a, dir.path());
    sync(b, dir.path());
    for id in ids(a, "checkin") {
        ok(a, &["delete", &id]);
    }
    sync(a, dir.path());
    std::fs::create_dir_all(b.join("config")).expect("config");
    std::fs::write(
        b.join("config/config.toml"),
        format!("sync_dir = {:?}\n", dir.path().to_str().expect("utf-8")),
    )
    .expect("config.toml");
    let mut pty = common::Pty::spawn_with(
        b,
        &[],
        &[("LIMBER_NOW", NOW), ("LIMBER_SYNC_PASSPHRASE", "")],
    );
    pty.wait_for("See a clinician now");
    pty.send("\r");
    pty.wait_for("No check-ins yet.");
    pty.quit();
    let screen = pty.screen();
    assert!(screen.contains("12 deletes came in"), "{screen}");
    assert!(screen.contains("limber-backup-"), "{screen}");
    assert!(screen.contains("limber: synced through"), "{screen}");
}

/// The store kept before a sync that brought many deletes was undone by
/// the next sync: `limber restore` of it brought the entries back, and the
/// next sync deleted them again and kept another backup. A restore brings
/// back what was deleted since the backup as entries of their own, which
/// the next sync carries to every device.
#[test]
fn a_restore_of_the_store_kept_before_a_sync_brings_its_entries_back_everywhere() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    for day in 10..22 {
        checkin(a, "5", &format!("2026-11-{day} 08:00"));
    }
    sync(a, dir.path());
    sync(b, dir.path());
    for id in ids(a, "checkin") {
        ok(a, &["delete", &id]);
    }
    sync(a, dir.path());
    let said = sync(b, dir.path());
    assert!(said.contains("12 deletes came in"), "{said}");
    let kept: Vec<PathBuf> = std::fs::read_dir(b.join("data"))
        .expect("data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-before-sync.db"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let said = ok_at(
        b,
        "2026-11-25T11:00:00Z",
        &["restore", kept[0].to_str().expect("utf-8")],
    );
    assert!(
        said.contains("12 entries deleted since it was kept came back"),
        "{said}"
    );
    let again = sync(b, dir.path());
    assert!(!again.contains("deletes came in"), "{again}");
    assert_eq!(pains(b).split(',').count(), 12);
    sync(a, dir.path());
    assert_eq!(
        pains(a).split(',').count(),
        12,
        "back on the other device too"
    );
    for home in [a, b] {
        sync(home, dir.path());
    }
    assert_eq!(export(a), export(b));
}

/// `undo` of a flare day marked again after a clear said "the flare-up came
/// back" when nothing came back, and its note was lost. The day is one
/// record: undoing the mark clears it again, and undoing the clear brings
/// back the day with the note it had.
#[test]
fn undo_of_a_flare_day_marked_again_says_what_it_did() {
    let (h, _dir) = homes(1);
    let a = h[0].path();
    ok_at(a, "2026-11-25T10:00:00Z", &["flare", "--note", "first day"]);
    ok_at(a, "2026-11-25T10:01:00Z", &["flare", "--clear"]);
    ok_at(a, "2026-11-25T10:02:00Z", &["flare", "--note", "again"]);
    let said = ok_at(a, "2026-11-25T10:03:00Z", &["undo"]);
    assert!(said.contains("deleted again"), "{said}");
    assert!(!said.contains("came back"), "{said}");
    let flares = |home: &Path| {
        sql(
            &db(home),
            "SELECT coalesce(group_concat(coalesce(note, '-'), ','), '') FROM flare_days
             WHERE deleted_at IS NULL",
        )
    };
    assert_eq!(flares(a), "");
    let said = ok_at(a, "2026-11-25T10:04:00Z", &["undo"]);
    assert!(said.contains("came back"), "{said}");
    assert_eq!(flares(a), "first day", "with the note it had");
}

/// A large junk file in the folder made a log larger than itself, a line
/// per junk line. Junk costs one line in the log per file.
#[test]
fn a_large_junk_file_costs_one_line_in_the_log() {
    let (h, dir) = homes(1);
    let a = h[0].path();
    checkin(a, "6", "2026-11-20 08:00");
    let junk = dir.path().join("limber-00000000000000bb.jsonl");
    let mut text = String::from(
        "{\"format\":\"limber-sync\",\"version\":1,\"device\":\"00000000000000bb\",\"file\":\"j\"}\n",
    );
    for i in 0..200_000 {
        text.push_str(&format!("not a change {i}\n"));
    }
    std::fs::write(&junk, &text).expect("junk");
    sync(a, dir.path());
    let log = std::fs::read_to_string(a.join("data/limber.log")).unwrap_or_default();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("limber-00000000000000bb.jsonl"), "{log}");
    assert!((log.len() as u64) < 1000, "{}", log.len());
}

/// A deleted entry's values are kept for `undo` for 30 days and then
/// cleared from the store: its note, scales, tags and places are gone, and
/// only the tombstone (kind, UUID, day, when) stays.
#[test]
fn a_deleted_entrys_values_are_cleared_after_thirty_days() {
    let (h, dir) = homes(1);
    let a = h[0].path();
    ok(
        a,
        &[
            "checkin",
            "--pain",
            "7",
            "--anxiety",
            "4",
            "--mood",
            "3",
            "--note",
            "a private word",
            "--tag",
            "travel",
            "--at",
            "2026-11-20 08:00",
        ],
    );
    let id = ids(a, "checkin")[0].clone();
    ok(a, &["delete", &id]);
    let kept = |home: &Path| {
        sql(
            &db(home),
            "SELECT (SELECT count(*) FROM undo_log) || ',' ||
                    (SELECT pain FROM checkins) || ',' ||
                    (SELECT count(*) FROM checkin_tags)",
        )
    };
    assert_eq!(
        kept(a),
        "2,7,1",
        "kept for undo meanwhile (its add and its delete)"
    );
    // 31 days on, the next sync (or delete) forgets it.
    ok_at(
        a,
        "2026-12-26T10:00:00Z",
        &["sync", dir.path().to_str().expect("utf-8")],
    );
    assert_eq!(kept(a), "0,0,0");
    let note = sql(
        &db(a),
        "SELECT count(*) FROM checkins WHERE note IS NOT NULL",
    );
    assert_eq!(note, "0");
    let err = fails_at(a, "2026-12-26T10:01:00Z", &["undo"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        sql(
            &db(a),
            "SELECT count(*) FROM checkins WHERE deleted_at IS NOT NULL"
        ),
        "1",
        "the tombstone stays"
    );
}

/// Two devices that each restored the store kept before the same deletes
/// brought every entry back twice (21 for 11). An entry brought back takes
/// a UUID worked out from its old one and its delete, the same on every
/// device, so it comes back once however many restore it.
#[test]
fn two_devices_restoring_before_the_same_deletes_bring_each_entry_back_once() {
    let (h, dir) = homes(3);
    let (a, b, c) = (h[0].path(), h[1].path(), h[2].path());
    for day in 10..22 {
        checkin(a, "5", &format!("2026-11-{day} 08:00"));
    }
    for home in [a, b, c] {
        sync(home, dir.path());
    }
    for id in ids(c, "checkin") {
        ok(c, &["delete", &id]);
    }
    sync(c, dir.path());
    for home in [a, b] {
        let said = sync(home, dir.path());
        assert!(said.contains("12 deletes came in"), "{said}");
        let kept: Vec<PathBuf> = std::fs::read_dir(home.join("data"))
            .expect("data")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with("-before-sync.db"))
            .collect();
        ok_at(
            home,
            "2026-11-25T11:00:00Z",
            &["restore", kept[0].to_str().expect("utf-8")],
        );
    }
    for home in [a, b, c, a, b, c] {
        sync(home, dir.path());
    }
    for home in [a, b, c] {
        assert_eq!(pains(home).split(',').count(), 12, "{}", pains(home));
    }
    assert_eq!(export(a), export(b));
    assert_eq!(export(a), export(c));
}

/// Syncing through one folder, then another, then the first again was
/// taken for a copy: a new device id and a file left behind.
#[test]
fn a_store_that_syncs_through_another_folder_and_back_is_not_a_copy() {
    let (h, x) = homes(1);
    let a = h[0].path();
    let y = tempfile::tempdir().expect("another folder");
    checkin(a, "5", "2026-11-20 08:00");
    sync(a, x.path());
    let was = device(a);
    checkin(a, "4", "2026-11-21 08:00");
    sync(a, y.path());
    checkin(a, "3", "2026-11-22 08:00");
    let said = sync(a, x.path());
    assert!(!said.contains("device of its own"), "{said}");
    assert_eq!(device(a), was);
}

/// This device's file put back to an older copy (by the sync tool, or a
/// restore of the folder) after a delete had written it anew was taken for
/// another store's file: a new device id. It is this store's own, and what
/// it no longer holds goes out again.
#[test]
fn this_devices_file_put_back_to_an_older_copy_is_still_its_own() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "5", "2026-11-20 08:00");
    checkin(a, "4", "2026-11-21 08:00");
    sync(a, dir.path());
    let was = device(a);
    let own = dir.path().join(format!("limber-{was}.jsonl"));
    let older = std::fs::read(&own).expect("own file");
    let first = ids(a, "checkin")[0].clone();
    ok(a, &["delete", &first]);
    sync(a, dir.path());
    std::fs::write(&own, older).expect("put back");
    let said = sync(a, dir.path());
    assert!(!said.contains("device of its own"), "{said}");
    assert_eq!(device(a), was);
    sync(b, dir.path());
    assert_eq!(pains(b), "4", "the delete reached the other device");
    assert_eq!(export(a), export(b));
}

/// After one edit on A, B said "3 changes came in": A's file, written anew
/// for the edit, was read again from its start and every line counted. A
/// change that came in is one newer than what the store holds.
#[test]
fn one_edit_is_one_change_that_came_in() {
    let (h, dir) = homes(2);
    let (a, b) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    checkin(a, "5", "2026-11-21 08:00");
    checkin(a, "4", "2026-11-22 08:00");
    sync(a, dir.path());
    let said = sync(b, dir.path());
    assert!(said.contains("3 changes came in"), "{said}");
    let id = ids(a, "checkin")[0].clone();
    ok_at(a, "2026-11-25T10:20:00Z", &["edit", &id, "--pain", "2"]);
    sync(a, dir.path());
    let said = sync(b, dir.path());
    assert!(said.contains("1 change came in"), "{said}");
}

/// After `cp -a` of a data folder, `undo` in the copy said "the checkin was
/// changed since on another device (a sync or an import)" though nothing
/// had synced: its steps were the original's. A copy starts with nothing
/// to undo; and `limber sync` of a file says it is not a folder.
#[test]
fn a_copy_starts_with_nothing_to_undo_and_sync_of_a_file_says_so() {
    let (h, dir) = homes(2);
    let (a, c) = (h[0].path(), h[1].path());
    checkin(a, "6", "2026-11-20 08:00");
    let id = ids(a, "checkin")[0].clone();
    ok_at(a, "2026-11-25T10:20:00Z", &["edit", &id, "--pain", "3"]);
    copy_data(a, c);
    let err = fails_at(c, "2026-11-25T10:21:00Z", &["undo"]);
    assert!(!err.contains("another device"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // The original still can.
    ok_at(a, "2026-11-25T10:22:00Z", &["undo"]);
    assert_eq!(pains(a), "6");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").expect("write");
    let err = fails(a, &["sync", file.to_str().expect("utf-8")]);
    assert!(err.contains("is a file, not a folder"), "{err}");
}
