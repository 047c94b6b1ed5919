//! Every key limber answers to, in one table. Input handling asks it which
//! action a key press means on the screen at hand, and the footer, the `?`
//! overlay, `limber keys` and the README's table are all drawn from it, so
//! they cannot disagree. `[keys]` in config.toml rebinds any action; key
//! names (`"space"`, `"ctrl-n"`, `"G"`) are parsed and shown here only.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is pressed. Two actions may share a key only when they are
/// never on the same screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Safety,
    Resume,
    Today,
    Detail,
    CheckIn,
    Gentle,
    Session,
    EndPrompt,
    Summary,
    History,
    Problems,
    /// "Delete this entry?" on History's Diary tab.
    Delete,
    Fitness,
    Who5,
    /// A RAND-36 scale: physical functioning or the MHI-5.
    Questionnaire,
    /// The programmes: the one followed, the others to start.
    Programme,
    /// "Start following …?" or "Stop following …?" on the Programme screen.
    ProgrammeConfirm,
    /// The exposure ladder: feared everyday activities and their tries.
    Ladder,
}

impl Scope {
    pub const ALL: [Scope; 18] = [
        Scope::Safety,
        Scope::Resume,
        Scope::Today,
        Scope::Detail,
        Scope::CheckIn,
        Scope::Gentle,
        Scope::Session,
        Scope::EndPrompt,
        Scope::Summary,
        Scope::History,
        Scope::Problems,
        Scope::Delete,
        Scope::Fitness,
        Scope::Who5,
        Scope::Questionnaire,
        Scope::Programme,
        Scope::ProgrammeConfirm,
        Scope::Ladder,
    ];

    /// A short name, for `limber keys`.
    pub fn short(self) -> &'static str {
        match self {
            Scope::Safety => "safety",
            Scope::Resume => "resume",
            Scope::Today => "today",
            Scope::Detail => "routine",
            Scope::CheckIn => "check-in",
            Scope::Gentle => "gentle",
            Scope::Session => "session",
            Scope::EndPrompt => "end?",
            Scope::Summary => "summary",
            Scope::History => "history",
            Scope::Problems => "problems",
            Scope::Delete => "delete?",
            Scope::Fitness => "fitness",
            Scope::Who5 => "who-5",
            Scope::Questionnaire => "rand-36",
            Scope::Programme => "programme",
            Scope::ProgrammeConfirm => "start/stop?",
            Scope::Ladder => "ladder",
        }
    }

    /// The screen in the user's words, for messages.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Safety => "the safety notice",
            Scope::Resume => "the unfinished-session question",
            Scope::Today => "Today",
            Scope::Detail => "a routine's page",
            Scope::CheckIn => "the check-in",
            Scope::Gentle => "the gentle-version offer",
            Scope::Session => "the session screen",
            Scope::EndPrompt => "\"end the session?\"",
            Scope::Summary => "the summary",
            Scope::History => "History",
            Scope::Problems => "the routine-problems page",
            Scope::Delete => "\"delete this entry?\"",
            Scope::Fitness => "the fitness check",
            Scope::Who5 => "the WHO-5",
            Scope::Questionnaire => "a RAND-36 questionnaire",
            Scope::Programme => "the Programme screen",
            Scope::ProgrammeConfirm => "\"start (or stop) following it?\"",
            Scope::Ladder => "the exposure ladder",
        }
    }
}

macro_rules! actions {
    ($($variant:ident $name:literal [$($scope:ident),+] [$($key:literal),+] $what:literal;)+) => {
        /// Everything a key can ask limber to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)+];

            /// Its name in config.toml's `[keys]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// What it does, in a few words.
            pub fn what(self) -> &'static str {
                match self {
                    $(Action::$variant => $what,)+
                }
            }

            /// The screens it works on.
            pub fn scopes(self) -> &'static [Scope] {
                match self {
                    $(Action::$variant => &[$(Scope::$scope),+],)+
                }
            }

            /// Its keys until config.toml says otherwise.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Action::$variant => &[$($key),+],)+
                }
            }
        }
    };
}

