//! Every way out of a session leaves the terminal as it was (main screen,
//! cursor shown, raw mode off) and the session recorded: SIGTERM, SIGHUP,
//! Ctrl-C and a panic, each in a pseudo-terminal.

use crate::common;

use std::path::Path;

use common::{Pty, sql, write_routine};

const LONG: &str = r#"name = "Long hold"
get_ready = 0

[[exercise]]
name = "Hold"
kind = "stretch"
duration = "10m"
"#;

fn start(home: &Path, env: &[(&str, &str)]) -> Pty {
    write_routine(home, "long", LONG);
    std::fs::write(home.join("config/config.toml"), "checkin_before = false\n").expect("config");
    let pty = Pty::spawn_with(home, &["run", "long"], env);
    pty.wait_for("See a clinician now");
    pty
}

fn started(mut pty: Pty) -> Pty {
    pty.send("\r");
    pty.wait_for("exercise 1 of 1");
    assert!(pty.raw_mode(), "the app runs in raw mode");
    assert!(
        pty.mouse_reporting(),
        "the app asks for the mouse (mouse = true)"
    );
    pty
}

fn ends_restored_and_resumable(signal: &str, code: i32) {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = started(start(home.path(), &[]));
    pty.signal(signal);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), code as u32, "{status:?}");
    assert!(
        pty.restored(),
        "main screen and cursor not restored after SIG{signal}"
    );
    assert!(!pty.raw_mode(), "raw mode still on after SIG{signal}");
    assert!(
        !pty.mouse_reporting(),
        "mouse reporting still on after SIG{signal}"
    );
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "in_progress");
    let pty = Pty::spawn(home.path(), &[]);
    pty.wait_for("A session was not finished");
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_session_resumable() {
    ends_restored_and_resumable("TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_session_resumable() {
    ends_restored_and_resumable("HUP", 128 + 1);
}

#[test]
fn every_signal_that_ends_limber_restores_the_terminal_and_keeps_the_session() {
    // Their default action ends a process, and each left the alternate
    // screen, a hidden cursor and mouse reporting on.
    for (signal, number) in [("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14)] {
        ends_restored_and_resumable(signal, 128 + number);
    }
}

#[test]
fn ctrl_c_ends_the_session_as_ended_early_and_restores_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = started(start(home.path(), &[]));
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(pty.restored());
    assert!(!pty.raw_mode());
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_session() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = started(start(home.path(), &[("LIMBER_DEBUG_PANIC_KEY", "1")]));
    // F12: the debug key that panics.
    pty.send("\x1b[24~");
    let status = pty.wait_exit();
    assert!(!status.success(), "{status:?}");
    assert!(
        pty.restored(),
        "main screen and cursor not restored after a panic"
    );
    assert!(!pty.raw_mode(), "raw mode still on after a panic");
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "PRAGMA integrity_check"), "ok");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "in_progress");
}

/// A shell in a pseudo-terminal, running a session of `limber run long`
/// (through `wrapper`, a command line with `{}` for limber's, if given).
fn session_under_a_shell(home: &Path, wrapper: Option<&str>) -> Pty {
    write_routine(home, "long", LONG);
    std::fs::write(home.join("config/config.toml"), "checkin_before = false\n").expect("config");
    let mut shell = Pty::shell(home);
    shell.wait_for("shell$");
    let limber = format!("{} run long", env!("CARGO_BIN_EXE_limber"));
    let line = wrapper.map_or_else(|| limber.clone(), |w| w.replace("{}", &limber));
    shell.send(&format!("{line}\r"));
    shell.wait_for("See a clinician now");
    shell.send("\r");
    shell.wait_for("exercise 1 of 1");
    shell
}

/// Stopped (the shell says so, its terminal given back), then `fg`: the
/// session is there again, paused, and Ctrl-C ends it as ended early.
fn stopped_then_back_paused(mut shell: Pty, home: &Path) {
    shell.wait_for("Stopped");
    assert!(
        shell.restored(),
        "the terminal was not given back on Ctrl-Z"
    );
    shell.send("fg\r");
    shell.wait_for("PAUSED");
    assert!(shell.raw_mode(), "raw mode not back after fg");
    // Drawn again in full on the cleared screen.
    shell.wait_for("exercise 1 of 1");
    shell.send("\x03");
    shell.wait_for("shell$");
    assert!(shell.restored());
    let db = home.join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
    shell.send("exit\r");
    shell.wait_exit();
}

