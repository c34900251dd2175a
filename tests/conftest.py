"""Shared fixtures: the real corpora in ../shared (tests using them skip when it is absent)."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (real corpora) is not present in this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: pathlib.Path) -> str:
    return (shared / "corpus/seed/article.txt").read_text(encoding="utf-8")
