"""Errors: the class hierarchy, panics turned into exceptions, and import without extras."""

from __future__ import annotations

import subprocess
import sys

import pytest

import khabar


def test_error_hierarchy() -> None:
    assert issubclass(khabar.KhabarTypeError, khabar.KhabarError)
    assert issubclass(khabar.KhabarTypeError, TypeError)
    assert issubclass(khabar.KhabarValueError, ValueError)
    assert issubclass(khabar.KhabarInternalError, RuntimeError)


def test_rust_panic_becomes_python_exception() -> None:
    with pytest.raises(khabar.KhabarInternalError, match="internal error.*kaboom"):
        khabar._khabar._trigger_panic("kaboom")
    # The interpreter and the thread pool survive it.
    assert khabar.normalize(["مَدْرَسَة"] * 1000)[0] == "مدرسة"


def test_import_without_pandas_polars_pyarrow() -> None:
    code = (
        "import sys\n"
        "for m in ('pandas', 'polars', 'pyarrow', 'numpy'):\n"
        "    sys.modules[m] = None\n"
        "import khabar\n"
        "assert khabar.normalize(['مَدْرَسَة', None]) == ['مدرسة', None]\n"
        "a = khabar.parse('عنوان الخبر\\n\\nنص الخبر هنا.')\n"
        "assert a.title.text == 'عنوان الخبر'\n"
        "assert not any(m in sys.modules and sys.modules[m] is not None\n"
        "               for m in ('pandas', 'polars', 'pyarrow'))\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
