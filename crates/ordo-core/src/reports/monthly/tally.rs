//! One month's figures counted part by part: a trend of twelve months is
//! counted in the one pass over the orders, each order's part dropped once
//! counted, instead of a part kept per order for each month to scan.

use std::collections::BTreeMap;

use super::{Figures, Month, Part, percent};

/// What the figures and the report of one month are made of.
#[derive(Debug, Clone)]
pub struct Tally {
    pub month: Month,
    received: usize,
    /// Of those received, how many were since cancelled.
    cancelled: usize,
    workload: usize,
    /// Completed in the month, and their cycles in days, summed.
    completed: usize,
    cycle_days: i64,
    delivered: usize,
    on_time: usize,
    delivered_in_month: usize,
    /// Incidents opened in the month, by kind.
    pub(super) incidents: BTreeMap<&'static str, usize>,
    /// Steps done in the month with a due date, by workflow and step position.
    pub(super) steps: BTreeMap<(u32, u32), StepTally>,
}

/// One step's count in a month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct StepTally {
    pub done: usize,
    pub late: usize,
    /// The days late of the late ones, summed.
    pub days_late: i64,
}

impl StepTally {
    fn merge(&mut self, other: StepTally) {
        self.done += other.done;
        self.late += other.late;
        self.days_late += other.days_late;
    }
}

impl Tally {
    pub fn new(month: Month) -> Tally {
        Tally {
            month,
            received: 0,
            cancelled: 0,
            workload: 0,
            completed: 0,
            cycle_days: 0,
            delivered: 0,
            on_time: 0,
            delivered_in_month: 0,
            incidents: BTreeMap::new(),
            steps: BTreeMap::new(),
        }
    }

    /// Counts one order's part in.
    pub fn add(&mut self, p: &Part) {
        let month = self.month;
        if month.contains(p.received) {
            self.received += 1;
            self.cancelled += usize::from(p.cancelled);
        }
        let started = p.received <= month.last;
        let finished_before = p.completed.is_some_and(|d| d < month.first);
        if started && !finished_before && !p.cancelled {
            self.workload += 1;
        }
        if let Some(day) = p.completed.filter(|d| month.contains(*d)) {
            self.completed += 1;
            self.cycle_days += (day - p.received).num_days();
        }
        if let Some(day) = p.delivered.filter(|d| month.contains(*d)) {
            self.delivered_in_month += 1;
            if let Some(requested) = p.requested {
                self.delivered += 1;
                self.on_time += usize::from(day <= requested);
            }
        }
        for (_, kind) in p.incidents.iter().filter(|(d, _)| month.contains(*d)) {
            *self.incidents.entry(kind.as_str()).or_default() += 1;
        }
        for step in p.done.iter().filter(|s| month.contains(s.day)) {
            self.steps
                .entry((step.workflow, step.step))
                .or_default()
                .merge(StepTally {
                    done: 1,
                    late: usize::from(step.late),
                    days_late: if step.late {
                        i64::from(step.days_late)
                    } else {
                        0
                    },
                });
        }
    }

