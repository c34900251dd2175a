"""Typed stubs of the Rust extension module ``khabar._khabar`` (checked by mypy.stubtest)."""

import os
from collections.abc import Iterator
from typing import Any, final, overload

from typing_extensions import disjoint_base

__all__ = [
    "Alignment",
    "Article",
    "ItemIterator",
    "Record",
    "Sentences",
    "Strings",
    "Tokens",
    "CorpusReader",
    "CorpusWriter",
    "DedupIndex",
    "Normalizer",
    "__version__",
    "_restore_normalizer",
    "_trigger_panic",
    "band_probability",
    "banding",
    "bucket_pairs",
    "components",
    "decode_text",
    "dedup_sketch",
    "encoding_name",
    "hash_features",
    "hashing_transform",
    "html_to_text",
    "set_num_threads",
    "num_threads",
    "minhash",
    "near_duplicates",
    "pair_jaccard",
    "signature_estimates",
    "is_stopword",
    "parse",
    "parse_html",
    "parse_html_table",
    "parse_table",
    "presets",
    "quality",
    "quality_filter",
    "quality_filter_table",
    "quality_rules",
    "quality_table",
    "repair",
    "repair_report",
    "repair_table",
    "rules",
    "sentences",
    "stem",
    "stem_words",
    "stopwords",
    "tokenize",
]

__version__: str

