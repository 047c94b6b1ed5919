use time::macros::date;

use super::*;

/// A day with pain, anxiety 3, and the tags given.
fn day(date: Date, pain: f64, tags: &[&str]) -> DayContext {
    DayContext {
        date,
        checkins: 1,
        pain,
        anxiety: 3.0,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        took: Vec::new(),
        regions: Vec::new(),
    }
}

/// `n` consecutive days from `start`, pain 4, no tags.
fn plain(start: Date, n: i64) -> Vec<DayContext> {
    (0..n)
        .map(|i| day(start + Duration::days(i), 4.0, &[]))
        .collect()
}

fn tag(days: &mut [DayContext], i: usize, name: &str, pain: f64) {
    days[i].tags.push(name.to_string());
    days[i].pain = pain;
}

const FROM: Date = date!(2026 - 11 - 01);
const TO: Date = date!(2026 - 11 - 30);

#[test]
fn two_days_with_a_tag_are_left_out_and_three_are_compared() {
    let mut days = plain(FROM, 30);
    tag(&mut days, 2, "travel", 6.0);
    tag(&mut days, 9, "travel", 6.0);
    assert!(associations(&days, FROM, TO, Noted::Tag).is_empty());
    tag(&mut days, 20, "travel", 6.0);
    let found = associations(&days, FROM, TO, Noted::Tag);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].days_with, found[0].days_without), (3, 27));
    assert_eq!((found[0].pain_with, found[0].pain_without), (6.0, 4.0));
}

#[test]
fn two_days_without_a_tag_are_too_few_to_compare_with() {
    let mut days = plain(FROM, 6);
    for i in 0..3 {
        tag(&mut days, i, "travel", 6.0);
    }
    let to = FROM + Duration::days(5);
    assert_eq!(associations(&days, FROM, to, Noted::Tag).len(), 1);
    assert!(associations(&days[..5], FROM, to, Noted::Tag).is_empty());
}

#[test]
fn a_tag_on_every_day_has_nothing_to_compare_with() {
    let mut days = plain(FROM, 30);
    for d in &mut days {
        d.tags.push("lifting".into());
    }
    assert!(associations(&days, FROM, TO, Noted::Tag).is_empty());
    let report = context_report(&days, FROM, TO);
    assert!(report.tags.is_empty() && report.lines().is_empty());
}

#[test]
fn the_day_after_is_paired_across_a_month_end_and_only_with_a_check_in() {
    let from = date!(2027 - 01 - 25);
    let to = date!(2027 - 02 - 05);
    let mut days = plain(from, 12);
    // Jan 31 is the seventh day; Feb 1 follows it with pain 8.
    for i in [6, 8, 10] {
        tag(&mut days, i, "long drive", 5.0);
    }
    days[7].pain = 8.0;
    // Feb 4 (after the tag on Feb 3) has no check-in: that pair is missing.
    days.remove(10);
    tag(&mut days, 9, "long drive", 5.0);
    let found = associations(&days, from, to, Noted::Tag);
    assert_eq!(found.len(), 1, "{found:?}");
    let a = &found[0];
    assert_eq!(a.days_with, 3);
    // Pairs: Jan 31 → Feb 1 (8), Feb 2 → Feb 3 (5); Feb 3 → Feb 4 missing.
    assert_eq!(a.next_days_with, 2);
    assert_eq!(a.pain_next_day_with, Some(6.5));
    // The window's last day is followed by a day outside it when given.
    let mut more = days.clone();
    more.push(day(to + Duration::days(1), 2.0, &["long drive"]));
    let b = &associations(&more, from, to, Noted::Tag)[0];
    assert_eq!(b.days_with, 3, "a day past the window is no day with");
    assert_eq!(b.next_days_without, a.next_days_without + 1);
}

#[test]
fn ties_in_the_size_of_the_difference_are_sorted_by_name() {
    let mut days = plain(FROM, 30);
    for i in 0..3 {
        tag(&mut days, i, "travel", 5.0);
        tag(&mut days, i + 10, "Argument", 3.0);
    }
    // travel: 5 against 105/27; Argument: 3 against 111/27. The same
    // size, reached by different sums, one higher and one lower: by name.
    let found = associations(&days, FROM, TO, Noted::Tag);
    let names: Vec<&str> = found.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Argument", "travel"]);
    let d = |a: &Association| (a.pain_with - a.pain_without).abs();
    assert!((d(&found[0]) - d(&found[1])).abs() < 1e-9);
    // A larger difference comes first, whatever its name.
    for i in 0..3 {
        tag(&mut days, i + 20, "work stress", 8.0);
    }
    let found = associations(&days, FROM, TO, Noted::Tag);
    let names: Vec<&str> = found.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names[0], "work stress");
}

#[test]
fn spellings_of_one_tag_are_counted_together_in_the_latest_one() {
    let mut days = plain(FROM, 30);
    tag(&mut days, 1, "poor sleep", 6.0);
    tag(&mut days, 2, "Poor Sleep", 6.0);
    tag(&mut days, 3, "Poor sleep", 6.0);
    let found = associations(&days, FROM, TO, Noted::Tag);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Poor sleep");
}

