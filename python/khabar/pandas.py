"""``Series.khabar``: khabar's column functions as a pandas accessor.

``import khabar.pandas`` registers it. Every column function of khabar is there with its own
arguments (see :data:`khabar._namespace.COLUMN_FUNCTIONS`): ``normalize``, ``tokenize``,
``sentences``, ``stem``, ``stem_words``, ``is_stopword``, ``parse``, ``minhash`` and
``near_duplicates`` (which compares the whole Series at once, never in chunks). Results are aligned on
the Series' index: a Series with the same index and name (an Arrow-backed ``str`` Series stays
Arrow-backed, zero-copy in), or for ``parse()`` a DataFrame with one row per input row.
Missing rows stay missing. ``progress=True`` shows a progress bar; long calls run in chunks
and stop on Ctrl-C between chunks.

>>> import pandas as pd
>>> import khabar.pandas
>>> s = pd.Series(["مَدْرَسَــةٌ", None, "كِتَابٌ"], index=[10, 20, 30], name="body")
>>> s.khabar.normalize().tolist()
['مدرسة', nan, 'كتاب']
>>> s.khabar.normalize(preset="basic").index.tolist()
[10, 20, 30]
>>> s.khabar.tokenize(offsets=False)[10]
['مَدْرَسَــةٌ']
>>> s.khabar.stem_words().tolist()
['مدرس', nan, 'كتاب']
>>> s.khabar.parse().loc[30, "title"]
'كِتَابٌ'
"""

from __future__ import annotations

import inspect
from typing import Any

import pandas as pd

from ._namespace import Call, ColumnFunction, install
from ._batch import map_chunks

__all__ = ["KhabarSeriesAccessor"]


@pd.api.extensions.register_series_accessor("khabar")
class KhabarSeriesAccessor:
    """khabar on a text Series: ``s.khabar.normalize()``, ``.tokenize()``, ``.sentences()``,
    ``.stem()``, ``.stem_words()``, ``.is_stopword()``, ``.parse()``."""

    def __init__(self, series: pd.Series) -> None:
        self._s = series


def _run(acc: KhabarSeriesAccessor, fn: ColumnFunction, call: Call, *, progress: Any) -> Any:
    if not fn.per_row:
        return call(acc._s)
    return map_chunks(call, acc._s, progress=progress)


install(
    KhabarSeriesAccessor, _run,
    first=[inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)],
    extra=[inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=False,
                             annotation="Any")],
)
