"""Every column function on every surface (pandas, polars Series and Expr, Dask), with the
function's own signature, and the same results as the function itself."""

from __future__ import annotations

import inspect
import pickle

import pytest

import khabar
from khabar._namespace import COLUMN_FUNCTIONS, Call, by_name

TEXTS = ["مَدْرَسَــةٌ جديدة", None, "وفي المكتبات", ""]
ARGS = {
    "normalize": ((), {"preset": "basic"}),
    "tokenize": ((), {"offsets": False, "clitics": True}),
    "sentences": ((), {"offsets": False}),
    "stem": (("isri",), {}),
    "stem_words": ((), {}),
    "is_stopword": ((), {}),
    "parse": ((), {}),
    "parse_html": ((), {"url": "https://example.com/a"}),
    "repair": ((), {}),
    "quality": ((), {}),
    "quality_filter": ((), {"preset": "khabar_arb"}),
    "minhash": ((), {"num_perm": 8}),
    "near_duplicates": ((), {"threshold": 0.5}),
}
#: A column of each record function's table, to compare surfaces by.
COLUMN = {"parse": "title", "parse_html": "title", "quality": "chars", "quality_filter": "reason"}


def shown(values) -> list[str]:
    """Values as text, every kind of missing value as one marker."""
    import pandas as pd

    return ["<missing>" if not isinstance(v, (list, tuple)) and pd.isna(v) else str(v)
            for v in values]


def params(f) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(f).parameters.values()]


def test_every_public_column_function_is_listed() -> None:
    assert {f.name for f in COLUMN_FUNCTIONS} == set(ARGS)
    for f in COLUMN_FUNCTIONS:
        assert getattr(khabar, f.name) is f.func


@pytest.mark.parametrize("fn", COLUMN_FUNCTIONS, ids=lambda f: f.name)
def test_pandas_surface(fn) -> None:
    pd = pytest.importorskip("pandas")
    import khabar.pandas  # noqa: F401

    s = pd.Series(TEXTS, index=list("abcd"), name="body")
    method = getattr(s.khabar, fn.name)
    own = params(fn.func)[1:]
    got = params(method)
    assert [p for p in got if p[0] != "progress"] == own
    args, kwargs = ARGS[fn.name]
    out = method(*args, **kwargs)
    want = fn.func(s, *args, **kwargs)
    if fn.out == "records":
        assert list(out.index) == list("abcd")
        col = COLUMN.get(fn.name, "title")
        rows = 1 if fn.name == "parse_html" else None
        assert shown(out[col].tolist()[:rows]) == shown(want[col].tolist()[:rows])
    else:
        assert list(out.index) == list("abcd")
        assert shown(out.tolist()) == shown(want.tolist())


@pytest.mark.parametrize("fn", COLUMN_FUNCTIONS, ids=lambda f: f.name)
def test_polars_surfaces(fn) -> None:
    pl = pytest.importorskip("polars")
    import khabar.polars  # noqa: F401

    s = pl.Series("body", TEXTS)
    args, kwargs = ARGS[fn.name]
    own = params(fn.func)[1:]
    series_method = getattr(s.khabar, fn.name)
    assert [p for p in params(series_method) if p[0] != "progress"] == own
    expr_method = getattr(pl.col("body").khabar, fn.name)
    assert params(expr_method) == own
    want = fn.func(s, *args, **kwargs)
    got = series_method(*args, **kwargs)
    if fn.out == "records":
        col = COLUMN[fn.name]
        assert got[col].to_list() == want[col].to_list()
        picked = pl.DataFrame({"body": TEXTS}).select(expr_method(*args, **kwargs))
        assert picked["body"].struct.field(col).to_list() == want[col].to_list()
    else:
        assert got.to_list() == want.to_list()
        picked = pl.DataFrame({"body": TEXTS}).select(expr_method(*args, **kwargs))
        assert picked["body"].to_list() == want.to_list()


@pytest.mark.parametrize("fn", COLUMN_FUNCTIONS, ids=lambda f: f.name)
def test_dask_surface(fn) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import dask

    import khabar.dask

    f = getattr(khabar.dask, fn.name)
    assert [p for p in params(f) if p[0] != "column"][1:] == params(fn.func)[1:]
    frame = pd.DataFrame({"body": TEXTS})
    ddf = dd.from_pandas(frame, npartitions=2)
    args, kwargs = ARGS[fn.name]
    with dask.config.set(scheduler="synchronous"):
        got = f(ddf["body"], *args, **kwargs).compute()
    want = fn.func(frame["body"], *args, **kwargs)
    if fn.out == "records":
        col = COLUMN[fn.name]
        assert shown(got[col].tolist()) == shown(want[col].tolist())
        with pytest.raises(TypeError, match="column= is not supported"):
            f(ddf, column="body")
    else:
        assert shown(got.tolist()) == shown(want.tolist())
        with dask.config.set(scheduler="synchronous"):
            whole = f(ddf, *args, column="body", **kwargs).compute()
        assert shown(whole["body"].tolist()) == shown(want.tolist())


def test_bad_arguments_fail_before_any_work() -> None:
    pl = pytest.importorskip("polars")
    import khabar.polars  # noqa: F401

    with pytest.raises(ValueError, match="unknown preset"):
        pl.col("body").khabar.normalize(preset="nope")
    with pytest.raises(TypeError, match="unknown rule"):
        pl.col("body").khabar.normalize(no_such_rule=True)
    with pytest.raises(TypeError, match="stem\\(\\)"):
        pl.col("body").khabar.stem(bogus=1)
    with pytest.raises(ValueError, match="unknown stemming algorithm"):
        pl.col("body").khabar.stem("porter")


def test_calls_pickle_by_name() -> None:
    call = Call("stem", ("isri",), {"drop_stopwords": True})
    back = pickle.loads(pickle.dumps(call))
    assert back("المكتبات في") == call("المكتبات في") == ["كتب"]
    assert by_name("normalize").out == "text"
    with pytest.raises(KeyError):
        by_name("nope")
