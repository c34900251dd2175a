"""Typed stubs of the Rust extension module ``khabar._khabar`` (checked by mypy.stubtest)."""

import os
from typing import Any, final

__all__ = [
    "Alignment",
    "CorpusReader",
    "CorpusWriter",
    "Normalizer",
    "__version__",
    "_restore_normalizer",
    "_trigger_panic",
    "decode_text",
    "encoding_name",
    "html_to_text",
    "set_threads",
    "threads",
    "is_stopword",
    "parse",
    "parse_table",
    "presets",
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

def parse(x: Any) -> Any:
    """Parse one article (str -> dict) or a column (-> list of dict | None)."""

def parse_table(x: Any) -> Any:
    """Parse a str, rows or an Arrow column into an Arrow table (one row per input row, a
    missing row all nulls), returned as an object with ``__arrow_c_stream__``."""

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

def html_to_text(html: str) -> str:
    """The visible text of an HTML document.

    >>> from khabar._khabar import html_to_text
    >>> html_to_text("<p>نص &amp; <b>خبر</b></p><p>ثان</p>")
    'نص & خبر\\n\\nثان'
    """

def set_threads(threads: int) -> bool:
    """Size the thread pool; ``False`` if it already runs."""

def threads() -> int:
    """Threads a batch call uses in this process."""
