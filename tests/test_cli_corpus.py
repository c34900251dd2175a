"""`khabar parse|normalize|tokenize INPUT -o OUTPUT`: whole corpora through the command line."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

KHABAR = [sys.executable, "-m", "khabar"]
ARTICLE = "حفتر يلتقي بمدير المخابرات\n\nاستقبل المشير خليفة حفتر مدير المخابرات."


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KHABAR, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


@pytest.fixture()
def news(tmp_path: pathlib.Path) -> pathlib.Path:
    p = tmp_path / "news.jsonl"
    rows = [{"doc": f"n{i}", "body": ARTICLE if i % 2 else "مَدْرَسَــةٌ"} for i in range(10)]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                 encoding="utf-8")
    return p


def test_parse_to_parquet_with_summary(news: pathlib.Path) -> None:
    out = news.with_name("out.parquet")
    r = run("parse", str(news), "-o", str(out), "--text-column", "body", "--id-column", "doc",
            "--preset", "basic", "--threads", "1", "--no-progress")
    assert r.returncode == 0, r.stderr
    assert "10 rows in, 10 rows out" in r.stderr and "MB/s" in r.stderr
    t = pq.read_table(out)
    assert t.num_rows == 10
    assert t.column("id").to_pylist() == [f"n{i}" for i in range(10)]
    assert t.column("title")[1].as_py() == "حفتر يلتقي بمدير المخابرات"
    assert t.column("normalized")[1].as_py() == "استقبل المشير خليفه حفتر مدير المخابرات."


def test_normalize_and_tokenize_to_jsonl(news: pathlib.Path) -> None:
    out = news.with_name("clean.jsonl")
    r = run("normalize", str(news), "-o", str(out), "--text-column", "body", "--preset",
            "basic", "--no-progress")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"id": "news.jsonl:1", "text": "مدرسه", "error": None}
    out = news.with_name("tok.parquet")
    r = run("tokenize", str(news), "-o", str(out), "--text-column", "body", "--no-progress")
    assert r.returncode == 0, r.stderr
    toks = pq.read_table(out).column("tokens")[0].as_py()
    assert [t["text"] for t in toks] == ["مَدْرَسَــةٌ"]
    r = run("tokenize", stdin_path := str(news))  # no -o: token lines of each input line
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 10, stdin_path


def test_progress_bar_shows_docs_and_mb(news: pathlib.Path) -> None:
    out = news.with_name("p.parquet")
    r = run("normalize", str(news), "-o", str(out), "--text-column", "body", "--progress")
    assert r.returncode == 0, r.stderr
    assert "doc" in r.stderr and "MB/s" in r.stderr


def test_folder_input(tmp_path: pathlib.Path) -> None:
    d = tmp_path / "site"
    (d / "2020").mkdir(parents=True)
    (d / "2020" / "a.html").write_text(f"<h1>عنوان</h1><p>{ARTICLE}</p>", encoding="utf-8")
    (d / "b.txt").write_bytes(ARTICLE.encode("cp1256"))
    out = tmp_path / "o.parquet"
    r = run("parse", str(d), "-o", str(out), "--no-progress")
    assert r.returncode == 0, r.stderr
    t = pq.read_table(out)
    assert t.column("id").to_pylist() == ["2020/a.html", "b.txt"]
    assert t.column("title").to_pylist() == ["عنوان", "حفتر يلتقي بمدير المخابرات"]


def test_failed_rows_are_kept_reported_and_exit_1(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"text": "a"}\n{broken\n{"text": "b"}\n{"text": 1}\n')
    out = tmp_path / "o.parquet"
    r = run("normalize", str(src), "-o", str(out), "--no-progress")
    assert r.returncode == 1
    assert "4 rows in, 4 rows out, 2 with errors" in r.stderr
    assert "row bad.jsonl:2: invalid JSON" in r.stderr
    assert "row bad.jsonl:4: key \"text\" holds a number" in r.stderr
    t = pq.read_table(out)
    assert t.column("text").to_pylist() == ["a", None, "b", None]


@pytest.mark.parametrize("setup, message", [
    (lambda d: d / "missing.jsonl", "missing.jsonl: no such file or folder"),
    (lambda d: (d / "e.jsonl").write_bytes(b"") and d / "e.jsonl" or d / "e.jsonl",
     "e.jsonl: the file is empty"),
    (lambda d: (d / "c.csv").write_text("a,b\n1,2\n") and d / "c.csv", 'no column "text"'),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path: pathlib.Path, setup, message) -> None:
    src = setup(tmp_path)
    out = tmp_path / "o.parquet"
    r = run("parse", str(src), "-o", str(out), "--no-progress")
    assert r.returncode == 2, r.stderr
    assert message in r.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_output_errors(news: pathlib.Path) -> None:
    r = run("normalize", str(news), "-o", str(news.with_name("o.xlsx")), "--no-progress")
    assert r.returncode == 2 and "cannot tell the output format" in r.stderr
    r = run("normalize", str(news), str(news), "-o", str(news.with_name("o.jsonl")))
    assert r.returncode != 0 and "exactly one INPUT" in r.stderr


def test_legacy_jsonl_needs_encoding_and_broken_rows_are_named(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "legacy.jsonl"
    src.write_bytes('{"text": "مدرسة"}\n{"text": "كتاب"}\n'.encode("cp1256"))
    out = tmp_path / "o.jsonl"
    r = run("normalize", str(src), "-o", str(out), "--preset", "basic", "--no-progress")
    assert r.returncode == 1, r.stderr
    assert "row legacy.jsonl:1: legacy.jsonl: not valid UTF-8 (byte 0xe3 at offset 10, line 1)" \
        in r.stderr, r.stderr
    r = run("normalize", str(src), "-o", str(out), "--preset", "basic", "--encoding",
            "windows-1256", "--no-progress")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [row["text"] for row in rows] == ["مدرسه", "كتاب"]


def test_bad_preset_with_output_reads_and_writes_nothing(news: pathlib.Path) -> None:
    out = news.with_name("o.parquet")
    r = run("normalize", str(news), "-o", str(out), "--preset", "nope", "--no-progress")
    assert r.returncode == 2 and "invalid choice: 'nope'" in r.stderr and "basic" in r.stderr
    assert not out.exists()


def test_tsv_input(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "news.tsv"
    src.write_text("id\ttext\nn1\tمَدْرَسَــةٌ, كبيرة\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = run("normalize", str(src), "-o", str(out), "--id-column", "id", "--no-progress")
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == {"id": "n1", "text": "مدرسة, كبيرة",
                                                           "error": None}
