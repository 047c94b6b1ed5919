//! Unit tests of the entries: short ids, and tombstones that no prefix finds.

use time::macros::datetime;

use super::*;
use limber_domain::model::{CheckInKind, NewCheckIn, Scales, short_id_lengths};

fn checkin(store: &mut Store, uuid: &str) {
    let at = datetime!(2026-11-24 08:00 UTC);
    let new = NewCheckIn {
        at,
        local_date: at.date(),
        context: CheckInKind::Daily,
        session_id: None,
        scales: Scales {
            pain: 3,
            anxiety: 2,
            mood: 6,
            fear: None,
        },
        note: None,
    };
    store.add_checkin_as(uuid, &new).expect("check-in");
}

#[test]
fn short_ids_grow_only_where_entries_share_a_start() {
    let mut store = Store::open_memory().expect("store");
    checkin(&mut store, "abcdef01-1111-4111-8111-111111111111");
    checkin(&mut store, "abcdef01-2222-4222-8222-222222222222");
    checkin(&mut store, "12345678-3333-4333-8333-333333333333");
    let uuids = store.entry_uuids().expect("uuids");
    let refs: Vec<&str> = uuids.iter().map(String::as_str).collect();
    let short: Vec<String> = refs
        .iter()
        .zip(short_id_lengths(&refs))
        .map(|(u, n)| u[..n].to_string())
        .collect();
    let mut short = short;
    short.sort();
    assert_eq!(short, ["12345678", "abcdef01-1", "abcdef01-2"]);
    assert_eq!(store.entries_by_prefix("abcdef01").expect("find").len(), 2);
    assert_eq!(
        store.entries_by_prefix("abcdef01-2").expect("find").len(),
        1
    );
    assert!(store.entries_by_prefix("9").expect("find").is_empty());
}

#[test]
fn a_tombstone_is_found_by_no_prefix_and_shortens_no_id() {
    let mut store = Store::open_memory().expect("store");
    checkin(&mut store, "abcdef01-1111-4111-8111-111111111111");
    checkin(&mut store, "abcdef01-2222-4222-8222-222222222222");
    let now = datetime!(2026-11-25 09:00 UTC);
    let gone = [(EntryKind::CheckIn, "abcdef01-2222-4222-8222-222222222222")];
    assert_eq!(store.delete_entries(&gone, now).expect("delete"), 1);
    assert_eq!(store.delete_entries(&gone, now).expect("again"), 0);
    assert_eq!(store.entry_uuids().expect("uuids").len(), 1);
    assert_eq!(store.entries_by_prefix("abcdef01").expect("find").len(), 1);
    let undone = store.undo(now).expect("undo");
    assert_eq!(undone.len(), 1);
    assert_eq!(undone[0].action, "delete");
    assert_eq!(store.entries_by_prefix("abcdef01").expect("find").len(), 2);
}
