//! The keys of each screen, as rows of the keymap: the footer hints and the
//! `?` help overlay are both drawn from these rows and the user's keymap,
//! so they cannot disagree with each other or with what the keys do.

use ratatui::text::{Line, Span};

use crate::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;

/// Where a list's selection goes for a movement action (up, down, first,
/// last), or `None` for any other. Every list screen moves the same way.
pub fn list_move(action: Action, selected: usize, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match action {
        Action::Down => Some((selected + 1).min(last)),
        Action::Up => Some(selected.saturating_sub(1)),
        Action::First => Some(0),
        Action::Last => Some(last),
        _ => None,
    }
}

/// One line of a screen's keys: the actions it names (their keys are read
/// from the keymap) or, for numbers, which are not actions, fixed text.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub actions: &'static [Action],
    pub fixed: Option<&'static str>,
    pub label: &'static str,
    /// Shown in the footer as well as in the help overlay.
    pub footer: bool,
}

pub(crate) const fn row(actions: &'static [Action], label: &'static str, footer: bool) -> Row {
    Row {
        actions,
        fixed: None,
        label,
        footer,
    }
}

pub(crate) const fn numbers(keys: &'static str, label: &'static str, footer: bool) -> Row {
    Row {
        actions: &[],
        fixed: Some(keys),
        label,
        footer,
    }
}

use Action as A;

pub const SAFETY: &[Row] = &[
    row(&[A::Down, A::Up], "scroll", false),
    row(&[A::PageDown, A::PageUp], "a page", false),
    row(&[A::First, A::Last], "the top / the end", false),
    row(&[A::ReadOn], "read on, then go on", true),
    row(&[A::Quit], "quit", true),
];

pub const RESUME: &[Row] = &[
    row(&[A::Resume], "resume where it stopped", false),
    row(&[A::KeepEnded], "keep it as ended early", false),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Quit], "quit", false),
];

/// The offer of entries left unsaved last time: the resume question's keys.
pub const RECOVERY: &[Row] = &[
    row(&[A::Resume], "bring them in now", false),
    row(&[A::KeepEnded], "keep the file for later", false),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Quit], "quit", false),
];

pub const TODAY: &[Row] = &[
    row(&[A::Up, A::Down], "move", true),
    row(&[A::First, A::Last], "first / last routine", false),
    row(&[A::Open], "open", true),
    row(&[A::CheckIn], "check in", true),
    row(&[A::History], "history", true),
    row(
        &[A::Favourites],
        "a routine of your favourite exercises",
        false,
    ),
    row(
        &[A::Edit],
        "edit the routine in $VISUAL / $EDITOR (a built-in becomes your copy)",
        false,
    ),
    row(
        &[A::Flare],
        "today is a flare-up: a rest day (again: take it back)",
        false,
    ),
    row(&[A::FitnessCheck], "the fitness check", false),
    row(&[A::Wellbeing], "the WHO-5 (wellbeing)", false),
    row(&[A::Help], "keys", true),
    row(&[A::Quit], "quit", true),
    // Below quit, so a small terminal still shows how to quit.
    row(&[A::Function], "physical functioning (RAND-36)", false),
    row(
        &[A::MentalHealth],
        "mental health (RAND-36, the MHI-5)",
        false,
    ),
    row(
        &[A::Programme],
        "programmes: start one, see where you are, stop it",
        false,
    ),
    row(
        &[A::Ladder],
        "your exposure ladder: activities you fear, each try",
        false,
    ),
    // Last, so a small terminal still shows how to quit above it.
    row(&[A::SafetyList], "the signs that need help now", false),
];

