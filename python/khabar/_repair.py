"""Encoding repair: the Python side of :func:`khabar.repair`.

The work runs in Rust (``khabar._khabar.repair``); this module only routes the caller's kind
of column through :mod:`khabar._batch`. What repair undoes and how it decides is described in
``docs/repair.md``.
"""

from __future__ import annotations

from typing import Any

from . import _batch
from ._khabar import repair as _repair
from ._khabar import repair_report as _repair_report
from ._khabar import repair_table as _repair_table

__all__ = ["REPORT_COLUMNS", "repair"]

#: The columns of a repair report for a column (``khabar.repair(column, report=True)``):
#: ``text`` (repaired, or the input when nothing was done), ``changed`` (bool), ``chain``
#: (list of the damage chains undone, steps joined with ``" > "``), ``confidence`` (0–1, null
#: when unchanged), ``restored`` (characters restored where bytes had been lost) and ``spans``
#: (list of ``{start, end}`` code-point spans of the input that were changed).
REPORT_COLUMNS = ("text", "changed", "chain", "confidence", "restored", "spans")


def repair(x: Any, report: bool = False) -> Any:
    """Find and undo encoding damage (mojibake) in Arabic text.

    Undoes UTF-8 read as windows-1252 or Latin-1 (once, twice or three times over; also when
    C1 controls were stripped or a strict decoder left U+FFFD — the lost letters are restored
    from the bytes that survive and a small Arabic model), windows-1256 and ISO-8859-6 text
    read as windows-1252/Latin-1 or windows-1251, UTF-8 read as windows-1256, and leftover
    HTML character references. Each line is judged on its own, so damage in one line or one
    field is undone there only. Clean text in any language comes back as it is (for a ``str``,
    the very same object).

    Args:
        x: a ``str`` or a column of them (list/iterable, pandas or polars Series, pyarrow
            array); missing rows stay missing.
        report: also say what was done. A ``str`` then gives a dict with the keys
            :data:`REPORT_COLUMNS`; a list a list of such dicts; a Series or Arrow column a
            table with those columns, one row per input row.

    >>> repair("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©")
    'العربية'
    >>> s = "Le garçon a mangé"
    >>> repair(s) is s
    True
    >>> r = repair("ÇáÚÑÈíÉ", report=True)
    >>> r["text"], r["chain"]
    ('العربية', ['windows-1256 read as windows-1252'])
    >>> repair(["&#1606;&#1593;&#1605;", None])
    ['نعم', None]
    """
    if not report:
        return _batch.apply(_repair, x, "text")
    return _batch.apply(_repair_report, x, "records", table=_repair_table)
