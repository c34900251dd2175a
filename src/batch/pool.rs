//! The thread pool: its size, the fork guard, and the plain parallel maps.
//!
//! rayon's global pool is started by the first parallel call. A process forked after that
//! (Spark's Python workers, `multiprocessing` with fork) inherits the pool's state but none of
//! its threads, and would deadlock on its next parallel call; [`parallel_allowed`] notices by
//! remembering the pid that started the pool, and every engine then runs on the calling
//! thread instead.

use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// The pid of the process whose rayon pool is in use (0 until the first parallel call).
static POOL_PID: AtomicU32 = AtomicU32::new(0);

/// Whether this process may use the rayon pool: false in a child forked after the parent
/// started it.
pub fn parallel_allowed() -> bool {
    let me = std::process::id();
    match POOL_PID.compare_exchange(0, me, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => true,
        Err(owner) => owner == me,
    }
}

/// Size rayon's global pool to `threads` (the CLI's `--threads`); `false` when the pool
/// already runs, in which case it keeps its size.
pub fn set_threads(threads: usize) -> bool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().is_ok()
}

/// Threads a batch call uses in this process: the pool's size, 1 in a forked child.
pub fn threads() -> usize {
    if parallel_allowed() {
        rayon::current_num_threads()
    } else {
        1
    }
}

/// Rows per task of [`map_rows`] never go below this, so tiny columns do not pay for
/// scheduling.
const MIN_ROWS_PER_TASK: usize = 16;

/// Run `f` over every present row in parallel, keeping missing rows missing.
pub fn map_rows<'a, T, R, F>(len: usize, row: R, f: F) -> Vec<Option<T>>
where
    T: Send,
    R: Fn(usize) -> Option<&'a str> + Sync,
    F: Fn(&'a str) -> T + Sync,
{
    let one = |i: usize| row(i).map(&f);
    if parallel_allowed() && len > 1 {
        (0..len).into_par_iter().with_min_len(MIN_ROWS_PER_TASK).map(one).collect()
    } else {
        (0..len).map(one).collect()
    }
}

/// `f` of every item, in order, computed in parallel (tasks of at least `min_len` items).
pub fn par_map<T, U, F>(items: &[T], min_len: usize, f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
{
    if parallel_allowed() && items.len() > 1 {
        items.par_iter().with_min_len(min_len.max(1)).map(&f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Like [`par_map`] for a fallible `f`: the values in order, or an error of some failing item
/// (the one of the lowest index when run on one thread).
pub fn try_par_map<T, U, E, F>(items: &[T], min_len: usize, f: F) -> Result<Vec<U>, E>
where
    T: Sync,
    U: Send,
    E: Send,
    F: Fn(&T) -> Result<U, E> + Sync,
{
    if parallel_allowed() && items.len() > 1 {
        items.par_iter().with_min_len(min_len.max(1)).map(&f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Sort `items` (unstable), in parallel when the pool may be used.
pub fn par_sort_unstable<T: Ord + Send>(items: &mut [T]) {
    if parallel_allowed() && items.len() > 1 << 14 {
        items.par_sort_unstable();
    } else {
        items.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_rows_keeps_missing_rows() {
        let rows: Vec<Option<String>> =
            (0..1000).map(|i| (i % 7 != 3).then(|| format!("row {i}"))).collect();
        let out = map_rows(rows.len(), |i| rows[i].as_deref(), |t| t.len());
        assert_eq!(out.len(), rows.len());
        for (o, r) in out.iter().zip(&rows) {
            assert_eq!(*o, r.as_ref().map(String::len));
        }
    }

    #[test]
    fn par_maps_keep_order() {
        let items: Vec<u32> = (0..10_000).collect();
        assert_eq!(par_map(&items, 64, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let ok: Result<Vec<u32>, String> = try_par_map(&items, 64, |x| Ok(x + 1));
        assert_eq!(ok.unwrap()[9_999], 10_000);
        let err: Result<Vec<u32>, u32> = try_par_map(&items, 64, |&x| if x == 777 { Err(x) } else { Ok(x) });
        assert_eq!(err, Err(777));
        assert!(par_map(&[] as &[u32], 1, |x| *x).is_empty());
    }

    #[test]
    fn par_sort_sorts() {
        let mut items: Vec<u64> = (0..100_000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7).collect();
        let mut want = items.clone();
        want.sort();
        par_sort_unstable(&mut items);
        assert_eq!(items, want);
    }

    #[test]
    fn forked_child_runs_sequentially() {
        assert!(parallel_allowed());
        let me = std::process::id();
        POOL_PID.store(me.wrapping_add(1), Ordering::Release);
        assert!(!parallel_allowed());
        assert_eq!(threads(), 1);
        POOL_PID.store(me, Ordering::Release);
        assert!(parallel_allowed());
    }
}
