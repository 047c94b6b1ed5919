//! A RAND-36 scale as a form — physical functioning or the MHI-5 — one
//! question at a time with its answers in RAND's own words, then the score
//! to keep. The same shape as the WHO-5's form.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::keymap::Action;
use crate::model::{Rand36, Rand36Scale, score_text};
use crate::tui::hits::Hits;
use crate::tui::keys::Row;
use crate::tui::screens::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::questionnaire::{self, Around, Asking, Step};
use crate::tui::widgets::wrap;

/// The source, short enough for the form's last line.
const SOURCE: &str = "RAND 36-Item Health Survey 1.0, RAND Health Care; public, free of charge.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rand36Form {
    pub scale: Rand36Scale,
    pub asking: Asking,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save(Rand36),
    Back,
}

const ASK_PF: &[Row] = &questionnaire::asking_keys("1–3");
const ASK_EWB: &[Row] = &questionnaire::asking_keys("1–6");

impl Rand36Form {
    pub fn new(scale: Rand36Scale) -> Rand36Form {
        Rand36Form {
            scale,
            asking: Asking::new(scale.items().len()),
        }
    }

    fn rand36(&self) -> Option<Rand36> {
        Rand36::new(self.scale, &self.asking.given()?).ok()
    }

    pub fn handle_key(&mut self, key: KeyEvent, action: Option<Action>) -> Outcome {
        match self.asking.handle_key(key, action, self.scale.answers()) {
            Step::Keep => self.rand36().map_or(Outcome::None, Outcome::Save),
            Step::Back => Outcome::Back,
            Step::Stay => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let width = usize::from(area.width.max(1));
        let roomy = area.height >= 20;
        let reviewing = self.asking.reviewing();
        // The whole instruction when it fits beside the question and its
        // answers; else its question alone, which is RAND's words too.
        let asked = if reviewing {
            4
        } else {
            wrap(self.scale.items()[self.asking.item].text, width).len()
                + self.scale.answers().len()
        };
        let room = usize::from(area.height).saturating_sub(2 + asked);
        let mut stem = wrap(self.scale.stem(), width);
        if reviewing && !roomy {
            // The score needs the room; the questions were read.
            stem.clear();
        } else if stem.len() > room {
            stem = wrap(self.scale.short_stem(), width);
        }
        let step = self.asking.step();
        let title = if self.scale.title().len() + step.len() + 3 <= width {
            self.scale.title()
        } else {
            self.scale.short_title()
        };
        let keys = match (reviewing, self.scale) {
            (true, _) => questionnaire::REVIEW_KEYS,
            (false, Rand36Scale::PhysicalFunctioning) => ASK_PF,
            (false, Rand36Scale::EmotionalWellBeing) => ASK_EWB,
        };
        let around = Around {
            title,
            step: &step,
            stem,
            source: SOURCE,
            keys,
        };
        let body = questionnaire::draw_around(frame, area, roomy, around, map, theme);
        if reviewing {
            self.draw_review(frame, body, theme);
        } else {
            let question = self.scale.items()[self.asking.item].text;
            self.asking
                .draw_question(frame, body, theme, roomy, question, self.scale.answers());
        }
    }

    fn draw_review(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(rand36) = self.rand36() else {
            return;
        };
        questionnaire::draw_score(
            frame,
            area,
            theme,
            &score_text(rand36.score()),
            rand36.answers(),
            "each recoded to 0–100, then averaged",
            "One of the study's own two measures: your report sets it beside the study.",
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
    fn ten_answers_by_number_give_the_score_to_keep() {
        let mut form = Rand36Form::new(Rand36Scale::PhysicalFunctioning);
        for c in ['1', '2', '3', '3', '3', '2', '1', '2', '3', '3'] {
            assert_eq!(form.handle_key(key(KeyCode::Char(c)), None), Outcome::None);
        }
        assert!(form.asking.reviewing());
        let Outcome::Save(r) = form.handle_key(key(KeyCode::Enter), Some(Action::Open)) else {
            panic!("saves");
        };
        assert_eq!(r.score(), 65.0);
    }

    #[test]
    fn answers_past_the_scale_are_ignored_and_back_goes_back() {
        let mut form = Rand36Form::new(Rand36Scale::PhysicalFunctioning);
        form.handle_key(key(KeyCode::Char('4')), None);
        assert_eq!(form.asking.answers[0], None, "4 is not an answer here");
        let mut form = Rand36Form::new(Rand36Scale::EmotionalWellBeing);
        form.handle_key(key(KeyCode::Char('6')), None);
        assert_eq!((form.asking.answers[0], form.asking.item), (Some(6), 1));
        // The cursor stays where the last answer was: up one is 5.
        form.handle_key(key(KeyCode::Up), Some(Action::Up));
        form.handle_key(key(KeyCode::Enter), Some(Action::Open));
        assert_eq!(form.asking.answers[1], Some(5));
        form.handle_key(key(KeyCode::Esc), Some(Action::Back));
        assert_eq!((form.asking.item, form.asking.highlighted), (1, 4));
        assert_eq!(
            Rand36Form::new(Rand36Scale::EmotionalWellBeing)
                .handle_key(key(KeyCode::Esc), Some(Action::Back)),
            Outcome::Back
        );
    }
}
