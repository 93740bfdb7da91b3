//! `ordo.yaml`: the ledger's timezone, working calendars, people, roles, workflows,
//! SLA policies and check settings (DESIGN 1.1, 2, 4).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::due::{Anchor, DueRule};
use super::duration::Duration;
use super::enums::{Channel, Kind, OneOrMany, Priority, Weekday};

/// The ledger configuration, `ordo.yaml` at the ledger's root.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ordo ledger configuration (ordo.yaml)")]
pub struct Config {
    /// The company keeping the ledger.
    #[schemars(example = &"Example Trading Co.")]
    pub name: String,
    /// IANA timezone; every date and date-time without an offset is in it.
    #[schemars(example = &"Asia/Shanghai")]
    pub timezone: String,
    /// The ledger's currency; credit limits are in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"CNY", pattern(super::pattern::CURRENCY_PATTERN))]
    pub currency: Option<String>,
    /// The workflow of orders that name none.
    pub default_workflow: String,
    /// How order ids are made: {yyyy}, {yy}, {mm}, {customer} and {seq:N} (a counter
    /// per customer per month, N digits wide).
    #[serde(default = "default_id_format")]
    #[schemars(example = &"{yyyy}{mm}-{customer}-{seq:3}")]
    pub id_format: String,
    /// Working calendars by name; `default` is used unless a rule names another.
    pub calendars: BTreeMap<String, Calendar>,
    /// Everyone who acts on orders, by short name (used in `owner` and `by`).
    pub people: BTreeMap<String, Person>,
    /// Roles that may act for other roles (e.g. a sales director can do what a sales
    /// manager does).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, Role>,
    /// Workflows by name.
    pub workflows: BTreeMap<String, Workflow>,
    /// Service-level policies measured by `ordo sla`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sla: Vec<SlaPolicy>,
    /// Credit control: the step that approves an order over the customer's limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Credit>,
    /// Who reviews structural amendments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendments: Option<AmendmentPolicy>,
    /// Decimals of each currency's minor unit, where they differ from ISO 4217
    /// (installment amounts are rounded to them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(example = serde_json::json!({"JPY": 0, "KWD": 3}))]
    pub minor_units: BTreeMap<String, u32>,
    /// Severity per finding code: error, warning or off.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(example = serde_json::json!({"verbal-unconfirmed": "error"}))]
    pub checks: BTreeMap<String, Level>,
}

pub fn default_id_format() -> String {
    "{yyyy}{mm}-{customer}-{seq:3}".to_owned()
}

/// A finding's severity as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// A working calendar (DESIGN 3.1).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Working calendar")]
pub struct Calendar {
    /// The days of the week that are not worked.
    #[serde(default = "default_weekend")]
    #[schemars(example = serde_json::json!(["sat", "sun"]))]
    pub weekend: Vec<Weekday>,
    /// Working hours of a working day, for working-hour SLAs.
    #[serde(default = "default_hours")]
    pub hours: WorkingHours,
    /// The years whose holidays are listed: working-time arithmetic outside them is
    /// an error, never a guess.
    #[schemars(example = serde_json::json!([2025, 2026]))]
    pub years: Vec<i32>,
    /// Public holidays: single days or inclusive ranges `FIRST..LAST`.
    #[serde(default)]
    #[schemars(example = serde_json::json!(["2026-01-01", "2026-10-01..2026-10-07"]))]
    pub holidays: Vec<DayOrRange>,
    /// Make-up working days that fall on a weekend.
    #[serde(default)]
    #[schemars(example = serde_json::json!(["2026-10-10"]))]
    pub workdays: Vec<NaiveDate>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

fn default_hours() -> WorkingHours {
    WorkingHours {
        open: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        close: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
    }
}

/// Daily working hours, `HH:MM-HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl FromStr for WorkingHours {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not working hours such as 09:00-18:00");
        let (open, close) = text.split_once('-').ok_or_else(bad)?;
        let open = NaiveTime::parse_from_str(open.trim(), "%H:%M").map_err(|_| bad())?;
        let close = NaiveTime::parse_from_str(close.trim(), "%H:%M").map_err(|_| bad())?;
        if close <= open {
            return Err(format!("`{text}`: closing time must be after opening time"));
        }
        Ok(WorkingHours { open, close })
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.open.format("%H:%M"),
            self.close.format("%H:%M")
        )
    }
}

