//! `ordo merge-file BASE OURS THEIRS PATH`: the merge driver git runs for order
//! and customer files (`ordo setup-git` wires it). The merged text goes to OURS,
//! as git expects; exit 0 when git may take it as merged, 1 when the user must
//! look (markers left, an order renumbered, a result that does not validate).

use std::io::Write;

use crate::cli::{Cli, MergeFileArgs};
use crate::edit::write;
use crate::merge::Markers;
use crate::merge::driver::{self, Request};
use crate::{Environment, Failure, exit};

pub(crate) fn run(
    _cli: &Cli,
    args: &MergeFileArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    // An older git passes its placeholders through unexpanded.
    let label = |given: &Option<String>, fallback: &str| {
        given
            .clone()
            .filter(|l| !l.is_empty() && !l.starts_with('%'))
            .unwrap_or_else(|| fallback.to_owned())
    };
    let request = Request {
        base: &args.base,
        ours: &args.ours,
        theirs: &args.theirs,
        path: &args.path,
        top: &env.cwd,
        markers: Markers {
            size: args.marker_size,
            ours: label(&args.ours_label, "ours"),
            theirs: label(&args.theirs_label, "theirs"),
        },
        base_label: label(&args.base_label, ""),
        now: env.now,
    };
    let outcome = driver::run(&request).map_err(Failure::io)?;
    let mut stderr = std::io::stderr();
    for message in &outcome.messages {
        let _ = writeln!(stderr, "ordo: {message}");
    }
    if args.stdout {
        out.extend_from_slice(&outcome.text);
    } else {
        let before = std::fs::read(&args.ours)
            .map_err(|e| Failure::io(format!("cannot read {}: {e}", args.ours.display())))?;
        if outcome.text != before {
            write::replace(&args.ours, &before, &outcome.text)
                .map_err(|e| Failure::io(e.to_string()))?;
        }
    }
    Ok(if outcome.clean {
        exit::OK
    } else {
        exit::FINDINGS
    })
}
