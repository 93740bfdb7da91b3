use super::*;
use crate::model::config::{DayOrRange, WorkingHours};
use crate::model::enums::Weekday;
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Mainland China 2026 around National Day: 1-7 Oct off, Sat 10 Oct worked.
fn china() -> WorkCalendar {
    let calendar = Calendar {
        weekend: vec![Weekday::Sat, Weekday::Sun],
        hours: "09:00-18:00".parse::<WorkingHours>().expect("hours"),
        years: vec![2026],
        holidays: vec![
            "2026-09-25..2026-09-27"
                .parse::<DayOrRange>()
                .expect("range"),
            "2026-10-01..2026-10-07"
                .parse::<DayOrRange>()
                .expect("range"),
            "2026-02-15..2026-02-23"
                .parse::<DayOrRange>()
                .expect("range"),
        ],
        workdays: vec![
            date("2026-09-20"),
            date("2026-10-10"),
            date("2026-02-14"),
            date("2026-02-28"),
        ],
    };
    WorkCalendar::new("default", &calendar, "Asia/Shanghai".parse().expect("tz"))
}

fn new_york() -> WorkCalendar {
    let calendar = Calendar {
        weekend: vec![Weekday::Sat, Weekday::Sun],
        hours: "09:00-17:00".parse::<WorkingHours>().expect("hours"),
        years: vec![2026],
        holidays: vec![],
        workdays: vec![],
    };
    WorkCalendar::new("ny", &calendar, "America/New_York".parse().expect("tz"))
}

#[test]
fn working_days_skip_weekends_and_holidays_and_count_make_up_days() {
    let cal = china();
    for (start, n, expected) in [
        ("2026-09-30", 0, "2026-09-30"), // a Wednesday, worked
        ("2026-10-01", 0, "2026-10-08"), // +0wd on a holiday: the next working day
        ("2026-09-30", 1, "2026-10-08"), // holidays 1-7 Oct
        ("2026-10-08", 2, "2026-10-10"), // Thu 8 -> Fri 9 -> Sat 10 (made up)
        ("2026-10-09", 1, "2026-10-10"),
        ("2026-10-10", 1, "2026-10-12"), // Sun 11 is off
        ("2026-11-20", 1, "2026-11-23"), // Friday -> Monday
        ("2026-11-21", 0, "2026-11-23"), // Saturday, +0wd
        ("2026-02-13", 1, "2026-02-14"), // Sat 14 Feb is a make-up workday
        ("2026-02-14", 1, "2026-02-24"), // Spring Festival 15-23 Feb
    ] {
        assert_eq!(
            cal.add_working_days(date(start), n),
            Ok(date(expected)),
            "{start} +{n}wd"
        );
    }
    assert_eq!(
        cal.sub_working_days(date("2026-10-08"), 1),
        Ok(date("2026-09-30"))
    );
    assert_eq!(
        cal.sub_working_days(date("2026-10-04"), 0),
        Ok(date("2026-09-30"))
    );
    assert_eq!(cal.roll(date("2026-10-03"), true), Ok(date("2026-10-08")));
    assert_eq!(cal.roll(date("2026-10-03"), false), Ok(date("2026-09-30")));
}

#[test]
fn leaving_the_covered_years_is_an_error_naming_calendar_and_year() {
    let cal = china();
    let error = cal
        .add_working_days(date("2026-12-30"), 5)
        .expect_err("2027 is not covered");
    assert_eq!(error.calendar(), "default");
    assert!(matches!(
        error,
        CalendarError::OutOfRange { year: 2027, .. }
    ));
    assert_eq!(
        error.to_string(),
        "calendar `default` does not cover 2027 (its years: 2026)"
    );
}

#[test]
fn a_calendar_without_working_days_gives_up_instead_of_guessing() {
    let every_day: Vec<Weekday> = vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let calendar = Calendar {
        weekend: every_day,
        hours: WorkingHours {
            open: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            close: NaiveTime::from_hms_opt(18, 0, 0).expect("time"),
        },
        years: (2026..=2040).collect(),
        holidays: Vec::new(),
        workdays: Vec::new(),
    };
    let cal = WorkCalendar::new("closed", &calendar, chrono_tz::Asia::Shanghai);
    let from = date("2026-03-02");
    for n in [0, 1, 30, 5000, 100_000] {
        assert_eq!(
            cal.add_working_days(from, n),
            Err(CalendarError::NoWorkingTime {
                calendar: "closed".into(),
                from
            }),
            "+{n}wd"
        );
    }
    let start = cal.window(from).0;
    assert!(matches!(
        cal.add_working_minutes(start, 60),
        Err(CalendarError::NoWorkingTime { .. })
    ));
    // Long counts on a real calendar are counted, not cut short.
    let china = china();
    let far = WorkCalendar {
        years: (2026..=2060).map(|y| (y, OnceLock::new())).collect(),
        ..china
    };
    let a = far.add_working_days(from, 5000).expect("counted");
    let b = far.add_working_days(from, 6000).expect("counted");
    assert!(b > a, "{a} {b}");
}

