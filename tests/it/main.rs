//! limber's integration tests, one module per area, in one test binary: a
//! change to the library relinks one executable, not one per file. The
//! modules that start the real binary in a pseudo-terminal share the
//! harness in `common`; snapshots live in `tests/it/snapshots/` (insta
//! names them after the module path, `it__<module>__<name>.snap`), and
//! proptest keeps a module's failing cases in
//! `tests/proptest-regressions/<module>.txt`, beside this folder.

mod common;
mod report_html_data;

mod backup;
mod browser;
mod checkin_context;
mod checkin_twice;
mod cli;
mod config;
mod confirmation;
mod context;
mod context_cli;
mod count_findings;
mod count_levels;
mod count_property;
mod count_words;
mod diary;
mod diary_tab;
mod e2e;
mod fear;
mod fhir;
mod fit;
mod fitness;
mod fuzz;
mod history;
mod kill;
mod offers;
mod plain;
mod programme;
mod programme_screen;
mod progress_tab;
mod rand36;
mod reliability;
mod report;
mod report_html;
mod safety;
mod safety_cli;
mod screens;
mod self_tests_data;
mod session_slips;
mod signals;
mod slips;
mod store;
mod summary_checkin;
mod sync;
mod sync_accidents;
mod sync_convergence;
mod sync_folder;
mod time_zones;
mod tombstones;
mod transfer;
mod unsaved;
mod wake;
mod windows;
mod words;
