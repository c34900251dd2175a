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
from ._khabar import parse_html as _parse_html
from ._khabar import parse_html_table as _parse_html_table
from ._khabar import parse_table as _parse_table

__all__ = ["Article", "HTML_COLUMNS", "ROW_COLUMNS", "Record", "parse", "parse_html"]

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

#: The columns of a batch ``parse_html``: :data:`ROW_COLUMNS`, then the page's own.
HTML_COLUMNS = ROW_COLUMNS + (
    "text", "url", "canonical", "site_name", "section", "description", "image", "modified",
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


def _is_binary(x: Any) -> bool:
    """Whether ``x`` is a pyarrow binary column (pages in any encoding)."""
    import pyarrow as pa

    t = x.type
    return bool(pa.types.is_binary(t) or pa.types.is_large_binary(t)
                or getattr(pa.types, "is_binary_view", lambda _: False)(t))


@overload
def parse_html(x: str | bytes, url: str | None = None, encoding: str | None = None) -> Article: ...
@overload
def parse_html(x: list[str | bytes | None], url: Any = None, encoding: str | None = None) -> list[Article | None]: ...
@overload
def parse_html(x: Any, url: Any = None, encoding: str | None = None) -> Any: ...


def parse_html(x: Any, url: Any = None, encoding: str | None = None) -> Any:
    """Parse HTML news pages into the same :class:`Article` as :func:`parse`, or a column into a table.

    The page's visible text, in reading order with a blank line between blocks (``<br>`` a line
    break), is the article's ``text``; every span's offsets are code points into it
    (``a.text[s.start:s.end] == s.text``), except values the page gives only in its metadata
    (a JSON-LD author, a date no line shows), whose span is empty. The title is the visible
    headline the page's ``og:title``/``<title>`` agree with (in the metadata's wording where the
    two differ only in quote marks, with an empty span); the body is the content block
    found by Arabic-aware block scoring, with the plain-text rules (bylines, dates, datelines,
    sign-offs, also-read lines) run on it; navigation, sidebars, share bars, comments, related
    lists, ads and tags are in ``boilerplate``, by kind. Dates and authors come from JSON-LD,
    meta tags, microdata and ``<time>`` first (``published.where`` says which), then from the
    page's text; authors are persons only. ``url``, ``canonical``, ``site_name``, ``section``,
    ``description``, ``image`` and ``language`` come from the page. Parsing never raises on odd
    input: a page with no article gets the warning ``not_an_article`` and no paragraphs.

    Args:
        x: a page as ``str``, or as ``bytes`` (decoded by BOM, ``<meta charset>``, ``encoding``,
            then detection, windows-1256 and ISO-8859-6 included), or a column of them (list,
            pandas or polars Series, pyarrow string or binary array).
        url: the page's address (helps charset detection and site-name removal), or one per row.
        encoding: the charset an HTTP header gave, used when the page declares none.

    Returns:
        An :class:`Article` for one page; a list of ``Article | None`` for a list; for a
        column, a table with the columns :data:`HTML_COLUMNS` (a pandas DataFrame on the
        Series' index, a polars DataFrame, a pyarrow Table).

    >>> page = ("<html><head><title>عنوان الخبر | الموقع</title></head><body>"
    ...         "<nav><a href='/'>الرئيسية</a></nav><h1>عنوان الخبر</h1>"
    ...         "<p>قال الوزير في بيان، اليوم الأحد، إن الحكومة ستعرض الموازنة على البرلمان.</p>"
    ...         "<p>وأضاف أن الإصلاحات، ومنها خفض الدعم، ستبدأ العام المقبل.</p></body></html>")
    >>> a = parse_html(page)
    >>> a.title.text, len(a.paragraphs)
    ('عنوان الخبر', 2)
    >>> a.text[a.title.start:a.title.end]
    'عنوان الخبر'
    >>> [(b.kind, b.text) for b in a.boilerplate]
    [('navigation', 'الرئيسية')]
    >>> parse_html(page.encode("cp1256", errors="replace")).input.encoding
    'windows-1256'
    """
    if _batch.family(x) == "pyarrow" and _is_binary(x):
        import pyarrow as pa

        return pa.table(_parse_html_table(x.to_pylist(), url, encoding))
    return _batch.apply(lambda rows: _parse_html(rows, url, encoding), x, "records",
                        table=lambda rows: _parse_html_table(rows, url, encoding))
