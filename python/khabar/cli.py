"""The ``khabar`` command.

    khabar parse ARTICLE.txt ...           # one JSON record per line
    khabar parse --sample --format table   # the sample corpus shipped with khabar
    khabar normalize --preset basic < in.txt > out.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence, TextIO

from . import __version__, normalize, parse, presets, rules
from ._errors import KhabarError
from .article import Article


def _sample_files() -> list[tuple[str, str]]:
    root = resources.files("khabar") / "data" / "sample"
    files = sorted((p for p in root.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SystemExit(f"khabar: {path}: {e.strerror or e}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SystemExit(
            f"khabar: {path}: not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"
        ) from None


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in s)


def _cut(s: str | None, n: int) -> str:
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(names: Sequence[str], articles: Sequence[Article], out: TextIO) -> None:
    header = ("file", "title", "author", "date", "paras", "words", "boilerplate")
    rows = [header]
    for name, a in zip(names, articles):
        rows.append((
            _cut(name, 32),
            _cut(a.title.text if a.title else "", 60),
            _cut(", ".join(x.name for x in a.authors), 20),
            a.published.value if a.published else "",
            str(a.stats.paragraphs),
            str(a.stats.words),
            str(len(a.boilerplate)),
        ))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        out.write("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() + "\n")


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    if args.sample:
        docs = _sample_files()
    elif args.paths:
        docs = [(p, _read(p)) for p in args.paths]
    else:
        docs = [("-", sys.stdin.read())]
    articles = parse([text for _, text in docs])
    names = [name for name, _ in docs]
    if args.format == "table":
        _table(names, articles, out)
    elif args.format == "json":
        out.write(json.dumps([dict(a.to_dict(), file=n) for n, a in zip(names, articles)],
                             ensure_ascii=False, indent=1) + "\n")
    else:
        for n, a in zip(names, articles):
            out.write(json.dumps(dict(a.to_dict(), file=n), ensure_ascii=False) + "\n")
    return 0


def _parse_rule(spec: str) -> tuple[str, bool]:
    name, _, value = spec.partition("=")
    value = value.lower() or "on"
    if value not in ("on", "off", "true", "false", "1", "0"):
        raise argparse.ArgumentTypeError(f"{spec!r}: expected RULE, RULE=on or RULE=off")
    return name, value in ("on", "true", "1")


def _lines(paths: Sequence[str]) -> Iterable[str]:
    if not paths:
        yield from sys.stdin
        return
    for p in paths:
        yield from _read(p).splitlines(keepends=True)


def _cmd_normalize(args: argparse.Namespace, out: TextIO) -> int:
    if args.list:
        for name, desc in rules().items():
            out.write(f"{name:22} {desc}\n")
        out.write("\npresets:\n")
        for name, rs in presets().items():
            out.write(f"  {name:10} {', '.join(rs) or '(no rule)'}\n")
        return 0
    opts = dict(args.rule or [])
    batch: list[str] = []
    for line in _lines(args.paths):
        batch.append(line)
        if len(batch) >= 10_000:
            out.writelines(normalize(batch, preset=args.preset, **opts))
            batch.clear()
    out.writelines(normalize(batch, preset=args.preset, **opts))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="khabar", description="Parse and normalize Arabic news text.")
    p.add_argument("--version", action="version", version=f"khabar {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    pp = sub.add_parser("parse", help="parse raw article text files into structured records")
    pp.add_argument("paths", nargs="*", metavar="PATH", help="text files ('-' or none: stdin)")
    pp.add_argument("--sample", action="store_true",
                    help="parse the sample corpus shipped with khabar")
    pp.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                    help="output format (default: jsonl, one article per line)")
    pp.set_defaults(run=_cmd_parse)

    pn = sub.add_parser("normalize", help="normalize text from files or stdin, line by line")
    pn.add_argument("paths", nargs="*", metavar="PATH", help="text files (none: stdin)")
    pn.add_argument("--preset", default="ml_clean", help="preset name (default: ml_clean)")
    pn.add_argument("--rule", action="append", type=_parse_rule, metavar="RULE[=on|off]",
                    help="switch one rule on or off; repeatable")
    pn.add_argument("--list", action="store_true", help="list rules and presets, then exit")
    pn.set_defaults(run=_cmd_normalize)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        return int(args.run(args, out))
    except KhabarError as e:
        print(f"khabar: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
