"""Throughput and memory of geomap's input readers and output writers (prints numbers).

Usage: python benchmarks/bench_io.py [--articles 100000]
Generates a JSONL batch and a 50 MB text in a temporary folder, streams them through
read_documents, and writes the articles back as JSONL, GeoJSON and CSV.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from geomap.inputs import read_documents
from geomap.model import Article, Candidate, Document, Mention, Place
from geomap.writers import FORMATS, write_articles

KYIV = Candidate(id="gn:703448", name="Kyiv", lat=50.45466, lon=30.5238, feature_class="P",
                 feature_code="PPLC", country_code="UA", geonameid=703448)
TEXT = ("Russian forces shelled Kherson overnight, officials in Kyiv said on Friday, "
        "as Ukrainian troops advanced along the Dnieper. ") * 4


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    n = parser.parse_args().articles
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = folder / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": f"a{i}", "text": TEXT, "date": "2022-11-11"}) + "\n")
        start = time.perf_counter()
        count = sum(1 for _ in read_documents([str(batch)]))
        took = time.perf_counter() - start
        print(f"read JSONL: {count} records, {batch.stat().st_size / 1e6:.0f} MB in {took:.2f} s "
              f"({count / took:,.0f} records/s), peak RSS {peak_mb():.0f} MB")

        big = folder / "big.txt"
        with big.open("w", encoding="utf-8") as f:
            while f.tell() < 50_000_000:
                f.write(TEXT + "\n\n")
        start = time.perf_counter()
        parts = sum(1 for _ in read_documents([str(big)], warn=lambda p: None))
        took = time.perf_counter() - start
        print(f"read 50 MB text: {parts} parts in {took:.2f} s, peak RSS {peak_mb():.0f} MB")

        def articles():
            for i in range(n):
                doc = Document(id=f"a{i}", text=TEXT, source="batch.jsonl")
                yield Article(doc, places=(Place(Mention("Kyiv", 80, 84, TEXT[:120], "GPE"),
                                                 KYIV, "metonymic", 0.9),))

        for fmt in FORMATS:
            out = folder / f"out.{fmt}"
            start = time.perf_counter()
            writer = write_articles(articles(), out, fmt)
            took = time.perf_counter() - start
            print(f"write {fmt}: {writer.articles} articles, {out.stat().st_size / 1e6:.0f} MB "
                  f"in {took:.2f} s ({writer.articles / took:,.0f} articles/s), "
                  f"peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
