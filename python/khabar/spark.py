"""khabar over Spark with ``mapInArrow``: pure Arrow from the JVM to Rust and back.

.. code-block:: python

    from pyspark.sql import SparkSession
    import khabar.spark

    spark = (SparkSession.builder.master("local[2]")
             .config(map=khabar.spark.config(threads=1)).getOrCreate())
    df = spark.read.parquet("news.parquet")
    clean = khabar.spark.normalize(df, "body", preset="basic", output_column="clean")
    articles = khabar.spark.parse(df, "body", keep=["id"])

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

__all__ = ["config", "normalize", "parse"]


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
