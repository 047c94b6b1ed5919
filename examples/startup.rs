//! limber's process-level figures on a ten-year store, measured in a
//! pseudo-terminal (80×24), each run alternating limber and a bare ratatui
//! program so both meet the same machine state:
//!
//! - process start to the first drawn frame (limber's Today; the bare frame),
//! - a key press answered with a redrawn screen,
//! - peak memory (VmHWM) once the first frame is drawn,
//! - a durable check-in: `limber checkin` from start to exit (committed, fsynced).
//!
//! cargo build --release && cargo run --release --example startup -- [RUNS]

use std::error::Error;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Child {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn std::io::Write + Send>,
    output: Receiver<Vec<u8>>,
    seen: Vec<u8>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn spawn(program: &Path, args: &[&str], data: &Path) -> Result<(Child, Instant), Box<dyn Error>> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("LIMBER_DATA_DIR", data);
    cmd.env("LIMBER_CONFIG", data.join("config"));
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let writer = pair.master.take_writer()?;
    let (tx, output) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    Ok((
        Child {
            child,
            writer,
            output,
            seen: Vec::new(),
            _master: pair.master,
        },
        start,
    ))
}

impl Child {
    /// Waits until the output holds `marker`; returns when it arrived.
    fn wait_for(&mut self, marker: &[u8]) -> Result<Instant, Box<dyn Error>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.seen.windows(marker.len()).any(|w| w == marker) {
                return Ok(Instant::now());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = self.output.recv_timeout(left).map_err(|e| {
                format!(
                    "waited for {:?}: {e}; the output so far: {:?}",
                    String::from_utf8_lossy(marker),
                    String::from_utf8_lossy(&self.seen)
                )
            })?;
            self.seen.extend_from_slice(&chunk);
        }
    }

    /// Sends a key and returns how long until the answering output began.
    fn key_latency(&mut self, key: &[u8]) -> Result<Duration, Box<dyn Error>> {
        while self.output.try_recv().is_ok() {}
        let sent = Instant::now();
        self.writer.write_all(key)?;
        self.writer.flush()?;
        self.output.recv_timeout(Duration::from_secs(5))?;
        Ok(sent.elapsed())
    }

    fn peak_memory_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    fn quit(mut self, key: &[u8]) -> Result<(), Box<dyn Error>> {
        self.writer.write_all(key)?;
        self.writer.flush()?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > deadline {
                self.child.kill()?;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(21);
    let examples = std::env::current_exe()?
        .parent()
        .map(Path::to_path_buf)
        .ok_or("no folder for this program")?;
    let limber: PathBuf = examples.parent().ok_or("no target folder")?.join("limber");
    let bare = examples.join("bare_frame");
    if !limber.exists() || !bare.exists() {
        return Err("build first: cargo build --release --bin limber --example bare_frame".into());
    }
    let dir = tempfile::tempdir()?;
    let data = dir.path().to_path_buf();
    let made = std::process::Command::new(&limber)
        .args(["sample-data", "--years", "10"])
        .env("LIMBER_DATA_DIR", &data)
        .output()?;
    if !made.status.success() {
        return Err(String::from_utf8_lossy(&made.stderr).into_owned().into());
    }
    // The safety notice was read long ago in a store of ten years.
    rusqlite::Connection::open(data.join("limber.db"))?.execute(
        "INSERT INTO app_state (key, value) VALUES ('safety_notice_read', '2016-01-01T00:00:00Z')",
        [],
    )?;

    let (mut limber_first, mut bare_first, mut keys, mut memory, mut bare_memory) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        for which in [run % 2, 1 - run % 2] {
            if which == 0 {
                let (mut child, start) = spawn(&limber, &[], &data)?;
                let drawn = child.wait_for(b"today")?;
                limber_first.push(drawn - start);
                memory.extend(child.peak_memory_kib());
                // Move on Today, open History (3 months), widen to a year, to all ten.
                for key in [b"j", b"k", b"h", b"]", b"]"] {
                    keys.push(child.key_latency(key)?);
                    // Let any reading the key asked for finish before the next.
                    std::thread::sleep(Duration::from_millis(60));
                }
                child.quit(b"q")?;
            } else {
                let (mut child, start) = spawn(&bare, &[], &data)?;
                let drawn = child.wait_for(b"frame")?;
                bare_first.push(drawn - start);
                bare_memory.extend(child.peak_memory_kib());
                child.quit(b"q")?;
            }
        }
    }
    let mut checkins = Vec::new();
    for i in 0..runs {
        let start = Instant::now();
        let out = std::process::Command::new(&limber)
            .args([
                "checkin",
                "--pain",
                &(i % 11).to_string(),
                "--anxiety",
                "2",
                "--mood",
                "6",
            ])
            .env("LIMBER_DATA_DIR", &data)
            .output()?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
        }
        checkins.push(start.elapsed());
    }
    let (l, b) = (median(limber_first), median(bare_first));
    println!("runs: {runs}, store: ten years (sample-data --years 10)");
    println!("first frame, limber Today:   {}", ms(l));
    println!("first frame, bare ratatui:   {}", ms(b));
    println!(
        "ratio (median / median):     {:.2}",
        l.as_secs_f64() / b.as_secs_f64()
    );
    keys.sort();
    println!(
        "key press to redraw:         median {}, slowest {} (j k h ] ])",
        ms(keys[keys.len() / 2]),
        ms(keys[keys.len() - 1])
    );
    memory.sort_unstable();
    bare_memory.sort_unstable();
    if let (Some(m), Some(bm)) = (
        memory.get(memory.len() / 2),
        bare_memory.get(bare_memory.len() / 2),
    ) {
        println!("peak memory, limber:         {:.1} MB", *m as f64 / 1024.0);
        println!("peak memory, bare ratatui:   {:.1} MB", *bm as f64 / 1024.0);
    }
    println!("durable check-in (process):  {}", ms(median(checkins)));
    Ok(())
}
