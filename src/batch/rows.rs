//! List rows in order, with the caller's step on the calling thread: the engine behind every
//! `str` or list input from Python.
//!
//! The calling thread reads rows (`read`: for Python, borrowing the UTF-8 inside each `str`,
//! with the GIL held) and hands each batch of about [`BATCH_BYTES`] of text to a pool task,
//! which computes the batch's part (`work`) without touching the caller's objects; between
//! batches, and once everything is read, the calling thread turns the parts already done into
//! results (`emit`), in row order. The work thus runs alongside the caller's object handling
//! on both sides instead of between them, and each part can be freed as soon as its rows are
//! out. While it waits for a part, the calling thread runs the wait through [`Detach`] (for
//! Python: with the GIL released).
//!
//! In a forked child (see [`super::pool`]), for a single row, or when called from one of the
//! pool's own threads (which must not block waiting for the pool), every row is read first and
//! the work runs once, on the calling thread, through [`Detach`].

use super::pool::scope_pool;
use std::sync::mpsc;

/// Input bytes per batch handed to a task: small enough that the last batch, which nothing
/// overlaps, is short; large enough that scheduling is noise.
pub const BATCH_BYTES: usize = 256 << 10;
/// Rows per batch at most (short rows: a batch's part stays small).
pub const BATCH_ROWS: usize = 8192;

/// How the calling thread waits: for Python, with the GIL released.
pub trait Detach {
    /// Run `f` (which waits for or does work that touches no caller objects).
    fn detach<T: Send, F: FnOnce() -> T + Send>(&self, f: F) -> T;
}

/// Waits on the calling thread as it is (for callers with no lock to release).
pub struct NoDetach;

impl Detach for NoDetach {
    fn detach<T: Send, F: FnOnce() -> T + Send>(&self, f: F) -> T {
        f()
    }
}

