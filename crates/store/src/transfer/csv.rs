//! The check-ins as CSV, with cells a spreadsheet would run as formulas
//! made harmless. Only live check-ins: tombstones (`deleted` in the JSON
//! export) are for limber to merge with, and a spreadsheet would count them.

use super::CheckInRow;

/// A cell that a spreadsheet would run as a formula gets a leading
/// apostrophe, which spreadsheets show as text and do not evaluate.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes the check-ins as CSV: a header row, then one row each.
pub fn write_checkins_csv(
    checkins: &[CheckInRow],
    out: impl std::io::Write,
) -> std::result::Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "uuid",
        "local_date",
        "recorded_at_utc",
        "context",
        "pain",
        "anxiety",
        "mood",
        "fear",
        "note",
        "session_uuid",
        "tags",
        "where",
        "took",
    ])?;
    for c in checkins {
        let note = c.note.as_deref().unwrap_or("");
        w.write_record([
            c.uuid.as_str(),
            &c.local_date,
            &c.recorded_at,
            &c.context,
            &c.pain.to_string(),
            &c.anxiety.to_string(),
            &c.mood.to_string(),
            &c.fear.map(|f| f.to_string()).unwrap_or_default(),
            &defuse(&limber_domain::text::printable(note, true)),
            c.session.as_deref().unwrap_or(""),
            &defuse(&limber_domain::text::printable(&c.tags.join(";"), false)),
            &c.regions.join(";"),
            &defuse(&limber_domain::text::printable(&c.took.join(";"), false)),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("-5 today"), "'-5 today");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("felt fine"), "felt fine");
    }
}
