//! Where limber keeps things (data dir, config dir) and the user's
//! `config.toml`, parsed strictly: an unknown key or a wrong type is an error
//! that names the key, line and column. No config file is written: the
//! defaults live here, so a user is never pinned to old ones.

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use toml::Spanned;

use crate::keymap::{Keymap, Rebinding};
use crate::located::Located;

/// The settings, with their defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Sessions a week the user aims for.
    pub weekly_goal: u32,
    /// Seconds to get ready before the first exercise, unless a routine says.
    pub get_ready: u32,
    /// Seconds of rest after each set or side, unless an exercise says.
    pub default_rest: u32,
    /// Ring the terminal bell when a step is about to change.
    pub bell: bool,
    /// Ask for a check-in before a guided session.
    pub checkin_before: bool,
    /// Ask for a check-in after a guided session.
    pub checkin_after: bool,
    /// Pain before a session at or above this offers the gentle version.
    pub gentle_from: u8,
    /// Clicks and the wheel: select a routine or a tab, scroll lists and ranges.
    pub mouse: bool,
    /// Colours: `auto` (dark, or none when NO_COLOR is set), `dark`,
    /// `light`, `high-contrast` or `mono` (none).
    pub theme: Theme,
    /// Every key binding, with the user's `[keys]` rebindings.
    pub keys: Keymap,
    /// The day weeks begin on: the calendar's first column, and where
    /// "this week" and the weekly bars start counting.
    pub week_start: time::Weekday,
    /// The tags a check-in offers first, in this order (any other word
    /// can be added): `DEFAULT_TAGS` unless `tags = [...]` says others.
    pub tags: Vec<String>,
    /// The folder `limber sync` meets other devices in (one a sync tool
    /// keeps alike on each computer); none unless set.
    pub sync_dir: Option<PathBuf>,
    /// The passphrase the sync folder's files are encrypted with.
    pub sync_passphrase: Option<Secret>,
}

/// A passphrase: secrecy's string, zeroed when dropped and kept out of debug
/// output and logs. Equality is only for comparing settings.
#[derive(Clone, Debug)]
pub struct Secret(pub SecretString);

impl PartialEq for Secret {
    fn eq(&self, other: &Secret) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }
}

impl Eq for Secret {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Dark,
    Light,
    HighContrast,
    Mono,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            weekly_goal: 3,
            get_ready: 5,
            default_rest: 15,
            bell: true,
            checkin_before: true,
            checkin_after: true,
            gentle_from: 7,
            theme: Theme::Auto,
            mouse: true,
            keys: Keymap::default(),
            week_start: time::Weekday::Monday,
            tags: crate::model::DEFAULT_TAGS
                .iter()
                .map(|t| t.to_string())
                .collect(),
            sync_dir: None,
            sync_passphrase: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    weekly_goal: Option<Spanned<i64>>,
    get_ready: Option<Spanned<i64>>,
    default_rest: Option<Spanned<i64>>,
    /// Cosmetic settings are read as any value and checked here, so that a
    /// wrong one can be a warning where nothing depends on it.
    bell: Option<Spanned<toml::Value>>,
    checkin_before: Option<bool>,
    checkin_after: Option<bool>,
    gentle_from: Option<Spanned<i64>>,
    theme: Option<Spanned<String>>,
    mouse: Option<Spanned<toml::Value>>,
    week_start: Option<Spanned<String>>,
    tags: Option<Vec<Spanned<String>>>,
    /// Read again with spans by `rebindings`; here only so its presence is
    /// allowed and its type checked.
    keys: Option<toml::Table>,
    sync_dir: Option<Spanned<String>>,
    sync_passphrase: Option<Spanned<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Invalid(#[from] Located),
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error(
        "cannot tell where your home folder is; pass --data-dir and --config, or set LIMBER_DATA_DIR and LIMBER_CONFIG"
    )]
    NoHome,
}

/// How a wrong cosmetic setting (`theme`, `mouse`, `bell`, `week_start`, `tags`, `[keys]`: how
/// the app looks and feels, nothing that is recorded) is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cosmetic {
    /// It is an error, as every other wrong setting is.
    Refuse,
    /// It is a warning and the setting keeps its default: for the commands
    /// that record (`checkin`, `log`, `flare`, `export`), which a mistake in
    /// the look of the app must not stop.
    Warn,
}

impl Config {
    /// Reads `config.toml` from `dir`; a missing file means the defaults.
    pub fn load(dir: &Path) -> Result<Config, ConfigError> {
        Config::load_with(dir, Cosmetic::Refuse).map(|(config, _)| config)
    }

