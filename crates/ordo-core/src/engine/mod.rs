//! The due-date engine: working calendars, duration arithmetic, due
//! rules with their basis, and each order's schedule. Pure: "now" is an argument
//! and nothing here reads files or the clock.

pub mod act;
mod anchor;
pub mod arith;
pub mod basis;
pub mod calendar;
pub mod calendars;
pub mod chain;
pub mod due;
pub mod gate;
pub mod point;
mod rule;
pub mod schedule;
pub mod sla;
pub mod updates;

#[cfg(test)]
mod tests;
