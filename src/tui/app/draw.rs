//! Drawing the app: the screen at hand and what lies over it. Reads only.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;
use crate::tui::widgets::keys_overlay::KeysOverlay;
use crate::tui::widgets::wrap;

use super::{App, MIN_HEIGHT, MIN_WIDTH, Screen};

/// Draws the app, and says where it drew what a click can pick. Reads only.
pub fn view(app: &App, frame: &mut Frame, now: Instant) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return hits;
    }
    let map = &app.config.keys;
    let theme = &app.theme;
    let inner = Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width - 2,
        height: area.height,
    };
    let cx = Context {
        map,
        theme,
        now,
        clock: &app.clock,
        config: &app.config,
        feared: &app.feared,
        unsaved: &app.unsaved,
        next_time: app
            .today
            .data
            .programme
            .as_deref()
            .map_or(&[][..], |p| p.next_time.as_slice()),
        flare_today: app.today.data.progress.flare_today,
    };
    match &app.screen {
        // The notice, the resume offer and what to bring in have the
        // whole width; the others leave a column each side.
        Screen::Safety(notice) => notice.draw(frame, area, &cx, &mut hits),
        Screen::Resume(unfinished) => unfinished.draw(frame, area, &cx, &mut hits),
        Screen::Recovery(offer) => offer.draw(frame, area, &cx, &mut hits),
        Screen::Today => app.today.draw(frame, inner, &cx, &mut hits),
        Screen::Detail(detail) => detail.draw(frame, inner, &cx, &mut hits),
        Screen::CheckIn(f) => f.draw(frame, inner, &cx, &mut hits),
        Screen::Session(session) => session.draw(frame, inner, &cx, &mut hits),
        Screen::Summary(s) => s.draw(frame, inner, &cx, &mut hits),
        Screen::History(h) => h.draw(frame, inner, &cx, &mut hits),
        Screen::Gentle(offer) => offer.draw(frame, inner, &cx, &mut hits),
        Screen::Problems(changed) => changed.draw(frame, inner, &cx, &mut hits),
        Screen::Fitness(check) => check.draw(frame, inner, &cx, &mut hits),
        Screen::Who5(form) => form.draw(frame, inner, &cx, &mut hits),
        Screen::Rand36(form) => form.draw(frame, inner, &cx, &mut hits),
        Screen::Programme(screen) => screen.draw(frame, inner, &cx, &mut hits),
        Screen::Ladder(screen) => screen.draw(frame, inner, &cx, &mut hits),
    }
    if let Some(list) = &app.red_flags {
        list.draw(frame, area, &cx, &mut hits);
    }
    // The bottom line: a notice, and above it (or alone) what still waits
    // for the store, which stays until it is written.
    let mut bottom = area.y + area.height;
    // The summary says it itself, of its own session, above its keys.
    let said =
        matches!(&app.screen, Screen::Summary(s) if app.unsaved.of_session(&s.session).is_some());
    let unsaved = (!app.unsaved.is_empty() && !said).then(|| app.unsaved.line());
    // A notice longer than the row takes two (what the Diary says it
    // changed, and the key that undoes it, must both show).
    let notice = app.notice.as_deref().map(|text| {
        let mut lines = wrap(&crate::text::one_line(text), usize::from(inner.width));
        lines.truncate(2);
        lines
    });
    let rows = [notice, unsaved.map(|u| vec![crate::text::one_line(&u)])];
    for line in rows
        .into_iter()
        .flatten()
        .flat_map(|lines| lines.into_iter().rev())
    {
        bottom -= 1;
        let row = Rect {
            y: bottom,
            height: 1,
            ..inner
        };
        frame.render_widget(Clear, row);
        frame.render_widget(Line::styled(line, theme.warn), row);
    }
    if app.help
        && let Some(scope) = app.scope()
    {
        frame.render_widget(
            KeysOverlay {
                map: &app.config.keys,
                theme,
                rows: match &app.screen {
                    Screen::Recovery(_) => keys::RECOVERY,
                    Screen::History(h) if h.diary.editing.is_some() => keys::CORRECTING,
                    _ => keys::rows(scope),
                },
            },
            area,
        );
        // The keys cover the screen: nothing under them can be picked.
        hits.clear();
    }
    hits
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!("terminal too small — need {MIN_WIDTH}×{MIN_HEIGHT}");
    let lines: Vec<Line> = wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
