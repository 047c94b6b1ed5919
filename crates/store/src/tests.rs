//! Unit tests of the store: what one reading reads is one state of it.

use time::macros::datetime;

use super::*;
use limber_domain::model::{CheckInKind, NewCheckIn, Scales};

fn checkin(pain: u8) -> NewCheckIn {
    let at = datetime!(2026-11-24 08:00 UTC);
    NewCheckIn {
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
    }
}

#[test]
fn what_is_read_in_one_reading_is_one_state_of_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut writer = Store::open_in(dir.path()).expect("store");
    writer.add_checkin(&checkin(3)).expect("check-in");
    let reader = Store::open_in(dir.path()).expect("second connection");
    let (first, second) = reader
        .reading(|store| -> Result<_> {
            let first = store.last_checkin()?.map(|c| c.scales.pain);
            // Another process writes between two reads of the first frame.
            writer.add_checkin(&checkin(7))?;
            let second = store.last_checkin()?.map(|c| c.scales.pain);
            Ok((first, second))
        })
        .expect("reading");
    assert_eq!((first, second), (Some(3), Some(3)));
    // Once the reading ends, the write is there.
    let after = reader.last_checkin().expect("read").map(|c| c.scales.pain);
    assert_eq!(after, Some(7));
}

#[test]
fn a_write_inside_a_reading_is_refused_not_rolled_back_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("store");
    let refused = store.reading(|s| -> Result<_> {
        Ok(s.conn
            .execute("INSERT INTO app_state (key, value) VALUES ('x', '1')", [])
            .is_err())
    });
    assert!(refused.expect("reading"), "the write went through");
    // And writing works again after it.
    store
        .add_checkin(&checkin(3))
        .expect("a write after the reading");
}
