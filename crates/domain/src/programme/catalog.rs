//! The programmes limber knows: the built-ins embedded at build time, and
//! the user's files in `programmes/` of the config folder, which replace a
//! built-in of the same slug or are listed with their problems.

use std::path::Path;

use super::{Programme, parse};
use crate::located::Located;
use crate::routine::{Routine, Source};

/// The built-in programmes, in the order `programme list` shows them.
const BUILTINS: &[(&str, &str)] = &[
    (
        "back-to-strength",
        include_str!("../../assets/programmes/back-to-strength.toml"),
    ),
    (
        "ride-it-out",
        include_str!("../../assets/programmes/ride-it-out.toml"),
    ),
    (
        "calm-then-move",
        include_str!("../../assets/programmes/calm-then-move.toml"),
    ),
];

/// A user programme file that could not be used, with its problems.
pub type BrokenProgramme = crate::files::BrokenFile;

/// The built-ins, checked against `routines`. They are checked by the test
/// suite; one that fails (a user routine replacing one it names, say) is
/// left out, not fatal.
pub fn builtins(routines: &[Routine]) -> Vec<Programme> {
    BUILTINS
        .iter()
        .filter_map(|(slug, text)| {
            parse(
                slug,
                &format!("{slug}.toml"),
                text,
                Source::Builtin,
                routines,
            )
            .ok()
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub programmes: Vec<Programme>,
    pub broken: Vec<BrokenProgramme>,
    pub folder_problem: Option<String>,
}

impl Catalog {
    /// The built-ins and every `*.toml` in `dir` (which may not exist).
    pub fn load(dir: &Path, routines: &[Routine]) -> Catalog {
        let load = |slug: &str, path: &Path| load_file(slug, path, routines);
        let (programmes, broken, folder_problem) =
            crate::files::load_folder(dir, builtins(routines), |p| &p.slug, load);
        Catalog {
            programmes,
            broken,
            folder_problem,
        }
    }

    pub fn get(&self, slug: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.slug == slug)
    }

    /// The error for a slug that names no programme (or a broken one).
    pub fn unknown(&self, slug: &str) -> String {
        if let Some(broken) = self.broken.iter().find(|b| b.slug == slug) {
            let problems: Vec<String> = broken.problems.iter().map(ToString::to_string).collect();
            return format!(
                "programme \"{}\" cannot be used: {}",
                crate::text::one_line(slug),
                problems.join("; ")
            );
        }
        let slugs: Vec<&str> = self.programmes.iter().map(|p| p.slug.as_str()).collect();
        format!(
            "no programme \"{}\"; known programmes: {}",
            crate::text::one_line(slug),
            slugs.join(", ")
        )
    }
}

/// Reads and checks one programme file from disk.
pub fn load_file(slug: &str, path: &Path, routines: &[Routine]) -> Result<Programme, Vec<Located>> {
    let file = path.display().to_string();
    let fail = |message: String| vec![Located::start(&file, message)];
    crate::files::refuse_large(path, &file, "programme")?;
    let text =
        std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    let mut programme = parse(slug, &file, &text, Source::User, routines)?;
    programme.path = Some(path.to_path_buf());
    Ok(programme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_against_the_builtin_routines() {
        let routines = crate::routine::builtins();
        for (slug, text) in BUILTINS {
            let p = parse(slug, slug, text, Source::Builtin, &routines)
                .unwrap_or_else(|e| panic!("{slug}: {e:?}"));
            assert!(!p.description.is_empty(), "{slug}");
            assert_eq!(p.weeks, 12, "{slug}");
            assert_eq!(p.sessions_per_week, 3, "{slug}");
            assert!(p.phases.iter().any(|ph| !ph.ladders.is_empty()), "{slug}");
        }
        assert_eq!(builtins(&routines).len(), BUILTINS.len());
    }

    #[test]
    fn ride_it_out_climbs_from_about_15_to_about_45_minutes() {
        let routines = crate::routine::builtins();
        let ride = builtins(&routines)
            .into_iter()
            .find(|p| p.slug == "ride-it-out")
            .expect("built in");
        let first = ride.phase(1).ladder("Steady pace").expect("ladder").at(1);
        let last = ride.phase(12).ladder("Steady pace").expect("ladder");
        let top = last.at(last.levels());
        assert_eq!(first.amount, crate::routine::Amount::Seconds(15 * 60));
        assert_eq!(top.amount, crate::routine::Amount::Seconds(45 * 60));
    }

    #[test]
    fn a_user_file_replaces_a_builtin_and_a_broken_one_is_listed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let routines = crate::routine::builtins();
        std::fs::write(
            dir.path().join("ride-it-out.toml"),
            "name = \"Mine\"\nweeks = 2\nsessions_per_week = 2\n[[phase]]\nweeks = \"1-2\"\nroutines = [\"desk-break\"]\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("bad.toml"), "name = \"x\"\n").expect("write");
        let catalog = Catalog::load(dir.path(), &routines);
        assert_eq!(
            catalog.get("ride-it-out").map(|p| p.name.as_str()),
            Some("Mine")
        );
        assert_eq!(catalog.broken.len(), 1);
        assert!(
            catalog
                .unknown("bad")
                .contains("bad.toml:1:1: the programme has no weeks")
        );
        assert!(
            catalog
                .unknown("zzz")
                .contains("known programmes: back-to-strength")
        );
    }
}
