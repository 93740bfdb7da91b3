//! Every argument of every command says what it is in `--help` (and so in the
//! manual pages): an option listed bare leaves the user guessing.

use clap::CommandFactory;

use super::Cli;

fn bare(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id != "help"
            && id != "version"
            && arg.get_help().is_none()
            && arg.get_long_help().is_none()
        {
            out.push(format!("{path} {id}"));
        }
    }
    for sub in cmd.get_subcommands() {
        bare(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_argument_of_every_command_has_a_help_text() {
    let mut missing = Vec::new();
    bare(&Cli::command(), "ordo", &mut missing);
    assert!(missing.is_empty(), "without a help text: {missing:#?}");
}
