"""Tokenization speed: khabar against named baselines, on the same corpus, in one run.

    python benchmarks/bench_tokenize.py [--corpus ../shared/corpus] [--mb 40] [--repeat 3]

Measures, each as the best of ``--repeat`` runs:

* word tokenization with offsets and kinds, on a pyarrow column (MB of UTF-8 input per
  second), with one rayon thread (per core) and with two; the same on a ``list[str]`` of fresh
  strings (Python ``Token`` objects out); baselines on the same rows: ``str.split``,
  PyArabic ``araby.tokenize``, CAMeL Tools ``simple_word_tokenize``, anltk ``tokenize_words``;
* sentence segmentation on a pyarrow column; baseline PyArabic ``sentence_tokenize``;
* light10 on a column of words (tokens per second); baselines: a pure-Python light10 (the
  algorithm as Lucene runs it) and NLTK's ISRI, with khabar's ISRI beside it.

Thread counts are fixed per process (rayon sizes its pool once), so each count runs in a
child process with ``RAYON_NUM_THREADS`` set; baselines are single-threaded Python.
Baselines are optional: a missing one is reported and skipped (``pip install pyarabic nltk
anltk`` and ``pip install --no-deps camel-tools emoji``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time
from typing import Any, Callable

import khabar

HERE = pathlib.Path(__file__).resolve()


def load_rows(corpus: pathlib.Path, mb: float) -> tuple[list[str], str]:
    rows: list[str] = []
    path = corpus / "news/saudinewsnet_dev.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line)["content"] for line in f]
        source = "SaudiNewsNet dev (content column)"
    else:
        from khabar.cli import _sample_files

        rows = [t for _, t in _sample_files()]
        source = "khabar's bundled sample corpus"
    base, size, i = list(rows), sum(len(r.encode()) for r in rows), 0
    while size < mb * 1e6:  # repeat the corpus up to the requested size
        rows.append(base[i % len(base)])
        size += len(base[i % len(base)].encode())
        i += 1
    return rows, source


def fresh(rows: list[str]) -> list[str]:
    # CPython caches a str's UTF-8 inside it after the first conversion: use new objects.
    return [r.encode("utf-8").decode("utf-8") for r in rows]


def best(fn: Callable[[Any], Any], repeat: int, setup: Callable[[], Any] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        arg = setup()
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return min(times)


PREFIXES = ["ال", "وال", "بال", "كال", "فال", "لل", "و"]
SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]
LUCENE_NORM = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
                             **{chr(c): None for c in range(0x064B, 0x0653)}})


def light10_python(word: str) -> str:
    """Lucene's ArabicNormalizer + ArabicStemmer in plain Python (lengths in UTF-16 units)."""
    w = word.translate(LUCENE_NORM)
    n = len(w.encode("utf-16-le")) // 2
    for p in PREFIXES:
        if (n >= 4 if len(p) == 1 else n >= len(p) + 2) and w.startswith(p):
            w, n = w[len(p):], n - len(p)
            break
    for s in SUFFIXES:
        if n >= len(s) + 2 and w.endswith(s):
            w, n = w[: -len(s)], n - len(s)
    return w


def khabar_timings(rows: list[str], repeat: int) -> dict[str, float]:
    """Seconds for each khabar measurement, in this process (its thread count)."""
    import pyarrow as pa

    col = pa.array(rows, type=pa.large_string())
    words = pa.array([t for r in rows[:2000] for t in khabar.tokenize(r, offsets=False)] * 20)
    out: dict[str, float] = {
        "tokenize column": best(lambda _: khabar.tokenize(col), repeat),
        "tokenize column, texts only": best(lambda _: khabar.tokenize(col, offsets=False), repeat),
        "sentences column": best(lambda _: khabar.sentences(col), repeat),
        "light10 words column": best(lambda _: khabar.stem_words(words), repeat),
        "isri words column": best(lambda _: khabar.stem_words(words, "isri"), repeat),
        "words": float(len(words)),
    }
    return out


def child(args: argparse.Namespace) -> None:
    rows, _ = load_rows(pathlib.Path(args.corpus), args.mb)
    print(json.dumps(khabar_timings(rows, args.repeat)))


