//! Record batches: rows turned into records (articles), and every few hundred records into one
//! batch (an Arrow record batch) by the capability's batch builder.
//!
//! Every [`BATCH_ROWS`] rows (fewer if they pass [`BATCH_BYTES`] of input) are one task that
//! computes their records and builds them into one batch, so building the table costs no
//! serial pass, and tasks this small keep every thread busy to the end. A task drops its
//! records as soon as its batch is built: the records of a whole column never sit in memory at
//! once, and the allocator hands the same warm pages to the next task instead of faulting in
//! fresh ones (zeroing new pages cost as much as a fifth of a parse). Small batches also keep
//! every string column of a batch far from Arrow's 32-bit offset limit.

use super::pool::try_par_map;

/// Rows per record batch.
pub const BATCH_ROWS: usize = 256;
/// Input bytes after which a batch ends early (well under 2 GiB: no column of a batch holds
/// more text than its input).
pub const BATCH_BYTES: usize = 8 << 20;

/// Compute `record(text)` for rows `0..len` (`row(i)`: `None` when missing) and build every
/// run of at most [`BATCH_ROWS`] rows into one batch with `build`; batches back in row order.
pub fn map_record_batches<'a, T, U, E, R, F, B>(len: usize, row: R, record: F, build: B) -> Result<Vec<U>, E>
where
    U: Send,
    E: Send,
    R: Fn(usize) -> Option<&'a str> + Sync,
    F: Fn(&'a str) -> T + Sync,
    B: Fn(&[Option<T>]) -> Result<U, E> + Sync,
{
    let ranges: Vec<(usize, usize)> =
        (0..len).step_by(BATCH_ROWS).map(|s| (s, (s + BATCH_ROWS).min(len))).collect();
    // One task per range: rows differ in length, and tasks this small keep both threads busy
    // to the end (a handful of chunks per thread left one idle for a chunk's time).
    let parts = try_par_map(&ranges, 1, |&(start, end)| -> Result<Vec<U>, E> {
        let mut batches = Vec::new();
        let mut records = Vec::with_capacity(end - start);
        let mut bytes = 0;
        for i in start..end {
            let text = row(i);
            bytes += text.map_or(0, str::len);
            records.push(text.map(&record));
            if bytes >= BATCH_BYTES {
                batches.push(build(&records)?);
                records.clear();
                bytes = 0;
            }
        }
        if !records.is_empty() {
            batches.push(build(&records)?);
        }
        Ok(batches)
    })?;
    Ok(parts.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_row_in_order() {
        let rows: Vec<Option<String>> = (0..1000).map(|i| (i % 9 != 4).then(|| "x".repeat(i % 13))).collect();
        let batches: Vec<Vec<Option<usize>>> =
            map_record_batches(rows.len(), |i| rows[i].as_deref(), str::len, |r: &[Option<usize>]| {
                Ok::<_, ()>(r.to_vec())
            })
            .unwrap();
        assert!(batches.iter().all(|b| b.len() <= BATCH_ROWS));
        let flat: Vec<Option<usize>> = batches.into_iter().flatten().collect();
        assert_eq!(flat, rows.iter().map(|r| r.as_ref().map(String::len)).collect::<Vec<_>>());
    }

    #[test]
    fn large_rows_end_a_batch_early_and_errors_surface() {
        let big = "x".repeat(BATCH_BYTES / 2 + 1);
        let rows = [Some(big.as_str()); 5];
        let sizes: Vec<usize> =
            map_record_batches(5, |i| rows[i], str::len, |r: &[Option<usize>]| Ok::<_, ()>(r.len())).unwrap();
        assert_eq!(sizes, [2, 2, 1]);
        let failed = map_record_batches(5, |i| rows[i], str::len, |_: &[Option<usize>]| Err::<(), _>("no"));
        assert_eq!(failed, Err("no"));
        let none: Vec<()> = map_record_batches(0, |_| None, str::len, |_: &[Option<usize>]| Ok::<_, ()>(())).unwrap();
        assert!(none.is_empty());
    }
}
