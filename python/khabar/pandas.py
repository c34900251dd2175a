"""``Series.khabar``: khabar's text functions as a pandas accessor.

``import khabar.pandas`` registers it. Results are aligned on the Series' index: text
functions return a Series with the same index and name (an Arrow-backed ``str`` Series stays
Arrow-backed, zero-copy in), ``parse()`` a DataFrame with one row per input row. Missing rows
stay missing. ``progress=True`` shows a progress bar; long calls run in chunks and stop on
Ctrl-C between chunks.

>>> import pandas as pd
>>> import khabar.pandas
>>> s = pd.Series(["مَدْرَسَــةٌ", None, "كِتَابٌ"], index=[10, 20, 30], name="body")
>>> s.khabar.normalize().tolist()
['مدرسة', nan, 'كتاب']
>>> s.khabar.normalize(preset="basic").index.tolist()
[10, 20, 30]
>>> s.khabar.tokenize(offsets=False)[10]
['مَدْرَسَــةٌ']
>>> s.khabar.parse().loc[30, "title"]
'كِتَابٌ'
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from . import _tokens
from ._batch import _pandas_is_arrow
from ._normalize import core_normalizer, normalize
from .io import CHUNK_BYTES, map_chunks

__all__ = ["KhabarSeriesAccessor"]


def _arrow_text_map(fn: Any, s: pd.Series, progress: Any) -> pd.Series:
    """An Arrow-backed Series through a text -> text core function: the Arrow column goes in
    zero-copy (PyCapsule), chunks are Arrow slices, and the output chunks become the new
    Series' buffers as they are."""
    import pyarrow as pa

    column = pa.chunked_array(s)
    n = len(column)
    step = max(1, n * CHUNK_BYTES // column.nbytes) if column.nbytes else max(n, 1)
    if n <= step and not progress:
        out = pa.chunked_array(fn(column))
    else:
        from ._progress import Progress

        chunks: list[Any] = []
        with Progress(progress, n) as bar:
            for start in range(0, n, step):
                part = column.slice(start, step)
                chunks.extend(pa.chunked_array(fn(part)).chunks)
                bar.update(len(part))
        out = pa.chunked_array(chunks, type=chunks[0].type if chunks else column.type)
    return pd.Series(out, index=s.index, name=s.name, dtype=s.dtype, copy=False)


@pd.api.extensions.register_series_accessor("khabar")
class KhabarSeriesAccessor:
    """khabar on a text Series: ``s.khabar.normalize()``, ``.tokenize()``, ``.sentences()``,
    ``.stem()``, ``.parse()``."""

    def __init__(self, series: pd.Series) -> None:
        self._s = series

    def normalize(self, preset: str = "ml_clean", *, progress: Any = False,
                  **rules: Any) -> pd.Series:
        """Normalize every row (see :func:`khabar.normalize`); same index, name and dtype.

        >>> pd.Series(["إِلَى"], index=["a"]).khabar.normalize(preset="basic")["a"]
        'الي'
        """
        core = core_normalizer(preset, rules)  # unknown rules and presets fail before any work
        s = self._s
        if _pandas_is_arrow(s):
            return _arrow_text_map(core.normalize, s, progress)
        return map_chunks(lambda x: normalize(x, preset, **rules), s, progress=progress)

    def tokenize(self, *, offsets: bool = True, normalizer: Any = None, clitics: bool = False,
                 drop_stopwords: bool = False, progress: Any = False) -> pd.Series:
        """Tokens of every row (see :func:`khabar.tokenize`): one list per row.

        >>> pd.Series(["قال: نعم"]).khabar.tokenize(offsets=False)[0]
        ['قال', ':', 'نعم']
        """
        return map_chunks(
            lambda x: _tokens.tokenize(x, offsets=offsets, normalizer=normalizer,
                                       clitics=clitics, drop_stopwords=drop_stopwords),
            self._s, progress=progress)

    def sentences(self, *, offsets: bool = True, progress: Any = False) -> pd.Series:
        """Sentences of every row (see :func:`khabar.sentences`).

        >>> pd.Series(["نعم. لا"]).khabar.sentences(offsets=False)[0]
        ['نعم.', 'لا']
        """
        return map_chunks(lambda x: _tokens.sentences(x, offsets=offsets), self._s,
                          progress=progress)

    def stem(self, algorithm: Literal["light10", "isri"] = "light10", *,
             drop_stopwords: bool = False, progress: Any = False) -> pd.Series:
        """Stems of the words of every row (see :func:`khabar.stem`).

        >>> pd.Series(["والمكتبات الجديدة"]).khabar.stem()[0]
        ['مكتب', 'جديد']
        """
        return map_chunks(lambda x: _tokens.stem(x, algorithm, drop_stopwords=drop_stopwords),
                          self._s, progress=progress)

    def parse(self, *, progress: Any = False) -> pd.DataFrame:
        """Parse every row as an article: a DataFrame aligned on the Series' index, with the
        columns of :data:`khabar.article.ROW_COLUMNS` (a missing row is a row of nulls).

        >>> df = pd.Series(["عنوان\\n\\nنص الخبر.", None], index=["x", "y"]).khabar.parse()
        >>> df.loc["x", "title"], df.index.tolist()
        ('عنوان', ['x', 'y'])
        """
        from . import parse

        return map_chunks(parse, self._s, progress=progress)