/// A holiday: one day or an inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOrRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl FromStr for DayOrRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| format!("`{}` is not a date (YYYY-MM-DD)", s.trim()))
        };
        match text.split_once("..") {
            Some((first, last)) => {
                let (first, last) = (day(first)?, day(last)?);
                if last < first {
                    return Err(format!("`{text}`: the range ends before it starts"));
                }
                Ok(DayOrRange { first, last })
            }
            None => {
                let d = day(text)?;
                Ok(DayOrRange { first: d, last: d })
            }
        }
    }
}

impl fmt::Display for DayOrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

macro_rules! text_serde {
    ($ty:ty, $name:literal, $schema:tt) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

text_serde!(WorkingHours, "WorkingHours", {
    "type": "string",
    "description": "Daily working hours, HH:MM-HH:MM.",
    "pattern": r"^\s*[0-2][0-9]:[0-5][0-9]\s*-\s*[0-2][0-9]:[0-5][0-9]\s*$",
    "examples": ["09:00-18:00"]
});

text_serde!(DayOrRange, "DayOrRange", {
    "type": "string",
    "description": "A day (YYYY-MM-DD) or an inclusive range of days (YYYY-MM-DD..YYYY-MM-DD).",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$",
    "examples": ["2026-01-01", "2026-10-01..2026-10-07"]
});

/// Someone who acts on orders.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Person", example = serde_json::json!({"name": "Alice Wang", "email": "alice@example.com", "roles": ["sales"]}))]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Email address: calendar invitations, and `--by` defaults to the person whose
    /// email matches `git config user.email`.
    #[schemars(email)]
    pub email: String,
    /// The roles this person holds.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// A role's description and the roles it may act for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Role")]
pub struct Role {
    /// What the role is called in the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Roles whose steps this role may also mark done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts_for: Vec<String>,
}

/// A workflow: the ordered steps an order goes through (DESIGN 2).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Workflow")]
pub struct Workflow {
    /// What the workflow is for.
    pub title: String,
    /// The step that records delivery to the customer, for the on-time delivery
    /// rate of `ordo monthly` (compared with `requested_delivery`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_step: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A milestone of an order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Step",
    example = serde_json::json!({
        "id": "ORD-08", "title": "Production completed", "role": "purchasing",
        "requires": ["ORD-04"], "due": {"after": "ORD-04", "offset": "contract.production_time"},
        "notify": ["purchasing-manager", "sales-manager"], "remind": "1wd"
    })
)]
pub struct Step {
    /// The step's id, unique in its workflow; orders record steps under it.
    #[schemars(pattern(r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    /// What has happened when the step is done.
    pub title: String,
    /// The role whose people may mark the step done.
    pub role: String,
    /// Steps that must be done or skipped first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// When the step falls due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueRule>,
    /// Roles or people invited to the step's calendar event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
    /// How long before the due date to remind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind: Option<Duration>,
    /// The step applies only to orders matching every entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// The step applies only to orders that record it (e.g. a credit approval,
    /// which the `credit-limit` check asks for when an order goes over the limit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A condition on order fields; every entry given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Condition", example = serde_json::json!({"kind": "custom"}))]
pub struct When {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OneOrMany<Kind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<OneOrMany<Priority>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<OneOrMany<Channel>>,
    /// Customer codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<OneOrMany<String>>,
    /// Owners (people keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<OneOrMany<String>>,
    /// Workflow names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<OneOrMany<String>>,
}

/// A service-level policy (DESIGN 4).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "SLA policy",
    example = serde_json::json!({
        "id": "processing", "title": "Order processed", "start": "received", "stop": "review",
        "clock": "working", "target": {"normal": "24h", "special": "12h", "urgent": "2h"}
    })
)]
pub struct SlaPolicy {
    /// The policy's id, unique in the ledger.
    pub id: String,
    /// What the policy promises.
    pub title: String,
    /// Where the clock starts: an anchor (section 3.2). Ignored with `per: incident`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Anchor>,
    /// Where the clock stops: a step id (its done) or any anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<Anchor>,
    /// `incident`: measure each incident from `opened` to `resolved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<SlaUnit>,
    /// Working hours of the calendar, or elapsed calendar time.
    pub clock: Clock,
    /// The working calendar of a working clock; `default` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// The target: one duration, or one per priority.
    pub target: SlaTarget,
    /// The policy applies only to matching orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
}

/// What an SLA measures besides whole orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SlaUnit {
    Incident,
}

