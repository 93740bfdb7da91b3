//! The ledger's write lock, `.ordo/write.lock`: held while a command checks that
//! the file still holds what it read and replaces it, so two writers can never
//! both pass the check and one silently undo the other. It is an OS file lock, so
//! it goes away with the process that held it, however that process ends.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// A held lock; dropping it releases the lock.
pub struct WriteLock {
    file: File,
}

impl WriteLock {
    /// Waits for and takes the ledger's write lock.
    pub fn acquire(root: &Path) -> std::io::Result<WriteLock> {
        let dir = crate::ledger::cache::state_dir(root)?;
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        // Never through a link: the lock file is ordo's own.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        let file = options.open(dir.join("write.lock"))?;
        file.lock()?;
        Ok(WriteLock { file })
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
