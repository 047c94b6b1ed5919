//! The app's side of History's Diary: a change asked for is sent on only
//! while nothing waits for the store, and its answer closes the question or
//! form that asked (or keeps the form open, with what was typed, on a
//! refusal), reads History and Today again, and gives Today its line when
//! the last check-in changed.

use super::{App, Screen};
use crate::tui::Effect;
use crate::tui::screens::history::diary::DiaryChange;
use crate::tui::screens::today::Changed;

impl App {
    /// A change the Diary asks for, or why it cannot be made yet.
    pub(super) fn correct_diary(&mut self, effect: Effect) -> Vec<Effect> {
        // A change now could overtake an entry still waiting (an undo would
        // take back the entry before it, a delete miss it): refused, and
        // the form keeps what was typed.
        if effect.corrects() && !self.unsaved.is_empty() {
            self.diary_failed(
                "Not yet: entries still wait for the store (see the bottom line); try again once they are saved."
                    .to_string(),
            );
            return Vec::new();
        }
        vec![effect]
    }

    /// The store took the change: say what changed, read History and
    /// Today again, so the averages, charts and report follow at once.
    pub(super) fn diary_changed(&mut self, change: DiaryChange) -> Vec<Effect> {
        let mut effects = vec![Effect::ReloadToday];
        if let Screen::History(h) = &mut self.screen {
            h.diary.editing = None;
            h.diary.asking = None;
            // The list stays in sight until the new one comes.
            h.diary.reading = Some(h.range);
            effects.push(Effect::LoadHistory(h.range));
            effects.push(Effect::LoadDiary(h.range));
        }
        self.notice = Some(change.said);
        // The last change is the one Today speaks of; any other ends its line.
        self.today.changed = change.today.map(|text| Changed {
            text,
            day: change.day,
            last: change.last,
        });
        effects
    }

    /// Nothing changed: a form open keeps what was typed and says why; a
    /// question is closed and the reason is the bottom line. The list is
    /// read again behind it: the refusal may be for a change made elsewhere.
    pub(super) fn diary_failed(&mut self, why: String) -> Vec<Effect> {
        if let Screen::History(h) = &mut self.screen {
            h.diary.asking = None;
            let reload = vec![Effect::LoadDiary(h.range)];
            if let Some(editing) = &mut h.diary.editing {
                editing.error = Some(why);
                return reload;
            }
            self.notice = Some(why);
            return reload;
        }
        self.notice = Some(why);
        Vec::new()
    }
}
