"""The whole geoparsing pipeline: Document -> parsed Doc -> places -> events -> Article."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from geopy.distance import great_circle
from spacy.language import Language
from spacy.tokens import Doc

from geomap.errors import GeocoderError
from geomap.extract import MentionFinder, find_coordinates, introduced_as_place
from geomap.gazetteer import ADM1_WORDS, Gazetteer, normalize_name
from geomap.model import Article, Candidate, Document, Event, Mention, Place
from geomap.nlp import load_nlp
from geomap.resolve import COUNTRY_CODES, Resolver
from geomap.roles import classify_role

_logger = logging.getLogger(__name__)

# Longest text handed to spaCy in one piece; longer articles are parsed in chunks
# (the parser's memory grows with document length).
MAX_CHARS = 100_000


class Pipeline:
    """Geoparses documents with one spaCy pipeline and one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, nlp: Language | None = None, *,
                 country: str | None = None, events: bool = True,
                 demonyms: bool = False, run_focus: bool = True) -> None:
        self.gazetteer = gazetteer or Gazetteer.open()
        self.nlp = nlp or load_nlp()
        self.country = country
        self.events = events
        self.finder = MentionFinder(self.gazetteer, country_hint=country, demonyms=demonyms)
        # run_focus: the resolver learns where this pipeline's articles take place and
        # uses it for ambiguous village names (so a reading can depend on the articles
        # processed before); False reads every article on its own.
        self.resolver = Resolver(self.gazetteer, focus=run_focus)
        # Optional online geocoder for names the gazetteer lacks: name -> Candidate | None.
        self.fallback: Callable[[str], Candidate | None] | None = None

    def process(self, document: Document) -> Article:
        """Geoparse one document."""
        return self.annotate(document, self._parse(document.text))

    def process_many(self, documents: Iterable[Document], *,
                     batch_size: int = 16) -> Iterator[Article]:
        """Geoparse documents lazily, in order, batching the spaCy parse."""
        def texts(docs: Iterable[Document]) -> Iterator[tuple[str, Document]]:
            for d in docs:
                yield d.text[:MAX_CHARS], d

        for parsed, document in self.nlp.pipe(texts(documents), as_tuples=True,
                                              batch_size=batch_size):
            if len(document.text) > MAX_CHARS:
                parsed = self._parse(document.text)
            yield self.annotate(document, parsed)

    def _parse(self, text: str) -> Doc:
        if len(text) <= MAX_CHARS:
            return self.nlp(text)
        # Split long texts at paragraph breaks so offsets still index the full text.
        chunks, start = [], 0
        while start < len(text):
            end = min(len(text), start + MAX_CHARS)
            if end < len(text):
                cut = text.rfind("\n", start + MAX_CHARS // 2, end)
                end = cut + 1 if cut > start else end
            chunks.append(text[start:end])
            start = end
        return Doc.from_docs(list(self.nlp.pipe(chunks)), ensure_whitespace=False)

    def annotate(self, document: Document, doc: Doc) -> Article:
        """Places and events for an already parsed document."""
        extraction = self.finder(doc)
        resolutions = self.resolver.resolve(
            extraction.mentions, demonyms=extraction.demonym_countries,
            country_hint=self.country, forces=extraction.force_countries,
        )
        places = []
        for mention, res in zip(extraction.mentions, resolutions):
            if res.candidate is None and (mention.label == "ANA" or (
                    self.fallback is None and mention.label not in ("CTX", "ROAD")
                    and " " not in mention.text.strip()
                    and not (mention.label in ("GPE", "LOC")
                             and introduced_as_place(doc, mention.start, mention.end)))):
                # "the region" with no region in sight, or a single word that no
                # gazetteer knows ("Wedbush", "Coincheck"): mostly not places at all,
                # unless the NER calls it a place and a preposition of place introduces
                # it ("moved back to Khayelitsha"); a road number ("the A417") is a road
                continue
            candidate, geocoder = res.candidate, "offline"
            if candidate is None and self.fallback is not None:
                candidate = self.fallback(mention.query or mention.text)
                geocoder = "nominatim" if candidate is not None else "offline"
            # a place inside an organisation's name is never where something happens
            role = ("metonymic" if mention.label == "EMB"
                    else "demonym" if mention.label == "DEM"
                    else classify_role(doc, mention, candidate))
            places.append(Place(
                mention=mention, candidate=candidate, role=role,
                confidence=res.confidence if geocoder == "offline" else 0.5,
                alternatives=res.alternatives, geocoder=geocoder,
            ))
        places = _with_coordinates(doc, places, self.gazetteer)
        focus_index = _focus(places)
        focus = places[focus_index].candidate if focus_index is not None else None
        events = ()
        if self.events:
            events, places = self._events(doc, places, document.date, focus_index)
        return Article(document=document, places=tuple(places), events=tuple(events),
                       focus=focus)

    def _at_seat(self, event: Event, places: list[Place]) -> Event:
        """An event placed only at a first-level region gets the coordinates of the
        region's seat when the region is named after it (Kherson Oblast -> Kherson), the
        way ACLED codes region-level reports (geo-precision 3)."""
        if event.place is None:
            return event
        region = places[event.place].candidate
        if region is None or region.feature_code != "ADM1":
            return event
        name = _seat_name(region)
        if name is None:
            return event
        towns = [c for c in self.gazetteer.lookup(name, country=region.country_code, limit=10)
                 if c.feature_code in ("PPLA", "PPLC")]
        seat = next((c for c in towns if c.admin1_code == region.admin1_code), None)
        if seat is None:
            # a capital that is a first-level unit of its own ("Kyiv City", "Minsk City")
            # is still the seat of the region around it named after it (Kyiv Oblast)
            own = {normalize_name(name), normalize_name(name) + " city"}
            seat = next((c for c in towns if normalize_name(c.admin1) in own
                         and _km(c, region) <= SEAT_KM), None)
        if seat is None:
            return event
        return replace(event, lat=seat.lat, lon=seat.lon, point="seat")

    def _events(self, doc: Doc, places: list[Place], date: str | None,
                focus: int | None) -> tuple[tuple, list[Place]]:
        try:
            from geomap.events import place_event_types, tag_events
        except ImportError:  # the event stage is optional while it is being built
            return (), places
        events = [self._at_seat(e, places) for e in tag_events(doc, places, date=date,
                                                                focus=focus)]
        types = place_event_types(events, len(places))
        return tuple(events), [replace(p, event_types=t) for p, t in zip(places, types)]


# Feature code of a point the text gives as coordinates (a spot, class S): finer than any
# named place beside it.
COORDINATE_CODE = "PT"


# A written point with no populated place this near is open sea or a pair of numbers that
# only looks like one (an exchange rate "1.08412, 1.08533" falls in the Gulf of Guinea).
COORDINATE_LAND_KM = 100.0


def _with_coordinates(doc: Doc, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """The places plus the points the text writes as decimal coordinates, in text order:
    a geolocated post's own point is where it happened, whatever the place named beside
    it ("Verbivka, Kharkiv Oblast. 49.48613, 36.84078"). The nearest populated place gives
    the point its country and first-level area."""
    found = find_coordinates(doc.text)
    if not found:
        return places
    taken = [(p.mention.start, p.mention.end) for p in places]
    extra = []
    for start, end, lat, lon in found:
        if any(s < end and start < e for s, e in taken):
            continue
        near = gazetteer.nearest(lat, lon, max_km=COORDINATE_LAND_KM, limit=1)
        if not near:
            continue
        town = near[0][0]
        sent = next((s.text for s in doc.sents if s.start_char <= start < s.end_char), "")
        text = doc.text[start:end]
        extra.append(Place(
            mention=Mention(text, start, end, sent, "COORD"),
            candidate=Candidate(id=f"pt:{lat:.5f},{lon:.5f}", name=text, lat=lat, lon=lon,
                                feature_class="S", feature_code=COORDINATE_CODE,
                                country_code=town.country_code, admin1=town.admin1,
                                admin1_code=town.admin1_code, source="text"),
            confidence=1.0))
    return sorted([*places, *extra], key=lambda p: p.mention.start)


def _seat_name(region: Candidate) -> str | None:
    """'Kherson Oblast' -> 'Kherson': the town a first-level region is named after. GeoNames
    names many regions by that town alone ('Brest', 'Vitebsk'): the name itself, then (the
    seat must still be a seat of that region)."""
    words = region.name.split()
    if len(words) >= 2 and words[-1].casefold() in ADM1_WORDS:
        return " ".join(words[:-1])
    return region.name or None


# A capital that forms its own first-level unit lies inside or beside the region named after
# it (Kyiv is ~20 km from the point of Kyiv Oblast); farther off it is another region's town.
SEAT_KM = 100.0


def _km(a: Candidate, b: Candidate) -> float:
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


def _focus(places: list[Place]) -> int | None:
    """Index of the article's focus place: its most mentioned literal region or country."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    best: Candidate | None = None
    for i, p in enumerate(places):
        c = p.candidate
        if c is None:
            continue
        key = c.id
        counts[key] = counts.get(key, 0) + (2 if p.role == "literal" else 1)
        first.setdefault(key, i)
    if not counts:
        return None
    # Prefer the most mentioned country; ties go to the earlier mention.
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    for key in ranked:
        best = places[first[key]].candidate
        if best is not None and best.feature_code in COUNTRY_CODES:
            return first[key]
    return first[ranked[0]]


# -- batches across processes ---------------------------------------------------------
_worker: Pipeline | None = None


def _init_worker(country: str | None, geocoder: str,
                 nominatim: dict[str, Any] | None = None, demonyms: bool = False,
                 run_focus: bool = True) -> None:
    global _worker
    _worker = make_pipeline(country=country, geocoder=geocoder, nominatim=nominatim,
                            demonyms=demonyms, run_focus=run_focus)


def _work(documents: list[Document]) -> list[Article]:
    assert _worker is not None
    # a batch through nlp.pipe costs ~14 % less CPU than one nlp(text) per document
    return list(_worker.process_many(documents))


def make_pipeline(*, country: str | None = None, geocoder: str = "offline",
                  nominatim: dict[str, Any] | None = None,
                  demonyms: bool = False, run_focus: bool = True) -> Pipeline:
    """A Pipeline with the default gazetteer and model (and the online fallback if asked).

    ``nominatim``: keyword arguments for `NominatimGeocoder` (server, delay, cache).
    ``demonyms``: also report nationality adjectives as places (role "demonym").
    ``run_focus``: let the places of earlier articles choose among a village's namesakes.
    """
    pipeline = Pipeline(country=country, demonyms=demonyms, run_focus=run_focus)
    if geocoder == "nominatim":
        from geomap.online import NominatimGeocoder

        online = NominatimGeocoder(**(nominatim or {}))
        pipeline.fallback = _offline_after_failure(
            lambda name: online.geocode(name, country=country))
    return pipeline


def _offline_after_failure(
        geocode: Callable[[str], Candidate | None]) -> Callable[[str], Candidate | None]:
    """`geocode`, until the server fails once: then a warning, and the rest of the run
    stays offline (names the gazetteer lacks stay unresolved) instead of losing the batch."""
    failed = False

    def ask(name: str) -> Candidate | None:
        nonlocal failed
        if failed:
            return None
        try:
            return geocode(name)
        except GeocoderError as e:
            failed = True
            _logger.warning("%s; continuing offline: names the gazetteer lacks stay "
                            "unresolved", e)
            return None

    return ask


def run(documents: Iterable[Document], *, country: str | None = None, jobs: int = 1,
        geocoder: str = "offline", batch: int = 8,
        nominatim: dict[str, Any] | None = None, demonyms: bool = False,
        run_focus: bool = True) -> Iterator[Article]:
    """Geoparse documents in input order, in `jobs` processes.

    With ``run_focus`` each process learns its own focus from the articles it has read,
    so an ambiguous village name may read differently with another number of jobs;
    ``run_focus=False`` makes every article's reading independent of the others.

    Batches of `batch` documents stream to the workers with at most 2 x jobs batches in
    flight, so memory stays bounded however long the input is and no worker waits for
    the slowest of a window.
    """
    if jobs <= 1:
        pipeline = make_pipeline(country=country, geocoder=geocoder, nominatim=nominatim,
                                 demonyms=demonyms, run_focus=run_focus)
        yield from pipeline.process_many(documents)
        return
    import multiprocessing as mp
    from collections import deque
    from itertools import islice

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    init = (country, geocoder, nominatim, demonyms, run_focus)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=init) as pool:
        it = iter(documents)
        pending: deque = deque()
        while True:
            while len(pending) < 2 * jobs and (chunk := list(islice(it, batch))):
                pending.append(pool.apply_async(_work, (chunk,)))
            if not pending:
                return
            yield from pending.popleft().get()
