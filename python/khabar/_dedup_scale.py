"""The steps the distributed dedup recipes (:mod:`khabar.spark`, :mod:`khabar.dask`) share.

Every recipe follows the single-machine method step by step (``docs/dedup.md``), so that it
gives exactly the clusters :func:`khabar.near_duplicates` gives on the same rows:

1. **sketch** every row where it lies: its exact key (two int64 halves), its band keys and its
   signature (:class:`DedupSpec.sketch`); rows that are missing or have no word drop out;
2. group rows by exact key: each row joins the least row of its group (**exact edges**), and
   only that least row, the representative, goes on;
3. group representatives by ``(band, band key)``: each bucket of two or more rows gives its
   candidate pairs by the one rule of :func:`khabar._khabar.bucket_pairs`;
4. **check** each distinct pair: exact Jaccard of the two texts, or the signatures' estimate
   (:meth:`DedupSpec.scores`), kept when at least the threshold;
5. **connected components** of exact edges and kept pairs; a row's cluster id is the least
   row id of its component, its own id when it is in none, missing when its text is.

Only picklable objects naming khabar functions travel to the workers.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Iterable

from ._errors import KhabarValueError
from ._khabar import bucket_pairs, dedup_sketch, pair_jaccard, signature_estimates

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DedupSpec", "assign_ids", "bucket_pair_table", "explode_bands", "pairs_of_buckets",
           "spec_of"]


class DedupSpec:
    """The options of one run, and what each step does to one batch (picklable)."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                 normalizer: Any = "search", on: str = "text", seed: int = 0,
                 verify: str = "exact") -> None:
        if verify not in ("exact", "signature"):
            raise KhabarValueError(f"verify={verify!r}: expected 'exact' or 'signature'")
        self.threshold, self.num_perm, self.ngram = threshold, num_perm, ngram
        self.normalizer, self.on, self.seed, self.verify = normalizer, on, seed, verify
        # Checks every option now, on the driver, rather than on a worker later.
        self.sketch(_empty_text())

    def sketch(self, texts: Any) -> pa.StructArray:
        """``key_hi``, ``key_lo``, ``bands``, ``signature`` of every row of an Arrow string
        column (see :func:`khabar._khabar.dedup_sketch`)."""
        import pyarrow as pa

        return pa.array(dedup_sketch(texts, self.threshold, self.num_perm, self.ngram,
                                     self.normalizer, self.seed, self.on))

    def sketch_table(self, rows: Any, texts: Any) -> pa.Table:
        """The sketches of rows with words: ``row, key_hi, key_lo, bands`` (and ``signature``
        when pairs are checked on signatures)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        s = self.sketch(texts)
        if isinstance(rows, (pa.Array, pa.ChunkedArray)):
            rows = rows.cast(pa.int64())
        else:
            rows = pa.array(rows, pa.int64())
        if isinstance(rows, pa.ChunkedArray):
            rows = rows.combine_chunks()
        cols = {"row": rows, "key_hi": s.field("key_hi"),
                "key_lo": s.field("key_lo"), "bands": s.field("bands")}
        if self.verify == "signature":
            cols["signature"] = s.field("signature")
        t = pa.table(cols)
        return t.filter(pc.is_valid(t.column("key_hi")))

    def scores(self, a: Any, b: Any) -> pa.Array:
        """Scores of aligned pairs: texts (``verify="exact"``) or signatures."""
        if self.verify == "exact":
            return pair_jaccard(a, b, self.ngram, self.normalizer, self.on)
        return signature_estimates(a, b)

    def __reduce__(self) -> tuple[Any, ...]:
        return (DedupSpec, (self.threshold, self.num_perm, self.ngram, self.normalizer, self.on,
                            self.seed, self.verify))


def _empty_text() -> Any:
    import pyarrow as pa

    return pa.array([], pa.string())


def pairs_of_buckets(buckets: Iterable[Iterable[int]]) -> tuple[list[int], list[int]]:
    """The candidate pairs ``(a, b)`` of buckets of row ids (each sorted here)."""
    left: list[int] = []
    right: list[int] = []
    for rows in buckets:
        rows = sorted(rows)
        if len(rows) < 2:
            continue
        for a, b in bucket_pairs(rows):
            left.append(a)
            right.append(b)
    return left, right


def spec_of(args: tuple[Any, ...], kwargs: dict[str, Any]) -> DedupSpec:
    """The spec of a :func:`khabar.near_duplicates` call's arguments (after the column);
    ``pairs=True`` has no distributed form."""
    from ._dedup import near_duplicates

    bound = inspect.signature(near_duplicates).bind(None, *args, **kwargs)
    bound.apply_defaults()
    a = dict(bound.arguments)
    if a.pop("pairs"):
        raise KhabarValueError("pairs=True is not supported on a cluster; run "
                               "khabar.near_duplicates on the rows of interest")
    return DedupSpec(a["threshold"], a["num_perm"], a["ngram"], a["normalizer"], a["on"],
                     a["seed"], a["verify"])


def explode_bands(sketches: Any) -> pa.Table:
    """``row, band, bkey``: one line per band of every row of a sketch table."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    t = pa.table(sketches)
    bands = t.column("bands").combine_chunks() if t.num_rows else pa.array([], pa.list_(pa.int64()))
    parents = pc.list_parent_indices(bands)
    flat = pc.list_flatten(bands)
    starts = np.asarray(bands.offsets)[:-1][np.asarray(parents)] if len(flat) else np.zeros(0, np.int64)
    band = np.arange(len(flat), dtype=np.int64) - starts
    rows = pc.take(t.column("row"), parents)
    return pa.table({"row": rows, "band": pa.array(band, pa.int64()), "bkey": flat})


