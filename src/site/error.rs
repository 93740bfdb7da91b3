//! Why a site could not be built or put in place, typed: what the user can act
//! on (a folder that is refused or holds other files) apart from what the
//! disk refused.

use crate::Failure;
use crate::edit::output_dir::OutputDirError;
use crate::edit::write::WriteError;

#[derive(Debug, thiserror::Error)]
pub(crate) enum SiteError {
    /// A file or folder of the build could not be made, written, moved or read.
    #[error("cannot {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    /// The output folder is not one the site may go to (the ledger, a file).
    #[error(transparent)]
    Refused(#[from] OutputDirError),
    /// The folder holds files ordo did not write where the site's go.
    #[error(
        "{folder} holds files ordo did not write where the site goes ({files}); nothing was changed"
    )]
    Clash { folder: String, files: String },
    /// The manifest, written in place.
    #[error(transparent)]
    Manifest(#[from] WriteError),
    /// A writer thread of the build stopped.
    #[error("{0} stopped")]
    Stopped(&'static str),
}

impl SiteError {
    /// An I/O error while doing `what` ("write orders/A-1.html").
    pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> SiteError {
        let what = what.into();
        move |source| SiteError::Io { what, source }
    }
}

impl From<SiteError> for Failure {
    fn from(error: SiteError) -> Self {
        match error {
            SiteError::Clash { .. } => {
                Failure::usage(error.to_string()).hint("give an empty or new folder")
            }
            SiteError::Refused(_) => Failure::usage(error.to_string()),
            _ => Failure::io(error.to_string()),
        }
    }
}
