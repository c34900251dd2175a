"""khabar — parse raw Arabic news articles and normalize Arabic text, fast.

Two functions do the work, and both take one string or a whole column:

* :func:`normalize` — table-driven Arabic normalization (marks, tatweel, letter folding).
* :func:`parse` — split a raw article into title, lead, paragraphs, author, bio, related
  headlines and boilerplate, with code-point offsets into the input.

A column is a list/tuple/iterable of ``str | None``, a pandas Series, a polars Series or a
pyarrow (Chunked)Array; the result comes back in the same shape, missing rows kept missing.
The work runs in Rust without the GIL, in parallel over rows.

>>> import khabar
>>> khabar.normalize("الْعَرَبِيَّةُ")
'العربية'
>>> khabar.normalize(["إِلَى الْمَدْرَسَةِ", None], preset="basic")
['الي المدرسه', None]
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, overload

from . import _batch
from ._errors import KhabarError, KhabarInternalError, KhabarTypeError, KhabarValueError
from ._khabar import Normalizer, __version__
from ._khabar import parse as _parse
from ._khabar import presets as _presets
from ._khabar import rules as _rules
from .article import ROW_COLUMNS, Article, Record, to_row

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = [
    "Article",
    "KhabarError",
    "KhabarInternalError",
    "KhabarTypeError",
    "KhabarValueError",
    "Normalizer",
    "Record",
    "__version__",
    "normalize",
    "parse",
    "presets",
    "rules",
]


@lru_cache(maxsize=64)
def _normalizer(preset: str, rules: tuple[tuple[str, bool], ...]) -> Normalizer:
    return Normalizer(preset, **dict(rules))


@overload
def normalize(x: str, preset: str = ..., **rules: bool) -> str: ...
@overload
def normalize(x: list[str | None], preset: str = ..., **rules: bool) -> list[str | None]: ...
@overload
def normalize(x: Iterable[str | None], preset: str = ..., **rules: bool) -> Any: ...


def normalize(x: Any, preset: str = "ml_clean", **rules: bool) -> Any:
    """Normalize Arabic text: one string or a whole column.

    ``preset`` picks a set of rules (see :func:`presets`); keyword arguments switch single
    rules on or off (see :func:`rules`). The default, ``"ml_clean"``, removes tanween, short
    vowels, shadda, sukun, the dagger alef and tatweel and keeps every letter; ``"basic"`` adds
    the three classic letter folds (أ إ آ ٱ → ا, ى → ي, ة → ه); ``"search"`` is exactly
    Lucene's ArabicNormalizationFilter.

    Args:
        x: a ``str``; a list, tuple or iterable of ``str | None``; a pandas Series; a polars
            Series; or a pyarrow Array/ChunkedArray of strings (or any object exposing the
            Arrow PyCapsule interface).
        preset: name of the preset to start from.
        **rules: rule names with ``True``/``False``.

    Returns:
        The same kind of thing as ``x``: ``str`` for ``str``, ``list`` for a sequence, a Series
        with the same index, name and dtype for a Series, Arrow for Arrow. Missing rows (None,
        NaN, ``pd.NA``, Arrow nulls) stay missing in the same place.

    Raises:
        KhabarTypeError: ``x`` is not text or a column of text (the message names the row), or
            a rule name is unknown (the message lists the valid ones).
        KhabarValueError: the preset is unknown, or a string holds a lone surrogate.

    >>> normalize("مَدْرَسَــةٌ")
    'مدرسة'
    >>> normalize("أَحْمَد", preset="basic")
    'احمد'
    >>> normalize("مدرسة", fold_teh_marbuta=True)
    'مدرسه'
    >>> normalize(("كِتَاب", None))
    ['كتاب', None]
    """
    n = _normalizer(preset, tuple(sorted(rules.items())))
    return _batch.map_text(n.normalize, x)


@overload
def parse(x: str) -> Article: ...
@overload
def parse(x: list[str | None]) -> list[Article | None]: ...
@overload
def parse(x: Any) -> Any: ...


def parse(x: Any) -> Any:
    """Parse raw article text into a structured :class:`Article`.

    Plain-text articles as scraped: an optional junk line, a title, a lead, paragraphs
    (separated by blank lines or lines holding only no-break spaces), a byline such as
    ``Written by …`` or ``كتب: …``, an author bio ending in a read-more link, related
    headlines. Every span carries code-point offsets into ``x`` (``x[s.start:s.end] ==
    s.text``). Parsing never raises on odd text: what it cannot place is kept and reported in
    ``warnings``.

    Args:
        x: a ``str``, or a column of them (list/iterable, pandas or polars Series, pyarrow
            array).

    Returns:
        An :class:`Article` for a ``str``; a list of ``Article | None`` for a list or iterable;
        for a pandas Series a DataFrame with the Series' index (one row per input row, columns
        :data:`khabar.article.ROW_COLUMNS`); a polars DataFrame for a polars Series; a pyarrow
        Table for pyarrow input.

    >>> a = parse("حفتر يلتقي بمدير المخابرات\\n\\nاستقبل المشير خليفة حفتر مدير المخابرات.")
    >>> a.title.text
    'حفتر يلتقي بمدير المخابرات'
    >>> len(a.paragraphs)
    1
    >>> parse(["عنوان\\n\\nنص الخبر.", None])[1] is None
    True
    """
    if isinstance(x, str):
        return Article(_parse(x))
    family, dicts = _batch.map_records(_parse, x)
    articles = [None if d is None else Article(d) for d in dicts]
    if family == "python":
        return articles
    rows = [to_row(a) for a in articles]
    columns = {c: [None if r is None else r[c] for r in rows] for c in ROW_COLUMNS}
    if family == "pandas":
        import pandas as pd

        return pd.DataFrame(columns, index=x.index)
    if family == "polars":
        import polars as pl

        return pl.DataFrame(columns)
    import pyarrow as pa

    return pa.table(columns)


def rules() -> dict[str, str]:
    """Every normalization rule with what it does.

    >>> rules()["strip_tatweel"]
    'remove tatweel U+0640'
    """
    return dict(_rules())


def presets() -> dict[str, list[str]]:
    """Every preset with the rules it turns on.

    >>> presets()["ml_clean"]
    ['strip_harakat', 'strip_dagger_alef', 'strip_tatweel']
    """
    return {name: list(r) for name, _desc, r in _presets()}
