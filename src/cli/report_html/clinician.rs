//! What a clinician asks for beside the numbers, on the printed report: the
//! programme and its levels, flare days and gentle sessions, what was taken
//! over the window, and the leg entries (pain below the knee, and numbness or
//! tingling with it). Read from the store for the report's window; each
//! count says what it counts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;
use time::{Date, Duration};

use super::escape;
use crate::model::{Region, word_key};
use crate::store::Store;

/// How many dates a list shows before "and N more".
const DATES_SHOWN: usize = 8;

/// The programme followed, as it stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeNow {
    pub name: String,
    pub started_on: Date,
    pub week: u32,
    pub weeks: u32,
    pub finished: bool,
    /// Each exercise stepped up: its name, level and levels.
    pub levels: Vec<(String, u32, u32)>,
}

/// What the printed report adds for a clinician.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clinician {
    pub programme: Option<ProgrammeNow>,
    pub flare_days: Vec<Date>,
    pub sessions: u32,
    pub gentle_sessions: u32,
    /// The first day of each four-week block of the window.
    pub blocks: Vec<Date>,
    /// Each treatment (latest spelling): days with it in each block.
    pub taken: Vec<(String, Vec<u32>)>,
    /// Days with pain below the knee marked, left and right.
    pub below_knee_days: u32,
    pub below_knee_left: u32,
    pub below_knee_right: u32,
    /// Days with a thigh or foot marked.
    pub thigh_days: u32,
    pub foot_days: u32,
    /// Dates of check-ins with pain below the knee and numbness or tingling
    /// (a tag or the note), one per day.
    pub numbness: Vec<Date>,
    /// Check-ins whose note or marks named an emergency sign (the words the
    /// safety list was shown for), one per day, with what was named.
    pub signs: Vec<(Date, Vec<&'static str>)>,
}

/// The four-week block of the window `day` falls in.
fn block(from: Date, day: Date) -> usize {
    usize::try_from((day - from).whole_days() / 28).unwrap_or(0)
}

