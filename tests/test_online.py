"""The online fallback against a fake Nominatim on 127.0.0.1 (no test touches the internet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from geomap.errors import GeocoderError
from geomap.model import Article, Candidate, Document, Event, Mention, Place
from geomap.online import (
    NominatimGeocoder,
    candidate_from_nominatim,
    default_cache_dir,
    default_user_agent,
    fill_unresolved,
)

# Answers shaped like Nominatim's /search?format=json&addressdetails=1&extratags=1.
RESULTS: dict[str, dict] = {
    "snihurivka": {
        "place_id": 1234, "osm_type": "relation", "osm_id": 12011, "lat": "47.0757",
        "lon": "32.8039", "class": "place", "type": "town", "addresstype": "town",
        "name": "Snihurivka", "display_name": "Snihurivka, Bashtanka Raion, Mykolaiv Oblast, "
        "Ukraine", "importance": 0.41,
        "address": {"town": "Snihurivka", "state": "Mykolaiv Oblast", "country": "Ukraine",
                    "country_code": "ua"},
        "extratags": {"population": "12 204"},
    },
    "kyiv": {
        "place_id": 99, "osm_type": "relation", "osm_id": 421866, "lat": "50.4500336",
        "lon": "30.5241361", "class": "boundary", "type": "administrative",
        "addresstype": "city", "name": "Kyiv", "display_name": "Kyiv, Ukraine",
        "address": {"city": "Kyiv", "country": "Ukraine", "country_code": "ua"},
        "extratags": {"capital": "yes", "population": "2952301"},
    },
    "inhulets": {
        "place_id": 5, "osm_type": "relation", "osm_id": 1234, "lat": "46.97",
        "lon": "32.9", "class": "waterway", "type": "river", "addresstype": "river",
        "name": "Inhulets", "display_name": "Inhulets, Ukraine",
        "address": {"country_code": "ua", "state": "Kherson Oblast"}, "extratags": {},
    },
}


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim; records every request it gets."""

    requests: list[dict] = []
    status = 200

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append({"path": url.path, "query": query,
                                    "user_agent": self.headers.get("User-Agent")})
        if type(self).status != 200:
            self.send_response(type(self).status)
            self.end_headers()
            return
        result = RESULTS.get(query.get("q", "").casefold())
        if result and query.get("countrycodes") not in (None, result["address"]["country_code"]):
            result = None
        body = json.dumps([result] if result else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep pytest output quiet
        pass


@pytest.fixture
def server() -> Iterator[type[FakeNominatim]]:
    handler = type("Handler", (FakeNominatim,), {"requests": [], "status": 200})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    handler.domain = f"127.0.0.1:{httpd.server_address[1]}"
    try:
        yield handler
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def geocoder(server: type[FakeNominatim], tmp_path: Path) -> Iterator[NominatimGeocoder]:
    with NominatimGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0,
                           max_retries=0, error_wait_seconds=0, timeout=5,
                           cache_path=tmp_path / "cache.sqlite") as g:
        yield g


@pytest.mark.parametrize(
    ("name", "id", "feature_class", "feature_code", "country", "admin1", "population"),
    [
        ("Snihurivka", "osm:relation:12011", "P", "PPL", "UA", "Mykolaiv Oblast", 12204),
        ("Kyiv", "osm:relation:421866", "P", "PPLC", "UA", "", 2952301),
        ("Inhulets", "osm:relation:1234", "H", "STM", "UA", "Kherson Oblast", 0),
    ],
)
def test_geocode_maps_nominatim_json_to_candidate(
    geocoder: NominatimGeocoder, name: str, id: str, feature_class: str, feature_code: str,
    country: str, admin1: str, population: int,
) -> None:
    c = geocoder.geocode(name)
    assert c is not None
    assert (c.id, c.name, c.source) == (id, name, "nominatim")
    assert (c.feature_class, c.feature_code) == (feature_class, feature_code)
    assert (c.country_code, c.admin1, c.population) == (country, admin1, population)
    raw = RESULTS[name.casefold()]
    assert (c.lat, c.lon) == (float(raw["lat"]), float(raw["lon"]))


def test_request_is_polite(geocoder: NominatimGeocoder, server: type[FakeNominatim]) -> None:
    geocoder.geocode("Snihurivka", country="UA")
    [request] = server.requests
    assert request["path"] == "/search"
    assert request["query"]["q"] == "Snihurivka"
    assert request["query"]["countrycodes"] == "ua"
    assert request["query"]["format"] == "json"
    assert request["user_agent"].startswith("geomap/")


def test_nothing_found_is_none(geocoder: NominatimGeocoder) -> None:
    assert geocoder.geocode("Nowhereville") is None
    assert geocoder.geocode("   ") is None


def test_cache_prevents_second_request(geocoder: NominatimGeocoder,
                                       server: type[FakeNominatim], tmp_path: Path) -> None:
    first = geocoder.geocode("Snihurivka")
    assert geocoder.geocode("snihurivka") == first  # same name, other case: cached
    assert geocoder.geocode("Nowhereville") is None
    assert geocoder.geocode("Nowhereville") is None  # "nothing found" is cached too
    assert len(server.requests) == 2
    assert geocoder.requests == 2
    geocoder.close()
    # A new geocoder (a later run) reads the same cache file from disk.
    with NominatimGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0,
                           cache_path=tmp_path / "cache.sqlite") as again:
        assert again.geocode("Snihurivka") == first
        assert again.requests == 0
    assert len(server.requests) == 2


