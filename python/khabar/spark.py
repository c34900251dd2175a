"""khabar over Spark with ``mapInArrow``: pure Arrow from the JVM to Rust and back.

.. code-block:: python

    from pyspark.sql import SparkSession
    import khabar.spark

    spark = (SparkSession.builder.master("local[2]")
             .config(map=khabar.spark.config(threads=1)).getOrCreate())
    df = spark.read.parquet("news.parquet")
    clean = khabar.spark.normalize(df, "body", preset="basic", output_column="clean")
    articles = khabar.spark.parse(df, "body", keep=["id"])

``near_duplicates(df, "body")`` adds a ``cluster_id`` column (the least row id of each
row's cluster of near-duplicates) by the distributed recipe of ``docs/dedup.md``: signatures
with ``mapInArrow`` where the rows lie, exact keys and band keys grouped by Spark, candidate
pairs checked where they meet, connected components of the kept edges.

Spark forks its Python workers from a daemon; khabar notices a process forked after its
thread pool started and runs sequentially there instead of deadlocking. Give each executor
``spark.executorEnv.KHABAR_NUM_THREADS`` threads (``config(threads=...)``) so that executors ×
threads stays within the cores. ``mapInArrow`` avoids ``pandas_udf``, which PySpark flags
with pandas 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from ._normalize import Normalizer

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["config", "near_duplicates", "normalize", "parse"]


def config(threads: int = 1) -> dict[str, str]:
    """Spark settings for khabar: its thread pool size on each executor.

    >>> config(2)
    {'spark.executorEnv.KHABAR_NUM_THREADS': '2'}
    """
    return {"spark.executorEnv.KHABAR_NUM_THREADS": str(threads)}


class _Normalize:
    """The per-batch function (a picklable object, not a closure)."""

    def __init__(self, normalizer: Normalizer, column: str, output: str) -> None:
        self.normalizer, self.column, self.output = normalizer, column, output

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        for b in batches:
            col = b.column(self.column)
            out = pa.array(self.normalizer.normalize(col)).cast(col.type)
            names = list(b.schema.names)
            arrays = list(b.columns)
            if self.output in names:
                arrays[names.index(self.output)] = out
            else:
                names.append(self.output)
                arrays.append(out)
            yield pa.RecordBatch.from_arrays(arrays, names=names)


class _Parse:
    def __init__(self, column: str, keep: Sequence[str]) -> None:
        self.column, self.keep = column, list(keep)

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from ._khabar import parse_table

        for b in batches:
            table = pa.table(parse_table(b.column(self.column)))
            names = self.keep + table.column_names
            arrays = [b.column(k) for k in self.keep] + [c.combine_chunks() for c in table.columns]
            yield pa.RecordBatch.from_arrays(arrays, names=names)


def normalize(df: Any, column: str, preset: str = "ml_clean", *,
              output_column: str | None = None, **rules: Any) -> Any:
    """Normalize ``column`` of a Spark DataFrame (in place, or into ``output_column``)."""
    from pyspark.sql.types import StringType, StructType

    out = output_column or column
    schema = StructType(list(df.schema.fields))
    if out not in df.columns:
        schema = schema.add(out, StringType(), True)
    return df.mapInArrow(_Normalize(Normalizer(preset, **rules), column, out), schema)


def parse_schema() -> Any:
    """The Spark schema of :func:`parse`'s article columns."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    from ._khabar import parse_table

    return from_arrow_schema(pa.table(parse_table(pa.array([], pa.string()))).schema)


def parse(df: Any, column: str, *, keep: Sequence[str] = ()) -> Any:
    """Parse ``column`` of a Spark DataFrame: the ``keep`` columns, then one column per article
    field (:data:`khabar.article.ROW_COLUMNS`), one row per input row."""
    from pyspark.sql.types import StructType

    fields = [df.schema[k] for k in keep] + list(parse_schema().fields)
    return df.mapInArrow(_Parse(column, keep), StructType(fields))


# --- near-duplicates ---------------------------------------------------------------------------


class _Sketch:
    """``row, key_hi, key_lo, bands[, signature]`` of the rows with words of each batch."""

    def __init__(self, spec: Any, column: str, row: str) -> None:
        self.spec, self.column, self.row = spec, column, row

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            t = self.spec.sketch_table(b.column(self.row), b.column(self.column))
            yield from t.to_batches()


class _BucketPairs:
    """``left, right`` from ``rows`` (the sorted ids of one band bucket) per line."""

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from ._dedup_scale import pairs_of_buckets, pairs_table

        for b in batches:
            left, right = pairs_of_buckets(b.column("rows").to_pylist())
            yield from pairs_table(left, right).to_batches()


