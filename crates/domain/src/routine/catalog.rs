//! The catalogue: the built-in routines embedded at build time, and the
//! user's files, which replace a built-in or are listed with their problems.

use std::path::{Path, PathBuf};

use super::{Routine, Source, parse};
use crate::located::Located;

/// User routine files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The built-in routines, in the order Today lists them.
const BUILTINS: &[(&str, &str)] = &[
    (
        "desk-break",
        include_str!("../../assets/routines/desk-break.toml"),
    ),
    (
        "gentle-mobility",
        include_str!("../../assets/routines/gentle-mobility.toml"),
    ),
    (
        "core-basics",
        include_str!("../../assets/routines/core-basics.toml"),
    ),
    (
        "cycle-or-walk",
        include_str!("../../assets/routines/cycle-or-walk.toml"),
    ),
    (
        "breathe-and-relax",
        include_str!("../../assets/routines/breathe-and-relax.toml"),
    ),
    (
        "stronger-back",
        include_str!("../../assets/routines/stronger-back.toml"),
    ),
];

/// A user routine file that could not be used, with every problem found in it.
pub type BrokenRoutine = crate::files::BrokenFile;

/// The built-in routines. They are checked by the test suite, so a parse
/// failure here is a build defect; such a routine is skipped, not fatal.
pub fn builtins() -> Vec<Routine> {
    BUILTINS
        .iter()
        .filter_map(|(slug, text)| parse(slug, &format!("{slug}.toml"), text, Source::Builtin).ok())
        .collect()
}

/// Every routine limber knows: the built-ins, and the user's files, which
/// replace a built-in of the same slug.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub routines: Vec<Routine>,
    pub broken: Vec<BrokenRoutine>,
    /// A problem reading the routines folder itself, if any.
    pub folder_problem: Option<String>,
}

impl Catalog {
    /// Loads the built-ins and every `*.toml` in `dir` (which may not exist).
    pub fn load(dir: &Path) -> Catalog {
        // A user file with a built-in's slug takes its place in the list.
        let (routines, broken, folder_problem) =
            crate::files::load_folder(dir, builtins(), |r| &r.slug, load_file);
        Catalog {
            routines,
            broken,
            folder_problem,
        }
    }

    pub fn get(&self, slug: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.slug == slug)
    }

    pub fn slugs(&self) -> Vec<&str> {
        self.routines.iter().map(|r| r.slug.as_str()).collect()
    }

    /// The error for a slug that names no routine, listing the known ones.
    pub fn unknown_routine(&self, slug: &str) -> anyhow::Error {
        anyhow::anyhow!(
            "no routine \"{}\"; known routines: {}",
            crate::text::one_line(slug),
            self.slugs().join(", ")
        )
    }
}

/// Reads and checks one routine file from disk.
pub fn load_file(slug: &str, path: &Path) -> Result<Routine, Vec<Located>> {
    let file = path.display().to_string();
    let fail = |message: String| vec![Located::start(&file, message)];
    crate::files::refuse_large(path, &file, "routine")?;
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Everything before the first bad byte is valid: point just after it.
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        vec![Located::at(
            &file,
            &valid,
            valid.len(),
            "the file is not valid UTF-8 text",
        )]
    })?;
    let mut routine = parse(slug, &file, &text, Source::User)?;
    routine.path = Some(path.to_path_buf());
    Ok(routine)
}

/// The file to edit for a routine: the user's own file, or, for a
/// built-in, a copy of it made in the user's routines folder (from then on
/// theirs, replacing the built-in).
pub fn editable_path(catalog: &Catalog, dir: &Path, slug: &str) -> std::io::Result<PathBuf> {
    if let Some(path) = catalog
        .routines
        .iter()
        .find(|r| r.slug == slug)
        .and_then(|r| r.path.clone())
        .or_else(|| {
            catalog
                .broken
                .iter()
                .find(|b| b.slug == slug)
                .map(|b| b.path.clone())
        })
    {
        return Ok(path);
    }
    let routine = catalog.get(slug).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no routine \"{slug}\""),
        )
    })?;
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{slug}.toml"));
    if !path.exists() {
        let header = format!(
            "# Your copy of limber's built-in routine \"{}\": it replaces the built-in.\n# Delete this file to have the built-in back.\n\n",
            routine.name
        );
        std::fs::write(&path, header + &routine.definition)?;
    }
    Ok(path)
}

