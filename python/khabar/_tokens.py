"""Words, sentences, stems and stopwords: the Python side of ``khabar.tokenize`` and friends.

The work runs in Rust (``khabar._khabar``); this module defines the item types and puts
column results back into the caller's type (see :mod:`khabar._batch`). Offsets are code
points, as Python slices strings.

For a ``str`` (and for each row of a list) the result is a lazy, read-only sequence —
:class:`Tokens`, :class:`Sentences` or :class:`Strings` — whose items stay in Rust until they
are read: ``len``, indexing, slicing, iteration and ``==`` with a list work as on a list, and
``.texts``, ``.starts``, ``.ends``, ``.kinds`` give whole columns at once; ``to_list()`` gives
a plain list. A pandas Series keeps its index and name (an Arrow-backed Series gets an Arrow
list dtype), a polars Series its name, pyarrow stays pyarrow.

>>> import khabar
>>> [t.text for t in khabar.tokenize("بلغ النمو 3.5% في 1.1.2020، انظر www.example.com")]
['بلغ', 'النمو', '3.5', '%', 'في', '1.1.2020', '،', 'انظر', 'www.example.com']
>>> khabar.tokenize("قال د. أحمد", offsets=False)
['قال', 'د', '.', 'أحمد']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

from . import _batch
from ._khabar import Sentences, Strings, Tokens
from ._khabar import is_stopword as _is_stopword
from ._khabar import sentences as _sentences
from ._khabar import stem as _stem
from ._khabar import stem_words as _stem_words
from ._khabar import stopwords as _stopwords
from ._khabar import tokenize as _tokenize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from . import Normalizer

__all__ = [
    "Sentence",
    "Sentences",
    "Strings",
    "Token",
    "TokenKind",
    "Tokens",
    "is_stopword",
    "sentences",
    "stem",
    "stem_words",
    "stopwords",
    "tokenize",
]

TokenKind = Literal[
    "arabic",
    "latin",
    "other",
    "number",
    "punct",
    "url",
    "email",
    "mention",
    "hashtag",
    "emoji",
    "symbol",
    "clitic",
]
"""What a token is: a word (``arabic``, ``latin``, ``other`` script), ``number``, ``punct``,
``url``, ``email``, ``mention`` (``@name``), ``hashtag``, ``emoji``, ``symbol``, or a proclitic
split off an Arabic word (``clitic``, only with ``clitics=True``)."""


# Read-only sequences of their items, as far as `isinstance` is concerned too.
for _cls in (Tokens, Sentences, Strings):
    Sequence.register(_cls)
del _cls


class Token(NamedTuple):
    """One token: its text, its code-point span in the input, and its kind.

    ``text`` is ``x[start:end]`` unless a normalizer was given, in which case it is the
    normalized form of that slice (the span still points into the raw input).

    >>> t = Token("كتاب", 4, 8, "arabic")
    >>> t.text, t.end - t.start, t.kind
    ('كتاب', 4, 'arabic')
    """

    text: str
    start: int
    end: int
    kind: TokenKind


class Sentence(NamedTuple):
    """One sentence: its text and its code-point span in the input (``x[start:end] == text``).

    >>> Sentence("نعم.", 0, 4)
    Sentence(text='نعم.', start=0, end=4)
    """

    text: str
    start: int
    end: int


@overload
def tokenize(x: str, *, offsets: Literal[True] = ..., normalizer: str | Normalizer | None = ...,
             clitics: bool = ..., drop_stopwords: bool = ...) -> Tokens: ...
@overload
def tokenize(x: str, *, offsets: Literal[False], normalizer: str | Normalizer | None = ...,
             clitics: bool = ..., drop_stopwords: bool = ...) -> Strings: ...
@overload
def tokenize(x: list[str | None], *, offsets: Literal[True] = ...,
             normalizer: str | Normalizer | None = ..., clitics: bool = ...,
             drop_stopwords: bool = ...) -> list[Tokens | None]: ...
@overload
def tokenize(x: list[str | None], *, offsets: Literal[False],
             normalizer: str | Normalizer | None = ..., clitics: bool = ...,
             drop_stopwords: bool = ...) -> list[Strings | None]: ...
@overload
def tokenize(x: Any, *, offsets: bool = ..., normalizer: str | Normalizer | None = ...,
             clitics: bool = ..., drop_stopwords: bool = ...) -> Any: ...


def tokenize(x: Any, *, offsets: bool = True, normalizer: str | Normalizer | None = None,
             clitics: bool = False, drop_stopwords: bool = False) -> Any:
    """Split Arabic text into tokens, with code-point offsets and a kind.

    A word keeps its marks, tatweel and inner ZWNJ together; numbers keep their decimal and
    thousands separators and dates their dots and slashes (``3.14``, ``٣٫١٤``, ``1,000``,
    ``1.1.2020``); URLs, emails, mentions, hashtags and emoji sequences are single tokens;
    each punctuation mark (``، ؛ ؟ « »`` included) is its own token. Digits next to Arabic
    letters split (``2020م``), Latin letters and digits stay together (``G20``).

    Args:
        x: a ``str``; a list, tuple or iterable of ``str | None``; a pandas or polars Series;
            or a pyarrow Array/ChunkedArray of strings.
        offsets: ``True`` (default) gives :class:`Token` ``(text, start, end, kind)`` items
            (:class:`Tokens`; Arrow ``list<struct<text, start, end, kind>>``); ``False`` only
            the texts (:class:`Strings`; Arrow ``list<string>``).
        normalizer: a preset name or a :class:`khabar.Normalizer` applied to each token's text;
            spans still point into the raw input, and a token that normalizes to nothing
            (a lone mark) is left out.
        clitics: split the proclitics و ف ب ك ل ال off Arabic words, conservatively (kind
            ``"clitic"``); see the README for what it does not do.
        drop_stopwords: leave out Arabic stopwords (see :func:`is_stopword`).

    Returns:
        For a ``str`` a :class:`Tokens` (or :class:`Strings`): a read-only sequence whose items
        are made when read; for a sequence a list with one such result per row; for a Series a
        Series with the same index and name (Arrow list dtype when the input was Arrow-backed);
        Arrow for Arrow. Missing rows stay missing.

    >>> tokenize("قال: «سنرفع النمو إلى 3.5%».")
    ... # doctest: +NORMALIZE_WHITESPACE
    [Token(text='قال', start=0, end=3, kind='arabic'), Token(text=':', start=3, end=4, kind='punct'),
     Token(text='«', start=5, end=6, kind='punct'), Token(text='سنرفع', start=6, end=11, kind='arabic'),
     Token(text='النمو', start=12, end=17, kind='arabic'), Token(text='إلى', start=18, end=21, kind='arabic'),
     Token(text='3.5', start=22, end=25, kind='number'), Token(text='%', start=25, end=26, kind='punct'),
     Token(text='»', start=26, end=27, kind='punct'), Token(text='.', start=27, end=28, kind='punct')]
    >>> tokenize("وبالتالي فإن الحكومة", offsets=False, clitics=True)
    ['و', 'ب', 'ال', 'تالي', 'ف', 'إن', 'ال', 'حكومة']
    >>> tokenize("وبالتالي فإن الحكومة", offsets=False, clitics=True, drop_stopwords=True)
    ['تالي', 'حكومة']
    >>> [(t.text, t.start, t.end) for t in tokenize("الْكِتَابُ", normalizer="ml_clean")]
    [('الكتاب', 0, 10)]
    >>> tokenize(["نعم.", None], offsets=False)
    [['نعم', '.'], None]
    """
    return _batch.apply(lambda v: _tokenize(v, offsets, normalizer, clitics, drop_stopwords), x,
                        "lists")


@overload
def sentences(x: str, *, offsets: Literal[True] = ...) -> Sentences: ...
@overload
def sentences(x: str, *, offsets: Literal[False]) -> Strings: ...
@overload
def sentences(x: list[str | None], *, offsets: Literal[True] = ...) -> list[Sentences | None]: ...
@overload
def sentences(x: list[str | None], *, offsets: Literal[False]) -> list[Strings | None]: ...
@overload
def sentences(x: Any, *, offsets: bool = ...) -> Any: ...


def sentences(x: Any, *, offsets: bool = True) -> Any:
    """Split text into sentences, with code-point offsets.

    A sentence ends at ``. ! ? ؟ … ۔`` (or a run of them) followed by a space or the end,
    closing quotes and brackets included, or at a line break. It does not end between digits
    (``3.5``, ``1.1.2020``), after a one-letter abbreviation or dotted initials (``د.``,
    ``ص.ب.``, ``ج.م.ع.``), nor at ``،`` ``؛`` ``:``; a space before the mark (``... ؟``)
    still ends it there. Sentences are trimmed, ordered, and cover every non-space character.

    Args:
        x: a ``str`` or a column of them (see :func:`tokenize`).
        offsets: ``True`` gives :class:`Sentence` ``(text, start, end)`` items
            (:class:`Sentences`; Arrow ``list<struct<text, start, end>>``); ``False`` only the
            texts (:class:`Strings`).

    >>> sentences("قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «لن نتراجع.» انتهى", offsets=False)
    ['قال د. أحمد إن النمو بلغ 3.5%.', 'وأضاف: «لن نتراجع.»', 'انتهى']
    >>> sentences("نعم. لا")
    [Sentence(text='نعم.', start=0, end=4), Sentence(text='لا', start=5, end=7)]
    """
    return _batch.apply(lambda v: _sentences(v, offsets), x, "lists")


@overload
def stem(x: str, algorithm: Literal["light10", "isri"] = ..., *,
         drop_stopwords: bool = ...) -> Strings: ...
@overload
def stem(x: list[str | None], algorithm: Literal["light10", "isri"] = ..., *,
         drop_stopwords: bool = ...) -> list[Strings | None]: ...
@overload
def stem(x: Any, algorithm: Literal["light10", "isri"] = ..., *,
         drop_stopwords: bool = ...) -> Any: ...


def stem(x: Any, algorithm: Literal["light10", "isri"] = "light10", *,
         drop_stopwords: bool = False) -> Any:
    """Stem every word of a text: one list of stems per text.

    The text is tokenized as :func:`tokenize` does; Arabic words are stemmed, words in other
    scripts and numbers are kept as they are, everything else (punctuation, symbols, emoji,
    URLs, emails, mentions, hashtags) is left out. To stem single words, one per row, use
    :func:`stem_words`.

    Args:
        x: a ``str`` or a column of them (see :func:`tokenize`).
        algorithm: ``"light10"`` — Larkey's light10 exactly as Lucene's Arabic analyzer runs it
            (its normalization first: أ إ آ → ا, ى → ي, ة → ه, no harakat or tatweel); or
            ``"isri"`` — the ISRI root stemmer exactly as NLTK's ``ISRIStemmer``.
        drop_stopwords: leave out Arabic stopwords before stemming.

    Returns:
        :class:`Strings` (a read-only sequence of ``str``) for a ``str``; for a column one per
        row (Arrow ``list<string>``).

    >>> stem("والمكتبات الجديدة في 2020")
    ['مكتب', 'جديد', 'في', '2020']
    >>> stem("والمكتبات الجديدة في 2020", drop_stopwords=True)
    ['مكتب', 'جديد', '2020']
    >>> stem("المكتبات يستخدمون", algorithm="isri")
    ['كتب', 'خدم']
    """
    return _batch.apply(lambda v: _stem(v, algorithm, drop_stopwords), x, "lists")


def stem_words(x: Any, algorithm: Literal["light10", "isri"] = "light10") -> Any:
    """Stem single words: each string (each row) is one word.

    Follows the text -> text convention of :func:`khabar.normalize`: ``str`` -> ``str``, a
    sequence -> ``list``, a Series -> Series, Arrow -> Arrow; missing rows stay missing.

    >>> stem_words("والمكتبات")
    'مكتب'
    >>> stem_words(["المكتبات", None, "يستخدمون"], algorithm="isri")
    ['كتب', None, 'خدم']
    """
    return _batch.apply(lambda v: _stem_words(v, algorithm), x, "text")


def is_stopword(x: Any) -> Any:
    """Whether a word is an Arabic stopword of khabar's list (see :func:`stopwords`).

    Matching ignores short vowels, tatweel and the hamza on alef (``إلى`` = ``الى``), keeps
    ى and ي apart (``على`` yes, the name ``علي`` no), and accepts و/ف before a listed word
    (``وفي``). A ``str`` gives a ``bool``; a column one ``bool`` per row, missing rows kept.

    >>> is_stopword("إِلَى"), is_stopword("وفي"), is_stopword("علي")
    (True, True, False)
    >>> is_stopword(["في", None, "كتاب"])
    [True, None, False]
    """
    return _batch.apply(_is_stopword, x, "flags")


def stopwords() -> list[str]:
    """khabar's Arabic stopword list, as shipped (source and licence in the README).

    >>> words = stopwords()
    >>> "في" in words and "الذي" in words and len(words) > 250
    True
    """
    return list(_stopwords())
