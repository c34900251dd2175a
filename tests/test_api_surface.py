"""The public surface: stubs match the extension, docstring examples run, typing marker."""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.resources
import pathlib
import subprocess
import sys

import pytest

import khabar

MODULES = ["khabar", "khabar._errors", "khabar.article", "khabar._batch", "khabar._namespace",
           "khabar._normalize", "khabar._tokens", "khabar.cli", "khabar._threads", "khabar.hf",
           "khabar.sklearn", "khabar._dedup"]
#: Modules whose examples need an optional package.
NEEDS = {"khabar.hf": "datasets", "khabar.sklearn": "sklearn"}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    if name in NEEDS:
        pytest.importorskip(NEEDS[name])
    mod = importlib.import_module(name)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_extension_docstring_examples_run() -> None:
    # The examples of the compiled classes live in the stub; run them against the real module.
    stub = (importlib.resources.files("khabar") / "_khabar.pyi").read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner()
    for node in ast.walk(ast.parse(stub)):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node):
            test = parser.get_doctest(ast.get_docstring(node), {}, node.name, "_khabar.pyi", 0)
            runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def test_stubs_match_extension() -> None:
    pytest.importorskip("mypy")
    allow = pathlib.Path(__file__).with_name("stubtest_allowlist.txt")
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "khabar._khabar",
                        "--allowlist", str(allow)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_py_typed_marker_and_public_names() -> None:
    assert (importlib.resources.files("khabar") / "py.typed").is_file()
    for name in khabar.__all__:
        assert hasattr(khabar, name), name
        obj = getattr(khabar, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
