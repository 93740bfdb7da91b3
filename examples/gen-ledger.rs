//! Writes a realistic synthetic ledger for benchmarks and load tests:
//!
//! ```sh
//! cargo run --release --example gen-ledger -- --orders 100000 --seed 1 --out /tmp/ledger
//! ```
//!
//! Orders (about 2 KB each) follow the example ledger's workflows and people, are
//! spread over 2025 and 2026 and over customers, workflows, channels, priorities
//! and statuses, carry payments, amendments, incidents and holds, and about one in
//! twenty is stuck at a step that is now overdue. The same seed gives the same
//! ledger, and it validates clean. Calendars gain an approximate 2027 so that the
//! forecasts of late-2026 orders stay computable (benchmark data, not a holiday
//! list to rely on).

#![allow(clippy::print_stdout)] // a command-line tool: printing is its output

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use clap::Parser;

#[derive(Parser)]
struct Args {
    /// How many orders.
    #[arg(long)]
    orders: usize,
    /// The random seed: the same seed gives the same ledger.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write (created; must not hold a ledger yet).
    #[arg(long)]
    out: PathBuf,
    /// How many customers (default: one per 500 orders, at least 200). A
    /// customer's open orders must stay within its credit limit: with 200
    /// customers, a million orders put 5,000 on each and took 4,000 of them
    /// over it, so the figures measured 55,000 errors' output.
    #[arg(long)]
    customers: Option<usize>,
}

const CONFIG: &str = include_str!("../example-ledger/ordo.yaml");
/// Nothing in a generated ledger happens after this.
const CUTOFF: &str = "2026-11-18T18:00";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    if args.out.join("ordo.yaml").exists() {
        return Err(format!("{} already holds a ledger", args.out.display()).into());
    }
    std::fs::create_dir_all(args.out.join("customers"))?;
    let customers = args.customers.unwrap_or((args.orders / 500).max(200));
    // Every generated customer's orders are within credit (a limit of its own
    // for one in ten, a default for the rest), so the credit check runs on
    // every order without failing most of them.
    let config = CONFIG
        .replace("years: [2025, 2026]", "years: [2025, 2026, 2027]")
        .replace("  default_limit: 0 ", "  default_limit: 100000000 ")
        .replace(
            "    holidays:\n",
            "    holidays:\n      - 2027-01-01                   # 2027: approximate, benchmark data only\n      - 2027-02-06..2027-02-12\n      - 2027-10-01..2027-10-07\n",
        );
    std::fs::write(args.out.join("ordo.yaml"), config)?;
    for c in 0..customers {
        let code = customer_code(c);
        let limit = if c % 10 == 0 {
            "credit_limit: 100000000.00\n"
        } else {
            ""
        };
        std::fs::write(
            args.out.join(format!("customers/{code}.yaml")),
            format!(
                "code: {code}\nname: Customer {c:04} Ltd.\n{limit}currency: CNY\npayment_terms:\n  - {{name: deposit, percent: 30, due: {{after: contract.signed, offset: 7d}}}}\n  - {{name: balance, percent: 70, due: {{after: ORD-08, offset: 0d}}}}\ncontacts:\n  - {{name: Buyer {c}, email: buyer{c}@customer{c}.example, phone: \"+86 21 5555 {:04}\"}}\ndocuments:\n  - {{kind: qualification, ref: \"https://dms.example.com/customers/{code}/business-licence.pdf\", received: 2024-12-02, by: leo}}\n",
                c % 10000
            ),
        )?;
    }
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut seq: std::collections::HashMap<(String, String), u32> =
        std::collections::HashMap::new();
    let cutoff = NaiveDateTime::parse_from_str(CUTOFF, "%Y-%m-%dT%H:%M")?;
    let start = NaiveDate::from_ymd_opt(2025, 1, 2).ok_or("date")?;
    let span_days = (NaiveDate::from_ymd_opt(2026, 10, 31).ok_or("date")? - start).num_days();
    let mut bytes = 0usize;
    for _ in 0..args.orders {
        let customer = customer_code(rng.usize(0..customers));
        let day = start + Duration::days(rng.i64(0..span_days));
        let received = day
            .and_hms_opt(rng.u32(9..18), rng.u32(0..60), 0)
            .ok_or("time")?;
        let month = received.format("%Y%m").to_string();
        let n = seq.entry((customer.clone(), month.clone())).or_insert(0);
        *n += 1;
        let id = format!("{month}-{customer}-{n:03}");
        let text = order(&mut rng, &id, &customer, received, cutoff)?;
        bytes += text.len();
        let dir = args.out.join(format!("orders/{}", received.format("%Y")));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{id}.yaml")), text)?;
    }
    println!(
        "wrote {} orders ({:.1} MB, {} bytes each on average) and {} customers to {}",
        args.orders,
        bytes as f64 / 1e6,
        bytes / args.orders.max(1),
        customers,
        args.out.display()
    );
    Ok(())
}