/// How an SLA clock counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// Only the working hours of the calendar.
    Working,
    /// Elapsed time.
    Calendar,
}

/// An SLA target for every order, or per priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SlaTarget {
    All(Duration),
    ByPriority(PriorityTargets),
}

/// Targets per priority; a priority left out is not measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PriorityTargets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent: Option<Duration>,
}

impl SlaTarget {
    pub fn for_priority(&self, priority: Priority) -> Option<&Duration> {
        match self {
            SlaTarget::All(d) => Some(d),
            SlaTarget::ByPriority(p) => match priority {
                Priority::Normal => p.normal.as_ref(),
                Priority::Special => p.special.as_ref(),
                Priority::Urgent => p.urgent.as_ref(),
            },
        }
    }

    pub fn durations(&self) -> Vec<&Duration> {
        Priority::ALL
            .iter()
            .filter_map(|p| self.for_priority(*p))
            .collect()
    }
}

/// Credit control (SOP: over the credit limit needs the sales director's approval).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Credit {
    /// The step that must be done when an order takes the customer over its limit.
    pub approval_step: String,
}

/// Structural amendments are reviewed again (SOP: like a non-standard order).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct AmendmentPolicy {
    /// The role whose people may record the review of a structural amendment.
    pub review_role: String,
}

impl Config {
    /// The decimals installments of an order in `currency` are rounded to (the
    /// ledger's currency when the order names none).
    pub fn decimals_of(&self, currency: Option<&str>) -> u32 {
        let currency = currency.or(self.currency.as_deref()).unwrap_or("");
        self.minor_units
            .get(currency)
            .copied()
            .unwrap_or_else(|| super::money::iso_minor_unit(currency))
            .min(super::money::MAX_DECIMALS)
    }

    /// The workflow an order follows.
    pub fn workflow_of(&self, name: Option<&str>) -> Option<(&str, &Workflow)> {
        let name = name.unwrap_or(&self.default_workflow);
        self.workflows
            .get_key_value(name)
            .map(|(k, w)| (k.as_str(), w))
    }

    /// The people who hold `role` themselves (not through `acts_for`): the ones a
    /// step of that role is put to.
    pub fn holders(&self, role: &str) -> Vec<&str> {
        self.people
            .iter()
            .filter(|(_, person)| person.roles.iter().any(|r| r == role))
            .map(|(key, _)| key.as_str())
            .collect()
    }

    /// Everyone who may act in `role`, directly or through `acts_for`.
    pub fn who_may_act_as(&self, role: &str) -> Vec<&str> {
        self.people
            .keys()
            .filter(|p| self.may_act_as(p, role))
            .map(String::as_str)
            .collect()
    }

    /// Whether `person` may act in `role`, directly or through `acts_for`.
    pub fn may_act_as(&self, person: &str, role: &str) -> bool {
        let Some(person) = self.people.get(person) else {
            return false;
        };
        person
            .roles
            .iter()
            .any(|held| self.role_covers(held, role, 0))
    }

    fn role_covers(&self, held: &str, wanted: &str, depth: usize) -> bool {
        if held == wanted {
            return true;
        }
        if depth > self.roles.len() {
            return false;
        }
        self.roles.get(held).is_some_and(|r| {
            r.acts_for
                .iter()
                .any(|other| self.role_covers(other, wanted, depth + 1))
        })
    }

    /// Every role named anywhere: held by people or declared under `roles`.
    pub fn known_roles(&self) -> std::collections::BTreeSet<&str> {
        self.people
            .values()
            .flat_map(|p| p.roles.iter().map(String::as_str))
            .chain(self.roles.keys().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_parse() {
        let hours: WorkingHours = "09:00-18:00".parse().expect("valid");
        assert_eq!(hours.to_string(), "09:00-18:00");
        assert!("18:00-09:00".parse::<WorkingHours>().is_err());
        assert!("9-18".parse::<WorkingHours>().is_err());
    }

    #[test]
    fn holidays_are_days_or_ranges() {
        let range: DayOrRange = "2026-10-01..2026-10-07".parse().expect("range");
        assert_eq!(range.last.to_string(), "2026-10-07");
        let day: DayOrRange = "2026-01-01".parse().expect("day");
        assert_eq!(day.first, day.last);
        assert!("2026-10-07..2026-10-01".parse::<DayOrRange>().is_err());
        assert!("2026-02-30".parse::<DayOrRange>().is_err());
    }
}
