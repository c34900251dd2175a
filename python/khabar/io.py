"""Corpora on disk: read folders, JSONL, CSV, TSV and Parquet as Arrow; write Parquet and JSONL.

Reading runs in Rust, a chunk at a time, without the GIL: memory stays bounded however large
the corpus, legacy encodings (windows-1256 ...) are detected, and every chunk is an Arrow
record batch with the columns ``id``, ``text`` and ``error``:

* ``id`` — the id column's value when ``id_column`` is given, else ``FILE:LINE`` (JSONL, CSV),
  ``FILE#ROW`` (Parquet) or the path relative to the folder;
* ``text`` — the document (null where the input holds null);
* ``error`` — with ``errors="mark"``, why a row could not be read (the row is kept, its text
  null); with ``errors="raise"`` (the default) reading stops with a
  :class:`khabar.KhabarValueError` naming the file and line (its ``path`` and ``line``
  attributes say the same).

>>> import khabar, pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "news.jsonl").write_text('{"id": "a", "body": "مَدْرَسَةٌ"}\\n{"id": "b", "body": null}\\n',
...                                   encoding="utf-8")
>>> t = khabar.read_corpus(d / "news.jsonl", text_column="body", id_column="id")
>>> t.column("text").to_pylist()
['مَدْرَسَةٌ', None]
>>> s = khabar.process_corpus(d / "news.jsonl", d / "out.parquet", task="normalize",
...                           text_column="body", id_column="id")
>>> (s.rows_in, s.rows_out, s.rows_with_errors)
(2, 2, 0)
>>> khabar.read_corpus(d / "out.parquet").column("text").to_pylist()
['مدرسة', None]
"""

from __future__ import annotations

import dataclasses
import os
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, Literal

from ._errors import KhabarError, KhabarValueError
from ._khabar import CorpusReader, CorpusWriter, html_to_text
from ._threads import num_threads, set_num_threads
from ._batch import map_chunks
from ._progress import Progress

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "CorpusReader",
    "CorpusWriter",
    "Summary",
    "html_to_text",
    "iter_corpus",
    "map_chunks",
    "process_corpus",
    "read_corpus",
    "set_threads",
    "threads",
    "write_corpus",
]


def set_threads(threads: int) -> bool:
    """Same as :func:`khabar.set_num_threads` (kept for older code); always ``True``.

    >>> import khabar.io
    >>> khabar.io.set_threads(2)
    True
    """
    set_num_threads(threads)
    return True


def threads() -> int:
    """Same as :func:`khabar.num_threads`.

    >>> import khabar.io
    >>> khabar.io.threads() >= 1
    True
    """
    return num_threads()


def iter_corpus(
    path: str | os.PathLike[str],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    format: str | None = None,
    glob: str | None = None,
    encoding: str | None = None,
    errors: Literal["raise", "mark"] = "raise",
    html: Literal["text", "raw"] = "text",
    chunk_rows: int = 50_000,
    chunk_bytes: int = 32 << 20,
    progress: Any = False,
    repair: bool = False,
) -> Iterator[pa.RecordBatch]:
    """Stream a corpus as pyarrow record batches (``id``, ``text``, ``error``), chunk by chunk.

    Args:
        path: a folder (files matching ``glob``, recursively; default ``.txt``/``.html``), a
            ``.txt``/``.html`` file, or a ``.jsonl``, ``.csv``, ``.tsv`` or ``.parquet`` file.
        text_column: JSON key, CSV/TSV header or Parquet column holding the text.
        id_column: column holding a row id (default: made from the file and line).
        format: ``folder``, ``file``, ``jsonl``, ``csv``, ``tsv`` or ``parquet`` (default: from
            the path).
        glob: files of a folder to read, matched against their relative path (``*`` also
            crosses ``/``), e.g. ``"2019/**/*.html"``.
        encoding: a WHATWG label (``"windows-1256"``) to force; default: UTF-8 unless a BOM,
            an HTML ``<meta charset>`` or the bytes themselves say otherwise (chardetng). JSONL
            is JSON, hence UTF-8: it is never guessed (a line that is not UTF-8 is an error
            naming the file, line and byte offset), so name the encoding of a legacy JSONL file.
        errors: ``"raise"`` stops at the first unreadable row; ``"mark"`` keeps it with a null
            text and the reason in ``error``.
        html: ``"text"`` turns HTML files into their visible text; ``"raw"`` keeps the markup.
        chunk_rows, chunk_bytes: the size of each batch.
        progress: ``True`` for a progress bar (tqdm if installed), or a tqdm class/instance.
        repair: undo encoding damage in the text (:func:`khabar.repair`) as it is read.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_bytes("العربية لغة جميلة والكتاب مفيد".encode("cp1256"))
    >>> [b.num_rows for b in iter_corpus(d)]
    [1]
    >>> next(iter_corpus(d)).column("text")[0].as_py()    # windows-1256, detected
    'العربية لغة جميلة والكتاب مفيد'
    """
    import pyarrow as pa

    reader = CorpusReader(path, format=format, text_column=text_column, id_column=id_column,
                          glob=glob, encoding=encoding, errors=errors, html=html,
                          chunk_rows=chunk_rows, chunk_bytes=chunk_bytes)
    with Progress(progress, None) as bar:
        seen = 0
        for batch in reader:
            rb = pa.record_batch(batch)
            if repair:
                rb = _repaired(rb)
            done = reader.bytes_read
            bar.update(rb.num_rows, done - seen)
            seen = done
            yield rb


