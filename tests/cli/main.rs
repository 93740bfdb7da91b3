//! Integration tests: the real `ordo` binary on small ledgers under
//! `tests/fixtures`, with the environment scrubbed and "now" pinned.

mod support;

mod bad_input;
mod cache;
mod cache_forged;
mod concurrency;
mod corpus;
mod csv_output;
mod documents;
mod export;
mod history;
mod history_follows;
mod init;
mod integrations;
mod list;
mod merge_file;
mod outputs;
mod overdue;
mod progress;
mod publication;
mod read;
mod reports;
mod rules;
mod site;
mod site_people;
mod site_safety;
mod team;
mod team_ids;
mod trust;
mod validate;
mod validate_amounts;
mod write;
mod write_text;