@final
class Alignment:
    """Offsets from normalized text back to its source (code points, half-open).

    >>> from khabar._khabar import Normalizer
    >>> text, al = Normalizer("ml_clean").normalize("كِتَابٌ  جَدِيدٌ", True)
    >>> text, al.source_of(4), al.to_source(5, 9)
    ('كتاب جديد', (7, 9), (9, 16))
    """

    @staticmethod
    def from_flat(flat: list[int]) -> Alignment:
        """Rebuild from ``[out_start, out_len, src_start, src_len, group, ...]``."""
    def to_flat(self) -> list[int]:
        """The flat form ``[out_start, out_len, src_start, src_len, group, ...]``."""
    @property
    def segments(self) -> list[tuple[int, int, int, int, bool]]:
        """Segments as ``(out_start, out_len, src_start, src_len, group)``."""
    def source_of(self, i: int) -> tuple[int, int]:
        """Source span of output character ``i``."""
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering the output span ``[start, end)``."""
    def spans(self) -> list[tuple[int, int]]:
        """The source span of every output character."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Normalizer:
    """The compiled rule table (``khabar.Normalizer`` wraps it for pandas and polars).

    >>> from khabar._khabar import Normalizer
    >>> n = Normalizer("basic", fold_teh_marbuta=False)
    >>> n.normalize("الْمَدْرَسَةُ")
    'المدرسة'
    >>> n.normalize(["أَحْمَد", None])
    ['احمد', None]
    """

    def __new__(cls, preset: str = "ml_clean", **rules: bool | str | int) -> Normalizer: ...
    def normalize(self, x: Any, return_offsets: bool = False) -> Any:
        """Normalize a str (-> str), a sequence of str/None (-> list) or an Arrow column."""
    def describe(self) -> list[str]:
        """The active rules in words, one line each."""
    @property
    def preset(self) -> str:
        """The preset this normalizer started from."""
    @property
    def rules(self) -> dict[str, bool | str | int]:
        """Every rule with its value."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@disjoint_base
class Record:
    """An immutable nested record: ``r.text`` and ``r["text"]`` both work.

    >>> from khabar._khabar import Record
    >>> r = Record({"text": "نص", "start": 0, "end": 2, "sentences": [[0, 2]]})
    >>> r.text, r["end"], r.sentences
    ('نص', 2, ((0, 2),))
    >>> r.to_dict() == {"text": "نص", "start": 0, "end": 2, "sentences": [[0, 2]]}
    True
    """

    def __new__(cls, data: Any) -> Record: ...
    def __getattr__(self, name: str) -> Any: ...
    def __setattr__(self, name: str, value: Any, /) -> None: ...
    def __delattr__(self, name: str, /) -> None: ...
    def __getitem__(self, key: Any, /) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, key: Any, /) -> bool: ...
    def keys(self) -> list[str]:
        """The field names."""
    def values(self) -> list[Any]:
        """The field values."""
    def items(self) -> list[tuple[str, Any]]:
        """``(name, value)`` of every field."""
    def get(self, key: Any, default: Any = None) -> Any:
        """The value of field ``key``, or ``default``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __dir__(self) -> list[str]: ...
    def to_dict(self) -> Any:
        """The record as plain, JSON-ready dicts and lists."""
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Article(Record):
    """One parsed article; each field becomes Python objects when first read.

    >>> from khabar._khabar import parse
    >>> a = parse("عنوان\\n\\nنص الخبر.")
    >>> a.title.text, len(a.paragraphs), a["language"]
    ('عنوان', 1, 'ar')
    """

    @staticmethod
    def from_json(json: str) -> Article:
        """An article from the JSON that ``to_json()`` gives."""
    @property
    def schema_version(self) -> str: ...
    @property
    def input(self) -> Record: ...
    @property
    def language(self) -> str | None: ...
    @property
    def title(self) -> Record | None: ...
    @property
    def lead(self) -> Record | None: ...
    @property
    def authors(self) -> tuple[Record, ...]: ...
    @property
    def author_bio(self) -> Record | None: ...
    @property
    def published(self) -> Record | None: ...
    @property
    def modified(self) -> Record | None: ...
    @property
    def dateline(self) -> Record | None: ...
    @property
    def sources(self) -> tuple[Record, ...]: ...
    @property
    def site_name(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def canonical(self) -> str | None: ...
    @property
    def image(self) -> str | None: ...
    @property
    def section(self) -> str | None: ...
    @property
    def tags(self) -> tuple[Record, ...]: ...
    @property
    def description(self) -> str | None: ...
    @property
    def paragraphs(self) -> tuple[Record, ...]: ...
    @property
    def captions(self) -> tuple[Record, ...]: ...
    @property
    def related(self) -> tuple[Record, ...]: ...
    @property
    def tables(self) -> tuple[Record, ...]: ...
    @property
    def comments(self) -> tuple[Record, ...]: ...
    @property
    def boilerplate(self) -> tuple[Record, ...]: ...
    @property
    def body_text(self) -> str: ...
    @property
    def text(self) -> str | None: ...
    @property
    def stats(self) -> Record: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    def to_json(self, *, indent: int | None = None) -> str:
        """The article as JSON (UTF-8 text, Arabic unescaped)."""
    def _repr_html_(self) -> str: ...

class _Items:
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: int, /) -> Any: ...
    @overload
    def __getitem__(self, key: slice, /) -> Any: ...
    def __iter__(self) -> ItemIterator: ...
    def __contains__(self, x: object, /) -> bool: ...
    def index(self, x: Any) -> int:
        """Position of the first item equal to ``x``."""
    def count(self, x: Any) -> int:
        """Number of items equal to ``x``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __add__(self, other: Any, /) -> list[Any]: ...
    def __radd__(self, other: Any, /) -> list[Any]: ...
    def to_list(self) -> list[Any]:
        """The items as a plain list."""
    @property
    def texts(self) -> list[str]:
        """Every item's text."""
    @property
    def starts(self) -> list[int]:
        """Every item's start (a code point of the input); ``TypeError`` without offsets."""
    @property
    def ends(self) -> list[int]:
        """Every item's end (exclusive)."""
    def __copy__(self) -> Any: ...
    def __deepcopy__(self, memo: Any, /) -> Any: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Tokens(_Items):
    """The tokens of one text: ``Token(text, start, end, kind)`` items, made when read.

    >>> from khabar._khabar import tokenize
    >>> t = tokenize("قال: نعم")
    >>> len(t), t[0].text, t.texts, t.kinds
    (3, 'قال', ['قال', ':', 'نعم'], ['arabic', 'punct', 'arabic'])
    """

    @staticmethod
    def _from_state(texts: list[str], starts: list[int], ends: list[int], kinds: list[int]) -> Tokens: ...
    @property
    def kinds(self) -> list[str]:
        """Every token's kind."""

@final
class Sentences(_Items):
    """The sentences of one text: ``Sentence(text, start, end)`` items, made when read."""

    @staticmethod
    def _from_state(texts: list[str], starts: list[int], ends: list[int], kinds: list[int]) -> Sentences: ...

