"""Streaming a large WARC.gz through ``khabar parse``: peak memory and pages per second.

    python benchmarks/bench_warc.py [--mb 1000] [--threads 2] [--keep PATH]

Writes a WARC.gz of about ``--mb`` MB (compressed) in a temporary folder: one gzip member per
record, as crawls ship them, each a ``response`` record holding an HTTP response whose body is
an HTML page rendered by ``eval_html.py``'s six templates from ANT dev articles (the bundled
sample corpus when ``../shared`` is absent), every page made distinct by its address and an
added paragraph. Then runs ``khabar parse FILE.warc.gz -o OUT.parquet`` in a child process and
reports its exit status, time, pages per second, and peak RSS (the child's ``ru_maxrss``). The
bar: under 500 MB peak RSS on a 1 GB WARC.gz.
"""

from __future__ import annotations

import argparse
import gzip
import os
import pathlib
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import eval_html  # noqa: E402


def record(url: str, body: bytes, charset: str) -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{random.getrandbits(128):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: pathlib.Path, mb: float) -> int:
    """Write about `mb` MB of WARC.gz to `path`; the number of pages."""
    pages = eval_html.pages(50)
    words = [w for _, p, _, _ in pages[:50] if isinstance(p, str) for w in p.split() if len(w) > 3][:5000]
    rng = random.Random(1)
    n = 0
    with open(path, "wb") as f:
        while f.tell() < mb * 1e6:
            t, page, url, _ = pages[n % len(pages)]
            extra = " ".join(rng.choice(words) for _ in range(40))
            if isinstance(page, bytes):  # windows-1256 template
                body = page.replace(b"</body>", f"<p>{extra}</p></body>".encode("cp1256", "replace"))
                charset = "windows-1256"
            else:
                body = page.replace("</body>", f"<p>{extra}</p></body>").encode()
                charset = "utf-8"
            f.write(gzip.compress(record(f"{url}?n={n}", body, charset), compresslevel=6))
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1000, help="compressed size of the WARC.gz")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep", type=pathlib.Path, help="write the WARC.gz here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warc = args.keep or pathlib.Path(tmp) / "crawl.warc.gz"
        if warc.exists():
            n = None
        else:
            t0 = time.perf_counter()
            n = write_warc(warc, args.mb)
            print(f"wrote {warc.stat().st_size / 1e6:,.0f} MB, {n:,} pages in {time.perf_counter() - t0:.0f} s")
        out = pathlib.Path(tmp) / "out.parquet"
        khabar_cli = [sys.executable, "-m", "khabar.cli", "parse", str(warc), "-o", str(out),
                      "--threads", str(args.threads), "--no-progress"]
        t0 = time.perf_counter()
        r = subprocess.run(khabar_cli, capture_output=True, text=True)
        took = time.perf_counter() - t0
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = None
        try:
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(out).metadata.num_rows
        except Exception:  # noqa: BLE001 - pyarrow is optional here
            pass
        size = os.path.getsize(warc) / 1e6
        print(f"khabar parse {size:,.0f} MB WARC.gz ({rows if rows is not None else n} pages), "
              f"{args.threads} threads: exit {r.returncode}, {took:.1f} s, "
              f"{(rows or n or 0) / took:,.0f} pages/s, peak RSS {peak_mib:,.0f} MiB (bar: < 500 MiB)")
        if r.returncode:
            print(r.stderr[-2000:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
