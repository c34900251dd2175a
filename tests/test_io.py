"""Corpus I/O: folders, JSONL, CSV, Parquet in; Parquet, JSONL out; bad input named precisely."""

from __future__ import annotations

import json
import pathlib

import pytest

import khabar
from khabar import io as kio

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ARTICLE = "حفتر يلتقي بمدير المخابرات\n\nاستقبل المشير خليفة حفتر مدير المخابرات."
CP1256 = "العربية لغة جميلة والكتاب مفيد".encode("cp1256")


def jsonl(path: pathlib.Path, rows: list[object]) -> pathlib.Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_read_folder_recursive_sorted_with_legacy_encoding(tmp_path: pathlib.Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("ثاني", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أول", encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(CP1256)
    (tmp_path / "page.html").write_text(
        "<html><head><title>x</title></head><body><h1>عنوان</h1><p>نص &amp; خبر</p></body></html>",
        encoding="utf-8")
    (tmp_path / "notes.md").write_text("skip me", encoding="utf-8")
    t = khabar.read_corpus(tmp_path)
    assert t.column_names == ["id", "text", "error"]
    assert t.column("id").to_pylist() == ["a.txt", "b/2.txt", "legacy.txt", "page.html"]
    assert t.column("text").to_pylist() == ["أول", "ثاني", "العربية لغة جميلة والكتاب مفيد",
                                            "عنوان\n\nنص & خبر"]
    assert t.column("error").null_count == 4
    assert khabar.read_corpus(tmp_path, glob="b/*").num_rows == 1
    raw = khabar.read_corpus(tmp_path, glob="*.html", html="raw").column("text")[0].as_py()
    assert raw.startswith("<html>")
    assert khabar.read_corpus(tmp_path / "legacy.txt").column("id").to_pylist() == ["legacy.txt"]


def test_forced_encoding(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes("سلام".encode("cp1256"))
    assert khabar.read_corpus(p, encoding="windows-1256").column("text")[0].as_py() == "سلام"
    with pytest.raises(khabar.KhabarValueError, match="unknown encoding"):
        khabar.read_corpus(p, encoding="klingon")


def test_iso_8859_6_files_are_detected(tmp_path: pathlib.Path) -> None:
    text = "العربية لغة جميلة والكتاب مفيد جدا للقارئ العربي"
    (tmp_path / "a.txt").write_bytes(text.encode("iso8859_6"))
    (tmp_path / "b.txt").write_bytes(text.encode("cp1256"))
    assert khabar.read_corpus(tmp_path).column("text").to_pylist() == [text, text]


def test_jsonl_bytes_that_are_not_utf8_are_reported_not_guessed(tmp_path: pathlib.Path) -> None:
    # Arabic escaped as \\uXXXX (json.dumps' default) keeps the file ASCII but for the broken
    # bytes: no encoding can be guessed from it, and none may be.
    good = [json.dumps({"text": t}) for t in ("نص أول", "نص ثان", "نص ثالث")]
    p = tmp_path / "escaped.jsonl"
    p.write_bytes(good[0].encode() + b"\n" + b'{"text": "caf\xe9"}\n' + good[1].encode() + b"\n"
                  + b'{"text": "\xff\xfe"}\n\n' + good[2].encode() + b"\n")
    t = khabar.read_corpus(p, errors="mark")
    assert t.column("text").to_pylist() == ["نص أول", None, "نص ثان", None, "نص ثالث"]
    assert t.column("id").to_pylist() == [f"escaped.jsonl:{n}" for n in (1, 2, 3, 4, 6)]
    errors = t.column("error").to_pylist()
    assert errors[0] is None and errors[2] is None and errors[4] is None
    line2 = len(good[0]) + 1
    assert errors[1].startswith(
        f"escaped.jsonl: not valid UTF-8 (byte 0xe9 at offset {line2 + 13}, line 2)"), errors[1]
    assert "JSON text is UTF-8" in errors[1] and "encoding=" in errors[1]
    line4 = line2 + 17 + len(good[1]) + 1
    assert errors[3].startswith(
        f"escaped.jsonl: not valid UTF-8 (byte 0xff at offset {line4 + 10}, line 4)"), errors[3]
    with pytest.raises(khabar.KhabarValueError, match=r"escaped.jsonl:2: not valid UTF-8") as e:
        khabar.read_corpus(p)
    assert e.value.line == 2 and e.value.path.endswith("escaped.jsonl")


def test_jsonl_in_a_legacy_encoding_needs_the_encoding_named(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "legacy.jsonl"
    p.write_bytes('{"text": "العربية لغة جميلة"}\n{"text": "والكتاب مفيد"}\n'.encode("cp1256"))
    t = khabar.read_corpus(p, errors="mark")
    assert t.column("text").to_pylist() == [None, None]
    assert all("not valid UTF-8" in e for e in t.column("error").to_pylist())
    t = khabar.read_corpus(p, encoding="windows-1256")
    assert t.column("text").to_pylist() == ["العربية لغة جميلة", "والكتاب مفيد"]
    # A BOM says UTF-16; no guess is needed.
    p.write_bytes('\ufeff{"text": "نص"}\n'.encode("utf-16le"))
    assert khabar.read_corpus(p).column("text").to_pylist() == ["نص"]


def test_tsv(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "c.tsv"
    p.write_text('id\ttext\n1\tنص, مع فاصلة\n2\t"سطر\tو\nسطر"\n', encoding="utf-8")
    t = khabar.read_corpus(p, id_column="id")
    assert t.column("text").to_pylist() == ["نص, مع فاصلة", "سطر\tو\nسطر"]
    q = tmp_path / "tabs.txt"
    q.write_text("text\nنص\n", encoding="utf-8")
    assert khabar.read_corpus(q, format="tsv").column("id").to_pylist() == ["tabs.txt:2"]


def test_decode_text_is_the_readers_decoder(tmp_path: pathlib.Path) -> None:
    text = "العربية لغة جميلة والكتاب مفيد"
    for codec in ("cp1256", "iso8859_6", "utf-8", "utf-8-sig", "utf-16"):
        assert khabar._khabar.decode_text(text.encode(codec)) == text
    page = b'<meta charset="windows-1256"><p>' + text.encode("cp1256") + b"</p>"
    assert text in khabar._khabar.decode_text(page, name="page.html")
    with pytest.raises(khabar.KhabarValueError, match=r"x.txt:2: not valid UTF-8") as e:
        khabar._khabar.decode_text("سطر\nنص عربي ".encode() + b"\xff", name="x.txt")
    assert (e.value.line, e.value.path) == (2, "x.txt")
    with pytest.raises(khabar.KhabarValueError, match="not valid ISO-8859-6"):
        khabar._khabar.decode_text(b"\xc7\xa1", encoding="iso-8859-6")
    with pytest.raises(khabar.KhabarValueError, match="unknown encoding"):
        khabar._khabar.decode_text(b"x", encoding="klingon")


def test_jsonl_ids_nulls_chunks_and_pandas(tmp_path: pathlib.Path) -> None:
    rows = [{"id": f"d{i}", "body": None if i % 3 == 0 else f"نص {i}"} for i in range(100)]
    p = jsonl(tmp_path / "c.jsonl", rows)
    batches = list(kio.iter_corpus(p, text_column="body", id_column="id", chunk_rows=30))
    assert [b.num_rows for b in batches] == [30, 30, 30, 10]
    t = khabar.read_corpus(p, text_column="body", id_column="id")
    assert t.column("id").to_pylist() == [r["id"] for r in rows]
    assert t.column("text").to_pylist() == [r["body"] for r in rows]
    df = t.to_pandas()
    assert len(df) == 100 and df["text"].isna().sum() == 34


def test_csv_and_parquet(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text('id,text\n1,"سطر\nثان"\n2,\n', encoding="utf-8")
    t = khabar.read_corpus(p, id_column="id")
    assert t.column("text").to_pylist() == ["سطر\nثان", ""]
    pq.write_table(pa.table({"n": [10, 11], "body": pa.array(["أ", None], pa.large_string())}),
                   tmp_path / "in.parquet")
    t = khabar.read_corpus(tmp_path / "in.parquet", text_column="body", id_column="n")
    assert t.to_pylist() == [{"id": "10", "text": "أ", "error": None},
                             {"id": "11", "text": None, "error": None}]
    t = khabar.read_corpus(tmp_path / "in.parquet", text_column="body")
    assert t.column("id").to_pylist() == ["in.parquet#0", "in.parquet#1"]
    # Columns are typed by the Parquet schema: a dictionary-encoded text column is strings.
    pq.write_table(pa.table({"text": pa.array(["أ", "ب", "أ", None]).dictionary_encode()}),
                   tmp_path / "dict.parquet")
    assert khabar.read_corpus(tmp_path / "dict.parquet").column("text").to_pylist() == [
        "أ", "ب", "أ", None]


@pytest.mark.parametrize("ext", ["parquet", "jsonl"])
def test_write_round_trip_and_nested_columns(tmp_path: pathlib.Path, ext: str) -> None:
    table = pa.table(khabar._khabar.parse_table(pa.array([ARTICLE, None])))
    out = tmp_path / f"a.{ext}"
    assert khabar.write_corpus(table, out) == 2
    if ext == "parquet":
        back = pq.read_table(out)
        assert back.column("title").to_pylist() == ["حفتر يلتقي بمدير المخابرات", None]
        assert back.schema.equals(table.schema)
    else:
        lines = out.read_text(encoding="utf-8").splitlines()
        first = json.loads(lines[0])
        assert first["title"] == "حفتر يلتقي بمدير المخابرات"
        assert first["paragraphs"][0]["kind"] == "lead" or first["paragraphs"]
        assert json.loads(lines[1])["title"] is None


def test_process_corpus_parse_with_preset(tmp_path: pathlib.Path) -> None:
    p = jsonl(tmp_path / "n.jsonl", [{"text": ARTICLE}, {"text": None}, {"text": "x"}])
    s = khabar.process_corpus(p, tmp_path / "o.parquet", task="parse", preset="basic")
    assert (s.rows_in, s.rows_out, s.rows_with_errors) == (3, 3, 0)
    t = pq.read_table(tmp_path / "o.parquet")
    assert t.column_names[0] == "id" and t.column_names[-1] == "error"
    assert t.column("normalized")[0].as_py().startswith("استقبل المشير خليفه")
    assert t.column("title").to_pylist()[:2] == ["حفتر يلتقي بمدير المخابرات", None]
    assert s.bytes_in == p.stat().st_size and s.seconds > 0 and "3 rows in" in str(s)


def test_process_corpus_tokenize(tmp_path: pathlib.Path) -> None:
    p = jsonl(tmp_path / "n.jsonl", [{"text": "قال: نعم"}])
    khabar.process_corpus(p, tmp_path / "o.jsonl", task="tokenize")
    row = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert [t["text"] for t in row["tokens"]] == ["قال", ":", "نعم"]
    with pytest.raises(khabar.KhabarValueError, match="task="):
        khabar.process_corpus(p, tmp_path / "x.jsonl", task="nope")  # type: ignore[arg-type]
    assert not (tmp_path / "x.jsonl").exists()


def test_bad_rows_are_kept_with_their_ids(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_bytes(b'{"text": "\xd9\x86\xd8\xb5"}\n{not json\n{"text": 5}\n{"text": "ok\xff"}\n'
                  b'{"text": null}\n')
    with pytest.raises(khabar.KhabarValueError, match=r"bad.jsonl:2: invalid JSON") as e:
        khabar.read_corpus(p)
    assert e.value.line == 2 and e.value.path.endswith("bad.jsonl")
    t = khabar.read_corpus(p, errors="mark")
    assert t.num_rows == 5
    errs = t.column("error").to_pylist()
    assert errs[0] is None and errs[4] is None
    assert "invalid JSON" in errs[1] and "holds a number" in errs[2]
    assert "not valid UTF-8" in errs[3]
    s = khabar.process_corpus(p, tmp_path / "o.parquet", task="normalize")
    assert (s.rows_in, s.rows_out, s.rows_with_errors) == (5, 5, 3)
    assert [i for i, _ in s.errors] == ["bad.jsonl:2", "bad.jsonl:3", "bad.jsonl:4"]
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.column("text").to_pylist() == ["نص", None, None, None, None]


def test_bad_input_errors_name_the_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(khabar.KhabarValueError, match="nope.jsonl: no such file"):
        khabar.read_corpus(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    with pytest.raises(khabar.KhabarValueError, match="empty.jsonl: the file is empty"):
        khabar.read_corpus(tmp_path / "empty.jsonl")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n")
    with pytest.raises(khabar.KhabarValueError, match="no JSON records"):
        khabar.read_corpus(tmp_path / "blank.jsonl")
    jsonl(tmp_path / "w.jsonl", [{"body": "x", "url": "u"}])
    with pytest.raises(khabar.KhabarValueError, match=r'no text column "text".*body'):
        khabar.read_corpus(tmp_path / "w.jsonl")
    (tmp_path / "c.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(khabar.KhabarValueError, match=r'c.csv: no column "text".*"a", "b"'):
        khabar.read_corpus(tmp_path / "c.csv")
    (tmp_path / "fake.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(khabar.KhabarValueError, match="fake.parquet: not a readable Parquet"):
        khabar.read_corpus(tmp_path / "fake.parquet")
    (tmp_path / "d").mkdir()
    with pytest.raises(khabar.KhabarValueError, match="no files matching"):
        khabar.read_corpus(tmp_path / "d")
    (tmp_path / "x.docx").write_bytes(b"x")
    with pytest.raises(khabar.KhabarValueError, match="cannot tell the format"):
        khabar.read_corpus(tmp_path / "x.docx")
    with pytest.raises(khabar.KhabarValueError, match="cannot tell the output format"):
        khabar.write_corpus(pa.table({"a": [1]}), tmp_path / "o.xlsx")


def test_unreadable_file_in_folder(tmp_path: pathlib.Path) -> None:
    import os

    (tmp_path / "ok.txt").write_text("نص", encoding="utf-8")
    bad = tmp_path / "locked.txt"
    bad.write_text("x", encoding="utf-8")
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        t = khabar.read_corpus(tmp_path, errors="mark")
        assert t.column("error").to_pylist() == ["permission denied", None]
        with pytest.raises(khabar.KhabarValueError, match="locked.txt: permission denied"):
            khabar.read_corpus(tmp_path)
    finally:
        bad.chmod(0o644)


def test_no_partial_output_on_failure(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "o.parquet"
    w = kio.CorpusWriter(out)
    w.write(pa.record_batch({"a": pa.array(["x"])}))
    w.abort()
    assert list(tmp_path.iterdir()) == []

    def boom() -> object:
        yield pa.record_batch({"a": pa.array(["x"])})
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        khabar.write_corpus(boom(), out)
    assert list(tmp_path.iterdir()) == []


def test_html_to_text() -> None:
    assert kio.html_to_text("<div>أ<br>ب</div><script>x</script><p>&#1580;</p>") == "أ\nب\n\nج"


def test_set_threads_changes_the_size_of_a_running_pool() -> None:
    khabar.normalize(["x"] * 1000)
    before = kio.threads()
    assert before >= 1
    try:
        assert kio.set_threads(1) is True
        assert kio.threads() == 1
        assert khabar.normalize(["كِتَابٌ"] * 1000) == ["كتاب"] * 1000
    finally:
        kio.set_threads(before)
    assert kio.threads() == before


@pytest.mark.parametrize("name", ["khabar.io", "khabar.pandas", "khabar.polars", "khabar.dask",
                                  "khabar.spark", "khabar._progress"])
def test_docstring_examples_run(name: str) -> None:
    import doctest
    import importlib

    if name == "khabar.dask":
        pytest.importorskip("dask.dataframe")
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