@final
class Strings(_Items):
    """Strings of one text (tokens or sentences without offsets, stems), made when read."""

    @staticmethod
    def _from_state(texts: list[str], starts: list[int], ends: list[int], kinds: list[int]) -> Strings: ...

@final
class ItemIterator:
    """Iterates the items of a ``Tokens``, ``Sentences`` or ``Strings``."""

    def __iter__(self) -> ItemIterator: ...
    def __next__(self) -> Any: ...
    def __length_hint__(self) -> int: ...

def parse(x: Any) -> Any:
    """Parse one article (str -> Article) or rows (-> list of Article | None)."""

def parse_html(x: Any, url: Any = None, encoding: str | None = None) -> Any:
    """Parse one HTML page (str or bytes -> Article) or rows (-> list of Article | None)."""

def parse_html_table(x: Any, url: Any = None, encoding: str | None = None) -> Any:
    """Parse HTML pages into an Arrow table: the article columns, then ``text``, ``url``,
    ``canonical``, ``site_name``, ``section``, ``description``, ``image``, ``modified``."""

def parse_table(x: Any) -> Any:
    """Parse a str, rows or an Arrow column into an Arrow table (one row per input row, a
    missing row all nulls), returned as an object with ``__arrow_c_stream__``."""

def quality(x: Any) -> Any:
    """Quality signals: str -> dict; rows -> list of dicts (missing rows kept)."""

def quality_table(x: Any) -> Any:
    """Quality signals of a str, rows or an Arrow column as an Arrow table."""

def quality_filter(x: Any, preset: str = "fineweb2_arb", thresholds: dict[str, Any] | None = None) -> Any:
    """Keep or drop: str -> {"keep", "reason"}; rows -> list of them."""

def quality_filter_table(x: Any, preset: str = "fineweb2_arb", thresholds: dict[str, Any] | None = None) -> Any:
    """Keep/drop decisions of a str, rows or an Arrow column as an Arrow table."""

def quality_rules() -> list[str]:
    """The names of the filter's thresholds, in the order the rules run."""

def repair(x: Any) -> Any:
    """Repaired text: str -> str (the same object when clean), rows -> list, Arrow -> Arrow.

    >>> from khabar._khabar import repair
    >>> repair(["Ø³Ù„Ø§Ù…", None])
    ['سلام', None]
    """

def repair_report(x: Any) -> Any:
    """What repair did: str -> dict; rows -> list of dicts (missing rows kept)."""

def repair_table(x: Any) -> Any:
    """Repair reports of a str, rows or an Arrow column as an Arrow table (one row per input
    row, a missing row all nulls), returned as an object with ``__arrow_c_stream__``."""

def rules() -> list[tuple[str, str, str, str, list[str]]]:
    """``(name, group, description, kind, choices)`` of every normalization rule."""

def presets() -> list[tuple[str, str, dict[str, bool | str | int]]]:
    """``(name, description, {rule: value})`` of every preset."""

def _restore_normalizer(preset: str, rules: dict[str, bool]) -> Normalizer: ...
def _trigger_panic(message: str) -> None: ...

def tokenize(
    x: Any,
    offsets: bool = True,
    normalizer: Any = None,
    clitics: bool = False,
    drop_stopwords: bool = False,
) -> Any:
    """Tokens of a str (list), of rows (list of lists) or of an Arrow column (list column).

    >>> from khabar._khabar import tokenize
    >>> tokenize("بلغ 3.14، نعم", False)
    ['بلغ', '3.14', '،', 'نعم']
    >>> tokenize(["قال", None])
    [[Token(text='قال', start=0, end=3, kind='arabic')], None]
    >>> type(tokenize("قال")).__name__
    'Tokens'
    """

def sentences(x: Any, offsets: bool = True) -> Any:
    """Sentences (SPEC C5) of a str, of rows, or of an Arrow column.

    >>> from khabar._khabar import sentences
    >>> sentences("قال د. أحمد: نعم. ثم", False)
    ['قال د. أحمد: نعم.', 'ثم']
    """

def stem(x: Any, algorithm: str = "light10", drop_stopwords: bool = False) -> Any:
    """Stems of the words of a str (list), of rows, or of an Arrow column (list column).

    >>> from khabar._khabar import stem
    >>> stem("والمكتبات الجديدة")
    ['مكتب', 'جديد']
    """

