//! A mistake in a cosmetic setting of config.toml: the app and the reading
//! commands stop with its place, the recording commands warn and go on.

use crate::common;

use common::{run, sql};

fn home_with_config(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), text).expect("config");
    home
}

#[test]
fn a_wrong_theme_still_stops_the_app_and_the_reading_commands() {
    let home = home_with_config("weekly_goal = 3\ntheme = \"pink\"\n");
    for args in [&[][..], &["status"], &["report"], &["screen", "today"]] {
        let (code, _, err) = run(home.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("config.toml:2:9: theme \"pink\" is not one limber has"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_wrong_theme_or_bell_warns_and_recording_goes_on() {
    let home = home_with_config("weekly_goal = 3\ntheme = \"pink\"\nbell = \"yes\"\n");
    for args in [
        &["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"][..],
        &["log", "walk", "--minutes", "20"],
        &["flare"],
        &["export", "--format", "json"],
    ] {
        let (code, _, err) = run(home.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let warnings: Vec<&str> = err.lines().collect();
        assert_eq!(warnings.len(), 2, "{args:?}: {err}");
        assert!(warnings[0].starts_with("limber: warning: "), "{err}");
        assert!(
            warnings[0].contains("config.toml:2:9: theme \"pink\" is not one limber has")
                && warnings[0].ends_with("; using the default for now"),
            "{err}"
        );
        assert!(
            warnings[1].contains("config.toml:3:8: invalid type"),
            "{err}"
        );
    }
    let db = home.path().join("data").join("limber.db");
    assert_eq!(sql(&db, "SELECT count(*) FROM checkins"), "1");
    assert_eq!(sql(&db, "SELECT count(*) FROM sessions"), "1");
}

#[test]
fn a_setting_that_is_not_cosmetic_still_stops_recording() {
    let home = home_with_config("weekly_goal = 0\n");
    let (code, _, err) = run(
        home.path(),
        &["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("config.toml:1:15: weekly_goal is 0"), "{err}");
}

#[test]
fn a_wrong_week_start_is_named_with_its_place_and_only_warns_when_recording() {
    let home = home_with_config("weekly_goal = 3\nweek_start = \"someday\"\n");
    let (code, _, err) = run(home.path(), &["status"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("config.toml:2:14: week_start \"someday\" is not a day of the week"),
        "{err}"
    );
    let (code, _, err) = run(
        home.path(),
        &["checkin", "--pain", "4", "--anxiety", "3", "--mood", "6"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: ") && err.contains("config.toml:2:14: week_start"),
        "{err}"
    );
}
