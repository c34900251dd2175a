"""Shared fixtures: the parser goldens in tests/data/parse (always there), and the real corpora
in ../shared (tests using them skip when it is absent)."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: Parser inputs with their expected output (see its README.md).
PARSE_DATA = ROOT / "tests" / "data" / "parse"


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (real corpora) is not present in this checkout")
    return SHARED


@pytest.fixture(scope="session")
def parse_data() -> pathlib.Path:
    return PARSE_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (PARSE_DATA / "seed.txt").read_bytes().decode("utf-8")
