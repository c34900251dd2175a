"""khabar.hf with real ``datasets.Dataset``s: both batch formats, forked workers, transforms."""

from __future__ import annotations

import pickle

import pytest

datasets = pytest.importorskip("datasets")
pa = pytest.importorskip("pyarrow")

import khabar  # noqa: E402
import khabar.hf  # noqa: E402

ROWS = ["ذَهَبَ الطُّلّابُ إلى المدرسةِ. ثم عادوا؟", None, "كتـــاب جديد عن COVID-19 صدر في 2020م",
        "العنوان\n\nبقلم: أحمد علي\n\nالنص الأول للخبر هنا.\n\nالفقرة الثانية."] * 50


@pytest.fixture(scope="module")
def ds() -> "datasets.Dataset":
    return datasets.Dataset.from_dict({"id": list(range(len(ROWS))), "text": ROWS})


def test_normalize_in_the_default_format(ds) -> None:
    out = ds.map(khabar.hf.normalize(preset="search"), batched=True, batch_size=64)
    assert out["text_norm"] == khabar.normalize(ROWS, preset="search")
    assert out["id"] == list(range(len(ROWS))) and out["text"] == ROWS
    assert out.features["text_norm"].dtype in ("string", "large_string")


def test_normalize_in_the_arrow_format(ds) -> None:
    out = ds.with_format("arrow").map(khabar.hf.normalize(preset="basic", output="clean"),
                                      batched=True, batch_size=100)
    assert out["clean"].to_pylist() == khabar.normalize(ROWS, preset="basic")
    assert out.column_names == ["id", "text", "clean"]


@pytest.mark.parametrize("fmt", [None, "arrow"])
def test_tokens_sentences_and_stems_are_lists_of_strings(ds, fmt) -> None:
    src = ds if fmt is None else ds.with_format("arrow")
    out = src.map(khabar.hf.tokenize(normalizer="search"), batched=True)
    out = out.map(khabar.hf.sentences(), batched=True).map(khabar.hf.stem(), batched=True)
    out = out.with_format(None)
    assert out["tokens"] == [None if r is None else list(t) for r, t in
                             zip(ROWS, khabar.tokenize(ROWS, offsets=False, normalizer="search"))]
    assert out["sentences"] == [None if s is None else list(s) for s in khabar.sentences(ROWS, offsets=False)]
    assert out["stems"] == [None if s is None else list(s) for s in khabar.stem(ROWS)]


@pytest.mark.parametrize("fmt", [None, "arrow"])
def test_parse_gives_one_column_per_field(ds, fmt) -> None:
    src = ds if fmt is None else ds.with_format("arrow")
    out = src.map(khabar.hf.parse(fields=("title", "body_text", "authors"), prefix="a_"), batched=True)
    out = out.with_format(None)
    want = khabar.parse(ROWS)
    assert out["a_title"] == [None if a is None else (a.title.text if a.title else None) for a in want]
    assert out["a_body_text"][3] == want[3].body_text
    assert out["a_authors"][3][0]["name"] == "أحمد علي"
    assert out["a_title"][1] is None


def test_forked_workers_with_num_proc_two(ds) -> None:
    khabar.normalize(ROWS)  # the parent's pool runs before the fork
    out = ds.map(khabar.hf.normalize(preset="search"), batched=True, batch_size=16, num_proc=2)
    assert out["text_norm"] == khabar.normalize(ROWS, preset="search")
    out = ds.map(khabar.hf.tokenize(), batched=True, batch_size=16, num_proc=2)
    assert out["tokens"][0] == list(khabar.tokenize(ROWS[0], offsets=False))


def test_set_transform_gives_python_values(ds) -> None:
    view = ds.with_format(None)
    view.set_transform(khabar.hf.normalize(preset="search"))
    assert view[0] == {"text_norm": khabar.normalize(ROWS[0], preset="search")}
    assert view[:3]["text_norm"] == khabar.normalize(ROWS[:3], preset="search")
    view.set_transform(khabar.hf.tokenize())
    assert view[2]["tokens"] == list(khabar.tokenize(ROWS[2], offsets=False))


def test_a_read_or_replaced_column_is_used_as_it_is_now(ds) -> None:
    def upper_then_normalize(batch):
        batch["text"] = [None if t is None else t + " إضافة" for t in batch["text"]]
        return khabar.hf.normalize(preset="search")(batch)

    out = ds.map(upper_then_normalize, batched=True)
    assert out["text_norm"][0] == khabar.normalize(ROWS[0] + " إضافة", preset="search")


def test_functions_pickle_and_explain_bad_columns() -> None:
    fn = khabar.hf.stem(column="body", output="s")
    again = pickle.loads(pickle.dumps(fn))
    assert again({"body": ["والمدرسة"]}) == {"s": [["مدرس"]]}
    assert "khabar.hf.stem" in repr(fn)
    with pytest.raises(KeyError, match="no column 'body'"):
        fn({"text": ["x"]})
    with pytest.raises(KeyError, match="no column 'body'"):
        fn(pa.table({"text": ["x"]}))
    with pytest.raises(TypeError, match="expected a batch"):
        fn(["x"])
    with pytest.raises(ValueError, match="unknown fields"):
        khabar.hf.parse(fields=("nope",))