fn customer_code(c: usize) -> String {
    format!("C{c:04}")
}

/// The steps of each workflow with who does them and a typical gap in hours
/// before them (min, max).
const MTO: &[(&str, &str, u32, u32)] = &[
    ("ORD-01", "alice", 0, 0),
    ("review", "eric", 1, 6),
    ("design-review", "jack", 4, 30),
    ("review-meeting", "eric", 2, 20),
    ("ORD-02", "carol", 2, 30),
    ("production-instruction", "alice", 1, 4),
    ("production-plan", "jack", 2, 20),
    ("ORD-03", "carol", 24, 170),
    ("ORD-04", "alice", 24, 120),
    ("ORD-05", "erin", 24, 72),
    ("ORD-06", "erin", 24, 96),
    ("ORD-07", "erin", 100, 500),
    ("ORD-08", "erin", 200, 900),
    ("ORD-09", "erin", 1, 24),
    ("ORD-10", "carol", 2, 48),
    ("ORD-11", "carol", 24, 240),
    ("ORD-12", "frank", 2, 48),
    ("ORD-13", "grace", 2, 72),
    ("ORD-14", "grace", 24, 120),
    ("tracking", "grace", 1, 2),
    ("ORD-15", "grace", 48, 400),
    ("followup", "ivy", 2, 30),
    ("ORD-16", "eric", 24, 120),
    ("ORD-17", "alice", 500, 520),
];
const STOCK: &[(&str, &str, u32, u32)] = &[
    ("registered", "bob", 0, 1),
    ("review", "eric", 1, 4),
    ("confirmed", "bob", 1, 3),
    ("picked", "henry", 2, 30),
    ("shipped", "henry", 2, 30),
    ("tracking", "grace", 1, 2),
    ("delivered", "grace", 24, 96),
    ("followup", "ivy", 2, 30),
    ("completed", "eric", 24, 72),
];
const SAMPLE: &[(&str, &str, u32, u32)] = &[
    ("registered", "bob", 0, 1),
    ("review", "eric", 2, 20),
    ("prepared", "henry", 24, 96),
    ("shipped", "henry", 2, 24),
    ("tracking", "grace", 1, 2),
    ("delivered", "grace", 24, 96),
    ("feedback", "bob", 100, 300),
    ("completed", "eric", 2, 48),
];

