//! Receivables aged by customer: the buckets' edges, conversion through `fx`,
//! and a currency without a rate named rather than counted 1:1.

use chrono::{NaiveDate, TimeZone};
use rust_decimal::Decimal;

use super::{Age, Owed, by_customer};
use crate::engine::due::Calendars;
use crate::engine::point::Point;
use crate::i18n::Lang;
use crate::model::Config;
use crate::reports::Book;

fn owed(order: &str, customer: &str, currency: &str, amount: i64, due: Option<&str>) -> Owed {
    Owed {
        order: order.into(),
        customer: customer.into(),
        installment: "balance".into(),
        currency: currency.into(),
        outstanding: Decimal::from(amount),
        due: due.map(|d| Point::Day(d.parse::<NaiveDate>().expect("day"))),
        firm: true,
    }
}

#[test]
fn each_bucket_starts_the_day_after_the_last_one_ends() {
    assert_eq!(Age::of(None), Age::NotDue);
    for (days, age) in [
        (0, Age::Late30),
        (30, Age::Late30),
        (31, Age::Late60),
        (60, Age::Late60),
        (61, Age::Late90),
        (90, Age::Late90),
        (91, Age::Over90),
    ] {
        assert_eq!(Age::of(Some(days)), age, "{days} days late");
    }
}

#[test]
fn a_customer_owes_its_installments_aged_and_converted_and_names_what_it_cannot_convert() {
    let config: Config = crate::test_kit::config("currency: CNY\nfx:\n  USD: 7.10\n");
    let tz = chrono_tz::Asia::Shanghai;
    let calendars = Calendars::new(&config, tz);
    let book = Book {
        config: &config,
        calendars: &calendars,
        tz,
        now: tz
            .with_ymd_and_hms(2026, 12, 5, 23, 59, 59)
            .single()
            .expect("now"),
        lang: Lang::En,
    };
    let all = by_customer(
        &book,
        vec![
            owed("A-1", "A", "CNY", 4400, Some("2026-11-30")), // 5 days late
            owed("A-2", "A", "USD", 100, Some("2026-08-01")),  // 126 days, 710 CNY
            owed("A-3", "A", "CNY", 50, None),                 // not dated yet
            owed("A-4", "A", "CNY", 25, Some("2026-12-20")),   // not due
            owed("A-5", "A", "JPY", 9000, Some("2026-11-01")), // no rate
            owed("B-1", "B", "CNY", 1, Some("2026-10-20")),    // 46 days
            // A forecast date past is not late: what it waits for has not happened.
            Owed {
                firm: false,
                ..owed("B-2", "B", "CNY", 2, Some("2026-10-20"))
            },
        ],
    );
    let a = &all["A"];
    assert_eq!(
        a.by_age,
        [75, 4400, 0, 0, 710].map(Decimal::from),
        "not due, 1–30, 31–60, 61–90, over 90"
    );
    assert_eq!(a.total, Decimal::from(5185));
    assert_eq!(a.left_out, vec!["A-5".to_owned()]);
    // The latest first, undated last; the unconverted one is still listed.
    let order: Vec<&str> = a.items.iter().map(|i| i.owed.order.as_str()).collect();
    assert_eq!(order, ["A-2", "A-5", "A-1", "A-3", "A-4"]);
    assert_eq!(a.items[0].days_late, Some(126));
    assert_eq!(a.items[1].in_ledger, None);
    assert_eq!(all["B"].by_age[Age::Late60 as usize], Decimal::ONE);
    assert_eq!(all["B"].by_age[Age::NotDue as usize], Decimal::TWO);
}
