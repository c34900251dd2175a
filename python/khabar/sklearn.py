"""khabar inside scikit-learn: transformers, picklable callables, and a fast hashing vectorizer.

* :class:`TextNormalizer`: a transformer that normalizes text (a column, or every column of a
  DataFrame);
* :class:`ArabicTokenizer`: a transformer that turns text into token lists (or joined
  strings);
* :class:`Tokenizer` and :class:`Preprocessor`: picklable callables for
  ``CountVectorizer(tokenizer=..., preprocessor=...)`` and friends (a lambda would not pickle);
* :class:`HashingVectorizer`: scikit-learn's ``HashingVectorizer`` (same parameters, same
  output type) computed in Rust, in parallel over rows, with khabar's tokenizer and
  normalizer by default; with ``token_pattern=r"(?u)\\b\\w\\w+\\b", normalizer=None`` its
  matrix equals scikit-learn's exactly (same MurmurHash3 columns and signs).

Everything here needs scikit-learn (``pip install khabar[sklearn]``); estimators clone,
pickle and run in ``Pipeline`` and ``GridSearchCV(n_jobs=...)``.

>>> from khabar.sklearn import HashingVectorizer, TextNormalizer
>>> from sklearn.pipeline import make_pipeline
>>> X = make_pipeline(TextNormalizer(), HashingVectorizer(n_features=16)).fit_transform(
...     ["ذهب الطلاب إلى المدرسة", "الطلاب في المدرسة"])
>>> X.shape
(2, 16)
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from . import _khabar

__all__ = ["ArabicTokenizer", "HashingVectorizer", "Preprocessor", "TextNormalizer", "Tokenizer",
           "SKLEARN_TOKEN_PATTERN"]

#: scikit-learn's default ``token_pattern``: with it (and no normalizer) :class:`HashingVectorizer`
#: gives scikit-learn's matrix exactly.
SKLEARN_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def _is_2d(X: Any) -> bool:
    shape = getattr(X, "shape", None)
    return isinstance(shape, tuple) and len(shape) == 2


def _columns(X: Any) -> list[str]:
    cols = getattr(X, "columns", None)
    if cols is not None:
        return [str(c) for c in cols]
    return [f"x{i}" for i in range(X.shape[1])]


def _column_name(X: Any) -> str:
    name = getattr(X, "name", None)
    return str(name) if name not in (None, "") else "text"


def _texts(X: Any, what: str) -> Any:
    """``X`` in a shape khabar's column functions take (they keep pandas/polars/pyarrow/list)."""
    if isinstance(X, str):
        raise ValueError(f"{what}: expected an iterable of documents, got one str")
    if isinstance(X, np.ndarray):
        return X.tolist()
    if isinstance(X, (list, tuple)) or hasattr(X, "__arrow_c_array__") or hasattr(X, "__arrow_c_stream__"):
        return X
    if type(X).__module__.startswith("pandas"):
        return X
    return list(X)


class _Stateless:
    """Estimator tags of khabar's transformers: text in, nothing to learn."""

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()  # type: ignore[misc]
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


