"""Optional online fallback: geocode names the offline gazetteer lacks with Nominatim.

Off by default (``--geocoder nominatim`` turns it on). Requests go through geopy's
`Nominatim` with a User-Agent naming geomap, are spaced by geopy's `RateLimiter`
(1 request per second, as the public server's usage policy asks), and every answer,
"nothing found" included, is kept in an SQLite cache so a name is asked for once.
Places found this way get ``geocoder="nominatim"`` and ids ``osm:<type>:<id>``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from geomap import __version__
from geomap.errors import GeocoderError
from geomap.model import Article, Candidate

DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
CACHE_FILE = "nominatim-cache.sqlite"


def default_cache_dir() -> Path:
    """``$GEOMAP_HOME``, else ``$XDG_CACHE_HOME/geomap``, else ``~/.cache/geomap``."""
    from geomap.gazetteer import default_home  # one rule for every file geomap caches

    return default_home()


def default_user_agent(contact: str | None = None) -> str:
    """``geomap/<version> (+<contact>)``; contact from the argument or ``$GEOMAP_CONTACT``."""
    contact = contact or os.environ.get("GEOMAP_CONTACT") or "offline-first news geoparser"
    return f"geomap/{__version__} (+{contact})"


class NominatimGeocoder:
    """Looks names up on a Nominatim server, politely and with an on-disk cache.

    ``domain``/``scheme`` select the server (tests point them at ``127.0.0.1:PORT`` over
    ``http``); ``min_delay_seconds`` spaces requests, also across processes sharing the
    cache; ``cache_path=None`` uses
    `default_cache_dir`, ``cache=False`` disables the cache. ``requests`` counts the
    HTTP requests actually made.
    """

    def __init__(
        self,
        *,
        domain: str = DEFAULT_DOMAIN,
        scheme: str = "https",
        user_agent: str | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        language: str = "en",
        cache: bool = True,
        cache_path: str | os.PathLike[str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.domain = domain
        self.scheme = scheme
        self.min_delay_seconds = min_delay_seconds
        self.language = language
        self.requests = 0
        self._nominatim = Nominatim(
            user_agent=user_agent or default_user_agent(), domain=domain, scheme=scheme,
            timeout=timeout, proxies=dict(proxies) if proxies is not None else None,
        )
        self._geocode = RateLimiter(
            self._nominatim.geocode, min_delay_seconds=min_delay_seconds,
            max_retries=max_retries, error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if cache:
            path = Path(cache_path) if cache_path else default_cache_dir() / CACHE_FILE
            self.cache_path: Path | None = path
            self._db = _open_cache(path)
        else:
            self.cache_path = None

    def __enter__(self) -> NominatimGeocoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the cache."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def geocode(self, name: str, *, country: str | None = None) -> Candidate | None:
        """The best match for ``name`` (within ISO ``country`` if given), None if nothing.

        Raises GeocoderError when the server cannot be reached or refuses the request.
        """
        query = " ".join(name.split())
        if not query:
            return None
        country = country.lower() if country else None
        key = json.dumps([self.scheme, self.domain, self.language, country, query.casefold()],
                         ensure_ascii=False)
        with self._lock:
            cached = self._cache_get(key)
            if cached is not None:
                raw = json.loads(cached)
            else:
                raw = self._fetch(query, country)
                self._cache_put(key, json.dumps(raw, sort_keys=True, ensure_ascii=False))
        return candidate_from_nominatim(raw) if raw else None

    def _fetch(self, query: str, country: str | None) -> dict[str, Any] | None:
        from geopy import exc

        self.requests += 1
        where = f"{self.scheme}://{self.domain}"
        self._wait_turn()
        try:
            location = self._geocode(
                query, exactly_one=True, addressdetails=True, extratags=True,
                language=self.language, country_codes=country,
            )
        except exc.GeocoderRateLimited as e:
            raise GeocoderError(f"Nominatim at {where} is rate-limiting geomap ({e}); wait "
                                "and retry, raise --geocoder-delay, or drop --geocoder to "
                                "stay offline") from e
        except exc.GeocoderInsufficientPrivileges as e:
            raise GeocoderError(f"Nominatim at {where} refused the request ({e}); its usage "
                                "policy may have blocked this User-Agent — set GEOMAP_CONTACT "
                                "to your e-mail or use your own server") from e
        except exc.GeocoderTimedOut as e:
            raise GeocoderError(f"Nominatim at {where} did not answer in time or is overloaded "
                                f"({e}); retry later, check the network, or drop --geocoder "
                                "to stay offline") from e
        except exc.GeocoderUnavailable as e:
            raise GeocoderError(f"cannot reach Nominatim at {where} ({e}); check the network "
                                "or the server address, or drop --geocoder to stay "
                                "offline") from e
        except exc.GeopyError as e:
            raise GeocoderError(f"Nominatim at {where} failed: {e}; drop --geocoder to stay "
                                "offline") from e
        if location is None:
            return None
        raw = getattr(location, "raw", None)
        if not isinstance(raw, dict):
            raise GeocoderError(f"Nominatim at {where} answered in an unexpected format; "
                                "is it a Nominatim server?")
        return raw

    def _wait_turn(self) -> None:
        """Space requests across processes (``--jobs N``) that share the cache file.

        geopy's RateLimiter only sees this process; the cache database remembers when
        any process last asked, and its write lock makes the others wait their turn.
        """
        if self._db is None or self.min_delay_seconds <= 0:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute("SELECT last FROM ratelimit WHERE id = 1").fetchone()
                wait = row[0] + self.min_delay_seconds - time.time() if row else 0.0
                if wait > 0:
                    time.sleep(min(wait, self.min_delay_seconds))
                self._db.execute("INSERT OR REPLACE INTO ratelimit (id, last) VALUES (1, ?)",
                                 (time.time(),))
            finally:
                self._db.commit()
        except sqlite3.Error:
            pass  # the in-process RateLimiter still spaces this process's requests

    def _cache_get(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT response FROM responses WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _cache_put(self, key: str, value: str) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO responses (key, response) "
                                 "VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs a repeated request


def _open_cache(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS responses "
                   "(key TEXT PRIMARY KEY, response TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS ratelimit "
                   "(id INTEGER PRIMARY KEY CHECK (id = 1), last REAL NOT NULL)")
        db.commit()
    except (OSError, sqlite3.Error) as e:
        raise GeocoderError(f"cannot open the geocoder cache {path}: {e}; delete the file "
                            "if it is damaged, or set GEOMAP_HOME to a writable folder") from e
    return db


def candidate_from_nominatim(raw: Mapping[str, Any]) -> Candidate:
    """A Candidate from one Nominatim ``format=json`` result (with address and extratags).

    Raises GeocoderError when the result has no usable coordinates.
    """
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as e:
        raise GeocoderError(f"Nominatim result without coordinates: {dict(raw)!r:.200}") from e
    address = raw.get("address") or {}
    extratags = raw.get("extratags") or {}
    feature_class, feature_code = _feature_code(raw, extratags)
    name = (raw.get("name") or "").strip() or str(raw.get("display_name", "")).split(",")[0]
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    ident = (f"osm:{osm_type}:{osm_id}" if osm_type and osm_id is not None
             else f"osm:place:{raw.get('place_id', '')}")
    return Candidate(
        id=ident,
        name=name.strip() or "?",
        lat=lat,
        lon=lon,
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=str(address.get("country_code", "")).upper(),
        admin1=str(address.get("state") or address.get("region") or ""),
        population=_population(extratags.get("population")),
        source="nominatim",
    )


def fill_unresolved(article: Article, geocoder: NominatimGeocoder, *,
                    country: str | None = None, confidence: float = 0.5) -> Article:
    """The article with its unresolved places looked up online (``geocoder="nominatim"``).

    ``country`` (ISO alpha-2) limits the search; by default the article's focus country,
    so an obscure village name is not matched to a namesake on another continent. Events
    linked to a newly resolved place get its coordinates.
    """
    if all(p.candidate is not None for p in article.places):
        return article
    if country is None and article.focus is not None and article.focus.country_code:
        country = article.focus.country_code
    places = list(article.places)
    found: dict[int, Candidate] = {}
    for i, place in enumerate(places):
        if place.candidate is not None:
            continue
        name = place.mention.query or place.mention.text
        if len(name.strip()) < 3 or not re.search(r"[^\W\d_]", name):
            continue
        candidate = geocoder.geocode(name, country=country)
        if candidate is None:
            continue
        found[i] = candidate
        places[i] = dataclasses.replace(place, candidate=candidate, geocoder="nominatim",
                                        confidence=confidence)
    if not found:
        return article
    events = tuple(
        dataclasses.replace(e, lat=found[e.place].lat, lon=found[e.place].lon)
        if e.place in found and e.lat is None else e
        for e in article.events
    )
    return dataclasses.replace(article, places=tuple(places), events=events)


def _feature_code(raw: Mapping[str, Any], extratags: Mapping[str, Any]) -> tuple[str, str]:
    table = _osm_table()
    cls, typ = str(raw.get("class") or raw.get("category") or ""), str(raw.get("type") or "")
    keys = [f"{cls}={typ}", f"addresstype={raw.get('addresstype', '')}", f"{cls}=*", "*=*"]
    feature_class, feature_code = next(table[k] for k in keys if k in table)
    if feature_class == "P" and str(extratags.get("capital", "")).lower() == "yes":
        feature_code = "PPLC"
    return feature_class, feature_code


@cache
def _osm_table() -> dict[str, tuple[str, str]]:
    text = resources.files("geomap.data").joinpath("osm_feature_codes.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["osm_tag"]: (row["feature_class"], row["feature_code"])
            for row in csv.DictReader(lines, delimiter="\t")}


def _population(value: Any) -> int:
    digits = re.sub(r"[^\d]", "", str(value or ""))
    return int(digits) if digits and len(digits) < 12 else 0