def stem_words(x: Any, algorithm: str = "light10") -> Any:
    """The stem of each word: str -> str, rows -> list, Arrow -> Arrow.

    >>> from khabar._khabar import stem_words
    >>> stem_words(["والمكتبات", None], "isri")
    ['كتب', None]
    """

def is_stopword(x: Any) -> Any:
    """Whether each word is a stopword: str -> bool, rows -> list, Arrow -> Arrow.

    >>> from khabar._khabar import is_stopword
    >>> is_stopword(["وفي", "كتاب", None])
    [True, False, None]
    """

def stopwords() -> list[str]:
    """The shipped stopword list, in file order."""

@final
class CorpusReader:
    """Streams a corpus (folder, text/HTML file, JSONL, CSV, TSV, Parquet) as record batches with
    the columns ``id``, ``text`` and ``error``; each ``next()`` reads one chunk without the GIL.

    >>> import pathlib, tempfile, pyarrow as pa
    >>> from khabar._khabar import CorpusReader
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text('{"text": "نص"}\\n', encoding="utf-8")
    >>> [pa.record_batch(b).num_rows for b in CorpusReader(p)]
    [1]
    """

    def __new__(
        cls,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        text_column: str = "text",
        id_column: str | None = None,
        glob: str | None = None,
        encoding: str | None = None,
        errors: str = "raise",
        html: str = "text",
        chunk_rows: int = 50000,
        chunk_bytes: int = 33554432,
    ) -> CorpusReader: ...
    def __iter__(self) -> CorpusReader: ...
    def __next__(self) -> Any:
        """The next chunk (an object exposing ``__arrow_c_array__``)."""
    @property
    def total_bytes(self) -> int:
        """Total bytes of input."""
    @property
    def bytes_read(self) -> int:
        """Bytes of input read so far."""
    @property
    def rows_read(self) -> int:
        """Rows produced so far."""
    @staticmethod
    def schema() -> Any:
        """The schema of every batch (an object exposing ``__arrow_c_schema__``)."""

@final
class CorpusWriter:
    """Writes record batches to Parquet or JSONL; the file appears only on ``close()``."""

    def __new__(
        cls, path: str | os.PathLike[str], *, format: str | None = None, compression: str = "zstd"
    ) -> CorpusWriter: ...
    def write(self, data: Any) -> None:
        """Append a record batch, or every batch of a table or stream."""
    @property
    def rows(self) -> int:
        """Rows written so far."""
    def close(self, schema: Any = None) -> int:
        """Finish the file, move it into place, return the row count."""
    def abort(self) -> None:
        """Drop the partial file."""

def decode_text(
    data: bytes, *, encoding: str | None = None, name: str | os.PathLike[str] | None = None
) -> str:
    """The bytes of one text or HTML document decoded as every khabar reader decodes them: a
    BOM, then UTF-8, then (HTML, by ``name``) a ``<meta charset>``, then the detected legacy
    encoding, or ``encoding`` when named. Bytes that cannot be decoded raise
    ``KhabarValueError`` naming ``name`` (``<bytes>`` when none) and the line (its ``path`` and
    ``line`` attributes).

    >>> from khabar._khabar import decode_text
    >>> decode_text("نص عربي".encode("cp1256"))
    'نص عربي'
    """

def encoding_name(label: str) -> str | None:
    """The canonical name of a WHATWG encoding label (``None`` for ``"auto"``).

    >>> from khabar._khabar import encoding_name
    >>> encoding_name("cp1256")
    'windows-1256'
    """

def hashing_transform(
    x: Any,
    n_features: int,
    ngram_range: tuple[int, int],
    analyzer: str,
    lowercase: bool,
    alternate_sign: bool,
    binary: bool,
    norm: str | None,
    token_pattern: bool,
    normalizer: Any = None,
) -> tuple[bytearray, bytearray, bytearray, int]:
    """Hashed features of every row: CSR ``(indptr int64, indices int32, data float64, rows)``."""

def hash_features(
    rows: list[Any], n_features: int, alternate_sign: bool, binary: bool, norm: str | None
) -> tuple[bytearray, bytearray, bytearray, int]:
    """Hashed rows of ready-made features (lists of str), as :func:`hashing_transform`."""