actions! {
    Up "up" [Safety, Today, Detail, Summary, History, Fitness, Who5, Questionnaire, Programme, Ladder] ["up", "k"] "move up";
    Down "down" [Safety, Today, Detail, Summary, History, Fitness, Who5, Questionnaire, Programme, Ladder] ["down", "j"] "move down";
    First "first" [Safety, Today, Detail, Summary, History, CheckIn, Programme] ["g", "home"] "to the first (a check-in scale: 0)";
    Last "last" [Safety, Today, Detail, Summary, History, CheckIn, Programme] ["G", "end"] "to the last (a check-in scale: 10)";
    PageUp "page_up" [Safety, History] ["pageup"] "a page up";
    PageDown "page_down" [Safety, History] ["pagedown", "space"] "a page down";
    Help "help" [Resume, Today, Detail, CheckIn, Gentle, Session, Summary, History, Problems, Fitness, Who5, Questionnaire, Programme, Ladder] ["?"] "show the keys";
    SafetyList "safety" [Resume, Today, Detail, CheckIn, Gentle, Session, EndPrompt, Summary, History, Problems, Delete, Fitness, Who5, Questionnaire, Programme, ProgrammeConfirm, Ladder] ["!"] "the signs that need help now (999 or A&E; GP or 111)";
    Quit "quit" [Safety, Resume, Today] ["q", "esc"] "quit limber";
    Back "back" [Detail, Gentle, History, Problems, Fitness, Who5, Questionnaire, Programme, Ladder] ["esc", "q", "backspace"] "go back";
    Open "open" [Today, History, Problems, Fitness, Who5, Questionnaire, Programme, Ladder] ["enter"] "open the one picked, or go on";
    ReadOn "read_on" [Safety] ["enter"] "read on, then go on";
    Resume "resume" [Resume] ["r"] "resume the unfinished session";
    KeepEnded "keep_ended" [Resume] ["a"] "keep the unfinished session as ended early";
    CheckIn "check_in" [Today] ["c"] "check in";
    History "history" [Today] ["h"] "open History";
    Favourites "favourites" [Today] ["f"] "start a routine of your favourite exercises";
    Edit "edit" [Today, Detail, Problems] ["e"] "edit the routine in $VISUAL / $EDITOR";
    Flare "flare" [Today] ["r"] "mark today as a flare-up day (again: take it back)";
    FitnessCheck "fitness_check" [Today] ["t"] "the fitness check: four self-tests";
    Wellbeing "wellbeing" [Today, Fitness] ["w"] "the WHO-5: how the last two weeks have been";
    Function "function" [Today, Fitness] ["p"] "RAND-36 physical functioning: what your health limits";
    Programme "programme" [Today] ["P"] "the programmes: start one, see where you are, stop it";
    StopProgramme "stop_programme" [Programme] ["s"] "stop following the programme (asks first)";
    Ladder "ladder" [Today] ["L"] "your exposure ladder: everyday activities you fear, and each try";
    NewStep "new_step" [Ladder] ["n"] "name a new activity for the ladder";
    MentalHealth "mental_health" [Today, Fitness] ["m"] "RAND-36 emotional well-being (the MHI-5): the past 4 weeks";
    Start "start" [Detail] ["enter"] "start the routine";
    Fear "fear" [Detail, Session] ["f"] "mark the exercise as one you fear (again: unmark)";
    Gentle "gentle" [Gentle] ["enter", "g"] "take the gentle version";
    Full "full" [Gentle] ["f"] "take the full version";
    NextField "next_field" [CheckIn] ["down", "j", "tab"] "the next scale";
    PreviousField "previous_field" [CheckIn] ["up", "k", "backtab"] "the previous scale";
    More "more" [CheckIn] ["right", "l"] "one more on the scale";
    Less "less" [CheckIn] ["left", "h"] "one less on the scale";
    Note "note" [CheckIn] ["n"] "write a note";
    Save "save" [CheckIn] ["enter"] "save the check-in";
    Later "later" [CheckIn] ["esc"] "skip the check-in";
    Clear "clear" [CheckIn, Session] ["backspace", "delete"] "clear an answer";
    Toggle "toggle" [CheckIn] ["space"] "mark a tag, place or treatment (again: unmark)";
    AddWord "add_word" [CheckIn] ["a", "+"] "type a new tag or treatment";
    Pause "pause" [Session] ["space"] "pause, or go on";
    Skip "skip" [Session] ["n", "right"] "skip to what comes next";
    Previous "previous" [Session] ["p", "left"] "back to the previous exercise";
    MoreTime "more_time" [Session] ["+", "="] "15 seconds more";
    RepsDone "reps_done" [Session] ["enter"] "the reps are done";
    End "end" [Session] ["q", "esc"] "end the session (asks first)";
    Yes "yes" [EndPrompt, Delete, ProgrammeConfirm] ["y", "Y"] "yes: end the session, delete the entry, or start or stop the programme";
    No "no" [EndPrompt, Delete, ProgrammeConfirm] ["n", "N", "esc", "q"] "no: keep going, keep the entry, or leave the programme as it is";
    NextTab "next_tab" [History] ["tab", "right", "l"] "the next tab";
    PreviousTab "previous_tab" [History] ["backtab", "left", "h"] "the previous tab";
    LongerRange "longer_range" [History] ["]"] "a longer range";
    ShorterRange "shorter_range" [History] ["["] "a shorter range";
    Pain "pain" [History] ["p"] "Trends: pain alone (again: all three)";
    Anxiety "anxiety" [History] ["a"] "Trends: anxiety alone (again: all three)";
    Mood "mood" [History] ["m"] "Trends: mood alone (again: all three)";
    EditEntry "edit_entry" [History] ["e"] "Diary: correct the entry picked";
    DeleteEntry "delete_entry" [History] ["d"] "Diary: delete the entry picked (asks first)";
    Undo "undo" [History] ["u"] "Diary: take back the last change";
    WithCheckins "with_checkins" [Delete] ["c"] "delete a session with its check-ins";
    Done "done" [Summary] ["enter", "esc", "q"] "close the summary";
}

