"""Made-up stories and their rewritten copies, for the near-duplicate tests.

Stories are random words (random letters, so no two stories share a shingle by accident);
a copy is a story rewritten the way outlets rewrite wire copy: a new title and dateline, a
sign-off, spelling folds (ة/ه, أ/ا, ى/ي), tatweel, other quotes and digits, and a few words
changed.
"""

from __future__ import annotations

import random

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةأإآى"


def word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 7)))


def story(rng: random.Random, n: int = 80) -> str:
    return " ".join(word(rng) for _ in range(n)) + "."


def rewrite(rng: random.Random, text: str, changed: int = 1) -> str:
    words = text.split()
    for _ in range(changed):
        words[rng.randrange(len(words))] = word(rng)
    body = " ".join(words)
    body = body.replace("ة", "ه").replace("أ", "ا").replace("ى", "ي")
    if len(body) > 20:
        body = body[:10] + "ـــ" + body[10:]
    title = " ".join(word(rng) for _ in range(6))
    return f"{title}\n\nالرياض - «واس» - {body} ٢٠٢٤\n// انتهى //"


def corpus(n: int, seed: int = 7, copies: float = 0.25) -> tuple[list[str | None], list[int | None]]:
    """``n`` rows (a few missing) and the row each was copied from (its own row for an
    original, None for a missing row)."""
    rng = random.Random(seed)
    rows: list[str | None] = []
    source: list[int | None] = []
    originals: list[int] = []
    for i in range(n):
        r = rng.random()
        if i % 97 == 50:
            rows.append(None)
            source.append(None)
        elif originals and r < copies:
            src = rng.choice(originals)
            text = rows[src]
            assert text is not None
            rows.append(rewrite(rng, text) if r < copies * 0.7 else text)
            source.append(src)
        else:
            rows.append(story(rng, rng.randint(100, 200)))
            source.append(i)
            originals.append(i)
    return rows, source