pub const HISTORY: &[Row] = &[
    row(&[A::NextTab], "tab", true),
    numbers("1–7", "a tab by its number", false),
    row(&[A::ShorterRange, A::LongerRange], "range", true),
    row(&[A::Up, A::Down], "move", true),
    row(&[A::First, A::Last], "first / last", false),
    row(&[A::PageUp, A::PageDown], "a page", false),
    row(&[A::Open], "open a session", true),
    row(
        &[A::Pain, A::Anxiety, A::Mood],
        "Trends: pain, anxiety or mood alone (again: all three)",
        false,
    ),
    row(&[A::EditEntry], "Diary: correct the entry picked", false),
    row(
        &[A::DeleteEntry],
        "Diary: delete the entry picked (asks first)",
        false,
    ),
    row(&[A::Undo], "Diary: take back the last change", false),
    row(&[A::PreviousTab], "previous tab", false),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

/// History's footer on each tab, in the tabs' order: only the keys that do
/// something there (the `?` overlay lists them all, from `HISTORY`).
pub const HISTORY_TABS: [&[Row]; 5] = [
    &[
        row(&[A::NextTab], "tab", true),
        row(&[A::ShorterRange, A::LongerRange], "range", true),
        row(&[A::Pain, A::Anxiety, A::Mood], "one scale", true),
        row(&[A::Back], "back", true),
    ],
    &[
        row(&[A::NextTab], "tab", true),
        row(&[A::ShorterRange, A::LongerRange], "range", true),
        row(&[A::Back], "back", true),
    ],
    &[
        row(&[A::NextTab], "tab", true),
        row(&[A::ShorterRange, A::LongerRange], "range", true),
        row(&[A::Up, A::Down], "move", true),
        row(&[A::Open], "open a session", true),
        row(&[A::Back], "back", true),
    ],
    &[
        row(&[A::NextTab], "tab", true),
        row(&[A::ShorterRange, A::LongerRange], "range", true),
        row(&[A::Up, A::Down], "move", true),
        row(&[A::Back], "back", true),
    ],
    &[
        row(&[A::NextTab], "tab", true),
        row(&[A::ShorterRange, A::LongerRange], "range", true),
        row(&[A::Up, A::Down], "scroll", true),
        row(&[A::Back], "back", true),
    ],
];

/// The footer on History's Progress tab.
pub const PROGRESS: &[Row] = &[
    row(&[A::NextTab], "tab", true),
    row(&[A::ShorterRange, A::LongerRange], "range", true),
    row(&[A::Up, A::Down], "scroll", true),
    row(&[A::Back], "back", true),
];

/// The footer on History's Diary tab: its own keys first; how to leave is
/// last, which the footer always keeps.
pub const DIARY: &[Row] = &[
    row(&[A::EditEntry], "edit", true),
    row(&[A::DeleteEntry], "delete", true),
    row(&[A::Undo], "undo", true),
    row(&[A::Open], "open", true),
    row(&[A::NextTab], "tab", true),
    row(&[A::ShorterRange, A::LongerRange], "range", true),
    row(&[A::Back], "back", true),
];

/// "Delete this entry?" on the Diary tab.
pub const DELETE: &[Row] = &[
    row(&[A::Yes], "delete it", true),
    row(
        &[A::WithCheckins],
        "a session: with its before/after check-ins",
        false,
    ),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::No], "keep it", true),
];

pub const DETAIL: &[Row] = &[
    row(&[A::Start], "start", true),
    row(&[A::Up, A::Down], "pick an exercise", true),
    row(&[A::First, A::Last], "first / last exercise", false),
    row(&[A::Fear], "mark it as one you fear", true),
    row(&[A::Edit], "edit the routine", false),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", true),
    row(&[A::Back], "back", true),
];

pub const PROBLEMS: &[Row] = &[
    row(&[A::Edit, A::Open], "edit it again", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "keep it as it is", true),
];

