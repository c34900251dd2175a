"""The thread pool's size: set at any time, from the environment, and in forked processes."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

import khabar

ROWS = ["كِتَابٌ جَدِيدٌ في المَدرسةِ"] * 20_000
WANT = khabar.normalize(ROWS)


@pytest.fixture(autouse=True)
def restore_size() -> Iterator[None]:
    before = khabar.num_threads()
    yield
    khabar.set_num_threads(before)


def pool_threads() -> set[str]:
    """Names of this process's threads that belong to khabar's pool (Linux)."""
    names = set()
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/comm") as f:
                names.add(f.read().strip())
        except OSError:
            continue
    return {n for n in names if n.startswith("khabar-")}


def test_the_size_changes_after_the_pool_started() -> None:
    assert khabar.normalize(ROWS) == WANT  # the pool runs
    khabar.set_num_threads(1)
    assert khabar.num_threads() == 1
    assert khabar.normalize(ROWS) == WANT
    assert [t.texts for t in khabar.tokenize(ROWS[:100])] == [t.texts for t in khabar.tokenize(ROWS[:100])]
    khabar.set_num_threads(3)
    assert khabar.num_threads() == 3
    assert khabar.normalize(ROWS) == WANT
    assert khabar.stem(ROWS[:500]) == [khabar.stem(r) for r in ROWS[:500]]


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs /proc")
def test_a_new_size_starts_that_many_threads() -> None:
    import time

    khabar.set_num_threads(3)
    khabar.normalize(ROWS)
    # A new thread names itself once it first runs: on a busy machine that can take a moment.
    deadline = time.monotonic() + 10
    while not {"khabar-0", "khabar-1", "khabar-2"} <= pool_threads() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert {"khabar-0", "khabar-1", "khabar-2"} <= pool_threads()


@pytest.mark.parametrize("bad", [0, -2])
def test_a_size_below_one_is_a_value_error(bad: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        khabar.set_num_threads(bad)


@pytest.mark.parametrize("bad", ["2", 2.0, None, True])
def test_a_size_that_is_not_an_int_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="expected an int"):
        khabar.set_num_threads(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("env", "want"), [({"KHABAR_NUM_THREADS": "3"}, 3),
                                           ({"KHABAR_NUM_THREADS": "1"}, 1),
                                           ({"RAYON_NUM_THREADS": "2"}, 2),
                                           ({"KHABAR_NUM_THREADS": "3", "RAYON_NUM_THREADS": "2"}, 3)])
def test_the_environment_sets_the_first_size(env: dict[str, str], want: int) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("KHABAR_NUM_THREADS", "RAYON_NUM_THREADS")}
    code = "import khabar; khabar.normalize(['x'] * 100); print(khabar.num_threads())"
    r = subprocess.run([sys.executable, "-c", code], env={**clean, **env},
                       capture_output=True, text=True, check=True)
    assert r.stdout.strip() == str(want)
    assert r.stderr == ""


def _child_work(i: int) -> tuple[int, bool, int]:
    ok = khabar.normalize(ROWS) == WANT
    ok &= khabar.tokenize(ROWS[:200], offsets=False)[i].texts == khabar.tokenize(ROWS[i], offsets=False).texts
    ok &= [a.title for a in khabar.parse(ROWS[:50])] == [khabar.parse(r).title for r in ROWS[:50]]
    return i, ok, khabar.num_threads()


needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="needs fork")


@needs_fork
def test_forked_workers_get_correct_results_on_one_thread_each() -> None:
    khabar.set_num_threads(2)
    assert khabar.normalize(ROWS) == WANT  # the parent's pool runs before the fork
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map(_child_work, range(6))
    assert [g[0] for g in got] == list(range(6))
    assert all(ok for _, ok, _ in got)
    assert {n for _, _, n in got} == {1}


@needs_fork
def test_a_forked_child_may_build_a_pool_of_its_own() -> None:
    assert khabar.normalize(ROWS) == WANT
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            khabar.set_num_threads(2)
            ok = khabar.normalize(ROWS) == WANT and khabar.num_threads() == 2
            os.write(w, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(w)
    _, status = os.waitpid(pid, 0)
    assert os.read(r, 1) == b"1"
    assert os.waitstatus_to_exitcode(status) == 0


_LOADER = """
import os, sys, khabar
rows = ["كِتَابٌ جَدِيدٌ"] * 5000
want = khabar.normalize(rows)
pids = []
for worker in range(3):      # data-loader style: workers forked from a parent that used khabar
    pid = os.fork()
    if pid == 0:
        ok = all(khabar.normalize(rows[i:i + 500]) == want[i:i + 500] for i in range(0, 5000, 500))
        os._exit(0 if ok else 3)
    pids.append(pid)
codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]
print(codes)
"""


@needs_fork
def test_data_loader_style_workers_say_nothing_and_get_it_right() -> None:
    r = subprocess.run([sys.executable, "-c", _LOADER], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[0, 0, 0]"
    assert r.stderr == ""  # no warnings on fork
