"""Hand-built Articles for the map tests: a seed-like article, a hostile one, many events.

Built by hand (not by the extractor) so the render/export tests depend only on
geomap.model. Coordinates are real (GeoNames/Natural Earth rounded); the region and river
shapes are small hand-drawn stand-ins served by :class:`StandInGeometries`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from geomap.model import Article, Candidate, Document, Event, Mention, Place

SEED_TEXT = (
    "US, Russia defence chiefs discuss Ukraine war in rare phone call\n\n"
    "The call comes as pro-Kremlin officials in Ukraine's east said they were turning the "
    "country's southern city of Kherson into a \u201cfortress\u201d as Kyiv's forces advance. "
    "Ukraine said on Friday it had retaken a total of 88 towns and villages in the region "
    "since launching its offensive to retake Kherson in September.\n\n"
    "Kyiv's forces in recent weeks have been advancing along the west bank of the Dnieper "
    "river towards the region's main city Kherson.\n\n"
    "Ukraine's push in the south comes after a sweeping counteroffensive in the northeast "
    "Kharkiv region that has badly impaired Russia's supply routes and logistics corridors "
    "in the eastern Donbas region.\n\n"
    "Blinken pointed to Russia's recent attacks on power stations and other civilian "
    "infrastructure in Ukraine.\n\n"
    "Zelenskyy urged the West to warn Russia not to blow up a dam in southern Ukraine that "
    "would cause severe flooding.\n"
)

KHERSON = Candidate("gn:706448", "Kherson", 46.6354, 32.6169, "P", "PPLA", "UA",
                    admin1="Kherson Oblast", population=320477, geonameid=706448)
KHERSON_OBLAST = Candidate("cur:kherson-oblast", "Kherson Oblast", 46.75, 33.35, "A", "ADM1",
                           "UA", source="curated", has_geometry=True)
KHARKIV_OBLAST = Candidate("cur:kharkiv-oblast", "Kharkiv Oblast", 49.5, 36.5, "A", "ADM1",
                           "UA", source="curated", has_geometry=True)
DONBAS = Candidate("cur:donbas", "Donbas", 48.3, 38.5, "L", "RGN", "UA", source="curated",
                   has_geometry=True)
DNIEPER = Candidate("cur:dnieper", "Dnieper", 47.2, 33.4, "H", "STM", "", source="curated",
                    has_geometry=True)
UKRAINE = Candidate("gn:690791", "Ukraine", 49.0, 32.0, "A", "PCLI", "UA", geonameid=690791,
                    has_geometry=True)
KYIV = Candidate("gn:703448", "Kyiv", 50.4547, 30.5238, "P", "PPLC", "UA", geonameid=703448,
                 population=2797553)
MOSCOW = Candidate("gn:524901", "Moscow", 55.7522, 37.6156, "P", "PPLC", "RU",
                   geonameid=524901)

_BOX = {  # hand-drawn, coarse: enough to draw a recognisable shape in a test
    "cur:kherson-oblast": {"type": "Polygon", "coordinates": [[
        [32.0, 46.1], [32.6, 46.45], [33.5, 46.6], [34.4, 46.3], [35.1, 46.3], [34.7, 47.0],
        [33.6, 47.45], [33.0, 47.55], [32.4, 47.2], [32.0, 46.1]]]},
    "cur:kharkiv-oblast": {"type": "Polygon", "coordinates": [[
        [35.0, 49.2], [35.6, 50.3], [36.4, 50.45], [37.6, 50.35], [38.1, 49.6], [37.9, 48.9],
        [36.6, 48.6], [35.5, 48.7], [35.0, 49.2]]]},
    "cur:donbas": {"type": "Polygon", "coordinates": [[
        [36.6, 47.2], [37.3, 48.8], [38.2, 49.6], [39.8, 49.6], [40.2, 48.8], [39.5, 47.9],
        [38.3, 47.1], [36.6, 47.2]]]},
    "cur:dnieper": {"type": "LineString", "coordinates": [
        [30.5, 50.5], [31.5, 49.7], [32.6, 49.0], [33.6, 48.5], [35.0, 48.45], [35.2, 47.8],
        [34.4, 47.45], [33.5, 46.95], [32.9, 46.75], [32.6, 46.62], [32.0, 46.5]]},
    "gn:690791": {"type": "Polygon", "coordinates": [[
        [22.1, 48.4], [24.0, 50.9], [27.5, 51.6], [30.8, 51.4], [33.5, 52.3], [35.4, 51.0],
        [38.2, 50.1], [40.2, 49.6], [39.7, 47.8], [38.2, 47.1], [35.0, 45.6], [33.5, 44.4],
        [32.5, 45.4], [30.8, 46.5], [29.6, 45.4], [28.2, 45.5], [26.6, 48.3], [22.1, 48.4]]]},
}


@dataclass
class StandInGeometries:
    """A tiny geometry source with the Gazetteer.geometry(id) interface."""

    shapes: dict[str, dict] | None = None

    def geometry(self, id: str) -> dict | None:
        return (self.shapes if self.shapes is not None else _BOX).get(id)


def _mention(text: str, surface: str, *, after: str = "", hint: str | None = None) -> Mention:
    start = text.index(surface, text.index(after) if after else 0)
    s0 = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    e0 = min(x for x in (text.find(". ", start), text.find("\n", start), len(text)) if x >= 0)
    sentence = text[s0:e0 + 1].strip()
    return Mention(surface, start, start + len(surface), sentence, "GPE", hint=hint)


def _event(text: str, places: list[Place], type_: str, trigger: str, place: int | None, *,
           after: str = "", date: str | None = "2022-11-04", status: str = "reported",
           confidence: float = 0.8) -> Event:
    start = text.index(trigger, text.index(after) if after else 0)
    m = _mention(text, trigger, after=after)
    cand = places[place].candidate if place is not None else None
    return Event(type_, trigger, start, start + len(trigger), m.sentence, place,
                 cand.lat if cand else None, cand.lon if cand else None, date=date,
                 status=status, confidence=confidence)  # type: ignore[arg-type]


def seed_article(*, date: str = "2022-11-04", doc_id: str = "seed") -> Article:
    """The reference article, extracted by hand: places and events of several types."""
    t = SEED_TEXT
    places = [
        Place(_mention(t, "Kherson", after="southern city"), KHERSON, confidence=0.93),  # 0
        Place(_mention(t, "region", after="88 towns", hint="region"), KHERSON_OBLAST,
              confidence=0.7),  # 1
        Place(_mention(t, "Dnieper", hint="river"), DNIEPER, confidence=0.9),  # 2
        Place(_mention(t, "Kharkiv", hint="region"), KHARKIV_OBLAST, confidence=0.88),  # 3
        Place(_mention(t, "Donbas", hint="region"), DONBAS, confidence=0.9),  # 4
        Place(_mention(t, "Ukraine", after="infrastructure"), UKRAINE, confidence=0.8),  # 5
        Place(_mention(t, "Kyiv", after="fortress"), KYIV, role="metonymic",
              confidence=0.85),  # 6
        Place(_mention(t, "Russia", after="impaired"), None, confidence=0.0),  # unresolved
    ]
    events = [
        _event(t, places, "fortification", "fortress", 0, date=date),
        _event(t, places, "advance", "retaken", 1, date=date),
        _event(t, places, "advance", "advancing", 2, date=date),
        _event(t, places, "advance", "counteroffensive", 3, date=date),
        _event(t, places, "infrastructure_damage", "attacks on power stations", 5, date=date),
        _event(t, places, "flooding", "flooding", 5, date=date, status="threatened",
               confidence=0.6),
        _event(t, places, "strike", "blow up", None, date=date),  # no place: not mapped
    ]
    doc = Document(doc_id, t, "seeds/us-russia-defence-chiefs-call.txt", date=date,
                   title="US, Russia defence chiefs discuss Ukraine war in rare phone call",
                   url="https://example.org/news/us-russia-defence-chiefs-call")
    return Article(doc, tuple(places), tuple(events), focus=UKRAINE)


HOSTILE_TITLE = ("${alert(1)} `tick` \"dq\" 'sq' <img src=x onerror=alert(3)>"
                 "</script><script>alert(2)</script>")
HOSTILE_TEXT = (
    "Shelling hit Kherson ${alert(1)} and `backticks` `${alert(5)}` \"quotes\" 'single' "
    "</script><script>alert(2)</script> <img src=x onerror=alert(3)> {{ 7*7 }} {% raw %} "
    "{# c #} today.\n"
)


def hostile_article() -> Article:
    """An article whose every text field tries to inject script."""
    t = HOSTILE_TEXT
    cand = Candidate("gn:706448", "Kherson <img src=x onerror=alert(3)> ${alert(1)} `x`",
                     46.6354, 32.6169, "P", "PPLA", "UA")
    sentence = t.strip()
    mention = Mention("Kherson", t.index("Kherson"), t.index("Kherson") + 7, sentence, "GPE")
    places = (Place(mention, cand, confidence=0.9),)
    start = t.index("Shelling")
    events = (Event("strike", "Shelling", start, start + 8, sentence, 0, cand.lat, cand.lon,
                    date="2022-11-05", confidence=0.7),)
    doc = Document("hostile</script>", t, "hostile.txt", date="2022-11-05",
                   title=HOSTILE_TITLE, url="javascript:alert(4)")
    return Article(doc, places, events)


def many_articles(n_events: int, *, per_article: int = 10, seed: int = 7,
                  days: int = 30) -> list[Article]:
    """``n_events`` events spread over Ukraine, ``per_article`` per article, over ``days``."""
    rng = random.Random(seed)
    types = ["advance", "withdrawal", "clash", "strike", "air_defense",
             "infrastructure_damage", "civilian_harm", "mobilisation"]
    words = ("forces shelling village near the front line said officials regional governor "
             "reported overnight attack drone missile positions artillery").split()
    towns = [Candidate(f"gn:{900000 + i}", f"Town {i}", round(rng.uniform(44.5, 52.0), 4),
                       round(rng.uniform(22.5, 40.0), 4), "P", "PPL", "UA") for i in range(1500)]
    out = []
    for a in range(max(1, n_events // per_article)):
        day = f"2022-{10 + (a % days) // 31:02d}-{1 + (a % days) % 31:02d}" if days else None
        sents, places, events = [], [], []
        for k in range(per_article):
            town = rng.choice(towns)
            body = " ".join(rng.choice(words) for _ in range(rng.randint(14, 26)))
            s = f"The {rng.choice(words)} attack near {town.name} {body}."
            sents.append(s)
            offset = sum(len(x) + 1 for x in sents[:-1])
            ms = offset + s.index(town.name)
            places.append(Place(Mention(town.name, ms, ms + len(town.name), s, "GPE"), town,
                                confidence=0.8))
            ts = offset + s.index("attack")
            events.append(Event(rng.choice(types), "attack", ts, ts + 6, s, k, town.lat,
                                town.lon, date=day, confidence=round(rng.random(), 2)))
        text = " ".join(sents)
        doc = Document(f"a{a}", text, f"bulk.jsonl:{a + 1}", date=day,
                       title=f"Bulk report {a}", url=f"https://example.org/{a}")
        out.append(Article(doc, tuple(places), tuple(events)))
    return out