def in_child(threads: int, args: argparse.Namespace) -> dict[str, float]:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    cmd = [sys.executable, str(HERE), "--child", "--corpus", args.corpus, "--mb", str(args.mb),
           "--repeat", str(args.repeat)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def baselines(rows: list[str], repeat: int) -> dict[str, float]:
    """Seconds for each baseline on ``rows`` (single-threaded Python)."""
    out: dict[str, float] = {}
    out["khabar tokenize, list[str] in, Token objects out"] = best(
        lambda r: khabar.tokenize(r), repeat, lambda: fresh(rows))
    out["str.split"] = best(lambda r: [s.split() for s in r], repeat, lambda: fresh(rows))
    try:
        import pyarabic.araby as araby

        out["PyArabic araby.tokenize"] = best(
            lambda r: [araby.tokenize(s) for s in r], 1, lambda: fresh(rows))
        out["PyArabic sentence_tokenize"] = best(
            lambda r: [araby.sentence_tokenize(s) for s in r], 1, lambda: fresh(rows))
    except ImportError:
        print("pyarabic not installed: skipped")
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize

        out["camel-tools simple_word_tokenize"] = best(
            lambda r: [simple_word_tokenize(s) for s in r], 1, lambda: fresh(rows))
    except ImportError:
        print("camel-tools not installed: skipped (pip install --no-deps camel-tools emoji)")
    try:
        import anltk

        out["anltk tokenize_words"] = best(
            lambda r: [anltk.tokenize_words(s) for s in r], 1, lambda: fresh(rows))
    except ImportError:
        print("anltk not installed: skipped")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE.parents[2] / "shared/corpus"))
    ap.add_argument("--mb", type=float, default=40.0)
    ap.add_argument("--baseline-mb", type=float, default=4.0,
                    help="size of the slice the (slow) Python baselines run on")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return

    rows, source = load_rows(pathlib.Path(args.corpus), args.mb)
    mb = sum(len(r.encode()) for r in rows) / 1e6
    print(f"corpus: {source}, {len(rows):,} rows, {mb:.1f} MB UTF-8; cores: {os.cpu_count()}")
    one, two = in_child(1, args), in_child(2, args)
    words = one.pop("words")
    two.pop("words")

    small, size = [], 0.0
    for r in rows:
        if size >= args.baseline_mb * 1e6:
            break
        small.append(r)
        size += len(r.encode())
    small_mb = size / 1e6
    base = baselines(small, args.repeat)
    word_list = [t for r in small[:2000] for t in khabar.tokenize(r, offsets=False)]
    n_words = len(word_list)
    base_stem = {"pure-Python light10": best(lambda w: [light10_python(x) for x in w], 1,
                                             lambda: list(word_list))}
    try:
        from nltk.stem.isri import ISRIStemmer

        isri = ISRIStemmer()
        base_stem["NLTK ISRIStemmer"] = best(lambda w: [isri.stem(x) for x in w], 1,
                                             lambda: list(word_list))
    except ImportError:
        print("nltk not installed: ISRI baseline skipped")

    tok = one["tokenize column"]
    print("\n### Words (MB/s of input; ratio = khabar column, 1 thread, ÷ contender)\n")
    print("| contender | MB/s | khabar speed-up |")
    print("|---|---:|---:|")
    print(f"| khabar tokenize, pyarrow column, offsets + kinds, 1 thread | {mb / tok:,.0f} | 1.00× |")
    print(f"| khabar tokenize, pyarrow column, offsets + kinds, 2 threads | {mb / two['tokenize column']:,.0f} | {two['tokenize column'] / tok:.2f}× |")
    print(f"| khabar tokenize, pyarrow column, texts only, 1 thread | {mb / one['tokenize column, texts only']:,.0f} | {one['tokenize column, texts only'] / tok:.2f}× |")
    for name, t in base.items():
        if "sentence" in name:
            continue
        print(f"| {name} | {small_mb / t:,.1f} | {(t / small_mb) / (tok / mb):.1f}× |")
    sen = one["sentences column"]
    print("\n### Sentences (MB/s of input)\n")
    print("| contender | MB/s | khabar speed-up |")
    print("|---|---:|---:|")
    print(f"| khabar sentences, pyarrow column, 1 thread | {mb / sen:,.0f} | 1.00× |")
    print(f"| khabar sentences, pyarrow column, 2 threads | {mb / two['sentences column']:,.0f} | {two['sentences column'] / sen:.2f}× |")
    if "PyArabic sentence_tokenize" in base:
        t = base["PyArabic sentence_tokenize"]
        print(f"| PyArabic sentence_tokenize | {small_mb / t:,.1f} | {(t / small_mb) / (sen / mb):.1f}× |")
    l10 = one["light10 words column"]
    print("\n### Stems (million tokens/s)\n")
    print("| contender | M tokens/s | khabar light10 speed-up |")
    print("|---|---:|---:|")
    print(f"| khabar light10, pyarrow column of words, 1 thread | {words / l10 / 1e6:,.1f} | 1.00× |")
    print(f"| khabar light10, pyarrow column of words, 2 threads | {words / two['light10 words column'] / 1e6:,.1f} | {two['light10 words column'] / l10:.2f}× |")
    print(f"| khabar ISRI, pyarrow column of words, 1 thread | {words / one['isri words column'] / 1e6:,.1f} | {one['isri words column'] / l10:.2f}× |")
    for name, t in base_stem.items():
        print(f"| {name} | {n_words / t / 1e6:,.2f} | {(t / n_words) / (l10 / words):.1f}× |")
    print("\n### Two threads against one\n")
    for key in ("tokenize column", "sentences column", "light10 words column"):
        print(f"- {key}: {one[key] / two[key]:.2f}×")


if __name__ == "__main__":
    main()