fn order(
    rng: &mut fastrand::Rng,
    id: &str,
    customer: &str,
    received: NaiveDateTime,
    cutoff: NaiveDateTime,
) -> Result<String, std::fmt::Error> {
    let workflow = match rng.u32(0..10) {
        0..=5 => "make-to-order",
        6..=8 => "stock",
        _ => "sample",
    };
    let custom = workflow == "make-to-order" && rng.u32(0..10) == 0;
    let channels = [
        "email", "email", "email", "phone", "fax", "online", "crm", "verbal", "visit",
    ];
    let channel = channels[rng.usize(0..channels.len())];
    let priority = match rng.u32(0..20) {
        0 => "urgent",
        1..=3 => "special",
        _ => "normal",
    };
    let owner = if rng.bool() { "alice" } else { "bob" };
    let at = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:00+08:00").to_string();
    let date = |t: NaiveDateTime| t.format("%Y-%m-%d").to_string();
    let mut s = String::with_capacity(2400);
    writeln!(s, "# Synthetic order for benchmarks.")?;
    writeln!(
        s,
        "id: {id}\ncustomer: {customer}\nowner: {owner}\nreceived: {}",
        at(received)
    )?;
    writeln!(
        s,
        "channel: {channel}\npriority: {priority}\nkind: {}",
        if custom { "custom" } else { "regular" }
    )?;
    if workflow != "make-to-order" {
        writeln!(s, "workflow: {workflow}")?;
    }
    let delivery_days = match workflow {
        "make-to-order" => rng.i64(90..130),
        _ => rng.i64(4..14),
    };
    let requested = (received + Duration::days(delivery_days)).min(cutoff + Duration::days(25));
    writeln!(s, "requested_delivery: {}\ncurrency: CNY", date(requested))?;
    writeln!(
        s,
        "ship_to: {{name: {customer} warehouse, address: \"{} Industrial Road, Suzhou\", contact: Mr Zhang}}",
        rng.u32(1..999)
    )?;
    writeln!(s, "lines:")?;
    let mut total: i64 = 0;
    let lines = if workflow == "sample" {
        1
    } else {
        rng.usize(2..5)
    };
    for l in 0..lines {
        let qty = if workflow == "sample" {
            2
        } else {
            rng.i64(10..2000)
        };
        let cents = if workflow == "sample" {
            0
        } else {
            rng.i64(100..20000)
        };
        total += qty * cents;
        writeln!(
            s,
            "  - {{sku: P-{:03}, description: Product {l} of the range, qty: {qty}, unit: pcs, unit_price: {}.{:02}}}",
            rng.u32(1..400),
            cents / 100,
            cents % 100
        )?;
    }
    let signed = received + Duration::days(2);
    let (deposit, balance) = {
        let d = (total * 30 + 50) / 100;
        (d, total - d)
    };
    if workflow == "make-to-order" {
        writeln!(
            s,
            "contract:\n  number: SC-{id}\n  signed: {}\n  production_time: {}wd\n  payment_terms:\n    - {{name: deposit, percent: 30, due: {{after: contract.signed, offset: 7d}}}}\n    - {{name: balance, percent: 70, due: {{after: ORD-08, offset: 0d}}}}",
            date(signed),
            rng.u32(20..61)
        )?;
        writeln!(
            s,
            "dates:\n  pdca_sent: {}",
            date(signed + Duration::days(4))
        )?;
    } else if workflow == "stock" {
        writeln!(
            s,
            "contract:\n  payment_terms:\n    - {{name: net, percent: 100, due: {{after: shipped, offset: 30d}}}}"
        )?;
    }

    // How far the order got: older orders are mostly complete; one in twenty is
    // stuck at a step, which makes it overdue.
    let steps = match workflow {
        "make-to-order" => MTO,
        "stock" => STOCK,
        _ => SAMPLE,
    };
    let stuck = rng.u32(0..20) == 0;
    let stop_at = if stuck {
        rng.usize(1..steps.len())
    } else {
        steps.len()
    };
    let mut t = received;
    let mut done = Vec::new();
    writeln!(s, "steps:")?;
    for (i, (step, by, min, max)) in steps.iter().enumerate() {
        if *step == "design-review" && !custom {
            continue;
        }
        // The review meeting is held for orders over 500,000 only.
        if *step == "review-meeting" && total <= 50_000_000 {
            continue;
        }
        if i >= stop_at {
            break;
        }
        t += Duration::hours(i64::from(rng.u32(*min..=*max)));
        if t > cutoff {
            break;
        }
        let when = if rng.u32(0..3) == 0 { date(t) } else { at(t) };
        let planned = if matches!(*step, "ORD-03" | "ORD-08" | "ORD-11") {
            format!(
                "planned: {}, ",
                date(t - Duration::days(i64::from(rng.u32(0..5))))
            )
        } else {
            String::new()
        };
        if *step == "ORD-07" && rng.u32(0..8) == 0 {
            writeln!(
                s,
                "  {step}: {{skipped: packaging unchanged from the last order, by: {by}}}"
            )?;
        } else {
            writeln!(s, "  {step}: {{{planned}done: {when}, by: {by}}}")?;
        }
        done.push((*step, t));
    }
    let done_at = |name: &str| done.iter().find(|(s, _)| *s == name).map(|(_, t)| *t);
    // The confirmation goes out once the order is reviewed (and a custom
    // order's design reviewed): nothing is promised before.
    let reviewed = done_at("design-review")
        .filter(|_| custom)
        .or_else(|| done_at("review"));
    if let Some(t) = reviewed
        .map(|t| t + Duration::hours(1))
        .filter(|t| *t < cutoff)
    {
        writeln!(
            s,
            "confirmation:\n  sent: {}\n  via: email\n  signed: {}",
            at(t),
            date((t + Duration::days(1)).min(cutoff))
        )?;
    }
    let mut payments = Vec::new();
    let money = |cents: i64| format!("{}.{:02}", cents / 100, cents % 100);
    // The deposit arrives before the production instruction, which waits for
    // it (its gate): by the time the contract is signed, else at ORD-03.
    let deposit_at = done_at("production-instruction")
        .and(done_at("ORD-02"))
        .or_else(|| done_at("ORD-03"));
    if let Some(t) = deposit_at {
        payments.push(format!(
            "  - {{installment: deposit, amount: {}, received: {}}}",
            money(deposit),
            at(t)
        ));
    }
    if let Some(t) = done_at("ORD-11") {
        payments.push(format!(
            "  - {{installment: balance, amount: {}, received: {}}}",
            money(balance),
            date(t)
        ));
    }
    if let Some(t) = done_at("completed").filter(|_| workflow == "stock") {
        payments.push(format!(
            "  - {{installment: net, amount: {}, received: {}}}",
            money(total),
            date(t)
        ));
    }
    if !payments.is_empty() {
        writeln!(s, "payments:\n{}", payments.join("\n"))?;
    }
    // A custom order's design review needs the artwork and the specs.
    if let Some(t) = done_at("design-review").filter(|_| custom) {
        writeln!(
            s,
            "documents:\n  - {{kind: artwork, ref: \"https://dms.example.com/{id}/artwork.ai\", received: {at}, by: bob}}\n  - {{kind: specs, ref: \"https://dms.example.com/{id}/specs.pdf\", received: {at}, by: bob}}",
            at = at(t - Duration::hours(1))
        )?;
    }
    // The tracking step records the number it sends (its gate).
    if done_at("tracking").is_some() {
        writeln!(
            s,
            "shipment: {{carrier: SF Express, tracking: \"SF{:010}\"}}",
            rng.u64(0..10_000_000_000)
        )?;
    }
    let first_day = received + Duration::days(1);
    if rng.u32(0..10) == 0 && first_day < cutoff {
        writeln!(
            s,
            "amendments:\n  - at: {}\n    by: {owner}\n    channel: email\n    summary: quantity of the first line changed\n    impact: minor\n    reconfirmed: {}",
            at(first_day),
            date(first_day)
        )?;
    }
    let delivered = done_at("ORD-15").or_else(|| done_at("delivered"));
    if let Some(t) = delivered.filter(|_| rng.u32(0..15) == 0) {
        let opened = t + Duration::hours(20);
        if opened + Duration::hours(60) < cutoff {
            writeln!(
                s,
                "incidents:\n  - kind: complaint\n    opened: {}\n    summary: some pieces arrived scratched\n    resolution: discount\n    resolved: {}",
                at(opened),
                at(opened + Duration::hours(i64::from(rng.u32(2..60))))
            )?;
        }
    }
    if rng.u32(0..30) == 0 && received + Duration::days(3) < cutoff {
        writeln!(
            s,
            "holds:\n  - {{from: {}, to: {}, reason: waiting for the customer's artwork}}",
            at(received + Duration::hours(3)),
            at(received + Duration::days(3))
        )?;
    }
    if done.len() < steps.len() && rng.u32(0..40) == 0 {
        writeln!(
            s,
            "state: cancelled\nstate_reason: the customer withdrew the order"
        )?;
    }
    Ok(s)
}