class _Scores:
    """``left, right, score`` of the pairs of each batch (``a``, ``b``: texts or signatures)."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec

    def __call__(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        for b in batches:
            score = pa.array(self.spec.scores(b.column("a"), b.column("b")))
            yield pa.RecordBatch.from_arrays([b.column("left"), b.column("right"), score],
                                             names=["left", "right", "score"])


def near_duplicates(df: Any, column: str, threshold: float = 0.8, num_perm: int = 128,
                    ngram: int = 5, normalizer: Any = "search", on: str = "text", *,
                    seed: int = 0, verify: str = "exact", row_column: str | None = None,
                    output_column: str = "cluster_id") -> Any:
    """``df`` with ``output_column``: per row the least row id of its cluster of
    near-duplicates of ``column`` (null where the text is), as :func:`khabar.near_duplicates`
    gives on the same rows.

    Row ids are ``row_column`` (distinct integers) when given, else the rows' positions in
    ``df``'s order (0-based, numbered with ``zipWithIndex``), which is what
    :func:`khabar.near_duplicates` calls them on the collected column. The other arguments
    are those of :func:`khabar.near_duplicates`. The edges (exact copies and kept pairs) are
    collected on the driver for the connected components: a few bytes per duplicate.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import (ArrayType, BinaryType, DoubleType, LongType, StructField,
                                   StructType)

    from ._dedup_scale import DedupSpec
    from ._khabar import components

    spec = DedupSpec(threshold, num_perm, ngram, normalizer, on, seed, verify)
    spark = df.sparkSession
    if row_column is None:
        row_column = "__khabar_row"
        numbered = df.rdd.zipWithIndex().map(lambda p: (*p[0], p[1]))
        df = spark.createDataFrame(numbered, df.schema.add(row_column, LongType(), False))
        drop_row = True
    else:
        drop_row = False
    df = df.persist()
    texts = df.select(F.col(row_column).cast("long").alias("row"), F.col(column).alias("text"))
    fields = [StructField("row", LongType(), False), StructField("key_hi", LongType()),
              StructField("key_lo", LongType()), StructField("bands", ArrayType(LongType(), False))]
    if spec.verify == "signature":
        fields.append(StructField("signature", BinaryType()))
    sk = texts.mapInArrow(_Sketch(spec, "text", "row"), StructType(fields))
    w = sk.groupBy("key_hi", "key_lo").agg(F.min("row").alias("rep"))
    keyed = sk.join(w, ["key_hi", "key_lo"])
    exact = keyed.where(F.col("row") != F.col("rep")).select(
        F.col("rep").alias("left"), F.col("row").alias("right"))
    reps = keyed.where(F.col("row") == F.col("rep")).drop("rep")
    lines = reps.select("row", F.posexplode("bands").alias("band", "bkey"))
    buckets = lines.groupBy("band", "bkey").agg(F.array_sort(F.collect_list("row")).alias("rows"))
    pair_schema = StructType([StructField("left", LongType(), False),
                              StructField("right", LongType(), False)])
    pairs = buckets.where(F.size("rows") > 1).mapInArrow(_BucketPairs(), pair_schema).distinct()
    side = texts if spec.verify == "exact" else reps.select("row", F.col("signature").alias("text"))
    scored = (pairs.join(side.select(F.col("row").alias("left"), F.col("text").alias("a")), "left")
              .join(side.select(F.col("row").alias("right"), F.col("text").alias("b")), "right")
              .select("left", "right", "a", "b"))
    score_schema = StructType(pair_schema.fields + [StructField("score", DoubleType())])
    kept = (scored.mapInArrow(_Scores(spec), score_schema)
            .where(F.col("score") >= spec.threshold).select("left", "right"))
    edges = exact.unionByName(kept).collect()
    nodes, labels = components([e[0] for e in edges], [e[1] for e in edges])
    label_schema = StructType([StructField("__khabar_node", LongType(), False),
                               StructField("__khabar_label", LongType(), False)])
    found = spark.createDataFrame(list(zip(nodes, labels)), label_schema)
    out = df.join(F.broadcast(found) if len(nodes) < 1_000_000 else found,
                  F.col(row_column).cast("long") == F.col("__khabar_node"), "left")
    cluster = F.when(F.col(column).isNull(), F.lit(None)).otherwise(
        F.coalesce(F.col("__khabar_label"), F.col(row_column).cast("long")))
    out = out.withColumn(output_column, cluster.cast("long")).drop("__khabar_node", "__khabar_label")
    out = out.orderBy(row_column)
    return out.drop(row_column) if drop_row else out
