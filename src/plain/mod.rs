//! `limber --plain`: the app's flows as a conversation of lines on the normal
//! screen, for a screen reader, a braille display or a dumb terminal. No
//! alternate screen, no cursor moves, no boxes, no colour: each line is said
//! once, every choice is numbered and read back, and `q` goes back or out.
//!
//! It drives the app's own pieces: the session screen's state machine (and
//! so the pure timer), the effects the app asks for and the one place that
//! carries them out (and so the same writes, through the same outbox), and
//! `reading` for the numbers. Only the words are its own.

mod numbers;
mod session;
mod talk;

use std::io::IsTerminal;

use anyhow::{Context as _, Result};

use crate::env::Env;
use crate::model::{
    CheckInContext, CheckInKind, RAND36_SOURCE, Rand36, Rand36Scale, Scales, WHO5_ANSWERS,
    WHO5_ITEMS, WHO5_LOW_SENTENCE, WHO5_SOURCE, WHO5_STEM, Who5, score_text,
};
use crate::routine::Catalog;
use crate::safety::{NOT_A_DOCTOR, STOP, Said, Tier};
use crate::store::{SAFETY_NOTICE_READ, Store};
use crate::tui::app::Msg;
use crate::tui::outbox::Outbox;
use crate::tui::{Effect, carry_out};
use talk::{Stop, Talk};

/// Whether the app should speak in plain lines: `--plain`, `LIMBER_PLAIN=1`,
/// `TERM=dumb`, or no terminal to draw on.
pub fn wanted(flag: bool) -> bool {
    flag || std::env::var("LIMBER_PLAIN").is_ok_and(|v| !v.is_empty() && v != "0")
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdout().is_terminal()
        || !std::io::stdin().is_terminal()
}

/// What every flow works with: the conversation, the store and the outbox
/// its writes go through, the settings, and today's routines.
pub(crate) struct Plain<'a> {
    talk: Talk,
    store: Store,
    outbox: Outbox,
    env: &'a Env,
    catalog: Catalog,
}

/// Runs plain mode, on the menu or (with `run`: a slug, and whether its
/// gentle version) straight into a routine, until `q`, the end of input or
/// a signal.
pub fn run(env: &Env, run: Option<(&str, bool)>) -> Result<()> {
    // An unknown routine is refused before anything is opened or created.
    let mut catalog = env.catalog();
    if let Some((slug, _)) = run
        && catalog.get(slug).is_none()
    {
        return Err(catalog.unknown_routine(slug));
    }
    // Held until limber closes, as the app holds it: `doctor --restore` waits.
    let _claim = crate::store::Claim::shared(&env.paths.data_dir)?;
    let store = env.open_store()?;
    // A programme followed now sets its routines to today's doses.
    crate::reading::programme::at_todays_doses(
        &store,
        &mut catalog,
        &env.paths.config_dir.join("programmes"),
        env.clock.today(),
    )?;
    let routine = match run {
        None => None,
        Some((slug, gentle)) => Some((
            catalog
                .get(slug)
                .cloned()
                .ok_or_else(|| catalog.unknown_routine(slug))?,
            gentle,
        )),
    };
    let mut plain = Plain {
        talk: Talk::start()?,
        store,
        outbox: Outbox::default(),
        env,
        catalog,
    };
    let result = plain.conversation(routine);
    // A last try, then a recovery file for what the store would not take,
    // as the app does when it closes.
    let kept = crate::tui::recovery::at_close(
        &env.paths.data_dir,
        &mut plain.outbox,
        &mut plain.store,
        env.clock.now(),
    );
    match kept {
        Some(Ok(line)) => eprintln!("{line}"),
        Some(Err(line)) => {
            anyhow::bail!(line.strip_prefix("limber: ").unwrap_or(&line).to_string())
        }
        None => {}
    }
    match result {
        Ok(()) => Ok(()),
        Err(e) => match e.downcast_ref::<Stop>() {
            Some(Stop::Back | Stop::End) => Ok(()),
            // Ended by a signal: everything is saved; the exit status says which.
            Some(Stop::Signal(n)) => {
                let code = 128 + n;
                drop(plain);
                std::process::exit(code)
            }
            None => Err(e),
        },
    }
}

