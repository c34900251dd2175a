//! The thread pool: its size, the fork guard, and the plain parallel maps.
//!
//! Batch calls run on a rayon pool of khabar's own (not rayon's global pool), so that its size
//! can change at any time: [`set_threads`] builds a pool of the new size for the calls that
//! start after it, while calls already running finish on the old one. The size is, in order:
//! the last [`set_threads`] of this process, `KHABAR_NUM_THREADS`, `RAYON_NUM_THREADS`, the
//! cores available. One thread means no pool: every engine runs on the calling thread.
//!
//! A process forked after its parent built a pool (Spark's Python workers, `multiprocessing`
//! and `datasets` with fork, data loader workers) inherits the pool's state but none of its
//! threads, and would deadlock on its next parallel call. The pool remembers the pid that
//! built it; a child notices the change and runs every engine on the calling thread (its
//! siblings share the cores), unless `KHABAR_NUM_THREADS` asks for more or the child calls
//! [`set_threads`] itself, which builds the child a pool of its own.
//!
//! Every parallel section of the engines runs through [`install`] (or the pool's scope, for
//! [`super::ordered_rows`]); nested inside a pool's thread (a test's own pool, or a batch call
//! from inside a task) it runs on that pool.

use rayon::prelude::*;
use std::sync::{Arc, Mutex};

/// The pool of this process.
struct State {
    /// The process that built `pool`.
    pid: u32,
    /// `None` for one thread.
    pool: Option<Arc<rayon::ThreadPool>>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

/// A thread count from the environment variable `name`, if set to a whole number >= 1.
fn env_threads(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok().filter(|&n: &usize| n >= 1)
}

fn build(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    if threads <= 1 {
        return None;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("khabar-{i}"))
        .build();
    // Threads that cannot be started (a process at its limit) leave the calls sequential.
    pool.ok().map(Arc::new)
}

/// The pool batch calls started now run on; `None`: on the calling thread.
fn current() -> Option<Arc<rayon::ThreadPool>> {
    let me = std::process::id();
    let mut state = STATE.lock().unwrap_or_else(|p| p.into_inner());
    match &*state {
        Some(s) if s.pid == me => return s.pool.clone(),
        Some(_) => {
            // A forked child: the parent's pool has no threads here. Dropping it would signal
            // threads that do not exist, so it is forgotten.
            if let Some(old) = state.take() {
                std::mem::forget(old.pool);
            }
            let pool = env_threads("KHABAR_NUM_THREADS").and_then(build);
            *state = Some(State { pid: me, pool: pool.clone() });
            pool
        }
        None => {
            let threads = env_threads("KHABAR_NUM_THREADS")
                .or_else(|| env_threads("RAYON_NUM_THREADS"))
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
            let pool = build(threads);
            *state = Some(State { pid: me, pool: pool.clone() });
            pool
        }
    }
}

/// Make batch calls that start from now on use `threads` threads (1: the calling thread
/// only). Calls already running finish on the pool they started with.
pub fn set_threads(threads: usize) {
    let pool = build(threads.max(1));
    let old = STATE.lock().unwrap_or_else(|p| p.into_inner()).replace(State { pid: std::process::id(), pool });
    // A pool built by the parent of a forked process has no threads here (see `current`).
    if let Some(old) = old.filter(|o| o.pid != std::process::id()) {
        std::mem::forget(old.pool);
    }
}

/// Threads a batch call started now uses: the pool's size (1 without one); on a pool's own
/// thread, that pool's size.
pub fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    current().map_or(1, |p| p.current_num_threads())
}

/// Whether a batch call started now runs on more than one thread.
pub fn parallel_allowed() -> bool {
    threads() > 1
}

/// Run `f` on the pool (its parallel iterators, scopes and broadcasts use the pool), or right
/// here when there is none or this is a pool's own thread.
pub fn install<R: Send, F: FnOnce() -> R + Send>(f: F) -> R {
    if rayon::current_thread_index().is_none() {
        if let Some(pool) = current() {
            return pool.install(f);
        }
    }
    f()
}

/// The pool for a call that keeps working on the calling thread while tasks run (see
/// [`super::ordered_rows`]); `None` on a pool's own thread or when there is no pool.
pub(crate) fn scope_pool() -> Option<Arc<rayon::ThreadPool>> {
    if rayon::current_thread_index().is_some() {
        return None;
    }
    current()
}

/// Run `f` on a private pool of `threads` threads, whatever size khabar's pool has: lets tests
/// check that a result does not depend on the thread count without racing tests that resize it.
#[cfg(test)]
pub(crate) fn with_threads<R: Send, F: FnOnce() -> R + Send>(threads: usize, f: F) -> R {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("test pool");
    pool.install(f)
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
    if len > 1 && parallel_allowed() {
        install(|| (0..len).into_par_iter().with_min_len(MIN_ROWS_PER_TASK).map(one).collect())
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
    if items.len() > 1 && parallel_allowed() {
        install(|| items.par_iter().with_min_len(min_len.max(1)).map(&f).collect())
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
    if items.len() > 1 && parallel_allowed() {
        install(|| items.par_iter().with_min_len(min_len.max(1)).map(&f).collect())
    } else {
        items.iter().map(f).collect()
    }
}

/// Sort `items` (unstable), in parallel when the pool may be used.
pub fn par_sort_unstable<T: Ord + Send>(items: &mut [T]) {
    if items.len() > 1 << 14 && parallel_allowed() {
        install(|| items.par_sort_unstable());
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
    fn the_size_changes_at_any_time() {
        let _guard = SIZE_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        let items: Vec<u32> = (0..50_000).collect();
        let names = |items: &[u32]| {
            let seen = Mutex::new(std::collections::BTreeSet::new());
            par_map(items, 1, |_| {
                seen.lock().unwrap().insert(std::thread::current().name().map(String::from));
            });
            seen.into_inner().unwrap()
        };
        set_threads(3);
        assert_eq!(threads(), 3);
        assert!(names(&items).iter().all(|n| n.as_deref().is_some_and(|n| n.starts_with("khabar-"))));
        set_threads(1);
        assert_eq!(threads(), 1);
        assert!(!parallel_allowed());
        let here = std::thread::current().name().map(String::from);
        assert_eq!(names(&items).into_iter().collect::<Vec<_>>(), [here]);
        set_threads(2);
        assert_eq!(threads(), 2);
        assert_eq!(par_map(&items, 64, |x| x * 2)[49_999], 99_998);
    }

    #[test]
    fn a_forked_child_runs_on_the_calling_thread() {
        let _guard = SIZE_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        set_threads(2);
        assert!(parallel_allowed());
        // What a child sees: the state of a pool built by another process.
        let me = std::process::id();
        STATE.lock().unwrap().as_mut().unwrap().pid = me.wrapping_add(1);
        let want = env_threads("KHABAR_NUM_THREADS").filter(|&n| n > 1).unwrap_or(1);
        assert_eq!(threads(), want);
        // The child may still ask for a pool of its own.
        set_threads(2);
        assert_eq!(threads(), 2);
    }

    #[test]
    fn a_pools_own_thread_uses_that_pool() {
        assert_eq!(with_threads(3, threads), 3);
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(with_threads(3, || par_map(&items, 1, |x| x + 1))[999], 1000);
    }

    /// Tests that change the size run one at a time.
    static SIZE_LOCK: Mutex<()> = Mutex::new(());
}