/// One key with its modifiers. Shift is part of the character (`G`, `?`),
/// never a separate modifier, so `"G"` means what the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Reads a key as config.toml writes it: one character (`"j"`, `"G"`,
    /// `"?"`), or a name (`"space"`, `"enter"`, `"pagedown"`, `"f5"`), with
    /// `ctrl-` or `alt-` in front if wanted. Names ignore case.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => {
                        return Err(format!(
                            "\"{}\" is not a key limber knows; write one character, or space, enter, esc, tab, backtab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown or f1–f12, with ctrl- or alt- in front if wanted",
                            crate::text::one_line(text)
                        ));
                    }
                },
            },
        };
        let shown = crate::text::one_line(text);
        if let KeyCode::Char(c) = code
            && ((c.is_whitespace() && c != ' ') || unicode_width::UnicodeWidthStr::width(rest) == 0)
        {
            return Err(format!(
                "\"{shown}\" is a character that does not show on screen; pick one that does"
            ));
        }
        if ctrl {
            // What a terminal sends for Ctrl and a key: only the letters,
            // and the keys with names that carry modifiers, arrive as such.
            match code {
                KeyCode::Char('i') => {
                    return Err(format!("\"{shown}\" reaches limber as tab; write \"tab\""));
                }
                KeyCode::Char('m') => {
                    return Err(format!(
                        "\"{shown}\" reaches limber as enter; write \"enter\""
                    ));
                }
                KeyCode::Char('a'..='z')
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Delete
                | KeyCode::Insert
                | KeyCode::F(_) => {}
                _ => {
                    return Err(format!(
                        "\"{shown}\" cannot be told apart by a terminal; with ctrl- use a letter a–z, an arrow, home, end, pageup, pagedown, delete, insert or f1–f12"
                    ));
                }
            }
        }
        let key = Key { code, ctrl, alt };
        if let Some(why) = key.reserved() {
            return Err(format!("\"{}\" {why}", crate::text::one_line(text)));
        }
        Ok(key)
    }

    /// Keys that are not actions and cannot be bound: digits enter numbers
    /// (scales, ratings, History's tabs), Ctrl-C always quits and Ctrl-Z
    /// always suspends, whatever config.toml says.
    fn reserved(&self) -> Option<&'static str> {
        match (self.code, self.ctrl) {
            (KeyCode::Char('0'..='9'), false) if !self.alt => {
                Some("enters numbers (scales, ratings, History's tabs) and cannot be bound")
            }
            (KeyCode::Char('c' | 'C'), true) => Some("always quits and cannot be bound"),
            (KeyCode::Char('z' | 'Z'), true) => {
                Some("always suspends to the shell and cannot be bound")
            }
            _ => None,
        }
    }
}

