"""`geomap gazetteer lookup|info|build`: query and maintain the offline gazetteer."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from geomap.cli.app import gazetteer_app
from geomap.errors import GeomapError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOpt = typer.Option(None, "--store", help="Store file or home directory; default "
                        "$GEOMAP_HOME, $XDG_CACHE_HOME/geomap or ~/.cache/geomap.")

GeonamesOpt = typer.Option(None, "--geonames", help="A 19-column GeoNames table to add "
                           "(allCountries.txt, a country .zip like UA.zip, .txt.gz); "
                           "repeatable; remembered for later rebuilds.")
HomeOpt = typer.Option(None, "--home", help="Store directory; default $GEOMAP_HOME, "
                       "$XDG_CACHE_HOME/geomap or ~/.cache/geomap.")


def _fail(error: Exception) -> typer.Exit:
    err.print(f"[red]error:[/] {str(error).replace('[', chr(92) + '[')}", markup=True)
    return typer.Exit(1)


def _open(store: Path | None):
    from geomap.gazetteer import Gazetteer

    return Gazetteer.open(store, progress=err.is_terminal)


@gazetteer_app.command(epilog="Examples:\n\n  geomap gazetteer lookup Kherson\n\n"
                       "  geomap gazetteer lookup \"Kherson oblast\" --json\n\n"
                       "  geomap gazetteer lookup Odesa --country US")
def lookup(
    name: str = typer.Argument(..., help="Place name in any spelling (Latin or Cyrillic)."),
    country: str = typer.Option(None, "--country", "-c", help="Only this ISO country code."),
    feature_class: str = typer.Option(None, "--class", help="Only this GeoNames feature "
                                      "class: P places, A areas, H water, T terrain, L, S, V."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (a list of candidates)."),
    store: Path = StoreOpt,
) -> None:
    """Ranked candidates for NAME: id, feature code, country, admin-1, lat/lon, population."""
    try:
        with _open(store) as gz:
            found = gz.lookup(name, country=country, feature_class=feature_class, limit=limit)
    except GeomapError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print_json(json.dumps([asdict(c) for c in found], ensure_ascii=False))
        return
    if not found:
        err.print(f"no place named {name!r}" + (f" in {country}" if country else ""))
        raise typer.Exit(1)
    table = Table("#", "name", "id", "code", "cc", "admin1", "lat", "lon", "population")
    for i, c in enumerate(found, 1):
        table.add_row(str(i), c.name, c.id, c.feature_code, c.country_code, c.admin1,
                      f"{c.lat:.5f}", f"{c.lon:.5f}", f"{c.population:,}" if c.population else "")
    out.print(table)


@gazetteer_app.command(epilog="Examples:\n\n  geomap gazetteer near 46.69 32.55\n\n"
                       "  geomap gazetteer near 47.51 34.59 --class S --km 5 --json")
def near(
    lat: float = typer.Argument(..., help="Latitude (WGS84 degrees)."),
    lon: float = typer.Argument(..., help="Longitude (WGS84 degrees)."),
    feature_class: str = typer.Option("P", "--class", help="GeoNames feature class; "
                                      "'any' for every class."),
    km: float = typer.Option(50.0, "--km", min=0.0, help="Search radius in kilometres."),
    limit: int = typer.Option(5, "--limit", "-n", min=1, help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    store: Path = StoreOpt,
) -> None:
    """Reverse geocoding: the places nearest to LAT LON, closest first."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise typer.BadParameter(f"({lat}, {lon}) is not a latitude/longitude pair",
                                 param_hint="LAT LON")
    fc = None if feature_class.lower() == "any" else feature_class
    try:
        with _open(store) as gz:
            found = gz.nearest(lat, lon, feature_class=fc, max_km=km, limit=limit)
    except GeomapError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print_json(json.dumps([{**asdict(c), "distance_km": d} for c, d in found],
                                  ensure_ascii=False))
        return
    if not found:
        err.print(f"nothing within {km:g} km of ({lat}, {lon})")
        raise typer.Exit(1)
    table = Table("km", "name", "id", "code", "cc", "admin1", "lat", "lon")
    for c, d in found:
        table.add_row(f"{d:.1f}", c.name, c.id, c.feature_code, c.country_code, c.admin1,
                      f"{c.lat:.5f}", f"{c.lon:.5f}")
    out.print(table)


@gazetteer_app.command()
def info(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    store: Path = StoreOpt,
) -> None:
    """Store path and size, build date, sources, counts by feature class and country."""
    try:
        with _open(store) as gz:
            data = gz.info()
    except GeomapError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    out.print(f"store      {data['path']} ({data['size_bytes'] / 1e6:.1f} MB)")
    out.print(f"built      {data['built_at']} in {data['build_seconds']:.1f} s")
    out.print("sources    " + "\n           ".join(data["sources"]))
    table = Table("count", "value", title="counts")
    for k, v in data["counts"].items():
        table.add_row(k, f"{v:,}")
    out.print(table)
    out.print("countries  " + ", ".join(f"{k or '(none)'} {v:,}"
                                        for k, v in data["top_countries"].items()))


@gazetteer_app.command(epilog="Examples:\n\n  geomap gazetteer build --force\n\n"
                       "  geomap gazetteer build --geonames UA.zip\n\n"
                       "  geomap gazetteer build --geonames allCountries.txt --geonames RU.zip")
def build(
    geonames: list[Path] = GeonamesOpt,
    force: bool = typer.Option(False, "--force", help="Rebuild even if the store is current."),
    reset: bool = typer.Option(False, "--reset", help="Forget the extra GeoNames tables "
                               "given earlier."),
    home: Path = HomeOpt,
) -> None:
    """Build (or rebuild) the store from the bundled data plus extra GeoNames tables."""
    from geomap.gazetteer import (
        build_store,
        default_home,
        read_extras,
        remove_stale,
        store_path,
        write_extras,
    )

    home = home or default_home()
    try:
        extras = [] if reset else read_extras(home)
        for p in geonames or []:
            p = p.expanduser().resolve()
            if p not in extras:
                extras.append(p)
        dest = store_path(home, extras=extras)
        if dest.exists() and not force:
            out.print(f"gazetteer is up to date: {dest}")
        else:
            meta = build_store(dest, geonames=extras, progress=err.is_terminal)
            counts = meta["counts"]
            out.print(f"built {dest} in {meta['build_seconds']} s: {counts['entries']:,} "
                      f"entries, {counts['names']:,} names")
        write_extras(home, extras)
        remove_stale(home, keep=dest)
    except GeomapError as exc:
        raise _fail(exc) from None
