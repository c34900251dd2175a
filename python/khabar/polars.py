"""``Series.khabar`` and ``Expr.khabar``: khabar in polars.

``import khabar.polars`` registers both namespaces. Columns reach Rust through polars' Arrow
PyCapsule export (``__arrow_c_stream__``), zero-copy; results come back as polars Series. (A
pyo3-polars plugin would run inside polars' engine, but it cannot share one build with
pyo3-arrow: only one pyo3 version links. Expressions therefore use ``map_batches``.)

>>> import polars as pl
>>> import khabar.polars
>>> s = pl.Series("body", ["مَدْرَسَــةٌ", None])
>>> s.khabar.normalize().to_list()
['مدرسة', None]
>>> df = pl.DataFrame({"body": ["إِلَى الْمَدْرَسَةِ"]})
>>> df.select(pl.col("body").khabar.normalize(preset="basic")).item()
'الي المدرسه'
>>> df.select(pl.col("body").khabar.parse().struct.field("title")).item()
'إِلَى الْمَدْرَسَةِ'
"""

from __future__ import annotations

from typing import Any, Callable, Literal

import polars as pl

from . import _tokens
from ._normalize import core_normalizer, normalize
from .io import map_chunks

__all__ = ["KhabarExprNamespace", "KhabarSeriesNamespace"]


def _parse_struct(s: pl.Series) -> pl.Series:
    from . import parse

    return parse(s).to_struct(s.name)


def _out_dtype(fn: Callable[[pl.Series], pl.Series]) -> pl.DataType:
    """The dtype ``fn`` gives, from a call on an empty column."""
    return fn(pl.Series("", [], dtype=pl.String)).dtype


@pl.api.register_series_namespace("khabar")
class KhabarSeriesNamespace:
    """khabar on a polars String Series: ``s.khabar.normalize()``, ``.tokenize()``,
    ``.sentences()``, ``.stem()``, ``.parse()``."""

    def __init__(self, series: pl.Series) -> None:
        self._s = series

    def normalize(self, preset: str = "ml_clean", *, progress: Any = False,
                  **rules: Any) -> pl.Series:
        """Normalize every row (see :func:`khabar.normalize`).

        >>> pl.Series(["أَحْمَد"]).khabar.normalize(preset="search").to_list()
        ['احمد']
        """
        core_normalizer(preset, rules)
        return map_chunks(lambda x: normalize(x, preset, **rules), self._s, progress=progress)

    def tokenize(self, *, offsets: bool = True, normalizer: Any = None, clitics: bool = False,
                 drop_stopwords: bool = False, progress: Any = False) -> pl.Series:
        """Tokens of every row: a ``List(Struct)`` Series (``List(String)`` with
        ``offsets=False``).

        >>> pl.Series(["قال: نعم"]).khabar.tokenize(offsets=False).to_list()
        [['قال', ':', 'نعم']]
        """
        return map_chunks(
            lambda x: _tokens.tokenize(x, offsets=offsets, normalizer=normalizer,
                                       clitics=clitics, drop_stopwords=drop_stopwords),
            self._s, progress=progress)

    def sentences(self, *, offsets: bool = True, progress: Any = False) -> pl.Series:
        """Sentences of every row.

        >>> pl.Series(["نعم. لا"]).khabar.sentences(offsets=False).to_list()
        [['نعم.', 'لا']]
        """
        return map_chunks(lambda x: _tokens.sentences(x, offsets=offsets), self._s,
                          progress=progress)

    def stem(self, algorithm: Literal["light10", "isri"] = "light10", *,
             drop_stopwords: bool = False, progress: Any = False) -> pl.Series:
        """Stems of the words of every row.

        >>> pl.Series(["والمكتبات"]).khabar.stem().to_list()
        [['مكتب']]
        """
        return map_chunks(lambda x: _tokens.stem(x, algorithm, drop_stopwords=drop_stopwords),
                          self._s, progress=progress)

    def parse(self, *, progress: Any = False) -> pl.DataFrame:
        """Parse every row as an article: a DataFrame, one row per input row.

        >>> pl.Series(["عنوان\\n\\nنص الخبر."]).khabar.parse()["title"].to_list()
        ['عنوان']
        """
        from . import parse

        return map_chunks(parse, self._s, progress=progress)


@pl.api.register_expr_namespace("khabar")
class KhabarExprNamespace:
    """khabar in polars expressions: ``pl.col("body").khabar.normalize()`` and friends."""

    def __init__(self, expr: pl.Expr) -> None:
        self._e = expr

    def _map(self, fn: Callable[[pl.Series], pl.Series]) -> pl.Expr:
        return self._e.map_batches(fn, return_dtype=_out_dtype(fn))

    def normalize(self, preset: str = "ml_clean", **rules: Any) -> pl.Expr:
        """Normalized text (String).

        >>> pl.DataFrame({"t": ["كِتَاب"]}).select(pl.col("t").khabar.normalize()).item()
        'كتاب'
        """
        core_normalizer(preset, rules)
        return self._e.map_batches(lambda s: normalize(s, preset, **rules),
                                   return_dtype=pl.String)

    def tokenize(self, *, offsets: bool = True, normalizer: Any = None, clitics: bool = False,
                 drop_stopwords: bool = False) -> pl.Expr:
        """Tokens (List(Struct), or List(String) with ``offsets=False``)."""
        return self._map(lambda s: _tokens.tokenize(
            s, offsets=offsets, normalizer=normalizer, clitics=clitics,
            drop_stopwords=drop_stopwords))

    def sentences(self, *, offsets: bool = True) -> pl.Expr:
        """Sentences (List(Struct), or List(String) with ``offsets=False``)."""
        return self._map(lambda s: _tokens.sentences(s, offsets=offsets))

    def stem(self, algorithm: Literal["light10", "isri"] = "light10", *,
             drop_stopwords: bool = False) -> pl.Expr:
        """Stems (List(String))."""
        return self._map(lambda s: _tokens.stem(s, algorithm, drop_stopwords=drop_stopwords))

    def parse(self) -> pl.Expr:
        """The parsed article as a Struct (fields: :data:`khabar.article.ROW_COLUMNS`);
        ``.struct.unnest()`` spreads it into columns."""
        return self._map(_parse_struct)