pub const GENTLE: &[Row] = &[
    row(&[A::Gentle], "the gentle version", true),
    row(&[A::Full], "the full version", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back to Today", true),
];

/// The footer on the check-in's optional rows (tags, where, took).
pub const CHECKIN_ROWS: &[Row] = &[
    row(&[A::Toggle], "mark", true),
    row(&[A::AddWord], "add", true),
    row(&[A::PreviousField, A::NextField], "field", true),
    row(&[A::Less, A::More], "move", true),
    row(&[A::Later], "skip", true),
    row(&[A::Save], "save", true),
];

pub const CHECKIN: &[Row] = &[
    row(&[A::PreviousField, A::NextField], "field", true),
    row(&[A::Less, A::More], "set", true),
    numbers("0–9", "set", false),
    numbers("1 then 0", "ten (the 0 within a second)", false),
    row(&[A::First, A::Last], "0 / 10", false),
    row(&[A::Clear], "clear the scale (not answered)", false),
    numbers("1–9", "tags, took: mark the one with that number", false),
    numbers("1–9 0 -", "where it hurts: mark that place", false),
    row(&[A::Toggle], "mark the one under the cursor", false),
    row(&[A::AddWord], "type a new tag or treatment", false),
    row(&[A::Note], "note", true),
    row(&[A::Later], "skip", true),
    // Last: the footer keeps it when narrow, and saving is the way on.
    row(&[A::Save], "save", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
];

/// A check-in corrected from the Diary: the check-in's keys, but Esc
/// leaves it as it was.
/// Saving and leaving come first, so a narrow terminal still shows them.
pub const CORRECTING: &[Row] = &[
    row(&[A::Save], "save", true),
    row(&[A::Later], "cancel", true),
    row(&[A::PreviousField, A::NextField], "field", true),
    row(&[A::Less, A::More], "set", true),
    numbers("0–9", "set", false),
    numbers("1 then 0", "ten (the 0 within a second)", false),
    row(&[A::First, A::Last], "0 / 10", false),
    row(&[A::Clear], "clear the scale (not answered)", false),
    numbers("1–9", "tags, took: mark the one with that number", false),
    numbers("1–9 0 -", "where it hurts: mark that place", false),
    row(&[A::Toggle], "mark the one under the cursor", false),
    row(&[A::AddWord], "type a new tag or treatment", false),
    row(&[A::Note], "note", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
];

pub const SESSION: &[Row] = &[
    row(&[A::Pause], "pause", true),
    row(&[A::Skip], "skip", true),
    row(&[A::Previous], "back", true),
    row(&[A::MoreTime], "15 s more", true),
    row(&[A::RepsDone], "reps done", false),
    row(
        &[A::Fear],
        "mark this exercise as one you fear (again: unmark)",
        false,
    ),
    numbers(
        "0–9",
        "answer how much it hurts (1 then 0 at once: 10)",
        false,
    ),
    row(&[A::Clear], "skip that question", false),
    numbers(
        "1–5",
        "rate the exercise just done (from its rest on)",
        false,
    ),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::End], "end", true),
];

pub const END_PROMPT: &[Row] = &[
    row(&[A::Yes], "end it", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::No], "keep going", true),
];

pub const SUMMARY: &[Row] = &[
    row(&[A::Up, A::Down], "pick", true),
    row(&[A::First, A::Last], "first / last", false),
    numbers("1–5", "rate", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Done], "done", true),
];

