//! Table tests of the due-date engine on small ledgers written as YAML: the ERP
//! payment rule families, the documented examples, bases, month ends, leap years and
//! make-up workdays.

use super::calendar::CalendarError;
use super::due::{Basis, Calendars, DueEngine, DueError};
use super::schedule::{Schedule, StepState};
use crate::model::{Config, Order};
use crate::test_kit::load;

const CONFIG: &str = r#"
name: Test
timezone: Asia/Shanghai
default_workflow: w
calendars:
  default:
    years: [2016, 2026]
    holidays: [2026-10-01..2026-10-07, 2016-02-08..2016-02-12]
    workdays: [2026-10-10, 2016-02-06]
  factory:
    weekend: [sun]
    years: [2026]
    holidays: [2026-10-01..2026-10-07]
people:
  a: {name: A, email: a@x.example, roles: [r]}
workflows:
  w:
    title: W
    steps:
      - {id: S1, title: One, role: r, due: {after: received}}
      - {id: S2, title: Two, role: r, requires: [S1], due: {after: contract.signed, offset: 2wd}}
      - {id: S3, title: Three, role: r, requires: [S2], due: {after: dates.pdca_sent, offset: 3d}}
      - {id: S4, title: Four, role: r, requires: [S3], due: {after: S3, offset: contract.production_time}}
      - {id: S5, title: Five, role: r, requires: [S4], due: {after: S4, offset: 25wd, calendar: factory}}
      - {id: S6, title: Six, role: r, requires: [S4], due: {before: requested_delivery, offset: 10d, roll: preceding}}
      - {id: S7, title: Seven, role: r, requires: [S6], due: {payment: balance}}
      - {id: S8, title: Eight, role: r, requires: [S7], when: {kind: custom}, due: {after: S7}}
      - {id: S9, title: Nine, role: r, requires: [S7], due: {after: S8}}
"#;

fn order(extra: &str) -> Order {
    load(&format!(
        "id: X\ncustomer: C\nowner: a\nreceived: 2026-09-28T10:00\nchannel: email\n{extra}"
    ))
}

fn due(order: &Order, step: &str) -> (String, String) {
    let config: Config = load(CONFIG);
    let calendars = Calendars::new(&config, "Asia/Shanghai".parse().expect("tz"));
    let (name, workflow) = config.workflow_of(None).expect("workflow");
    let engine = DueEngine::new(order, name, workflow, &calendars).explaining();
    let computed = engine.step_due(step).expect("computes");
    (
        computed.point.map(|p| p.to_string()).unwrap_or_default(),
        computed.basis.label(),
    )
}

fn installment(terms: &str, name: &str) -> Result<String, DueError> {
    let config: Config = load(CONFIG);
    let calendars = Calendars::new(&config, "Asia/Shanghai".parse().expect("tz"));
    let order = order(&format!(
        "contract:\n  signed: 2016-01-22\n  payment_terms:\n{terms}"
    ));
    let (wf_name, workflow) = config.workflow_of(None).expect("workflow");
    let engine = DueEngine::new(&order, wf_name, workflow, &calendars);
    engine
        .installment_due(name)
        .map(|c| c.point.map(|p| p.to_string()).unwrap_or_default())
}

#[test]
fn erp_payment_rule_families_give_the_erp_answers() {
    // Invoice (anchor) dated 2016-01-22, a leap year.
    for (rule, expected) in [
        // N days after invoice.
        ("{after: contract.signed, offset: 30d}", "2016-02-21"),
        // Month-end N days: N days after the end of the invoice month.
        (
            "{after: contract.signed, from: month-end, offset: 30d}",
            "2016-03-01",
        ),
        // N months after the end of the invoice month.
        (
            "{after: contract.signed, offset: 1mo, to: month-end}",
            "2016-02-29",
        ),
        // N days, then day D of the following month.
        (
            "{after: contract.signed, offset: 30d+1mo, day: 10}",
            "2016-03-10",
        ),
        (
            "{after: contract.signed, offset: 15d+1mo, day: 31}",
            "2016-03-31",
        ),
        // Rolled off a non-working day: 2016-02-07 is a Sunday in the Spring
        // Festival week, whose make-up workday was Saturday 6 February.
        (
            "{after: contract.signed, offset: 16d, roll: following}",
            "2016-02-15",
        ),
        (
            "{after: contract.signed, offset: 16d, roll: preceding}",
            "2016-02-06",
        ),
    ] {
        let terms = format!("    - {{name: net, percent: 100, due: {rule}}}\n");
        assert_eq!(
            installment(&terms, "net").as_deref(),
            Ok(expected),
            "{rule}"
        );
    }
}

