//! Escalation: once an open step is `escalate.after` late, the roles or people
//! of `escalate.to` join those it is assigned to, on its overdue row and its
//! calendar event, so a step nobody moves reaches the manager's agenda.

use super::Book;
use crate::engine::arith::apply;
use crate::engine::point::Point;
use crate::model::config::Step;

/// The roles or people a step due at `due` escalates to as of the book's
/// "now": none before it is `after` late. When the lateness cannot be counted
/// (the calendar does not reach that far), it escalates: telling one person
/// too many is better than telling nobody.
pub fn targets<'s>(book: &Book<'_>, step: &'s Step, due: Point) -> &'s [String] {
    let Some(escalate) = &step.escalate else {
        return &[];
    };
    let calendar = step.due.as_ref().and_then(|d| d.calendar.as_deref());
    let from = book
        .calendars
        .get(calendar)
        .ok()
        .and_then(|c| apply(due, &escalate.after, true, c).ok());
    match from {
        Some(at) if book.now < at.overdue_from(book.tz) => &[],
        _ => escalate.to.values(),
    }
}
