"""Invariants of the word tokenizer and the sentence segmenter, on generated text."""

from __future__ import annotations

import unicodedata

import pytest

import khabar

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import wide_text  # noqa: E402

# khabar's spaces (src/text/spaces.rs, is_space): sentences are trimmed of exactly these.
KHABAR_SPACES = set(" \t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u2060\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x2010)}


def _is_gap(c: str) -> bool:
    # Between tokens there are only spaces, controls and invisible format characters (Cn too:
    # Python's Unicode tables may be older than khabar's).
    return c.isspace() or unicodedata.category(c) in {"Cc", "Cf", "Zs", "Zl", "Zp", "Cn"}


ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىئؤ"  # letters
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0670"  # marks
    "ـ\u200c\u200d\u200f\u00a0 \n\t"  # tatweel, joiners, spaces
    "0123456789٠١٢٣٤٥٦٧٨٩.,٫٬/:-%"  # digits and separators
    "،؛؟!?«»()\"'…@#_"  # punctuation
    "abcXYZw$+©😀👍🏽🇸"  # Latin, symbols, emoji
)
texts = st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=40)


def check_tokens(text: str, clitics: bool) -> None:
    toks = khabar.tokenize(text, clitics=clitics)
    prev = 0
    rebuilt = []
    for t in toks:
        # ordered, non-overlapping, each slices back to its text
        assert prev <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        gap = text[prev:t.start]
        assert all(_is_gap(c) for c in gap), (text, gap)
        rebuilt += [gap, t.text]
        prev = t.end
    assert all(_is_gap(c) for c in text[prev:])
    # tokens and the gaps between them rebuild the input
    assert "".join(rebuilt) + text[prev:] == text
    # the column path gives the same tokens as the single-string path
    assert khabar.tokenize([text, None], clitics=clitics) == [toks, None]


def check_sentences(text: str) -> None:
    sents = khabar.sentences(text)
    prev = 0
    for s in sents:
        # nested in the text, ordered, trimmed
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.text[0] not in KHABAR_SPACES and s.text[-1] not in KHABAR_SPACES
        prev = s.end
    covered = {i for s in sents for i in range(s.start, s.end)}
    for i, c in enumerate(text):
        if c not in KHABAR_SPACES:
            assert i in covered, (text, i, c)


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans())
def test_token_invariants(text: str, clitics: bool) -> None:
    check_tokens(text, clitics)


@settings(max_examples=400, deadline=None)
@given(wide_text(), st.booleans())
def test_token_invariants_on_every_arabic_block(text: str, clitics: bool) -> None:
    check_tokens(text, clitics)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_sentence_invariants(text: str) -> None:
    check_sentences(text)


@settings(max_examples=400, deadline=None)
@given(wide_text())
def test_sentence_invariants_on_every_arabic_block(text: str) -> None:
    check_sentences(text)