/// A new routine file, commented, that checks as valid as it is.
pub fn template(name: &str) -> String {
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"# A limber routine. Check it with `limber routines check FILE`.
name = "{name}"
description = "What this routine is for, in a line"
get_ready = 5                  # seconds before the first exercise

[[exercise]]
name = "Knee-to-chest"
kind = "stretch"               # stretch | strength | aerobic | relaxation | breathing
duration = "30s"               # or whole seconds, "1m30s", "2m"; or reps = 10 instead
sides = "both"                 # optional: left, then right
rest = 10                      # seconds after each set or side
instructions = "Lying on your back, draw one knee gently towards your chest and hold."
cues = ["Breathe slowly", "Keep the other leg relaxed"]
stop_if = "Stop if pain shoots down a leg."

[[exercise]]
name = "Slow breaths"
kind = "breathing"
duration = "1m"
pattern = [4, 0, 6, 0]         # seconds in, hold, out, hold
instructions = "Sit or lie comfortably and follow the pacer."
stop_if = "Stop and breathe normally if you feel dizzy."
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_routine() {
        let text = template("My \"evening\" stretch");
        let routine = parse("x", "x.toml", &text, Source::User).expect("the template checks");
        assert_eq!(routine.name, "My \"evening\" stretch");
    }

    #[test]
    fn every_builtin_parses_and_validates() {
        assert_eq!(builtins().len(), BUILTINS.len());
        for (slug, text) in BUILTINS {
            let routine = parse(slug, slug, text, Source::Builtin)
                .unwrap_or_else(|p| panic!("{slug}: {p:?}"));
            assert!(!routine.description.is_empty(), "{slug} has no description");
            for exercise in &routine.exercises {
                assert!(
                    !exercise.instructions.is_empty(),
                    "{slug}: {} has no instructions",
                    exercise.name
                );
                assert!(
                    exercise.stop_if.is_some(),
                    "{slug}: {} says nothing of when to stop",
                    exercise.name
                );
            }
        }
    }

    #[test]
    fn the_desk_break_takes_about_five_minutes() {
        let desk = builtins()
            .into_iter()
            .find(|r| r.slug == "desk-break")
            .expect("desk-break is built in");
        let total = desk.total_seconds(5, 15);
        assert!((240..=360).contains(&total), "desk break takes {total}s");
    }

    #[test]
    fn a_user_file_replaces_a_builtin_and_a_broken_one_is_listed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("desk-break.toml"),
            "name = \"My desk break\"\n[[exercise]]\nname = \"Stand\"\nkind = \"stretch\"\nduration = 30\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("broken.toml"), "name = \"x\"\n").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a routine").expect("write");
        let catalog = Catalog::load(dir.path());
        let desk = catalog.get("desk-break").expect("desk-break");
        assert_eq!(desk.name, "My desk break");
        assert_eq!(desk.source, Source::User);
        assert_eq!(
            catalog
                .routines
                .iter()
                .filter(|r| r.slug == "desk-break")
                .count(),
            1
        );
        assert_eq!(catalog.broken.len(), 1);
        assert_eq!(catalog.broken[0].slug, "broken");
        assert!(
            catalog.broken[0]
                .summary()
                .contains("broken.toml:2:1: the routine has no exercises")
        );
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, b"name = \"x\"\n# caf\xe9\n").expect("write");
        let problems = load_file("bad", &path).expect_err("invalid");
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].message, "the file is not valid UTF-8 text");
    }

    #[test]
    fn editing_a_builtin_makes_the_users_own_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let routines = dir.path().join("routines");
        let catalog = Catalog::load(&routines);
        let path = editable_path(&catalog, &routines, "desk-break").expect("copy");
        assert_eq!(path, routines.join("desk-break.toml"));
        let copy = load_file("desk-break", &path).expect("the copy is valid");
        assert_eq!(
            copy.exercises,
            catalog.get("desk-break").expect("built in").exercises
        );
        assert_eq!(
            Catalog::load(&routines).get("desk-break").map(|r| r.source),
            Some(Source::User)
        );
        assert!(editable_path(&catalog, &routines, "nothing").is_err());
    }
}
