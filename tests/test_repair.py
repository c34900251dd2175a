"""khabar.repair: every damage chain built from real news (the ground truth is the clean text),
clean controls that must come back as the very same object, reports, and every input kind."""

from __future__ import annotations

import importlib
import json

import pytest

import khabar

CLEAN = "المملكة العربية السعودية تعلن عن مشروع جديد في الرياض"


def chains(text: str) -> dict[str, str]:
    """``text`` through every damage chain khabar undoes, as Python's codecs produce it."""
    b = text.encode("utf-8")
    out = {
        "utf-8 as cp1252": b.decode("cp1252", errors="replace"),
        "utf-8 as latin-1": b.decode("latin-1"),
        "double utf-8": b.decode("latin-1").encode("utf-8").decode("latin-1"),
        "utf-8 as cp1256": b.decode("cp1256"),
        "cp1256 as latin-1": text.encode("cp1256").decode("latin-1"),
        "cp1256 as cp1251": text.encode("cp1256").decode("cp1251", errors="replace"),
        "iso-8859-6 as latin-1": text.encode("iso-8859-6").decode("latin-1"),
        "entities": "".join(f"&#{ord(c)};" if c != " " else " " for c in text),
    }
    return out


@pytest.mark.parametrize("name", list(chains(CLEAN)))
def test_each_chain_is_undone(name: str) -> None:
    broken = chains(CLEAN)[name]
    if "\ufffd" in broken and name != "utf-8 as cp1252":
        pytest.skip(f"{name}: the page cannot hold every byte of this text")
    assert khabar.repair(broken) == CLEAN


def test_lossy_chains_stay_consistent_with_the_damage() -> None:
    stripped = "".join(c for c in CLEAN.encode("utf-8").decode("latin-1") if not 0x80 <= ord(c) <= 0x9F)
    fixed = khabar.repair(stripped)
    assert fixed != stripped
    again = "".join(c for c in fixed.encode("utf-8").decode("latin-1") if not 0x80 <= ord(c) <= 0x9F)
    assert again == stripped
    assert khabar.repair(stripped, report=True)["restored"] > 0


CONTROLS = [
    "زبان فارسی یکی از زبان‌های هندواروپایی است.",
    "اردو پاکستان کی قومی زبان ہے۔",
    "Le garçon a mangé une crème brûlée à Noël.",
    "Øresundsbroen forbinder København og Malmø.",
    "Türkiye'nin başkenti Ankara'dır.",
    "😀👍🏽 مرحبا ❤️",
    "∑ x² ≤ ∞, α + β = γ",
    "ﷺ ﻻ ﺍﻟﻠﻪ",
    "أعلنت شركة Apple عن iPhone جديد.",
    "يظهر النص المعطوب هكذا: «Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©» بدل العربية.",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_clean_text_is_the_same_object(text: str) -> None:
    assert khabar.repair(text) is text
    assert khabar.repair(text, report=True)["changed"] is False


def test_partial_damage_and_report() -> None:
    broken = CLEAN + "\n" + CLEAN.encode("utf-8").decode("latin-1") + "\n" + CLEAN
    r = khabar.repair(broken, report=True)
    assert r["text"] == "\n".join([CLEAN] * 3)
    assert r["chain"] == ["utf-8 read as windows-1252"]
    assert 0.9 < r["confidence"] <= 1.0
    start, end = r["spans"][0]
    assert broken[start:end] == broken.split("\n")[1]


def test_columns_keep_kind_rows_and_missing() -> None:
    rows = [CLEAN.encode("utf-8").decode("latin-1"), None, CLEAN]
    out = khabar.repair(rows)
    assert out == [CLEAN, None, CLEAN] and out[2] is rows[2]
    reports = khabar.repair(rows, report=True)
    assert reports[1] is None and reports[0]["changed"] and not reports[2]["changed"]
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(rows)
    assert khabar.repair(arr).to_pylist() == [CLEAN, None, CLEAN]
    table = khabar.repair(arr, report=True)
    assert table.column_names == list(khabar._repair.REPORT_COLUMNS)
    assert table.column("changed").to_pylist() == [True, None, False]
    pd = pytest.importorskip("pandas")
    importlib.import_module("khabar.pandas")

    s = pd.Series(rows, index=[5, 6, 7], name="t")
    fixed = khabar.repair(s)
    assert list(fixed.index) == [5, 6, 7] and fixed[5] == CLEAN and pd.isna(fixed[6])
    assert s.khabar.repair().tolist() == fixed.tolist()


def test_bad_input_raises() -> None:
    with pytest.raises(TypeError):
        khabar.repair(b"bytes")
    with pytest.raises(TypeError):
        khabar.repair(["ok", 3])


def test_real_news_rows(shared) -> None:
    path = shared / "corpus" / "news" / "saudinewsnet_dev.jsonl"
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line)["content"])
            if len(rows) == 300:
                break
    # Clean rows come back as they are; damaged ones come back clean.
    assert sum(a is not b for a, b in zip(rows, khabar.repair(rows))) <= 3
    broken = [r.encode("utf-8").decode("latin-1") for r in rows]
    fixed = khabar.repair(broken)
    exact = sum(f == r for f, r in zip(fixed, rows))
    assert exact >= 0.99 * len(rows)
    # Strict windows-1252 loses bytes: the output, damaged again, must give the input.
    strict = [r.encode("utf-8").decode("cp1252", errors="replace") for r in rows]
    again = [f.encode("utf-8").decode("cp1252", errors="replace") for f in khabar.repair(strict)]
    assert sum(a == b for a, b in zip(again, strict)) >= 0.99 * len(rows)


def test_cli_and_corpus_reading(tmp_path) -> None:
    import subprocess
    import sys

    broken = CLEAN.encode("utf-8").decode("latin-1")
    path = tmp_path / "broken.txt"
    path.write_text(broken + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "khabar"]
    r = subprocess.run([*cmd, "repair", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and r.stdout == CLEAN + "\n"
    r = subprocess.run([*cmd, "repair", "--report", str(path)], capture_output=True, text=True,
                       encoding="utf-8")
    report = json.loads(r.stdout)
    assert report["changed"] and report["file"] == str(path)
    r = subprocess.run([*cmd, "normalize", "--repair", "--preset", "none", str(path)],
                       capture_output=True, text=True, encoding="utf-8")
    assert r.stdout == CLEAN + "\n"
    pytest.importorskip("pyarrow")
    table = khabar.read_corpus(path, repair=True)
    assert table.column("text").to_pylist() == [CLEAN + "\n"]
