"""Frozen value types passed between pipeline stages.

Text -> Document -> Mention -> Candidate -> Place -> Event -> Article.
Coordinates are always named ``lat``/``lon`` (WGS84 degrees); axis order changes only
at the edges (shapely ``Point(lon, lat)``, folium ``[lat, lon]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["literal", "metonymic"]
Status = Literal["reported", "threatened", "denied", "hypothetical"]

EVENT_TYPES: tuple[str, ...] = (
    "advance",
    "withdrawal",
    "clash",
    "strike",
    "air_defense",
    "infrastructure_damage",
    "fortification",
    "flooding",
    "civilian_harm",
    "protest",
    "diplomacy",
    "mobilisation",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One input article as read from disk or stdin."""

    id: str
    text: str
    source: str  # file path (plus ":line" for JSONL/CSV records) or "-"
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    id: str  # stable id: "gn:703448", "wof:85…", "uareg:Ф-13485", "ne:…", "cur:donbas"
    name: str  # preferred English/Latin name
    lat: float
    lon: float
    feature_class: str  # GeoNames class letter: P, A, H, T, L, S, V, R, U
    feature_code: str  # GeoNames code: PPLC, PPLA, PPL, ADM1, ADM2, PCLI, STM, RSV, RGN, …
    country_code: str  # ISO 3166-1 alpha-2, "" for seas and cross-border features
    admin1: str = ""  # admin-1 name (e.g. "Kherson Oblast"), "" when unknown
    admin1_code: str = ""  # GeoNames admin-1 code, e.g. "UA.08"
    population: int = 0
    geonameid: int | None = None
    source: str = "geonames"  # geonames, wof, ua_register, naturalearth, geoboundaries, curated
    has_geometry: bool = False  # a polygon or line is available via Gazetteer.geometry(id)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text that may name a place."""

    text: str  # the surface text as it appears, e.g. "Kyiv's" -> "Kyiv"
    start: int  # character offsets into Document.text
    end: int
    sentence: str
    label: str  # GPE, LOC, FAC, or GAZ for gazetteer-only matches (ROAD: a road number)
    hint: str | None = None  # feature hint from the context: "region", "river", "city", …
    query: str | None = None  # the name to look up when it differs from text


@dataclass(frozen=True, slots=True)
class Place:
    """A mention resolved (or not) to a gazetteer entry."""

    mention: Mention
    candidate: Candidate | None  # None: not found in the gazetteer (unresolved)
    role: Role = "literal"
    confidence: float = 0.0
    alternatives: tuple[Candidate, ...] = ()
    event_types: tuple[str, ...] = ()
    geocoder: str = "offline"  # "offline" or "nominatim"

    def to_dict(self) -> dict[str, Any]:
        """The place as the JSON output contract describes it."""
        c = self.candidate
        return {
            "mention": self.mention.text,
            "start": self.mention.start,
            "end": self.mention.end,
            "sentence": self.mention.sentence,
            "name": c.name if c else None,
            "id": c.id if c else None,
            "geonameid": c.geonameid if c else None,
            "feature_code": c.feature_code if c else None,
            "country_code": c.country_code if c else None,
            "admin1": c.admin1 if c else None,
            "lat": c.lat if c else None,
            "lon": c.lon if c else None,
            "role": self.role,
            "confidence": round(self.confidence, 3),
            "source": c.source if c else None,
            "geocoder": self.geocoder,
            "event_types": list(self.event_types),
            "alternatives": [
                {"id": a.id, "name": a.name, "feature_code": a.feature_code,
                 "country_code": a.country_code, "lat": a.lat, "lon": a.lon}
                for a in self.alternatives
            ],
        }


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or was threatened, denied, …) at a place."""

    type: str  # one of EVENT_TYPES
    trigger: str
    trigger_start: int  # character offsets into Document.text
    trigger_end: int
    sentence: str
    place: int | None  # index into Article.places, None when nothing could be linked
    lat: float | None
    lon: float | None
    date: str | None = None  # ISO 8601 date
    actor: str | None = None
    status: Status = "reported"
    confidence: float = 0.0
    link: str = "none"  # how the place was found: parse, sentence, focus, actor (the
    # acting state's own territory: "Russia will conscript …"), none
    # where lat/lon come from: "place" (the linked place's point) or "seat" (the report names
    # only a first-level region: its administrative seat, as ACLED codes geo-precision 3;
    # maps still draw the region's shape)
    point: str = "place"

    def to_dict(self) -> dict[str, Any]:
        """The event as the JSON output contract describes it."""
        return {
            "type": self.type,
            "trigger": {"text": self.trigger, "start": self.trigger_start,
                        "end": self.trigger_end},
            "sentence": self.sentence,
            "place": self.place,
            "lat": self.lat,
            "lon": self.lon,
            "date": self.date,
            "actor": self.actor,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "link": self.link,
            "point": self.point,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A document with everything geomap found in it."""

    document: Document
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    focus: Candidate | None = field(default=None)  # the article's focus place (country/region)

    def to_dict(self) -> dict[str, Any]:
        """One JSONL record of `geomap extract`."""
        d = self.document
        return {
            "id": d.id,
            "source": d.source,
            "date": d.date,
            "title": d.title,
            "url": d.url,
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
        }
