//! The baseline for limber's start-up figure: the least a ratatui program
//! can do — start, draw one frame, wait for a key, restore the terminal.
//!
//! cargo build --release --example bare_frame

use ratatui::crossterm::event::{self, Event};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    terminal.draw(|frame| frame.render_widget(Paragraph::new("bare frame"), frame.area()))?;
    loop {
        if let Event::Key(_) = event::read()? {
            break;
        }
    }
    ratatui::restore();
    Ok(())
}
