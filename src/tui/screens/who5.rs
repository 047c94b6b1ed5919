//! The WHO-5 Well-Being Index as a form: one statement at a time with its
//! six answers, in the index's own words, then the score to keep.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::keymap::Action;
use crate::model::{WHO5_ANSWERS, WHO5_ITEMS, WHO5_LOW_SENTENCE, WHO5_STEM, Who5};
use crate::tui::hits::Hits;
use crate::tui::keys::Row;
use crate::tui::screens::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::questionnaire::{self, Around, Asking, Step};
use crate::tui::widgets::wrap;

/// The source, short enough for the form's last line.
const SOURCE: &str = "WHO-5 (1998), Psychiatric Research Unit, Mental Health Centre North Zealand. Topp et al., Psychother Psychosom 2015;84:167-176.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who5Form {
    pub asking: Asking,
}

impl Default for Who5Form {
    fn default() -> Who5Form {
        Who5Form {
            asking: Asking::new(WHO5_ITEMS.len()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save(Who5),
    Back,
}

const ASK: &[Row] = &questionnaire::asking_keys("0–5");

impl Who5Form {
    fn who5(&self) -> Option<Who5> {
        Who5::new(self.asking.given()?.try_into().ok()?)
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        match self.asking.handle_key(key, action, &WHO5_ANSWERS) {
            Step::Keep => self.who5().map_or(Outcome::None, Outcome::Save),
            Step::Back => Outcome::Back,
            Step::Stay => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let width = usize::from(area.width.max(1));
        let roomy = area.height >= 20;
        let reviewing = self.asking.reviewing();
        let around = Around {
            title: "WHO-5 Well-Being Index",
            step: &self.asking.step(),
            stem: wrap(WHO5_STEM, width),
            source: SOURCE,
            keys: if reviewing {
                questionnaire::REVIEW_KEYS
            } else {
                ASK
            },
        };
        let body = questionnaire::draw_around(frame, area, roomy, around, map, theme);
        if reviewing {
            self.draw_review(frame, body, theme);
        } else {
            let question = WHO5_ITEMS[self.asking.item];
            self.asking
                .draw_question(frame, body, theme, roomy, question, &WHO5_ANSWERS);
        }
    }

    fn draw_review(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(who5) = self.who5() else {
            return;
        };
        let then = if who5.is_low() {
            WHO5_LOW_SENTENCE
        } else {
            "Kept with your fitness results; your report compares WHO-5s 14 days or more apart."
        };
        questionnaire::draw_score(
            frame,
            area,
            theme,
            &who5.score().to_string(),
            &who5.answers(),
            &format!("raw {} of 25, × 4", who5.raw()),
            then,
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn five_answers_by_number_give_the_score_to_keep() {
        let mut form = Who5Form::default();
        for c in ['3', '3', '2', '2', '2'] {
            assert_eq!(form.handle_key(key(KeyCode::Char(c)), None), Outcome::None);
        }
        assert!(form.asking.reviewing());
        let Outcome::Save(who5) = form.handle_key(key(KeyCode::Enter), Some(Action::Open)) else {
            panic!("saves");
        };
        assert_eq!(who5.score(), 48);
    }

    #[test]
    fn an_answer_can_be_picked_and_changed_going_back() {
        let mut form = Who5Form::default();
        // Down twice: "More than half of the time", 3.
        form.handle_key(key(KeyCode::Down), Some(Action::Down));
        form.handle_key(key(KeyCode::Down), Some(Action::Down));
        form.handle_key(key(KeyCode::Enter), Some(Action::Open));
        assert_eq!(form.asking.answers[0], Some(3));
        assert_eq!(form.asking.item, 1);
        form.handle_key(key(KeyCode::Esc), Some(Action::Back));
        assert_eq!((form.asking.item, form.asking.highlighted), (0, 2));
        form.handle_key(key(KeyCode::Char('5')), None);
        assert_eq!(form.asking.answers[0], Some(5));
        assert_eq!(form.asking.item, 1, "on to the first not answered");
        assert_eq!(
            Who5Form::default().handle_key(key(KeyCode::Esc), Some(Action::Back)),
            Outcome::Back
        );
        // Six is not an answer.
        let mut form = Who5Form::default();
        form.handle_key(key(KeyCode::Char('6')), None);
        assert_eq!(form.asking.answers, [None; 5]);
    }
}
