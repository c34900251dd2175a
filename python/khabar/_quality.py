"""Corpus quality: the Python side of :func:`khabar.quality` and :func:`khabar.quality_filter`.

The work runs in Rust (``khabar._khabar``); this module only routes the caller's kind of
column through :mod:`khabar._batch`. Every signal and rule is defined in ``docs/quality.md``.
"""

from __future__ import annotations

from typing import Any

from . import _batch
from ._khabar import quality as _quality
from ._khabar import quality_filter as _quality_filter
from ._khabar import quality_filter_table as _quality_filter_table
from ._khabar import quality_rules as _quality_rules
from ._khabar import quality_table as _quality_table

__all__ = ["SIGNALS", "quality", "quality_filter", "quality_rules"]

#: The signals :func:`quality` gives per row, in column order.
SIGNALS = (
    "chars", "words", "lines", "arabic_letter_ratio", "latin_letter_ratio",
    "arabizi_word_ratio", "diacritic_ratio", "mean_word_length", "non_alpha_word_ratio",
    "stopwords", "line_punct_ratio", "dup_line_frac", "dup_line_char_frac", "top_2_gram_frac",
    "top_3_gram_frac", "top_4_gram_frac", "dup_5_gram_frac", "dup_6_gram_frac",
    "dup_7_gram_frac", "dup_8_gram_frac", "dup_9_gram_frac", "dup_10_gram_frac",
    "char_dup_ratio", "newline_ratio", "mojibake", "suspect",
)


def quality(x: Any) -> Any:
    """Quality signals of each document, measured in Rust in a few passes over its text.

    A ``str`` gives a dict of :data:`SIGNALS`; a list a list of dicts (missing rows kept); a
    pandas or polars Series or a pyarrow array a table with one row per input row (a missing
    row all nulls). Definitions: ``docs/quality.md``.

    >>> q = quality("قال الوزير إن الخطة جاهزة.\\nقال الوزير إن الخطة جاهزة.")
    >>> q["lines"], q["dup_line_frac"], q["line_punct_ratio"]
    (2, 0.5, 1.0)
    >>> quality([None])
    [None]
    """
    return _batch.apply(_quality, x, "records", table=_quality_table)


def quality_filter(x: Any, preset: str = "fineweb2_arb", **thresholds: Any) -> Any:
    """Keep or drop each document by FineWeb-2's filter rules.

    Args:
        x: a ``str`` or a column of them.
        preset: ``"fineweb2_arb"`` (FineWeb-2's Standard Arabic settings, measured as FineWeb-2
            measures) or ``"khabar_arb"`` (the same thresholds; a line's end is read past
            trailing spaces, bidi controls, tatweel and closing quotes, and a line holding two
            sentence ends or more counts as punctuated whatever its end).
        **thresholds: change single thresholds by name (see :func:`quality_rules`); ``None``
            turns a rule off; ``stopwords=[...]`` replaces the stopword list.

    Returns:
        ``{"keep": bool, "reason": str | None}`` for a ``str`` (``reason`` names the first
        failing rule, as FineWeb-2 names it); a list of them for a list; a table with the
        columns ``keep`` and ``reason`` for a Series or Arrow column.

    >>> quality_filter("قصير جدا")
    {'keep': False, 'reason': 'top_2_gram'}
    >>> quality_filter("قصير جدا", top_2_gram_frac=None)["reason"]
    'line_punct_ratio'
    """
    return _batch.apply(lambda v: _quality_filter(v, preset, thresholds), x, "records",
                        table=lambda v: _quality_filter_table(v, preset, thresholds))


def quality_rules() -> list[str]:
    """The names of :func:`quality_filter`'s thresholds, in the order its rules run.

    >>> quality_rules()[:3]
    ['dup_line_frac', 'top_2_gram_frac', 'top_3_gram_frac']
    """
    return list(_quality_rules())
