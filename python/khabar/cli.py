"""The ``khabar`` command.

    khabar parse ARTICLE.txt ...           # one JSON record per line
    khabar parse --sample --format table   # the sample corpus shipped with khabar
    khabar normalize --preset basic < in.txt > out.txt
    khabar parse corpus.jsonl -o articles.parquet --text-column body --preset ml_clean
    khabar normalize scraped/ -o clean.jsonl --glob '**/*.html' --threads 2
    khabar tokenize news.csv -o tokens.parquet
    khabar parse page.html                 # HTML pages through khabar.parse_html
    khabar parse crawl.warc.gz -o articles.parquet   # every HTML response of a crawl
    khabar parse --html scraped/ -o articles.parquet
    khabar repair broken.txt > fixed.txt     # undo mojibake; --report for what was done
    khabar normalize --repair < in.txt       # repair, then normalize
    khabar dedup news.jsonl more/ -o marked.parquet --threshold 0.8 --on body

With ``-o``, INPUT is a folder, a .txt/.html file, a .warc/.warc.gz crawl, or a .jsonl, .csv,
.tsv or .parquet file (with ``--html`` its text column holds HTML pages),
read in chunks (bounded memory); a progress bar runs on a terminal and a summary ends the run.
Exit status: 0 all rows processed; 1 the output is complete but some rows carry an error
(listed with their ids); 2 nothing was written (bad input or options); 130 interrupted
(nothing was written).

Every input is decoded as :func:`khabar.read_corpus` decodes it, by the same code: a BOM, then
UTF-8, then the detected legacy encoding (windows-1256, ISO-8859-6 ...), or the one named with
``--encoding``. Bytes that cannot be decoded stop the command with the file and line. Option
values (presets, rules, encodings, counts) are checked before any input is read.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence, TextIO

from . import __version__, normalize, parse, presets, repair, rules
from ._errors import KhabarError
from ._khabar import decode_text, encoding_name
from ._normalize import core_normalizer
from .article import Article


def _sample_files() -> list[tuple[str, str]]:
    root = resources.files("khabar") / "data" / "sample"
    files = sorted((p for p in root.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def _read(path: str, encoding: str | None, keep_bom: bool = False) -> str:
    """A file (or stdin, for ``-``), decoded by the corpus readers' decoder.

    With ``keep_bom``, a leading UTF-8 byte-order mark stays in the text as U+FEFF, as
    ``open(path, encoding="utf-8").read()`` keeps it, so that offsets printed by ``parse``
    count the characters of the file as Python reads it.
    """
    if path == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data, name = Path(path).read_bytes(), path
        except OSError as e:
            raise SystemExit(f"khabar: {path}: {e.strerror or e}") from None
    text = decode_text(data, encoding=encoding, name=name)
    if keep_bom and data.startswith(b"\xef\xbb\xbf"):  # the decoder drops exactly one
        text = "\ufeff" + text
    return text


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


def _cmd_corpus(task: str, args: argparse.Namespace) -> int:
    """``-o OUTPUT``: the whole input through :func:`khabar.process_corpus`."""
    from .io import process_corpus

    if getattr(args, "repair", False):
        raise SystemExit("khabar: --repair works on files and stdin; for a corpus use "
                         "khabar.read_corpus(..., repair=True)")
    if len(args.paths) != 1 or args.paths[0] == "-":
        raise SystemExit("khabar: with -o, give exactly one INPUT (a folder or a .txt, .html, "
                         ".jsonl, .csv or .parquet file)")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    summary = process_corpus(
        args.paths[0], args.output, task=task, text_column=args.text_column,
        id_column=args.id_column, format=args.input_format, glob=args.glob,
        encoding=args.encoding, preset=getattr(args, "preset", None), threads=args.threads,
        chunk_rows=args.chunk_rows, progress=progress, **dict(getattr(args, "rule", None) or []))
    print(f"khabar: {summary}", file=sys.stderr)
    for row_id, message in summary.errors:
        print(f"khabar: row {row_id}: {message}", file=sys.stderr)
    if summary.rows_with_errors > len(summary.errors):
        print(f"khabar: ... and {summary.rows_with_errors - len(summary.errors):,} more rows with "
              "errors (see the error column)", file=sys.stderr)
    return 1 if summary.rows_with_errors else 0


_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".warc", ".warc.gz")


def _is_html_input(args: argparse.Namespace) -> bool:
    """``--html``, or every input named as an HTML page or a WARC file."""
    paths = args.paths or []
    return bool(args.html or (paths and all(p.lower().endswith(_HTML_SUFFIXES) for p in paths)))


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    html = _is_html_input(args)
    if args.output:
        return _cmd_corpus("parse_html" if html else "parse", args)
    if args.sample:
        docs = _sample_files()
    elif html:
        from .article import parse_html

        names = args.paths or ["-"]
        pages = [sys.stdin.buffer.read() if p == "-" else open(p, "rb").read() for p in names]
        docs = list(zip(names, pages))
        articles = parse_html(pages, encoding=args.encoding)
    else:
        docs = [(p, _read(p, args.encoding, keep_bom=True)) for p in args.paths or ["-"]]
    if not html or args.sample:
        texts = [text for _, text in docs]
        articles = parse(repair(texts) if args.repair else texts)
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


def _lines(paths: Sequence[str], encoding: str | None) -> Iterable[str]:
    for p in paths or ["-"]:
        yield from _read(p, encoding).splitlines(keepends=True)


def _batches(lines: Iterable[str], size: int = 10_000) -> Iterator[list[str]]:
    """``lines`` in lists of ``size``: one call into the batch engine per list."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _cmd_normalize(args: argparse.Namespace, out: TextIO) -> int:
    if args.list:
        for name, desc in rules().items():
            out.write(f"{name:22} {desc}\n")
        out.write("\npresets:\n")
        for name, rs in presets().items():
            out.write(f"  {name:10} {', '.join(rs) or '(no rule)'}\n")
        return 0
    if args.output:
        return _cmd_corpus("normalize", args)
    opts = dict(args.rule or [])
    core_normalizer(args.preset, opts)  # bad rule values stop here, before any input is read

    def run(lines: list[str]) -> list[str]:
        return normalize(repair(lines) if args.repair else lines, preset=args.preset, **opts)

    for batch in _batches(_lines(args.paths, args.encoding)):
        out.writelines(run(batch))
    return 0


