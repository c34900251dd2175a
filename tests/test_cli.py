"""The khabar command, run as a user runs it."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys


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
    bad.write_bytes(b"\xc7\xe1\xd9\xd1\xc8\xed\xc9")  # windows-1256, not UTF-8
    r = run("parse", str(bad))
    assert r.returncode != 0 and "bad.txt: not valid UTF-8" in r.stderr


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