def _repaired(rb: pa.RecordBatch) -> pa.RecordBatch:
    """``rb`` with its ``text`` column through :func:`khabar.repair`."""
    import pyarrow as pa

    from ._repair import repair

    columns = list(rb.columns)
    i = rb.schema.get_field_index("text")
    columns[i] = repair(columns[i])
    return pa.RecordBatch.from_arrays(columns, schema=rb.schema)


def read_corpus(path: str | os.PathLike[str], **options: Any) -> pa.Table:
    """Read a whole corpus into a pyarrow Table (``id``, ``text``, ``error``); ``.to_pandas()``
    or ``polars.from_arrow`` on request. Takes the options of :func:`iter_corpus` (``repair=True``
    undoes encoding damage as the text is read).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "c.csv").write_text("id,text\\n1,نص\\n", encoding="utf-8")
    >>> read_corpus(d / "c.csv", id_column="id").to_pylist()
    [{'id': '1', 'text': 'نص', 'error': None}]
    """
    import pyarrow as pa

    batches = list(iter_corpus(path, **options))
    schema = pa.schema(CorpusReader.schema())
    return pa.Table.from_batches(batches, schema=schema)


def write_corpus(data: Any, path: str | os.PathLike[str], *, format: str | None = None,
                 compression: str = "zstd") -> int:
    """Write a table to Parquet or JSONL (format from the extension); returns the row count.

    ``data``: a pyarrow Table or RecordBatch, a pandas or polars DataFrame, anything with
    ``__arrow_c_stream__``, or an iterable of record batches. The file appears under its name
    only once complete.

    >>> import pathlib, tempfile, pyarrow as pa
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_corpus(pa.table({"id": ["1"], "text": ["نص"]}), d / "o.jsonl")
    1
    >>> (d / "o.jsonl").read_text(encoding="utf-8")
    '{"id":"1","text":"نص"}\\n'
    """
    import pyarrow as pa

    if type(data).__module__.partition(".")[0] == "pandas":
        data = pa.Table.from_pandas(data, preserve_index=False)
    writer = CorpusWriter(path, format=format, compression=compression)
    try:
        schema = None
        if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
            writer.write(data)
            schema = pa.table(data).schema if hasattr(data, "__arrow_c_stream__") else None
        else:
            for batch in data:
                writer.write(batch)
                schema = schema or pa.record_batch(batch).schema
        return writer.close(schema)
    except BaseException:
        writer.abort()
        raise


# --- whole corpora: read, process, write -----------------------------------------------------


