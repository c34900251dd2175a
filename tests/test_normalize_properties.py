"""Property tests of the normalizer on generated Arabic-heavy text.

Two alphabets: a hand-picked one (Arabic letters, every kind of mark, presentation forms, bidi
and zero-width controls, Latin with and without accents, three digit scripts, Unicode spaces,
emoji), and the shared ``wide_text`` strategy over the whole of the Arabic blocks, both
presentation-form blocks, the invisible characters (with leading BOMs) and ASCII.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from strategies import wide_text

ARABIC = [chr(c) for c in range(0x0621, 0x064B)] + list("ٱپچژگکیۀةىآأإؤئ")
MARKS = [chr(c) for c in range(0x064B, 0x0656)] + ["\u0670", "\u0610", "\u06d6", "\u06e5", "\u08f0"]
PRESENTATION = [chr(c) for c in range(0xFE80, 0xFEFC, 3)] + ["\ufdf2", "\ufdfa", "\ufefb", "\ufef7", "\ufb8e"]
CONTROLS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069", "\ufeff", "\u061c"]
LATIN = list("abcXYZ") + ["é", "e\u0301", "ñ", "ü"]
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹") + ["٫", "٬"]
SPACES = [" ", " ", " ", "\u00a0", "\u2003", "\t", "\n", "\r\n"]
OTHER = ["ـ", "،", "؟", "«", "»", ".", "😂", "👍🏽", "#", "@", "_"]
ALPHABET = ARABIC + MARKS + PRESENTATION + CONTROLS + LATIN + DIGITS + SPACES + OTHER

texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)
PRESETS = list(khabar.presets())
COMPOSING = ["ml_clean", "display", "camel_arclean"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts, st.sampled_from(PRESETS))
def test_idempotent(s: str, preset: str) -> None:
    once = khabar.normalize(s, preset=preset)
    assert khabar.normalize(once, preset=preset) == once


@SETTINGS
@given(texts, st.sampled_from(COMPOSING))
def test_nfc_and_nfd_inputs_agree(s: str, preset: str) -> None:
    nfc = khabar.normalize(unicodedata.normalize("NFC", s), preset=preset)
    nfd = khabar.normalize(unicodedata.normalize("NFD", s), preset=preset)
    assert nfc == nfd


def check_offsets(s: str, preset: str) -> None:
    out, al = khabar.normalize(s, preset=preset, return_offsets=True)
    assert out == khabar.normalize(s, preset=preset)
    assert len(al) == len(out)
    previous = 0
    for i, c in enumerate(out):
        a, b = al.source_of(i)
        assert 0 <= a < b <= len(s)
        # spans move forward, but for marks put back in canonical order
        assert a >= previous or c in " \n" or unicodedata.combining(c)
        previous = a
        alone = khabar.normalize(s[a:b], preset="display", fold_alef=False)
        piece = s[a:b]
        # the character comes from its span: it is there, or is what the span normalizes to
        assert (c in piece or c in alone or c in khabar.normalize(piece, preset=preset)
                # a space or line break comes from whitespace, '_' or ZWNJ, with what was
                # dropped right after it
                or (c in " \n" and (piece[0].isspace() or piece[0] in "_\u200c"))
                or unicodedata.normalize("NFKC", piece).find(c) >= 0), (i, c, piece)
    assert al.to_source(0, len(out))[1] <= len(s)


@SETTINGS
@given(texts, st.sampled_from(PRESETS))
def test_offsets_slice_back(s: str, preset: str) -> None:
    check_offsets(s, preset)


@SETTINGS
@given(wide_text(), st.sampled_from(PRESETS))
def test_offsets_slice_back_on_every_arabic_block(s: str, preset: str) -> None:
    check_offsets(s, preset)


@SETTINGS
@given(wide_text(), st.sampled_from(PRESETS))
def test_idempotent_on_every_arabic_block(s: str, preset: str) -> None:
    once = khabar.normalize(s, preset=preset)
    assert khabar.normalize(once, preset=preset) == once


@SETTINGS
@given(texts)
def test_no_longer_than_needed(s: str) -> None:
    for preset in ("basic", "search", "camel_dediac", "pyarabic_tashkeel"):
        assert len(khabar.normalize(s, preset=preset)) <= len(s)
    out = khabar.normalize(s)  # ml_clean: whitespace tight
    assert "  " not in out and out == out.strip(" \n")
    assert "\n\n\n" not in out and " \n" not in out and "\n " not in out
    assert not any(c in out for c in CONTROLS if c != "\u200c")
    assert not any(unicodedata.category(c) == "Mn" and "\u0600" <= c <= "\u08ff"
                   and c not in "\u0653\u0654\u0655" for c in out)


@SETTINGS
@given(st.lists(st.one_of(st.none(), texts), max_size=30))
def test_batch_equals_one_by_one(rows: list[str | None]) -> None:
    out = khabar.normalize(rows, preset="basic")
    assert out == [None if r is None else khabar.normalize(r, preset="basic") for r in rows]


long_texts = st.lists(st.sampled_from(ALPHABET + ARABIC * 4 + [" "] * 8), min_size=40, max_size=400).map("".join)


@SETTINGS
@given(long_texts, st.sampled_from(PRESETS))
def test_long_texts_fast_path_equals_offsets_path(s: str, preset: str) -> None:
    out, _ = khabar.normalize(s, preset=preset, return_offsets=True)
    assert khabar.normalize(s, preset=preset) == out
    assert khabar.normalize(out, preset=preset) == out
