//! Fixed-size rows: every present row writes exactly `width` values of one type into its own
//! slot of one buffer (MinHash signatures), and may hand back one small value of its own.
//!
//! The buffer is the values buffer of an Arrow `fixed_size_list` column as it is: row `i`
//! owns `values[i * width..(i + 1) * width]`, so the workers write their rows in place, in
//! parallel, with no second copy and no join. A missing row's slot keeps the `fill` value
//! (the caller reuses the input's null bitmap). Each task gets its own scratch state from
//! `init`, so a row writer can keep buffers between rows without allocating per row.

use super::pool::{install, parallel_allowed};
use rayon::prelude::*;

/// Rows per task at least: a row is a few microseconds of work, so smaller tasks would cost
/// more to schedule than to run.
const MIN_ROWS_PER_TASK: usize = 64;

/// What [`map_fixed_size`] gives back: the values of every row, and each row's own value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedChunk<T, X> {
    /// `width` values per row, row after row.
    pub values: Vec<T>,
    /// Values per row.
    pub width: usize,
    /// What `write` returned for each row; `None` for a missing row.
    pub extra: Vec<Option<X>>,
}

impl<T, X> FixedChunk<T, X> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.extra.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty()
    }

    /// The values of row `i`.
    pub fn row(&self, i: usize) -> &[T] {
        &self.values[i * self.width..(i + 1) * self.width]
    }
}

/// Run `write(scratch, text, slot)` over every present row of a column, in parallel; `slot` is
/// the row's `width` values, set to `fill` before the call.
///
/// `row(i)` gives row `i` (`None` when missing: its slot keeps `fill` and its extra value is
/// `None`); `init()` makes one task's scratch state. Rows are written in place, so the result
/// is the same whatever the number of threads (fork-safe: sequential in a forked child, see
/// [`crate::batch::parallel_allowed`]).
pub fn map_fixed_size<'a, T, X, S, R, I, W>(len: usize, width: usize, fill: T, row: R, init: I, write: W) -> FixedChunk<T, X>
where
    T: Copy + Send + Sync,
    X: Send,
    R: Fn(usize) -> Option<&'a str> + Sync,
    I: Fn() -> S + Sync,
    W: Fn(&mut S, &'a str, &mut [T]) -> X + Sync,
{
    let mut values = vec![fill; len * width];
    let mut extra: Vec<Option<X>> = Vec::with_capacity(len);
    extra.resize_with(len, || None);
    if width == 0 {
        // No slot to write: the rows still run for their own values.
        let mut scratch = init();
        let mut empty: [T; 0] = [];
        for (i, x) in extra.iter_mut().enumerate() {
            *x = row(i).map(|t| write(&mut scratch, t, &mut empty));
        }
        return FixedChunk { values, width, extra };
    }
    let run = |first: usize, slots: &mut [T], xs: &mut [Option<X>], scratch: &mut S| {
        for (k, (slot, x)) in slots.chunks_exact_mut(width).zip(xs.iter_mut()).enumerate() {
            *x = row(first + k).map(|t| write(scratch, t, slot));
        }
    };
    if parallel_allowed() && len > MIN_ROWS_PER_TASK {
        install(|| {
            values
                .par_chunks_mut(width)
                .zip(extra.par_iter_mut())
                .enumerate()
                .with_min_len(MIN_ROWS_PER_TASK)
                .for_each_init(&init, |scratch, (i, (slot, x))| run(i, slot, std::slice::from_mut(x), scratch))
        });
    } else {
        run(0, &mut values, &mut extra, &mut init());
    }
    FixedChunk { values, width, extra }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<Option<String>> {
        (0..n).map(|i| (i % 7 != 3).then(|| "ب".repeat(i % 50))).collect()
    }

    /// Each row writes its byte length, its row number and a running count of the rows its
    /// task has seen (scratch), and returns its character count.
    fn run(rows: &[Option<String>], width: usize) -> FixedChunk<u64, usize> {
        map_fixed_size(
            rows.len(),
            width,
            u64::MAX,
            |i| rows[i].as_deref(),
            || 0u64,
            |seen: &mut u64, t: &str, slot: &mut [u64]| {
                *seen += 1;
                for (j, v) in slot.iter_mut().enumerate() {
                    *v = (t.len() * 1000 + j) as u64;
                }
                assert!(*seen >= 1);
                t.chars().count()
            },
        )
    }

    #[test]
    fn every_row_writes_its_own_slot_and_missing_rows_keep_the_fill() {
        let rows = rows(5_000);
        let out = run(&rows, 3);
        assert_eq!(out.len(), rows.len());
        assert_eq!(out.values.len(), rows.len() * 3);
        for (i, r) in rows.iter().enumerate() {
            match r {
                None => {
                    assert_eq!(out.row(i), [u64::MAX; 3]);
                    assert_eq!(out.extra[i], None);
                }
                Some(t) => {
                    let want: Vec<u64> = (0..3).map(|j| (t.len() * 1000 + j) as u64).collect();
                    assert_eq!(out.row(i), want.as_slice());
                    assert_eq!(out.extra[i], Some(t.chars().count()));
                }
            }
        }
    }

    #[test]
    fn the_same_result_on_any_number_of_threads() {
        let rows = rows(3_000);
        let want = run(&rows, 4);
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert_eq!(pool.install(|| run(&rows, 4)), want, "{threads} threads");
        }
    }

    #[test]
    fn empty_columns_and_zero_width() {
        assert!(run(&[], 5).is_empty());
        let rows = rows(10);
        let out = run(&rows, 0);
        assert!(out.values.is_empty());
        assert_eq!(out.extra[1], Some(1));
        assert_eq!(out.extra[3], None);
    }
}
