//! The three parsers that read what a user or another program wrote —
//! routine files, config.toml and import files — on arbitrary bytes and on
//! mangled versions of valid input: they may refuse, they never panic.
//!
//! PROPTEST_CASES sets how many inputs each property tries (default 256).

use limber::config::Config;
use limber::routine::{self, Source};
use limber::store::Store;
use limber::store::transfer::Export;
use proptest::prelude::*;
use time::macros::datetime;

/// The clock an import is checked against: after every row of EXPORT.
const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

const ROUTINE: &str = include_str!("../../crates/domain/assets/routines/core-basics.toml");
const CONFIG: &str = "weekly_goal = 4\nget_ready = 10\ndefault_rest = 20\nbell = false\ngentle_from = 6\n\n[keys]\npause = \"x\"\nskip = [\"s\", \"right\"]\nhelp = \"ctrl-h\"\n";
const EXPORT: &str = r#"{"format": "limber-export", "version": 1,
  "routines": [{"uuid": "11111111-2222-4333-8444-555555555550", "slug": "walk", "name": "Walk", "source": "user", "definition": ""}],
  "sessions": [{"uuid": "11111111-2222-4333-8444-555555555555", "routine": "walk", "activity": "Walk", "kind": "guided", "status": "completed",
    "started_at": "2026-11-20T08:00:00Z", "ended_at": "2026-11-20T08:10:00Z", "local_date": "2026-11-20", "planned_seconds": 600, "active_seconds": 500, "note": null,
    "exercises": [{"uuid": "11111111-2222-4333-8444-555555555556", "position": 0, "name": "Walk", "kind": "aerobic", "planned_seconds": 600, "actual_seconds": 500,
      "planned_reps": null, "sets_planned": 1, "sets_done": 1, "status": "done", "comfort": 4, "finished_at": "2026-11-20T08:10:00Z"}]}],
  "checkins": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f10", "recorded_at": "2026-11-20T07:59:00Z", "local_date": "2026-11-20", "context": "before",
    "session": "11111111-2222-4333-8444-555555555555", "pain": 5, "anxiety": 3, "mood": 6, "fear": 2, "note": "stiff"}],
  "flares": [{"uuid": "6f1c3a52-8d0e-4a43-9a57-0e6c6e3b5f11", "date": "2026-11-21", "note": null, "marked_at": "2026-11-21T09:00:00Z"}],
  "feared": ["Walk"]}"#;

/// A valid input with a few bytes changed, cut or repeated.
fn mangled(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    (
        proptest::collection::vec((0..len, any::<u8>()), 0..8),
        0..=len,
        0..4usize,
    )
        .prop_map(move |(changes, cut, repeat)| {
            let mut bytes = valid.as_bytes().to_vec();
            for (at, byte) in changes {
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(1));
            let copy = bytes.clone();
            for _ in 0..repeat {
                bytes.extend_from_slice(&copy);
            }
            bytes
        })
}

fn import(bytes: &[u8]) {
    if let Ok(doc) = Export::from_json(bytes)
        && doc.validate(NOW).is_ok()
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open_in(dir.path()).expect("store");
        // All or nothing: either it is in, or the store is as it was.
        if store.import(&doc, NOW).is_err() {
            assert_eq!(store.counts().expect("counts"), (0, 0));
        }
    }
}

proptest! {
    #[test]
    fn routine_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = routine::parse("x", "x.toml", &text, Source::User);
    }

    #[test]
    fn mangled_routine_files_never_panic(bytes in mangled(ROUTINE)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(r) = routine::parse("x", "x.toml", &text, Source::User) {
            // Whatever parses is a routine the timer can walk.
            let plan = limber::plan::Plan::new(&r.gentle(), 5, 15);
            prop_assert!(plan.total().as_secs() > 0);
        }
    }

    #[test]
    fn config_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Config::parse("config.toml", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mangled_config_files_never_panic(bytes in mangled(CONFIG)) {
        let _ = Config::parse("config.toml", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn import_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        import(&bytes);
    }

    #[test]
    fn mangled_import_files_never_panic(bytes in mangled(EXPORT)) {
        import(&bytes);
    }
}

#[test]
fn the_valid_seeds_are_valid() {
    assert!(routine::parse("x", "x.toml", ROUTINE, Source::User).is_ok());
    assert!(Config::parse("c", CONFIG).is_ok());
    let doc = Export::from_json(EXPORT.as_bytes()).expect("export parses");
    doc.validate(NOW).expect("export is valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("store");
    let summary = store.import(&doc, NOW).expect("imports");
    assert_eq!(summary.checkins_added, 1);
}
