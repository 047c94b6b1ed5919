//! `limber screen NAME`: one screen drawn from the real store into plain
//! text, without a terminal.

use std::time::Instant;

use anyhow::{Result, bail};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{self, App, Startup};
use super::load::{load_diary, load_history, load_today};
use super::screens;
use super::screens::history::{History, Tab};
use super::theme::{self, Theme};
use crate::env::Env;
use crate::insights::Range;

/// `limber screen NAME`: one screen drawn from the real store into text,
/// without a terminal (for README captures, scripts and timing the whole
/// path from process start to a drawn frame). NAME is `today`, a History
/// tab (`trends`, `activity`, `sessions`, `exercises`, `report`, `diary`,
/// `progress`), `checkin` (the daily check-in), `bodymap` (its "where it
/// hurts" row open) or a routine's slug for its detail.
pub fn render_screen(
    env: &Env,
    name: &str,
    width: u16,
    height: u16,
    range: Range,
) -> Result<String> {
    let store = env.read_store()?;
    let catalog = crate::reading::routines::todays_catalog(&store, env)?;
    let mut app = App::new(
        env.config.clone(),
        env.clock.clone(),
        load_today(&store, env, &catalog)?,
        catalog.routines.clone(),
        Startup::today(store.feared()?),
        Theme::chosen(env.config.theme, theme::no_color_env()),
    );
    let tab = match name {
        "today" => None,
        "trends" | "history" => Some(Tab::Trends),
        "activity" => Some(Tab::Activity),
        "sessions" => Some(Tab::Sessions),
        "exercises" => Some(Tab::Exercises),
        "report" => Some(Tab::Report),
        "diary" => Some(Tab::Diary),
        "progress" => Some(Tab::Progress),
        "fitness" => {
            let mut tried = [false; crate::tui::screens::fitness::TESTS];
            for (t, test) in tried.iter_mut().zip(crate::model::FitnessTest::ALL) {
                *t = store.fitness_tried(test)?;
            }
            let mut check = screens::fitness::FitnessCheck::new(tried);
            check.who5_done = crate::tui::effect::who5_recent(&store, env.clock.today())?;
            app.screen = app::Screen::Fitness(Box::new(check));
            None
        }
        // The daily check-in with the tags and treatments it offers; the
        // body map is its "where it hurts" row, open.
        "checkin" | "bodymap" => {
            let last = store.last_checkin()?.map(|c| c.scales);
            let mut form =
                screens::checkin::CheckInForm::new(crate::model::CheckInKind::Daily, last);
            form.offer(crate::reading::checkin::words(&store, &env.config.tags)?);
            if name == "bodymap" {
                form.field = 5;
            }
            app.screen = app::Screen::CheckIn(form);
            None
        }
        "function" | "mental-health" => {
            let scale = if name == "function" {
                crate::model::Rand36Scale::PhysicalFunctioning
            } else {
                crate::model::Rand36Scale::EmotionalWellBeing
            };
            app.screen = app::Screen::Rand36(Box::new(screens::rand36::Rand36Form::new(scale)));
            None
        }
        "programme" | "program" => {
            let mut screen = screens::programme::ProgrammeScreen::default();
            screen.loaded(super::load::load_programmes(&store, env)?);
            app.screen = app::Screen::Programme(Box::new(screen));
            None
        }
        "ladder" | "fear" => {
            let mut screen = screens::ladder::LadderScreen::default();
            screen.loaded(store.fear_ladder()?);
            app.screen = app::Screen::Ladder(Box::new(screen));
            None
        }
        "who5" | "wellbeing" => {
            app.screen = app::Screen::Who5(screens::who5::Who5Form::default());
            None
        }
        "favourites" => {
            match crate::reading::routines::favourites_routine(&store, env, &catalog)? {
                Some(routine) => {
                    app.screen = app::Screen::Detail(screens::detail::Detail {
                        routine,
                        selected: 0,
                    });
                    None
                }
                None => bail!(
                    "no favourites yet: rate at least {} exercises after a session",
                    crate::routine::favourites::LEAST
                ),
            }
        }
        slug => match catalog.get(slug) {
            Some(routine) => {
                app.screen = app::Screen::Detail(screens::detail::Detail {
                    routine: routine.clone(),
                    selected: 0,
                });
                None
            }
            None => bail!(
                "no screen \"{}\"; use today, trends, activity, sessions, exercises, report, diary, progress, checkin, bodymap, fitness, who5, function, mental-health, programme, ladder, favourites, or a routine's slug ({})",
                crate::text::one_line(slug),
                catalog.slugs().join(", ")
            ),
        },
    };
    if let Some(tab) = tab {
        let mut history = History::new(range);
        history.tab = tab;
        history.loaded(load_history(&store, env, range)?);
        if tab == Tab::Diary {
            history.diary.loaded(load_diary(&store, env, range)?);
        }
        app.screen = app::Screen::History(Box::new(history));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|frame| {
        app::view(&app, frame, Instant::now());
    })?;
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}
