"""Write gazetteer/country_points.tsv: one conventional centre point per country.

News gazetteers (GeoNames among them) place a country at the "geographic coordinates" the
CIA World Factbook gives (public domain): Russia 60N 100E, China 35N 105E. A point inside the
polygon is a fine marker but lands 150-700 km from where every other geocoder, and the gold
corpora, put the country. The values are read from the `countryinfo` package (MIT), which
carries them as `latlng`; run `pip install countryinfo` first. Dev-time only: the product
reads the committed TSV.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "gazetteer" / "country_points.tsv"


def main() -> int:
    rows = []
    for f in sorted(resources.files("countryinfo").joinpath("data").iterdir()):
        if not f.name.endswith(".json"):
            continue
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2") if isinstance(d.get("ISO"), dict) else None
        latlng = d.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            rows.append((iso.upper(), float(latlng[0]), float(latlng[1])))
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Conventional country centre points (CIA World Factbook geographic\n"
                 "# coordinates, public domain), read from the countryinfo package (MIT)\n"
                 "# by scripts/derive_country_points.py.\n")
        fh.write("country_code\tlat\tlon\tsource\n")
        for iso, lat, lon in rows:
            fh.write(f"{iso}\t{lat:.5f}\t{lon:.5f}\tCIA World Factbook via countryinfo\n")
    print(f"wrote {len(rows)} countries to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
