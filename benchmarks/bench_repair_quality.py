"""Encoding repair and corpus quality: khabar against ftfy and datatrove, same rows, one run.

    RAYON_NUM_THREADS=1 python benchmarks/bench_repair_quality.py [--corpus ../shared/corpus] \
        [--rows 400] [--filter-rows 300]

Rows are SaudiNewsNet ``content`` (held out: khabar's repair model counts ANT). Reported:

* repair accuracy per damage chain (exact recovery for lossless chains; for lossy ones the share
  of outputs that, damaged again the same way, give the input, and the share of lost characters
  restored), and the rows changed among clean rows;
* repair speed: ftfy ``fix_text`` and ``khabar.repair`` on the same damaged rows (UTF-8 read as
  windows-1252), and ``khabar.repair`` on clean rows (the detection path), input MB/s;
* quality: ``khabar.quality`` and ``khabar.quality_filter(..., "fineweb2_arb")`` against
  datatrove's three FineWeb-2 filters with FineWeb-2's ``arb_Arab`` settings, MB/s, and how
  often the decisions agree; and of the rows FineWeb-2's settings drop on ``line_punct_ratio``,
  how many ``khabar_arb`` keeps (measured on every 20th row of the file, all 14 outlets: the
  first rows come from outlets whose lines end in punctuation).

* every entry point a user calls, against the same baseline in the same run: ``repair`` on one
  ``str`` at a time, a list, a pandas and a polars Series (``.khabar.repair()``), an Arrow column
  and the CLI (``khabar repair FILE`` against ``ftfy FILE``, process start included); ``quality``
  on ``str``, list, pandas, polars and Arrow against datatrove's filters.

Timings are the best of five, for every tool (shared machines slow down by a third at times;
the best of five is the least disturbed); MB is input UTF-8. Set RAYON_NUM_THREADS=1 for
per-core numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import time
from typing import Any, Callable

# numpy (under pandas, pyarrow, spaCy) starts an OpenBLAS thread per core, which spin for a
# while on the core the timed code shares; none of the timed work does linear algebra.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import khabar

HERE = pathlib.Path(__file__).resolve().parent


def load(corpus: pathlib.Path, n: int, step: int = 1) -> list[str]:
    rows = []
    with open(corpus / "news/saudinewsnet_dev.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step:
                continue
            text = json.loads(line)["content"]
            if text.strip():
                rows.append(text)
            if len(rows) == n:
                break
    return rows


def best(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def mb(rows: list[str]) -> float:
    return sum(len(r.encode("utf-8")) for r in rows) / 1e6


def strip_c1(s: str) -> str:
    return "".join(c for c in s if not 0x80 <= ord(c) <= 0x9F)


def sloppy_1252(t: str) -> str:
    """UTF-8 read as windows-1252 as browsers read it: the five unassigned bytes as C1 controls."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in t.encode())


CHAINS: dict[str, tuple[Callable[[str], str], bool]] = {
    "utf-8 as windows-1252": (lambda t: sloppy_1252(t), True),
    "utf-8 as latin-1": (lambda t: t.encode().decode("latin-1"), True),
    "double utf-8": (lambda t: t.encode().decode("latin-1").encode().decode("latin-1"), True),
    "triple utf-8": (lambda t: t.encode().decode("latin-1").encode().decode("latin-1").encode().decode("latin-1"), True),
    "utf-8 as windows-1256": (lambda t: t.encode().decode("cp1256"), True),
    "windows-1256 as latin-1": (lambda t: t.encode("cp1256").decode("latin-1"), True),
    "windows-1256 as windows-1251": (lambda t: t.encode("cp1256").decode("cp1251"), True),
    "iso-8859-6 as latin-1": (lambda t: t.encode("iso-8859-6").decode("latin-1"), True),
    "utf-8 as latin-1, C1 stripped (lossy)": (lambda t: strip_c1(t.encode().decode("latin-1")), False),
    "utf-8 as strict windows-1252 (lossy)": (lambda t: t.encode().decode("cp1252", errors="replace"), False),
}