    /// Two tallies of the same month as one.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.received += other.received;
        self.cancelled += other.cancelled;
        self.workload += other.workload;
        self.completed += other.completed;
        self.cycle_days += other.cycle_days;
        self.delivered += other.delivered;
        self.on_time += other.on_time;
        self.delivered_in_month += other.delivered_in_month;
        for (kind, n) in other.incidents {
            *self.incidents.entry(kind).or_default() += n;
        }
        for (key, step) in other.steps {
            self.steps.entry(key).or_default().merge(step);
        }
        self
    }

    pub fn figures(&self) -> Figures {
        let incidents = self.incidents.values().sum();
        let complaints = self.incidents.get("complaint").copied().unwrap_or(0);
        Figures {
            received: self.received,
            cancelled: self.cancelled,
            completed: self.completed,
            workload: self.workload,
            completion_pct: percent(self.completed, self.workload),
            average_cycle_days: (self.completed > 0)
                .then(|| self.cycle_days as f64 / self.completed as f64),
            delivered: self.delivered,
            on_time: self.on_time,
            on_time_pct: percent(self.on_time, self.delivered),
            delivered_in_month: self.delivered_in_month,
            incidents,
            incident_pct: percent(incidents, self.delivered_in_month),
            complaints,
            complaint_pct: percent(complaints, self.delivered_in_month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::DoneStep;
    use super::*;
    use crate::model::enums::IncidentKind;
    use chrono::NaiveDate;

    /// The month counted over `parts`.
    fn tally_of(month: Month, parts: &[Part]) -> Tally {
        let mut tally = Tally::new(month);
        for part in parts {
            tally.add(part);
        }
        tally
    }

    fn day(month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, d).expect("a day")
    }

    fn part(received: NaiveDate) -> Part {
        Part {
            received,
            cancelled: false,
            completed: None,
            delivered: None,
            requested: None,
            incidents: Vec::new(),
            done: Vec::new(),
        }
    }

    fn done(d: NaiveDate, step: u32, days_late: i32) -> DoneStep {
        DoneStep {
            day: d,
            workflow: 0,
            step,
            late: days_late > 0,
            days_late,
        }
    }

    /// October's orders: received in it or before, completed, delivered on
    /// time and late, cancelled, with incidents and steps done late.
    fn parts() -> Vec<Part> {
        vec![
            Part {
                completed: Some(day(10, 20)),
                delivered: Some(day(10, 18)),
                requested: Some(day(10, 19)),
                done: vec![done(day(10, 2), 1, 0), done(day(10, 9), 2, 3)],
                ..part(day(10, 1))
            },
            Part {
                delivered: Some(day(10, 25)),
                requested: Some(day(10, 21)),
                incidents: vec![
                    (day(10, 26), IncidentKind::Damaged),
                    (day(9, 30), IncidentKind::Quality),
                ],
                done: vec![done(day(10, 12), 2, 1), done(day(9, 28), 2, 5)],
                ..part(day(9, 15))
            },
            Part {
                cancelled: true,
                ..part(day(10, 5))
            },
            Part {
                completed: Some(day(9, 30)),
                ..part(day(8, 1))
            },
            Part {
                delivered: Some(day(10, 30)),
                incidents: vec![(day(10, 31), IncidentKind::Damaged)],
                ..part(day(11, 2))
            },
        ]
    }

    #[test]
    fn a_month_counted_in_parts_and_merged_is_the_month_counted_whole() {
        let october = Month::of(day(10, 1));
        let parts = parts();
        let whole = tally_of(october, &parts);
        let f = whole.figures();
        assert_eq!((f.received, f.cancelled, f.workload), (2, 1, 2));
        assert_eq!((f.completed, f.average_cycle_days), (1, Some(19.0)));
        assert_eq!((f.delivered, f.on_time, f.delivered_in_month), (2, 1, 3));
        assert_eq!(f.incidents, 2);
        assert_eq!(whole.incidents, BTreeMap::from([("damaged", 2)]));
        assert_eq!(
            whole.steps,
            BTreeMap::from([
                (
                    (0, 1),
                    StepTally {
                        done: 1,
                        late: 0,
                        days_late: 0
                    }
                ),
                (
                    (0, 2),
                    StepTally {
                        done: 2,
                        late: 2,
                        days_late: 4
                    }
                ),
            ])
        );
        // The site counts the orders on several threads and merges: any cut
        // gives the same month.
        for cut in 0..=parts.len() {
            let (a, b) = parts.split_at(cut);
            let merged = tally_of(october, a).merge(tally_of(october, b));
            assert_eq!(merged.figures(), f, "cut at {cut}");
            assert_eq!(merged.incidents, whole.incidents, "cut at {cut}");
            assert_eq!(merged.steps, whole.steps, "cut at {cut}");
        }
    }
}
