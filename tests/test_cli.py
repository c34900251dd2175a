"""The khabar command, run as a user runs it."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

import khabar


KHABAR = [sys.executable, "-m", "khabar"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KHABAR, *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8")


def test_console_script_is_installed() -> None:
    # pip puts console scripts next to the environment's interpreter (bin/ or Scripts\).
    script = shutil.which("khabar", path=str(pathlib.Path(sys.executable).parent))
    assert script, "the khabar console script is not installed next to the interpreter"
    r = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("khabar ")


def test_parse_sample_jsonl() -> None:
    r = run("parse", "--sample")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 5
    assert rows[0]["file"] == "01_seed.txt"
    assert rows[0]["authors"][0]["name"] == "نور الدين"


def test_parse_sample_table_and_json() -> None:
    r = run("parse", "--sample", "--format", "table")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["file", "title", "author"]
    assert len(lines) == 6 and "حفتر" in lines[1]
    r = run("parse", "--sample", "--format", "json")
    assert len(json.loads(r.stdout)) == 5


def test_parse_files_and_stdin(tmp_path, seed_text: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(seed_text, encoding="utf-8")
    r = run("parse", str(p))
    assert json.loads(r.stdout)["title"]["start"] == 4
    r = run("parse", stdin="عنوان\n\nنص الخبر.")
    assert json.loads(r.stdout)["title"]["text"] == "عنوان"


def test_parse_missing_and_invalid_files(tmp_path) -> None:
    r = run("parse", str(tmp_path / "nope.txt"))
    assert r.returncode != 0 and "nope.txt" in r.stderr
    bad = tmp_path / "bad.txt"
    # UTF-8 with one byte broken on the second line: corrupt, not a legacy encoding.
    bad.write_bytes("عنوان الخبر\nنص ".encode() + b"\xd9 " + "الخبر هنا".encode())
    r = run("parse", str(bad))
    assert r.returncode == 2 and r.stdout == ""
    assert "bad.txt:2: not valid UTF-8 (byte 0xd9 at offset 27, line 2)" in r.stderr, r.stderr


LEGACY = "العربية لغة جميلة\nوالكتاب مفيد جدا للقارئ العربي\n"


@pytest.mark.parametrize("codec, label", [("cp1256", "windows-1256"), ("iso8859_6", "iso-8859-6")])
def test_legacy_files_decode_as_read_corpus_decodes_them(tmp_path, codec: str, label: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(LEGACY.encode(codec))
    assert khabar.read_corpus(p).column("text")[0].as_py() == LEGACY
    r = run("normalize", "--preset", "basic", str(p))
    assert r.returncode == 0, r.stderr
    assert r.stdout == khabar.normalize(LEGACY, preset="basic")
    r = run("parse", str(p))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["title"]["text"] == "العربية لغة جميلة"
    r = run("tokenize", str(p))
    assert r.stdout.splitlines()[0] == "العربية لغة جميلة"
    # stdin goes through the same decoder; --encoding forces one.
    r = subprocess.run([*KHABAR, "normalize", "--preset", "none"], input=LEGACY.encode(codec),
                       capture_output=True)
    assert r.returncode == 0 and r.stdout.decode() == LEGACY
    r = run("normalize", "--preset", "none", "--encoding", label, str(p))
    assert r.stdout == LEGACY
    r = run("normalize", "--preset", "none", "--encoding", "utf-8", str(p))
    assert r.returncode == 2 and "legacy.txt:1: not valid UTF-8 (byte" in r.stderr, r.stderr


def test_option_values_are_checked_before_any_input_is_read(tmp_path) -> None:
    missing = str(tmp_path / "missing.txt")
    for cmd in (["normalize"], ["parse"], ["tokenize"], ["parse", "-o", str(tmp_path / "o.jsonl")]):
        r = run(*cmd, "--preset", "nope", missing)
        assert r.returncode == 2, (cmd, r.stderr)
        assert "invalid choice: 'nope'" in r.stderr and "ml_clean" in r.stderr, r.stderr
        assert "camel_arclean" in r.stderr and "missing.txt" not in r.stderr, r.stderr
    r = run("normalize", "--rule", "fold_alef=maybe", missing)
    assert r.returncode == 2 and "expected RULE, RULE=on or RULE=off" in r.stderr
    r = run("normalize", "--rule", "no_such_rule", missing)
    assert r.returncode == 2 and "unknown rule" in r.stderr and "missing.txt" not in r.stderr
    r = run("normalize", "--encoding", "klingon", missing)
    assert r.returncode == 2 and 'unknown encoding "klingon"' in r.stderr, r.stderr
    for opt in ("--threads", "--chunk-rows"):
        r = run("normalize", opt, "0", missing, "-o", str(tmp_path / "o.jsonl"))
        assert r.returncode == 2 and "'0': expected a whole number of at least 1" in r.stderr
    assert not list(tmp_path.iterdir())


def test_normalize_stdin_and_options(tmp_path) -> None:
    r = run("normalize", "--preset", "basic", stdin="إِلَى الْمَدْرَسَــةِ\nسطر ثانٍ\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "الي المدرسه\nسطر ثان\n"
    p = tmp_path / "in.txt"
    p.write_text("مدرسة\n", encoding="utf-8")
    r = run("normalize", "--preset", "none", "--rule", "fold_teh_marbuta", str(p))
    assert r.stdout == "مدرسه\n"
    r = run("normalize", "--rule", "no_such_rule", stdin="x\n")
    assert r.returncode == 2 and "unknown rule" in r.stderr
    r = run("normalize", "--list")
    assert "strip_tatweel" in r.stdout and "ml_clean" in r.stdout
