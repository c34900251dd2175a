"""The batch calling convention: one place that routes every kind of input and puts results
back into the caller's type.

The Rust core takes ``str``, sequences of ``str | None`` and anything that speaks the Arrow
PyCapsule interface, and gives back ``str``/lazy results, lists, or Arrow objects. This module
only wraps those for the caller: a pandas Series keeps its index, name and (for text) dtype; a
polars Series its name; a pyarrow Array stays an Array and a ChunkedArray a ChunkedArray.
pandas, polars and pyarrow are imported only when the caller already handed us one of their
objects.

What a function gives per row decides how a Series result is typed (``Out``):

* ``"text"`` — a string per row (``normalize``, ``stem_words``): the Series keeps its dtype;
* ``"lists"`` — a list per row (``tokenize``, ``sentences``, ``stem``): an Arrow list dtype for
  an Arrow-backed Series, Python objects otherwise;
* ``"flags"`` — a bool per row (``is_stopword``);
* ``"struct"`` — text and alignment per row (``normalize(..., return_offsets=True)``): a
  DataFrame with ``text`` and ``alignment`` columns for pandas;
* ``"records"`` — a record per row (``parse``): one object for a ``str``, a table for a
  column (a pandas DataFrame on the Series' index, a polars DataFrame, a pyarrow Table);
* ``"signatures"`` — a fixed-size array of numbers per row (``minhash``): an Arrow
  ``fixed_size_list`` dtype for a Series, numpy for a ``str`` or a list;
* ``"clusters"`` — an integer per row that depends on the whole column (``near_duplicates``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Literal

from ._errors import KhabarError
from ._progress import Progress

Out = Literal["text", "lists", "flags", "struct", "records", "signatures", "clusters"]

#: Text bytes per chunk when a long call is split (progress, Ctrl-C between chunks).
CHUNK_BYTES = 64 << 20


def family(x: Any) -> str:
    """``"pandas"``, ``"polars"``, ``"pyarrow"``, ``"dask"`` ... : the library ``x`` comes from."""
    return type(x).__module__.partition(".")[0]


def relabel(err: KhabarError, index: Any) -> KhabarError:
    """Add the pandas index label to an error that names a row position."""
    row = getattr(err, "row", None)
    if row is None or row >= len(index):
        return err
    new = type(err)(f"{err} (index label {index[row]!r})")
    new.row = row
    return new


def pandas_is_arrow(s: Any) -> bool:
    """Whether a pandas Series holds its text in Arrow (``str``/``string[pyarrow]``/ArrowDtype)."""
    dtype = s.dtype
    return getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype"


def _pandas(fn: Callable[[Any], Any], s: Any, out: Out, table: Callable[[Any], Any] | None) -> Any:
    import pandas as pd

    arrow = pandas_is_arrow(s)
    if arrow:
        import pyarrow as pa

        # The Series' own Arrow stream: its chunks go in as they are, never merged.
        rows: Any = pa.chunked_array(s)
    else:
        rows = s.tolist()
    try:
        result = table(rows) if out == "records" and table is not None else fn(rows)
    except KhabarError as e:
        raise relabel(e, s.index) from None
    if out == "records":
        import pyarrow as pa

        df = pa.table(result).to_pandas(types_mapper=pd.ArrowDtype)
        df.index = s.index
        return df
    if out == "struct":
        if arrow:
            import pyarrow as pa

            result = pa.array(result)
            text, align = result.field("text"), result.field("alignment").to_pylist()
        else:
            text = [r[0] if isinstance(r, tuple) else r for r in result]
            align = [r[1] if isinstance(r, tuple) else None for r in result]
        return pd.DataFrame({"text": pd.Series(text, index=s.index, dtype=s.dtype),
                             "alignment": pd.Series(align, index=s.index, dtype=object)})
    if arrow:
        import pyarrow as pa

        result = pa.chunked_array(result)
        dtype = s.dtype if out == "text" else pd.ArrowDtype(result.type)
        return pd.Series(result, index=s.index, name=s.name, dtype=dtype, copy=False)
    dtype = {"text": s.dtype, "lists": object}.get(out)
    return pd.Series(result, index=s.index, name=s.name, dtype=dtype)


def apply(fn: Callable[[Any], Any], x: Any, out: Out,
          table: Callable[[Any], Any] | None = None) -> Any:
    """Run the core function ``fn`` on ``x`` and return the result in ``x``'s type.

    ``table`` is the core function that builds a table for a column (``out="records"``).
    """
    lib = family(x)
    if lib == "pandas" and hasattr(x, "index"):
        return _pandas(fn, x, out, table)
    if lib == "polars" and hasattr(x, "name"):
        import polars as pl

        if out == "records":
            assert table is not None
            return pl.DataFrame(table(x))
        return pl.Series(x.name, fn(x))
    if lib == "pyarrow":
        import pyarrow as pa

        if out == "records":
            assert table is not None
            return pa.table(table(x))
        result = fn(x)
        if out != "struct" and isinstance(x, pa.ChunkedArray):
            return pa.chunked_array(result)
        return pa.array(result)
    if out == "records" and table is not None and not isinstance(x, str) and (
            hasattr(x, "__arrow_c_stream__") or hasattr(x, "__arrow_c_array__")):
        return table(x)
    return fn(x)


# --- long calls in chunks: progress and Ctrl-C between them ------------------------------------


def _text_bytes(x: Any) -> int:
    lib = family(x)
    if lib == "pandas":
        if type(x.dtype).__name__ in ("StringDtype", "ArrowDtype"):
            return int(x.nbytes)
        sample = x.iloc[:256].tolist()
    elif lib == "polars":
        return int(x.estimated_size())
    elif lib == "pyarrow":
        return int(x.nbytes)
    else:
        sample = list(x[:256])
    n = sum(len(s) for s in sample if isinstance(s, str))
    return 2 * n * len(x) // max(len(sample), 1)


def _slices(x: Any, step: int) -> Iterator[Any]:
    lib = family(x)
    for start in range(0, len(x), step):
        if lib == "pandas":
            yield x.iloc[start:start + step]
        elif lib in ("polars", "pyarrow"):
            yield x.slice(start, step)
        else:
            yield x[start:start + step]


def _join(parts: list[Any], like: Any) -> Any:
    first = parts[0]
    lib = family(first)
    if lib == "pandas":
        import pandas as pd

        return pd.concat(parts)
    if lib == "polars":
        import polars as pl

        return pl.concat(parts, rechunk=False)
    if lib == "pyarrow":
        import pyarrow as pa

        if isinstance(first, pa.Table):
            return pa.concat_tables(parts)
        if isinstance(first, pa.RecordBatch):
            return pa.Table.from_batches(parts)
        chunks = [c for p in parts for c in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])]
        if isinstance(like, pa.ChunkedArray):
            return pa.chunked_array(chunks, type=first.type)
        return pa.concat_arrays(chunks)
    return [v for p in parts for v in p]


def map_chunks(fn: Callable[[Any], Any], x: Any, *, progress: Any = False,
               chunk_rows: int | None = None) -> Any:
    """Apply a khabar batch function to ``x`` chunk by chunk; results joined in ``x``'s type.

    Each chunk runs in Rust without the GIL; between chunks Python handles signals (Ctrl-C)
    and advances the progress bar. Chunks of Arrow-backed columns are zero-copy slices, and
    their Arrow results are joined as chunks, without a copy. A column small enough for one
    chunk (and no progress asked) is one plain call.

    >>> import khabar
    >>> map_chunks(khabar.normalize, ["كِتَابٌ", None, "قَلَمٌ"], chunk_rows=2)
    ['كتاب', None, 'قلم']
    """
    n = len(x)
    if chunk_rows is None:
        nbytes = _text_bytes(x)
        chunk_rows = max(1, n * CHUNK_BYTES // nbytes) if nbytes else max(n, 1)
    if n <= chunk_rows and not progress:
        return fn(x)
    parts = []
    with Progress(progress, n) as bar:
        for part in _slices(x, chunk_rows):
            parts.append(fn(part))
            bar.update(len(part))
    if not parts:
        return fn(x)
    return _join(parts, x)
