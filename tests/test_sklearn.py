"""khabar.sklearn: transformers, picklable callables, and the hashing vectorizer's parity with
scikit-learn's."""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest

sklearn = pytest.importorskip("sklearn")
sp = pytest.importorskip("scipy.sparse")
np = pytest.importorskip("numpy")

from sklearn.base import clone  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402
from sklearn.feature_extraction.text import HashingVectorizer as SKHashing  # noqa: E402

import khabar  # noqa: E402
from khabar.sklearn import (  # noqa: E402
    SKLEARN_TOKEN_PATTERN,
    ArabicTokenizer,
    HashingVectorizer,
    Preprocessor,
    TextNormalizer,
    Tokenizer,
)

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared/corpus/news/saudinewsnet_dev.jsonl"

# Real-looking text with what trips tokenizers: diacritics (not \w in Python), tatweel (\w),
# mixed scripts, digits of both sets, punctuation, emoji, capitals, Greek final sigma, tabs.
DOCS = [
    "ذَهَبَ الطُّلّابُ إلى المدرسةِ في الرياض، ثم عادوا!",
    "كتـــاب جديد عن COVID-19 صدر في 2020م و٢٠٢١",
    "Breaking: وزير الخارجية يلتقي نظيره ΟΔΟΣ  في\tباريس 🙂",
    "",
    "a b c",
    "الطالب_1 x-ray don't  stop\n\nالسطر   التالي",
]


