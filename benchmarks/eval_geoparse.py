"""Geoparsing accuracy on the gold corpora in ../shared/eval (GeoWebNews, TR-News, GeoVirus, UCDP).

    python benchmarks/eval_geoparse.py                         # the pipeline on every corpus
    python benchmarks/eval_geoparse.py --system baseline-pop --corpus gwn --json
    python benchmarks/eval_geoparse.py --corpus gwn --errors /tmp/gwn_errors.tsv
    python benchmarks/eval_geoparse.py --corpus ucdp --country UA

Prints recognition P/R/F1, accuracy@161 km (among found and end-to-end), median error, AUC,
per toponym type on GeoWebNews, and for UCDP the share of events placed within 25 km.
Skips (exit 0) when the evaluation root is absent. The corpora are read, never copied: the
--errors dump quotes gold text, so keep it out of the repository (GeoWebNews is GPL).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from geomap.evaluate import (
    CORPORA,
    ENV_ROOT,
    GWN_EXCLUDED_TYPES,
    GWN_TOPONYM_TYPES,
    SYSTEMS,
    AnyReport,
    corpus_available,
    default_eval_root,
    evaluate,
    format_report,
    make_system,
    write_errors,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Score a geoparser on the gold corpora in ../shared/eval.")
    parser.add_argument("--corpus", default=",".join(CORPORA),
                        help=f"comma-separated corpora: {','.join(CORPORA)} (default: all)")
    parser.add_argument("--system", default="pipeline", choices=SYSTEMS,
                        help="pipeline (geomap.pipeline), baseline-pop (spaCy NER + most "
                        "populous namesake) or oracle-spans (gold spans + top candidate)")
    parser.add_argument("--limit", type=int, default=None,
                        help="score only the first N documents (UCDP: events) of each corpus")
    parser.add_argument("--root", type=Path, default=None,
                        help=f"evaluation root (default: ${ENV_ROOT} or ../shared/eval)")
    parser.add_argument("--types", default=None,
                        help="GeoWebNews gold types to score, comma-separated "
                        "(default: literal + associative toponym types)")
    parser.add_argument("--ucdp-headline", action="store_true",
                        help="UCDP: append the first source headline to where_description")
    parser.add_argument("--resolved-only", action="store_true",
                        help="score only predictions that have coordinates (drop unresolved)")
    parser.add_argument("--country", default=None,
                        help="focus country hint for the pipeline (ISO code), e.g. UA for "
                        "UCDP, whose events are all in Ukraine")
    parser.add_argument("--demonyms", action="store_true",
                        help="pipeline reports nationality adjectives (\"Russian forces\") "
                        "as places, as GeoWebNews and TR-News annotate them")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--errors", type=Path, default=None,
                        help="write every miss to FILE (.tsv, or .jsonl) to help tuning")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = args.root or default_eval_root()
    names = [c.strip() for c in args.corpus.split(",") if c.strip()]
    unknown = [n for n in names if n not in CORPORA]
    if unknown:
        print(f"unknown corpus {', '.join(unknown)}; use {','.join(CORPORA)}", file=sys.stderr)
        return 2
    present = [n for n in names if corpus_available(n, root)]
    if not present:
        print(f"skipped: no evaluation corpora under {root} "
              f"(set {ENV_ROOT} or pass --root)", file=sys.stderr)
        return 0
    for n in sorted(set(names) - set(present)):
        print(f"skipped {n}: {root / CORPORA[n]} not found", file=sys.stderr)
    if args.system == "oracle-spans" and "ucdp" in present:
        present.remove("ucdp")
        print("skipped ucdp: oracle-spans needs gold spans", file=sys.stderr)

    types = [t.strip() for t in args.types.split(",")] if args.types else None
    bad_types = sorted(set(types or ()) - GWN_TOPONYM_TYPES - GWN_EXCLUDED_TYPES)
    if bad_types:
        known = ",".join(sorted(GWN_TOPONYM_TYPES | GWN_EXCLUDED_TYPES))
        print(f"unknown GeoWebNews type {', '.join(bad_types)}; use {known}", file=sys.stderr)
        return 2
    system = make_system(args.system, country=args.country, demonyms=args.demonyms)
    system.name = (args.system + (f" --country {args.country}" if args.country else "")
                   + (" --demonyms" if args.demonyms else "")
                   + (" resolved-only" if args.resolved_only else ""))
    reports: list[AnyReport] = []
    for name in present:
        [report] = evaluate([name], system, root=root, limit=args.limit, types=types,
                            headline=args.ucdp_headline, resolved_only=args.resolved_only)
        reports.append(report)
        if not args.json:
            print(format_report(report), end="\n\n", flush=True)
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    if args.errors:
        n = write_errors(args.errors, reports)
        print(f"wrote {n} error rows to {args.errors}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
