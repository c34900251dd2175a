"""Mapping spans of normalized text back to the original text.

``khabar.normalize(x, return_offsets=True)`` gives, with each output, an :class:`Alignment`
(or, in a column, its flat form: a list of ``out_start, out_len, src_start, src_len, group``
quintuples). These helpers accept either::

    >>> import khabar
    >>> from khabar import align
    >>> raw = "قَالَ الرَّئِيسُ:  «نَعَمْ»"
    >>> text, al = khabar.normalize(raw, return_offsets=True)
    >>> text
    'قال الرئيس: «نعم»'
    >>> start = text.index("الرئيس")
    >>> align.to_original(al, start, start + len("الرئيس"))
    (6, 16)
    >>> align.original_text(raw, al, start, start + len("الرئيس"))
    'الرَّئِيسُ'
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ._khabar import Alignment

__all__ = ["Alignment", "as_alignment", "original_text", "to_original", "spans_to_original"]


def as_alignment(alignment: Alignment | Sequence[int] | Any) -> Alignment:
    """An :class:`Alignment` from itself or from its flat form (list, tuple, numpy array)."""
    if isinstance(alignment, Alignment):
        return alignment
    return Alignment.from_flat([int(v) for v in alignment])


def to_original(alignment: Alignment | Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The span of the original text that the normalized span ``[start, end)`` came from."""
    return as_alignment(alignment).to_source(start, end)


def original_text(original: str, alignment: Alignment | Sequence[int], start: int,
                  end: int) -> str:
    """The original text behind the normalized span ``[start, end)``."""
    s, e = to_original(alignment, start, end)
    return original[s:e]


def spans_to_original(alignment: Alignment | Sequence[int],
                      spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Map many normalized spans (e.g. token offsets) back at once."""
    al = as_alignment(alignment)
    return [al.to_source(s, e) for s, e in spans]