/// Reads it for `[from, to]`; `programme` is the programme followed now.
pub fn read(
    store: &Store,
    from: Date,
    to: Date,
    programme: Option<ProgrammeNow>,
) -> Result<Clinician> {
    let sessions = store.sessions_between(from, to)?;
    let mut blocks = Vec::new();
    let mut start = from;
    while start <= to {
        blocks.push(start);
        start += Duration::days(28);
    }
    let days = store.day_contexts(from, to)?;
    let mut taken: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    let (mut below, mut left, mut right, mut thigh, mut foot) = (0, 0, 0, 0, 0);
    for day in &days {
        for name in &day.took {
            let entry = taken
                .entry(word_key(name))
                .or_insert_with(|| (name.clone(), vec![0; blocks.len()]));
            entry.0.clone_from(name);
            if let Some(n) = entry.1.get_mut(block(from, day.date)) {
                *n += 1;
            }
        }
        let has = |r: Region| day.regions.contains(&r);
        below += u32::from(day.regions.iter().any(|r| r.is_below_knee()));
        left += u32::from(has(Region::BelowKneeLeft));
        right += u32::from(has(Region::BelowKneeRight));
        thigh += u32::from(has(Region::ThighLeft) || has(Region::ThighRight));
        foot += u32::from(has(Region::FootLeft) || has(Region::FootRight));
    }
    let contexts: BTreeMap<String, crate::model::CheckInContext> = store
        .checkin_contexts_between(from, to)?
        .into_iter()
        .collect();
    let checkins = store.checkins_between(from, to)?;
    let mut signs: Vec<(Date, Vec<&'static str>)> = Vec::new();
    for c in &checkins {
        let mut named = c
            .note
            .as_deref()
            .map(crate::safety::emergency_words)
            .unwrap_or_default();
        if let Some(with) = contexts.get(&c.uuid) {
            let said = |test: fn(&str) -> bool| {
                with.tags
                    .iter()
                    .map(String::as_str)
                    .chain(c.note.as_deref())
                    .any(test)
            };
            let numb = said(crate::model::mentions_numbness);
            if (numb || said(crate::safety::mentions_weakness))
                && crate::safety::both_legs(with)
                && !named.contains(&"both legs")
            {
                named.push("both legs");
            }
            if numb
                && crate::safety::both_buttocks(with)
                && !named.contains(&"numbness around the buttocks")
            {
                named.push("numbness around the buttocks");
            }
        }
        if named.is_empty() {
            continue;
        }
        match signs.last_mut() {
            Some((day, words)) if *day == c.local_date => {
                for w in named {
                    if !words.contains(&w) {
                        words.push(w);
                    }
                }
            }
            _ => signs.push((c.local_date, named)),
        }
    }
    let mut numbness: Vec<Date> = checkins
        .into_iter()
        .filter(|c| {
            contexts
                .get(&c.uuid)
                .is_some_and(|with| with.below_knee_with_numbness(c.note.as_deref()))
        })
        .map(|c| c.local_date)
        .collect();
    numbness.dedup();
    let mut taken: Vec<(String, Vec<u32>)> = taken.into_values().collect();
    // The most days first, then by name.
    taken.sort_by(|a, b| {
        let total = |t: &(String, Vec<u32>)| t.1.iter().sum::<u32>();
        total(b).cmp(&total(a)).then_with(|| a.0.cmp(&b.0))
    });
    Ok(Clinician {
        programme,
        flare_days: store.flare_days(from, to)?,
        sessions: sessions.len() as u32,
        gentle_sessions: sessions.iter().filter(|s| s.gentle).count() as u32,
        blocks,
        taken,
        below_knee_days: below,
        below_knee_left: left,
        below_knee_right: right,
        thigh_days: thigh,
        foot_days: foot,
        numbness,
        signs,
    })
}

/// "2026-10-04, 2026-10-20 and 3 more".
fn dates(days: &[Date]) -> String {
    let mut shown: Vec<String> = days
        .iter()
        .take(DATES_SHOWN)
        .map(ToString::to_string)
        .collect();
    if days.len() > DATES_SHOWN {
        shown.push(format!("{} more", days.len() - DATES_SHOWN));
    }
    shown.join(", ")
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

impl Clinician {
    /// The section's lines, in order.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(match &self.programme {
            None => "Programme: none followed.".to_string(),
            Some(p) => {
                let week = if p.finished {
                    format!("finished its {} weeks", p.weeks)
                } else if p.week == 0 {
                    "not begun yet".to_string()
                } else {
                    format!("week {} of {}", p.week, p.weeks)
                };
                let levels: Vec<String> = p
                    .levels
                    .iter()
                    .map(|(name, level, levels)| format!("{name} {level} of {levels}"))
                    .collect();
                let levels = if levels.is_empty() {
                    String::new()
                } else {
                    format!("; levels: {}", levels.join(", "))
                };
                format!(
                    "Programme: {}, started {}, {week}{levels}.",
                    p.name, p.started_on
                )
            }
        });
        lines.push(match self.flare_days.len() {
            0 => "Flare days: none marked.".to_string(),
            n => format!(
                "Flare days: {} ({}).",
                days(n as u32),
                dates(&self.flare_days)
            ),
        });
        lines.push(format!(
            "Gentle sessions (the gentler version of a routine): {} of {}.",
            self.gentle_sessions,
            if self.sessions == 1 {
                "1 session".to_string()
            } else {
                format!("{} sessions", self.sessions)
            }
        ));
        if self.taken.is_empty() {
            lines.push("Taken or done for the pain: nothing noted.".to_string());
        } else {
            let blocks: Vec<String> = self.blocks.iter().map(ToString::to_string).collect();
            let taken: Vec<String> = self
                .taken
                .iter()
                .map(|(name, n)| {
                    let n: Vec<String> = n.iter().map(ToString::to_string).collect();
                    format!("{name} {}", n.join(" · "))
                })
                .collect();
            lines.push(format!(
                "Taken or done for the pain, days in each four weeks from {}: {}.",
                blocks.join(", "),
                taken.join("; ")
            ));
        }
        lines.push(if self.below_knee_days == 0 {
            "Pain below the knee: not marked.".to_string()
        } else {
            format!(
                "Pain below the knee: marked on {} (left {}, right {}).",
                days(self.below_knee_days),
                self.below_knee_left,
                self.below_knee_right
            )
        });
        // What the safety list was shown for, as the person recorded it.
        // Said only when there were any: the page has no room for a line
        // of "none", and the two tiers below it are always there.
        let signs = if self.signs.is_empty() {
            String::new()
        } else {
            let shown: Vec<String> = self
                .signs
                .iter()
                .take(DATES_SHOWN)
                .map(|(day, words)| format!("{day} ({})", words.join(", ")))
                .collect();
            let shown = match self.signs.len().saturating_sub(DATES_SHOWN) {
                0 => shown.join("; "),
                more => format!("{} and {more} more", shown.join("; ")),
            };
            format!("; emergency signs named at a check-in (note or marks): {shown}")
        };
        lines.push(format!(
            "Thigh marked on {}, foot on {}; numbness or tingling with pain below the knee (a tag or note): {}{signs}.",
            days(self.thigh_days),
            days(self.foot_days),
            if self.numbness.is_empty() {
                "none".to_string()
            } else {
                format!(
                    "{} ({})",
                    days(self.numbness.len() as u32),
                    dates(&self.numbness)
                )
            }
        ));
        lines
    }
}

/// The section, under its heading.
pub fn section(h: &mut String, c: &Clinician) -> Result<()> {
    h.push_str("<section>\n<h2>For the clinician</h2>\n<ul class=\"words\">\n");
    for line in c.lines() {
        writeln!(h, "<li>{}</li>", escape(&line))?;
    }
    h.push_str("</ul>\n</section>\n");
    Ok(())
}
