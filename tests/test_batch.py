"""The batch calling convention: lists, iterables, pyarrow, pandas and polars columns."""

from __future__ import annotations

import math

import pytest

import khabar

TEXTS = ["مَدْرَسَــةٌ", None, "كِتَابٌ", "", "plain"]
CLEAN = ["مدرسة", None, "كتاب", "", "plain"]


def test_list_keeps_length_order_and_missing() -> None:
    assert khabar.normalize(TEXTS) == CLEAN


def test_tuple_and_generator_give_lists() -> None:
    assert khabar.normalize(tuple(TEXTS)) == CLEAN
    assert khabar.normalize(t for t in TEXTS) == CLEAN
    assert khabar.normalize([]) == []


def test_missing_markers_are_returned_as_they_came() -> None:
    pd = pytest.importorskip("pandas")
    nan = float("nan")
    out = khabar.normalize(["كِتَاب", nan, pd.NA, None])
    assert out[0] == "كتاب"
    assert math.isnan(out[1]) and out[2] is pd.NA and out[3] is None


def test_bad_row_type_names_the_row() -> None:
    with pytest.raises(TypeError, match=r"row 2: expected str or None, got int") as e:
        khabar.normalize(["a", "b", 3])
    assert e.value.row == 2


@pytest.mark.parametrize("bad", [b"bytes", 3, 2.5, {"a": "b"}, object()])
def test_bad_argument_type(bad: object) -> None:
    with pytest.raises(TypeError, match="expected str, a sequence of str"):
        khabar.normalize(bad)


def test_large_batch_runs_in_parallel_and_keeps_rows() -> None:
    rows = [f"سطر {i} مَدْرَسَــةٌ" if i % 5 else None for i in range(20_000)]
    out = khabar.normalize(rows)
    assert len(out) == len(rows)
    assert all((o is None) == (r is None) for o, r in zip(out, rows))
    assert out[1] == "سطر 1 مدرسة"


def test_long_list_unchanged_rows_are_the_same_objects() -> None:
    # About 2 MB of text: rows are read and normalized in many batches.
    rows = [f"نص {i} بلا تشكيل " * 20 if i % 3 else f"مَدْرَسَــةٌ {i} " * 20 for i in range(8_000)]
    rows[5] = None
    out = khabar.normalize(rows, preset="basic")
    assert len(out) == len(rows) and out[5] is None
    for o, r in zip(out, rows):
        if r is not None:
            assert o == khabar.normalize(r, preset="basic")
            assert (o is r) == (o == r)


def test_bad_row_deep_in_a_long_list_names_the_row() -> None:
    rows = ["مَدْرَسَــةٌ " * 50] * 10_000
    with pytest.raises(TypeError, match=r"row 9000: expected str or None, got bytes") as e:
        khabar.normalize(rows[:9000] + [b"x"] + rows[9000:])
    assert e.value.row == 9000
    with pytest.raises(ValueError, match=r"row 7000: the string cannot be encoded") as e:
        khabar.normalize(rows[:7000] + ["a\ud800"] + rows[7000:])
    assert e.value.row == 7000
    assert khabar.normalize(rows[:3]) == ["مدرسة " * 49 + "مدرسة"] * 3


@pytest.mark.parametrize("typ", ["string", "large_string", "string_view"])
def test_pyarrow_array_types(typ: str) -> None:
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(TEXTS, type=getattr(pa, typ)())
    out = khabar.normalize(arr)
    assert isinstance(out, pa.Array)
    assert out.to_pylist() == CLEAN
    assert out.null_count == 1
    if typ == "large_string":
        assert out.type == pa.large_string()


def test_pyarrow_sliced_array_and_chunked_array() -> None:
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(TEXTS * 100)
    sliced = arr.slice(1, 7)
    assert khabar.normalize(sliced).to_pylist() == (CLEAN * 100)[1:8]
    chunked = pa.chunked_array([arr, arr.slice(3)])
    out = khabar.normalize(chunked)
    assert isinstance(out, pa.ChunkedArray)
    assert out.to_pylist() == CLEAN * 100 + (CLEAN * 100)[3:]
    empty = pa.chunked_array([], type=pa.string())
    assert len(khabar.normalize(empty)) == 0


def test_chunked_results_have_the_input_chunks() -> None:
    # One output chunk per input chunk, empty ones included, as pyarrow's compute functions
    # give: `datasets` and `pa.Table` writers then take the column without joining pieces.
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(TEXTS * 500)
    chunked = pa.chunked_array([arr, arr.slice(0, 0), arr.slice(5, 40)])
    lengths = [len(c) for c in chunked.chunks]
    for out in (khabar.normalize(chunked), khabar.normalize(chunked, preset="search"),
                khabar.tokenize(chunked), khabar.sentences(chunked), khabar.stem(chunked)):
        assert [len(c) for c in out.chunks] == lengths
    assert khabar.normalize(chunked).to_pylist() == CLEAN * 500 + (CLEAN * 500)[5:45]


def test_pyarrow_non_string_is_type_error() -> None:
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(TypeError, match="expected an Arrow string column.*Int64"):
        khabar.normalize(pa.array([1, 2]))


def test_pyarrow_all_null() -> None:
    pa = pytest.importorskip("pyarrow")
    out = khabar.normalize(pa.array([None, None], type=pa.string()))
    assert out.to_pylist() == [None, None]


def test_pandas_arrow_backed_series_keeps_index_name_dtype() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    s = pd.Series(TEXTS, index=[10, 20, 30, 40, 50], name="body", dtype="string[pyarrow]")
    out = khabar.normalize(s)
    assert list(out.index) == [10, 20, 30, 40, 50] and out.name == "body"
    assert out.dtype == s.dtype
    assert out.isna().tolist() == [False, True, False, False, False]
    assert out.iloc[0] == "مدرسة"


def test_pandas_default_str_series() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(TEXTS, index=list("abcde"), name="t")
    out = khabar.normalize(s)
    assert out.dtype == s.dtype and list(out.index) == list("abcde") and out.name == "t"
    assert out.isna().tolist() == s.isna().tolist()
    assert out["c"] == "كتاب"


def test_pandas_object_series_with_none_nan_na() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(["كِتَاب", None, float("nan"), pd.NA], index=[3, 1, 2, 0], name="x",
                  dtype=object)
    out = khabar.normalize(s)
    assert out.dtype == object and list(out.index) == [3, 1, 2, 0] and out.name == "x"
    assert out.iloc[0] == "كتاب"
    assert out.iloc[1] is None and out.iloc[3] is pd.NA
    assert out.isna().tolist() == [False, True, True, True]


def test_pandas_bad_row_names_index_label() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(["a", 5], index=["first", "second"], dtype=object)
    with pytest.raises(TypeError, match=r"row 1.*index label 'second'"):
        khabar.normalize(s)


def test_polars_series() -> None:
    pl = pytest.importorskip("polars")
    s = pl.Series("body", TEXTS)
    out = khabar.normalize(s)
    assert isinstance(out, pl.Series) and out.name == "body"
    assert out.to_list() == CLEAN


def test_fork_after_pool_started_does_not_deadlock() -> None:
    import multiprocessing as mp

    khabar.normalize(["مَدْرَسَة"] * 10_000)  # start the thread pool in the parent
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        out = pool.map(_normalize_many, range(4))
    assert out == [10_000] * 4


def _normalize_many(_: int) -> int:
    return sum(1 for s in khabar.normalize(["مَدْرَسَة"] * 10_000) if s == "مدرسة")
