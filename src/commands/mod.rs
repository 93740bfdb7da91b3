//! One module per subcommand, holding only glue: arguments in, domain calls, text out.

pub mod advance;
pub mod amend;
pub mod change;
pub mod common;
pub mod explain;
pub mod init;
pub mod list;
pub mod new;
pub mod plan;
pub mod report;
pub mod reports_cmds;
pub mod schema;
pub mod shell;
pub mod show;
pub mod skip;
pub mod validate;
