"""Render time and HTML size of big maps (targets: 10,000 events in <= 1 s and <= 3 MB).

Run: python benchmarks/bench_render.py [--events 10000] [--repeat 3]
Prints one line per configuration; the articles are synthetic (tests/map_articles.py):
10 events per article, 1,500 towns across Ukraine, sentences of 20-30 words.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from map_articles import many_articles  # noqa: E402

from geomap.render import build_map  # noqa: E402

CONFIGS = [
    ("30 days, timeline", {"days": 30}, {}),
    ("30 days, timeline, offline", {"days": 30}, {"offline": True}),
    ("1 day, clustered", {"days": 1}, {}),
    ("no time control, clustered", {"days": 30}, {"time_control": False}),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'configuration':32} {'events':>7} {'build+render s':>15} {'HTML MB':>8}")
    ok = True
    for label, data_kw, map_kw in CONFIGS:
        articles = many_articles(args.events, **data_kw)
        n = sum(len(a.events) for a in articles)
        times, size = [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            html = build_map(articles, **map_kw).get_root().render()
            times.append(time.perf_counter() - t0)
            size = len(html.encode("utf-8"))
        best = min(times)
        ok &= best <= 1.0 and size <= 3_000_000
        print(f"{label:32} {n:7d} {best:9.3f} (med {statistics.median(times):.3f})"
              f" {size / 1e6:8.2f}")
    print("targets met" if ok else "TARGETS MISSED (<= 1 s, <= 3 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
