"""khabar.normalize and khabar.Normalizer on single strings: rules, presets, options."""

from __future__ import annotations

import pickle

import pytest

import khabar
from khabar import Normalizer

# (preset, extra rules, input, expected)
CASES = [
    ("ml_clean", {}, "مَدْرَسَــةٌ", "مدرسة"),
    ("ml_clean", {}, "هٰذَا", "هذا"),
    ("ml_clean", {}, "إِلَى", "إلى"),
    ("basic", {}, "إِلَى الْمَدْرَسَــةِ", "الي المدرسه"),
    ("basic", {}, "ٱلرَّحْمَٰنِ", "الرحمن"),
    ("basic", {"fold_alef": False}, "أحمد", "أحمد"),
    ("search", {}, "ٱلْقُرْآنُ هٰذِهِ عَلَى", "ٱلقران هٰذه علي"),
    ("none", {"strip_tatweel": True}, "كتـــاب", "كتاب"),
    ("none", {"fold_teh_marbuta": True}, "مدرسة", "مدرسه"),
    ("none", {"fold_alef_maqsura": True}, "على", "علي"),
    ("basic", {}, "", ""),
    ("basic", {}, "no Arabic here, ünïcödé 😀", "no Arabic here, ünïcödé 😀"),
]


@pytest.mark.parametrize("preset,rules,text,expected", CASES)
def test_rules_and_presets(preset: str, rules: dict[str, bool], text: str, expected: str) -> None:
    assert khabar.normalize(text, preset=preset, **rules) == expected
    assert Normalizer(preset, **rules).normalize(text) == expected


def test_unchanged_string_is_the_same_object() -> None:
    s = "نص بلا تشكيل"
    assert khabar.normalize(s) is s


def test_unknown_rule_is_type_error_listing_rules() -> None:
    with pytest.raises(TypeError, match="strip_tatweel") as e:
        khabar.normalize("x", strip_everything=True)
    assert isinstance(e.value, khabar.KhabarError)


def test_unknown_preset_is_value_error_listing_presets() -> None:
    with pytest.raises(ValueError, match="ml_clean") as e:
        Normalizer("loud")
    assert isinstance(e.value, khabar.KhabarValueError)


def test_rule_value_must_be_bool() -> None:
    with pytest.raises(TypeError, match="fold_alef: expected True or False, got int"):
        Normalizer(fold_alef=1)
    with pytest.raises(ValueError, match="digits: expected one of"):
        Normalizer(digits="roman")
    with pytest.raises(TypeError, match="elongation: expected an int, got float"):
        Normalizer(elongation=2.5)


def test_normalizer_is_picklable_and_comparable() -> None:
    n = Normalizer("basic", fold_teh_marbuta=False)
    m = pickle.loads(pickle.dumps(n))
    assert m == n and hash(m) == hash(n)
    assert m.normalize("مدرسةٌ") == "مدرسة"
    assert m != Normalizer("basic")
    assert repr(n) == 'Normalizer(preset="basic", fold_teh_marbuta=False)'


def test_describe_and_metadata() -> None:
    n = Normalizer()
    assert n.preset == "ml_clean"
    assert any(line.startswith("strip_harakat:") for line in n.describe())
    assert not any(line.startswith("fold_alef") for line in n.describe())
    assert set(n.rules) == set(khabar.rules())
    assert n.rules["strip_tatweel"] is True and n.rules["fold_alef"] is False
    assert khabar.presets()["basic"] == {
        "strip_harakat": True, "strip_dagger_alef": True, "strip_tatweel": True,
        "fold_alef": True, "fold_alef_maqsura": True, "fold_teh_marbuta": True,
    }


def test_lone_surrogate_is_value_error() -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        khabar.normalize("abc\ud800")
    with pytest.raises(ValueError, match="row 1"):
        khabar.normalize(["ok", "bad\udfff"])


def test_idempotent_on_seed(seed_text: str) -> None:
    once = khabar.normalize(seed_text, preset="basic")
    assert khabar.normalize(once, preset="basic") == once
    assert "ة" not in once and "أ" not in once and "ـ" not in once


def test_tanzil_marks_stripped(shared) -> None:
    """ml_clean leaves no harakat, dagger alef or tatweel in the Quran text."""
    lines = (shared / "corpus/diacritized/tanzil/simple.txt").read_text(encoding="utf-8").splitlines()
    out = khabar.normalize(lines)
    assert len(out) == len(lines)
    banned = set(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670", "\u0640"}
    assert not any(ch in banned for line in out for ch in line)


OFFSET_ROWS = ["ﷲ أَكْبَر", None, "  مَرْحَبًا  ــ  بِكُم \n\n\n x", "", "كتـــاب ٱلسلام", "a\u200bb"]


@pytest.mark.parametrize("preset", ["ml_clean", "basic", "none"])
def test_arrow_offsets_column_matches_rows(preset: str) -> None:
    pa = pytest.importorskip("pyarrow")
    rows = [r if r is None else f"{r} {i}" for i in range(120) for r in OFFSET_ROWS]
    expected = [
        None if r is None else {"text": r[0], "alignment": r[1].to_flat()}
        for r in khabar.normalize(rows, preset=preset, return_offsets=True)
    ]
    schema = pa.struct([("text", pa.string()), ("alignment", pa.list_(pa.uint32()))])
    for typ in (pa.string(), pa.large_string(), pa.string_view()):
        a = pa.array(rows, type=typ)
        for x in (a, pa.chunked_array([a[:7], a[7:7], a[7:500], a[500:]], type=typ)):
            out = khabar.normalize(x, preset=preset, return_offsets=True)
            assert isinstance(out, pa.Array) and out.type == schema
            assert out.to_pylist() == expected
            missing = [i for i, r in enumerate(rows) if r is None]
            for column in (out, out.field("text"), out.field("alignment")):
                assert [i for i, v in enumerate(column.is_null().to_pylist()) if v] == missing
    assert khabar.normalize(pa.array([], pa.string()), return_offsets=True).to_pylist() == []


# Issue 15: an isolated-form mark (U+FE70–FE7F) unfolds to a space or tatweel and a mark;
# the space meets the whitespace rule and the mark the marks after it in the same pass.
ONE_PASS = [
    ("ml_clean", "\ufe7a\u0644", "ل"),
    ("ml_clean", "\u0627 \ufe7a\u0644", "ا ل"),
    ("ml_clean", "\ufe74,", ","),
    ("display", "\ufe7c\u064b", " \u064b\u0651"),
    ("display", "\ufe7b\u0619", "\u0640\u0619\u0650"),
    ("camel_arclean", "\u06c2\u0655", "\u0647\u0655\u0654"),
]


@pytest.mark.parametrize("preset,text,expected", ONE_PASS)
def test_presentation_form_marks_settle_in_one_pass(preset: str, text: str, expected: str) -> None:
    once = khabar.normalize(text, preset=preset)
    assert once == expected
    assert khabar.normalize(once, preset=preset) == once
    out, al = khabar.normalize(text, preset=preset, return_offsets=True)
    assert out == once and len(al) == len(out)