def repair_accuracy(rows: list[str]) -> dict[str, Any]:
    lines = [l for r in rows for l in r.split("\n") if len(l) > 20]
    out: dict[str, Any] = {}
    for name, (damage, lossless) in CHAINS.items():
        pairs = []
        for src in (rows if "1256 as" not in name and "8859" not in name else lines):
            try:
                broken = damage(src)
            except (UnicodeError, ValueError):
                continue
            if broken != src:
                pairs.append((src, broken))
        fixed = khabar.repair([b for _, b in pairs])
        if lossless:
            ok = sum(f == s for (s, _), f in zip(pairs, fixed))
            out[name] = {"rows": len(pairs), "exact": ok / max(len(pairs), 1)}
        else:
            consistent = lost = right = 0
            for (s, b), f in zip(pairs, fixed):
                try:
                    consistent += damage(f) == b
                except (UnicodeError, ValueError):
                    pass
                same = len(f) == len(s)
                for a, g in zip(s, f if same else [None] * len(s)):
                    if any(0x80 <= x <= 0x9F for x in a.encode()):
                        lost += 1
                        right += a == g
            out[name] = {"rows": len(pairs), "consistent": consistent / max(len(pairs), 1),
                         "restored": right / max(lost, 1)}
    out["clean rows changed"] = sum(a is not b for a, b in zip(rows, khabar.repair(rows)))
    return out


def repair_speed(rows: list[str]) -> dict[str, Any]:
    import ftfy
    import pyarrow as pa

    broken = [sloppy_1252(r) for r in rows]
    size = mb(broken)
    t_ftfy = best(lambda: [ftfy.fix_text(b) for b in broken])
    arr = pa.array(broken)
    t_khabar = best(lambda: khabar.repair(arr))
    clean = pa.array(rows * 20)
    t_clean = best(lambda: khabar.repair(clean))
    return {"ftfy fix_text MB/s": size / t_ftfy, "khabar repair MB/s": size / t_khabar,
            "ratio": t_ftfy / t_khabar, "khabar clean-text MB/s": mb(rows * 20) / t_clean}


def entry_points(rows: list[str], filter_rows: int) -> dict[str, Any]:
    import subprocess
    import sys
    import tempfile

    import ftfy
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    import khabar.pandas  # noqa: F401  (registers Series.khabar)
    import khabar.polars  # noqa: F401

    out: dict[str, Any] = {}
    broken = [sloppy_1252(r) for r in rows]
    size = mb(broken)
    t_ftfy = best(lambda: [ftfy.fix_text(b) for b in broken])
    calls: dict[str, Callable[[], Any]] = {
        "str": lambda: [khabar.repair(b) for b in broken],
        "list": lambda: khabar.repair(broken),
        "pandas": lambda s=pd.Series(broken): s.khabar.repair(),
        "polars": lambda s=pl.Series(broken): s.khabar.repair(),
        "arrow": lambda a=pa.array(broken): khabar.repair(a),
    }
    out["repair (ftfy fix_text MB/s)"] = size / t_ftfy
    for name, fn in calls.items():
        t = best(fn)
        out[f"repair {name} MB/s (x ftfy)"] = f"{size / t:.1f} ({t_ftfy / t:.1f}x)"
    with tempfile.TemporaryDirectory() as d:
        path = pathlib.Path(d, "broken.txt")
        path.write_text("\n\n".join(broken), encoding="utf-8")
        bindir = pathlib.Path(sys.executable).parent

        def run(cmd: list[str]) -> None:
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

        t_cli_ftfy = best(lambda: run([str(bindir / "ftfy"), str(path)]))
        t_cli = best(lambda: run([str(bindir / "khabar"), "repair", str(path)]))
        out["repair CLI MB/s (x ftfy CLI)"] = f"{size / t_cli:.1f} ({t_cli_ftfy / t_cli:.1f}x)"

    rows = rows[:filter_rows]
    size = mb(rows)
    filters = datatrove_filters()
    datatrove_decide(filters, rows[0])
    t_dt = best(lambda: [datatrove_decide(filters, r) for r in rows])
    out["quality (datatrove MB/s)"] = size / t_dt
    calls = {
        "str": lambda: [khabar.quality(r) for r in rows],
        "list": lambda: khabar.quality(rows),
        "pandas": lambda s=pd.Series(rows): s.khabar.quality(),
        "polars": lambda s=pl.Series(rows): s.khabar.quality(),
        "arrow": lambda a=pa.array(rows): khabar.quality(a),
    }
    for name, fn in calls.items():
        t = best(fn)
        out[f"quality {name} MB/s (x datatrove)"] = f"{size / t:.1f} ({t_dt / t:.1f}x)"
    return out


