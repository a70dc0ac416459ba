"""Gazetteer numbers: build time, sizes, cold open, lookups/s (target >= 50,000/s warm).

Run: python benchmarks/bench_gazetteer.py [--store PATH | --build] [--names 5000] [--rounds 20]
--build builds a fresh store in a temporary directory first and times it (target <= 60 s);
otherwise the default store is used (built on first use). The query mix is every Nth name
of the store plus the capitalised words and word pairs of the seed article (mostly misses,
as the extractor asks).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap.gazetteer import (  # noqa: E402
    SOURCE_FILES,
    Gazetteer,
    build_store,
    data_dir,
    store_path,
)

SEED = ROOT / "seeds" / "us-russia-defence-chiefs-call.txt"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_mix(gz: Gazetteer, n: int) -> list[str]:
    total = gz._db.execute("SELECT count(*) FROM names").fetchone()[0]
    step = max(1, total // n)
    names = [r[0] for i, r in enumerate(gz._db.execute("SELECT norm FROM names"))
             if i % step == 0][:n]
    if SEED.exists():
        words = re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", SEED.read_text(encoding="utf-8"))
        names += words
    return names


def cold_open(store: Path) -> float:
    code = ("import time, sys; from pathlib import Path; t = time.perf_counter(); "
            "import geomap.gazetteer as g; gz = g.Gazetteer.open(Path(sys.argv[1])); "
            "gz.lookup('Kherson'); print(time.perf_counter() - t)")
    best = min(float(subprocess.run([sys.executable, "-c", code, str(store)], check=True,
                                    capture_output=True, text=True).stdout) for _ in range(3))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="store file (default: the default store)")
    ap.add_argument("--build", action="store_true", help="time a fresh build first")
    ap.add_argument("--names", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()

    data = data_dir()
    committed = sum((data / n).stat().st_size for n in SOURCE_FILES)
    print(f"committed data        {committed / 1e6:8.1f} MB ({len(SOURCE_FILES)} files in {data})")
    tmp = None
    if args.build:
        tmp = tempfile.TemporaryDirectory()
        store = store_path(Path(tmp.name), extras=[])
        t0 = time.perf_counter()
        build_store(store)
        print(f"build                 {time.perf_counter() - t0:8.1f} s   (target <= 60 s)")
    else:
        store = args.store or store_path()
        if not store.exists():
            Gazetteer.open(progress=True).close()
    print(f"store size            {store.stat().st_size / 1e6:8.1f} MB ({store})")
    print(f"cold open + 1 lookup  {cold_open(store) * 1000:8.1f} ms  (target <= 200 ms, "
          "incl. import)")

    t0 = time.perf_counter()
    gz = Gazetteer.open(store)
    print(f"open (in process)     {(time.perf_counter() - t0) * 1000:8.1f} ms")
    names = query_mix(gz, args.names)
    rss0 = rss_mb()

    t0 = time.perf_counter()
    hits = sum(1 for n in names if gz.lookup(n))
    dt = time.perf_counter() - t0
    print(f"first lookups         {len(names) / dt:8.0f} /s  ({len(names)} names, {hits} found, "
          "uncached)")
    t0 = time.perf_counter()
    for n in names:
        gz.has_name(n + " x")  # mostly misses, uncached
    dt = time.perf_counter() - t0
    print(f"first has_name        {len(names) / dt:8.0f} /s  (uncached misses)")

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for n in names:
            gz.lookup(n)
    dt = time.perf_counter() - t0
    rate = args.rounds * len(names) / dt
    print(f"warm lookups          {rate:8.0f} /s  (target >= 50,000/s)")
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for n in names:
            gz.has_name(n)
    dt = time.perf_counter() - t0
    print(f"warm has_name         {args.rounds * len(names) / dt:8.0f} /s")
    print(f"max RSS               {rss_mb():8.0f} MB (after opening: {rss0:.0f} MB)")
    counts = gz.info()["counts"]
    print("counts by class       " + ", ".join(f"{k[6:]} {v:,}" for k, v in counts.items()
                                               if k.startswith("class ")))
    print(f"entries / names       {counts['entries']:,} / {counts['names']:,}")
    gz.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
