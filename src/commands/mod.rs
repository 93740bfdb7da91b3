//! One module per subcommand, holding only glue: arguments in, domain calls, text out.

pub mod common;
pub mod init;
pub mod schema;
pub mod validate;
