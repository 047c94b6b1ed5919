//! Two stores and a sync folder in one temporary folder, as the sync tests
//! through the store (not the binary) use them: a check-in added, a sync
//! run, a pain read back.

use std::path::{Path, PathBuf};

use limber::model::{CheckInKind, NewCheckIn, Scales};
use limber::store::Store;
use time::{OffsetDateTime, macros::datetime};

pub const T0: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

pub struct Two {
    _tmp: tempfile::TempDir,
    pub a: Store,
    pub b: Store,
    /// The sync folder.
    pub dir: PathBuf,
    /// Where both data folders and the sync folder are.
    pub root: PathBuf,
}

/// Two empty stores, `a` and `b`, and an empty sync folder.
pub fn two() -> Two {
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

pub fn sync(store: &mut Store, dir: &Path, now: OffsetDateTime) -> limber::sync::SyncReport {
    limber::sync::sync(store, dir, None, now).expect("sync")
}

pub fn add_checkin(store: &mut Store, pain: u8, at: OffsetDateTime) -> String {
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

pub fn pain(store: &Store, uuid: &str) -> Option<u8> {
    let doc = store.export().expect("export");
    doc.checkins.iter().find(|c| c.uuid == uuid).map(|c| c.pain)
}