impl Plain<'_> {
    fn conversation(&mut self, routine: Option<(crate::routine::Routine, bool)>) -> Result<()> {
        self.talk.say("limber, in plain lines.")?;
        self.talk.say(
            "Answer each question with a number and Enter. q and Enter goes back; at the menu it quits.",
        )?;
        if self.store.state(SAFETY_NOTICE_READ)?.is_none() {
            self.safety()?;
            self.talk.prompt("Press Enter when you have read this.")?;
            match self.talk.line() {
                Ok(_) => {
                    self.carry(Effect::MarkSafetyRead)?;
                }
                Err(Stop::Back) => {}
                Err(stop) => return Err(stop.into()),
            }
        }
        if let Some((routine, gentle)) = routine {
            self.guided(routine, gentle)?;
        }
        loop {
            self.talk.gap()?;
            let flare = self.store.is_flare(self.env.clock.today())?;
            let choices = [
                "Check in: pain, anxiety and mood".to_string(),
                "Start a routine".to_string(),
                if flare {
                    "Take back today's flare-day mark".to_string()
                } else {
                    "Mark today as a flare-up day".to_string()
                },
                "The WHO-5 wellbeing questions".to_string(),
                "Your numbers".to_string(),
                "The safety list".to_string(),
                "The study's questionnaires: physical functioning, mental health (RAND-36)"
                    .to_string(),
                "Your exposure ladder: everyday activities you fear, and each try".to_string(),
                "Quit".to_string(),
            ];
            let Some(choice) = self.talk.choose_or("Menu.", &choices, "quit")? else {
                break;
            };
            self.talk.gap()?;
            let done = match choice {
                0 => self.daily_checkin(),
                1 => self.pick_routine(),
                2 => self.flare(),
                3 => self.who5(),
                4 => self.numbers(),
                5 => self.safety(),
                6 => self.rand36(),
                7 => self.ladder(),
                _ => break,
            };
            match done {
                Ok(()) => {}
                Err(e) if e.downcast_ref::<Stop>() == Some(&Stop::Back) => {
                    self.talk
                        .say("Back to the menu; nothing of that was saved.")?;
                }
                Err(e) => return Err(e),
            }
        }
        self.talk.say("Goodbye.")?;
        Ok(())
    }

    /// Carries out one effect as the app does, and says so when the store
    /// could not take it. Returns what the ladder said of it, or `None`
    /// when it failed.
    fn carry(&mut self, effect: Effect) -> Result<Option<String>> {
        let msgs = carry_out(
            effect,
            &mut self.store,
            &mut self.outbox,
            self.env,
            &mut self.catalog,
        );
        let mut said = Some(String::new());
        for msg in msgs {
            match msg {
                Msg::LadderLoaded(_, Some(words)) => {
                    said = said.map(|_| words);
                }
                Msg::StoreFailed(why) => {
                    said = None;
                    self.talk
                        .say(&format!("Could not save: {}", crate::text::one_line(&why)))?;
                }
                Msg::Unsaved(unsaved) if !unsaved.is_empty() => self.talk.say(&format!(
                    "{}; limber tries again with your next answer.",
                    unsaved.line()
                ))?,
                _ => {}
            }
        }
        Ok(said)
    }

    /// Tries again what waits in the outbox, as the app does at each key.
    fn retry(&mut self) {
        let _ = crate::tui::retry(&mut self.store, &mut self.outbox);
    }

    fn safety(&mut self) -> Result<()> {
        self.talk.say(&format!("The safety list. {NOT_A_DOCTOR}"))?;
        let mut n = 0;
        for tier in Tier::ALL {
            self.talk.say(tier.heading())?;
            for sign in tier.signs() {
                n += 1;
                self.talk.say(&format!("{n}. {sign}."))?;
            }
        }
        self.talk.say(STOP)
    }

    /// The signs that need help now, said when a check-in calls for them
    /// (the same triggers and words as the app and `limber checkin`).
    pub(crate) fn warn(&mut self, said: Said<'_>) -> Result<()> {
        if let Some(warning) = crate::safety::warning(said) {
            for line in warning.lines() {
                self.talk.say(line.trim_start_matches("  ! "))?;
            }
        }
        Ok(())
    }

    /// Pain, anxiety, mood and (if given) fear, each asked and read back,
    /// then a note.
    fn ask_checkin(&mut self) -> Result<(Scales, Option<String>)> {
        let ask = |talk: &mut Talk, (title, low, high): (&str, &str, &str), optional| {
            let answer = talk.number(
                &format!(
                    "{title}, 0 {low} to 10 {high}{}:",
                    if optional {
                        ", or just Enter to leave it out"
                    } else {
                        ""
                    }
                ),
                0,
                10,
                optional,
            )?;
            match answer {
                Some(n) => talk.say(&format!("{title}: {n} of 10."))?,
                None => talk.say(&format!("{title}: left out."))?,
            }
            anyhow::Ok(answer)
        };
        let [pain, anxiety, mood, fear] = crate::tui::screens::checkin::FIELDS;
        let pain = ask(&mut self.talk, pain, false)?.unwrap_or(0);
        let anxiety = ask(&mut self.talk, anxiety, false)?.unwrap_or(0);
        let mood = ask(&mut self.talk, mood, false)?.unwrap_or(0);
        let fear = ask(&mut self.talk, fear, true)?;
        self.talk.prompt("A note, or just Enter for none:")?;
        let note = self.talk.line()?;
        let note = (!note.is_empty()).then_some(note);
        if let Some(note) = &note {
            self.talk.say(&format!("Note: {note}"))?;
        }
        self.warn(Said {
            pain,
            before: None,
            with: &CheckInContext::default(),
            note: note.as_deref(),
        })?;
        Ok((
            Scales {
                pain,
                anxiety,
                mood,
                fear,
            },
            note,
        ))
    }

    fn daily_checkin(&mut self) -> Result<()> {
        self.talk.say("Check in: how are you now?")?;
        let (scales, note) = self.ask_checkin()?;
        self.carry(Effect::SaveCheckIn {
            context: CheckInKind::Daily,
            session: None,
            scales,
            note,
            with: CheckInContext::default(),
        })?;
        self.talk.say("Check-in saved.")
    }

    fn pick_routine(&mut self) -> Result<()> {
        let entries: Vec<_> = crate::tui::routine_entries(&self.catalog, &self.env.config)
            .into_iter()
            .filter(|e| e.problem.is_none())
            .collect();
        if entries.is_empty() {
            return self.talk.say("There are no routines to start.");
        }
        let choices: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "{}, about {}, {} exercises",
                    e.name,
                    numbers::minutes(e.total_seconds),
                    e.exercises
                )
            })
            .collect();
        let Some(i) = self.talk.choose("Which routine?", &choices)? else {
            return Err(Stop::Back.into());
        };
        let routine = self
            .catalog
            .get(&entries[i].slug)
            .cloned()
            .context("that routine is no longer in the list")?;
        self.guided(routine, false)
    }

    fn flare(&mut self) -> Result<()> {
        self.carry(Effect::ToggleFlare)?;
        if self.store.is_flare(self.env.clock.today())? {
            self.talk.say("Today is marked as a flare-up day: a rest day you chose. It keeps your streak, and this week's goal is one session less.")
        } else {
            self.talk.say("Today's flare-day mark is taken back.")
        }
    }

    fn who5(&mut self) -> Result<()> {
        self.talk.say("The WHO-5 Well-Being Index.")?;
        self.talk.say(WHO5_STEM)?;
        let answers: Vec<String> = WHO5_ANSWERS
            .iter()
            .map(|(n, words)| format!("{n} {words}"))
            .collect();
        self.talk
            .say(&format!("The answers: {}.", answers.join(", ")))?;
        let mut given = [0u8; 5];
        for (i, item) in WHO5_ITEMS.iter().enumerate() {
            self.talk
                .say(&format!("Statement {} of 5: {item}", i + 1))?;
            let n = self
                .talk
                .number("Your answer, 0 to 5:", 0, 5, false)?
                .unwrap_or(0);
            let words = WHO5_ANSWERS
                .iter()
                .find(|(k, _)| *k == n)
                .map_or("", |(_, w)| w);
            self.talk.say(&format!("{words}: {n}."))?;
            given[i] = n;
        }
        let who5 = Who5::new(given).context("a WHO-5 answer is out of range")?;
        self.carry(Effect::SaveWho5(who5))?;
        self.talk
            .say(&format!("WHO-5 saved: {} out of 100.", who5.score()))?;
        if who5.is_low() {
            self.talk.say(WHO5_LOW_SENTENCE)?;
        }
        self.talk.say(&format!("Source: {WHO5_SOURCE}"))
    }

    /// One of the RAND-36 scales, each question read with its number and
    /// answered by the number of its answer.
    fn rand36(&mut self) -> Result<()> {
        let choices: Vec<String> = Rand36Scale::ALL
            .iter()
            .map(|s| s.title().to_string())
            .collect();
        let Some(choice) = self.talk.choose_or("Which one?", &choices, "back")? else {
            return Ok(());
        };
        let scale = Rand36Scale::ALL[choice];
        self.talk.say(&format!("{}.", scale.title()))?;
        self.talk.say(scale.stem())?;
        let answers: Vec<String> = scale
            .answers()
            .iter()
            .map(|(n, words)| format!("{n} {words}"))
            .collect();
        self.talk
            .say(&format!("The answers: {}.", answers.join(", ")))?;
        let count = scale.items().len();
        let max = scale.max_answer();
        let mut given = Vec::with_capacity(count);
        for (i, item) in scale.items().iter().enumerate() {
            self.talk
                .say(&format!("Question {} of {count}: {}", i + 1, item.text))?;
            let n = self
                .talk
                .number(&format!("Your answer, 1 to {max}:"), 1, max, false)?
                .unwrap_or(1);
            let words = scale
                .answers()
                .iter()
                .find(|(k, _)| *k == n)
                .map_or("", |(_, w)| w);
            self.talk.say(&format!("{words}: {n}."))?;
            given.push(n);
        }
        let rand36 = Rand36::new(scale, &given).context("a RAND-36 answer is out of range")?;
        let score = score_text(rand36.score());
        self.carry(Effect::SaveRand36(rand36))?;
        self.talk.say(&format!(
            "{} saved: {score} out of 100; higher is better.",
            scale.title()
        ))?;
        self.talk.say(&format!("Source: {RAND36_SOURCE}"))
    }

    /// The exposure ladder read out in the words of `limber fear list`,
    /// then a try of one of its activities recorded, or a new one named.
    fn ladder(&mut self) -> Result<()> {
        let ladder = self.store.fear_ladder()?;
        if ladder.is_empty() {
            self.talk.say("Your ladder is empty.")?;
        } else {
            self.talk.say("Your ladder, in your order:")?;
            for (i, step) in ladder.iter().enumerate() {
                self.talk.say(&step.line(i + 1))?;
            }
        }
        self.talk.say(crate::model::HARM_SCALE)?;
        let mut choices: Vec<String> = ladder
            .iter()
            .map(|s| format!("Record a try of {}", crate::text::one_line(&s.step.name)))
            .collect();
        choices.push("Name a new activity you fear".to_string());
        let Some(choice) = self.talk.choose_or("What now?", &choices, "back")? else {
            return Ok(());
        };
        let Some(step) = ladder.get(choice) else {
            self.talk.prompt("The activity, in your words:")?;
            let name = loop {
                let name = crate::text::one_line(self.talk.line()?.trim());
                if !name.is_empty() && name.chars().count() <= 200 {
                    break name;
                }
                self.talk.say("A few words for the activity, then Enter.")?;
                self.talk.prompt("The activity, in your words:")?;
            };
            let expected = self
                .talk
                .number("The harm you expect it to do, 0 to 100:", 0, 100, false)?
                .unwrap_or(0);
            // What the store did: added, or the name was there already.
            return match self.carry(Effect::AddFearStep { name, expected })? {
                Some(said) => self.talk.say(&said),
                None => Ok(()),
            };
        };
        let latest = step
            .open_try()
            .and_then(|t| t.before)
            .unwrap_or_else(|| step.latest_expected());
        let before = self
            .talk
            .number(
                &format!("The harm you expect before it, 0 to 100 (Enter: {latest}):"),
                0,
                100,
                true,
            )?
            .unwrap_or(latest);
        self.talk.prompt("What happened, in a few words:")?;
        let happened = loop {
            let text = self.talk.line()?.trim().to_string();
            if !text.is_empty() {
                break text;
            }
            self.talk.say("A few words on what happened, then Enter.")?;
            self.talk.prompt("What happened, in a few words:")?;
        };
        let after = self
            .talk
            .number("The harm you expect now, 0 to 100:", 0, 100, false)?
            .unwrap_or(before);
        let pain = self.talk.number(
            "Your pain after, 0 to 10 (Enter to leave it out):",
            0,
            10,
            true,
        )?;
        let uuid = step.step.uuid.clone();
        let saved = self.carry(Effect::SaveFearTry(Box::new(
            crate::tui::screens::ladder::NewTry {
                step: uuid.clone(),
                before,
                happened,
                after,
                pain,
            },
        )))?;
        if saved.is_none() {
            return Ok(());
        }
        self.talk.say(&format!(
            "Try saved: expected harm {before} before, {after} now."
        ))?;
        let sentence = self
            .store
            .fear_ladder()?
            .into_iter()
            .find(|s| s.step.uuid == uuid)
            .and_then(|s| s.sentence());
        match sentence {
            Some(sentence) => self.talk.say(&sentence),
            None => Ok(()),
        }
    }

    fn numbers(&mut self) -> Result<()> {
        let lines = numbers::lines(&self.store, self.env)?;
        for line in lines {
            self.talk.say(&line)?;
        }
        Ok(())
    }
}