class TextNormalizer(_Stateless, TransformerMixin, BaseEstimator):
    """Normalize text with a khabar preset (see :func:`khabar.normalize`).

    Takes a column (list, NumPy array, pandas or polars Series, pyarrow array) and gives the
    same kind back, or a 2-D table (pandas or polars DataFrame, 2-D array) whose every column
    is normalized. Stateless: ``fit`` only records the input's columns.

    >>> from khabar.sklearn import TextNormalizer
    >>> TextNormalizer(preset="search").fit_transform(["إِلَى الْمَدْرَسَةِ"])
    ['الي المدرسه']
    """

    def __init__(self, preset: str = "basic") -> None:
        self.preset = preset

    def fit(self, X: Any, y: Any = None) -> TextNormalizer:
        import khabar

        if self.preset not in khabar.presets():
            raise ValueError(f"TextNormalizer: unknown preset {self.preset!r}; presets: "
                             f"{', '.join(khabar.presets())}")
        if _is_2d(X):
            self.n_features_in_ = X.shape[1]
            if hasattr(X, "columns"):
                self.feature_names_in_ = np.asarray(_columns(X), dtype=object)
        else:
            self._name = _column_name(X)
        return self

    def transform(self, X: Any) -> Any:
        import khabar

        if not _is_2d(X):
            return khabar.normalize(_texts(X, "TextNormalizer"), preset=self.preset)
        if isinstance(X, np.ndarray):
            out = np.empty(X.shape, dtype=object)
            for j in range(X.shape[1]):
                out[:, j] = khabar.normalize(X[:, j].tolist(), preset=self.preset)
            return out
        if type(X).__module__.startswith("polars"):
            return X.with_columns([khabar.normalize(X[c], preset=self.preset) for c in X.columns])
        out = X.copy()
        for c in X.columns:
            out[c] = khabar.normalize(X[c], preset=self.preset)
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The output's column names: the input's (a column is named by its Series name, or
        ``text``)."""
        if input_features is not None:
            return np.asarray(input_features, dtype=object)
        if hasattr(self, "feature_names_in_"):
            return self.feature_names_in_.copy()
        if hasattr(self, "n_features_in_"):
            return np.asarray([f"x{i}" for i in range(self.n_features_in_)], dtype=object)
        return np.asarray([getattr(self, "_name", "text")], dtype=object)


class Tokenizer:
    """A picklable tokenizer for scikit-learn's vectorizers: one document -> its tokens.

    ``normalizer``: a khabar preset applied first (or ``None``); ``stem``: ``"light10"`` to
    stem the words; punctuation and symbols are left out unless ``keep_punct``.

    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> from khabar.sklearn import Tokenizer
    >>> cv = CountVectorizer(tokenizer=Tokenizer(normalizer="search"), token_pattern=None,
    ...                      lowercase=False)
    >>> sorted(cv.fit(["ذهبَ الطلابُ إلى المدرسةِ، ثم عادوا."]).vocabulary_)
    ['الطلاب', 'المدرسه', 'الي', 'ثم', 'ذهب', 'عادوا']
    """

    def __init__(self, normalizer: str | None = None, clitics: bool = False,
                 drop_stopwords: bool = False, stem: str | None = None,
                 keep_punct: bool = False) -> None:
        self.normalizer = normalizer
        self.clitics = clitics
        self.drop_stopwords = drop_stopwords
        self.stem = stem
        self.keep_punct = keep_punct

    def __repr__(self) -> str:
        return (f"Tokenizer(normalizer={self.normalizer!r}, clitics={self.clitics}, "
                f"drop_stopwords={self.drop_stopwords}, stem={self.stem!r}, "
                f"keep_punct={self.keep_punct})")

    def __eq__(self, other: object) -> bool:
        return type(other) is Tokenizer and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(vars(self).items())))

    def many(self, docs: Any) -> list[list[str]]:
        """The tokens of every document of ``docs`` (one batch call)."""
        import khabar

        if self.stem is not None and not self.keep_punct and not self.clitics:
            texts = docs if self.normalizer is None else khabar.normalize(docs, preset=self.normalizer)
            return [list(r) for r in khabar.stem(texts, algorithm=self.stem,
                                                 drop_stopwords=self.drop_stopwords)]
        rows = khabar.tokenize(docs, normalizer=self.normalizer, clitics=self.clitics,
                               drop_stopwords=self.drop_stopwords)
        out = [[t.text for t in toks if self.keep_punct or t.kind not in ("punct", "symbol")]
               for toks in rows]
        if self.stem is not None:
            # One batch call for every word of every document, cut back into rows.
            stems = iter(khabar.stem_words([w for r in out for w in r], algorithm=self.stem))
            out = [[next(stems) for _ in r] for r in out]
        return out

    def __call__(self, doc: str) -> list[str]:
        return self.many([doc])[0]


class Preprocessor:
    """A picklable preprocessor for scikit-learn's vectorizers: one document -> normalized.

    >>> from khabar.sklearn import Preprocessor
    >>> Preprocessor("search")("إِلَى الْمَدْرَسَةِ")
    'الي المدرسه'
    """

    def __init__(self, preset: str = "search") -> None:
        self.preset = preset

    def __repr__(self) -> str:
        return f"Preprocessor({self.preset!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is Preprocessor and other.preset == self.preset

    def __hash__(self) -> int:
        return hash(("Preprocessor", self.preset))

    def __call__(self, doc: str) -> str:
        import khabar

        return khabar.normalize(doc, preset=self.preset)


class ArabicTokenizer(_Stateless, TransformerMixin, BaseEstimator):
    """Text -> tokens, as a transformer: a list of token lists, or of strings of the tokens
    joined by ``join`` (for a vectorizer that splits on spaces).

    >>> from khabar.sklearn import ArabicTokenizer
    >>> ArabicTokenizer(normalizer="search").fit_transform(["ذهبَ الطلابُ إلى المدرسةِ."])
    [['ذهب', 'الطلاب', 'الي', 'المدرسه']]
    >>> ArabicTokenizer(stem="light10", join=" ").fit_transform(["والطلاب في المدرسة"])
    ['طلاب في مدرس']
    """

    def __init__(self, normalizer: str | None = None, clitics: bool = False,
                 drop_stopwords: bool = False, stem: str | None = None,
                 keep_punct: bool = False, join: str | None = None) -> None:
        self.normalizer = normalizer
        self.clitics = clitics
        self.drop_stopwords = drop_stopwords
        self.stem = stem
        self.keep_punct = keep_punct
        self.join = join

    def _tokenizer(self) -> Tokenizer:
        return Tokenizer(self.normalizer, self.clitics, self.drop_stopwords, self.stem, self.keep_punct)

    def fit(self, X: Any, y: Any = None) -> ArabicTokenizer:
        self._name = _column_name(X)
        return self

    def transform(self, X: Any) -> list[Any]:
        rows = self._tokenizer().many(_texts(X, "ArabicTokenizer"))
        if self.join is None:
            return rows
        return [self.join.join(r) for r in rows]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """One output column, named as the input column."""
        if input_features is not None:
            return np.asarray(input_features, dtype=object)
        return np.asarray([getattr(self, "_name", "text")], dtype=object)


class HashingVectorizer(_Stateless, TransformerMixin, BaseEstimator):
    """scikit-learn's ``HashingVectorizer``, computed in Rust over rows in parallel.

    The parameters are scikit-learn's, plus ``normalizer`` (a khabar preset run before
    lowercasing; ``None`` for none). ``token_pattern=None`` (the default) tokenizes with
    khabar's Arabic tokenizer (words, numbers, URLs, hashtags and emoji kept whole; punctuation
    and symbols left out); ``token_pattern=SKLEARN_TOKEN_PATTERN`` is scikit-learn's default
    pattern, computed the same way in Rust: with ``normalizer=None`` the output equals
    scikit-learn's matrix exactly. Any other setting scikit-learn has (a callable
    ``preprocessor``/``tokenizer``/``analyzer``, ``stop_words``, ``strip_accents``, another
    ``token_pattern``, ``input="filename"``, bytes documents) is honoured by scikit-learn's
    own analyzer in Python, with the hashing still done in Rust.

    Missing documents (``None``) are a ``ValueError`` naming the row, as in scikit-learn.

    >>> from khabar.sklearn import HashingVectorizer, SKLEARN_TOKEN_PATTERN
    >>> docs = ["ذهب الطلاب إلى المدرسة", "عاد الطلاب"]
    >>> X = HashingVectorizer(n_features=2**10, norm=None, alternate_sign=False).transform(docs)
    >>> X.shape, X.sum(axis=1).ravel().tolist()
    ((2, 1024), [[4.0, 2.0]])
    >>> from sklearn.feature_extraction.text import HashingVectorizer as SK
    >>> mine = HashingVectorizer(token_pattern=SKLEARN_TOKEN_PATTERN, normalizer=None)
    >>> (mine.transform(docs) != SK().transform(docs)).nnz
    0
    """

    def __init__(self, *, input: str = "content", encoding: str = "utf-8",
                 decode_error: str = "strict", strip_accents: Any = None, lowercase: bool = True,
                 preprocessor: Any = None, tokenizer: Any = None, stop_words: Any = None,
                 token_pattern: str | None = None, ngram_range: tuple[int, int] = (1, 1),
                 analyzer: Any = "word", n_features: int = 2**20, binary: bool = False,
                 norm: str | None = "l2", alternate_sign: bool = True, dtype: Any = np.float64,
                 normalizer: str | None = "search") -> None:
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.token_pattern = token_pattern
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.n_features = n_features
        self.binary = binary
        self.norm = norm
        self.alternate_sign = alternate_sign
        self.dtype = dtype
        self.normalizer = normalizer

    # -- scikit-learn's API ---------------------------------------------------------------
    def fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Check the parameters (nothing is learned)."""
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._check()
        return self

    def partial_fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Same as :meth:`fit` (nothing is learned)."""
        return self.fit(X, y)

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> Any:
        return self.fit(X, y).transform(X)

    def transform(self, X: Any) -> Any:
        """The hashed features of every document: a ``scipy.sparse.csr_matrix`` of shape
        ``(len(X), n_features)``."""
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._check()
        # In another precision the norm is taken afterwards, in that precision (see _matrix).
        counts = np.dtype(self.dtype) != np.float64 and self.norm is not None
        if self._fast():
            parts = _khabar.hashing_transform(
                _texts(X, "HashingVectorizer"), self.n_features, tuple(self.ngram_range),
                self.analyzer, self.lowercase, self.alternate_sign, self.binary,
                None if counts else self.norm, self.token_pattern is not None, self.normalizer)
        else:
            parts = self._slow(X, counts)
        return self._matrix(parts, counts)

    # -- the work -------------------------------------------------------------------------
    def _check(self) -> None:
        if self.analyzer not in ("word", "char", "char_wb") and not callable(self.analyzer):
            raise ValueError(f"analyzer: expected 'word', 'char', 'char_wb' or a callable, "
                             f"got {self.analyzer!r}")
        if self.norm not in (None, "l1", "l2"):
            raise ValueError(f"norm: expected 'l1', 'l2' or None, got {self.norm!r}")
        lo, hi = self.ngram_range
        if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
            raise ValueError(f"ngram_range must be (min, max) with 1 <= min <= max, got {self.ngram_range!r}")
        if not isinstance(self.n_features, (int, np.integer)) or not 1 <= self.n_features <= 2**31 - 1:
            raise ValueError(f"n_features must be between 1 and {2**31 - 1}, got {self.n_features!r}")
        if self.normalizer is not None:
            import khabar

            if self.normalizer not in khabar.presets():
                raise ValueError(f"normalizer: unknown preset {self.normalizer!r}; presets: "
                                 f"{', '.join(khabar.presets())}")

    def _fast(self) -> bool:
        """Whether the whole analysis runs in Rust."""
        return (self.input == "content" and self.strip_accents is None and self.preprocessor is None
                and self.tokenizer is None and self.stop_words is None
                and self.analyzer in ("word", "char", "char_wb")
                and (self.token_pattern is None or self.token_pattern == SKLEARN_TOKEN_PATTERN
                     or self.analyzer != "word"))

    def _slow(self, X: Any, counts: bool) -> tuple[bytes, bytes, bytes, int]:
        """scikit-learn's analyzer in Python, the hashing in Rust."""
        from sklearn.feature_extraction.text import HashingVectorizer as SK

        params = {k: v for k, v in self.get_params().items() if k not in ("normalizer",)}
        if params["token_pattern"] is None:
            params["token_pattern"] = SKLEARN_TOKEN_PATTERN
        analyze = SK(**params).build_analyzer()
        docs = list(X)
        if self.normalizer is not None and self.input == "content":
            import khabar

            docs = [khabar.normalize(d, preset=self.normalizer) if isinstance(d, str) else d
                    for d in docs]
        rows = []
        for i, d in enumerate(docs):
            if d is None:
                raise ValueError(f"row {i}: a missing value (None) is not a document")
            rows.append(list(analyze(d)))
        return _khabar.hash_features(rows, self.n_features, self.alternate_sign, self.binary,
                                     None if counts else self.norm)

    def _matrix(self, parts: tuple[bytes, bytes, bytes, int], counts: bool) -> Any:
        import scipy.sparse as sp

        indptr_b, indices_b, data_b, rows = parts
        indptr = np.frombuffer(indptr_b, dtype=np.int64)
        indices = np.frombuffer(indices_b, dtype=np.int32)
        data = np.frombuffer(data_b, dtype=np.float64)
        if indptr[-1] <= np.iinfo(np.int32).max:
            indptr = indptr.astype(np.int32)
        if np.dtype(self.dtype) != np.float64:
            data = data.astype(self.dtype)
        X = sp.csr_matrix((data, indices, indptr), shape=(rows, self.n_features), copy=False)
        if counts:
            # The norm in the output's own precision, as scikit-learn computes it.
            from sklearn.preprocessing import normalize

            X = normalize(X, norm=self.norm, copy=False)
        return X
