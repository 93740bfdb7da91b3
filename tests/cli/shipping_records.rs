//! Shipping records as SOP 004 keeps them: a shipment's expected delivery
//! (`eta`, told to the customer with the tracking number) and a logistics
//! exception's cause and what the customer was told, on the order's 物流异常记录表.

use crate::support::{example_copy, run_in};

#[test]
fn the_logistics_exception_form_shows_eta_cause_and_the_customers_update() {
    let copy = example_copy();
    let run = run_in(
        copy.path(),
        &[
            "--as-of",
            "2026-11-20T12:00",
            "--lang",
            "zh-CN",
            "site",
            "-o",
            "_site",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let page = std::fs::read_to_string(copy.path().join("_site/orders/202603-ABC-004.html"))
        .expect("page");
    let form = &page[page.find("物流异常记录表").expect("the form")..];
    for text in [
        "<th scope=\"col\">预计送达时间</th>",
        "<th scope=\"col\">异常原因</th>",
        "<th scope=\"col\">客户沟通情况</th>",
        "<td>2026-09-26</td>",
        "<td>address changed by the customer after the waybill was printed</td>",
        "<td>SF re-routes to the new address; delivery a day later</td>",
    ] {
        assert!(form.contains(text), "{text} not in {form}");
    }
    let show = run_in(
        copy.path(),
        &[
            "--as-of",
            "2026-11-20",
            "show",
            "202603-ABC-004",
            "--format",
            "json",
        ],
    );
    let order: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    assert_eq!(order["order"]["shipment"]["eta"], "2026-09-26");
    assert_eq!(
        order["order"]["incidents"][0]["responded"],
        "2026-09-25T10:30:00+08:00"
    );
}