def datatrove_filters() -> list[Any]:
    from datatrove.pipeline.filters import FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter

    cfg = {"dup_line_frac": 0.304, "top_n_grams": [(2, 0.197), (3, 0.172), (4, 0.146)],
           "dup_n_grams": [(5, 0.165), (6, 0.153), (7, 0.142), (8, 0.131), (9, 0.12), (10, 0.109)]}
    stop = ["،", "في", "من", "على", "إلى", "عام", "أن", "مع", "أو", "هو", "عن", "التي", "كان", "بين",
            "ما", "كانت", "هي", "المتحدة", "بعد"]
    return [
        GopherRepetitionFilter(language="arb_Arab", dup_para_frac=0, dup_line_char_frac=0, dup_para_char_frac=0, **cfg),
        FineWebQualityFilter(language="arb_Arab", short_line_thr=999, char_duplicates_ratio=0.1,
                             line_punct_thr=0.143, new_line_ratio=0.189),
        GopherQualityFilter(language="arb_Arab", max_avg_word_length=9, min_avg_word_length=2, stop_words=stop,
                            max_non_alpha_words_ratio=0.787, min_stop_words=2),
    ]


def datatrove_decide(filters: list[Any], text: str) -> str | None:
    from datatrove.data import Document

    doc = Document(text=text, id="0")
    for f in filters:
        r = f.filter(doc)
        if r is not True:
            return r[1] if isinstance(r, tuple) else "dropped"
    return None


def quality(rows: list[str]) -> dict[str, Any]:
    import pyarrow as pa

    filters = datatrove_filters()
    datatrove_decide(filters, rows[0])  # load spaCy once, outside the timing
    dt = [datatrove_decide(filters, r) for r in rows]
    t_dt = best(lambda: [datatrove_decide(filters, r) for r in rows])
    arr = pa.array(rows)
    t_q = best(lambda: khabar.quality(arr))
    t_f = best(lambda: khabar.quality_filter(arr))
    kh = khabar.quality_filter(rows)
    agree = sum((d is None) == k["keep"] for d, k in zip(dt, kh))
    same_reason = sum(d == k["reason"] for d, k in zip(dt, kh))
    size = mb(rows)
    return {"rows": len(rows), "datatrove MB/s": size / t_dt, "khabar quality MB/s": size / t_q,
            "khabar quality_filter MB/s": size / t_f, "quality ratio": t_dt / t_q,
            "decisions agree": agree / len(rows), "same reason": same_reason / len(rows),
            "datatrove drops": sum(d is not None for d in dt)}


def line_punct(rows: list[str]) -> dict[str, Any]:
    filters = datatrove_filters()
    dt = [datatrove_decide(filters, r) for r in rows]
    punct = [r for r, d in zip(rows, dt) if d == "line_punct_ratio"]
    kh = khabar.quality_filter(punct, preset="khabar_arb")
    agree = sum((d is None) == k["keep"] for d, k in zip(dt, khabar.quality_filter(rows)))
    return {"rows": len(rows), "fineweb2_arb agrees with datatrove": agree / len(rows),
            "datatrove drops on line_punct_ratio": len(punct),
            "khabar_arb keeps of those (past line_punct)": sum(k["reason"] != "line_punct_ratio" for k in kh) / max(len(punct), 1),
            "khabar_arb keeps of those (all rules)": sum(k["keep"] for k in kh) / max(len(punct), 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=pathlib.Path, default=HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--rows", type=int, default=400)
    ap.add_argument("--filter-rows", type=int, default=300)
    a = ap.parse_args()
    rows = load(a.corpus, a.rows)
    report = {"repair accuracy": repair_accuracy(rows), "repair speed": repair_speed(rows),
              "quality": quality(rows[: a.filter_rows]),
              "line punctuation (every 20th row)": line_punct(load(a.corpus, 10**9, step=20)),
              "entry points": entry_points(rows, a.filter_rows)}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