impl Key {
    /// As config.toml writes it: `space`, `ctrl-n`, `G`, `pagedown`.
    pub fn config_name(&self) -> String {
        let mut name = String::new();
        if self.ctrl {
            name.push_str("ctrl-");
        }
        if self.alt {
            name.push_str("alt-");
        }
        match self.code {
            KeyCode::Char(' ') => name.push_str("space"),
            KeyCode::Char(c) => name.push(c),
            KeyCode::F(n) => name.push_str(&format!("f{n}")),
            code => name.push_str(match code {
                KeyCode::Enter => "enter",
                KeyCode::Esc => "esc",
                KeyCode::Tab => "tab",
                KeyCode::BackTab => "backtab",
                KeyCode::Backspace => "backspace",
                KeyCode::Delete => "delete",
                KeyCode::Insert => "insert",
                KeyCode::Up => "up",
                KeyCode::Down => "down",
                KeyCode::Left => "left",
                KeyCode::Right => "right",
                KeyCode::Home => "home",
                KeyCode::End => "end",
                KeyCode::PageUp => "pageup",
                KeyCode::PageDown => "pagedown",
                _ => "?",
            }),
        }
        name
    }
}

/// As the screen shows it: `↑`, `Enter`, `Space`, `Ctrl-n`, `G`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Why a `[keys]` entry was refused, and the byte offset to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub offset: usize,
    pub message: String,
}

/// Which keys each action has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = Action::ALL
            .iter()
            .map(|a| {
                a.default_keys()
                    .iter()
                    .map(|k| Key::parse(k).expect("the default keys are valid (tested)"))
                    .collect()
            })
            .collect();
        Keymap { keys }
    }
}

/// One `[keys]` line as written: the action's name and its keys, each with
/// where it sits in the file.
pub struct Rebinding {
    pub action: (String, usize),
    pub keys: Vec<(String, usize)>,
}

