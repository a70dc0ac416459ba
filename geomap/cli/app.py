"""The Typer application object that every command module registers on."""

import typer

app = typer.Typer(
    name="geomap",
    help="Turn conflict news into maps: extract places, geocode them offline, tag events, "
    "render layered Folium maps.",
    no_args_is_help=True,
    add_completion=True,
)
gazetteer_app = typer.Typer(help="Build, inspect and query the offline gazetteer.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
