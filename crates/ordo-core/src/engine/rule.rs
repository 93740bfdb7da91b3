//! One due rule evaluated on its anchor's date: `from`, `offset`, `day`, `to`
//! and `roll`, applied in that order, each noted in the chain when explaining.

use super::arith::{apply, month_end, set_day};
use super::basis::{Basis, Computed, DueError};
use super::calendar::CalendarError;
use super::chain::{Chain, Source};
use super::due::DueEngine;
use super::point::Point;
use crate::model::due::{DueRule, Offset, Roll};
use crate::model::rule_offset::RuleOffset;
use crate::yaml::Route;

impl DueEngine<'_> {
    pub(super) fn evaluate(&self, rule: &DueRule, mut links: Chain) -> Result<Computed, DueError> {
        if let Some(name) = &rule.payment {
            let mut inner = self.installment_due(name)?;
            links.append(std::mem::take(&mut inner.links));
            inner.links = links;
            return Ok(inner);
        }
        let Some(anchor) = rule.anchor() else {
            return Ok(self.waiting(
                "a valid due rule",
                links,
                || "the rule has no anchor".into(),
                || None,
            ));
        };
        let base = self.anchor(anchor)?;
        links.append(base.links);
        let Some(mut point) = base.point else {
            return Ok(Computed {
                point: None,
                basis: base.basis,
                links,
            });
        };
        let basis = base.basis;
        let calendar = self.calendars.get(rule.calendar.as_deref())?;
        let tz = self.tz();
        if rule.from.is_some() {
            point = Point::Day(month_end(point.date()));
            self.note(
                &mut links,
                || format!("from the end of that month = {point}"),
                || None,
            );
        }
        if let Some(by) = &rule.offset {
            let priority = self.order.priority;
            let offset = by.for_priority(priority);
            let duration = match offset {
                Offset::Literal(d) => d.clone(),
                Offset::Field(field) => match self
                    .order
                    .contract
                    .as_ref()
                    .and_then(|c| c.production_time.clone())
                {
                    Some(d) if field == "contract.production_time" => d,
                    _ => {
                        return Ok(self.waiting(
                            field.clone(),
                            links,
                            || format!("{field} is not set"),
                            || Some(Source::Order(Route::keys(&["contract"]))),
                        ));
                    }
                },
            };
            let forward = rule.before.is_none();
            point = apply(point, &duration, forward, calendar).map_err(|e| forecast(e, &basis))?;
            self.note(
                &mut links,
                || {
                    let sign = if forward { "+" } else { "-" };
                    let on = if duration.uses_working_time() {
                        format!(" on calendar `{}`", calendar.name)
                    } else {
                        String::new()
                    };
                    let field = match offset {
                        Offset::Field(field) => format!(" ({field})"),
                        Offset::Literal(_) => String::new(),
                    };
                    let field = match by {
                        RuleOffset::ByPriority(_) => format!("{field} (for {priority} priority)"),
                        RuleOffset::One(_) => field,
                    };
                    format!("{sign} {duration}{field}{on} = {point}")
                },
                || match offset {
                    Offset::Field(_) => {
                        Some(Source::Order(Route::keys(&["contract", "production_time"])))
                    }
                    Offset::Literal(_) => None,
                },
            );
        }
        if let Some(day) = rule.day {
            point = point.with_date(set_day(point.date(), day), tz);
            self.note(
                &mut links,
                || format!("day {day} of the month = {point}"),
                || None,
            );
        }
        if rule.to.is_some() {
            point = point.with_date(month_end(point.date()), tz);
            self.note(
                &mut links,
                || format!("to the end of the month = {point}"),
                || None,
            );
        }
        if let Some(roll) = rule.roll {
            let following = roll == Roll::Following;
            let day = calendar
                .roll(point.date(), following)
                .map_err(|e| forecast(e, &basis))?;
            point = point.with_date(day, tz);
            self.note(
                &mut links,
                || {
                    let word = if following { "following" } else { "preceding" };
                    format!(
                        "rolled to the {word} working day on `{}` = {point}",
                        calendar.name
                    )
                },
                || None,
            );
        }
        Ok(Computed {
            point: Some(point),
            basis,
            links,
        })
    }
}

/// A calendar error of a computation whose basis is `basis`.
fn forecast(error: CalendarError, basis: &Basis) -> DueError {
    DueError::Range {
        error,
        forecast: !matches!(basis, Basis::Firm),
    }
}

/// A rule in the words of its YAML.
pub fn describe_rule(rule: &DueRule) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &rule.after {
        parts.push(format!("after {a}"));
    }
    if let Some(b) = &rule.before {
        parts.push(format!("before {b}"));
    }
    if let Some(p) = &rule.payment {
        parts.push(format!("with installment `{p}`"));
    }
    if rule.from.is_some() {
        parts.push("from month-end".into());
    }
    if let Some(o) = &rule.offset {
        parts.push(format!("offset {o}"));
    }
    if let Some(d) = rule.day {
        parts.push(format!("day {d}"));
    }
    if rule.to.is_some() {
        parts.push("to month-end".into());
    }
    if let Some(r) = rule.roll {
        parts.push(format!(
            "roll {}",
            if r == Roll::Following {
                "following"
            } else {
                "preceding"
            }
        ));
    }
    if let Some(c) = &rule.calendar {
        parts.push(format!("calendar {c}"));
    }
    parts.join(", ")
}
