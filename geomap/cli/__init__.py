"""Command-line interface: thin Typer commands, one module per command group."""

from geomap.cli import gazetteer as _gazetteer  # noqa: F401  (registers commands)
from geomap.cli.app import app


def main() -> None:
    """Entry point of the `geomap` console script."""
    app()
