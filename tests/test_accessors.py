"""`Series.khabar` for pandas and `Series.khabar` / `Expr.khabar` for polars."""

from __future__ import annotations

import pytest

import khabar

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

import khabar.pandas  # noqa: E402,F401  (registers the accessor)
import khabar.polars  # noqa: E402,F401

ROWS = ["مَدْرَسَــةٌ جَدِيدَةٌ", None, "قال: «سنرفع النمو». وأضاف", ""]
ARTICLE = "حفتر يلتقي بمدير المخابرات\n\nاستقبل المشير خليفة حفتر مدير المخابرات."


@pytest.fixture(params=["str", "object"])
def series(request: pytest.FixtureRequest) -> pd.Series:
    dtype = "str" if request.param == "str" else object
    return pd.Series(ROWS, index=[5, 3, 9, 1], name="body", dtype=dtype)


def test_pandas_normalize_keeps_index_name_dtype_and_missing(series: pd.Series) -> None:
    out = series.khabar.normalize()
    assert out.index.tolist() == [5, 3, 9, 1]
    assert out.name == "body" and out.dtype == series.dtype
    assert out[5] == "مدرسة جديدة" and out[1] == "" and pd.isna(out[3])
    assert out.tolist()[::2] == khabar.normalize(ROWS)[::2]
    assert series.khabar.normalize(preset="basic")[5] == "مدرسه جديده"
    assert series.khabar.normalize(fold_teh_marbuta=True)[5] == "مدرسه جديده"


def test_pandas_unknown_rule_fails_fast(series: pd.Series) -> None:
    with pytest.raises(khabar.KhabarTypeError, match="unknown rule"):
        series.khabar.normalize(no_such_rule=True)
    with pytest.raises(khabar.KhabarValueError):
        series.khabar.normalize(preset="nope")


def test_pandas_tokenize_sentences_stem(series: pd.Series) -> None:
    toks = series.khabar.tokenize(offsets=False)
    assert toks.index.tolist() == [5, 3, 9, 1]
    assert list(toks[5]) == ["مَدْرَسَــةٌ", "جَدِيدَةٌ"]
    assert toks[3] is None or pd.isna(toks[3])
    sents = series.khabar.sentences(offsets=False)
    assert list(sents[9]) == ["قال: «سنرفع النمو».", "وأضاف"]
    stems = series.khabar.stem()
    assert list(stems[5]) == khabar.stem(ROWS[0])


def test_pandas_parse_gives_frame_on_the_index(series: pd.Series) -> None:
    s = pd.Series([ARTICLE, None], index=["a", "b"], dtype=series.dtype)
    df = s.khabar.parse()
    assert isinstance(df, pd.DataFrame)
    assert df.index.tolist() == ["a", "b"]
    assert df.loc["a", "title"] == "حفتر يلتقي بمدير المخابرات"
    assert pd.isna(df.loc["b", "title"])
    assert list(df.columns[:3]) == ["title", "lead", "body_text"]


def test_pandas_chunked_progress_matches_one_call(series: pd.Series) -> None:
    big = pd.concat([series] * 50, ignore_index=True)
    seen: list[int] = []

    class Bar:
        def update(self, n: int) -> None:
            seen.append(n)

    chunked = khabar.io.map_chunks(khabar.normalize, big, progress=Bar(), chunk_rows=30)
    pd.testing.assert_series_equal(chunked, big.khabar.normalize())
    assert sum(seen) == len(big) and len(seen) == 7
    df = khabar.io.map_chunks(khabar.parse, pd.Series([ARTICLE] * 5), chunk_rows=2)
    assert df.index.tolist() == [0, 1, 2, 3, 4] and df["title"].nunique() == 1


def test_pandas_progress_true_writes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    import builtins
    real_import = builtins.__import__

    def no_tqdm(name: str, *a: object, **k: object) -> object:
        if name.startswith("tqdm"):
            raise ImportError(name)
        return real_import(name, *a, **k)

    builtins.__import__ = no_tqdm  # type: ignore[assignment]
    try:
        out = pd.Series(ROWS * 10).khabar.normalize(progress=True)
    finally:
        builtins.__import__ = real_import
    assert len(out) == 40
    assert "40/40 docs" in capsys.readouterr().err


def test_polars_series_namespace() -> None:
    s = pl.Series("body", ROWS)
    out = s.khabar.normalize()
    assert out.name == "body" and out.dtype == pl.String
    assert out.to_list() == khabar.normalize(ROWS)
    assert s.khabar.tokenize(offsets=False).to_list()[0] == ["مَدْرَسَــةٌ", "جَدِيدَةٌ"]
    assert s.khabar.sentences(offsets=False).to_list()[2] == ["قال: «سنرفع النمو».", "وأضاف"]
    assert s.khabar.stem().to_list()[1] is None
    df = pl.Series([ARTICLE, None]).khabar.parse()
    assert df.height == 2 and df["title"].to_list() == ["حفتر يلتقي بمدير المخابرات", None]


def test_polars_chunked_matches_one_call() -> None:
    s = pl.Series("body", ROWS * 40)
    chunked = khabar.io.map_chunks(khabar.normalize, s, chunk_rows=7, progress=False)
    assert chunked.to_list() == s.khabar.normalize().to_list()


def test_polars_expr_namespace() -> None:
    df = pl.DataFrame({"id": [1, 2, 3, 4], "body": ROWS})
    out = df.with_columns(
        clean=pl.col("body").khabar.normalize(preset="basic"),
        words=pl.col("body").khabar.tokenize(offsets=False),
        stems=pl.col("body").khabar.stem(),
        sents=pl.col("body").khabar.sentences(),
    )
    assert out["clean"].to_list() == khabar.normalize(ROWS, preset="basic")
    assert out["words"].to_list()[0] == ["مَدْرَسَــةٌ", "جَدِيدَةٌ"]
    assert out["sents"].dtype == pl.List(pl.Struct) or isinstance(out["sents"].dtype, pl.List)
    parsed = pl.DataFrame({"body": [ARTICLE, None]}).select(
        pl.col("body").khabar.parse()).unnest("body")
    assert parsed["title"].to_list() == ["حفتر يلتقي بمدير المخابرات", None]
    lazy = pl.LazyFrame({"body": ROWS}).select(pl.col("body").khabar.normalize()).collect()
    assert lazy["body"].to_list() == khabar.normalize(ROWS)


def test_pandas_arrow_backed_result_stays_arrow_backed() -> None:
    s = pd.Series(ROWS * 1000, dtype="str")
    out = s.khabar.normalize()
    assert type(out.array).__name__ == "ArrowStringArray"
    assert out.iloc[0] == "مدرسة جديدة"
