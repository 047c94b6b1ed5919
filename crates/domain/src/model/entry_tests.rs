//! Unit tests of what an entry says of its values.

use super::*;

fn entry(values: EntryValues) -> Entry {
    Entry {
        uuid: "u".into(),
        at: OffsetDateTime::UNIX_EPOCH,
        local_date: Date::MIN,
        note: None,
        values,
    }
}

#[test]
fn each_kind_says_only_its_own_values() {
    let checkin = entry(EntryValues::CheckIn {
        context: CheckInKind::Before,
        scales: Scales {
            pain: 4,
            anxiety: 3,
            mood: 6,
            fear: Some(2),
        },
    });
    assert_eq!(checkin.kind(), EntryKind::CheckIn);
    assert_eq!(
        checkin.scores_text(["P", "A", "M", "F"], " "),
        "P4 A3 M6 F2"
    );
    assert_eq!(checkin.session_text(", ", str::to_string), "");
    let session = entry(EntryValues::Session {
        routine: "Core basics".into(),
        minutes: 13,
        status: SessionStatus::Aborted,
    });
    assert_eq!(session.kind(), EntryKind::Session);
    assert_eq!(
        session.session_text(", ", str::to_string),
        "Core basics, 13 min, ended early"
    );
    assert_eq!(session.scores_text(["P", "A", "M", "F"], " "), "");
    let fitness = entry(EntryValues::Fitness {
        test: FitnessTest::ChairStand,
        value: 12,
        practice: true,
    });
    assert_eq!(
        fitness.self_test_values(),
        "chair-stand, 12 stands, the practice try"
    );
    let who5 = entry(EntryValues::Wellbeing {
        answers: [2, 2, 3, 3, 2],
    });
    assert_eq!(
        who5.self_test_values(),
        "score 48 of 100, answers 2,2,3,3,2"
    );
    assert_eq!(entry(EntryValues::Flare).kind(), EntryKind::Flare);
}
