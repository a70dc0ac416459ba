"""`geomap eval`: geoparsing accuracy on the gold corpora (a thin layer over geomap.evaluate)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from geomap.cli import common as c
from geomap.cli.app import app
from geomap.evaluate import CORPORA, ENV_ROOT, SYSTEMS

EPILOG = f"""Examples:

  geomap eval

  geomap eval --corpus gwn --limit 50

  geomap eval --corpus ucdp --country UA

  geomap eval --corpus gwn,trnews --system baseline-pop --json

  geomap eval --corpus gwn --errors /tmp/gwn-errors.tsv

The corpora are read from ${ENV_ROOT} (default ../shared/eval beside the checkout); when \
they are absent the command says so and exits 0. The --errors file quotes gold \
text: keep it out of the repository."""


@app.command(name="eval", epilog=EPILOG)
def eval_cmd(
    corpus: str = typer.Option(",".join(CORPORA), "--corpus",
                               help=f"Comma-separated corpora: {', '.join(CORPORA)}."),
    limit: int = typer.Option(None, "--limit", "-n", min=1, help="Score only the first N "
                              "documents (UCDP: events) of each corpus."),
    system: str = typer.Option("pipeline", "--system", help="pipeline (geomap), baseline-pop "
                               "(spaCy NER + most populous namesake) or oracle-spans (gold "
                               "spans + the gazetteer's first candidate)."),
    country: str = c.Country,
    demonyms: bool = c.Demonyms,
    as_json: bool = typer.Option(False, "--json", help="Print the numbers as JSON."),
    errors: Path = typer.Option(None, "--errors", help="Write every miss to FILE (.tsv, or "
                                ".jsonl) to help tuning."),
    root: Path = typer.Option(None, "--root", help=f"Evaluation root (default: ${ENV_ROOT} "
                              "or ../shared/eval)."),
    quiet: bool = c.Quiet,
    verbose: bool = c.Verbose,
) -> None:
    """Score geoparsing against gold corpora: span P/R/F1, accuracy@161 km, median error, AUC."""
    from geomap import evaluate as ev

    c.setup_logging(quiet, verbose)
    names = [n.strip() for n in corpus.split(",") if n.strip()]
    unknown = [n for n in names if n not in CORPORA]
    if unknown or not names:
        raise typer.BadParameter(f"unknown corpus {', '.join(unknown) or '(none)'}; use "
                                 f"{','.join(CORPORA)}", param_hint="--corpus")
    if system not in SYSTEMS:
        raise typer.BadParameter(f"{system!r}; use one of {', '.join(SYSTEMS)}",
                                 param_hint="--system")
    country = c.parse_country(country)
    root = root or ev.default_eval_root()
    present = [n for n in names if ev.corpus_available(n, root)]
    if not present:
        c.err.print(f"skipped: no eval data at {root} (set {ENV_ROOT} or pass --root)",
                    highlight=False)
        raise typer.Exit(c.EXIT_OK)
    for n in names:
        if n not in present and not quiet:
            c.err.print(f"skipped {n}: {root / CORPORA[n]} not found", highlight=False)
    if system == "oracle-spans" and "ucdp" in present:
        present.remove("ucdp")
        if not quiet:
            c.err.print("skipped ucdp: oracle-spans needs gold spans", highlight=False)
    reports = []
    with c.guard():
        parser = ev.make_system(system, country=country, demonyms=demonyms)
        parser.name = (system + (f" --country {country}" if country else "")
                       + (" --demonyms" if demonyms else ""))
        for name in present:
            [report] = ev.evaluate([name], parser, root=root, limit=limit)
            reports.append(report)
            if not as_json:
                typer.echo(ev.format_report(report) + "\n")
        if as_json:
            typer.echo(json.dumps([r.as_dict() for r in reports], indent=2))
        if errors is not None:
            try:
                n = ev.write_errors(errors, reports)
            except OSError as e:
                raise c.fail(e) from None
            if not quiet:
                c.err.print(f"wrote {n} error rows to {errors}", highlight=False)
