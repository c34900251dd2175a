"""The example notebooks under examples/ run from top to bottom (CI executes them here)."""

from __future__ import annotations

import pathlib

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
#: What each notebook prints when it worked, and what it needs installed.
EXPECT = {"corpus_at_scale.ipynb": ("rows in", ()),
          "ml_classifier.ipynb": ("test accuracy", ("datasets", "sklearn"))}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    marker, needs = EXPECT[path.name]
    for module in needs:
        pytest.importorskip(module)
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(marker in o.get("text", "") for o in outputs)
