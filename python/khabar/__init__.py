"""khabar — parse raw Arabic news articles and normalize Arabic text, fast.

Two functions do the work, and both take one string or a whole column:

* :func:`normalize` — table-driven Arabic normalization: Unicode fixes, marks, tatweel,
  letter folds, digits, punctuation, invisible characters, whitespace, elongation, masks —
  each rule switchable by name, with offsets back to the input on request.
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

from typing import TYPE_CHECKING, Any, overload

from . import _batch
from ._errors import KhabarError, KhabarInternalError, KhabarTypeError, KhabarValueError
from . import align
from ._khabar import Alignment, __version__
from ._khabar import parse as _parse
from ._khabar import parse_table as _parse_table
from ._normalize import Normalizer, normalize, presets, rule_details, rules
from .io import iter_corpus, process_corpus, read_corpus, write_corpus
from .article import Article, Record
from ._tokens import (
    Sentence,
    Token,
    is_stopword,
    sentences,
    stem,
    stem_words,
    stopwords,
    tokenize,
)

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = [
    "Alignment",
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
    "rule_details",
    "rules",
    "align",
    "Sentence",
    "Token",
    "is_stopword",
    "sentences",
    "stem",
    "stem_words",
    "stopwords",
    "tokenize",
    "iter_corpus",
    "process_corpus",
    "read_corpus",
    "write_corpus",
]


@overload
def parse(x: str) -> Article: ...
@overload
def parse(x: list[str | None]) -> list[Article | None]: ...
@overload
def parse(x: Any) -> Any: ...


def parse(x: Any) -> Any:
    """Parse raw article text into a structured :class:`Article`, or a column into a table.

    Plain-text articles as scraped: an optional junk line, a title, a date line and a byline,
    a lead, paragraphs (separated by blank lines or lines holding only no-break spaces), a
    dateline (``القاهرة (رويترز) -``) and a wire sign-off, a byline such as ``Written by …`` or
    ``كتب: …``, an author bio ending in a read-more link, related headlines, and the lines sites
    add (captions, also-read, share, tags, copyright). Every span carries code-point offsets
    into ``x`` (``x[s.start:s.end] == s.text``). Parsing never raises on odd text: what it
    cannot place is kept and reported in ``warnings``.

    Args:
        x: a ``str``, or a column of them (list/iterable, pandas or polars Series, pyarrow
            array).

    Returns:
        An :class:`Article` for a ``str``; a list of ``Article | None`` for a list or
        iterable. For a column, a table built in Rust with one row per input row (all nulls
        for a missing row) and the columns :data:`khabar.article.ROW_COLUMNS`, nested fields
        as Arrow struct and list columns: a pandas DataFrame with the Series' index for a
        pandas Series (Arrow-backed ``pd.ArrowDtype`` columns), a polars DataFrame for a
        polars Series, a pyarrow Table for pyarrow input.

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
    if type(x).__module__.partition(".")[0] not in ("pandas", "polars", "pyarrow"):
        return [None if d is None else Article(d) for d in _parse(x)]
    family, table = _batch.map_records(_parse_table, x)
    if family == "pandas":
        import pandas as pd
        import pyarrow as pa

        # Arrow-backed columns: no copy, exact types (nested columns stay lists of structs,
        # offsets stay integers next to missing rows).
        df = pa.table(table).to_pandas(types_mapper=pd.ArrowDtype)
        df.index = x.index
        return df
    if family == "polars":
        import polars as pl

        return pl.DataFrame(table)
    import pyarrow as pa

    return pa.table(table)
