"""Parsed articles: :func:`parse`, the :class:`Article` it returns, and :class:`Record`.

An :class:`Article` keeps the parsed article in Rust; each field becomes Python objects the
first time it is read (nested objects are :class:`Record` objects, lists are tuples), so a
caller pays only for what it reads. Every offset is a code-point index into the input, as
Python slices it::

    >>> import khabar
    >>> raw = "عنوان الخبر\\n\\nالفقرة الأولى من الخبر.\\n\\nالفقرة الثانية."
    >>> a = khabar.parse(raw)
    >>> a.title.text
    'عنوان الخبر'
    >>> raw[a.title.start:a.title.end] == a.title.text
    True
    >>> [p.kind for p in a.paragraphs]
    ['body', 'body']
    >>> a.to_dict()["title"]
    {'text': 'عنوان الخبر', 'start': 0, 'end': 11}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, overload

from . import _batch
from ._khabar import Article, Record
from ._khabar import parse as _parse
from ._khabar import parse_table as _parse_table

__all__ = ["Article", "ROW_COLUMNS", "Record", "parse"]

# Both are read-only mappings (attribute and key access, keys/values/items/get, ==).
Mapping.register(Record)
Mapping.register(Article)

#: The columns of a batch parse (``khabar.parse`` on a pandas, polars or pyarrow column), in
#: order. The table is built in Rust: ``title``, ``lead``, ``body_text``, ``author_bio`` and
#: ``language`` are strings; ``related``, ``tags``, ``captions`` and ``warnings`` lists of
#: strings; ``paragraphs``, ``authors``, ``sources`` and ``boilerplate`` lists of structs with
#: their offsets; ``dateline``, ``published`` and ``stats`` structs. A missing input row is a
#: row of nulls.
ROW_COLUMNS = (
    "title", "lead", "body_text", "paragraphs", "authors", "author_bio", "dateline",
    "published", "sources", "related", "tags", "captions", "boilerplate", "language",
    "stats", "warnings",
)


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
        iterable (parsed in parallel, each field made when first read). For a column, a table
        built in Rust with one row per input row (all nulls for a missing row) and the columns
        :data:`ROW_COLUMNS`, nested fields as Arrow struct and list columns: a pandas
        DataFrame with the Series' index for a pandas Series (Arrow-backed ``pd.ArrowDtype``
        columns), a polars DataFrame for a polars Series, a pyarrow Table for pyarrow input.

    >>> a = parse("حفتر يلتقي بمدير المخابرات\\n\\nاستقبل المشير خليفة حفتر مدير المخابرات.")
    >>> a.title.text
    'حفتر يلتقي بمدير المخابرات'
    >>> len(a.paragraphs)
    1
    >>> parse(["عنوان\\n\\nنص الخبر.", None])[1] is None
    True
    """
    return _batch.apply(_parse, x, "records", table=_parse_table)
