"""Build the sample corpus shipped in the wheel (python/khabar/data/sample/).

    python benchmarks/make_sample.py ../shared/corpus

Takes the seed article as it is and renders four ANT articles (Apache-2.0), one per layout of
``layouts.py``. The output is committed; run this only to rebuild it.
"""

from __future__ import annotations

import pathlib
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from layouts import LAYOUTS, load_picks, render  # noqa: E402

PICKS = ["FR-culture-1-20180218", "BB-culture-3-20180217", "CN-economy-1-20180213",
         "FR-culture-91-20180607"]


def main(corpus: str) -> None:
    root = pathlib.Path(corpus)
    out = pathlib.Path(__file__).resolve().parent.parent / "python/khabar/data/sample"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(root / "seed/article.txt", out / "01_seed.txt")
    records, titles = load_picks(root / "news/ant_dev.jsonl", PICKS)
    for i, (docno, layout) in enumerate(zip(PICKS, LAYOUTS), start=2):
        doc = render(records[docno], layout, others=titles)
        (out / f"{i:02d}_{layout}_{docno}.txt").write_text(doc["text"], encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