@dataclasses.dataclass
class Summary:
    """What a :func:`process_corpus` run did."""

    output: str
    rows_in: int = 0
    rows_out: int = 0
    rows_with_errors: int = 0
    rows_with_warnings: int = 0
    bytes_in: int = 0
    seconds: float = 0.0
    #: ``(id, message)`` of the first rows with errors (at most 20).
    errors: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    @property
    def docs_per_s(self) -> float:
        return self.rows_in / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes_in / self.seconds / 1e6 if self.seconds else 0.0

    def __str__(self) -> str:
        extra = f", {self.rows_with_errors:,} with errors" if self.rows_with_errors else ""
        if self.rows_with_warnings:
            extra += f", {self.rows_with_warnings:,} with warnings"
        return (f"{self.rows_in:,} rows in, {self.rows_out:,} rows out{extra}; "
                f"{self.bytes_in / 1e6:,.1f} MB in {self.seconds:.1f} s "
                f"({self.docs_per_s:,.0f} docs/s, {self.mb_per_s:,.1f} MB/s) -> {self.output}")


Task = Literal["normalize", "parse", "parse_html", "tokenize"]


def _task_fn(task: str, preset: str | None, rules: dict[str, Any]) -> Callable[[Any], Any]:
    """``text column -> list of (name, column)`` for one task."""
    import pyarrow as pa

    from . import _khabar
    from ._normalize import core_normalizer

    if task == "normalize":
        core = core_normalizer(preset or "ml_clean", rules)
        return lambda text: [("text", pa.array(core.normalize(text)))]
    if task in ("parse", "parse_html"):
        core = core_normalizer(preset, rules) if preset or rules else None
        to_table = _khabar.parse_table if task == "parse" else _khabar.parse_html_table

        def parse(text: Any) -> list[tuple[str, Any]]:
            t = pa.table(to_table(text))
            cols = list(zip(t.column_names, t.columns))
            if core is not None:
                cols.append(("normalized", pa.chunked_array(core.normalize(t.column("body_text")))))
            return cols
        return parse
    if task == "tokenize":
        from ._tokens import tokenize

        normalizer = core_normalizer(preset, rules) if preset or rules else None

        def tok(text: Any) -> list[tuple[str, Any]]:
            if normalizer is None:
                return [("tokens", tokenize(text))]
            from ._normalize import Normalizer

            return [("tokens", tokenize(text, normalizer=Normalizer(preset or "ml_clean", **rules)))]
        return tok
    raise KhabarValueError(f"task={task!r}: expected 'normalize', 'parse', 'parse_html' or 'tokenize'")


def _run_batch(fn: Callable[[Any], Any], batch: pa.RecordBatch) -> pa.Table:
    """Run ``fn`` on a batch's text; a chunk that fails is rerun row by row, and each row that
    still fails keeps its id with null outputs and the error (rows are never dropped)."""
    import pyarrow as pa

    text, ids, errs = batch.column("text"), batch.column("id"), batch.column("error")
    try:
        cols = fn(text)
    except (KhabarError, ValueError, TypeError, RuntimeError):
        parts, row_errs = [], errs.to_pylist()
        for i in range(batch.num_rows):
            try:
                part = fn(text.slice(i, 1))
            except (KhabarError, ValueError, TypeError, RuntimeError) as e:
                part = fn(pa.nulls(1, pa.string()))
                row_errs[i] = row_errs[i] or f"{type(e).__name__}: {e}"
            parts.append(pa.table(dict(part)))
        joined = pa.concat_tables(parts)
        cols = list(zip(joined.column_names, joined.columns))
        errs = pa.array(row_errs, pa.string())
    out = {"id": ids}
    for name, col in cols:
        out[name] = col
    out["error"] = errs
    return pa.table(out)


