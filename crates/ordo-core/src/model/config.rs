//! `ordo.yaml`: the ledger's timezone, working calendars, people, roles,
//! workflows, SLA policies and check settings. The calendars, workflows and
//! policies have files of their own; they are named from here too.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::sla_policy::{Clock, PriorityTargets, SlaPolicy, SlaTarget, SlaUnit};
pub use super::workflow::{Gate, Step, When, Workflow};
pub use super::working_calendar::{Calendar, DayOrRange, WorkingHours};

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
    /// The language of reports and the site unless `--lang` says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
    /// Where the ledger's files can be read on the repository host, for links
    /// from the site: `{commit}`, `{path}` and `{line}` are filled in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::pattern::web_address"
    )]
    #[schemars(
        example = &"https://github.com/example/orders/blob/{commit}/{path}#L{line}",
        pattern(super::pattern::WEB_ADDRESS_PATTERN)
    )]
    pub repo_url: Option<String>,
    /// Where the site `ordo site` builds is published: every calendar event
    /// links to its order's page there (`{site_url}/orders/ID.html`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::pattern::web_address"
    )]
    #[schemars(
        example = &"https://orders.example.com/ledger/",
        pattern(super::pattern::WEB_ADDRESS_PATTERN)
    )]
    pub site_url: Option<String>,
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
    /// Exchange rates into the ledger's `currency`, for credit exposure: one
    /// rate, or rates by the day each takes effect.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(example = serde_json::json!({"USD": 7.10, "EUR": {"2026-01-01": 7.80, "2026-07-01": 7.95}}))]
    pub fx: BTreeMap<String, super::fx::FxRate>,
    /// Who reviews structural amendments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendments: Option<AmendmentPolicy>,
    /// The kinds of document an order collects (order form, customer PO,
    /// artwork, specs, …), by key; steps name the kinds they need.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(example = serde_json::json!({"artwork": {"title": {"en": "Artwork", "zh-CN": "设计稿"}}}))]
    pub documents: BTreeMap<String, DocumentKind>,
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
    /// What the role is called in the company: one title, or one per
    /// language (`{en: Logistics, zh-CN: 物流}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<super::Title>,
    /// Roles whose steps this role may also mark done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts_for: Vec<String>,
}

/// Credit control (SOP: over the credit limit needs the sales director's approval).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Credit {
    /// The step that must be done when an order takes the customer over its limit.
    pub approval_step: String,
    /// The limit of a customer whose file gives none (0: a new customer's
    /// first order needs the approval); without it, such a customer has no
    /// limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_limit: Option<super::amount::Amount>,
}

/// Structural amendments are reviewed again (SOP: like a non-standard order).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct AmendmentPolicy {
    /// The role whose people may record the review of a structural amendment.
    pub review_role: String,
}

impl Config {
    /// The rate of `currency` into the ledger's currency on `day`: 1 for the
    /// ledger's own (or when the ledger names none), `None` when `fx` has no
    /// rate for it.
    pub fn rate_into_ledger(
        &self,
        currency: Option<&str>,
        day: chrono::NaiveDate,
    ) -> Option<rust_decimal::Decimal> {
        match (currency, self.currency.as_deref()) {
            (None, _) | (_, None) => Some(rust_decimal::Decimal::ONE),
            (Some(c), Some(ledger)) if c == ledger => Some(rust_decimal::Decimal::ONE),
            (Some(c), Some(_)) => self.fx.get(c)?.on(day),
        }
    }

    /// Whether a workflow gives the credit approval step a due date, which
    /// puts it on the agenda of the orders that await it.
    pub fn approval_is_dated(&self) -> bool {
        self.credit.as_ref().is_some_and(|credit| {
            self.workflows.values().any(|w| {
                w.steps
                    .iter()
                    .any(|s| s.id == credit.approval_step && s.due.is_some())
            })
        })
    }

    /// Whether a report or a command needs to know which orders await their
    /// credit approval: a workflow dates the approval step, or gates a step
    /// on it (`gate: {approved: credit}`).
    pub fn approval_is_judged(&self) -> bool {
        self.approval_is_dated()
            || (self.credit.is_some()
                && self.workflows.values().any(|w| {
                    w.steps.iter().any(|s| {
                        s.gate.as_ref().and_then(|g| g.approved)
                            == Some(super::workflow::Approval::Credit)
                    })
                }))
    }

    /// The credit limit of `customer`: its own, else the ledger's default.
    pub fn credit_limit_of(&self, customer: &super::Customer) -> Option<rust_decimal::Decimal> {
        customer
            .credit_limit
            .map(|l| l.0)
            .or_else(|| self.credit.as_ref()?.default_limit.map(|l| l.0))
    }

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

    /// Every role the ledger names: held by a person, declared under `roles`,
    /// or acting on a step.
    /// What a role is called in `lang`: its title under `roles`, else its key.
    pub fn role_title(&self, role: &str, lang: crate::i18n::Lang) -> String {
        self.roles
            .get(role)
            .and_then(|r| r.title.as_ref())
            .map_or_else(|| role.to_owned(), |t| t.get(lang).to_owned())
    }

    pub fn role_names(&self) -> std::collections::BTreeSet<&str> {
        self.people
            .values()
            .flat_map(|p| p.roles.iter().map(String::as_str))
            .chain(self.roles.keys().map(String::as_str))
            .chain(
                self.workflows
                    .values()
                    .flat_map(|w| w.steps.iter().map(|s| s.role.as_str())),
            )
            .collect()
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

/// A kind of document an order collects.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Document kind")]
pub struct DocumentKind {
    /// What the document is.
    pub title: super::Title,
}
