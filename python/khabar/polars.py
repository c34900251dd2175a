"""``Series.khabar`` and ``Expr.khabar``: khabar's column functions in polars.

``import khabar.polars`` registers both namespaces, each with every column function of khabar
and its own arguments (see :data:`khabar._namespace.COLUMN_FUNCTIONS`). Columns reach Rust
through polars' Arrow PyCapsule export (``__arrow_c_stream__``), zero-copy; results come back
as polars Series (``parse`` on a Series: a DataFrame; in an expression: a Struct). A
pyo3-polars plugin would run inside polars' engine, but it cannot share one build with
pyo3-arrow (only one pyo3 version links), so expressions use ``map_batches``.

>>> import polars as pl
>>> import khabar.polars
>>> s = pl.Series("body", ["مَدْرَسَــةٌ", None])
>>> s.khabar.normalize().to_list()
['مدرسة', None]
>>> s.khabar.is_stopword().to_list()
[False, None]
>>> df = pl.DataFrame({"body": ["إِلَى الْمَدْرَسَةِ"]})
>>> df.select(pl.col("body").khabar.normalize(preset="basic")).item()
'الي المدرسه'
>>> df.select(pl.col("body").khabar.parse().struct.field("title")).item()
'إِلَى الْمَدْرَسَةِ'
"""

from __future__ import annotations

import inspect
from typing import Any

import polars as pl

from ._namespace import Call, ColumnFunction, install
from ._batch import map_chunks

__all__ = ["KhabarExprNamespace", "KhabarSeriesNamespace"]

_SELF = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)]


@pl.api.register_series_namespace("khabar")
class KhabarSeriesNamespace:
    """khabar on a polars String Series: ``s.khabar.normalize()``, ``.tokenize()``,
    ``.sentences()``, ``.stem()``, ``.stem_words()``, ``.is_stopword()``, ``.parse()``."""

    def __init__(self, series: pl.Series) -> None:
        self._s = series


@pl.api.register_expr_namespace("khabar")
class KhabarExprNamespace:
    """khabar in polars expressions: ``pl.col("body").khabar.normalize()`` and the others."""

    def __init__(self, expr: pl.Expr) -> None:
        self._e = expr


def _run_series(ns: KhabarSeriesNamespace, fn: ColumnFunction, call: Call, *,
                progress: Any) -> Any:
    if not fn.per_row:
        return call(ns._s)
    return map_chunks(call, ns._s, progress=progress)


class _ExprCall:
    """The batch function of an expression: a Series in, a Series out (a Struct for records)."""

    def __init__(self, fn: ColumnFunction, call: Call) -> None:
        self.fn, self.call = fn, call

    def __call__(self, s: pl.Series) -> pl.Series:
        out = self.call(s)
        if self.fn.out == "records":
            return out.to_struct(s.name)
        return out


def _run_expr(ns: KhabarExprNamespace, fn: ColumnFunction, call: Call) -> pl.Expr:
    batch = _ExprCall(fn, call)
    dtype = batch(pl.Series("", [], dtype=pl.String)).dtype
    return ns._e.map_batches(batch, return_dtype=dtype)


install(KhabarSeriesNamespace, _run_series, first=_SELF,
        extra=[inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=False,
                                 annotation="Any")])
install(KhabarExprNamespace, _run_expr, first=_SELF)
