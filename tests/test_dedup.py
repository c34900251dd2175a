"""minhash, near_duplicates, dedup and `khabar dedup`: every input kind, the method's
promises (spelling and punctuation do not separate copies, missing rows stay missing,
cluster ids are least rows) and the errors."""

from __future__ import annotations

import json
import os
import pathlib
import random
import subprocess
import sys

import pytest

import khabar
from khabar._khabar import DedupIndex, band_probability, banding, bucket_pairs, components

from dedup_data import corpus, rewrite, story

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

STORY = ("أعلنت وزارة التعليم اليوم افتتاح مئة مدرسة جديدة في المناطق الريفية خلال العام "
         "المقبل بتكلفة تبلغ ثلاثة مليارات ريال وفق ما ذكره المتحدث الرسمي باسم الوزارة")
COPY = ("الرياض - واس - اعلنت وزاره التعليم اليوم افتتاح مئه مدرسة جديدة في المناطق الريفيه "
        "خلال العام المقبل بتكلفة تبلغ ثلاثة مليارات ريال وفق ما ذكره المتحدث الرسمي باسم الوزاره.")
OTHER = "خبر آخر عن الاقتصاد والأسواق المالية في المنطقة وأسعار النفط هذا الأسبوع"


# --- minhash ----------------------------------------------------------------------------------

def test_minhash_of_a_str_is_a_numpy_vector_that_ignores_spelling_and_punctuation() -> None:
    a = khabar.minhash("«أعلنت» الوزارةُ اليوم: إن ٣ مدارس ستفتح")
    assert a.shape == (128,) and a.dtype == np.uint32
    b = khabar.minhash("اعلنت الوزاره اليوم - ان 3 مدارس ستفتح!")
    assert (a == b).all()
    c = khabar.minhash("اعلنت الوزاره امس ان 3 مدارس ستفتح")
    assert not (a == c).all()
    assert (khabar.minhash("نص", num_perm=8, seed=1) != khabar.minhash("نص", num_perm=8)).any()


def test_minhash_64_bits_hold_the_32_bit_signature_in_their_top_half() -> None:
    s32 = khabar.minhash(STORY, num_perm=40)
    s64 = khabar.minhash(STORY, num_perm=40, bits=64)
    assert s64.dtype == np.uint64
    assert ((s64 >> np.uint64(32)).astype(np.uint32) == s32).all()


def test_minhash_of_a_list_masks_missing_rows_and_gives_no_word_rows_the_maximum() -> None:
    sigs = khabar.minhash([STORY, None, "،،، !!!", COPY], num_perm=16)
    assert sigs.shape == (4, 16)
    assert sigs.mask[:, 0].tolist() == [False, True, False, False]
    assert (sigs.data[2] == np.iinfo(np.uint32).max).all()
    assert (sigs[0] == khabar.minhash(STORY, num_perm=16)).all()
    plain = khabar.minhash([STORY, COPY], num_perm=16)
    assert not np.ma.isMaskedArray(plain) and plain.shape == (2, 16)
    assert khabar.minhash([], num_perm=16).shape == (0, 16)


def test_minhash_estimates_jaccard() -> None:
    rng = random.Random(3)
    a = story(rng, 400)
    words = a.split()
    b = " ".join(words[:300] + [w + "ز" for w in words[300:]])
    sa, sb = khabar.minhash([a, b], num_perm=512)
    _, pairs = khabar.near_duplicates([a, b], threshold=0.5, pairs=True)
    exact = pairs[0][3] if pairs else None
    est = float((sa == sb).mean())
    assert 0.5 < est < 0.7
    if exact is not None:
        assert abs(est - exact) < 0.08


def test_minhash_arrow_pandas_polars_give_fixed_size_lists() -> None:
    rows = [STORY, None, COPY]
    arr = khabar.minhash(pa.array(rows), num_perm=8)
    assert arr.type == pa.list_(pa.field("item", pa.uint32(), nullable=False), 8)
    assert arr.null_count == 1 and arr.is_null().to_pylist() == [False, True, False]
    assert arr[0].as_py() == khabar.minhash(STORY, num_perm=8).tolist()
    chunked = khabar.minhash(pa.chunked_array([rows[:1], rows[1:]]), num_perm=8, bits=64)
    assert isinstance(chunked, pa.ChunkedArray) and chunked.type.value_type == pa.uint64()
    pd = pytest.importorskip("pandas")
    s = pd.Series(rows, index=[10, 20, 30], dtype=object)
    out = khabar.minhash(s, num_perm=8)
    assert list(out.index) == [10, 20, 30]
    assert out.isna().tolist() == [False, True, False]
    assert list(out.iloc[0]) == arr[0].as_py()
    arrow_s = pd.Series(rows, index=[1, 2, 3], dtype="string[pyarrow]")
    assert list(khabar.minhash(arrow_s, num_perm=8).iloc[2]) == arr[2].as_py()
    pl = pytest.importorskip("polars")
    ps = khabar.minhash(pl.Series("t", rows), num_perm=8)
    assert ps.len() == 3 and ps.null_count() == 1
    assert ps.to_list()[0] == arr[0].as_py()


