"""khabar — parse raw Arabic news articles and normalize Arabic text, fast.

These functions do the work, and each takes one string or a whole column:

* :func:`normalize` — table-driven Arabic normalization: Unicode fixes, marks, tatweel,
  letter folds, digits, punctuation, invisible characters, whitespace, elongation, masks —
  each rule switchable by name, with offsets back to the input on request.
* :func:`repair` — find and undo encoding damage (mojibake, lost bytes, HTML references).
* :func:`quality` and :func:`quality_filter` — per-row corpus quality signals, and FineWeb-2's
  Arabic filter rules (keep / first failing rule).
* :func:`parse` — split a raw article into title, lead, paragraphs, author, bio, related
  headlines and boilerplate, with code-point offsets into the input; :func:`parse_html` does
  the same for HTML pages.

:func:`near_duplicates`, :func:`dedup` and :func:`minhash` find syndicated copies and
near-duplicates in a column (``docs/dedup.md``).

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

from ._errors import KhabarError, KhabarInternalError, KhabarTypeError, KhabarValueError
from . import align
from ._khabar import Alignment, __version__
from ._normalize import Normalizer, normalize, presets, rule_details, rules
from .io import iter_corpus, process_corpus, read_corpus, write_corpus
from .article import Article, Record, parse, parse_html
from ._threads import num_threads, set_num_threads
from ._repair import repair
from ._quality import quality, quality_filter, quality_rules
from ._dedup import dedup, minhash, near_duplicates
from ._tokens import (
    Sentence,
    Sentences,
    Strings,
    Token,
    Tokens,
    is_stopword,
    sentences,
    stem,
    stem_words,
    stopwords,
    tokenize,
)

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
    "parse_html",
    "presets",
    "quality",
    "quality_filter",
    "quality_rules",
    "repair",
    "rule_details",
    "rules",
    "align",
    "Sentence",
    "Sentences",
    "Strings",
    "Token",
    "Tokens",
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
    "num_threads",
    "set_num_threads",
    "dedup",
    "minhash",
    "near_duplicates",
]