def sample_rows(n: int) -> list[str]:
    if SHARED.exists():
        with open(SHARED, encoding="utf-8") as f:
            return [json.loads(line)["content"] for line, _ in zip(f, range(n))]
    from khabar.cli import _sample_files

    rows = [t for _, t in _sample_files()]
    return (rows * (n // len(rows) + 1))[:n]


def same(a, b) -> bool:
    """Equal sparse matrices: same shape, same entries, same values."""
    return a.shape == b.shape and (a != b).nnz == 0 and np.array_equal(a.indptr, b.indptr)


PARITY = [
    {},
    {"ngram_range": (1, 2)},
    {"ngram_range": (2, 3), "norm": "l1"},
    {"alternate_sign": False, "norm": None},
    {"binary": True},
    {"n_features": 1000, "lowercase": False},
    {"analyzer": "char", "ngram_range": (1, 3)},
    {"analyzer": "char", "ngram_range": (2, 4), "norm": None},
    {"analyzer": "char_wb", "ngram_range": (2, 5)},
    {"analyzer": "char_wb", "ngram_range": (1, 1), "binary": True},
    {"n_features": 7, "ngram_range": (1, 3), "alternate_sign": False},
    {"dtype": np.float32},
    {"dtype": np.float32, "norm": "l1", "ngram_range": (1, 2)},
]


@pytest.mark.parametrize("params", PARITY, ids=[str(p) for p in PARITY])
def test_parity_mode_equals_scikit_learn(params: dict) -> None:
    docs = DOCS + sample_rows(200)
    mine = HashingVectorizer(token_pattern=SKLEARN_TOKEN_PATTERN, normalizer=None, **params)
    theirs = SKHashing(**params)
    got, want = mine.fit_transform(docs), theirs.fit_transform(docs)
    assert isinstance(got, sp.csr_matrix)
    assert got.dtype == want.dtype
    assert same(got, want)
    assert np.array_equal(got.data, want.data)  # bit for bit, norms included


def test_parity_on_ten_thousand_real_articles() -> None:
    if not SHARED.exists():
        pytest.skip("needs ../shared/corpus")
    docs = sample_rows(10_000)
    got = HashingVectorizer(token_pattern=SKLEARN_TOKEN_PATTERN, normalizer=None).transform(docs)
    want = SKHashing().transform(docs)
    assert got.shape == (10_000, 2**20)
    assert same(got, want)


def test_inputs_of_every_kind_give_the_same_matrix() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    v = HashingVectorizer(n_features=2**12)
    want = v.transform(DOCS)
    for X in (tuple(DOCS), np.array(DOCS, dtype=object), pd.Series(DOCS), pl.Series(DOCS),
              pa.array(DOCS), pa.chunked_array([DOCS[:2], DOCS[2:]]), iter(DOCS)):
        assert same(v.transform(X), want), type(X)


def test_khabar_mode_folds_spellings_and_keeps_marked_words_whole() -> None:
    v = HashingVectorizer(n_features=2**18, norm=None, alternate_sign=False)
    a, b = v.transform(["الْمَدْرَسَةُ إِلى", "المدرسه الي"])
    assert same(a, b)  # the search preset folds marks, hamza and taa marbuta
    # scikit-learn's pattern splits a diacritized word at every mark; khabar's tokenizer does not.
    sk = SKHashing(n_features=2**18, norm=None, alternate_sign=False).transform(["ذَهَبَ"])
    assert sk.nnz == 0  # no run of two word characters
    assert v.transform(["ذَهَبَ"]).nnz == 1


def test_slow_path_settings_still_hash_in_rust_and_match() -> None:
    docs = DOCS[:3]
    for params in ({"stop_words": ["في", "ثم"]}, {"strip_accents": "unicode"},
                   {"token_pattern": r"\S+"}, {"preprocessor": str.upper, "lowercase": False},
                   {"tokenizer": str.split, "token_pattern": None}):
        mine = HashingVectorizer(normalizer=None, **{"token_pattern": SKLEARN_TOKEN_PATTERN, **params})
        assert not mine._fast()
        assert same(mine.transform(docs), SKHashing(**params).transform(docs)), params


def test_bad_input_and_settings_raise_clearly() -> None:
    v = HashingVectorizer()
    with pytest.raises(ValueError, match="string object received"):
        v.transform("نص واحد")
    with pytest.raises(ValueError, match="row 1: a missing value"):
        v.transform(["نص", None])
    with pytest.raises(ValueError, match="ngram_range"):
        HashingVectorizer(ngram_range=(2, 1)).transform(["x"])
    with pytest.raises(ValueError, match="n_features"):
        HashingVectorizer(n_features=0).transform(["x"])
    with pytest.raises(ValueError, match="norm"):
        HashingVectorizer(norm="l3").transform(["x"])
    with pytest.raises(ValueError, match="unknown preset"):
        HashingVectorizer(normalizer="nope").transform(["x"])
    with pytest.raises(TypeError, match="row 0"):
        v.transform([3])


def test_results_do_not_depend_on_the_thread_count() -> None:
    docs = sample_rows(3000)
    v = HashingVectorizer(ngram_range=(1, 2))
    before = khabar.num_threads()
    try:
        khabar.set_num_threads(1)
        one = v.transform(docs)
        khabar.set_num_threads(2)
        two = v.transform(docs)
    finally:
        khabar.set_num_threads(before)
    assert same(one, two)
    assert np.array_equal(one.data, two.data)


def test_the_matrix_is_writable() -> None:
    X = HashingVectorizer(n_features=64).transform(DOCS)
    X.data *= 2
    X.sort_indices()
    assert X.has_sorted_indices


def test_text_normalizer_keeps_the_input_kind() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    t = TextNormalizer(preset="search")
    assert t.fit_transform(["إِلَى"]) == ["الي"]
    s = t.fit_transform(pd.Series(["إِلَى", None], name="body"))
    assert s.tolist()[0] == "الي" and s.name == "body"
    assert t.get_feature_names_out().tolist() == ["body"]
    df = pd.DataFrame({"a": ["إِلَى"], "b": ["كتـاب"]})
    out = t.fit_transform(df)
    assert out.to_dict("list") == {"a": ["الي"], "b": ["كتاب"]}
    assert t.get_feature_names_out().tolist() == ["a", "b"]
    assert t.fit_transform(pl.Series("x", ["إِلَى"])).to_list() == ["الي"]
    assert t.fit_transform(pl.DataFrame({"a": ["إِلَى"]}))["a"].to_list() == ["الي"]
    arr = t.fit_transform(np.array([["إِلَى", "كتـاب"]], dtype=object))
    assert arr.tolist() == [["الي", "كتاب"]]
    with pytest.raises(ValueError, match="unknown preset"):
        TextNormalizer(preset="nope").fit(["x"])


def test_set_output_gives_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    t = TextNormalizer(preset="search").set_output(transform="pandas")
    out = t.fit_transform(pd.DataFrame({"body": ["إِلَى", "كتـاب"]}))
    assert isinstance(out, pd.DataFrame) and out["body"].tolist() == ["الي", "كتاب"]


def test_arabic_tokenizer_and_callables() -> None:
    assert ArabicTokenizer().fit_transform(["ذهب الطلاب، ثم عادوا."]) == [["ذهب", "الطلاب", "ثم", "عادوا"]]
    assert ArabicTokenizer(keep_punct=True).fit_transform(["نعم."]) == [["نعم", "."]]
    assert ArabicTokenizer(stem="light10", join=" ").fit_transform(["والطلاب في المدرسة"]) == ["طلاب في مدرس"]
    assert ArabicTokenizer(clitics=True, stem="light10").transform(["والكتاب"]) == [
        [khabar.stem_words(t.text) for t in khabar.tokenize("والكتاب", clitics=True)]]
    tok = Tokenizer(normalizer="search")
    assert tok("إِلَى المدرسةِ") == ["الي", "المدرسه"]
    assert pickle.loads(pickle.dumps(tok)) == tok
    pre = Preprocessor("search")
    assert pickle.loads(pickle.dumps(pre))("إِلَى") == "الي"
    cv = CountVectorizer(tokenizer=tok, preprocessor=pre, token_pattern=None, lowercase=False)
    cv.fit(DOCS)
    again = pickle.loads(pickle.dumps(cv))
    assert again.vocabulary_ == cv.vocabulary_
    assert "المدرسه" in cv.vocabulary_


def test_estimators_clone_and_pickle() -> None:
    for est in (TextNormalizer(preset="search"), ArabicTokenizer(stem="light10"),
                HashingVectorizer(n_features=2**10, ngram_range=(1, 2), normalizer=None)):
        c = clone(est)
        assert c.get_params() == est.get_params()
        p = pickle.loads(pickle.dumps(est))
        assert p.get_params() == est.get_params()
    v = HashingVectorizer(n_features=2**10)
    assert same(pickle.loads(pickle.dumps(v)).transform(DOCS), v.transform(DOCS))


def test_pipeline_under_grid_search_with_two_jobs() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import Pipeline

    pos = ["فاز الفريق بالمباراة النهائية", "سجل اللاعب هدفين في المباراة", "تأهل المنتخب إلى الدور الثاني"]
    neg = ["ارتفع سعر النفط في الأسواق", "أعلن البنك المركزي عن الفائدة", "تراجعت الأسهم في البورصة"]
    X = (pos + neg) * 6
    y = ([1] * 3 + [0] * 3) * 6
    pipe = Pipeline([("norm", TextNormalizer(preset="search")),
                     ("vec", HashingVectorizer(n_features=2**12)),
                     ("clf", LogisticRegression(max_iter=200))])
    grid = GridSearchCV(pipe, {"vec__ngram_range": [(1, 1), (1, 2)], "clf__C": [1.0, 10.0]},
                        cv=3, n_jobs=2)
    grid.fit(X, y)
    assert grid.best_score_ == 1.0
    again = pickle.loads(pickle.dumps(grid.best_estimator_))
    assert again.predict(["سجل المنتخب هدفا في المباراة", "ارتفع سعر الأسهم"]).tolist() == [1, 0]
    assert clone(pipe).get_params()["vec__n_features"] == 2**12