    /// Reads `config.toml` from `dir`, with the problems in cosmetic
    /// settings that were warned about (each setting at its default).
    pub fn load_with(
        dir: &Path,
        cosmetic: Cosmetic,
    ) -> Result<(Config, Vec<Located>), ConfigError> {
        let path = dir.join("config.toml");
        match std::fs::read(&path) {
            Ok(bytes) => {
                let file = path.display().to_string();
                let text = String::from_utf8(bytes)
                    .map_err(|_| Located::start(&file, "the file is not valid UTF-8 text"))?;
                Config::parse_with(&file, &text, cosmetic)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok((Config::default(), Vec::new()))
            }
            Err(source) => Err(ConfigError::Read {
                file: path.display().to_string(),
                source,
            }),
        }
    }

    /// Parses the text of a config file; `file` is how errors name it.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        Config::parse_with(file, text, Cosmetic::Refuse).map(|(config, _)| config)
    }

    /// Parses the text of a config file, taking wrong cosmetic settings as
    /// `cosmetic` says.
    pub fn parse_with(
        file: &str,
        text: &str,
        cosmetic: Cosmetic,
    ) -> Result<(Config, Vec<Located>), ConfigError> {
        let invalid = |offset: usize, message: String| Located::at(file, text, offset, message);
        let mut warnings = Vec::new();
        let boolean = |value: Option<Spanned<toml::Value>>, default: bool| match value {
            None => Ok(default),
            Some(v) => {
                let start = v.span().start;
                v.into_inner()
                    .try_into::<bool>()
                    .map_err(|e| invalid(start, e.message().trim().to_string()))
            }
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from(Located::toml(file, text, &e)))?;
        let defaults = Config::default();
        let ranged = |value: Option<Spanned<i64>>, key: &str, min: i64, max: i64, default: u32| {
            match value {
                None => Ok(default),
                Some(v) if (min..=max).contains(v.get_ref()) => {
                    Ok(u32::try_from(*v.get_ref()).unwrap_or(default))
                }
                Some(v) => Err(ConfigError::from(invalid(
                    v.span().start,
                    format!(
                        "{key} is {}; it must be between {min} and {max}",
                        v.get_ref()
                    ),
                ))),
            }
        };
        let theme = match raw.theme {
            None => Ok(defaults.theme),
            Some(t) => match t.get_ref().as_str() {
                "auto" => Ok(Theme::Auto),
                "dark" => Ok(Theme::Dark),
                "light" => Ok(Theme::Light),
                "high-contrast" => Ok(Theme::HighContrast),
                "mono" => Ok(Theme::Mono),
                other => Err(invalid(
                    t.span().start,
                    format!(
                        "theme \"{}\" is not one limber has; use auto, dark, light, high-contrast or mono",
                        crate::text::one_line(other)
                    ),
                )),
            },
        };
        let theme = look(theme, defaults.theme, cosmetic, &mut warnings)?;
        let week_start = match raw.week_start {
            None => Ok(defaults.week_start),
            Some(w) => weekday(w.get_ref()).ok_or_else(|| {
                invalid(
                    w.span().start,
                    format!(
                        "week_start \"{}\" is not a day of the week; use monday, tuesday, wednesday, thursday, friday, saturday or sunday",
                        crate::text::one_line(w.get_ref())
                    ),
                )
            }),
        };
        let week_start = look(week_start, defaults.week_start, cosmetic, &mut warnings)?;
        let tags = match raw.tags {
            None => Ok(defaults.tags.clone()),
            Some(list) => tags(list, &invalid),
        };
        let tags = look(tags, defaults.tags.clone(), cosmetic, &mut warnings)?;
        let keys = match raw.keys {
            None => Ok(defaults.keys.clone()),
            Some(_) => rebindings(file, text).and_then(|rebindings| {
                Keymap::with(&rebindings).map_err(|e| invalid(e.offset, e.message))
            }),
        };
        let keys = look(keys, defaults.keys.clone(), cosmetic, &mut warnings)?;
        let mouse = look(
            boolean(raw.mouse, defaults.mouse),
            defaults.mouse,
            cosmetic,
            &mut warnings,
        )?;
        let bell = look(
            boolean(raw.bell, defaults.bell),
            defaults.bell,
            cosmetic,
            &mut warnings,
        )?;
        let sync_dir = match raw.sync_dir {
            Some(d) if d.get_ref().trim().is_empty() => {
                return Err(invalid(
                    d.span().start,
                    "sync_dir is empty; leave it out, or name the folder to sync through"
                        .to_string(),
                )
                .into());
            }
            Some(d) => Some(PathBuf::from(d.into_inner())),
            None => None,
        };
        let sync_passphrase = match raw.sync_passphrase {
            Some(p) if p.get_ref().is_empty() => {
                return Err(invalid(
                    p.span().start,
                    "sync_passphrase is empty; leave it out, or set a passphrase".to_string(),
                )
                .into());
            }
            Some(p) => Some(Secret(SecretString::from(p.into_inner()))),
            None => None,
        };
        let config = Config {
            sync_dir,
            sync_passphrase,
            keys,
            tags,
            theme,
            week_start,
            mouse,
            weekly_goal: ranged(raw.weekly_goal, "weekly_goal", 1, 14, defaults.weekly_goal)?,
            get_ready: ranged(raw.get_ready, "get_ready", 0, 600, defaults.get_ready)?,
            default_rest: ranged(
                raw.default_rest,
                "default_rest",
                0,
                600,
                defaults.default_rest,
            )?,
            bell,
            checkin_before: raw.checkin_before.unwrap_or(defaults.checkin_before),
            checkin_after: raw.checkin_after.unwrap_or(defaults.checkin_after),
            gentle_from: ranged(
                raw.gentle_from,
                "gentle_from",
                0,
                10,
                u32::from(defaults.gentle_from),
            )? as u8,
        };
        Ok((config, warnings))
    }
}

