"""The public column functions, listed once.

Every surface that runs khabar over a column — the pandas accessor (``s.khabar.…``), the
polars Series and expression namespaces, and :mod:`khabar.dask` — is generated from
:data:`COLUMN_FUNCTIONS`: each function appears on each surface under its own name, with its
own parameters (the column itself left out) and its own docstring. A function added here is
on every surface at once.

Most functions give each row a result of its own (``per_row``): surfaces may cut a long column
into chunks (progress, Ctrl-C) and Dask runs them partition by partition. A function of the
whole column (``near_duplicates``: rows are compared with each other) runs on the whole Series
at once in pandas and polars, on the whole column in a polars expression (``map_batches`` is
not element-wise), and as a distributed recipe over every partition in :mod:`khabar.dask`.

>>> [f.name for f in COLUMN_FUNCTIONS]
['normalize', 'tokenize', 'sentences', 'stem', 'stem_words', 'is_stopword', 'parse', 'parse_html', 'repair', 'quality', 'quality_filter', 'minhash', 'near_duplicates']
>>> list(by_name("stem").signature().parameters)
['algorithm', 'drop_stopwords']
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, Callable

from . import _batch
from ._dedup import minhash, near_duplicates
from ._normalize import normalize
from ._quality import quality, quality_filter
from ._repair import repair
from ._tokens import is_stopword, sentences, stem, stem_words, tokenize
from .article import parse, parse_html

__all__ = ["COLUMN_FUNCTIONS", "ColumnFunction", "Call", "by_name", "install"]


@dataclasses.dataclass(frozen=True)
class ColumnFunction:
    """A public function that takes a column first (``x``) and gives one result per row."""

    #: The function's public name (``khabar.<name>``).
    name: str
    #: What it gives per row (see :data:`khabar._batch.Out`).
    out: _batch.Out
    #: The function itself.
    func: Callable[..., Any] = dataclasses.field(repr=False)
    #: Whether each row's result depends on that row alone (else on the whole column).
    per_row: bool = True

    def signature(self) -> inspect.Signature:
        """Its parameters after the column."""
        params = list(inspect.signature(self.func).parameters.values())[1:]
        return inspect.Signature(params)

    def check(self, *args: Any, **kwargs: Any) -> None:
        """Raise now, as the function would, for arguments it refuses (a wrong name, an unknown
        preset or rule), before any work is scheduled."""
        try:
            self.signature().bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{self.name}(): {e}") from None
        self.func([], *args, **kwargs)


#: Every column function, in the order surfaces list them.
COLUMN_FUNCTIONS: tuple[ColumnFunction, ...] = (
    ColumnFunction("normalize", "text", normalize),
    ColumnFunction("tokenize", "lists", tokenize),
    ColumnFunction("sentences", "lists", sentences),
    ColumnFunction("stem", "lists", stem),
    ColumnFunction("stem_words", "text", stem_words),
    ColumnFunction("is_stopword", "flags", is_stopword),
    ColumnFunction("parse", "records", parse),
    ColumnFunction("parse_html", "records", parse_html),
    ColumnFunction("repair", "text", repair),
    ColumnFunction("quality", "records", quality),
    ColumnFunction("quality_filter", "records", quality_filter),
    ColumnFunction("minhash", "signatures", minhash),
    ColumnFunction("near_duplicates", "clusters", near_duplicates, per_row=False),
)


def by_name(name: str) -> ColumnFunction:
    """The column function called ``name``."""
    for f in COLUMN_FUNCTIONS:
        if f.name == name:
            return f
    raise KeyError(name)


class Call:
    """One column function with its arguments bound: ``Call("stem", ("isri",), {})(column)``.

    A picklable object (the function is looked up by name), so it can be sent to Dask workers
    and Spark executors.
    """

    __slots__ = ("name", "args", "kwargs")

    def __init__(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs

    def __call__(self, x: Any) -> Any:
        return by_name(self.name).func(x, *self.args, **self.kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Call, (self.name, self.args, self.kwargs))

    def __repr__(self) -> str:
        return f"Call({self.name!r}, {self.args!r}, {self.kwargs!r})"


def _with_extra(sig: inspect.Signature, extra: list[inspect.Parameter],
                first: list[inspect.Parameter]) -> inspect.Signature:
    """``sig`` with ``first`` in front and the keyword-only ``extra`` before any ``**kwargs``."""
    params = list(sig.parameters.values())
    var_kw = [p for p in params if p.kind is inspect.Parameter.VAR_KEYWORD]
    rest = [p for p in params if p.kind is not inspect.Parameter.VAR_KEYWORD]
    return sig.replace(parameters=first + rest + extra + var_kw)


def install(cls: type, run: Callable[..., Any], *, first: list[inspect.Parameter],
            extra: list[inspect.Parameter] = (), functions: tuple[ColumnFunction, ...] = COLUMN_FUNCTIONS,
            ) -> type:
    """Give ``cls`` one method per column function.

    A method takes the function's own arguments (plus ``extra``), checks them, and returns
    ``run(self, function, call, **extra_values)``, where ``call`` is the bound :class:`Call`.
    ``first`` are the method's leading parameters (``self``, or ``self, obj``).
    """
    for fn in functions:
        sig = _with_extra(fn.signature(), list(extra), list(first))
        setattr(cls, fn.name, _method(cls, fn, sig, run, [p.name for p in first],
                                      [p.name for p in extra]))
    return cls


def _method(cls: type, fn: ColumnFunction, sig: inspect.Signature, run: Callable[..., Any],
            first: list[str], extra: list[str]) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{fn.name}(): {e}") from None
        bound.apply_defaults()
        values = dict(bound.arguments)
        lead = [values.pop(name) for name in first]
        extras = {name: values.pop(name) for name in extra}
        f_args, f_kwargs = _split(fn, values)
        fn.check(*f_args, **f_kwargs)
        return run(*lead, fn, Call(fn.name, f_args, f_kwargs), **extras)

    method.__name__ = fn.name
    method.__qualname__ = f"{cls.__name__}.{fn.name}"
    method.__doc__ = _doc(fn)
    method.__module__ = cls.__module__
    method.__signature__ = sig  # type: ignore[attr-defined]
    return method


def _doc(fn: ColumnFunction) -> str:
    """A method's docstring: the function's summary, and where its arguments are described."""
    summary = (fn.func.__doc__ or "").strip().split("\n\n")[0]
    return (f"{summary}\n\nRuns :func:`khabar.{fn.name}` on every row of the column, with the "
            f"same arguments; see it for what they do.")


def _split(fn: ColumnFunction, arguments: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Positional and keyword arguments for ``fn.func`` (after the column) from bound values."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for p in fn.signature().parameters.values():
        if p.name not in arguments:
            continue
        value = arguments[p.name]
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            kwargs.update(value)
        elif p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(value)
        else:
            kwargs[p.name] = value
    return tuple(args), kwargs