def _cmd_repair(args: argparse.Namespace, out: TextIO) -> int:
    """Each input (a file, or stdin) repaired: the text, or with ``--report`` one JSON line each."""
    for path in args.paths or ["-"]:
        text = _read(path, args.encoding)
        if args.report:
            out.write(json.dumps(dict(repair(text, report=True), file=path), ensure_ascii=False) + "\n")
        else:
            out.write(repair(text))
    return 0


def _cmd_tokenize(args: argparse.Namespace, out: TextIO) -> int:
    if args.output:
        return _cmd_corpus("tokenize", args)
    from ._tokens import tokenize

    for batch in _batches(_lines(args.paths, args.encoding)):
        rows = tokenize(batch, offsets=False, normalizer=args.preset)
        out.writelines(" ".join(tokens) + "\n" for tokens in rows)
    return 0


def _cmd_dedup(args: argparse.Namespace, out: TextIO) -> int:
    from ._dedup_scale import dedup_corpus

    if args.threads is not None:
        from ._threads import set_num_threads

        set_num_threads(args.threads)
    if not args.output:
        raise SystemExit("khabar: dedup needs -o OUTPUT (.parquet or .jsonl)")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    summary = dedup_corpus(
        args.paths, args.output, threshold=args.threshold, num_perm=args.num_perm,
        ngram=args.ngram, normalizer=args.normalizer, on=args.on, text_column=args.text_column,
        id_column=args.id_column, format=args.input_format, glob=args.glob,
        encoding=args.encoding, chunk_rows=args.chunk_rows, progress=progress)
    print(f"khabar: {summary}", file=sys.stderr)
    return 1 if summary.rows_with_errors else 0


def _threshold(text: str) -> float:
    try:
        t = float(text)
    except ValueError:
        t = -1.0
    if not 0 < t <= 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number in (0, 1]")
    return t


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of at least 1")
    return n


def _encoding(label: str) -> str:
    try:
        encoding_name(label)
    except KhabarError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return label


