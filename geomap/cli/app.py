"""The Typer application object that every command module registers on."""

import typer

app = typer.Typer(
    name="geomap",
    help="Turn conflict news into maps: extract places, geocode them offline, tag events, "
    "render layered Folium maps.",
    epilog="Examples:\n\n  geomap extract seeds/ -o places.jsonl\n\n"
    "  geomap map seeds/ -o maps/seed.html\n\n"
    "  geomap gazetteer lookup Kherson\n\n"
    "  geomap COMMAND --help   (options and examples of each command)",
    no_args_is_help=True,
    add_completion=True,
)
gazetteer_app = typer.Typer(help="Build, inspect and query the offline gazetteer.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _print_version(value: bool) -> None:
    if value:
        from geomap import __version__

        typer.echo(f"geomap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn conflict news into maps: extract places, geocode them offline, tag events,
    render layered Folium maps."""