#[test]
fn ctrl_z_gives_the_shell_its_terminal_and_fg_comes_back_paused() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut shell = session_under_a_shell(home.path(), None);
    shell.send("\x1a");
    stopped_then_back_paused(shell, home.path());
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_keeps_the_session_resumable() {
    ends_restored_and_resumable("INT", 128 + 2);
}

/// Ctrl-Z where no shell can take the terminal back (limber started as a
/// terminal's first program, as `tmux new limber` does): the stop is not
/// possible, so the app carries on, with the session paused, and Ctrl-C
/// still ends it.
#[test]
fn ctrl_z_without_a_shell_to_go_back_to_carries_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = started(start(home.path(), &[]));
    pty.send("\x1a");
    pty.wait_for("PAUSED");
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(pty.restored());
    let db = home.path().join("data/limber.db");
    assert_eq!(sql(&db, "SELECT status FROM sessions"), "aborted");
}

/// The pid of the limber process a shell started, directly or through a
/// wrapper (`sh -c`).
fn limber_under(shell_pid: u32) -> u32 {
    // "pid (comm) state ppid …": the name may hold spaces, so read from its
    // closing parenthesis.
    let parent_and_name = |pid: u32| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let (name, rest) = stat.split_once(") ")?;
        let ppid = rest.split(' ').nth(1)?.parse::<u32>().ok()?;
        Some((ppid, name.ends_with("(limber")))
    };
    let deadline = std::time::Instant::now() + common::timeout();
    while std::time::Instant::now() < deadline {
        for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Some((mut parent, true)) = parent_and_name(pid) else {
                continue;
            };
            for _ in 0..3 {
                if parent == shell_pid {
                    return pid;
                }
                match parent_and_name(parent) {
                    Some((p, _)) => parent = p,
                    None => break,
                }
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("no limber process under the shell");
}

fn tstp(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-TSTP", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
}

#[test]
fn a_stop_from_outside_gives_the_terminal_back_and_fg_comes_back_paused() {
    let home = tempfile::tempdir().expect("temp dir");
    let shell = session_under_a_shell(home.path(), None);
    tstp(limber_under(shell.pid()));
    stopped_then_back_paused(shell, home.path());
}

#[test]
fn a_stop_from_outside_without_a_shell_to_go_back_to_carries_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut pty = started(start(home.path(), &[]));
    tstp(pty.pid());
    pty.wait_for("PAUSED");
    pty.send("\x03");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(pty.restored());
}

/// An editor suspended with Ctrl-Z stops its whole process group, limber
/// with it; `fg` brings both back, and the edit is read as usual.
#[test]
fn an_editor_suspended_from_the_app_stops_and_comes_back_with_it() {
    let home = tempfile::tempdir().expect("temp dir");
    write_routine(home.path(), "long", LONG);
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nkill -TSTP 0\nprintf '\\n[[exercise]]\\nname = \"Added after fg\"\\nkind = \"stretch\"\\nduration = 5\\n' >> \"$1\"\n",
    )
    .expect("editor");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut shell = Pty::shell(home.path());
    shell.wait_for("shell$");
    shell.send(&format!(
        "VISUAL= EDITOR={} {}\r",
        editor.display(),
        env!("CARGO_BIN_EXE_limber")
    ));
    shell.wait_for("See a clinician now");
    shell.send("\r");
    shell.wait_for("Long hold");
    shell.send("G");
    shell.send("e");
    shell.wait_for("Stopped");
    shell.send("fg\r");
    shell.wait_for("Saved");
    shell.send("\r");
    shell.wait_for("Added after fg");
    shell.send("\x03");
    shell.wait_for("shell$");
    assert!(shell.restored());
    shell.send("exit\r");
    shell.wait_exit();
}

/// Started through a wrapper in the same process group (`sh -c`, `cargo
/// run`): the stop takes the wrapper along, or the shell would never get
/// its terminal back.
#[test]
fn a_stop_under_a_wrapper_gives_the_shell_its_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let shell = session_under_a_shell(home.path(), Some("sh -c '{}; echo after'"));
    tstp(limber_under(shell.pid()));
    stopped_then_back_paused(shell, home.path());
}