def process_corpus(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    task: Task = "normalize",
    text_column: str = "text",
    id_column: str | None = None,
    format: str | None = None,
    glob: str | None = None,
    encoding: str | None = None,
    preset: str | None = None,
    threads: int | None = None,
    chunk_rows: int = 20_000,
    chunk_bytes: int = 8 << 20,
    compression: str = "zstd",
    progress: Any = False,
    **rules: Any,
) -> Summary:
    """Read a corpus, run ``task`` over it chunk by chunk, and write Parquet or JSONL.

    ``task``: ``"normalize"`` (columns ``id``, ``text`` normalized with ``preset`` and
    ``rules``), ``"parse"`` (``id``, the columns of :data:`khabar.article.ROW_COLUMNS`, and
    ``normalized`` — the normalized ``body_text`` — when a ``preset`` is given), ``"parse_html"``
    (the same for HTML pages: folders of ``.html``/``.htm`` files, WARC and WARC.gz crawls, or
    columns of HTML; the columns of :data:`khabar.article.HTML_COLUMNS`) or
    ``"tokenize"`` (``id``, ``tokens``; normalized tokens when a ``preset`` is given). Every
    output ends with ``error``.

    Rows are never dropped: a row that cannot be read or processed is written with null outputs
    and its ``error``, and counted in the summary. Memory is bounded by the chunk size; the
    output file appears under its name only when complete (an exception or Ctrl-C leaves
    nothing). ``threads`` sets the number of threads for this call (see
    :func:`khabar.set_num_threads`). Other arguments are those of :func:`iter_corpus`.
    """
    before = num_threads()
    if threads is not None:
        set_num_threads(threads)
    try:
        return _process(source, output, task, text_column, id_column, format, glob, encoding,
                        preset, rules, chunk_rows, chunk_bytes, compression, progress)
    finally:
        if threads is not None:
            set_num_threads(before)


def _process(source: str | os.PathLike[str], output: str | os.PathLike[str], task: Task,
             text_column: str, id_column: str | None, format: str | None, glob: str | None,
             encoding: str | None, preset: str | None, rules: dict[str, Any], chunk_rows: int,
             chunk_bytes: int, compression: str, progress: Any) -> Summary:
    import pyarrow as pa
    import pyarrow.compute as pc

    fn = _task_fn(task, preset, rules)
    start = time.perf_counter()
    reader = CorpusReader(source, format=format, text_column=text_column, id_column=id_column,
                          glob=glob, encoding=encoding, errors="mark",
                          html="raw" if task == "parse_html" else "text",
                          chunk_rows=chunk_rows, chunk_bytes=chunk_bytes)
    writer = CorpusWriter(output, compression=compression)
    summary = Summary(output=os.fspath(output))
    schema = None
    total = reader.total_bytes
    try:
        with Progress(progress, None) as bar:
            seen = 0
            for raw in reader:
                batch = pa.record_batch(raw)
                table = _run_batch(fn, batch)
                if schema is None:
                    schema = table.schema
                writer.write(table)
                summary.rows_in += batch.num_rows
                summary.rows_out += table.num_rows
                err = table.column("error")
                n_err = len(err) - err.null_count
                if n_err:
                    summary.rows_with_errors += n_err
                    if len(summary.errors) < 20:
                        bad = table.filter(pc.is_valid(err)).select(["id", "error"]).slice(0, 20)
                        summary.errors.extend(zip(bad.column("id").to_pylist(),
                                                  bad.column("error").to_pylist()))
                        del summary.errors[20:]
                if "warnings" in table.column_names:
                    n_warn = pc.sum(pc.greater(pc.fill_null(
                        pc.list_value_length(table.column("warnings")), 0), 0)).as_py()
                    summary.rows_with_warnings += int(n_warn or 0)
                done = reader.bytes_read
                bar.update(batch.num_rows, done - seen)
                seen = done
        if schema is None:
            schema = _task_schema(fn)
        writer.close(schema)
    except BaseException:
        writer.abort()
        raise
    summary.bytes_in = max(reader.bytes_read, total if summary.rows_in else 0)
    summary.seconds = time.perf_counter() - start
    if summary.rows_out != summary.rows_in:  # pragma: no cover - a bug, never a silent loss
        raise KhabarValueError(
            f"{summary.rows_in} rows read but {summary.rows_out} written; output discarded")
    return summary


def _task_schema(fn: Callable[[Any], Any]) -> pa.Schema:
    import pyarrow as pa

    empty = pa.RecordBatch.from_pydict(
        {"id": pa.array([], pa.string()), "text": pa.array([], pa.string()),
         "error": pa.array([], pa.string())})
    return _run_batch(fn, empty).schema