/// The tags of `tags = [...]`, each tidied as a check-in keeps it; a
/// repeat (in any capitals) is kept once.
fn tags(
    list: Vec<Spanned<String>>,
    invalid: &dyn Fn(usize, String) -> Located,
) -> Result<Vec<String>, Located> {
    let mut kept: Vec<String> = Vec::new();
    for tag in list {
        let start = tag.span().start;
        let tidy = crate::model::tidy_word(tag.get_ref(), "tag")
            .map_err(|e| invalid(start, e.to_string()))?;
        if !kept
            .iter()
            .any(|k| crate::model::word_key(k) == crate::model::word_key(&tidy))
        {
            kept.push(tidy);
        }
    }
    Ok(kept)
}

/// The day a `week_start` value names, in any case.
fn weekday(name: &str) -> Option<time::Weekday> {
    use time::Weekday as W;
    Some(match name.to_ascii_lowercase().as_str() {
        "monday" => W::Monday,
        "tuesday" => W::Tuesday,
        "wednesday" => W::Wednesday,
        "thursday" => W::Thursday,
        "friday" => W::Friday,
        "saturday" => W::Saturday,
        "sunday" => W::Sunday,
        _ => return None,
    })
}

/// A cosmetic setting's value or, when `cosmetic` says warn, its default
/// with the problem added to `warnings`.
fn look<T>(
    value: Result<T, Located>,
    default: T,
    cosmetic: Cosmetic,
    warnings: &mut Vec<Located>,
) -> Result<T, ConfigError> {
    match (value, cosmetic) {
        (Ok(v), _) => Ok(v),
        (Err(e), Cosmetic::Warn) => {
            warnings.push(e);
            Ok(default)
        }
        (Err(e), Cosmetic::Refuse) => Err(ConfigError::from(e)),
    }
}

/// The `[keys]` table as written, in file order, with where each action
/// and key sits: `pause = "space"` or `skip = ["n", "right"]`.
fn rebindings(file: &str, text: &str) -> Result<Vec<Rebinding>, Located> {
    use toml::de::{DeTable, DeValue};
    let document = DeTable::parse(text).map_err(|e| Located::toml(file, text, &e))?;
    let Some(DeValue::Table(table)) = document.get_ref().get("keys").map(|v| v.get_ref()) else {
        return Ok(Vec::new());
    };
    let key_text = |value: &toml::Spanned<DeValue>| match value.get_ref() {
        DeValue::String(s) => Ok((s.to_string(), value.span().start)),
        _ => Err(Located::at(
            file,
            text,
            value.span().start,
            "a key is written as a string, like \"space\" or \"j\"",
        )),
    };
    let mut out = Vec::new();
    for (name, value) in table {
        let keys = match value.get_ref() {
            DeValue::Array(items) => items.iter().map(key_text).collect::<Result<_, _>>()?,
            _ => vec![key_text(value)?],
        };
        out.push(Rebinding {
            action: (name.get_ref().to_string(), name.span().start),
            keys,
        });
    }
    out.sort_by_key(|r| r.action.1);
    Ok(out)
}

