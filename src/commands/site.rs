//! `ordo site -o DIR`: the ledger as a static site (built by `site`).

use super::reporting::open as open_report;
use crate::cli::{Cli, SiteArgs};
use crate::{Environment, Failure, exit};

pub(crate) fn run(
    cli: &Cli,
    args: &SiteArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, None)?;
    let built = crate::site::build(&loaded, &args.output, args.closed_months, &env.cwd)?;
    out.extend(
        format!(
            "Wrote the site to {}: {} pages ({} orders), {} calendars; {} order files left out, \
             {} errors found\n",
            args.output.display(),
            built.pages,
            built.order_pages,
            built.calendars,
            built.left_out,
            built.errors
        )
        .bytes(),
    );
    if !built.kept.is_empty() {
        out.extend(
            format!(
                "Kept {} files and folders there that ordo did not write: {}\n",
                built.kept.len(),
                crate::site::shown(&built.kept)
            )
            .bytes(),
        );
    }
    Ok(if args.strict && (built.left_out > 0 || built.errors > 0) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
