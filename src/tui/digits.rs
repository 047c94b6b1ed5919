//! A 0–10 answer typed as digits: a digit is the answer, and a 1 then a 0
//! is 10 only when the 0 comes soon after the 1 — a 0 later corrects the 1.

use std::time::{Duration, Instant};

/// How soon after a 1 a 0 makes it 10.
pub const TEN_WITHIN: Duration = Duration::from_secs(1);

/// What the last digit left open: a 1 given to `T` (a field, a question)
/// that a 0 could still make 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digits<T> {
    one: Option<(T, Instant)>,
}

impl<T> Default for Digits<T> {
    fn default() -> Self {
        Digits { one: None }
    }
}

impl<T: Copy + PartialEq> Digits<T> {
    /// The answer `digit` gives `target` at `now`, and what it leaves open.
    pub fn answer(self, target: T, digit: u8, now: Instant) -> (u8, Digits<T>) {
        let ten = digit == 0 && self.open(now) == Some(target);
        let next = Digits {
            one: (digit == 1).then_some((target, now)),
        };
        (if ten { 10 } else { digit }, next)
    }

    /// Whose 1 a 0 would still make 10 at `now`.
    pub fn open(&self, now: Instant) -> Option<T> {
        self.one
            .filter(|(_, at)| now.saturating_duration_since(*at) < TEN_WITHIN)
            .map(|(target, _)| target)
    }

    /// When the open 1 stops waiting for a 0 (the screen changes then).
    pub fn closes(&self) -> Option<Instant> {
        self.one.map(|(_, at)| at + TEN_WITHIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_then_zero_is_ten_only_soon_after_and_on_the_same_target() {
        let t0 = Instant::now();
        let (v, open) = Digits::default().answer(0, 1, t0);
        assert_eq!((v, open.open(t0)), (1, Some(0)));
        let soon = t0 + Duration::from_millis(900);
        assert_eq!(open.answer(0, 0, soon).0, 10);
        // A pause: the 0 corrects the 1.
        assert_eq!(open.answer(0, 0, t0 + TEN_WITHIN).0, 0);
        assert_eq!(open.open(t0 + TEN_WITHIN), None);
        // Another field's 0 is its own.
        assert_eq!(open.answer(1, 0, soon).0, 0);
        // 1 0 0 is 10 then 0, never 100.
        let (_, after_ten) = open.answer(0, 0, soon);
        assert_eq!(after_ten.answer(0, 0, soon).0, 0);
    }
}
