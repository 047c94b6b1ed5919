//! A harness that runs the real limber binary in a pseudo-terminal and reads
//! its screen with a terminal emulator (vt100). A background thread keeps
//! draining the pty (without it limber would block on a full buffer), waits
//! are for text on the screen with a deadline, never a fixed sleep, and the
//! deadline can be lengthened with LIMBER_E2E_TIMEOUT (seconds).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub mod app;
pub mod fixture;
pub mod frame;
pub mod two;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const COLS: u16 = 80;
pub const ROWS: u16 = 24;

pub fn timeout() -> Duration {
    let secs = std::env::var("LIMBER_E2E_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as it came: what a screen reader hears.
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts limber with `args`, its data and config in `home`.
    pub fn spawn(home: &Path, args: &[&str]) -> Pty {
        Pty::spawn_with(home, args, &[])
    }

    /// An interactive shell with job control, limber's folders in its
    /// environment: for what only a shell does (Ctrl-Z, `fg`).
    pub fn shell(home: &Path) -> Pty {
        Pty::launch(
            home,
            "bash",
            &["--norc", "--noprofile", "-i"],
            &[("PS1", "shell$ ")],
        )
    }

    pub fn spawn_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::launch(home, env!("CARGO_BIN_EXE_limber"), args, env)
    }

    fn launch(home: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("LIMBER_DATA_DIR", home.join("data"));
        cmd.env("LIMBER_CONFIG", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LIMBER_NOW");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn limber");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        raw_sink
                            .lock()
                            .expect("transcript")
                            .extend_from_slice(&buf[..n]);
                        sink.lock().expect("parser").process(&buf[..n]);
                    }
                }
            }
        });
        Pty {
            child,
            writer,
            parser,
            raw,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    /// What the screen shows now.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Every byte written so far, escape sequences and all.
    pub fn transcript(&self) -> Vec<u8> {
        self.raw.lock().expect("transcript").clone()
    }

    /// Waits until the transcript holds `text` `times` times (a program
    /// that speaks in lines may have scrolled it off the screen).
    pub fn wait_in_transcript(&self, text: &str, times: usize) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if String::from_utf8_lossy(&self.transcript())
                .matches(text)
                .count()
                >= times
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited for {text:?} ({times}×); the transcript is:\n{}",
            String::from_utf8_lossy(&self.transcript())
        );
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {text:?}; the screen shows:\n{}", self.screen());
    }

    /// Waits until `seen` finds something on the screen and returns it;
    /// panics with the screen if it never does. For screens that may last
    /// only a moment: the caller accepts any later screen as well.
    pub fn wait_until<T>(&self, what: &str, seen: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if let Some(found) = seen(&self.screen()) {
                return found;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {what}; the screen shows:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Past the notice of the signs that need help now, which a first
    /// start shows before anything else.
    pub fn past_first_start(&mut self) {
        self.wait_for("See a clinician now");
        self.send("\r");
    }

    /// A check-in form answered (pain, anxiety, mood: one digit each) and
    /// saved with Enter.
    pub fn check_in(&mut self, pain: u8, anxiety: u8, mood: u8) {
        for (i, scale) in [pain, anxiety, mood].into_iter().enumerate() {
            if i > 0 {
                self.send("\t");
            }
            self.send(&scale.to_string());
        }
        self.send("\r");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Sends a signal by name ("KILL", "TERM", …) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the process to exit and for its last output to be read.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                if let Some(reader) = self.reader.take() {
                    // The reader ends when the pty closes; give it a moment
                    // to take in the last bytes.
                    let until = Instant::now() + Duration::from_secs(2);
                    while !reader.is_finished() && Instant::now() < until {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "limber did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the pseudo-terminal is in raw mode (no line editing, no echo).
    pub fn raw_mode(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self._master.get_termios().expect("the pty's termios");
        !termios.local_flags.contains(LocalFlags::ICANON)
            && !termios.local_flags.contains(LocalFlags::ECHO)
    }

    /// Whether the program asked the terminal for mouse events.
    pub fn mouse_reporting(&self) -> bool {
        let parser = self.parser.lock().expect("parser");
        parser.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    /// `q`, and limber exits as it should, the terminal put back.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit();
        assert!(status.success(), "{status:?}");
        assert!(self.restored(), "the terminal was not restored");
    }

    /// Whether the program asked the terminal to mark pasted text.
    pub fn bracketed_paste(&self) -> bool {
        let parser = self.parser.lock().expect("parser");
        parser.screen().bracketed_paste()
    }

    /// Whether the terminal is back on its main screen with the cursor shown
    /// and no mouse reporting. (Not bracketed paste: a shell's prompt turns
    /// that on for itself.)
    pub fn restored(&self) -> bool {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The real binary with its data and config in `home`, the clock pinned to
/// Wednesday 25 November 2026, 10:00 UTC.
pub fn limber(home: &Path) -> std::process::Command {
    in_home(
        std::process::Command::new(env!("CARGO_BIN_EXE_limber")),
        home,
    )
}

/// `cmd` (limber, or a shell that starts it) with limber's data and config
/// in `home` and the clock pinned as [`limber`] pins it.
pub fn in_home(mut cmd: std::process::Command, home: &Path) -> std::process::Command {
    cmd.env("LIMBER_DATA_DIR", home.join("data"))
        .env("LIMBER_CONFIG", home.join("config"))
        .env("LIMBER_NOW", "2026-11-25T10:00:00Z")
        .env("TZ", "UTC");
    cmd
}

/// Runs limber in `home` and returns (exit code, stdout, stderr).
pub fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = limber(home).args(args).output().expect("run limber");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Reads one number (or text) from the store with SQL.
pub fn sql(db: &Path, query: &str) -> String {
    let conn = rusqlite::Connection::open(db).expect("open the store");
    let mut stmt = conn.prepare(query).expect("prepare");
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |row| {
            (0..n)
                .map(|i| {
                    row.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                        rusqlite::types::Value::Null => "NULL".to_string(),
                        rusqlite::types::Value::Integer(n) => n.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        other => format!("{other:?}"),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|c| c.join("|"))
        })
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows.join("\n")
}

/// Writes a user routine into `home`'s config dir.
pub fn write_routine(home: &Path, slug: &str, text: &str) {
    let dir = home.join("config/routines");
    std::fs::create_dir_all(&dir).expect("routines dir");
    std::fs::write(dir.join(format!("{slug}.toml")), text).expect("routine");
}

/// The keys that answer a check-in's three questions (pain, anxiety, mood)
/// and save it.
pub fn checkin_keys([pain, anxiety, mood]: [u8; 3]) -> [ratatui::crossterm::event::KeyCode; 6] {
    use ratatui::crossterm::event::KeyCode;
    let digit = |n: u8| KeyCode::Char(char::from(b'0' + n));
    [
        digit(pain),
        KeyCode::Down,
        digit(anxiety),
        KeyCode::Down,
        digit(mood),
        KeyCode::Enter,
    ]
}