#[test]
fn working_hours_end_at_closing_time_on_the_same_day() {
    let cal = china();
    let tz = cal.tz;
    let at = |s: &str| {
        local(
            tz,
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("dt"),
        )
    };
    // 4 working hours from 14:00 end exactly at 18:00 that day.
    assert_eq!(
        cal.add_working_minutes(at("2026-11-20 14:00"), 240),
        Ok(at("2026-11-20 18:00"))
    );
    // One minute more rolls over the weekend to Monday 09:01.
    assert_eq!(
        cal.add_working_minutes(at("2026-11-20 14:00"), 241),
        Ok(at("2026-11-23 09:01"))
    );
    // Received at night: the clock starts at the next opening.
    assert_eq!(
        cal.add_working_minutes(at("2026-11-19 22:00"), 120),
        Ok(at("2026-11-20 11:00"))
    );
    // Across the National Day holidays.
    assert_eq!(
        cal.add_working_minutes(at("2026-09-30 17:00"), 120),
        Ok(at("2026-10-08 10:00"))
    );
    assert_eq!(
        cal.sub_working_minutes(at("2026-10-08 10:00"), 120),
        Ok(at("2026-09-30 17:00"))
    );
    assert_eq!(
        cal.working_time_between(at("2026-09-30 17:00"), at("2026-10-08 10:00")),
        Ok(Span::hours(2))
    );
    assert_eq!(
        cal.working_time_between(at("2026-10-09 17:00"), at("2026-10-12 10:00")),
        Ok(Span::hours(11)),
        "Fri 1h + Sat (made up) 9h + Mon 1h"
    );
}

#[test]
fn working_hours_are_dst_safe() {
    let cal = new_york();
    let tz = cal.tz;
    let at = |s: &str| {
        local(
            tz,
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("dt"),
        )
    };
    // Clocks go forward on Sunday 8 March 2026: Friday 16:00 + 2 working hours is
    // Monday 10:00 local, 65 elapsed hours later rather than 66.
    let end = cal
        .add_working_minutes(at("2026-03-06 16:00"), 120)
        .expect("in range");
    assert_eq!(end, at("2026-03-09 10:00"));
    assert_eq!((end - at("2026-03-06 16:00")).num_hours(), 65);
    assert_eq!(
        cal.working_time_between(at("2026-03-06 16:00"), end),
        Ok(Span::hours(2))
    );
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..300).prop_map(|n| date("2026-01-05") + Span::days(n))
}

proptest! {
    #[test]
    fn adding_working_days_is_monotonic(start in any_day(), n in 0u32..20) {
        let cal = china();
        let a = cal.add_working_days(start, n).expect("in range");
        let b = cal.add_working_days(start, n + 1).expect("in range");
        // From a non-working day +0wd and +1wd are the same day.
        let ordered = if n == 0 { b >= a } else { b > a };
        prop_assert!(ordered);
        prop_assert!(a >= start);
    }

    #[test]
    fn adding_working_days_lands_on_a_working_day(start in any_day(), n in 0u32..20) {
        let cal = china();
        let day = cal.add_working_days(start, n).expect("in range");
        prop_assert!(cal.is_working_day(day).expect("in range"));
    }

    #[test]
    fn counting_back_returns_the_start(start in any_day(), n in 1u32..20) {
        let cal = china();
        prop_assume!(cal.is_working_day(start).expect("in range"));
        let day = cal.add_working_days(start, n).expect("in range");
        prop_assert_eq!(cal.sub_working_days(day, n).expect("in range"), start);
    }

    #[test]
    fn working_minutes_round_trip(start in any_day(), minutes in 1i64..5000) {
        let cal = china();
        let (open, _) = cal.window(cal.roll(start, true).expect("in range"));
        let end = cal.add_working_minutes(open, minutes).expect("in range");
        prop_assert_eq!(cal.working_time_between(open, end).expect("in range"), Span::minutes(minutes));
    }
}

#[test]
fn every_day_of_a_year_worked_out_once_is_the_day_its_rules_give() {
    for cal in [china(), new_york()] {
        let first = date("2026-01-01");
        for day in first.iter_days().take_while(|d| d.year() == 2026) {
            assert_eq!(cal.is_working_day(day), Ok(cal.works_on(day)), "{day}");
            assert_eq!(cal.window(day), cal.hours_of(day), "{day}");
        }
        // Outside its years a day's hours are converted, not looked up.
        let later = date("2027-03-14");
        assert_eq!(cal.window(later), cal.hours_of(later));
    }
}
