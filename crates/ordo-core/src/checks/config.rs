//! `config`: problems in `ordo.yaml` that its schema cannot see: unknown anchors,
//! steps and roles, cycles of due rules, calendars that contradict themselves.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::Datelike;

use crate::engine::updates::cadence_problem;
use crate::finding::{Code, Finding};
use crate::model::Config;
use crate::model::config::{Level, When, Workflow};
use crate::model::due::{Anchor, DueRule};
use crate::model::id_format::IdFormat;
use crate::yaml::Route;

use super::payments::due_rule_problems;

/// Checks the configuration; `customers` are the codes with a file.
pub fn check(rel: &Path, config: &Config, customers: &BTreeSet<String>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |route: Route, message: String, help: Option<String>| {
        let mut finding = Finding::error(Code::Config, rel, message)
            .at(route)
            .label("here");
        finding.help = help;
        out.push(finding);
    };

    if config.timezone.parse::<chrono_tz::Tz>().is_err() {
        push(
            Route::keys(&["timezone"]),
            format!("`{}` is not an IANA timezone", config.timezone),
            Some("use a name such as Asia/Shanghai or Europe/Berlin; no order is checked until the timezone is one".into()),
        );
    }
    if let Err(problem) = IdFormat::parse(&config.id_format) {
        push(Route::keys(&["id_format"]), problem, None);
    }
    if !config.workflows.contains_key(&config.default_workflow) {
        push(
            Route::keys(&["default_workflow"]),
            format!(
                "default workflow `{}` is not defined under `workflows`",
                config.default_workflow
            ),
            None,
        );
    }
    if !config.calendars.contains_key("default") {
        push(
            Route::keys(&["calendars"]),
            "there is no `default` calendar".into(),
            Some(
                "due rules and SLAs use the calendar named `default` unless they name another"
                    .into(),
            ),
        );
    }
    for (name, calendar) in &config.calendars {
        let at = Route::keys(&["calendars", name]);
        if calendar.years.is_empty() {
            push(
                at.clone().key("years"),
                "a calendar must cover at least one year".into(),
                None,
            );
        }
        for (i, holiday) in calendar.holidays.iter().enumerate() {
            for day in [holiday.first, holiday.last] {
                if !calendar.years.contains(&day.year()) {
                    push(
                        at.clone().key("holidays").index(i),
                        format!("holiday {holiday} is outside the calendar's years"),
                        Some(format!(
                            "add {} to `years` once its holidays are all listed",
                            day.year()
                        )),
                    );
                    break;
                }
            }
        }
        let weekend: Vec<chrono::Weekday> =
            calendar.weekend.iter().map(|w| w.to_chrono()).collect();
        for (i, day) in calendar.workdays.iter().enumerate() {
            let route = at.clone().key("workdays").index(i);
            if !calendar.years.contains(&day.year()) {
                push(
                    route.clone(),
                    format!("make-up workday {day} is outside the calendar's years"),
                    None,
                );
            }
            if !weekend.contains(&day.weekday()) {
                push(
                    route,
                    format!("{day} is a {}, already a working day", day.format("%A")),
                    Some("`workdays` lists weekend days that are worked".into()),
                );
            }
        }
    }

    let roles = config.known_roles();
    for (name, role) in &config.roles {
        for (i, other) in role.acts_for.iter().enumerate() {
            if !roles.contains(other.as_str()) {
                push(
                    Route::keys(&["roles", name, "acts_for"]).index(i),
                    format!("role `{other}` is not held by anyone nor declared"),
                    None,
                );
            }
        }
    }

    let all_steps: BTreeSet<&str> = config
        .workflows
        .values()
        .flat_map(|w| w.steps.iter().map(|s| s.id.as_str()))
        .collect();
    for (name, workflow) in &config.workflows {
        check_workflow(config, name, workflow, &roles, customers, &mut push);
    }

    let mut sla_ids = BTreeSet::new();
    for (i, policy) in config.sla.iter().enumerate() {
        let at = Route::root().key("sla").index(i);
        if !sla_ids.insert(policy.id.as_str()) {
            push(
                at.clone().key("id"),
                format!("SLA policy `{}` is defined twice", policy.id),
                None,
            );
        }
        if policy.per.is_none() {
            for (key, anchor) in [("start", &policy.start), ("stop", &policy.stop)] {
                match anchor {
                    None => push(
                        at.clone(),
                        format!("SLA policy `{}` needs a `{key}`", policy.id),
                        Some(
                            "only `per: incident` policies measure from `opened` to `resolved`"
                                .into(),
                        ),
                    ),
                    Some(Anchor::Step(id)) if !all_steps.contains(id.as_str()) => push(
                        at.clone().key(key),
                        format!("`{id}` is not a step of any workflow, nor a known anchor"),
                        None,
                    ),
                    _ => {}
                }
            }
        }
        if let Some(cal) = &policy.calendar
            && !config.calendars.contains_key(cal)
        {
            push(
                at.clone().key("calendar"),
                format!("calendar `{cal}` is not defined"),
                None,
            );
        }
        if policy.per.is_some() && crate::engine::sla::incidents::IncidentStop::of(policy).is_none()
        {
            push(
                at.clone().key("stop"),
                format!(
                    "SLA policy `{}` measures incidents: its clock stops at `responded` or `resolved`",
                    policy.id
                ),
                None,
            );
        }
        if let Some(when) = &policy.when {
            let when_at = at.key("when");
            if policy.per.is_none() {
                incident_kinds_only_per_incident(&when_at, when, &mut push);
            }
            check_when(config, customers, &when_at, when, &mut push);
        }
    }

    if let Some(credit) = &config.credit
        && !all_steps.contains(credit.approval_step.as_str())
    {
        push(
            Route::keys(&["credit", "approval_step"]),
            format!("`{}` is not a step of any workflow", credit.approval_step),
            None,
        );
    }
    if let Some(policy) = &config.amendments
        && !roles.contains(policy.review_role.as_str())
    {
        push(
            Route::keys(&["amendments", "review_role"]),
            format!("role `{}` is not held by anyone", policy.review_role),
            None,
        );
    }
    let mut lowered_id_mismatch = None;
    for (code, level) in &config.checks {
        let route = Route::keys(&["checks", code]);
        match Code::parse(code) {
            None => push(
                route,
                format!("`{code}` is not a finding code"),
                Some(format!(
                    "codes: {}",
                    Code::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            Some(c) if c.is_fatal() && *level != Level::Error => push(
                route,
                format!("`{code}` findings mean a file cannot be used; they are always errors"),
                None,
            ),
            Some(Code::IdMismatch) if *level != Level::Error => lowered_id_mismatch = Some(route),
            Some(_) => {}
        }
    }
    if let Some(route) = lowered_id_mismatch {
        out.push(
            Finding::warning(
                Code::Config,
                rel,
                "`id-mismatch` stays an error: an order whose id is not its file name is left out of every report",
            )
            .at(route)
            .label("has no effect")
            .help("remove this line, and move or rename the files `ordo validate` names"),
        );
    }
    out
}

fn check_workflow(
    config: &Config,
    name: &str,
    workflow: &Workflow,
    roles: &BTreeSet<&str>,
    customers: &BTreeSet<String>,
    push: &mut impl FnMut(Route, String, Option<String>),
) {
    let at = Route::keys(&["workflows", name, "steps"]);
    let ids: HashSet<&str> = workflow.steps.iter().map(|s| s.id.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, step) in workflow.steps.iter().enumerate() {
        let step_at = at.clone().index(i);
        if !seen.insert(step.id.as_str()) {
            push(
                step_at.clone().key("id"),
                format!("step `{}` is defined twice in `{name}`", step.id),
                None,
            );
        }
        if !roles.contains(step.role.as_str()) {
            push(
                step_at.clone().key("role"),
                format!("role `{}` is not held by anyone", step.role),
                Some("give the role to someone under `people`, or declare it under `roles`".into()),
            );
        }
        for (j, required) in step.requires.iter().enumerate() {
            if !ids.contains(&required.as_str()) {
                push(
                    step_at.clone().key("requires").index(j),
                    format!("`{required}` is not a step of `{name}`"),
                    None,
                );
            } else if *required == step.id {
                push(
                    step_at.clone().key("requires").index(j),
                    format!("step `{}` requires itself", step.id),
                    None,
                );
            }
        }
        for (j, problem) in super::done_before::config_problems(step, &|id| ids.contains(id)) {
            push(step_at.clone().key("done_before").index(j), problem, None);
        }
        for (j, problem) in super::documents::config_problems(config, step) {
            push(step_at.clone().key("needs").index(j), problem, None);
        }
        if let Some(problem) = step.updates.as_ref().and_then(cadence_problem) {
            push(step_at.clone().key("updates"), problem, None);
        }
        if let Some(gate) = &step.gate {
            for (j, field) in gate.complete.iter().enumerate() {
                if !crate::engine::gate::is_field(field) {
                    push(
                        step_at.clone().key("gate").key("complete").index(j),
                        format!("`{field}` is not a field a gate can ask for"),
                        Some(format!(
                            "fields: {}, dates.NAME, documents.KIND",
                            crate::engine::gate::FIELDS.join(", ")
                        )),
                    );
                } else if let Some(kind) = field.strip_prefix("documents.")
                    && !config.documents.contains_key(kind)
                {
                    push(
                        step_at.clone().key("gate").key("complete").index(j),
                        format!("`{kind}` is not declared under `documents`"),
                        None,
                    );
                }
            }
            for (j, name) in gate.paid.iter().enumerate() {
                if name.trim().is_empty() {
                    push(
                        step_at.clone().key("gate").key("paid").index(j),
                        "an installment's name, `first`, `last` or `due`".into(),
                        None,
                    );
                }
            }
        }
        for (j, who) in step.notify.iter().enumerate() {
            if !roles.contains(who.as_str()) && !config.people.contains_key(who) {
                push(
                    step_at.clone().key("notify").index(j),
                    format!("`{who}` is neither a role nor a person"),
                    None,
                );
            }
        }
        if let Some(escalate) = &step.escalate {
            let many = matches!(escalate.to, crate::model::enums::OneOrMany::Many(_));
            for (j, who) in escalate.to.values().iter().enumerate() {
                if !roles.contains(who.as_str()) && !config.people.contains_key(who) {
                    let at = step_at.clone().key("escalate").key("to");
                    push(
                        if many { at.index(j) } else { at },
                        format!("`{who}` is neither a role nor a person"),
                        None,
                    );
                }
            }
        }
        if let Some(rule) = &step.due {
            for (key, problem) in due_rule_problems(rule, &|id| ids.contains(id), &[]) {
                let place = if key.is_empty() {
                    step_at.clone().key("due")
                } else {
                    step_at.clone().key("due").key(key)
                };
                push(place, problem, None);
            }
            if let Some(cal) = &rule.calendar
                && !config.calendars.contains_key(cal)
            {
                push(
                    step_at.clone().key("due").key("calendar"),
                    format!("calendar `{cal}` is not defined"),
                    None,
                );
            }
        }
        if let Some(when) = &step.when {
            incident_kinds_only_per_incident(&step_at.clone().key("when"), when, push);
            check_when(config, customers, &step_at.clone().key("when"), when, push);
        }
    }
    for (key, step) in [
        ("delivery_step", &workflow.delivery_step),
        ("review_step", &workflow.review_step),
        ("close", &workflow.close),
    ] {
        if let Some(step) = step
            && !ids.contains(&step.as_str())
        {
            push(
                Route::keys(&["workflows", name, key]),
                format!("`{step}` is not a step of `{name}`"),
                None,
            );
        }
    }
    if let Some(cycle) = due_cycle(workflow) {
        let index = workflow
            .steps
            .iter()
            .position(|s| s.id == cycle[0])
            .unwrap_or(0);
        push(
            at.index(index).key("due"),
            format!(
                "the due rules of `{name}` form a cycle: {}",
                cycle.join(" -> ")
            ),
            Some("each step's due date must come from an anchor that does not depend on it".into()),
        );
    }
}

/// An incident's kind in a `when` that is not a policy's `per: incident`.
fn incident_kinds_only_per_incident(
    at: &Route,
    when: &When,
    push: &mut impl FnMut(Route, String, Option<String>),
) {
    for kind in when.kind.iter().flat_map(|v| v.values()) {
        if let crate::model::enums::KindFilter::Incident(kind) = kind {
            push(
                at.clone().key("kind"),
                format!(
                    "`{}` is an incident's kind: only an SLA policy `per: incident` filters by it",
                    kind.as_str()
                ),
                None,
            );
        }
    }
}

fn check_when(
    config: &Config,
    customers: &BTreeSet<String>,
    at: &Route,
    when: &When,
    push: &mut impl FnMut(Route, String, Option<String>),
) {
    for code in when.customer.iter().flat_map(|v| v.values()) {
        if !customers.contains(code) {
            push(
                at.clone().key("customer"),
                format!("customer `{code}` has no file in customers/"),
                None,
            );
        }
    }
    for owner in when.owner.iter().flat_map(|v| v.values()) {
        if !config.people.contains_key(owner) {
            push(
                at.clone().key("owner"),
                format!("`{owner}` is not one of the people"),
                None,
            );
        }
    }
    for workflow in when.workflow.iter().flat_map(|v| v.values()) {
        if !config.workflows.contains_key(workflow) {
            push(
                at.clone().key("workflow"),
                format!("workflow `{workflow}` is not defined"),
                None,
            );
        }
    }
}

/// A cycle among the steps' due rules (a step's due date anchored, directly or not,
/// on itself), as the list of step ids around it.
pub fn due_cycle(workflow: &Workflow) -> Option<Vec<String>> {
    let edges: BTreeMap<&str, &str> = workflow
        .steps
        .iter()
        .filter_map(|s| match s.due.as_ref().and_then(DueRule::anchor) {
            Some(Anchor::Step(to)) => Some((s.id.as_str(), to.as_str())),
            _ => None,
        })
        .collect();
    // Each step is walked once: a walk stops at a step an earlier walk cleared.
    let mut cleared: HashSet<&str> = HashSet::new();
    for start in edges.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::new();
        let mut node = *start;
        loop {
            if cleared.contains(node) {
                break;
            }
            if let Some(&pos) = on_path.get(node) {
                let mut cycle: Vec<String> = path[pos..].iter().map(|s| (*s).to_owned()).collect();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            on_path.insert(node, path.len());
            path.push(node);
            match edges.get(node) {
                Some(next) => node = next,
                None => break,
            }
        }
        cleared.extend(path);
    }
    None
}