def bucket_pair_table(lines: Any) -> pa.Table:
    """``left, right``: the candidate pairs of the buckets ``(band, bkey)`` of ``row, band,
    bkey`` lines (every line of a bucket must be in ``lines``), each pair once."""
    import pyarrow as pa

    t = pa.table(lines)
    grouped = t.group_by(["band", "bkey"]).aggregate([("row", "list")])
    left, right = pairs_of_buckets(r for r in grouped.column("row_list").to_pylist() if len(r) > 1)
    return pairs_table(left, right)


def pairs_table(left: list[int], right: list[int]) -> pa.Table:
    """Distinct ``(left, right)`` pairs as a table, sorted."""
    import pyarrow as pa

    pairs = sorted(set(zip(left, right)))
    return pa.table({"left": pa.array([p[0] for p in pairs], pa.int64()),
                     "right": pa.array([p[1] for p in pairs], pa.int64())})


def assign_ids(rows: Any, valid: Any, nodes: Any, labels: Any) -> pa.Array:
    """Cluster ids of ``rows`` (global row ids): the label of a row in a component, the row
    itself otherwise, null where ``valid`` is false (a missing text)."""
    import numpy as np
    import pyarrow as pa

    rows = np.asarray(rows, dtype=np.int64)
    nodes = np.asarray(nodes, dtype=np.int64)
    labels = np.asarray(labels, dtype=np.int64)
    ids = rows.copy()
    if len(nodes):
        at = np.searchsorted(nodes, rows).clip(0, len(nodes) - 1)
        hit = nodes[at] == rows
        ids[hit] = labels[at[hit]]
    return pa.array(ids, pa.int64(), mask=~np.asarray(valid, dtype=bool))


def dedup_corpus(sources: list[str], output: str, *, threshold: float = 0.8, num_perm: int = 128,
                 ngram: int = 5, normalizer: Any = "search", on: str = "text", seed: int = 0,
                 text_column: str = "text", id_column: str | None = None,
                 format: str | None = None, glob: str | None = None,
                 encoding: str | None = None, chunk_rows: int = 20_000,
                 compression: str = "zstd", progress: Any = False) -> Any:
    """Near-duplicates of a corpus on disk, in bounded memory; writes ``id, text, error,
    cluster_id, is_duplicate`` for every input row and returns a :class:`khabar.io.Summary`.

    Two passes over ``sources`` (read in order, as one run of rows): the first adds each
    chunk to a :class:`khabar._khabar.DedupIndex`, which keeps only signatures and exact keys
    (``num_perm × 4 + 17`` bytes a row), and clusters on the signatures' estimate; the second
    reads the rows again and writes them with their cluster. ``cluster_id`` is the least row
    position (0-based, over all sources) of the row's cluster, null for a row without text;
    ``is_duplicate`` is whether a row with a smaller position is in its cluster.
    """
    import time

    import pyarrow as pa
    import pyarrow.compute as pc

    from ._khabar import CorpusReader, CorpusWriter, DedupIndex
    from ._progress import Progress
    from .io import Summary

    start = time.perf_counter()
    index = DedupIndex(threshold, num_perm, ngram, normalizer, seed, on)

    def readers() -> Iterable[Any]:
        for src in sources:
            yield CorpusReader(src, format=format, text_column=text_column,
                               id_column=id_column, glob=glob, encoding=encoding,
                               errors="mark", chunk_rows=chunk_rows)

    summary = Summary(output=str(output))
    with Progress(progress, None) as bar:
        for reader in readers():
            for raw in reader:
                batch = pa.record_batch(raw)
                index.add(batch.column("text"))
                bar.update(batch.num_rows, 0)
            summary.bytes_in += reader.bytes_read
    ids = pa.array(index.clusters())
    summary.rows_in = len(ids)
    writer = CorpusWriter(output, compression=compression)
    schema = None
    try:
        at = 0
        for reader in readers():
            for raw in reader:
                batch = pa.record_batch(raw)
                n = batch.num_rows
                if at + n > len(ids):
                    raise KhabarValueError(f"{sources}: the input changed while it was read")
                cluster = ids.slice(at, n)
                position = pa.array(range(at, at + n), pa.int64())
                dup = pc.fill_null(pc.not_equal(cluster, position), False)
                table = pa.Table.from_batches([batch]).append_column("cluster_id", cluster) \
                    .append_column("is_duplicate", dup)
                schema = schema or table.schema
                writer.write(table)
                err = batch.column("error")
                summary.rows_with_errors += len(err) - err.null_count
                summary.rows_out += n
                at += n
        if at != len(ids):
            raise KhabarValueError(f"{sources}: the input changed while it was read")
        if schema is None:
            schema = pa.schema(CorpusReader.schema()).append(pa.field("cluster_id", pa.int64())) \
                .append(pa.field("is_duplicate", pa.bool_()))
        writer.close(schema)
    except BaseException:
        writer.abort()
        raise
    summary.seconds = time.perf_counter() - start
    return summary
