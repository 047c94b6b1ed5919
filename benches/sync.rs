//! `limber sync` over ten years of made-up history: the first sync of a
//! store into an empty folder (everything goes out), the first sync of an
//! empty store from that folder (everything comes in), and an incremental
//! sync with one new check-in, and with nothing new.
//!
//! cargo bench --bench sync

use std::path::PathBuf;
use std::sync::OnceLock;

use limber::model::NewCheckIn;
use limber::store::Store;
use limber::store::transfer::Export;
use time::macros::datetime;

/// The clock the sample history ends at.
const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

#[allow(dead_code)]
#[path = "../tests/it/common/fixture.rs"]
mod fixture;

use fixture::Fixture;

fn main() {
    divan::main();
}

fn ten() -> &'static Export {
    static DOC: OnceLock<Export> = OnceLock::new();
    DOC.get_or_init(|| Fixture::new(10).store().export().expect("export"))
}

/// A fresh store holding the ten years, in its own folder.
fn ten_year_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(&dir.path().join("data")).expect("store");
    store.import(ten(), NOW).expect("import");
    (dir, store)
}

/// A sync folder holding the ten years, as one device wrote it.
fn ten_year_folder() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let (dir, mut store) = ten_year_store();
        let folder = dir.path().join("sync");
        std::fs::create_dir(&folder).expect("folder");
        limber::sync::sync(&mut store, &folder, None, NOW).expect("sync");
        (dir, folder)
    })
    .1
}

/// Everything goes out: a ten-year store into an empty folder.
#[divan::bench(sample_count = 10)]
fn first_sync_out(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| {
            let (dir, store) = ten_year_store();
            let folder = dir.path().join("sync");
            std::fs::create_dir(&folder).expect("folder");
            (dir, store, folder)
        })
        .bench_local_values(|(dir, mut store, folder)| {
            limber::sync::sync(&mut store, &folder, None, NOW).expect("sync");
            drop(dir);
        });
}

/// Everything comes in: an empty store from a ten-year folder.
#[divan::bench(sample_count = 10)]
fn first_sync_in(bencher: divan::Bencher) {
    let folder = ten_year_folder();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open_in(dir.path()).expect("store");
            // Its own file is written into the shared folder: take it out
            // again after each run.
            (dir, store)
        })
        .bench_local_values(|(dir, mut store)| {
            let outcome = limber::sync::sync(&mut store, folder, None, NOW).expect("sync");
            let own = folder.join(limber::sync::own_file_name(&outcome.device));
            let _ = std::fs::remove_file(own);
            drop(dir);
        });
}

/// One new check-in on a synced ten-year store: it goes out, and the
/// other device's file is read from where the last sync stopped.
#[divan::bench(sample_count = 20)]
fn incremental_one_checkin(bencher: divan::Bencher) {
    let (dir, mut store) = ten_year_store();
    let folder = dir.path().join("sync");
    std::fs::create_dir(&folder).expect("folder");
    limber::sync::sync(&mut store, &folder, None, NOW).expect("sync");
    let checkin = NewCheckIn {
        note: None,
        ..fixture::checkin(4)
    };
    bencher.bench_local(|| {
        store.add_checkin(&checkin).expect("write");
        limber::sync::sync(&mut store, &folder, None, NOW).expect("sync")
    });
}

/// Nothing new on either side.
#[divan::bench(sample_count = 20)]
fn incremental_nothing_new(bencher: divan::Bencher) {
    let (dir, mut store) = ten_year_store();
    let folder = dir.path().join("sync");
    std::fs::create_dir(&folder).expect("folder");
    limber::sync::sync(&mut store, &folder, None, NOW).expect("sync");
    bencher.bench_local(|| limber::sync::sync(&mut store, &folder, None, NOW).expect("sync"));
}
