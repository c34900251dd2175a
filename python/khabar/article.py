"""Parsed articles: immutable records with attribute access.

:func:`khabar.parse` returns an :class:`Article`. Its fields follow khabar's article schema
(every offset a code-point index into the input, as Python slices it)::

    >>> import khabar
    >>> a = khabar.parse("عنوان الخبر\\n\\nالفقرة الأولى من الخبر.\\n\\nالفقرة الثانية.")
    >>> a.title.text
    'عنوان الخبر'
    >>> raw = "عنوان الخبر\\n\\nالفقرة الأولى من الخبر.\\n\\nالفقرة الثانية."
    >>> raw[a.title.start:a.title.end] == a.title.text
    True
    >>> [p.kind for p in a.paragraphs]
    ['body', 'body']
"""

from __future__ import annotations

import html
import json
from typing import Any, Iterator, Mapping


def _wrap(v: Any) -> Any:
    if isinstance(v, dict):
        return Record(v)
    if isinstance(v, list):
        return tuple(_wrap(x) for x in v)
    return v


def _unwrap(v: Any) -> Any:
    if isinstance(v, Record):
        return {k: _unwrap(x) for k, x in v._data.items()}
    if isinstance(v, (list, tuple)):
        return [_unwrap(x) for x in v]
    return v


class Record(Mapping[str, Any]):
    """An immutable nested record: ``r.text`` and ``r["text"]`` both work.

    Nested objects are Records, lists are tuples; :meth:`to_dict` gives plain dicts back.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", {k: _wrap(v) for k, v in data.items()})

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no field {name!r}; fields: {', '.join(self._data)}"
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self.to_dict() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"{type(self).__name__}({inner})"

    def __getstate__(self) -> dict[str, Any]:
        return self.to_dict()

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "_data", {k: _wrap(v) for k, v in state.items()})

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def to_dict(self) -> dict[str, Any]:
        """The record as plain, JSON-ready dicts and lists."""
        return _unwrap(self)


class Article(Record):
    """One parsed article (see the schema in the README).

    Main fields: ``title``, ``lead``, ``author_bio`` (spans with ``text``, ``start``,
    ``end``, or None), ``authors``, ``paragraphs`` (each with ``kind``, ``text``, ``start``,
    ``end`` and ``sentences``), ``related``, ``captions``, ``tags``, ``sources``,
    ``boilerplate`` (each with ``kind`` and the ``rule`` that fired), ``published``,
    ``dateline``, ``body_text``, ``language``, ``stats`` and ``warnings``.
    """

    __slots__ = ()

    def to_json(self, *, indent: int | None = None) -> str:
        """The article as JSON (UTF-8 text, Arabic unescaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __repr__(self) -> str:
        title = self._data.get("title")
        t = title.text if title is not None else None
        n = len(self._data.get("paragraphs", ()))
        authors = [a.name for a in self._data.get("authors", ())]
        return f"Article(title={t!r}, authors={authors!r}, paragraphs={n})"

    def _repr_html_(self) -> str:
        """Right to left, in reading order: the title, a byline and date line, then every
        piece of the input where it stood: paragraphs (lead in bold, subheadings as headings,
        the dateline in bold at the start of its paragraph), captions in italics, the author
        bio, and boilerplate and related headlines greyed out with what they are."""
        e = html.escape
        grey = 'style="color:#999"'
        parts = ['<div dir="rtl" lang="ar" style="text-align:right;font-family:sans-serif">']
        if self.title is not None:
            parts.append(f"<h3>{e(self.title.text)}</h3>")
        meta = [f"{a.name}" + ("" if a.role == "author" else f" ({a.role})")
                for a in self.authors]
        if self.published is not None:
            meta.append(f"{self.published.text} ({self.published.value})")
        if meta:
            parts.append(f"<p><small>{e(' · '.join(meta))}</small></p>")
        dateline = self.dateline
        pieces: list[tuple[int, str]] = []
        for p in self.paragraphs:
            text = e(p.text)
            if dateline is not None and 0 <= p.start - dateline.end <= 3:
                text = f"<b>{e(dateline.text)}</b> {text}"
            if p.kind == "subheading":
                pieces.append((p.start, f"<h4>{text}</h4>"))
            elif p.kind == "lead":
                pieces.append((p.start, f'<p style="font-weight:bold">{text}</p>'))
            else:
                pieces.append((p.start, f"<p>{text}</p>"))
        for c in self.captions:
            pieces.append((c.start, f'<p {grey}><i>{e(c.text)}</i></p>'))
        if self.author_bio is not None:
            pieces.append((self.author_bio.start, f"<p><small>{e(self.author_bio.text)}</small></p>"))
        for b in self.boilerplate:
            pieces.append((b.start, f"<p {grey}><small>[{e(b.kind)}] {e(b.text)}</small></p>"))
        for r in self.related:
            pieces.append((r.start, f"<p {grey}><small>[related] {e(r.text)}</small></p>"))
        parts.extend(html_piece for _, html_piece in sorted(pieces, key=lambda x: x[0]))
        parts.append("</div>")
        return "".join(parts)


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
