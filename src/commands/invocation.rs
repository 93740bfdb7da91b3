//! What every command takes from how it was invoked: the ledger root,
//! "now" (`--as-of`, else the clock read once at start-up) and colour.

use crate::output::report::Format;
use ordo_core::i18n::Lang;
use std::path::PathBuf;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::cli::{AsOf, Cli, ColorChoice};
use crate::{Environment, Failure};
use ordo_core::model::moment::Resolved;

/// The ledger root: `-C`, else `ORDO_LEDGER`, else the nearest folder above.
pub(crate) fn ledger_root(cli: &Cli, env: &Environment) -> Result<PathBuf, Failure> {
    Ok(crate::ledger::discover::find_root(
        cli.ledger.as_deref(),
        &env.cwd,
    )?)
}

/// The language of words for people: `--lang`, else `lang:` in ordo.yaml, else
/// English; always English for JSON and CSV, which are data.
pub(crate) fn lang_of(
    cli: &Cli,
    config: &ordo_core::model::Config,
    format: Option<Format>,
) -> Lang {
    if matches!(format, Some(Format::Json | Format::Csv)) {
        return Lang::En;
    }
    cli.lang.map(|c| c.0).or(config.lang).unwrap_or_default()
}

/// "Now" in the ledger's timezone: `--as-of` when given (a bare date is taken as
/// its last second), else the clock read at start-up.
pub(crate) fn now_in(cli: &Cli, env: &Environment, tz: Tz) -> Result<DateTime<Tz>, Failure> {
    let Some(AsOf(moment)) = cli.as_of else {
        return Ok(env.now.with_timezone(&tz));
    };
    match moment.resolve(tz) {
        Resolved::One(dt) | Resolved::Ambiguous(dt) => Ok(dt),
        Resolved::Missing => Err(Failure::usage(format!(
            "--as-of: {moment} does not exist in {tz}"
        ))
        .hint("a clock change skips that hour: give a time before or after it")),
    }
}

/// Whether to colour the output.
pub(crate) fn use_color(cli: &Cli, env: &Environment) -> bool {
    match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

/// Each value given to `flag` must be one of `valid` (what the ledger holds):
/// an unknown one is a usage error naming them, never an empty report that
/// looks like "nothing is late".
pub(crate) fn check_choices<'v>(
    flag: &str,
    given: &[String],
    valid: impl IntoIterator<Item = &'v str>,
) -> Result<(), Failure> {
    let valid: std::collections::BTreeSet<&str> = valid.into_iter().collect();
    let Some(unknown) = given.iter().find(|g| !valid.contains(g.as_str())) else {
        return Ok(());
    };
    let list: Vec<&str> = valid.iter().copied().collect();
    Err(Failure::usage(format!(
        "{flag}: no `{unknown}` in this ledger; the values are {}",
        list.join(", ")
    ))
    .suggest(unknown, &list))
}