pub const FITNESS: &[Row] = &[
    row(&[A::Up, A::Down], "pick a test", true),
    row(&[A::Open], "open it; begin; stop; save the count", true),
    numbers("0–9", "type the count", false),
    row(&[A::Wellbeing], "the WHO-5 too", false),
    row(&[A::Function], "physical functioning (RAND-36)", false),
    row(
        &[A::MentalHealth],
        "mental health (RAND-36, the MHI-5)",
        false,
    ),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

pub const WHO5: &[Row] = &[
    row(&[A::Up, A::Down], "pick an answer", true),
    numbers("0–5", "answer", true),
    row(&[A::Open], "take the answer; keep the score", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

pub const QUESTIONNAIRE: &[Row] = &[
    row(&[A::Up, A::Down], "pick an answer", true),
    numbers("1–6", "answer (1–3 for physical functioning)", true),
    row(&[A::Open], "take the answer; keep the score", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

pub const PROGRAMME: &[Row] = &[
    row(
        &[A::Up, A::Down],
        "pick a programme; with one followed: scroll",
        true,
    ),
    row(&[A::First, A::Last], "first / last", false),
    row(&[A::Open], "start the one picked (asks first)", true),
    row(
        &[A::StopProgramme],
        "stop the one followed (asks first)",
        true,
    ),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

/// The Programme screen's footer with none followed: only what works now.
pub const PROGRAMME_NONE: &[Row] = &[
    row(&[A::Up, A::Down], "pick", true),
    row(&[A::Open], "start", true),
    row(&[A::Help], "keys", true),
    row(&[A::Back], "back", true),
];

/// The Programme screen's footer with one followed, all of it in sight.
pub const PROGRAMME_FOLLOWED_IN_SIGHT: &[Row] = &[
    row(&[A::StopProgramme], "stop", true),
    row(&[A::Help], "keys", true),
    row(&[A::Back], "back", true),
];

/// The Programme screen's footer with one followed, longer than the screen.
pub const PROGRAMME_FOLLOWED: &[Row] = &[
    row(&[A::Up, A::Down], "scroll", true),
    row(&[A::StopProgramme], "stop", true),
    row(&[A::Help], "keys", true),
    row(&[A::Back], "back", true),
];

/// "Start following …?" and "Stop following …?".
pub const PROGRAMME_CONFIRM: &[Row] = &[
    row(&[A::Yes], "yes: start it, or stop it", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::No], "no", true),
];

/// The footer under "Start following …?".
pub const PROGRAMME_START: &[Row] = &[
    row(&[A::Yes], "start it", true),
    row(&[A::No], "not now", true),
];

/// The footer under "Stop following …?".
pub const PROGRAMME_STOP: &[Row] = &[
    row(&[A::Yes], "stop it", true),
    row(&[A::No], "keep following it", true),
];

pub const LADDER: &[Row] = &[
    row(&[A::Up, A::Down], "pick an activity", true),
    row(&[A::Open], "record a try of the one picked", true),
    row(&[A::NewStep], "name a new activity", true),
    row(&[A::SafetyList], "the signs that need help now", false),
    row(&[A::Help], "keys", false),
    row(&[A::Back], "back", true),
];

/// The ladder's footer.
pub const LADDER_FOOTER: &[Row] = &[
    row(&[A::Open], "a try", true),
    row(&[A::NewStep], "new", true),
    row(&[A::Help], "keys", true),
    row(&[A::Back], "back", true),
];

/// The ladder's footer with nothing on it yet.
pub const LADDER_EMPTY: &[Row] = &[
    row(&[A::NewStep], "name an activity", true),
    row(&[A::Back], "back", true),
];

/// The footer of the ladder's form, where every key is text.
pub const LADDER_FORM: &[Row] = &[
    Row {
        actions: &[],
        fixed: Some("tab"),
        label: "next",
        footer: true,
    },
    Row {
        actions: &[],
        fixed: Some("enter"),
        label: "save",
        footer: true,
    },
    Row {
        actions: &[],
        fixed: Some("esc"),
        label: "cancel",
        footer: true,
    },
];

/// The rows of a screen.
pub fn rows(scope: Scope) -> &'static [Row] {
    match scope {
        Scope::Safety => SAFETY,
        Scope::Resume => RESUME,
        Scope::Today => TODAY,
        Scope::Detail => DETAIL,
        Scope::CheckIn => CHECKIN,
        Scope::Gentle => GENTLE,
        Scope::Session => SESSION,
        Scope::EndPrompt => END_PROMPT,
        Scope::Summary => SUMMARY,
        Scope::History => HISTORY,
        Scope::Problems => PROBLEMS,
        Scope::Delete => DELETE,
        Scope::Fitness => FITNESS,
        Scope::Who5 => WHO5,
        Scope::Questionnaire => QUESTIONNAIRE,
        Scope::Programme => PROGRAMME,
        Scope::ProgrammeConfirm => PROGRAMME_CONFIRM,
        Scope::Ladder => LADDER,
    }
}

/// The first key of an action, as the screen writes it in a sentence.
pub fn first(map: &Keymap, action: Action) -> String {
    map.keys(action)
        .first()
        .map_or_else(String::new, ToString::to_string)
}

/// A row's keys, in groups: first the first key of each of its actions,
/// then the second of each, … (`↑ ↓  k j`). The footer shows the first group.
pub fn groups(map: &Keymap, row: &Row) -> Vec<String> {
    if let Some(fixed) = row.fixed {
        return vec![fixed.to_string()];
    }
    let most = row
        .actions
        .iter()
        .map(|a| map.keys(*a).len())
        .max()
        .unwrap_or(0);
    (0..most)
        .map(|i| {
            row.actions
                .iter()
                .filter_map(|a| map.keys(*a).get(i))
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The footer line: the rows marked for it, as "key action" pairs, as many
/// whole ones as fit in `width` (a hint is never cut in half). The last
/// row is the way out of the screen: it is kept when others are left out.
pub fn footer(map: &Keymap, rows: &[Row], width: u16, theme: &Theme) -> Line<'static> {
    let hints: Vec<(String, &'static str)> = rows
        .iter()
        .filter(|r| r.footer)
        .map(|r| {
            (
                groups(map, r).into_iter().next().unwrap_or_default(),
                r.label,
            )
        })
        .collect();
    let size = |(key, label): &(String, &str)| key.chars().count() + 1 + label.chars().count();
    let room = usize::from(width);
    let out = hints.last().map_or(0, size);
    let mut shown = Vec::new();
    let mut used = 0;
    let Some((way_out, others)) = hints.split_last() else {
        return Line::default();
    };
    for hint in others {
        let gap = if shown.is_empty() { 0 } else { 2 };
        // Room for this hint, and still for the way out after it.
        if used + gap + size(hint) + 2 + out > room {
            break;
        }
        used += gap + size(hint);
        shown.push(hint);
    }
    let gap = if shown.is_empty() { 0 } else { 2 };
    if used + gap + out <= room {
        shown.push(way_out);
    }
    let mut spans = Vec::new();
    for (key, label) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key.clone(), theme.key));
        spans.push(Span::raw(format!(" {label}")));
    }
    Line::from(spans)
}

/// The help overlay's lines: each row's keys, then what they do.
pub fn help_lines(map: &Keymap, rows: &[Row]) -> Vec<(String, &'static str)> {
    rows.iter()
        .map(|r| (groups(map, r).join("  "), r.label))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_moves_within_its_ends_and_ignores_other_keys() {
        assert_eq!(list_move(A::Down, 0, 3), Some(1));
        assert_eq!(list_move(A::Down, 2, 3), Some(2));
        assert_eq!(list_move(A::Up, 0, 3), Some(0));
        assert_eq!(list_move(A::Last, 0, 3), Some(2));
        assert_eq!(list_move(A::First, 2, 3), Some(0));
        assert_eq!(list_move(A::Last, 0, 0), Some(0));
        assert_eq!(list_move(A::Down, 0, 0), Some(0));
        assert_eq!(list_move(A::Open, 1, 3), None);
    }

    #[test]
    fn the_footer_keeps_whole_hints() {
        let map = Keymap::default();
        let text = |w| footer(&map, TODAY, w, &Theme::default()).to_string();
        assert_eq!(
            text(80),
            "↑ ↓ move  Enter open  c check in  h history  ? keys  q quit"
        );
        assert_eq!(text(30), "↑ ↓ move  Enter open  q quit");
        assert_eq!(text(3), "");
    }

    #[test]
    fn every_action_of_a_screen_is_in_its_rows_and_every_row_is_of_the_screen() {
        for scope in Scope::ALL {
            let listed: Vec<Action> = rows(scope)
                .iter()
                .flat_map(|r| r.actions)
                .copied()
                .collect();
            for &a in Action::ALL {
                assert_eq!(
                    listed.contains(&a),
                    a.scopes().contains(&scope),
                    "{a:?} on {scope:?}"
                );
            }
        }
    }

    #[test]
    fn a_rebinding_shows_in_the_help_and_the_footer() {
        use crate::keymap::Rebinding;
        let map = Keymap::with(&[Rebinding {
            action: ("pause".to_string(), 0),
            keys: vec![("x".to_string(), 10), ("ctrl-p".to_string(), 20)],
        }])
        .expect("valid");
        let help = help_lines(&map, SESSION);
        assert_eq!(help[0], ("x  Ctrl-p".to_string(), "pause"));
        assert!(
            footer(&map, SESSION, 80, &Theme::default())
                .to_string()
                .starts_with("x pause  n skip")
        );
        let default = help_lines(&Keymap::default(), SESSION);
        assert_eq!(default[0], ("Space".to_string(), "pause"));
        assert_eq!(default[1], ("n  →".to_string(), "skip"));
    }
}