def html_to_text(html: str) -> str:
    """The visible text of an HTML document.

    >>> from khabar._khabar import html_to_text
    >>> html_to_text("<p>نص &amp; <b>خبر</b></p><p>ثان</p>")
    'نص & خبر\\n\\nثان'
    """

def set_num_threads(n: int) -> None:
    """Make batch calls started from now on use ``n`` threads."""

def num_threads() -> int:
    """Threads a batch call started now uses in this process."""

def minhash(x: Any, num_perm: int, ngram: int, normalizer: Any, seed: int, bits: int,
            on: str) -> Any:
    """MinHash signatures: an Arrow ``fixed_size_list`` column for Arrow input; for a ``str``
    or a sequence ``(bytes, rows, missing)`` (native-order values, row after row, and the
    positions of missing rows)."""

def near_duplicates(x: Any, threshold: float, num_perm: int, ngram: int, normalizer: Any,
                    seed: int, on: str, verify: str,
                    pairs: bool) -> tuple[Any, dict[str, list[Any]] | None]:
    """Cluster ids (least row of each cluster) and, with ``pairs``, the pairs looked at as
    columns ``left, right, estimated_jaccard, jaccard, duplicate``.

    >>> from khabar._khabar import near_duplicates
    >>> near_duplicates(["أ ب ج د", "أ ب ج د", None], 0.8, 16, 2, "search", 0, "text",
    ...                 "exact", False)
    ([0, 0, None], None)
    """

@final
class DedupIndex:
    """A streaming index: rows are added a chunk at a time (only signatures and exact keys are
    kept) and clustered once at the end on the signatures' estimate.

    >>> from khabar._khabar import DedupIndex
    >>> index = DedupIndex(0.8, 64, 2, "search", 0, "text")
    >>> index.add(["خبر أول عن المدارس", None]), index.add(["خبر اول عن المدارس"])
    (2, 3)
    >>> index.clusters().to_pylist()
    [0, None, 0]
    """

    def __new__(cls, threshold: float, num_perm: int, ngram: int, normalizer: Any, seed: int,
                on: str) -> DedupIndex: ...
    def add(self, x: Any) -> int:
        """Add the rows of a column; the number of rows in the index."""
    def __len__(self) -> int: ...
    @property
    def banding(self) -> tuple[int, int]:
        """``(bands, rows)``: how signatures are cut into bands."""
    def clusters(self) -> Any:
        """Cluster ids of every row added, as an Arrow int64 array."""

def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` chosen for ``threshold`` and ``num_perm``.

    >>> from khabar._khabar import banding
    >>> banding(0.8, 128)
    (14, 9)
    """

def band_probability(s: float, bands: int, rows: int) -> float:
    """The probability that two texts of Jaccard similarity ``s`` share a band."""

def bucket_pairs(rows: list[int]) -> list[tuple[int, int]]:
    """The candidate pairs of one bucket of sorted, distinct row ids.

    >>> from khabar._khabar import bucket_pairs
    >>> bucket_pairs([3, 5, 9])
    [(3, 5), (3, 9), (5, 9)]
    """

def components(left: list[int], right: list[int]) -> tuple[list[int], list[int]]:
    """``(nodes, labels)``: every node of the edges once, with the least node of its component.

    >>> from khabar._khabar import components
    >>> components([5, 7, 2], [9, 8, 9])
    ([2, 5, 7, 8, 9], [2, 2, 7, 7, 2])
    """

def dedup_sketch(x: Any, threshold: float, num_perm: int, ngram: int, normalizer: Any, seed: int,
                 on: str) -> Any:
    """A struct column of ``key_hi``, ``key_lo`` (the exact key), ``bands`` (band keys) and
    ``signature`` (bytes); null where a row has no word (the signature only where it is
    missing)."""

def signature_estimates(a: Any, b: Any) -> Any:
    """Estimated Jaccard similarity of aligned binary signature columns (float64)."""

def pair_jaccard(a: Any, b: Any, ngram: int, normalizer: Any, on: str) -> Any:
    """Exact Jaccard similarity of the shingle sets of aligned text columns (float64)."""