impl Keymap {
    /// The keys of `action`, the first being the one hints show.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.keys
            .get(action as usize)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// What a key press means in `scope`, if anything.
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.scopes().contains(&scope) && self.keys(*a).contains(&key))
    }

    /// The default keymap with the user's rebindings: each one replaces the
    /// action's keys. An unknown action, an unknown or reserved key, or a key
    /// that would mean two things on one screen is refused, pointing at it.
    pub fn with(rebindings: &[Rebinding]) -> Result<Keymap, KeyError> {
        let mut map = Keymap::default();
        // Where each rebound key was written, for conflict messages.
        let mut written: Vec<(Action, Key, &str, usize)> = Vec::new();
        for rebinding in rebindings {
            let (name, at) = &rebinding.action;
            let Some(action) = Action::ALL.iter().copied().find(|a| a.name() == name) else {
                return Err(KeyError {
                    offset: *at,
                    message: format!(
                        "\"{}\" is not an action limber has; `limber keys` lists them",
                        crate::text::one_line(name)
                    ),
                });
            };
            if rebinding.keys.is_empty() {
                return Err(KeyError {
                    offset: *at,
                    message: format!("{name} needs at least one key"),
                });
            }
            let mut keys = Vec::new();
            for (text, at) in &rebinding.keys {
                let key = Key::parse(text).map_err(|message| KeyError {
                    offset: *at,
                    message,
                })?;
                if !keys.contains(&key) {
                    keys.push(key);
                    written.push((action, key, text, *at));
                }
            }
            map.keys[action as usize] = keys;
        }
        // A key may mean one thing per screen. Report the clash at the key
        // the user wrote (the later one when both were written).
        for &(action, key, text, at) in written.iter().rev() {
            for &other in Action::ALL {
                if other == action || !map.keys(other).contains(&key) {
                    continue;
                }
                if let Some(scope) = action.scopes().iter().find(|s| other.scopes().contains(s)) {
                    return Err(KeyError {
                        offset: at,
                        message: format!(
                            "\"{}\" is already {}'s key on {}; give {} other keys, or pick another key for {}",
                            crate::text::one_line(text),
                            other.name(),
                            scope.title(),
                            other.name(),
                            action.name()
                        ),
                    });
                }
            }
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn rebind(lines: &[(&str, &[&str])]) -> Result<Keymap, KeyError> {
        let mut offset = 0;
        let rebindings: Vec<Rebinding> = lines
            .iter()
            .map(|(name, keys)| {
                let r = Rebinding {
                    action: (name.to_string(), offset),
                    keys: keys
                        .iter()
                        .enumerate()
                        .map(|(i, k)| (k.to_string(), offset + 10 + i))
                        .collect(),
                };
                offset += 100;
                r
            })
            .collect();
        Keymap::with(&rebindings)
    }

    #[test]
    fn the_defaults_parse_and_mean_one_thing_per_screen() {
        let map = Keymap::default();
        for &a in Action::ALL {
            assert!(!map.keys(a).is_empty(), "{a:?}");
            for &b in Action::ALL {
                if a >= b {
                    continue;
                }
                let shared = a.scopes().iter().any(|s| b.scopes().contains(s));
                let clash = map.keys(a).iter().any(|k| map.keys(b).contains(k));
                assert!(
                    !(shared && clash),
                    "{a:?} and {b:?} share a key on one screen"
                );
            }
        }
    }

    #[test]
    fn names_and_characters_parse() {
        let k = |t: &str| Key::parse(t).expect(t);
        assert_eq!(k("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(k("Enter"), Key::plain(KeyCode::Enter));
        assert_eq!(k("G"), Key::plain(KeyCode::Char('G')));
        assert_eq!(k("pagedown"), Key::plain(KeyCode::PageDown));
        assert_eq!(k("f5"), Key::plain(KeyCode::F(5)));
        assert_eq!(k("f"), Key::plain(KeyCode::Char('f')));
        assert_eq!(
            k("ctrl-n"),
            Key {
                code: KeyCode::Char('n'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(k("alt-enter").to_string(), "Alt-Enter");
        assert_eq!(k("-"), Key::plain(KeyCode::Char('-')));
        assert!(Key::parse("spacebar").is_err());
        assert!(Key::parse("").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(
            Key::parse("7")
                .expect_err("digit")
                .contains("enters numbers")
        );
        assert!(
            Key::parse("ctrl-c")
                .expect_err("ctrl-c")
                .contains("always quits")
        );
    }

    #[test]
    fn every_key_reads_back_as_it_is_written() {
        for &a in Action::ALL {
            for key in Keymap::default().keys(a) {
                assert_eq!(Key::parse(&key.config_name()).as_ref(), Ok(key));
            }
        }
        for text in ["ctrl-alt-x", "f12", "space", "backtab", "insert"] {
            assert_eq!(Key::parse(text).expect(text).config_name(), text);
        }
    }

    #[test]
    fn a_press_means_the_action_of_its_screen() {
        let map = Keymap::default();
        let n = press(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(map.action(Scope::Session, &n), Some(Action::Skip));
        assert_eq!(map.action(Scope::CheckIn, &n), Some(Action::Note));
        assert_eq!(map.action(Scope::Today, &n), None);
        // Shift is part of the character.
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(Scope::Today, &big_g), Some(Action::Last));
        let back = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.action(Scope::History, &back), Some(Action::PreviousTab));
        // Ctrl makes it another key.
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Scope::Session, &ctrl_n), None);
    }

    #[test]
    fn a_rebinding_replaces_the_keys_of_its_action() {
        let map = rebind(&[("pause", &["p"]), ("previous", &["b", "left"])]).expect("valid");
        let p = press(KeyCode::Char('p'), KeyModifiers::NONE);
        let space = press(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(map.action(Scope::Session, &p), Some(Action::Pause));
        assert_eq!(map.action(Scope::Session, &space), None);
        // Other screens keep their own meaning of the key.
        assert_eq!(map.action(Scope::History, &p), Some(Action::Pain));
    }

    #[test]
    fn a_clash_on_one_screen_is_refused_at_the_key() {
        let e = rebind(&[("pause", &["n"])]).expect_err("clash");
        assert_eq!(e.offset, 10);
        assert_eq!(
            e.message,
            "\"n\" is already skip's key on the session screen; give skip other keys, or pick another key for pause"
        );
        // Both written: the later one is named.
        let e = rebind(&[("history", &["x"]), ("check_in", &["y", "x"])]).expect_err("clash");
        assert_eq!(e.offset, 111);
        assert!(
            e.message
                .starts_with("\"x\" is already history's key on Today")
        );
        // A key that only clashes on screens apart is fine.
        assert!(rebind(&[("note", &["p"])]).is_ok());
        // Moving the other action off the key settles it.
        assert!(rebind(&[("pause", &["n"]), ("skip", &["s", "right"])]).is_ok());
    }

    #[test]
    fn unknown_actions_and_keys_are_refused_where_written() {
        let e = rebind(&[("up", &["k"]), ("paws", &["space"])]).expect_err("unknown");
        assert_eq!(e.offset, 100);
        assert!(e.message.starts_with("\"paws\" is not an action"));
        let e = rebind(&[("pause", &["spacebar"])]).expect_err("unknown key");
        assert_eq!(e.offset, 10);
        assert!(
            e.message
                .starts_with("\"spacebar\" is not a key limber knows")
        );
        let e = rebind(&[("pause", &[])]).expect_err("empty");
        assert_eq!(e.message, "pause needs at least one key");
    }
}
