"""The batch calling convention, on the Python side.

The Rust core accepts ``str``, sequences of ``str | None`` and anything that speaks the Arrow
PyCapsule interface. This module only puts results back into the caller's type: a pandas
Series keeps its index, name and dtype; a polars Series its name; a pyarrow Array stays an
Array and a ChunkedArray a ChunkedArray. pandas, polars and pyarrow are imported only when the
caller already handed us one of their objects.
"""

from __future__ import annotations

from typing import Any, Callable

from ._errors import KhabarError


def _family(x: Any) -> str:
    return type(x).__module__.partition(".")[0]


def _relabel(err: KhabarError, index: Any) -> KhabarError:
    """Add the pandas index label to an error that names a row position."""
    row = getattr(err, "row", None)
    if row is None or row >= len(index):
        return err
    new = type(err)(f"{err} (index label {index[row]!r})")
    new.row = row
    return new


def _pandas_is_arrow(s: Any) -> bool:
    dtype = s.dtype
    return getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == "ArrowDtype"


def map_text(fn: Callable[[Any], Any], x: Any) -> Any:
    """Apply a text -> text core function to ``x``, returning the caller's type."""
    family = _family(x)
    if family == "pandas" and hasattr(x, "index"):
        import pandas as pd

        if _pandas_is_arrow(x):
            import pyarrow as pa

            # The Series' own Arrow stream: its chunks go in as they are, never merged.
            out = pa.chunked_array(fn(pa.chunked_array(x)))
            return pd.Series(out, index=x.index, name=x.name, dtype=x.dtype, copy=False)
        try:
            out = fn(x.tolist())
        except KhabarError as e:
            raise _relabel(e, x.index) from None
        return pd.Series(out, index=x.index, name=x.name, dtype=x.dtype)
    if family == "polars" and hasattr(x, "name"):
        import polars as pl

        return pl.Series(x.name, fn(x))
    if family == "pyarrow":
        import pyarrow as pa

        out = fn(x)
        if isinstance(x, pa.ChunkedArray):
            return pa.chunked_array(out)
        return pa.array(out)
    return fn(x)


def map_records(fn: Callable[[Any], Any], x: Any) -> tuple[str, Any]:
    """Apply a text -> record function; says which family the input came from."""
    family = _family(x)
    if family == "pandas" and hasattr(x, "index"):
        try:
            return "pandas", fn(x if _pandas_is_arrow(x) else x.tolist())
        except KhabarError as e:
            raise _relabel(e, x.index) from None
    if family in ("polars", "pyarrow"):
        return family, fn(x)
    return "python", fn(x)
