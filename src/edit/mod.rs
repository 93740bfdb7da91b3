//! Changing ledger files without disturbing them: edits are patches on
//! the original text made with yamlpatch, so comments, key order, quoting and
//! blank lines elsewhere stay as they were; the result is validated before it is
//! written, written atomically, and refused if the file changed underneath.
//! What ordo makes (`-o`) is written here too, by the same rules of where and
//! how (`output`, `output_dir`).

pub mod append;
pub mod git;
pub mod git_setup;
pub mod lock;
pub mod output;
pub mod output_dir;
pub mod patch;
pub mod renumber;
pub mod separators;
pub mod write;