#[test]
fn a_mean_is_rounded_once_and_the_words_say_what_happened_together() {
    let mut days = plain(FROM, 30);
    // With: 6, 6, 5.5 → 5.8333; without: 27 days of 4.
    tag(&mut days, 0, "poor sleep", 6.0);
    tag(&mut days, 1, "poor sleep", 6.0);
    tag(&mut days, 2, "poor sleep", 5.5);
    days[5].took.push("heat pack".into());
    let a = associations(&days, FROM, TO, Noted::Tag).remove(0);
    let json = serde_json::to_value(&a).expect("json");
    assert_eq!(json["pain_with"], 5.83);
    assert_eq!(json["pain_without"], 4.0);
    assert_eq!(json["name"], "poor sleep");
    assert_eq!(
        json["pain_next_day_with"], 5.17,
        "6, 5.5 and 4 the days after"
    );
    assert_eq!(
        a.sentence(),
        "On the 3 days you tagged poor sleep your pain averaged 5.8; on the 27 other days 4.0."
    );
    assert_eq!(
        a.next_day_sentence().as_deref(),
        Some(
            "The day after, pain averaged 5.2 (over 3 days) and 4.0 after the other days (over 26 days)."
        )
    );
    for line in context_report(&days, FROM, TO).lines() {
        for word in ["cause", "because", "due to", "led to", "makes"] {
            assert!(!line.contains(word), "{line}");
        }
    }
}

#[test]
fn a_treatment_is_worded_as_noted() {
    let mut days = plain(FROM, 10);
    for d in &mut days[..4] {
        d.took.push("ibuprofen".into());
        d.pain = 5.0;
    }
    let to = FROM + Duration::days(9);
    let report = context_report(&days, FROM, to);
    assert_eq!(
        report.treatments[0].sentence(),
        "On the 4 days you noted ibuprofen your pain averaged 5.0; on the 6 other days 4.0."
    );
    let json = serde_json::to_value(&report).expect("json");
    let keys: Vec<&String> = json["treatments"][0]
        .as_object()
        .expect("object")
        .keys()
        .collect();
    for key in [
        "name",
        "days_with",
        "days_without",
        "pain_with",
        "pain_without",
        "pain_next_day_with",
        "pain_next_day_without",
    ] {
        assert!(keys.iter().any(|k| *k == key), "{key} in {keys:?}");
    }
}

#[test]
fn places_are_counted_per_half_from_the_first_check_in() {
    // Check-ins from Nov 11 only: the halves are Nov 11–20 and 21–30.
    let mut days = plain(date!(2026 - 11 - 11), 20);
    days[0].regions = vec![Region::LowerBack, Region::BelowKneeLeft];
    days[1].regions = vec![Region::LowerBack];
    for i in [12, 14, 16, 18] {
        days[i].regions = vec![Region::BelowKneeRight, Region::LowerBack];
    }
    let report = context_report(&days, FROM, TO);
    let halves = report.location_halves.as_ref().expect("halves");
    assert_eq!(
        (halves.first_from.as_str(), halves.first_to.as_str()),
        ("2026-11-11", "2026-11-20")
    );
    assert_eq!(halves.second_from, "2026-11-21");
    let regions: Vec<Region> = report.locations.iter().map(|r| r.region).collect();
    assert_eq!(
        regions,
        [
            Region::LowerBack,
            Region::BelowKneeLeft,
            Region::BelowKneeRight
        ]
    );
    let back = &report.locations[0];
    assert_eq!(back.days, 6);
    assert_eq!(back.share_first_half, Some(0.2));
    assert_eq!(back.share_second_half, Some(0.4));
    let json = serde_json::to_value(back).expect("json");
    assert_eq!(json["region"], "lower-back");
    assert_eq!(
        back.sentence(),
        "Lower back: marked on 6 days; on 20 % of the days with a check-in in the first half of the window and 40 % in the second."
    );
    let below = &report.below_knee;
    assert_eq!(below.trend, Trend::MoreOften);
    assert_eq!((below.days_first_half, below.days_second_half), (1, 4));
    assert_eq!(
        below.sentence().as_deref(),
        Some(
            "Pain below the knee was marked on 1 of 10 days with a check-in in the first half of the window and 4 of 10 in the second: more often lately."
        )
    );
}

#[test]
fn below_the_knee_is_about_the_same_less_often_or_too_soon_to_tell() {
    let trend = |first: &[usize], second: &[usize], n: i64| {
        let mut days = plain(FROM, n);
        let half = (n / 2) as usize;
        for &i in first {
            days[i].regions = vec![Region::BelowKneeLeft];
        }
        for &i in second {
            days[half + i].regions = vec![Region::BelowKneeLeft];
        }
        context_report(&days, FROM, FROM + Duration::days(n - 1))
            .below_knee
            .trend
    };
    assert_eq!(trend(&[], &[], 20), Trend::NotMarked);
    assert_eq!(trend(&[0, 1], &[0, 1], 20), Trend::AboutTheSame);
    assert_eq!(trend(&[0, 1, 2, 3], &[0], 20), Trend::LessOften);
    assert_eq!(trend(&[0], &[0, 1, 2, 3], 20), Trend::MoreOften);
    assert_eq!(trend(&[0], &[], 4), Trend::TooFewDays);
    assert_eq!(
        context_report(&[], FROM, TO).below_knee.sentence(),
        None,
        "nothing marked, nothing said"
    );
}
