//! A fold fed from inside someone else's parallel pass: validation reads each
//! order on a worker thread and hands it over, and each thread adds it to a
//! sum of its own (one lock per thread, never contended), so the orders are
//! counted as they are read and never held.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One sum per worker thread, and the files each has counted.
pub(crate) struct Fed<A, F> {
    slots: Vec<Mutex<Slot<A>>>,
    init: F,
}

struct Slot<A> {
    sum: Option<A>,
    files: Vec<PathBuf>,
}

impl<A: Send, F: Fn() -> A + Sync> Fed<A, F> {
    pub(crate) fn new(init: F) -> Fed<A, F> {
        // One more than the pool's threads: a caller outside the pool (a pass
        // that runs on the calling thread) gets the last slot.
        let slots = (0..=rayon::current_num_threads())
            .map(|_| {
                Mutex::new(Slot {
                    sum: None,
                    files: Vec::new(),
                })
            })
            .collect();
        Fed { slots, init }
    }

    /// Counts the order of `file` into this thread's sum.
    pub(crate) fn add(&self, file: &Path, add: impl FnOnce(A) -> A) {
        let last = self.slots.len() - 1;
        let i = rayon::current_thread_index().map_or(last, |i| i.min(last));
        // A thread that panicked while holding its slot left a sum that may
        // miss that order: the pass fails anyway, so take what is there.
        let mut slot = self.slots[i]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let sum = slot.sum.take().unwrap_or_else(|| (self.init)());
        slot.sum = Some(add(sum));
        slot.files.push(file.to_path_buf());
    }

    /// The sums joined with `merge`, and every file counted.
    pub(crate) fn into_parts(self, merge: impl Fn(A, A) -> A) -> (A, HashSet<PathBuf>) {
        let mut total = (self.init)();
        let mut files = HashSet::new();
        for slot in self.slots {
            let slot = slot
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(sum) = slot.sum {
                total = merge(total, sum);
            }
            files.extend(slot.files);
        }
        (total, files)
    }
}
