//! Orders read in parallel and handed on in the order of their paths, a slice
//! at a time: what a command makes of each order is written out before the
//! next slice is read, so the whole ledger's output is never held at once.

use rayon::prelude::*;

use super::blocked::LeftOut;
use super::ledger::Ledger;
use ordo_core::model::order::Order;

/// Orders read (in parallel) before their parts are handed on.
const SLICE: usize = 256;

impl Ledger {
    /// `each` of every readable order, handed to `sink` a slice at a time in
    /// the order of [`Ledger::order_files`]; returns the files left out.
    /// Memory holds one slice's parts while the next slice is read.
    pub fn stream_orders<P: Send, E: Send>(
        &self,
        each: impl Fn(&Order) -> P + Sync,
        mut sink: impl FnMut(Vec<P>) -> Result<(), E> + Send,
    ) -> Result<Vec<LeftOut>, E> {
        let mut bad = Vec::new();
        let read = |files: &[super::files::OrderFile]| -> Vec<Result<P, LeftOut>> {
            files
                .par_iter()
                .map(|file| {
                    self.read(file)
                        .map(|l| each(&l.order))
                        .map_err(|blocked| (file.rel.clone(), blocked))
                })
                .collect()
        };
        let mut slices = self.order_files.chunks(SLICE);
        let mut parts = slices.next().map(read).unwrap_or_default();
        loop {
            // The next slice is read on the pool while this one is written.
            let next = slices.next();
            let (written, following) = rayon::join(
                || -> Result<Vec<LeftOut>, E> {
                    let mut left = Vec::new();
                    let mut good = Vec::with_capacity(parts.len());
                    for part in parts {
                        match part {
                            Ok(part) => good.push(part),
                            Err(out) => left.push(out),
                        }
                    }
                    sink(good)?;
                    Ok(left)
                },
                || next.map(read),
            );
            bad.extend(written?);
            match following {
                Some(more) => parts = more,
                None => break,
            }
        }
        Ok(self.with_strays(bad))
    }
}
