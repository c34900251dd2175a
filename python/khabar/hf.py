"""khabar inside Hugging Face ``datasets``: batch functions for ``Dataset.map(batched=True)``.

Each function here returns a picklable callable that takes one batch and returns the new
columns, in either of ``datasets``' batch formats:

* the default (python) format: inside ``map``, where the batch is ``datasets``' lazy batch,
  the text is read straight from the batch's Arrow data and the new columns are put into the
  batch as Arrow (and ``{}`` returned), so no Python string is made on the way: this runs
  faster than an identity map that writes the text back under a new name. A plain dict of
  lists (``set_transform``, or a batch you built) gets a dict of the new columns, as lists;
* ``with_format("arrow")``, a ``pyarrow.Table``: the result is the table with the new
  columns appended (no copy of the input).

>>> import datasets, khabar.hf
>>> ds = datasets.Dataset.from_dict({"text": ["إِلَى الْمَدْرَسَةِ", "كتـــاب"]})
>>> ds = ds.map(khabar.hf.normalize(preset="search"), batched=True)
>>> ds[:]["text_norm"]
['الي المدرسه', 'كتاب']
>>> ds.map(khabar.hf.tokenize(normalizer="search"), batched=True)[:]["tokens"]
[['الي', 'المدرسه'], ['كتاب']]
>>> ds.with_format("arrow").map(khabar.hf.stem(column="text_norm"), batched=True)["stems"].to_pylist()
[['ال', 'مدرس'], ['كتاب']]

With ``num_proc=N`` the workers are forked: each runs khabar on its calling thread (see
:func:`khabar.set_num_threads`), so N workers use N cores without oversubscription and
without warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable

__all__ = ["normalize", "parse", "sentences", "stem", "tokenize"]

Batch = Any


def _arrow_column(batch: Mapping[str, Any], column: str) -> Any | None:
    """The column as Arrow when ``batch`` is ``datasets``' lazy batch and the column is still
    as stored (not read or replaced yet); ``None`` otherwise."""
    table = getattr(batch, "pa_table", None)
    pending = getattr(batch, "keys_to_format", None)
    if table is None or pending is None or column not in pending:
        return None
    return table.column(column)


class _BatchFunction:
    """One khabar column function applied to a batch (picklable: no closures)."""

    def __init__(self, name: str, column: str, outputs: dict[str, str] | str,
                 kwargs: dict[str, Any]) -> None:
        self.name = name
        self.column = column
        self.outputs = outputs
        self.kwargs = kwargs

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"khabar.hf.{self.name}(column={self.column!r}, {args})".replace(", )", ")")

    def _fn(self) -> Callable[..., Any]:
        import khabar

        return getattr(khabar, self.name)

    def _columns(self, result: Any) -> dict[str, Any]:
        """Output name -> values (one output, or one per field of a table result)."""
        if isinstance(self.outputs, str):
            return {self.outputs: result}
        return {out: result.column(field) for field, out in self.outputs.items()}

    def __call__(self, batch: Batch) -> Batch:
        import pyarrow as pa

        fn = self._fn()
        if isinstance(batch, pa.Table):
            if self.column not in batch.column_names:
                raise KeyError(f"khabar.hf.{self.name}: no column {self.column!r} in the batch "
                               f"(columns: {', '.join(batch.column_names)})")
            for name, values in self._columns(fn(batch.column(self.column), **self.kwargs)).items():
                if name in batch.column_names:
                    batch = batch.drop_columns([name])
                batch = batch.append_column(name, values)
            return batch
        if not isinstance(batch, Mapping):
            raise TypeError(f"khabar.hf.{self.name}: expected a batch (a mapping of columns or a "
                            f"pyarrow.Table), got {type(batch).__name__}")
        if self.column not in batch:
            raise KeyError(f"khabar.hf.{self.name}: no column {self.column!r} in the batch "
                           f"(columns: {', '.join(batch)})")
        arrow = _arrow_column(batch, self.column)
        if arrow is not None:
            # Inside `map`: the new columns go into the batch as Arrow (`datasets` writes them
            # as they are) and nothing else is returned.
            for name, values in self._columns(fn(arrow, **self.kwargs)).items():
                batch[name] = values
            return {}
        values = batch[self.column]
        if self.name == "parse":
            table = fn(pa.array(values, pa.large_string()), **self.kwargs)
            return {k: v.to_pylist() for k, v in self._columns(table).items()}
        result = fn(list(values), **self.kwargs)
        if self.name in ("tokenize", "sentences", "stem"):
            result = [None if r is None else list(r) for r in result]
        return self._columns(result)


def normalize(column: str = "text", output: str = "text_norm", preset: str = "basic",
              **rules: Any) -> Callable[[Batch], Batch]:
    """Normalize ``column`` into ``output`` (see :func:`khabar.normalize` for ``preset`` and
    the rule switches).

    >>> import khabar.hf
    >>> khabar.hf.normalize(preset="search")({"text": ["إِلَى", None]})
    {'text_norm': ['الي', None]}
    """
    return _BatchFunction("normalize", column, output, {"preset": preset, **rules})


def tokenize(column: str = "text", output: str = "tokens", normalizer: Any = None,
             clitics: bool = False, drop_stopwords: bool = False) -> Callable[[Batch], Batch]:
    """The tokens of ``column`` (their texts) into ``output``, a list of strings per row (see
    :func:`khabar.tokenize`).

    >>> import khabar.hf
    >>> khabar.hf.tokenize()({"text": ["بلغ النمو 3.5%"]})
    {'tokens': [['بلغ', 'النمو', '3.5', '%']]}
    """
    return _BatchFunction("tokenize", column, output,
                          {"offsets": False, "normalizer": normalizer, "clitics": clitics,
                           "drop_stopwords": drop_stopwords})


def sentences(column: str = "text", output: str = "sentences") -> Callable[[Batch], Batch]:
    """The sentences of ``column`` into ``output``, a list of strings per row.

    >>> import khabar.hf
    >>> khabar.hf.sentences()({"text": ["جملة أولى. جملة ثانية؟"]})
    {'sentences': [['جملة أولى.', 'جملة ثانية؟']]}
    """
    return _BatchFunction("sentences", column, output, {"offsets": False})


def stem(column: str = "text", output: str = "stems", algorithm: str = "light10",
         drop_stopwords: bool = False) -> Callable[[Batch], Batch]:
    """The stems of the words of ``column`` into ``output`` (see :func:`khabar.stem`).

    >>> import khabar.hf
    >>> khabar.hf.stem()({"text": ["والمدرسة"]})
    {'stems': [['مدرس']]}
    """
    return _BatchFunction("stem", column, output,
                          {"algorithm": algorithm, "drop_stopwords": drop_stopwords})


def parse(column: str = "text", fields: tuple[str, ...] | None = None,
          prefix: str = "") -> Callable[[Batch], Batch]:
    """Parse ``column`` as articles: one output column per field (``fields``, default every
    column of :data:`khabar.article.ROW_COLUMNS`), named ``prefix + field``.

    >>> import khabar.hf
    >>> out = khabar.hf.parse(fields=("title", "body_text"))({"text": ["العنوان\\n\\nالنص."]})
    >>> out
    {'title': ['العنوان'], 'body_text': ['النص.']}
    """
    from .article import ROW_COLUMNS

    chosen = tuple(fields) if fields is not None else ROW_COLUMNS
    unknown = [f for f in chosen if f not in ROW_COLUMNS]
    if unknown:
        raise ValueError(f"khabar.hf.parse: unknown fields {unknown}; fields: {', '.join(ROW_COLUMNS)}")
    return _BatchFunction("parse", column, {f: prefix + f for f in chosen}, {})
