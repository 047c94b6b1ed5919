//! Unit tests of the short ids of entries.

use super::*;

#[test]
fn a_short_id_is_eight_characters_or_as_many_as_tell_it_apart() {
    let uuids = [
        "abcdef01-aaaa",
        "abcdef01-aaab",
        "12345678-0000",
        "abcdef02-0000",
    ];
    assert_eq!(short_id_lengths(&uuids), [13, 13, 8, 8]);
    assert_eq!(short_id_lengths(&["abcdef0123", "abcdef0199"]), [9, 9]);
    assert_eq!(short_id_lengths(&["abc"]), [8]);
    assert!(short_id_lengths(&[]).is_empty());
}