/// Run `work` over rows `0..len` in batches on the pool and `emit` each batch's part on the
/// calling thread, in row order (see the module docs).
///
/// `read(i)` gives row `i` (`None` when missing) or an error that stops the call; `work(first,
/// rows)` computes the part of the batch whose first row is `first`; `emit(part)` consumes it.
/// A panic in `work` is raised again on the calling thread once every task has ended.
pub fn ordered_rows<'a, P, E, D, Rd, Wk, Em>(len: usize, detach: &D, mut read: Rd, work: Wk, mut emit: Em) -> Result<(), E>
where
    P: Send,
    D: Detach,
    Rd: FnMut(usize) -> Result<Option<&'a str>, E>,
    Wk: Fn(usize, &[Option<&'a str>]) -> P + Sync,
    Em: FnMut(P) -> Result<(), E>,
{
    // On one of the pool's own threads, waiting for the pool's tasks could wait forever.
    let pool = if len > 1 { scope_pool().filter(|p| p.current_num_threads() > 1) } else { None };
    let Some(pool) = pool else {
        let rows = (0..len).map(&mut read).collect::<Result<Vec<_>, E>>()?;
        let part = detach.detach(|| work(0, &rows));
        return emit(part);
    };
    let (tx, rx) = mpsc::channel::<(usize, P)>();
    let work = &work;
    pool.in_place_scope(|s| -> Result<(), E> {
        // Parts by batch number; `next` is the first batch not emitted yet.
        let mut parts: Vec<Option<P>> = Vec::new();
        let mut next = 0;
        let mut batch = Vec::new();
        let mut first = 0;
        let mut bytes = 0;
        for i in 0..len {
            let row = read(i)?;
            bytes += row.map_or(0, str::len);
            batch.push(row);
            if bytes < BATCH_BYTES && batch.len() < BATCH_ROWS && i + 1 < len {
                continue;
            }
            let rows = std::mem::take(&mut batch);
            let (tx, k, at) = (tx.clone(), parts.len(), first);
            s.spawn(move |_| {
                // The receiver is gone only when reading failed; the part is not needed.
                let _ = tx.send((k, work(at, &rows)));
            });
            parts.push(None);
            first = i + 1;
            bytes = 0;
            while let Ok((k, part)) = rx.try_recv() {
                parts[k] = Some(part);
            }
            while let Some(part) = parts.get_mut(next).and_then(Option::take) {
                emit(part)?;
                next += 1;
            }
        }
        // Only the tasks' senders are left: `recv` fails once they are all gone, which before
        // every part arrived means a task panicked (the scope raises it again on return).
        drop(tx);
        let mut rx = rx;
        while next < parts.len() {
            match parts[next].take() {
                Some(part) => {
                    emit(part)?;
                    next += 1;
                }
                None => {
                    // The receiver travels into the wait and back (it cannot be shared).
                    let (got, back) = detach.detach(move || (rx.recv(), rx));
                    rx = back;
                    let Ok((k, part)) = got else { break };
                    parts[k] = Some(part);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<Option<String>> {
        (0..n).map(|i| (i % 5 != 2).then(|| "كلمة ".repeat(i % 300))).collect()
    }

    /// Run the pipeline on the global pool from this (test) thread, or, with `inside`, from a
    /// thread of a pool of its own.
    fn run(rows: &[Option<String>], inside: Option<usize>) -> Result<Vec<Option<usize>>, String> {
        let mut out = Vec::new();
        let mut go = || {
            ordered_rows(
                rows.len(),
                &NoDetach,
                |i| Ok(rows[i].as_deref()),
                |first, batch: &[Option<&str>]| {
                    (first, batch.iter().map(|r| r.map(|t| t.chars().count())).collect::<Vec<_>>())
                },
                |(first, part): (usize, Vec<Option<usize>>)| {
                    if first != out.len() {
                        return Err(format!("part at {first} emitted after {} rows", out.len()));
                    }
                    out.extend(part);
                    Ok(())
                },
            )
        };
        match inside {
            None => go()?,
            Some(threads) => rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(go)?,
        }
        Ok(out)
    }

    #[test]
    fn parts_are_emitted_in_row_order() {
        let rows = rows(20_000);
        let want: Vec<Option<usize>> = rows.iter().map(|r| r.as_ref().map(|t| t.chars().count())).collect();
        assert_eq!(run(&rows, None).unwrap(), want);
        assert_eq!(run(&rows[..1], None).unwrap(), want[..1]);
        assert!(run(&[], None).unwrap().is_empty());
    }

    #[test]
    fn on_a_pool_thread_it_runs_without_waiting_for_the_pool() {
        let rows = rows(3_000);
        let want: Vec<Option<usize>> = rows.iter().map(|r| r.as_ref().map(|t| t.chars().count())).collect();
        for threads in [1, 2] {
            assert_eq!(run(&rows, Some(threads)).unwrap(), want, "{threads} threads");
        }
    }

    #[test]
    fn a_read_error_stops_the_call() {
        let rows = rows(5_000);
        let got: Result<(), usize> = ordered_rows(
            rows.len(),
            &NoDetach,
            |i| if i == 3_000 { Err(i) } else { Ok(rows[i].as_deref()) },
            |_, batch: &[Option<&str>]| batch.len(),
            |_| Ok(()),
        );
        assert_eq!(got, Err(3_000));
    }

    #[test]
    fn a_panicking_task_panics_the_caller() {
        let rows = rows(5_000);
        let caught = std::panic::catch_unwind(|| {
            ordered_rows(
                rows.len(),
                &NoDetach,
                |i| Ok::<_, ()>(rows[i].as_deref()),
                // A batch holding row 4,000 panics: a later one on the pool, or the only one
                // when the engine runs on the calling thread (a size of 1 set meanwhile).
                |first, batch: &[Option<&str>]| {
                    if first + batch.len() > 4_000 {
                        panic!("bad batch");
                    }
                },
                |_| Ok(()),
            )
        });
        assert!(caught.is_err());
    }
}
