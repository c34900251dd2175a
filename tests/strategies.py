"""Hypothesis strategies shared by the property tests: text drawn from every Arabic block.

``wide_text`` draws code points from the whole of the Arabic blocks (U+0600–06FF, U+0750–077F,
U+08A0–08FF), both presentation-form blocks (U+FB50–FDFF, U+FE70–FEFF), the invisible and bidi
characters news text carries, and printable ASCII with tabs and line breaks; about one text in
five starts with one or two byte-order marks (what ``open(path, encoding="utf-8").read()``
returns for many files saved on Windows). Unassigned code points in those ranges are drawn
too: khabar must pass them through like any other character.
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Ranges of the Arabic script, inclusive.
ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)

#: Zero-width, bidi, soft-hyphen and no-break characters found in scraped news.
INVISIBLES = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff\u00a0\u202f\u2009\u3000"
)

#: Printable ASCII plus tab, line feed and carriage return.
ASCII = "".join(chr(c) for c in range(0x20, 0x7F)) + "\t\n\r"


def _ranges(ranges: tuple[tuple[int, int], ...]) -> st.SearchStrategy[str]:
    return st.one_of(*(st.integers(lo, hi) for lo, hi in ranges)).map(chr)


#: One character: Arabic blocks most of the time, invisibles and ASCII often.
wide_char = st.one_of(
    _ranges(ARABIC_RANGES),
    _ranges(ARABIC_RANGES),
    _ranges(((0x0621, 0x0652),)),  # the core letters and harakat, drawn more often
    st.sampled_from(INVISIBLES),
    st.sampled_from(ASCII),
)


def wide_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Text over :data:`wide_char`, one time in five after one or two leading U+FEFF."""
    body = st.lists(wide_char, max_size=max_size).map("".join)
    bom = st.sampled_from(["", "", "", "", "\ufeff", "\ufeff\ufeff"])
    return st.tuples(bom, body).map("".join)