#[test]
fn the_design_examples_compute_with_their_basis() {
    let o = order(
        "contract: {signed: 2026-09-29, production_time: 20wd}\ndates: {pdca_sent: 2026-09-30}\nrequested_delivery: 2026-11-15\nsteps:\n  S1: {done: 2026-09-28T10:05, by: a}\n",
    );
    // On the anchor.
    assert_eq!(due(&o, "S1"), ("2026-09-28 10:00".into(), "firm".into()));
    // +2wd from Tue 29 Sep: Wed 30 Sep, then the holidays, then Thu 8 Oct.
    assert_eq!(due(&o, "S2"), ("2026-10-08".into(), "firm".into()));
    // 3 calendar days after dates.pdca_sent.
    assert_eq!(due(&o, "S3"), ("2026-10-03".into(), "firm".into()));
    // S3 is not done: its due date stands in, so S4 is a forecast. 20 working days
    // from Sat 3 Oct (a holiday): 8, 9, 10 (made up), 12-16, 19-23, 26-30 Oct, 2-3 Nov.
    assert_eq!(
        due(&o, "S4"),
        ("2026-11-03".into(), "forecast (via S3)".into())
    );
    // Before requested_delivery (Sun 15 Nov) by 10 days is Thu 5 Nov.
    assert_eq!(due(&o, "S6"), ("2026-11-05".into(), "firm".into()));
}

#[test]
fn another_calendar_counts_its_own_working_days() {
    let o = order("steps:\n  S4: {done: 2026-09-25, by: a}\n");
    // The factory works Saturdays and closes 1-7 Oct: 25 of its working days from
    // Fri 25 Sep are Sat 26 Sep, 28-30 Sep, then 8 Oct to Sat 31 Oct without Sundays.
    assert_eq!(due(&o, "S5"), ("2026-10-31".into(), "firm".into()));
}

#[test]
fn missing_anchors_wait_and_say_for_what() {
    let o = order("");
    assert_eq!(
        due(&o, "S2"),
        (String::new(), "waiting for contract.signed".into())
    );
    assert_eq!(
        due(&o, "S4"),
        (String::new(), "waiting for dates.pdca_sent".into())
    );
    let o = order("dates: {pdca_sent: 2026-09-30}\n");
    assert_eq!(
        due(&o, "S4"),
        (String::new(), "waiting for contract.production_time".into())
    );
    assert_eq!(
        due(&o, "S7"),
        (String::new(), "waiting for installment `balance`".into())
    );
    // S9 hangs on S8, which only custom orders have.
    assert_eq!(
        due(&o, "S9"),
        (
            String::new(),
            "waiting for S8, which does not apply to this order".into()
        )
    );
}

#[test]
fn a_skipped_anchor_lends_its_due_date_without_making_a_forecast() {
    let o = order(
        "dates: {pdca_sent: 2026-09-30}\ncontract: {production_time: 5d}\nsteps:\n  S3: {skipped: no packaging, by: a}\n",
    );
    assert_eq!(due(&o, "S4"), ("2026-10-08".into(), "firm".into()));
}

#[test]
fn leaving_the_calendar_is_an_error() {
    let config: Config = load(CONFIG);
    let calendars = Calendars::new(&config, "Asia/Shanghai".parse().expect("tz"));
    let o = order("contract: {signed: 2026-12-30}\n");
    let (name, workflow) = config.workflow_of(None).expect("workflow");
    let engine = DueEngine::new(&o, name, workflow, &calendars);
    match engine.step_due("S2") {
        Err(DueError::Range {
            error: CalendarError::OutOfRange { calendar, year, .. },
            forecast: false,
        }) => assert_eq!((calendar.as_str(), year), ("default", 2027)),
        other => panic!("expected a calendar range error, got {other:?}"),
    }
}

#[test]
fn schedules_know_ready_and_blocked_steps_and_what_is_owed() {
    let config: Config = load(CONFIG);
    let calendars = Calendars::new(&config, "Asia/Shanghai".parse().expect("tz"));
    let o = order(
        "lines: [{sku: A, qty: 10, unit_price: 12.50}]\ncontract:\n  signed: 2026-09-29\n  payment_terms:\n    - {name: deposit, percent: 30, due: {after: contract.signed, offset: 7d}}\n    - {name: balance, percent: 70, due: {after: S4}}\npayments: [{installment: deposit, amount: 37.50, received: 2026-10-06}]\nsteps:\n  S1: {done: 2026-09-28T10:05, by: a}\n",
    );
    let schedule = Schedule::of(&config, &calendars, &o).expect("workflow exists");
    let state = |id: &str| schedule.line(id).map(|l| l.state.clone());
    assert_eq!(state("S1"), Some(StepState::Done));
    assert_eq!(state("S2"), Some(StepState::Ready));
    assert_eq!(state("S3"), Some(StepState::Blocked(vec!["S2".into()])));
    assert_eq!(state("S8"), None, "S8 applies to custom orders only");
    let owed: Vec<(String, String, String)> = schedule
        .installments
        .iter()
        .map(|i| {
            (
                i.term.name.clone(),
                i.amount.normalize().to_string(),
                i.outstanding.normalize().to_string(),
            )
        })
        .collect();
    assert_eq!(
        owed,
        vec![
            ("deposit".into(), "37.5".into(), "0".into()),
            ("balance".into(), "87.5".into(), "87.5".into())
        ]
    );
    assert_eq!(schedule.stage.map(|s| s.id.as_str()), Some("S2"));
    let (line, due) = schedule.next_due().expect("something is due");
    assert_eq!(
        (line.step.id.as_str(), due.basis.clone()),
        ("S2", Basis::Firm)
    );
}
