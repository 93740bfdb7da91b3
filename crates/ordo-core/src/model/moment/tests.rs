use super::*;

#[test]
fn the_hand_reader_agrees_with_chrono_and_the_schema() {
    let dates = [
        "2026-05-06",
        "2024-02-29",
        "2026-02-29",
        "2026-13-01",
        "0000-01-01",
    ];
    let times = [
        "",
        "T10:15",
        " 10:15",
        "t10:15",
        "T10:15:00",
        " 10:15:00",
        "T23:59:59",
        "T24:00",
        "T10:60",
        "T10:15:60",
        "T9:15",
        "T10:15:00.5",
        "T10:15:0",
        "T10:15:00:00",
    ];
    let zones = [
        "",
        "Z",
        "z",
        "+08:00",
        "-05:30",
        "-00:00",
        "+23:59",
        "+24:00",
        "+08:60",
        "+0800",
        "+08",
        " +08:00",
        "+08:00:00",
        "UTC",
    ];
    let mut read_by_hand = 0;
    for date in dates {
        for time in times {
            for zone in zones {
                let text = format!("{date}{time}{zone}");
                let Some(moment) = strict_moment(&text) else {
                    continue;
                };
                read_by_hand += 1;
                assert_eq!(Ok(moment), general_moment(&text), "{text}");
                assert!(MOMENT.is_match(&text), "{text}");
                assert_eq!(TIMESTAMP.is_match(&text), moment.has_time(), "{text}");
            }
        }
    }
    // Dates, local times with and without seconds, and both offset forms.
    assert!(read_by_hand > 30, "{read_by_hand}");
}

#[test]
fn reads_dates_and_date_times() {
    assert!(matches!("2026-05-07".parse(), Ok(Moment::Date(_))));
    assert!(matches!("2026-05-06T10:15".parse(), Ok(Moment::Local(_))));
    assert!(matches!(
        "2026-05-06T10:15:00".parse(),
        Ok(Moment::Local(_))
    ));
    assert!(matches!(
        "2026-05-06T10:15:00+08:00".parse(),
        Ok(Moment::Fixed(_))
    ));
    assert!(matches!(
        "2026-05-06T02:15:00Z".parse(),
        Ok(Moment::Fixed(_))
    ));
}

#[test]
fn impossible_dates_are_named() {
    let error = "2026-02-30".parse::<Moment>().expect_err("no such day");
    assert_eq!(error.0, "`2026-02-30` is not a date on the calendar");
    let error = "2026-02-30T10:00"
        .parse::<Moment>()
        .expect_err("no such day");
    assert_eq!(error.0, "`2026-02-30` is not a date on the calendar");
    assert!("2024-02-29".parse::<Moment>().is_ok());
}

#[test]
fn bad_offsets_are_refused() {
    let error = "2026-05-06T10:15:00+25:00"
        .parse::<Moment>()
        .expect_err("bad offset");
    assert!(error.0.contains("not a valid date-time"), "{}", error.0);
}

#[test]
fn timestamps_need_a_time() {
    assert!("2026-05-06".parse::<Timestamp>().is_err());
    assert!("2026-05-06T09:00".parse::<Timestamp>().is_ok());
}

#[test]
fn local_times_in_a_dst_gap_are_missing() {
    let tz: Tz = "America/New_York".parse().expect("zone");
    let gap: Moment = "2026-03-08T02:30".parse().expect("parses");
    assert_eq!(gap.resolve(tz), Resolved::Missing);
    let fine: Moment = "2026-03-08T03:30".parse().expect("parses");
    assert!(matches!(fine.resolve(tz), Resolved::One(_)));
}

#[test]
fn local_date_follows_the_ledger_zone() {
    let tz: Tz = "Asia/Shanghai".parse().expect("zone");
    let late_utc: Moment = "2026-05-06T20:00:00Z".parse().expect("parses");
    assert_eq!(late_utc.local_date(tz).to_string(), "2026-05-07");
}
