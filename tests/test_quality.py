"""khabar.quality and khabar.quality_filter: signals on known text, presets, thresholds, every
input kind, and agreement with datatrove's FineWeb-2 filters on real rows (when installed)."""

from __future__ import annotations

import importlib
import json

import pytest

import khabar

LINE = "قال الوزير في مؤتمر صحفي إن الحكومة ستعمل على تطوير البنية التحتية من أجل المواطنين."


def test_signals_of_a_known_text() -> None:
    text = LINE + "\u202c \n" + "mar7aba ya 3arabi\n" + LINE + "\u202c "
    q = khabar.quality(text)
    assert set(q) == set(khabar._quality.SIGNALS)
    assert q["lines"] == 3
    assert q["line_punct_ratio"] == pytest.approx(2 / 3)
    assert q["dup_line_frac"] == pytest.approx(1 / 3)
    assert q["arabizi_word_ratio"] > 0
    assert q["mojibake"] == 0.0 and q["suspect"] is False
    broken = khabar.quality(LINE.encode("utf-8").decode("cp1252", errors="replace"))
    assert broken["suspect"] is True and broken["mojibake"] > 0.5


def test_filter_presets_and_thresholds() -> None:
    text = "\n".join(f"{i} {LINE}\u202c " for i in range(3))
    only_punct = {r: None for r in khabar.quality_rules() if r != "line_punct_thr"}
    fw = khabar.quality_filter(text, **only_punct)
    assert fw == {"keep": False, "reason": "line_punct_ratio"}
    kh = khabar.quality_filter(text, preset="khabar_arb", **only_punct)
    assert kh == {"keep": True, "reason": None}
    assert khabar.quality_filter("") == {"keep": False, "reason": "empty"}
    with pytest.raises(ValueError):
        khabar.quality_filter("x", preset="nope")
    with pytest.raises(TypeError):
        khabar.quality_filter("x", not_a_rule=1)
    assert khabar.quality_rules()[0] == "dup_line_frac"


def test_columns() -> None:
    rows = [LINE, None]
    assert khabar.quality(rows)[1] is None
    assert khabar.quality_filter(rows)[1] is None
    pa = pytest.importorskip("pyarrow")
    t = khabar.quality(pa.array(rows))
    assert t.num_rows == 2 and t.column("chars").to_pylist()[1] is None
    f = khabar.quality_filter(pa.array(rows))
    assert f.column_names == ["keep", "reason"] and f.column("keep").to_pylist()[1] is None
    pd = pytest.importorskip("pandas")
    importlib.import_module("khabar.pandas")

    s = pd.Series(rows, index=[3, 4])
    df = s.khabar.quality_filter(preset="khabar_arb")
    assert list(df.index) == [3, 4] and list(df.columns) == ["keep", "reason"]


def test_agreement_with_datatrove(shared) -> None:
    pytest.importorskip("datatrove")
    pytest.importorskip("spacy")
    from datatrove.data import Document
    from datatrove.pipeline.filters import FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter

    stop = ["،", "في", "من", "على", "إلى", "عام", "أن", "مع", "أو", "هو", "عن", "التي", "كان", "بين",
            "ما", "كانت", "هي", "المتحدة", "بعد"]
    filters = [
        GopherRepetitionFilter(language="arb_Arab", dup_para_frac=0, dup_line_char_frac=0, dup_para_char_frac=0,
                               dup_line_frac=0.304, top_n_grams=[(2, 0.197), (3, 0.172), (4, 0.146)],
                               dup_n_grams=[(5, 0.165), (6, 0.153), (7, 0.142), (8, 0.131), (9, 0.12), (10, 0.109)]),
        FineWebQualityFilter(language="arb_Arab", short_line_thr=999, char_duplicates_ratio=0.1,
                             line_punct_thr=0.143, new_line_ratio=0.189),
        GopherQualityFilter(language="arb_Arab", max_avg_word_length=9, min_avg_word_length=2, stop_words=stop,
                            max_non_alpha_words_ratio=0.787, min_stop_words=2),
    ]

    def decide(text: str) -> str | None:
        doc = Document(text=text, id="0")
        for f in filters:
            r = f.filter(doc)
            if r is not True:
                return r[1]
        return None

    rows = []
    with (shared / "corpus" / "news" / "saudinewsnet_dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["content"]
            if text.strip():
                rows.append(text)
            if len(rows) == 200:
                break
    ours = khabar.quality_filter(rows)
    agree = sum((decide(r) is None) == o["keep"] for r, o in zip(rows, ours))
    assert agree >= 0.95 * len(rows)