def _input_options(p: argparse.ArgumentParser, preset_default: str | None,
                   preset_help: str | None) -> None:
    if preset_help is not None:
        p.add_argument("--preset", default=preset_default, choices=list(presets()), metavar="PRESET",
                       help=f"{preset_help}; one of: {', '.join(presets())}")
    p.add_argument("--encoding", metavar="LABEL", type=_encoding,
                   help="force the input encoding, e.g. windows-1256 (default: a BOM, UTF-8, "
                        "else detected)")
    g = p.add_argument_group("corpus processing (with -o)")
    g.add_argument("-o", "--output", metavar="OUTPUT",
                   help="write every row to OUTPUT.parquet or OUTPUT.jsonl")
    g.add_argument("--text-column", default="text", metavar="C",
                   help="JSON key, CSV/TSV header or Parquet column with the text (default: text)")
    g.add_argument("--id-column", metavar="C", help="column with row ids (default: FILE:LINE)")
    g.add_argument("--input-format", choices=("folder", "file", "jsonl", "csv", "tsv", "parquet"),
                   help="input format (default: from the path)")
    g.add_argument("--glob", metavar="PATTERN",
                   help="files of a folder to read (default: *.txt, *.html)")
    g.add_argument("--threads", type=_positive, metavar="N",
                   help="worker threads (default: all cores)")
    g.add_argument("--chunk-rows", type=_positive, default=20_000, metavar="N",
                   help="rows per chunk (default: 20000)")
    g.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: on a terminal)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="khabar", description="Parse and normalize Arabic news text.")
    p.add_argument("--version", action="version", version=f"khabar {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    pp = sub.add_parser("parse", help="parse raw article text files into structured records")
    pp.add_argument("paths", nargs="*", metavar="PATH", help="text files ('-' or none: stdin)")
    pp.add_argument("--sample", action="store_true",
                    help="parse the sample corpus shipped with khabar")
    pp.add_argument("--html", action="store_true",
                    help="the inputs are HTML pages (a folder of .html/.htm files, a column of "
                         "HTML); implied for .html, .htm, .warc and .warc.gz files")
    pp.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                    help="output format (default: jsonl, one article per line)")
    _input_options(pp, None, "with -o: add a column 'normalized', the body text normalized "
                             "with this preset")
    pp.add_argument("--repair", action="store_true",
                    help="undo encoding damage first (see 'khabar repair'); not with -o")
    pp.set_defaults(run=_cmd_parse)

    pn = sub.add_parser("normalize", help="normalize text from files or stdin, line by line")
    pn.add_argument("paths", nargs="*", metavar="PATH", help="text files (none: stdin)")
    _input_options(pn, "ml_clean", "preset (default: ml_clean)")
    pn.add_argument("--rule", action="append", type=_parse_rule, metavar="RULE[=on|off]",
                    help="switch one rule on or off; repeatable")
    pn.add_argument("--list", action="store_true", help="list rules and presets, then exit")
    pn.add_argument("--repair", action="store_true",
                    help="undo encoding damage first (see 'khabar repair'); not with -o")
    pn.set_defaults(run=_cmd_normalize)

    pr = sub.add_parser("repair", help="undo encoding damage (mojibake) in text files or stdin")
    pr.add_argument("paths", nargs="*", metavar="PATH", help="text files (none: stdin)")
    pr.add_argument("--encoding", metavar="LABEL", type=_encoding,
                    help="read the files in this encoding (default: detected)")
    pr.add_argument("--report", action="store_true",
                    help="print what was done, one JSON object per input, instead of the text")
    pr.set_defaults(run=_cmd_repair)

    pt = sub.add_parser("tokenize", help="tokenize text: lines to stdout, or a corpus with -o")
    pt.add_argument("paths", nargs="*", metavar="PATH", help="input (none: stdin lines)")
    _input_options(pt, None, "normalize tokens with this preset")
    pt.set_defaults(run=_cmd_tokenize)

    pd_ = sub.add_parser("dedup", help="mark near-duplicate rows of a corpus (bounded memory)")
    pd_.add_argument("paths", nargs="+", metavar="INPUT", help="folders or files, read in order")
    pd_.add_argument("--threshold", type=_threshold, default=0.8, metavar="T",
                     help="Jaccard similarity from which rows are duplicates (default: 0.8)")
    pd_.add_argument("--num-perm", type=_positive, default=128, metavar="N",
                     help="values per MinHash signature (default: 128)")
    pd_.add_argument("--ngram", type=_positive, default=5, metavar="N",
                     help="words per shingle (default: 5)")
    pd_.add_argument("--normalizer", default="search", choices=list(presets()), metavar="PRESET",
                     help="normalizer preset before shingling (default: search)")
    pd_.add_argument("--on", choices=("text", "body"), default="text",
                     help="hash the row as it is, or its article body (default: text)")
    _input_options(pd_, None, None)
    pd_.set_defaults(run=_cmd_dedup)
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
    except KeyboardInterrupt:
        print("khabar: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