def test_minhash_is_the_same_on_one_thread_and_two() -> None:
    code = ("import khabar, sys; from dedup_data import corpus; rows, _ = corpus(600); "
            "sys.stdout.write(khabar.minhash(rows, num_perm=64).data.tobytes().hex())")
    here = pathlib.Path(__file__).parent
    outs = []
    for threads in ("1", "2"):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=here,
                           env={**os.environ, "RAYON_NUM_THREADS": threads}, timeout=120)
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout)
    assert outs[0] == outs[1] and len(outs[0]) == 600 * 64 * 8


def test_minhash_refuses_bad_arguments() -> None:
    with pytest.raises(khabar.KhabarValueError, match="num_perm"):
        khabar.minhash("نص", num_perm=0)
    with pytest.raises(khabar.KhabarValueError, match="ngram"):
        khabar.minhash("نص", ngram=0)
    with pytest.raises(khabar.KhabarValueError, match="bits"):
        khabar.minhash("نص", bits=16)  # type: ignore[arg-type]
    with pytest.raises(khabar.KhabarValueError, match="on="):
        khabar.minhash("نص", on="title")  # type: ignore[arg-type]
    with pytest.raises(khabar.KhabarValueError):
        khabar.minhash("نص", normalizer="no-such-preset")
    with pytest.raises(khabar.KhabarTypeError, match="row 1"):
        khabar.minhash(["نص", 3])


# --- near_duplicates --------------------------------------------------------------------------

def test_near_duplicates_joins_rewritten_copies_and_keeps_missing_rows_missing() -> None:
    ids = khabar.near_duplicates([STORY, OTHER, None, COPY, STORY, "،،،", "،،،"])
    assert ids == [0, 1, None, 0, 0, 5, 6]


def test_cluster_ids_are_least_rows_in_any_order() -> None:
    rows, source = corpus(400, seed=11)
    ids = khabar.near_duplicates(rows, on="body")
    for i, (cid, src) in enumerate(zip(ids, source)):
        if src is None:
            assert cid is None
        else:
            assert cid == src, (i, cid, src)
    order = list(range(len(rows)))
    random.Random(1).shuffle(order)
    shuffled = khabar.near_duplicates([rows[i] for i in order], on="body")
    groups = {}
    for pos, i in enumerate(order):
        groups.setdefault(ids[i], set()).add(shuffled[pos])
    assert all(len(v) == 1 for k, v in groups.items() if k is not None)
    for pos, cid in enumerate(shuffled):
        if cid is not None:
            assert cid == min(p for p, c in enumerate(shuffled) if c == cid)


def test_body_hashing_leaves_the_frame_out() -> None:
    rng = random.Random(5)
    src = story(rng, 120)
    # The same story under other titles, datelines and sign-offs, in other spellings.
    copies = [src] + [rewrite(rng, src, changed=0) for _ in range(3)]
    assert khabar.near_duplicates(copies, on="body", threshold=0.95) == [0, 0, 0, 0]
    assert khabar.near_duplicates(copies, on="text", threshold=0.95) == [0, 1, 2, 3]


def test_pairs_carry_estimated_and_exact_jaccard() -> None:
    ids, pairs = khabar.near_duplicates([STORY, None, COPY, STORY], pairs=True)
    assert ids == [0, None, 0, 0]
    assert [(p[0], p[1]) for p in pairs] == [(0, 2), (0, 3)]
    left, right, est, exact, dup = pairs[1]
    assert (est, exact, dup) == (1.0, 1.0, True)
    assert pairs[0][4] is True and 0 < pairs[0][3] <= 1
    # The threshold is applied to the exact similarity.
    high = khabar.near_duplicates([STORY, COPY], threshold=1.0)
    assert high == ([0, 0] if pairs[0][3] == 1.0 else [0, 1])


def test_near_duplicates_in_every_column_type() -> None:
    rows = [STORY, None, COPY, OTHER]
    want = [0, None, 0, 3]
    assert khabar.near_duplicates(rows) == want
    assert khabar.near_duplicates(pa.array(rows)).to_pylist() == want
    assert khabar.near_duplicates(pa.chunked_array([rows[:2], rows[2:]])).to_pylist() == want
    ids, table = khabar.near_duplicates(pa.array(rows), pairs=True)
    assert isinstance(table, pa.Table) and table.column_names == [
        "left", "right", "estimated_jaccard", "jaccard", "duplicate"]
    pd = pytest.importorskip("pandas")
    s = pd.Series(rows, index=list("abcd"), name="body")
    out = khabar.near_duplicates(s)
    assert out.dtype == "Int64" and list(out.index) == list("abcd") and out.name == "body"
    assert [None if pd.isna(v) else v for v in out] == want
    pytest.importorskip("khabar.pandas")  # registers Series.khabar

    assert [None if pd.isna(v) else v for v in s.khabar.near_duplicates()] == want
    pl = pytest.importorskip("polars")
    assert khabar.near_duplicates(pl.Series("b", rows)).to_list() == want
    pytest.importorskip("khabar.polars")  # registers Series.khabar and Expr.khabar

    assert pl.Series("b", rows).khabar.near_duplicates().to_list() == want
    df = pl.DataFrame({"b": rows})
    assert df.select(pl.col("b").khabar.near_duplicates())["b"].to_list() == want