def test_country_is_part_of_the_cache_key(geocoder: NominatimGeocoder,
                                          server: type[FakeNominatim]) -> None:
    assert geocoder.geocode("Snihurivka", country="UA") is not None
    assert geocoder.geocode("Snihurivka", country="PL") is None
    assert len(server.requests) == 2


def test_cache_can_be_disabled(server: type[FakeNominatim]) -> None:
    with NominatimGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0,
                           cache=False) as g:
        g.geocode("Kyiv")
        g.geocode("Kyiv")
    assert len(server.requests) == 2
    assert g.cache_path is None


@pytest.mark.parametrize(("status", "words"), [
    (429, "rate-limiting"), (403, "refused"), (503, "overloaded"), (500, "failed"),
])
def test_server_errors_become_geocoder_error(geocoder: NominatimGeocoder,
                                            server: type[FakeNominatim], status: int,
                                            words: str) -> None:
    server.status = status
    with pytest.raises(GeocoderError, match=words) as info:
        geocoder.geocode("Kyiv")
    assert server.domain in str(info.value)
    server.status = 200
    assert geocoder.geocode("Kyiv") is not None  # errors are not cached


def test_unreachable_server_is_geocoder_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with NominatimGeocoder(domain=f"127.0.0.1:{port}", scheme="http", min_delay_seconds=0,
                           max_retries=0, timeout=2, cache_path=tmp_path / "c.sqlite") as g:
        with pytest.raises(GeocoderError, match="127.0.0.1"):
            g.geocode("Kyiv")
    assert isinstance(GeocoderError("x"), ConnectionError)


def test_unwritable_cache_folder_is_geocoder_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(GeocoderError, match="GEOMAP_HOME"):
        NominatimGeocoder(cache_path=blocker / "cache.sqlite")


def test_damaged_cache_file_is_geocoder_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GeocoderError, match="delete the file"):
        NominatimGeocoder(cache_path=path)


@pytest.mark.parametrize(("env", "expected"), [
    ({"GEOMAP_HOME": "/data/gm", "XDG_CACHE_HOME": "/xdg"}, "/data/gm"),
    ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/geomap"),
])
def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                           expected: str) -> None:
    monkeypatch.delenv("GEOMAP_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert default_cache_dir() == Path(expected)


def test_user_agent_names_geomap_and_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOMAP_CONTACT", "maps@example.org")
    assert default_user_agent().startswith("geomap/")
    assert default_user_agent().endswith("(+maps@example.org)")


def test_candidate_without_coordinates_is_an_error() -> None:
    with pytest.raises(GeocoderError, match="coordinates"):
        candidate_from_nominatim({"osm_type": "node", "osm_id": 1})


def _mention(text: str, start: int) -> Mention:
    return Mention(text=text, start=start, end=start + len(text), sentence="", label="GPE")


def test_fill_unresolved_marks_places_and_events(geocoder: NominatimGeocoder,
                                                 server: type[FakeNominatim]) -> None:
    ua = Candidate(id="gn:690791", name="Ukraine", lat=49.0, lon=32.0, feature_class="A",
                   feature_code="PCLI", country_code="UA")
    places = (Place(_mention("Ukraine", 0), ua, confidence=0.9),
              Place(_mention("Snihurivka", 20), None),
              Place(_mention("Atlantis", 40), None),
              Place(_mention("X1", 50), None))
    event = Event(type="strike", trigger="shelled", trigger_start=10, trigger_end=17,
                  sentence="", place=1, lat=None, lon=None)
    article = Article(Document(id="a", text="", source="a.txt"), places=places,
                      events=(event,), focus=ua)
    out = fill_unresolved(article, geocoder)
    assert out.places[0] == places[0]
    assert out.places[1].geocoder == "nominatim"
    assert out.places[1].candidate is not None
    assert out.places[1].candidate.id == "osm:relation:12011"
    assert out.places[1].to_dict()["geocoder"] == "nominatim"
    assert out.places[2].candidate is None  # not found: stays unresolved
    assert out.places[3].candidate is None  # too short to ask about
    assert (out.events[0].lat, out.events[0].lon) == (47.0757, 32.8039)
    # The focus country limited the search.
    assert {r["query"].get("countrycodes") for r in server.requests} == {"ua"}
    assert len(server.requests) == 2


def test_fill_unresolved_without_unresolved_places_asks_nothing(
        geocoder: NominatimGeocoder, server: type[FakeNominatim]) -> None:
    article = Article(Document(id="a", text="", source="a.txt"))
    assert fill_unresolved(article, geocoder) is article
    assert server.requests == []


def test_request_times_are_shared_through_the_cache(server: type[FakeNominatim],
                                                    tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "shared.sqlite"
    # Two geocoders on one cache file stand for two --jobs worker processes.
    first = NominatimGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0.01,
                              cache_path=path)
    second = NominatimGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0.01,
                               cache_path=path)
    with first, second:
        first.geocode("Kyiv")
        with sqlite3.connect(path) as db:
            [(t1,)] = db.execute("SELECT last FROM ratelimit").fetchall()
        second.geocode("Snihurivka")
        with sqlite3.connect(path) as db:
            [(t2,)] = db.execute("SELECT last FROM ratelimit").fetchall()
        assert second.geocode("Kyiv") is not None  # the first one's answer, from the cache
    assert t2 > t1
    assert len(server.requests) == 2