/// The folders limber uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    /// The data folder was named on the command line (`--data-dir`): one
    /// that does not exist is then a mistake to report, not a first run.
    pub data_dir_given: bool,
}

impl Paths {
    /// Flag, else environment variable, else the XDG folder.
    pub fn resolve(
        data_flag: Option<PathBuf>,
        config_flag: Option<PathBuf>,
    ) -> Result<Paths, ConfigError> {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let data_dir_given = data_flag.is_some();
        let data = data_flag.or_else(|| from_env("LIMBER_DATA_DIR"));
        let config = config_flag.or_else(|| from_env("LIMBER_CONFIG"));
        let project =
            || directories::ProjectDirs::from("", "", "limber").ok_or(ConfigError::NoHome);
        Ok(Paths {
            data_dir: match data {
                Some(dir) => dir,
                None => project()?.data_dir().to_path_buf(),
            },
            config_dir: match config {
                Some(dir) => dir,
                None => project()?.config_dir().to_path_buf(),
            },
            data_dir_given,
        })
    }

    pub fn db_file(&self) -> PathBuf {
        self.data_dir.join("limber.db")
    }

    pub fn routines_dir(&self) -> PathBuf {
        self.config_dir.join("routines")
    }
}

/// The folder to sync through: `given`, else `sync_dir` in config.toml; a
/// leading `~` is the home folder.
pub fn sync_folder(config: &Config, given: Option<PathBuf>) -> Option<PathBuf> {
    let dir = given.or_else(|| config.sync_dir.clone())?;
    if let Ok(rest) = dir.strip_prefix("~")
        && let Some(home) = std::env::var_os("HOME")
    {
        return Some(Path::new(&home).join(rest));
    }
    Some(dir)
}

