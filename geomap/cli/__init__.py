"""Command-line interface: thin Typer commands, one module per command group."""

from geomap.cli import eval as _eval  # noqa: F401  (registers commands)
from geomap.cli import extract as _extract  # noqa: F401
from geomap.cli import gazetteer as _gazetteer  # noqa: F401
from geomap.cli import map as _map  # noqa: F401
from geomap.cli.app import app


def main() -> None:
    """Entry point of the `geomap` console script."""
    app()