def test_signature_check_agrees_on_clear_cases() -> None:
    rows, source = corpus(300, seed=2)
    exact = khabar.near_duplicates(rows, on="body")
    sig = khabar.near_duplicates(rows, on="body", verify="signature")
    assert sum(a != b for a, b in zip(exact, sig)) <= 3


def test_near_duplicates_refuses_bad_arguments() -> None:
    for bad in (0.0, 1.5, -1):
        with pytest.raises(khabar.KhabarValueError, match="threshold"):
            khabar.near_duplicates(["نص"], threshold=bad)
    with pytest.raises(khabar.KhabarValueError, match="verify"):
        khabar.near_duplicates(["نص"], verify="maybe")  # type: ignore[arg-type]
    with pytest.raises(khabar.KhabarTypeError, match="row 2"):
        khabar.near_duplicates(["نص", None, b"x"])
    assert khabar.near_duplicates([]) == []


# --- dedup ------------------------------------------------------------------------------------

def test_dedup_keeps_the_first_of_each_cluster_in_every_table_type() -> None:
    rows = [STORY, None, COPY, OTHER, STORY]
    assert khabar.dedup(rows) == [STORY, None, OTHER]
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"id": [5, 6, 7, 8, 9], "text": rows}, index=list("vwxyz"))
    kept = khabar.dedup(df)
    assert list(kept.index) == ["v", "w", "y"] and kept["id"].tolist() == [5, 6, 8]
    assert khabar.dedup(df["text"]).index.tolist() == ["v", "w", "y"]
    t = khabar.dedup(pa.table({"id": [5, 6, 7, 8, 9], "body": rows}), column="body")
    assert t.column("id").to_pylist() == [5, 6, 8]
    pl = pytest.importorskip("polars")
    assert khabar.dedup(pl.DataFrame({"text": rows, "n": range(5)}))["n"].to_list() == [0, 1, 3]
    with pytest.raises(khabar.KhabarValueError, match="column"):
        khabar.dedup(df, column="body")
    with pytest.raises(khabar.KhabarValueError, match="keep"):
        khabar.dedup(rows, keep="last")  # type: ignore[arg-type]


# --- pieces of the method ---------------------------------------------------------------------

def test_banding_follows_the_threshold() -> None:
    assert banding(0.8, 128) == (14, 9)
    for t in (0.5, 0.7, 0.9):
        b, r = banding(t, 128)
        assert b * r <= 128
        assert band_probability(min(t + 0.1, 1.0), b, r) > 0.9
        assert band_probability(t - 0.4, b, r) < 0.05
    assert bucket_pairs([3, 5, 9]) == [(3, 5), (3, 9), (5, 9)]
    with pytest.raises(khabar.KhabarValueError):
        bucket_pairs([5, 3])
    assert components([5, 7, 2], [9, 8, 9]) == ([2, 5, 7, 8, 9], [2, 2, 7, 7, 2])


def test_a_streaming_index_equals_the_signature_check_on_the_whole_column() -> None:
    rows, _ = corpus(500, seed=4)
    index = DedupIndex(0.8, 128, 5, "search", 0, "body")
    for start in range(0, len(rows), 64):
        index.add(rows[start:start + 64])
    assert len(index) == len(rows) and index.banding == (14, 9)
    assert index.clusters().to_pylist() == khabar.near_duplicates(rows, on="body",
                                                                  verify="signature")


# --- khabar dedup -----------------------------------------------------------------------------

def test_cli_dedup_marks_every_row(tmp_path: pathlib.Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    rows, _ = corpus(700, seed=9)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps({"body": r}, ensure_ascii=False) + "\n" for r in rows[:300]),
                 encoding="utf-8")
    b.write_text("".join(json.dumps({"body": r}, ensure_ascii=False) + "\n" for r in rows[300:]),
                 encoding="utf-8")
    out = tmp_path / "out.parquet"
    r = subprocess.run([sys.executable, "-m", "khabar", "dedup", str(a), str(b), "-o", str(out),
                        "--text-column", "body", "--on", "body", "--chunk-rows", "128",
                        "--no-progress"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "700 rows in" in r.stderr
    t = pq.read_table(out)
    assert t.num_rows == 700
    assert t.column_names[-2:] == ["cluster_id", "is_duplicate"]
    want = khabar.near_duplicates(rows, on="body", verify="signature")
    assert t.column("cluster_id").to_pylist() == want
    assert t.column("is_duplicate").to_pylist() == [c is not None and c != i
                                                    for i, c in enumerate(want)]
    assert t.column("text").to_pylist() == rows
    bad = subprocess.run([sys.executable, "-m", "khabar", "dedup", str(a), "-o", str(out),
                          "--threshold", "2"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "threshold" in bad.stderr