/// The passphrase: `LIMBER_SYNC_PASSPHRASE`, else `sync_passphrase` in
/// config.toml.
pub fn sync_passphrase(config: &Config) -> Option<SecretString> {
    std::env::var("LIMBER_SYNC_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
        .map(SecretString::from)
        .or_else(|| config.sync_passphrase.as_ref().map(|s| s.0.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Config::parse("config.toml", text)
            .expect_err("should be refused")
            .to_string()
    }

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(
            Config::parse("c", "").expect("empty is fine"),
            Config::default()
        );
    }

    #[test]
    fn every_key_is_read() {
        let config = Config::parse(
            "c",
            "weekly_goal = 4\nget_ready = 10\ndefault_rest = 20\nbell = false\ncheckin_before = false\ncheckin_after = false\ngentle_from = 6\ntheme = \"mono\"\nmouse = false\nweek_start = \"Sunday\"\ntags = [\"walk\"]\n",
        )
        .expect("valid");
        assert_eq!(
            config,
            Config {
                weekly_goal: 4,
                get_ready: 10,
                default_rest: 20,
                bell: false,
                checkin_before: false,
                checkin_after: false,
                gentle_from: 6,
                theme: Theme::Mono,
                mouse: false,
                keys: Keymap::default(),
                week_start: time::Weekday::Sunday,
                tags: vec!["walk".to_string()],
                sync_dir: None,
                sync_passphrase: None,
            }
        );
    }

    #[test]
    fn unknown_keys_are_named_with_line_and_column() {
        let e = err("weekly_goal = 3\n  weekly_gaol = 4\n");
        assert!(
            e.starts_with("config.toml:2:3: unknown field `weekly_gaol`"),
            "{e}"
        );
    }

    #[test]
    fn wrong_types_are_named_with_line_and_column() {
        let e = err("bell = \"yes\"\n");
        assert!(
            e.starts_with("config.toml:1:8: invalid type: string \"yes\", expected a boolean"),
            "{e}"
        );
    }

    #[test]
    fn a_wrong_cosmetic_setting_can_be_a_warning_with_its_default() {
        let text = "weekly_goal = 4\ntheme = \"pink\"\nbell = \"yes\"\nmouse = false\n[keys]\npause = \"nope\"\n";
        assert!(err(text).starts_with("config.toml:2:9: theme \"pink\""));
        let (config, warnings) =
            Config::parse_with("config.toml", text, Cosmetic::Warn).expect("warnings only");
        let defaults = Config::default();
        assert_eq!(
            (config.weekly_goal, config.theme, config.bell, config.mouse),
            (4, defaults.theme, defaults.bell, false)
        );
        assert_eq!(config.keys, defaults.keys);
        let places: Vec<(usize, usize)> = warnings.iter().map(|w| (w.line, w.column)).collect();
        assert_eq!(places, [(2, 9), (6, 9), (3, 8)]);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("config.toml:2:9: theme \"pink\" is not one limber has")
        );
    }

    #[test]
    fn a_setting_that_is_not_cosmetic_is_refused_even_when_warning() {
        for text in [
            "weekly_goal = 0\n",
            "gentle_from = \"high\"\n",
            "bel = true\n",
        ] {
            assert!(
                Config::parse_with("config.toml", text, Cosmetic::Warn).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert_eq!(
            err("\nweekly_goal = 0\n"),
            "config.toml:2:15: weekly_goal is 0; it must be between 1 and 14"
        );
    }

    #[test]
    fn flags_win_over_the_environment() {
        let paths = Paths::resolve(Some("/d".into()), Some("/c".into())).expect("paths");
        assert_eq!(paths.db_file(), PathBuf::from("/d/limber.db"));
        assert_eq!(paths.routines_dir(), PathBuf::from("/c/routines"));
    }

    #[test]
    fn an_unknown_theme_is_named() {
        assert_eq!(
            err("theme = \"neon\"\n"),
            "config.toml:1:9: theme \"neon\" is not one limber has; use auto, dark, light, high-contrast or mono"
        );
    }

    #[test]
    fn keys_are_rebound_and_clashes_named_with_line_and_column() {
        use crate::keymap::{Action, Key};
        use ratatui::crossterm::event::KeyCode;
        let config = Config::parse(
            "c",
            "bell = true\n[keys]\npause = \"p\"\nprevious = [\"b\", \"left\"]\n",
        )
        .expect("valid");
        assert_eq!(
            config.keys.keys(Action::Pause),
            &[Key::plain(KeyCode::Char('p'))]
        );
        assert_eq!(
            err("[keys]\npause = \"space\"\nskip = [\"right\", \"p\"]\n"),
            "config.toml:3:18: \"p\" is already previous's key on the session screen; give previous other keys, or pick another key for skip"
        );
        assert_eq!(
            err("[keys]\n  paws = \"space\"\n"),
            "config.toml:2:3: \"paws\" is not an action limber has; `limber keys` lists them"
        );
        assert!(
            err("[keys]\npause = \"spacebar\"\n")
                .starts_with("config.toml:2:9: \"spacebar\" is not a key limber knows"),
        );
        assert_eq!(
            err("[keys]\npause = 5\n"),
            "config.toml:2:9: a key is written as a string, like \"space\" or \"j\""
        );
        assert_eq!(
            err("[keys]\nhelp = \"3\"\n"),
            "config.toml:2:8: \"3\" enters numbers (scales, ratings, History's tabs) and cannot be bound"
        );
    }

    #[test]
    fn tags_are_the_six_by_default_and_read_tidied_and_checked_with_their_place() {
        assert_eq!(Config::default().tags.len(), 6);
        assert_eq!(Config::default().tags[0], "poor sleep");
        let config = Config::parse(
            "c",
            "tags = [\" Gardening  day\", \"gardening day\", \"travel\"]\n",
        )
        .expect("tags");
        assert_eq!(config.tags, ["Gardening day", "travel"]);
        assert!(
            Config::parse("c", "tags = []\n")
                .expect("none")
                .tags
                .is_empty()
        );
        assert_eq!(
            err("weekly_goal = 3\ntags = [\"travel\", \"a;b\"]\n"),
            "config.toml:2:19: the tag \"a;b\" has a \";\", which separates them in a CSV file; use a comma or leave it out"
        );
        let long = "x".repeat(41);
        assert!(
            err(&format!("tags = [\"{long}\"]\n"))
                .starts_with("config.toml:1:9: the tag \"xxxxxxxxxxxxxxxxxxxx…\" is 41 characters long; keep it to 40"),
        );
        assert!(err("tags = [\"  \"]\n").starts_with("config.toml:1:9: a tag cannot be empty"));
        assert!(
            err("tags = \"travel\"\n").starts_with("config.toml:1:8: invalid type"),
            "{}",
            err("tags = \"travel\"\n")
        );
        let (config, warnings) =
            Config::parse_with("config.toml", "tags = [\"a;b\"]\n", Cosmetic::Warn).expect("warns");
        assert_eq!(config.tags, Config::default().tags);
        assert_eq!(warnings.len(), 1);
    }
}
