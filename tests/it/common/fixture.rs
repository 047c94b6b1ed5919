//! Made-up data shared by the tests and the benchmarks: the routines the
//! tests own, a store holding years of sample history ending on 2026-11-25,
//! and one check-in to write.

use limber::clock::Clock;
use limber::config::{Config, Paths};
use limber::env::Env;
use limber::model::{CheckInKind, NewCheckIn, Scales};
use limber::routine::{Routine, Source};
use limber::store::Store;
use limber::tui::app::{App, Startup};
use limber::tui::load_today;
use time::macros::{date, datetime};

/// A data folder in a temp dir with `years` of made-up daily use (the same
/// every time), the settings by default and the clock pinned to
/// 2026-11-25 10:00 UTC.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub env: Env,
}

impl Fixture {
    pub fn new(years: u32) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let env = Env {
            paths: Paths {
                data_dir: dir.path().join("data"),
                config_dir: dir.path().join("config"),
                data_dir_given: false,
            },
            config: Config::default(),
            clock: Clock::fixed(datetime!(2026-11-25 10:00 UTC), jiff::tz::TimeZone::UTC),
        };
        let mut store = Store::open_in(&env.paths.data_dir).expect("store");
        if years > 0 {
            let doc = limber::sample::generate(years, &env.clock, 11, &routines());
            store.import(&doc, env.clock.now()).expect("sample history");
        }
        Fixture { _dir: dir, env }
    }

    /// The app as it starts, on Today, its data read from the store.
    pub fn app(&self) -> App {
        let catalog = self.env.catalog();
        let mut app = App::new(
            self.env.config.clone(),
            self.env.clock.clone(),
            load_today(&self.store(), &self.env, &catalog).expect("today"),
            catalog.routines.clone(),
            Startup::today(Vec::new()),
            limber::tui::theme::Theme::default(),
        );
        app.init(std::time::Instant::now());
        app
    }

    /// A connection to the store, as a command or the app opens it.
    pub fn store(&self) -> Store {
        Store::open_in(&self.env.paths.data_dir).expect("store")
    }
}

/// A daily check-in on 2026-11-20 at 08:00 UTC with `pain`, anxiety 3,
/// mood 6, fear 2 and a short note; change fields with `..checkin(pain)`.
pub fn checkin(pain: u8) -> NewCheckIn {
    NewCheckIn {
        at: datetime!(2026-11-20 08:00 UTC),
        local_date: date!(2026 - 11 - 20),
        context: CheckInKind::Daily,
        session_id: None,
        scales: Scales {
            pain,
            anxiety: 3,
            mood: 6,
            fear: Some(2),
        },
        note: Some("stiff after the drive".to_string()),
    }
}

/// The routines the tests own (`tests/fixtures/routines/`), in the order
/// Today lists the built-ins: screens and history drawn from these do not
/// change when a built-in routine in `crates/domain/assets/` is edited.
pub fn routines() -> Vec<Routine> {
    const FILES: &[(&str, &str)] = &[
        (
            "desk-break",
            include_str!("../../fixtures/routines/desk-break.toml"),
        ),
        (
            "gentle-mobility",
            include_str!("../../fixtures/routines/gentle-mobility.toml"),
        ),
        (
            "core-basics",
            include_str!("../../fixtures/routines/core-basics.toml"),
        ),
        (
            "cycle-or-walk",
            include_str!("../../fixtures/routines/cycle-or-walk.toml"),
        ),
        (
            "breathe-and-relax",
            include_str!("../../fixtures/routines/breathe-and-relax.toml"),
        ),
    ];
    FILES
        .iter()
        .map(|(slug, text)| {
            limber::routine::parse(slug, &format!("{slug}.toml"), text, Source::Builtin)
                .unwrap_or_else(|problems| panic!("{slug}.toml: {problems:?}"))
        })
        .collect()
}
