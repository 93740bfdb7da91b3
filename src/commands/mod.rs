//! One module per subcommand, holding only glue: arguments in, domain calls, text out.

pub mod advance;
pub mod amend;
pub mod calendar;
pub mod change;
pub mod explain;
pub mod export;
pub mod init;
pub mod invocation;
pub mod list;
pub mod merge_file;
pub mod monthly;
pub mod new;
pub mod opening;
pub mod overdue;
pub mod plan;
pub mod renumber;
pub mod reporting;
pub mod schema;
pub mod setup_git;
pub mod shell;
pub mod show;
pub mod skip;
pub mod sla;
pub mod upcoming;
pub mod validate;
