"""Event tagging on real spaCy parses: types, place links, status, actor, dates."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from geomap.errors import LexiconError
from geomap.events import (
    _headline_verb,
    classify_event_type,
    content_lemmas,
    dominant_event,
    held_out_exemplars,
    load_cues,
    load_exemplars,
    load_taxonomy,
    load_triggers,
    nearest_type,
    note_label_type,
    parse_triggers,
    place_cost,
    place_event_types,
    tag_events,
)
from geomap.model import EVENT_TYPES, Candidate, Event, Mention, Place
from geomap.nlp import load_nlp

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[1] / "seeds" / "us-russia-defence-chiefs-call.txt"


def make_places(text: str, spec: str) -> list[Place]:
    """Places from 'Kherson;Moscow:m;Dnipro:H' (first occurrence; ':m' metonymic, ':H' water,
    ':S' a sea, ':M' a metonymic country, ':C' a literal one)."""
    places = []
    for item in [] if spec in ("", "-") else spec.split(";"):
        name, _, flag = item.partition(":")
        start = text.index(name)
        cls = {"H": "H", "S": "H", "C": "A"}.get(flag, "P")
        code = {"H": "STM", "S": "SEA", "M": "PCLI", "C": "PCLI"}.get(flag, "PPL")
        cand = Candidate(f"test:{name}", name, 48.0, 35.0, cls, code, "UA")
        places.append(Place(Mention(name, start, start + len(name), text, "GPE"), cand,
                            "metonymic" if flag in ("m", "M") else "literal", 0.9))
    return sorted(places, key=lambda p: p.mention.start)


def literal_place(text: str, name: str, cls: str, code: str, *, cc: str = "UA",
                  lat: float = 48.0, lon: float = 35.0, admin1_code: str = "") -> Place:
    """A literal place at the first occurrence of `name`, with the given feature class,
    code, country and first-level area."""
    start = text.index(name)
    cand = Candidate(f"test:{name}", name, lat, lon, cls, code, cc, admin1_code=admin1_code)
    return Place(Mention(name, start, start + len(name), text, "GPE"), cand, "literal", 0.9)


def run(text: str, spec: str = "", **kw: object) -> tuple[list[Event], list[Place]]:
    places = make_places(text, spec)
    return tag_events(load_nlp()(text), places, **kw), places  # type: ignore[arg-type]


def read_table(name: str) -> list[dict[str, str]]:
    rows, header = [], None
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
        else:
            rows.append(dict(zip(header, cells)))
    return rows


# --- data files -----------------------------------------------------------------------


def test_lexicon_covers_every_type() -> None:
    typed = {r.type for r in load_triggers()}
    assert set(EVENT_TYPES) <= typed
    assert set(load_taxonomy()) == set(EVENT_TYPES)
    assert sorted(t.priority for t in load_taxonomy().values()) == list(range(1, 13))


HEADER = "pattern\tkind\tpos\ttype\trequires\tweight\tsource\tnotes\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("shell\tverb\tVERB\tstrike\n", "expected 8 tab-separated columns"),
        ("shell\tverb\tVERB\tbombing\t-\t0.9\town\t\n", "unknown type 'bombing'"),
        ("shell\tverb\tVERB\tstrike\t-\thigh\town\t\n", "weight 'high' is not a number"),
    ],
)
def test_bad_lexicon_row_names_file_and_line(row: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as err:
        parse_triggers("# comment\n" + HEADER + row)
    assert "event_triggers.tsv:3" in str(err.value)


def test_cue_classes_present() -> None:
    cues = load_cues()
    for cls in ("threat", "deny", "appeal", "hypothetical", "damage", "civilian", "weapon"):
        assert cues[cls], cls


def test_labelled_sentences_cover_every_type_and_status() -> None:
    rows = read_table("event_sentences.tsv")
    assert len(rows) >= 150
    types = Counter(t for r in rows for t in r["types"].split("|"))
    statuses = Counter(r["status"] for r in rows)
    for t in EVENT_TYPES:
        assert types[t] >= 10, t
    for s in ("reported", "threatened", "denied", "hypothetical"):
        assert statuses[s] >= 8, s


# --- single sentences -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places", "etype", "place", "status"),
    [
        ("Ukrainian forces retook the village of Davydiv Brid in the Kherson region.",
         "Davydiv Brid;Kherson", "advance", "Davydiv Brid", "reported"),
        # (ev-n) a town under fire is shelled; troops under fire are fighting
        ("The settlement of Tetkino came under fire from the Ukrainian side, the governor said.",
         "Tetkino", "strike", "Tetkino", "reported"),
        ("Ukrainian troops came under fire from Russian infantry near Tetkino.",
         "Tetkino", "clash", "Tetkino", "reported"),
        # (ev-n) a generic weapon noun can strike; the light verb's instrument is the attack's
        ("Sea-based precision weapons struck fuel storage facilities in the port of Odessa.",
         "Odessa", "strike", "Odessa", "reported"),
        ("The Kiev regime carried out a terrorist attack on the bridge near Kerch using unmanned "
         "surface vessels, killing two civilians.", "Kiev:m;Kerch", "strike", "Kerch", "reported"),
        ("Kharkiv was hit by S-300 missiles early on Thursday.", "Kharkiv", "strike", "Kharkiv",
         "reported"),
        ("Ten Russian cruise missiles were intercepted over Odesa.", "Odesa", "air_defense",
         "Odesa", "reported"),
        ("Russian forces withdrew from Kherson city across the Dnipro on Friday.",
         "Kherson;Dnipro:H", "withdrawal", "Kherson", "reported"),
        ("Thousands of people protested in Tbilisi against the war in Ukraine.",
         "Tbilisi;Ukraine", "protest", "Tbilisi", "reported"),
        ("Moscow denied striking a shopping centre in Kremenchuk.", "Kremenchuk;Moscow:m",
         "strike", "Kremenchuk", "denied"),
        ("Russia has threatened to strike government buildings in Kyiv.", "Kyiv;Russia:m",
         "strike", "Kyiv", "threatened"),
        ("If Ukrainian troops recapture Melitopol, the land bridge would be cut.", "Melitopol",
         "advance", "Melitopol", "hypothetical"),
        ("Russian forces are digging trenches along the left bank of the Dnipro near Oleshky.",
         "Dnipro:H;Oleshky", "fortification", "Oleshky", "reported"),
        ("Floodwaters inundated the lower parts of Kherson city on Wednesday.", "Kherson",
         "flooding", "Kherson", "reported"),
        ("Russian troops abducted the mayor of Melitopol.", "Melitopol", "civilian_harm",
         "Melitopol", "reported"),
        ("Russian and Ukrainian delegations held peace talks in Istanbul on Tuesday.",
         "Istanbul", "diplomacy", "Istanbul", "reported"),
        ("Russia deployed thousands of mobilised soldiers to the Luhansk region.",
         "Luhansk;Russia:m", "mobilisation", "Luhansk", "reported"),
        ("Power outages hit Kharkiv after a substation was damaged.", "Kharkiv",
         "infrastructure_damage", "Kharkiv", "reported"),
        ("Heavy fighting continued around Bakhmut on Tuesday.", "Bakhmut", "clash", "Bakhmut",
         "reported"),
    ],
)
def test_event_type_place_status(text: str, places: str, etype: str, place: str,
                                 status: str) -> None:
    events, pl = run(text, places)
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in events]
    best = dominant_event(found)
    assert best is not None
    assert pl[best.place].mention.text == place if best.place is not None else place == "-"
    assert best.status == status


def test_metonymic_place_is_actor_not_location() -> None:
    events, places = run("Moscow said its forces had shelled Kharkiv overnight.",
                         "Moscow:m;Kharkiv")
    strike = next(e for e in events if e.type == "strike")
    assert places[strike.place].mention.text == "Kharkiv"
    assert strike.link == "parse"


def test_no_literal_place_falls_back_to_focus_then_none() -> None:
    text = "Russian forces shelled the city overnight."
    events, _ = run(text, "")
    assert events and all(e.place is None and e.link == "none" for e in events)
    text = "Ukraine is a large country. Russian forces shelled the city overnight."
    events, _ = run(text, "Ukraine", focus=0)
    assert events[0].place == 0 and events[0].link == "focus"


def test_sentence_fallback_when_clause_has_no_place() -> None:
    events, places = run("In Kherson, the situation is tense as shelling continues.", "Kherson")
    strike = next(e for e in events if e.type == "strike")
    assert places[strike.place].mention.text == "Kherson"
    assert strike.link in ("parse", "sentence")


def test_diplomacy_is_not_placed_at_its_topic() -> None:
    events, _ = run("Austin and Shoigu discussed the situation in Kherson in a phone call.",
                    "Kherson")
    diplo = [e for e in events if e.type == "diplomacy"]
    assert diplo and all(e.place is None for e in diplo)


def test_topic_of_resumed_talks_is_no_event() -> None:
    # (blind55) the topic hung on the verb whose object the talks are
    text = ("Mediators resumed talks in Doha on Thursday on a ceasefire in Gaza and the release "
            "of hostages held by Hamas.")
    events, places = run(text, "Doha;Gaza")
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == "diplomacy"
    assert best.place is not None and places[best.place].mention.text == "Doha"


def test_diplomacy_venue_past_the_party_met() -> None:
    events, places = run("Zelensky met Erdogan in Lviv to discuss the grain deal.", "Lviv")
    best = dominant_event(events)
    assert best is not None and best.type == "diplomacy"
    assert best.place is not None and places[best.place].mention.text == "Lviv"


def test_diplomacy_venue_of_the_gathering() -> None:
    # the talks are where the gathering is
    events, places = run("Putin and Lukashenko discussed military cooperation during talks in "
                         "Sochi.", "Sochi")
    diplo = [e for e in events if e.type == "diplomacy"]
    assert diplo and all(e.place is not None and places[e.place].mention.text == "Sochi"
                         for e in diplo)


@pytest.mark.parametrize(
    ("text", "spec", "place"),
    [
        # a town naming the gathering is its venue; a country so placed is its topic
        ("Zelensky and Erdogan discussed the grain corridor at the Lviv talks.", "Lviv", "Lviv"),
        ("Diplomats prepared the Syria talks.", "Syria:C", None),
        # the goal of a journey made for talks
        ("The IAEA chief travelled to Kaliningrad for talks with Russian officials.",
         "Kaliningrad", "Kaliningrad"),
        ("The IAEA chief returned to Kaliningrad after talks with Russian officials.",
         "Kaliningrad", None),
        # (blind55) the negotiating table is the talks, placed where it stands
        ("The army and the RSF could return to the negotiating table in Jeddah next month.",
         "Jeddah", "Jeddah"),
        # (blind55) ... also one that ends there, made for a round of talks
        ("A Hamas delegation arrived in Cairo on Saturday for a new round of indirect "
         "negotiations with Israel.", "Cairo;Israel:m", "Cairo"),
        # the venue past the parties and the deal
        ("Zelenskyy held talks with the Dutch prime minister in Kharkiv.", "Kharkiv", "Kharkiv"),
        ("Ukraine and Russia signed separate deals with Turkey and the UN in Istanbul to reopen "
         "Black Sea ports.", "Turkey:C;Istanbul", "Istanbul"),
        # a headline verb tagged a noun, its guests parsed as its apposition
        ("Macron hosts Biden, Trudeau and Sunak in Paris;Leaders back Ukraine's bid for NATO "
         "membership", "Paris;Ukraine:m", "Paris"),
    ],
)
def test_diplomacy_venue_named_or_travelled_to(text: str, spec: str, place: str | None) -> None:
    events, places = run(text, spec)
    diplo = [e for e in events if e.type == "diplomacy"]
    assert diplo
    got = {places[e.place].mention.text for e in diplo if e.place is not None}
    assert got == ({place} if place else set())


@pytest.mark.parametrize(("text", "spec", "place"), [
    # an offer or an agreement to meet is the meeting: it takes the venue of its infinitive
    ("The Swiss president offered to mediate between the two sides during a summit in "
     "Geneva.", "Geneva", "Geneva"),
    ("Both delegations agreed to meet again at a villa near Helsinki.", "Helsinki", "Helsinki"),
])
def test_offer_to_meet_takes_the_meetings_venue(text: str, spec: str, place: str) -> None:
    events, places = run(text, spec)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == "diplomacy" and best.place is not None
    assert places[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "places", "place"),
    [
        # a place that only contains or owns the noun another place names
        ("Shelling hit a market in the Kherson region town of Beryslav.", "Kherson;Beryslav",
         "Beryslav"),
        ("Drones struck Kharkiv's Saltivka district overnight.", "Kharkiv;Saltivka", "Saltivka"),
        ("A missile hit a school in the Shevchenkivskyi district of Kyiv.",
         "Shevchenkivskyi;Kyiv", "Shevchenkivskyi"),
        ("Rockets hit Ukraine's second city of Kharkiv.", "Ukraine;Kharkiv", "Kharkiv"),
        ("Fighting raged in Marinka district, Donetsk region, on Monday.", "Marinka;Donetsk",
         "Marinka"),
        # a point next to a named facility, but a base named for its town stays there
        ("Saboteurs blew up the Belgorod railway bridge near Shebekino.", "Belgorod;Shebekino",
         "Shebekino"),
        ("Missiles struck the Zaporizhzhia thermal plant near Enerhodar.",
         "Zaporizhzhia;Enerhodar", "Enerhodar"),
        ("Explosions rocked the Saky air base in Crimea on Tuesday.", "Saky;Crimea", "Saky"),
        ("Ukrainian troops were shelled on Kremenets hill in the Izium district.",
         "Kremenets;Izium", "Kremenets"),
        # conjoined verbs share their adjuncts; located subjects locate the event
        ("Soldiers shot and killed a farmer in a field outside Borova.", "Borova", "Borova"),
        # a nationality is no place, even against a place across a clause boundary
        ("Two Polish volunteers were killed and three were wounded in the town of Siversk.",
         "Polish;Siversk", "Siversk"),
        ("Hundreds of residents in Kherson protested against the occupation of Crimea.",
         "Kherson;Crimea", "Kherson"),
        # a list of places is one argument: its first member, not the nearest one
        ("Air defence shot down 11 drones over the Poltava and Kharkiv regions overnight.",
         "Poltava;Kharkiv", "Poltava"),
        ("Trains between Kharkiv and Kyiv are delayed after the railway line was damaged.",
         "Kharkiv;Kyiv", "Kharkiv"),
        # so is a hyphened pair: the line runs from its first town
        ("Positional battles continued along the Svatove-Kreminna line.", "Svatove;Kreminna",
         "Svatove"),
        # and "between A and B", however the parser split a two-word second name
        ("Fighting continues for control of the highway between Bakhmut and Chasiv Yar.",
         "Bakhmut;Chasiv Yar", "Bakhmut"),
        # (ev-m) ... and "in A and B" after a locative preposition, parsed as A modifying B
        ("On 8 June, water levels peaked in Oleshky and Hola Prystan, where thousands of "
         "residents remained trapped.", "Oleshky;Hola Prystan", "Oleshky"),
        # a place naming a stretch of front gives way to a concrete place, but alone it places
        ("Marines continue the assault operation on the Vuhledar axis and are holding "
         "positions near Pavlivka.", "Vuhledar;Pavlivka", "Pavlivka"),
        ("Heavy fighting raged in the Bakhmut direction.", "Bakhmut", "Bakhmut"),
    ],
)
def test_event_placed_at_the_most_specific_place(text: str, places: str, place: str) -> None:
    events, pl = run(text, places)
    best = dominant_event(events)
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "places", "place"),
    [
        # a town hanging off a river or region in the parse is the finer point
        ("Russian troops dug trenches along the coast of Crimea near Saky.",
         [("Crimea", "A", "ADM1"), ("Saky", "P", "PPL")], "Saky"),
        ("Russian missiles struck a dam on the Siverskyi Donets river in Zmiiv, raising the "
         "water and flooding yards.",
         [("Siverskyi Donets river", "H", "STM"), ("Zmiiv", "P", "PPL")], "Zmiiv"),
        # a country is no event point: a town of it in the sentence is
        ("Russia launched over 100 missiles at cities across Ukraine, with hits recorded in "
         "Dnipro.", [("Russia", "A", "PCLI"), ("Ukraine", "A", "PCLI"), ("Dnipro", "P", "PPLA")],
         "Dnipro"),
        # (blind55) ... nor a country modifying the attack noun, its attacker: the place
        # named is, a town or a district
        ("Israel strike kills seven aid workers in Deir al-Balah",
         [("Israel", "A", "PCLI"), ("Deir al-Balah", "A", "ADM2")], "Deir al-Balah"),
        # a town named by a river about as near in the parse is the event's point
        ("Ukrainian troops crossed the Dnipro and landed on the left bank near Hola Prystan.",
         [("Dnipro", "H", "STM"), ("Hola Prystan", "P", "PPL")], "Hola Prystan"),
        ("Ukrainian forces repulsed a Russian attempt to cross the Dnipro near Kherson.",
         [("Dnipro", "H", "STM"), ("Kherson", "P", "PPLA")], "Kherson"),
        # failing a town, any place on land in the sentence beats the river, but not one
        # down in a purpose clause
        ("Occupation authorities declared martial law in Kherson region and began evacuating "
         "civilians across the Dnipro.", [("Kherson region", "A", "ADM1"), ("Dnipro", "H", "STM")],
         "Kherson region"),
        ("Officials in Kherson warned that the water level in the Dnipro could rise by several "
         "metres.", [("Kherson", "P", "PPLA"), ("Dnipro", "H", "STM")], "Kherson"),
        ("Ukrainian troops flooded the Irpin river floodplain to slow the Russian advance on "
         "Kyiv.", [("Irpin", "H", "STM"), ("Kyiv", "P", "PPLC")], "Irpin"),
        # a line "from X to Y" is placed at its first-named end, not at the goal's
        ("Wagner has built a fortified line stretching from Svitlodarsk to Kreminna, the "
         "Ukrainian military said.", [("Svitlodarsk", "P", "PPL"), ("Kreminna", "P", "PPL")],
         "Svitlodarsk"),
        # people moved "from X" were taken from there: a deportation begins at X ...
        ("Children from Kherson were taken to Russia for re-education, the ombudsman said.",
         [("Kherson", "P", "PPLA"), ("Russia", "A", "PCLI")], "Kherson"),
        # ... while a victim's home town is no place of the harm
        ("A man from Kherson was killed in a missile strike on Odesa.",
         [("Kherson", "P", "PPLA"), ("Odesa", "P", "PPLA")], "Odesa"),
        # a town the sentence puts inside another place is the finer point, past a
        # compass adjective ("X in southern Y", "Y's X")
        # a place said to be in a region whose reading lies in another country is a
        # namesake: the region ("Ain al-Asad" read as Ain, France)
        ("Rockets struck the Ain al-Asad air base in Iraq's Anbar province.",
         [("Ain al-Asad", "A", "ADM2", "FR"), ("Iraq", "A", "PCLI", "IQ"),
          ("Anbar province", "A", "ADM1", "IQ")], "Anbar province"),
        ("Israeli troops pulled out of Khan Younis in southern Gaza on Sunday.",
         [("Khan Younis", "P", "PPLA2"), ("Gaza", "P", "PPLA")], "Khan Younis"),
        # ... but no country or region said to lie in another region ("its border with
        # Russia in the Kharkiv region")
        ("Ukraine is building fortifications along its border with Russia in the Kharkiv "
         "region.", [("Ukraine", "A", "PCLI"), ("Russia", "A", "PCLI"), ("Kharkiv", "A", "ADM1")],
         "Kharkiv"),
        # the victim's employer is not where the harm happened
        ("The head of the Kherson sea port was detained by Russian soldiers on his way home in "
         "Oleshky.", [("Kherson", "P", "PPLA"), ("Oleshky", "P", "PPL")], "Oleshky"),
    ],
)
def test_finer_place_wins(text: str, places: list[tuple[str, str, str]], place: str) -> None:
    pl = [literal_place(text, name, cls, code, cc=cc[0] if cc else "UA", lat=47.0, lon=33.0)
          for name, cls, code, *cc in places]
    best = dominant_event(tag_events(load_nlp()(text), pl))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a region after a comma that only locates the town before it hands the event to
        # the town, however the parser hung the region's phrase
        ("The army said its air defences shot down several drones launched by the rebels "
         "over Kosti, in White Nile state, before dawn.", "Kosti"),
        ("Drones launched by the rebels hit a fuel depot in Kosti, White Nile state.",
         "Kosti"),
        # ... not a town of its own that the region does not contain
        ("Air defences shot down drones over White Nile state, far from Dilling.",
         "White Nile state"),
    ],
)
def test_qualifying_region_hands_the_event_to_its_town(text: str, place: str) -> None:
    def at(name: str, cls: str, code: str, admin1: str) -> Place:
        return literal_place(text, name, cls, code, cc="SD", lat=13.2, lon=32.6,
                             admin1_code=admin1)

    pl = [at("White Nile state", "A", "ADM1", "SD.41")]
    for town, admin1 in (("Kosti", "SD.41"), ("Dilling", "SD.36")):
        if town in text:
            pl.append(at(town, "P", "PPL", admin1))
    pl.sort(key=lambda p: p.mention.start)
    best = dominant_event(tag_events(load_nlp()(text), pl))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a first-level region is no event point when its own clause narrows it to a town
        ("At least 10 civilians were killed and 21 injured in Donetsk Oblast over the "
         "weekend, most of them in Pokrovsk.", "Pokrovsk"),
        # (an absolute "with" phrase elaborates its verb)
        ("Russian forces shelled Donetsk Oblast overnight, with the heaviest damage reported "
         "in Pokrovsk.", "Pokrovsk"),
        # ... but not a town of another clause, nor the region's own qualifier
        ("Russian troops shelled 12 towns in Donetsk Oblast overnight, and volunteers "
         "delivered water to Pokrovsk.", "Donetsk Oblast"),
        ("On 14 April 2023, Ukraine and Russia exchanged prisoners of war in Donetsk Oblast "
         "(Pokrovsk).", "Donetsk Oblast"),
        # a headline and its deck name one attack twice, once more precisely
        ("Explosions rock Pokrovsk airfield; Russia says ammunition detonated in Donetsk "
         "Oblast", "Pokrovsk"),
    ],
)
def test_region_narrowed_to_its_town(text: str, place: str) -> None:
    def at(name: str, cls: str, code: str) -> Place:
        return Place(Mention(name, text.index(name), text.index(name) + len(name), text,
                             "GPE"),
                     Candidate(f"test:{name}", name, 48.0, 37.5, cls, code, "UA",
                               admin1="Donetsk Oblast", admin1_code="UA.05"), "literal", 0.9)

    pl = [at("Donetsk Oblast", "A", "ADM1"), at("Pokrovsk", "P", "PPLA2")]
    best = dominant_event(tag_events(load_nlp()(text), pl))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "trigger", "nearer", "farther"),
    [
        # a source is where the report came from
        ("Drones struck a fuel depot on the edge of the Kupiansk district, according to "
         "officials in Kharkiv.", "struck", "Kupiansk", "Kharkiv"),
        # a possessor owns the thing hit; the place named by a preposition locates it
        ("Drones struck Russia's Black Sea Fleet headquarters on the coast at Sevastopol.",
         "struck", "Sevastopol", "Russia"),
        # a place after an elliptical conjunct is the conjunct's, however the parser hung
        # it on the verb: the object's own place is the nearer
        ("Air defence systems destroyed a drone over Bryansk and another over Kaluga.",
         "destroyed", "Bryansk", "Kaluga"),
        ("Air defence systems destroyed a Ukrainian drone over the Bryansk region and "
         "another over the Kaluga region overnight.", "destroyed", "Bryansk", "Kaluga"),
    ],
)
def test_link_path_costs(text: str, trigger: str, nearer: str, farther: str) -> None:
    doc = load_nlp()(text)
    tok = {t.text: t for t in doc}
    places = frozenset({tok[nearer].i, tok[farther].i})
    near = place_cost(tok[trigger], tok[nearer], "strike", places=places)
    far = place_cost(tok[trigger], tok[farther], "strike", places=places)
    assert near < far


def test_metonymic_focus_is_no_fallback_location() -> None:
    # "Russia said …" names an actor: an unplaced strike is not put in Russia
    events, _ = run("Russia said its forces shelled the city overnight.", "Russia:m", focus=0)
    assert events and all(e.place is None and e.link == "none" for e in events)


@pytest.mark.parametrize(("text", "etype", "place"), [
    # what a government does at home happens on its territory when no place is named …
    ("Russia will conscript 147,000 men this autumn.", "mobilisation", "Russia"),
    ("Belarus is forming territorial defence units.", "mobilisation", "Belarus"),
    ("Ukraine is building 2,000 kilometres of fortifications.", "fortification", "Ukraine"),
    # … but where it strikes is not its own territory
    ("Russia fired 70 missiles on Friday.", "strike", None),
])
def test_own_territory_fallback(text: str, etype: str, place: str | None) -> None:
    name = text.split()[0]
    events, places = run(text, f"{name}:M")
    event = next(e for e in events if e.type == etype)
    if place is None:
        assert event.place is None and event.link == "none"
    else:
        assert places[event.place].mention.text == place and event.link == "actor"


@pytest.mark.parametrize(("text", "place"), [
    # a call-up happens at home: a place named only as a modifier gives way …
    ("Russia calls up 300,000 reservists to shore up the Zaporizhzhia front", "Russia"),
    ("Russia is conscripting students to replenish the Zaporizhzhia front", "Russia"),
    # … a place the parse makes a location does not, nor does a deployment's destination
    ("Russia has called up reservists, and many of them are already in Zaporizhzhia.",
     "Zaporizhzhia"),
    ("Russia sent reservists to the Zaporizhzhia front.", "Zaporizhzhia"),
])
def test_call_up_happens_at_home(text: str, place: str) -> None:
    name = text.split()[0]
    events, places = run(text, f"{name}:M;Zaporizhzhia")
    event = next(e for e in events if e.type == "mobilisation")
    assert event.place is not None and places[event.place].mention.text == place


def _country(text: str, name: str) -> Place:
    start = text.index(name)
    cand = Candidate(f"test:{name}", name, 49.0, 31.0, "A", "PCLI", "UA")
    return Place(Mention(name, start, start + len(name), text, "GPE"), cand, "literal", 0.9)


@pytest.mark.parametrize(("text", "venue"), [
    # talks named by their town are held there; talks named by a country are about it
    ("Lviv talks end without deal on grain exports", "Lviv"),
    ("Leaders discussed the grain corridor in the Lviv talks with the UN chief.", "Lviv"),
    ("Ukraine talks must include Kyiv, Zelensky says", None),
    # a meeting on a border is at the place the border is near; talks on a topic are not
    ("Delegations meet on the border near Lviv", "Lviv"),
    ("Delegations met for talks on the future of Lviv.", None),
])
def test_diplomacy_venue_named_as_modifier(text: str, venue: str | None) -> None:
    places = make_places(text, "Lviv" if "Lviv" in text else "")
    if "Ukraine" in text:
        places = [_country(text, "Ukraine")]
    events = tag_events(load_nlp()(text), places)
    diplo = [e for e in events if e.type == "diplomacy" and e.place is not None]
    assert [places[e.place].mention.text for e in diplo][:1] == ([venue] if venue else [])


def test_flood_placed_where_the_water_went_not_at_its_source() -> None:
    # the dam's flood is the more confident of the two, but the water went to Korsunka
    text = "Floodwaters from the destroyed Kakhovka dam submerged Korsunka."

    def flood(word: str, place: int, confidence: float) -> Event:
        start = text.index(word)
        return Event("flooding", word, start, start + len(word), text, place, 46.0, 33.0,
                     confidence=confidence, link="parse")

    events = [flood("dam", 0, 0.9), flood("submerged", 1, 0.88)]
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.trigger == "submerged"
    # without the doc (no parse) the more confident one is kept
    assert dominant_event(events).trigger == "dam"


@pytest.mark.parametrize(("text", "absent", "present"), [
    # rescuers digging through rubble or for bodies build no fortification
    ("Children among dead as rescuers dig through Uman rubble", "fortification",
     "civilian_harm"),
    ("Volunteers dug out bodies from the rubble in Dnipro", "fortification", None),
    ("Russian troops dig trenches near Tokmak", None, "fortification"),
    # a headline's infrastructure subject is what was destroyed, not who struck
    ("Odesa without running water for days after pipeline destroyed", "strike",
     "infrastructure_damage"),
    ("Soldiers among dead in Bakhmut", "civilian_harm", None),
])
def test_event_word_senses_in_headlines(text: str, absent: str | None,
                                        present: str | None) -> None:
    name = next(n for n in ("Uman", "Dnipro", "Tokmak", "Odesa", "Bakhmut") if n in text)
    events, _ = run(text, name)
    types = {e.type for e in events}
    assert absent is None or absent not in types
    assert present is None or present in types


@pytest.mark.parametrize(("text", "verb"), [
    # a headline's present-tense verb the tagger took for a plural noun
    ("Ukraine downs 'all' drones in overnight raid on Kyiv", True),
    # prose is no headline; a verb before it is the headline's verb
    ("Ukraine downs were felt in Kyiv.", False),
    ("Markets see ups and downs in Kyiv", False),
])
def test_headline_verb_tagged_as_noun(text: str, verb: bool) -> None:
    doc = load_nlp()(text)
    assert _headline_verb(next(t for t in doc if t.lower_ == "downs")) is verb
    events, _ = run(text, "Kyiv")
    assert any(e.type == "air_defense" and e.trigger == "downs" for e in events) is verb


@pytest.mark.parametrize("surface", ["Bakhmut", "Bakhmut ("])
def test_parenthesised_oblast_qualifies_the_town(surface: str) -> None:
    # the extractor may keep the bracket in the mention text; the oblast still only qualifies
    text = "Intense fighting was reported on the southern flank of Bakhmut (Donetsk)."
    places = [Place(Mention(name, text.index(name), text.index(name) + len(name), text, "GPE"),
                    Candidate(f"test:{name}", name, 48.6, 38.0, "P", "PPL", "UA"), "literal", 0.9)
              for name in (surface, "Donetsk")]
    best = dominant_event(tag_events(load_nlp()(text), places))
    assert best is not None and best.place == 0


_FALAM = ("Military jets bombed a camp for displaced people in Falam township, Chin state, "
          "on Tuesday.")
_ARIHA = "Russian warplanes struck a vegetable market in Ariha, in southern Idlib, on Monday."
_BILOHORIVKA = ("Clashes between Russian and Ukrainian forces in Bilohorivka village, "
                "Sievierodonetsk district, Luhansk region.")
# name, class, code, country, admin1, admin1 code, latitude
_CHIN = ("Chin state", "A", "ADM1", "MM", "Chin", "MM.02", 22.6)
_IDLIB = ("Idlib", "P", "PPLA", "SY", "Idlib", "SY.07", 22.6)
_DISTRICT_NEAR = ("Sievierodonetsk district", "A", "ADM2", "MM", "Chin", "MM.02", 23.06)
_DISTRICT_FAR = ("Sievierodonetsk district", "A", "ADM2", "MM", "Chin", "MM.02", 24.1)


@pytest.mark.parametrize(
    ("text", "town", "town_admin1", "region", "place"),
    [(_FALAM, "Falam", "MM.02", _CHIN, "Falam"),  # (blind55) the region after a comma
     # locates the town before it
     (_FALAM, "Falam", "MM.05", _CHIN, "Chin state"),  # no containment: the nearer place in
     # the parse wins
     # (ev-m) also after "in southern"; a seat named like its region, read as the city,
     # stands for the region when it qualifies a town of that region
     (_ARIHA, "Ariha", "SY.07", _IDLIB, "Ariha"),
     (_ARIHA, "Ariha", "SY.09", _IDLIB, "Idlib"),
     # (place-k) a district holds a town of its region within its reach (18 km off: the
     # village) ...
     (_BILOHORIVKA, "Bilohorivka", "MM.02", _DISTRICT_NEAR, "Bilohorivka"),
     # ... not one far from its point (130 km off: the district the parser hung nearer)
     (_BILOHORIVKA, "Bilohorivka", "MM.02", _DISTRICT_FAR, "Sievierodonetsk district")],
)
def test_region_after_a_comma_qualifies_the_town(text: str, town: str, town_admin1: str,
                                                 region: tuple, place: str) -> None:
    name, cls, code, country, admin1, admin1_code, lat = region
    outer = Candidate("test:region", name, lat, 93.6, cls, code, country, admin1, admin1_code)
    inner = Candidate("test:town", town, 22.9, 93.7, "P", "PPL", country, "", town_admin1)
    places = [Place(Mention(n, text.index(n), text.index(n) + len(n), text, "GPE"),
                    cand, "literal", 0.9)
              for n, cand in ((town, inner), (name, outer))]
    best = dominant_event(tag_events(load_nlp()(text), places))
    assert best is not None and best.place is not None
    assert places[best.place].mention.text == place


@pytest.mark.parametrize(
    ("town_admin1", "place"),
    [("UA.11", "Saky"),  # the town is inside the region named beside it: the town wins
     ("UA.08", "Crimea")],  # no containment: the nearer place in the parse wins
)
def test_contained_place_beats_its_region(town_admin1: str, place: str) -> None:
    text = "Russian troops dug trenches in Crimea, along the roads to Saky."
    region = Candidate("test:crimea", "Crimea", 45.0, 34.0, "A", "ADM1", "UA", "Crimea", "UA.11")
    town = Candidate("test:saky", "Saky", 45.1, 33.6, "P", "PPL", "UA", "", town_admin1)
    places = [Place(Mention(name, text.index(name), text.index(name) + len(name), text, "GPE"),
                    cand, "literal", 0.9)
              for name, cand in (("Crimea", region), ("Saky", town))]
    events = tag_events(load_nlp()(text), places)
    best = dominant_event(events)
    assert best is not None and best.place is not None
    assert places[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "town_admin1", "place"),
    [
        # a lead placed in a region, the next sentence naming the town of the same attack
        ("Ukraine's navy said it had hit a Russian landing ship off the coast of Crimea. The "
         "ship sank near Saky after the attack, officials said.", "UA.11", "Saky"),
        # no containment: the town is another place, the lead keeps its region
        ("Ukraine's navy said it had hit a Russian landing ship off the coast of Crimea. The "
         "ship sank near Saky after the attack, officials said.", "UA.08", "Crimea"),
        # an interception across the region: debris falling on a town of it is no detail
        ("Air defences shot down 14 of the 16 drones launched at Crimea overnight. Debris from "
         "one drone damaged a warehouse in Saky.", "UA.11", "Crimea"),
    ],
)
def test_lead_region_narrowed_by_next_sentence(text: str, town_admin1: str,
                                               place: str) -> None:
    region = Candidate("test:crimea", "Crimea", 45.0, 34.0, "A", "ADM1", "UA", "Crimea", "UA.11")
    town = Candidate("test:saky", "Saky", 45.1, 33.6, "P", "PPL", "UA", "", town_admin1)
    places = [Place(Mention(name, text.index(name), text.index(name) + len(name), text, "GPE"),
                    cand, "literal", 0.9)
              for name, cand in (("Crimea", region), ("Saky", town))]
    doc = load_nlp()(text)
    best = dominant_event(tag_events(doc, places), doc)
    assert best is not None and best.place is not None
    assert places[best.place].mention.text == place


@pytest.mark.parametrize(
    ("text", "places", "actor"),
    [
        ("Russian forces shelled Nikopol overnight.", "Nikopol", "Russian forces"),
        ("Kyiv's forces have been advancing along the Dnieper.", "Kyiv:m;Dnieper:H",
         "Kyiv's forces"),
        ("Ukraine said it had retaken 88 towns in the region.", "Ukraine:m", "Ukraine"),
        ("Kherson was hit by rockets yesterday.", "Kherson", None),
        # a place that came under fire is its target; who comments on an attack is no actor
        ("Petropavlivka and Kupiansk came under artillery fire.", "Petropavlivka;Kupiansk",
         None),
        ("Kuleba condemned the missile attack on Odesa.", "Odesa", None),
    ],
)
def test_actor(text: str, places: str, actor: str | None) -> None:
    events, _ = run(text, places)
    assert events
    assert events[0].actor == actor


def test_relative_date_resolves_against_article_date() -> None:
    events, _ = run("Russian forces shelled Nikopol on Friday.", "Nikopol", date="2022-10-21")
    assert events[0].date == "2022-10-21"
    events, _ = run("Russian forces shelled Nikopol on Friday.", "Nikopol")
    assert events[0].date is None
    events, _ = run("Russian forces shelled Nikopol on 12 March 2023.", "Nikopol")
    assert events[0].date == "2023-03-12"


def test_same_type_and_place_deduplicated_within_sentence() -> None:
    events, _ = run("Russian artillery shelled and bombarded Nikopol with rockets.", "Nikopol")
    strikes = [e for e in events if e.type == "strike"]
    assert len(strikes) == 1


def test_place_event_types() -> None:
    ev = [Event("strike", "x", 0, 1, "s", 1, None, None),
          Event("advance", "y", 2, 3, "s", 1, None, None),
          Event("strike", "z", 4, 5, "s", 1, None, None),
          Event("protest", "w", 6, 7, "s", None, None, None)]
    assert place_event_types(ev, 3) == [(), ("advance", "strike"), ()]


# --- dominant type of short reports ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 12 March, Russian forces shelled Kherson city. 2 civilians were killed.", "strike"),
        ("On 17 October, Ukrainian air defence shot down 37 Shahed drones over Kyiv.",
         "air_defense"),
        ("Thousands protested in Berlin against the war and Russian missile strikes.", "protest"),
        ("Russian forces attempted to advance near Marinka but were repelled.", "clash"),
        ("Ukrainian forces regained control of Kherson after Russian troops left the city.",
         "advance"),
        ("Russian forces withdrew from Lyman after heavy fighting.", "withdrawal"),
        ("Russian soldiers shot dead a civilian man in Bucha.", "civilian_harm"),
        ("The Kakhovka dam was destroyed, flooding dozens of villages.", "flooding"),
        ("Russia announced a partial mobilisation of reservists.", "mobilisation"),
        ("Russia and Ukraine exchanged 200 prisoners of war.", "diplomacy"),
        ("Russian troops dug trenches near Svatove.", "fortification"),
        ("Water supply in Mykolaiv was cut off after the pipeline was damaged.",
         "infrastructure_damage"),
        ("The weather in Lviv was cold on Monday.", None),
    ],
)
def test_classify_event_type(text: str, expected: str | None) -> None:
    assert classify_event_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire, ISW and UN-monitoring wordings (paraphrases of the blind sets' misses)
        ("Ukrainian troops drove the occupiers out of the village of Pishchane.", "advance"),
        ("The town of Kupiansk fell to Russian forces.", "advance"),
        ("The village was freed from Russian occupation on Monday.", "advance"),
        ("Residents returned to Izium after the town came back under Ukrainian control.",
         "advance"),
        ("Russian units moved back from their positions near Kreminna.", "withdrawal"),
        ("Russian and Ukrainian troops exchanged fire near Kreminna.", "clash"),
        ("Sappers disposed of unexploded munitions near Izium.", "air_defense"),
        ("A girl was injured by explosive remnants of war near Lyman.", "strike"),
        ("The UN documented the arbitrary detention of civilians in Kherson.", "civilian_harm"),
        ("He was shot dead outside his home in Bucha.", "civilian_harm"),
        ("Residents of Lviv blocked a road, demanding the return of prisoners.", "protest"),
        ("Hostilities damaged a water pipeline in Toretsk.", "infrastructure_damage"),
        ("Several houses were burned down in the village of Bilohorivka.",
         "infrastructure_damage"),
        ("Fresh Russian units were seen arriving in Melitopol.", "mobilisation"),
        ("Russian forces placed concrete pyramids near Tokmak.", "fortification"),
        ("The occupiers turned the school into a military base.", "fortification"),
        ("Ukrainian forces re-established control over the village of Bohorodychne.",
         "advance"),
        ("The commander ordered the battalion to leave its positions near Bakhmut.",
         "withdrawal"),
        ("Electronic warfare units disabled a dozen Russian drones near Sumy.", "air_defense"),
        ("Rising water cut off the village of Dnipriany.", "flooding"),
        ("Occupation authorities confiscated the flats of residents who had fled Mariupol.",
         "civilian_harm"),
        # a consequence in the main clause is the news when its cause is dated earlier
        ("Parts of Odesa were without electricity on Monday after a Russian drone attack on "
         "a substation last week.", "infrastructure_damage"),
        # ... and when it is not: the outage in the main clause is the news, the attack its
        # cause (the blind writers of blind50/57/60 and evt; session 10)
        ("Parts of Odesa were without electricity after a Russian drone attack on a "
         "substation.", "infrastructure_damage"),
        ("The ministry said its forces had delivered a massive strike on depots near Lviv.",
         "strike"),
        ("Russia is massing troops near Kupiansk for a new offensive.", "mobilisation"),
        ("The brigade held off waves of Russian infantry near Avdiivka.", "clash"),
        ("Ukrainian paratroopers traded blows with Russian units near Bilohorivka.", "clash"),
        ("Russian troops abandoned their vehicles and fled from Balakliia.", "withdrawal"),
        ("Ukraine's Patriot systems knocked out a Kinzhal missile over Kyiv.", "air_defense"),
        ("Russian forces knocked out power in Kharkiv.", "infrastructure_damage"),
        ("A Russian tank ran over a civilian car in Bucha.", "civilian_harm"),
        ("Russian soldiers executed a local man in Irpin and left his body on the street.",
         "civilian_harm"),
        ("Wagner set up a field camp near Popasna.", "fortification"),
        ("Ukrainian forces moved into the village of Pravdyne.", "advance"),
        ("Russian troops moved into positions near Bakhmut.", "mobilisation"),
        ("Kyiv's forces have recovered 500 square kilometres of territory near Kherson.",
         "advance"),
        ("Outnumbered defenders gave up the ruined town of Marinka.", "withdrawal"),
        ("Russia reinforced its defences on the Kinburn Spit.", "fortification"),
        ("Ukraine sent additional units to reinforce the defence of Soledar.", "mobilisation"),
        ("Russia launched 100 missiles in the largest aerial assault of the war.", "strike"),
        ("A reconnaissance group came into contact with Russian forces near Vasiukivka.",
         "clash"),
        ("Bodies of civilians were found in Kherson after the Russian withdrawal.",
         "civilian_harm"),
        ("Unidentified people set fire to a railway relay cabinet near Kovel.",
         "infrastructure_damage"),
        ("Russian soldiers opened fire on a column of civilian cars evacuating from Mariupol.",
         "civilian_harm"),
        ("Russian soldiers who had killed civilians in Bucha withdrew from the town.",
         "withdrawal"),
        ("Ukrainian troops have reached the outskirts of Kherson and are closing in.", "advance"),
        ("A sapper team detonated an unexploded Russian rocket near a school in Balakliia.",
         "air_defense"),
        ("A Russian missile detonated near a school in Balakliia.", "strike"),
        ("Russian troops dug defensive positions near Oleshky, drone footage shows.",
         "fortification"),
        ("Russian forces are pulling back artillery from the Dnipro bank.", "withdrawal"),
        ("Ukrainian commanders decided to leave Lysychansk.", "withdrawal"),
        ("A man was found with gunshot wounds to the head in a basement in Bucha.",
         "civilian_harm"),
        # blind20 misses: protests without protest words, force-size
        # mobilisation, laid mines, outages in aftermath reports, dam warnings
        ("Police detained people who laid flowers at a monument in Moscow.", "protest"),
        ("Residents laid flowers at the site of the strike in Dnipro.", "strike"),
        ("Activists staged a performance outside the city hall in Kharkiv.", "protest"),
        ("Hundreds of pensioners assembled in Yerevan to demand higher pensions.", "protest"),
        ("Farmers drove tractors into Warsaw to oppose grain imports.", "protest"),
        ("About 500 marched through Wiesbaden on Saturday.", "protest"),
        ("A mobile fire group brought down a Shahed over Odesa.", "air_defense"),
        ("The Duma raised the age limit for military service to 30.", "mobilisation"),
        ("Putin has ordered the army to be increased by 170,000 soldiers.", "mobilisation"),
        ("Newly mobilised men arrived in Belgorod.", "mobilisation"),
        ("Engineers laid anti-tank mines along the border near Chernihiv.", "fortification"),
        ("A tractor hit an anti-tank mine near Izium.", "strike"),
        ("Three tanks were destroyed by artillery near Kreminna.", "strike"),
        ("Much of the village of Bohorodychne was destroyed.", "infrastructure_damage"),
        ("Chernihiv remained without gas after a Russian strike damaged a station.",
         "infrastructure_damage"),
        ("Engineers restored power in Kharkiv after the outage caused by shelling.",
         "infrastructure_damage"),
        ("Crews are repairing a water main in Sloviansk that was hit during the attack.",
         "infrastructure_damage"),
        ("A power line near Enerhodar was cut by shelling.", "infrastructure_damage"),
        ("Officials warned the dam near Pechenihy could fail after repeated shelling.",
         "flooding"),
        ("Russian forces blew up the road surface of the dam near Nova Kakhovka.", "strike"),
        ("Militants clashed with police in Kandahar, leaving two militants dead.", "clash"),
        ("Gunmen attacked a market in Kano, leaving five civilians dead.", "civilian_harm"),
        # blind21 misses
        ("Dozens of relatives lined up along the main street in Kyiv holding photographs.",
         "protest"),
        ("Residents holding Ukrainian flags greeted the troops who entered Kherson.", "advance"),
        ("Students in Minsk unfurled a banner against the war.", "protest"),
        ("Mothers of conscripts gathered in Makhachkala to voice their anger.", "protest"),
        ("The last defenders were ordered out of the plant in Mariupol.", "withdrawal"),
        ("Russia doubled the number of troops stationed in Belarus.", "mobilisation"),
        ("Ukrainian troops crossed the Oskil river near Kupiansk.", "advance"),
        ("Ukrainian troops crossed the Oskil river near Kupiansk and fought Russian units.",
         "clash"),
        ("UN monitors recorded the killing of 25 civilians in Izium.", "civilian_harm"),
        ("Soldiers forced residents of Vilkhivka out of their homes.", "civilian_harm"),
        # blind22 misses
        ("Residents of Skadovsk walked through the town with yellow ribbons.", "protest"),
        ("A man stood alone in the square in Perm with a sign reading 'No to war'.", "protest"),
        ("Parliament allowed convicts to join the army in exchange for parole.", "mobilisation"),
        ("Troops converted the school in Oleshky into a command post and surrounded it with "
         "concrete blocks.", "fortification"),
        ("Mass graves were found in a forest near Izium after the town was liberated.",
         "civilian_harm"),
        ("Occupation authorities seized the homes of residents in Melitopol.", "civilian_harm"),
        ("Traffic on the line near Lozova stopped after a section of track was sabotaged.",
         "infrastructure_damage"),
        ("Zelensky addressed the Japanese parliament, asking for more pressure on Moscow.",
         "diplomacy"),
        ("A Russian sabotage group clashed with border guards near Sumy.", "clash"),
        # blind23 misses
        ("The occupation administration relocated its offices from Kherson to Henichesk.",
         "withdrawal"),
        ("Russia has moved thousands of troops from Belarus to the Zaporizhzhia front.",
         "mobilisation"),
        ("Men crossed the border into Kazakhstan to avoid being drafted.", "mobilisation"),
        ("Children had been taken to camps in Russia and occupied Crimea.", "civilian_harm"),
        ("Residents of Bakhmut have had no electricity since the autumn.",
         "infrastructure_damage"),
        ("A gas pipeline exploded near Kyiv after being damaged by construction work.",
         "infrastructure_damage"),
        ("Russian forces used a private house in Bilohorivka as a firing position.",
         "fortification"),
        ("Workers at the plant in Enerhodar refused to sign contracts with Rosatom.", None),
        # blind24 misses
        ("Taxi drivers blocked the main boulevard in Chisinau over rising fuel prices.",
         "protest"),
        ("Ukrainian forces used electronic warfare to down a Russian drone near Kupiansk.",
         "air_defense"),
        ("The army is forming ten new assault brigades for the counteroffensive.",
         "mobilisation"),
        ("Russian forces made unsuccessful attempts to break into Avdiivka.", "clash"),
        ("Russian forces are holding 50 civilians in a police station in Vasylivka.",
         "civilian_harm"),
        ("Water supply in Mykolaiv has been restored after 18 months.", "infrastructure_damage"),
        ("The bridge in Staryi Saltiv was destroyed during the retreat.",
         "infrastructure_damage"),
        ("Residents clashed with police during a protest against mobilisation in Makhachkala.",
         "protest"),
        ("A ceasefire would allow engineers to repair power lines at the plant in Enerhodar.",
         "diplomacy"),
        # blind25 misses
        ("Residents of Berdiansk painted pro-Ukrainian graffiti on walls.", "protest"),
        ("Police in Belgrade broke up a gathering of war opponents.", "protest"),
        ("Ukraine began training its first F-16 pilots in Denmark.", "mobilisation"),
        ("Russian forces are fortifying the bank near Oleshky with trenches and firing "
         "positions.", "fortification"),
        ("Authorities ordered the construction of a defence system in the Kharkiv region.",
         "fortification"),
        ("Wagner fighters attacked Ukrainian defensive lines near Bakhmut.", "clash"),
        ("Ukrainian forces have gained up to 3 km near Bakhmut.", "advance"),
        ("Two volunteers were killed when Russian troops fired on their evacuation vehicle "
         "near Soledar.", "civilian_harm"),
        ("Russian troops fired on the centre of Kherson.", "strike"),
        ("The railway line was blocked after a freight train derailed near Lviv.",
         "infrastructure_damage"),
        ("Hungary blocked an EU aid package for Ukraine.", "diplomacy"),
        # blind26 misses
        ("Belarus deployed troops and air defence systems near the border in Gomel.",
         "mobilisation"),
        ("Electricity was partially restored in Kyiv after the attacks on 23 November.",
         "infrastructure_damage"),
        # blind27 misses
        ("Dozens of women whose husbands were mobilised staged a sit-down in Moscow.",
         "protest"),
        ("The air force said all 12 missiles fired at the capital had been destroyed before "
         "reaching Kyiv.", "air_defense"),
        ("Ukrainian troops pushed into the outskirts of Kreminna.", "advance"),
        ("Power has been cut in most of the Kherson region since Sunday.",
         "infrastructure_damage"),
        ("Repair crews had reconnected the plant in Enerhodar to the grid.",
         "infrastructure_damage"),
        ("Ukrainian forces have cleared Russian troops from the forest near Kreminna.",
         "advance"),
        # blind28-32 misses (paraphrased): what talks discuss is their topic
        ("The UN Security Council met in Geneva to discuss Russian strikes on Ukraine's power "
         "grid.", "diplomacy"),
        ("Zelensky and Duda discuss air defence in a phone call.", "diplomacy"),
        # an attack noun takes its agent and victims from its verb; conjoined verbs share
        # their object
        ("Gunmen killed 12 villagers in an attack in the Mopti region.", "civilian_harm"),
        ("Militiamen attacked and burned the village of Tawila, killing 9 civilians.",
         "civilian_harm"),
        ("An explosion at the airfield near Saky destroyed several Russian aircraft.", "strike"),
        ("Army and rebel fighters exchange fire in Goma despite ceasefire", "clash"),
        ("Kyiv accused Moscow of planning to blow up the Kakhovka dam.", "flooding"),
        ("Russian forces are preparing defences along the Dnipro near Oleshky.", "fortification"),
        ("Emergency power shutdowns were introduced in Odesa.", "infrastructure_damage"),
        ("The rail link to Kherson has been restored.", "infrastructure_damage"),
        ("Macron spoke by phone with Zelensky on Tuesday.", "diplomacy"),
        ("The grain deal was extended for another four months in Istanbul.", "diplomacy"),
        ("Russian forces made marginal gains west of Kreminna.", "advance"),
        ("Rebels overtook the town of Bunagana.", "advance"),
        ("Retreating Russian forces blew up a bridge in Kherson.", "strike"),
        ("Belarus conducted a snap combat readiness check of its army.", "mobilisation"),
        ("Ukrainian troops moved two kilometres forward near Robotyne.", "advance"),
        ("Russian troops mined the approaches to Tokmak and placed concrete blocks on the "
         "roads.", "fortification"),
        ("The water supply in Mykolaiv is not working.", "infrastructure_damage"),
        ("Summons were handed out to men at a shopping centre in Kazan.", "mobilisation"),
        ("Students formed a human chain in Kharkiv.", "protest"),
        ("Occupation officials fled Nova Kakhovka along with Russian troops.", "withdrawal"),
        # blind33-34 misses (paraphrased)
        ("Settlers attacked the village of Turmus Ayya, burning cars.", "civilian_harm"),
        ("Ukrainian troops beat off an armoured attack near Robotyne.", "clash"),
        ("The parliament lowered the age for combat service to 25.", "mobilisation"),
        ("Russia is moving reserves to Pokrovsk.", "mobilisation"),
        ("The only power plant in the city shut down after running out of fuel.",
         "infrastructure_damage"),
        ("The Russian garrison on the island was evacuated, Moscow said.", "withdrawal"),
        ("The Saky airfield in Crimea was damaged, satellite images showed.",
         "infrastructure_damage"),
        ("A railway bridge near Kupiansk was found destroyed.", "infrastructure_damage"),
        ("Parts of Oleshky were under three metres of water.", "flooding"),
        ("Yellow ribbons appeared on walls in occupied Melitopol.", "protest"),
        ("Thousands of volunteers signed up for the territorial defence in Odesa.",
         "mobilisation"),
        # blind35 misses (paraphrased): scene-setting words yield to the reported event
        ("Ukrainian forces advanced towards Svatove and clashed with Russian forces near "
         "Kuzemivka.", "clash"),
        ("Russian troops attacked near Kreminna but were pushed back; Ukrainian units "
         "counterattacked and advanced 2 km.", "clash"),
        ("Russia moved fresh units to the Bakhmut direction, where fighting intensified.",
         "mobilisation"),
        ("Russian forces shelled the flooded districts of Kherson.", "strike"),
        ("Zelensky and Macron discussed the situation at the front and air defence supplies in "
         "a phone call.", "diplomacy"),
        # ... but alone they are the news
        ("Ukrainian forces advanced towards Svatove.", "advance"),
        ("The flooded districts of Kherson were evacuated.", "flooding"),
        # blind36 misses (paraphrased)
        ("The tram network in Odesa stopped after a power failure.", "infrastructure_damage"),
        ("The water pumping station in Izium is out of order after the attack on 3 March.",
         "infrastructure_damage"),
        ("Floodwater entered hundreds of homes in Oleshky.", "flooding"),
        ("Ukrainian troops entered Kherson.", "advance"),
        ("Thousands took to the streets of Amman in solidarity with Gaza.", "protest"),
        ("Crowds took to the streets of Izium to celebrate its liberation.", "advance"),
        # blind37 misses (paraphrased)
        ("Ukrainian and Russian troops are contesting control of the road near Kreminna.",
         "clash"),
        ("Russian forces now control most of Marinka, the British defence ministry said.",
         "advance"),
        ("Fighting continues in Vovchansk, with Russian forces controlling the north of the "
         "town.", "clash"),
        ("Control over the village of Robotyne has been restored, the army said.", "advance"),
        ("Five Shahed drones were eliminated over the Odesa region.", "air_defense"),
        ("Mykolaiv has had no running water since Russian forces blew up the pumping station.",
         "infrastructure_damage"),
        ("Part of the dam on the Inhulets has been washed away.", "flooding"),
        ("Trains between Lviv and Kyiv are delayed because of power shortages.",
         "infrastructure_damage"),
        ("The army set up a field hospital in a school near Siversk.", "fortification"),
        ("Ukrainian artillery hit an ammunition depot near Svatove.", "strike"),
        ("Water from the reservoir has reached the outskirts of Nikopol.", "flooding"),
        # blind38 misses (paraphrased)
        ("Russian troops used chemical munitions against Ukrainian trenches near Siversk.",
         "strike"),
        ("Belarus is erecting a fence along its border with Ukraine.", "fortification"),
        # blind39 misses (paraphrased)
        ("Residents of Rafah said an air strike flattened a house where a family was "
         "sheltering, killing nine people.", "strike"),
        ("The rebels now hold the town of Masisi, UN experts said.", "advance"),
        ("Ukrainian units held their ground near Chasiv Yar despite Russian assaults.", "clash"),
        ("The water treatment plants in Gaza stopped working after fuel ran out.",
         "infrastructure_damage"),
        ("The highway between Kharkiv and Izium has been cut by fighting.",
         "infrastructure_damage"),
        ("Israel is building a buffer zone along the border.", "fortification"),
        ("Russia sent more troops to Belgorod to repel the incursion.", "mobilisation"),
        ("Troops opened fire to disperse a rally in Kherson.", "protest"),
        ("The two sides agreed to a three-day pause in fighting.", "diplomacy"),
        # blind40 misses (paraphrased)
        ("Deminers cleared 30 hectares and destroyed 120 explosive items near Izium.",
         "air_defense"),
        ("Wives of mobilised soldiers gathered outside the city hall in Kursk to complain.",
         "protest"),
        ("A soldier assaulted a woman in a village near Kherson, prosecutors said.",
         "civilian_harm"),
        ("Russian troops assaulted Ukrainian positions near Kherson.", "clash"),
        # blind41 misses (paraphrased headlines)
        ("Russia claims full control of Donetsk region after the town falls", "advance"),
        ("The besieged city of Mariupol was shelled again overnight.", "strike"),
        ("Grain prices fell in Odesa for a third week.", None),
        # blind42 misses (paraphrased): the re- family, shared objects, new verbs
        ("Ukrainian forces reoccupied Kyselivka without resistance.", "advance"),
        ("Russian units vacated Oleshky ahead of the Ukrainian advance.", "withdrawal"),
        ("Ukrainian units rotated out of Soledar.", "withdrawal"),
        ("The Russian MoD dispatched 3,000 newly mobilised soldiers to Svatove.", "mobilisation"),
        ("Mothers of conscripts petitioned outside the enlistment office in Kursk.", "protest"),
        ("Rail traffic in the Kharkiv region was halted after a bridge was found unsafe.",
         "infrastructure_damage"),
        ("Russian forces strengthened their positions along the highway near Kreminna.",
         "fortification"),
        ("Russian soldiers beat and robbed a family in Oleshky.", "civilian_harm"),
        # blind43 miss (paraphrased)
        ("The occupiers are turning Tokmak into a fortified area.", "fortification"),
        # blind44 miss (paraphrased): a passive push back is a repelled attack
        ("Fighting broke out near Klishchiivka; Russian troops were pushed back.", "clash"),
        ("Ukrainian troops pushed Russian forces back from Kupiansk.", "advance"),
        # blind45 miss (paraphrased): a closed compound of a civilian word is a civilian
        ("Soldiers detained a schoolteacher in Melitopol.", "civilian_harm"),
        ("Troops beat two farmworkers at a checkpoint near Izium.", "civilian_harm"),
        # blind46 misses (paraphrased): headlines drop auxiliaries and articles
        ("Russian troops beat off a Ukrainian attack near Kreminna.", "clash"),
        ("Rail link to Lyman severed", "infrastructure_damage"),
        ("Odesa substation destroyed, thousands without power", "infrastructure_damage"),
        ("Students take to streets in Tbilisi against new law", "protest"),
        ("Russian troops retreated from Kherson", "withdrawal"),
        ("Russia pummels Odesa port, destroys grain", "strike"),
        ("Russian tanks roll into Kupiansk", "advance"),
        ("Stocks were pummelled in London on Friday.", None),
        ("Russia drafts students in Crimea", "mobilisation"),
        ("Lawyers drafted a letter for the family in Lviv.", None),
        # topic words decide only when a report names no event
        ("Activists in Tbilisi painted the embassy fence blue and yellow.", "protest"),
        ("Russia now has about 30,000 troops in Belarus.", "mobilisation"),
        ("Russian troops shelled Kherson.", "strike"),
        ("Activists said Russian missiles hit a school in Kharkiv.", "strike"),
        # the same words without their context are no event
        ("Soldiers marched in the parade in Kyiv.", None),
        ("Police arrested the suspect in Kharkiv.", None),
        ("Russian forces took over 50 prisoners near Kupiansk.", None),
        ("The established control regime remains.", None),
        ("Russian forces blocked the road to Bakhmut.", None),
        # expelled diplomats are no advance, but a diplomatic act (PLOVER REDUCE RELATIONS)
        ("Two diplomats were expelled from Moscow.", "diplomacy"),
        ("Temperatures fell to minus ten in Kharkiv.", None),
        # success at a place, said of armed forces, is ground gained; success at talks is not
        ("Assault units continue offensive operations in the Bakhmut direction and are having "
         "success near Klishchiivka.", "advance"),
        ("Ukrainian troops achieved partial success near the village of Robotyne.", "advance"),
        ("The minister praised the success of the grain talks in Istanbul.", "diplomacy"),
        # (ev-m) humanitarian and monitoring wordings: a supply a place has none of is an
        # outage; a complex cause preposition names the weapon behind the casualties (also
        # after the last of coordinated casualty verbs); a participle after a preposition
        # describes the place; a plural in a force's name is a military word
        ("Mykolaiv has had no drinking water since April, when the pipeline was damaged in "
         "fighting near Kherson.", "infrastructure_damage"),
        ("Residents of Kherson live with no electricity.", "infrastructure_damage"),
        ("The mayor has no power to order an evacuation.", None),
        ("A man was killed and two people were injured as a result of Russian shelling of "
         "Nikopol.", "strike"),
        ("Two civilians were killed due to Russian shelling of Kherson.", "strike"),
        ("Russian forces have dug new trench lines and laid minefields around occupied "
         "Tokmak.", "fortification"),
        ("Thousands were displaced from Sinja after fighting between the Sudanese Armed Forces "
         "and the RSF reached the town.", "clash"),
        # the main verb of what a speaker said decides an aftermath report ("restored ...
        # after the attack, the governor said" is about the outage)
        ("Power was restored to 70 per cent of consumers in Kharkiv oblast after the attack, "
         "the governor said.", "infrastructure_damage"),
        # an outage that continues after the strikes is the news, as one that remains
        ("Blackouts continued in Kharkiv for a third day after Russian strikes destroyed the "
         "city's substations.", "infrastructure_damage"),
        ("Fighting continued in Bakhmut after Russian strikes hit the town.", "clash"),
        # armed parties named by acronym ground a fighting word; what a quantity is of is
        # what was destroyed; OCHA's "structures"
        ("Over 2,500 people were displaced from Kadugli after clashes between the SAF and the "
         "SPLM-N.", "clash"),
        ("Gangs burned dozens of homes in Petion-Ville, displacing 1,500 people.",
         "infrastructure_damage"),
        ("Israeli forces demolished 12 Palestinian-owned structures in Masafer Yatta.",
         "infrastructure_damage"),
        # monitoring wordings: a demarcated line, a drone that watches, "surrounding villages"
        ("The SMM observed 14 tanks in violation of withdrawal lines near Horlivka.", None),
        ("An SMM mini-UAV spotted a new trench extension near Zolote.", "fortification"),
        ("Over 400 people, including 90 children, were evacuated from Pokrovsk and surrounding "
         "communities over the past 24 hours.", None),
        ("Russian troops are surrounding villages near Avdiivka.", "clash"),
        ("On 8 June, water levels peaked in Oleshky.", "flooding"),  # a crest is flooding
        # an appeal to the public is a warning, not diplomacy; what it warns of is the event
        ("The regional administration urged residents of Oleshky to evacuate ahead of "
         "expected flooding.", "flooding"),
        ("The UN urged the government to protect civilians in Darfur.", "diplomacy"),
        # ev-o misses (paraphrased): 'neutralised' people is military-speak for killing
        # fighters, not a munition defused; harm done by hand frames its 'attack'; bandits
        # and gangs are attackers on foot
        ("The army said its jets had neutralised dozens of terrorists in airstrikes near "
         "Dikwa.", "strike"),
        ("Troops said they had neutralised 12 bandits in a gun battle near Tsafe.", "clash"),
        ("Sappers neutralised an anti-tank mine on a road near Izium.", "air_defense"),
        ("Militants beheaded three farmers in an attack on a village near Palma.",
         "civilian_harm"),
        ("Gangs looted shops and killed 15 people in an attack on Cabaret.", "civilian_harm"),
        ("Bandits stormed a village near Gusau, killing 30 residents.", "civilian_harm"),
        ("Troops stormed a rebel base near Gusau, killing 30 fighters.", "clash"),
        ("Russian forces killed two civilians in a drone attack on Kherson.", "strike"),
        # ev-r misses (paraphrased): the clauses after a non-state group's assault tell
        # whom it harmed (abducting, kidnapping, beheading, killing civilians), through a
        # list however it was parsed; an armed target keeps it a fight; torching homes is
        # arson (property destruction, as 'burned dozens of homes'); a former combatant is
        # a civilian
        ("Jihadists stormed a village near Djibo, abducting 20 women and looting cattle.",
         "civilian_harm"),
        ("Gunmen suspected to be bandits stormed the town overnight, shooting sporadically "
         "and kidnapping at least 30 people.", "civilian_harm"),
        ("Militants attacked villages near Macomia, burning huts and beheading two farmers.",
         "civilian_harm"),
        ("Rebels ambushed a bus carrying traders near Beni, killing the driver and four "
         "passengers.", "civilian_harm"),
        ("Fighters attacked worshippers at a mosque near Gao, killing 40 people.",
         "civilian_harm"),
        ("Insurgents ambushed an army convoy near Gao, killing ten soldiers.", "clash"),
        ("Unidentified armed men attacked the gendarmerie post in Kaya, killing three "
         "gendarmes.", "clash"),
        ("Gunmen opened fire on customers at a bar in Celaya, killing nine people.",
         "civilian_harm"),
        ("Militiamen torched dozens of homes in a village near Bunia.",
         "infrastructure_damage"),
        ("Partisans set fire to a railway relay cabinet near Melitopol.",
         "infrastructure_damage"),
        ("Dissidents killed three former FARC combatants in Tumaco.", "civilian_harm"),
        ("The army has built an earthen berm around the besieged town.", "fortification"),
        # the raid an abduction happened in, however the parser hung it (here on the
        # reporting verb); a fortified outpost is a defensive position
        ("Gunmen kidnapped 25 pupils, most of them girls, in a dawn raid on a school in "
         "Kebbi State, local officials told journalists.", "civilian_harm"),
        ("The army has set up a chain of fortified outposts along the border road.",
         "fortification"),
        # an 'as' clause sets the scene even when the parser hangs its 'as' on the subject
        ("The junta has dug trenches and laid mines around Kyaukphyu as Arakan Army fighters "
         "close in on the port town, residents said.", "fortification"),
    ],
)
def test_classify_new_wordings(text: str, expected: str | None) -> None:
    assert classify_event_type(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an outage or a facility's ruin in the main clause is the news; the attack named
        # only as its cause ('after ...', 'in/by ...') comes second
        ("Several districts of Odesa were left without water after a Russian drone hit a "
         "pumping station.", "infrastructure_damage"),
        ("Blackouts were imposed in Sumy after Russian drones hit a power plant.",
         "infrastructure_damage"),
        ("Rail traffic between Kyiv and Lviv was suspended after a missile hit a substation.",
         "infrastructure_damage"),
        ("The thermal power plant near Kharkiv was destroyed in a Russian missile attack.",
         "infrastructure_damage"),
        ("A gas pipeline in Izium was damaged by shelling.", "infrastructure_damage"),
        ("Half of the region's energy infrastructure has been damaged by Russian strikes.",
         "infrastructure_damage"),
        ("The bridge near Melitopol collapsed after an explosion.", "infrastructure_damage"),
        ("Kerch bridge span collapses into sea after early-morning blast",
         "infrastructure_damage"),
        ("A freight train derailed near Bryansk after an explosion damaged the track.",
         "infrastructure_damage"),
        ("Trains between Kharkiv and Kyiv were delayed for hours after Russian shelling "
         "damaged the overhead power lines near Lozova.", "infrastructure_damage"),
        ("As a result of the shelling, 11,000 customers in Nikopol were left without "
         "electricity.", "infrastructure_damage"),
        ("The nuclear power plant lost its last external power line after shelling.",
         "infrastructure_damage"),
        ("The power plant in Kurakhove was put out of operation by repeated shelling.",
         "infrastructure_damage"),
        ("A section of the motorway was closed after a missile damaged an overpass.",
         "infrastructure_damage"),
        # the attack as the main clause stays the news, whatever it damaged
        ("A Russian drone hit a pumping station in Odesa, leaving several districts without "
         "water.", "strike"),
        ("Russian missiles destroyed the thermal power plant near Kharkiv.", "strike"),
        ("Drone strikes on a substation caused a blackout in Sumy.", "strike"),
        # a site the attack hit that is no outage or ruin of its own keeps the strike first
        ("A fire broke out at an oil depot in Klintsy after a drone attack.", "strike"),
        ("Two private houses burned down in Orikhiv after the town came under artillery "
         "fire.", "strike"),
    ],
)
def test_outage_or_ruin_outranks_its_cause(text: str, expected: str) -> None:
    assert classify_event_type(text) == expected


@pytest.mark.parametrize(("text", "places", "place"), [
    # the ends of a route that was cut are not where it was cut, when the sentence names
    # the site of the damage
    ("Rail traffic between Kyiv and Odesa was suspended after a Russian missile hit a "
     "traction substation near Koziatyn.", "Kyiv;Odesa;Koziatyn", "Koziatyn"),
    ("A section of the Kyiv-Kharkiv motorway was closed after a Russian missile damaged an "
     "overpass near Poltava.", "Kyiv;Kharkiv;Poltava", "Poltava"),
    # ... and stay its place when it names no other
    ("Rail traffic between Kyiv and Odesa was suspended.", "Kyiv;Odesa", "Kyiv"),
])
def test_cut_route_is_placed_where_it_was_cut(text: str, places: str, place: str) -> None:
    events, pl = run(text, places)
    got = {pl[e.place].mention.text for e in events
           if e.type == "infrastructure_damage" and e.place is not None}
    assert got == {place}


@pytest.mark.parametrize(
    ("text", "word", "dep"),
    [
        # a headline's reduced passive: the subject is what was done to it
        ("Kharkiv thermal plant destroyed, half of city without heat", "plant", "nsubjpass"),
        ("Odesa substation destroyed, thousands without power", "substation", "nsubjpass"),
        # an agent keeps its subject; prose ends with a full stop and is left alone
        ("Russian troops retreated from Kherson", "troops", "nsubj"),
        ("Dozens of relatives lined up along the avenue in Kyiv holding photographs.",
         "Dozens", "nsubj"),
    ],
)
def test_headline_reduced_passive(text: str, word: str, dep: str) -> None:
    doc = load_nlp()(text)
    tag_events(doc, [])
    assert next(t for t in doc if t.text == word).dep_ == dep


def test_no_status_cue_reaches_across_a_semicolon() -> None:
    events, _ = run("Ukrainian and Russian forces clashed in Andriivka; Russian forces were "
                    "pushed back.", "Andriivka")
    assert {e.status for e in events} == {"reported"}


def test_a_denial_does_not_reach_a_clause_set_off_by_a_semicolon() -> None:
    events, _ = run("Putin ordered a ceasefire for Christmas; Ukraine rejected it, and shelling "
                    "continued in Bakhmut.", "Bakhmut")
    assert {e.type: e.status for e in events}["strike"] == "reported"
    events, _ = run("Russia denied shelling Bakhmut.", "Bakhmut")
    assert [e.status for e in events if e.type == "strike"] == ["denied"]


@pytest.mark.parametrize(("text", "places", "trigger", "status"), [
    # the condition of a threat is not asserted, and the threat is the news
    ("Moscow warned it would shell Kharkiv if Kyiv struck Belgorod again.",
     "Kharkiv;Kyiv:m;Belgorod", "struck", "hypothetical"),
    ("The minister threatened to hit Odesa unless Ukrainian troops withdrew from Kherson.",
     "Odesa;Kherson", "withdrew", "hypothetical"),
    # a 'before/until/once' clause under an open clause stays open ...
    ("Commanders debated whether to withdraw from Lyman before the bridge was destroyed.",
     "Lyman", "bridge", "hypothetical"),
    ("The two presidents would meet in Geneva only once a ceasefire deal was ready.",
     "Geneva", "deal", "hypothetical"),
    # ... but is reported under a reported or negated one
    ("Troops withdrew from Lyman before the bridge was destroyed.", "Lyman", "bridge",
     "reported"),
    ("The garrison did not leave Lyman until the bridge was destroyed.", "Lyman", "bridge",
     "reported"),
    # (ev-m) "no" is the outage itself, not a denial of it
    ("Mykolaiv has had no drinking water since April.", "Mykolaiv", "water", "reported"),
    # an expected or feared harm is a threat, not yet a report
    ("Residents were evacuated ahead of expected flooding in Kherson.", "Kherson", "flooding",
     "threatened"),
])
def test_conditions_and_pending_clauses(text: str, places: str, trigger: str,
                                        status: str) -> None:
    events, _ = run(text, places)
    assert {e.trigger: e.status for e in events}[trigger] == status


@pytest.mark.parametrize(("text", "places", "trigger", "status"), [
    # a scene with its own subject hung on a denial (or the gerund it denies) is asserted,
    # and the report's event is the flag raised, not the loss denied
    ("Russia denies losing Robotyne as Ukrainian troops raise flag over the village.",
     "Russia:m;Robotyne", "raise flag", "reported"),
    # ... but a clause inside what a 'that' clause denies is denied with it
    ("Russia denied that its troops had withdrawn from Kherson as Ukrainian forces advanced.",
     "Russia:m;Kherson", "advanced", "denied"),
])
def test_scene_of_a_denial_is_reported(text: str, places: str, trigger: str,
                                       status: str) -> None:
    events, _ = run(text, places)
    assert {e.trigger: e.status for e in events}[trigger] == status


@pytest.mark.parametrize(("text", "places", "etype", "place"), [
    ("Moscow warned it would shell Kharkiv if Kyiv struck Belgorod again.",
     "Kharkiv;Kyiv:m;Belgorod", "strike", "Kharkiv"),
    ("Commanders debated whether to withdraw from Lyman before the bridge was destroyed.",
     "Lyman", "withdrawal", "Lyman"),
])
def test_main_clause_beats_its_condition(text: str, places: str, etype: str,
                                         place: str) -> None:
    events, pl = run(text, places)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == etype
    assert best.place is not None and pl[best.place].mention.text == place


# --- nearest-exemplar fallback ----------------------------------------------------------


def test_exemplars_cover_every_type() -> None:
    ex = load_exemplars()
    assert set(ex.types) == {*EVENT_TYPES, "-"}
    assert len(ex.types) == len(ex.sources) == len(ex.vectors) > 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no trigger matches: the nearest labelled reports decide
        ("Sappers swept the fields around Izium.", "air_defense"),
        ("The Ukrainian foreign minister flew to Beijing for consultations.", "diplomacy"),
        # too little agreement among the neighbours: no event
        ("The museum in Lviv reopened after renovation.", None),
        ("Farmers in Poltava harvested a record wheat crop.", None),
        # a council's procedure shares only topic words with protests over budgets
        ("The Kyiv city council approved the budget for next year.", None),
    ],
)
def test_fallback_on_reports_without_triggers(text: str, expected: str | None) -> None:
    assert classify_event_type(text) == expected


def test_fallback_is_weak_and_placed_from_the_main_verb() -> None:
    text = "Sappers swept the fields around Izium."
    events = tag_events(load_nlp()(text), make_places(text, "Izium"))
    assert [e.type for e in events] == ["air_defense"]
    assert events[0].confidence < 0.3 and events[0].trigger == "swept"
    assert events[0].place == 0


def test_fallback_stays_out_of_long_articles() -> None:
    text = " ".join(["Sappers swept the fields around Izium."] * 4)
    assert tag_events(load_nlp()(text), []) == []


def test_held_out_exemplars_leave_a_set_out() -> None:
    words = content_lemmas(load_nlp()("Summons were handed out to men at metro stations."))
    ex = load_exemplars()
    own = [s for s in ex.sources if s.startswith("tests/data/event_reports_blind32.tsv:")]
    assert own
    with held_out_exemplars("tests/data/"):
        assert nearest_type(words) == ("-", 0.0)  # nothing left to compare with
    assert nearest_type(words)[1] > 0


# --- labelled sets --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "min_acc", "min_bal", "min_place"),
                         [("event_sentences.tsv", 0.95, 0.9, 0.9),
                          ("event_reports.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind2.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind3.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind4.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind5.tsv", 0.95, 0.9, 0.8),
                          ("event_reports_blind6.tsv", 0.9, 0.85, 0.85),
                          ("event_reports_blind7.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind8.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind9.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind10.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind11.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind12.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind13.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind14.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind15.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind16.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind17.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind18.tsv", 0.9, 0.85, 0.85),
                          ("event_reports_blind19.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind20.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind21.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind22.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind23.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind24.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind25.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind26.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind27.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind28.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind29.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind30.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind31.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind32.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind33.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind34.tsv", 0.95, 0.9, 0.85),
                          # (multi-event reports: five judgement calls against the documented
                          # priorities stay misses)
                          ("event_reports_blind35.tsv", 0.85, 0.8, 0.85),
                          ("event_reports_blind36.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind37.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind38.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind39.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind40.tsv", 0.95, 0.9, 0.85),
                          # (headlines: the small model misparses many; see the report)
                          ("event_reports_blind41.tsv", 0.8, 0.8, 0.7),
                          ("event_reports_blind42.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind43.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind44.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind45.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind46.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind47.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind48.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind51.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_blind52.tsv", 0.95, 0.9, 0.85),
                          # (outside Ukraine; six judgement-heavy type misses stay)
                          ("event_reports_blind55.tsv", 0.9, 0.9, 0.85),
                          ("event_reports_evh.tsv", 0.95, 0.9, 0.9),
                          ("event_reports_evm.tsv", 0.95, 0.9, 0.85),
                          ("event_reports_evh2.tsv", 0.95, 0.9, 0.9),
                          ("event_reports_evj.tsv", 0.95, 0.8, 0.9),
                          ("event_reports_evj2.tsv", 0.95, 0.9, 0.9),
                          ("event_reports_evj3.tsv", 0.9, 0.9, 0.85),
                          ("event_reports_evj4.tsv", 0.95, 0.9, 0.9),
                          # (official statements: oblast-level and 'X region' rows)
                          ("event_reports_evl.tsv", 0.95, 0.9, 0.85),
                          # (local press outside Europe: small towns the gazetteer lacks and
                          # 'X territory/region' qualifiers cost places)
                          ("event_reports_evo.tsv", 0.9, 0.9, 0.75),
                          # (its second pass: bandits, ambushes and raids on civilians, LGA
                          # and commune qualifiers; towns the gazetteer lacks cost places)
                          ("event_reports_evr.tsv", 0.93, 0.88, 0.85),
                          # (Russian-side English: MoD briefings, governors, Russian spellings)
                          ("event_reports_evn.tsv", 0.95, 0.9, 0.9),
                          # (sites and decorated names: a plant, base or bridge named after
                          # one place and set at or near another, whose pick needs the real
                          # gazetteer's populations, which this harness fakes)
                          ("event_reports_pm.tsv", 0.95, 0.95, 0.85),
                          # (the rare types and hard conventions; two judgement calls stay)
                          ("event_reports_evq.tsv", 0.95, 0.95, 0.85),
                          # (Middle East, Caucasus and South Asia wire and monitor reports:
                          # camps, districts and bases inside towns cost places)
                          ("event_reports_evp.tsv", 0.95, 0.95, 0.85),
                          # (short texts: headlines, wire flashes, captions; towns the
                          # gazetteer lacks cost places)
                          ("event_reports_evs.tsv", 0.95, 0.9, 0.8),
                          # (the reference case as wire paragraphs: cause-or-consequence
                          # conventions on power facilities cost type)
                          ("event_reports_evu.tsv", 0.92, 0.88, 0.9),
                          # (reports of two or more events: the main one chosen and placed;
                          # a plant named for its oblast, a sea west of a port, a city given
                          # as its district cost places)
                          ("event_reports_evw.tsv", 0.95, 0.95, 0.85),
                          # (infrastructure attacks, session 10: flood warnings on a damaged
                          # dam or sewage station, a hypothetical outage, an unmatched
                          # 'without running drinking water' stay misses)
                          ("event_reports_evt.tsv", 0.9, 0.9, 0.8),
                          # (long wire stories, 4-8 sentences: power and oil facilities
                          # labelled infrastructure first, a mostly intercepted barrage
                          # labelled air defence, an evacuation labelled civilian harm, and
                          # a country or region in a background sentence cost type and place)
                          ("event_reports_evy.tsv", 0.8, 0.65, 0.72),
                          # (ACLED notes and local press from Africa's, Myanmar's, the
                          # Philippines' and Latin America's conflicts: villages the
                          # gazetteer lacks and admin qualifiers cost places)
                          ("event_reports_evx.tsv", 0.92, 0.93, 0.78),
                          # (blind61, session 10's held-out set, scored once at the final
                          # code; floors at its first contact: Russian spellings read as
                          # namesakes in Russia and sites the gazetteer lacks cost places)
                          ("event_reports_blind61.tsv", 0.88, 0.82, 0.8)])
def test_labelled_set_accuracy(name: str, min_acc: float, min_bal: float,
                               min_place: float) -> None:
    nlp = load_nlp()
    rows = read_table(name)
    per, ok = Counter(), Counter()
    place_ok = status_ok = n = 0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        places = make_places(row["text"], row["places"])
        with held_out_exemplars(f"tests/data/{name}:"):  # the fallback may not see the set
            events = tag_events(doc, places)
        dom = dominant_event(events, doc)
        gold = row["types"].split("|")[0]
        per[gold] += 1
        ok[gold] += (dom.type if dom else "-") == gold
        if gold == "-":
            continue
        n += 1
        best = dominant_event([e for e in events if e.type == gold], doc)
        got = places[best.place].mention.text if best and best.place is not None else "-"
        place_ok += got == row["place"]
        status_ok += (best.status if best else "-") == row["status"]
    acc = sum(ok.values()) / len(rows)
    bal = sum(ok[c] / per[c] for c in per) / len(per)
    assert acc >= min_acc
    assert bal >= min_bal
    assert place_ok / n >= min_place
    # (headlines the small model cannot parse have no event of the gold type, so no status)
    assert status_ok / n >= (0.8 if name == "event_reports_blind41.tsv" else 0.9)


# --- ev-p: Middle East, Caucasus and South Asia wire reports ---------------------------


@pytest.mark.parametrize(
    ("text", "spec", "etype", "place", "status"),
    [
        # a munition that "could reach" a town is a strike's range, not troops advancing
        ("Hezbollah's leader warned that the group's rockets could reach Haifa's port if Israel "
         "launched a full-scale war on Lebanon.", "Haifa;Israel:m;Lebanon", "strike", "Haifa",
         "threatened"),
        ("Russian troops reached the outskirts of Bakhmut.", "Bakhmut", "advance", "Bakhmut",
         "reported"),
        # "from X" after the victims is their home, however the parser hung it ...
        ("Separatist gunmen stopped buses on the highway near Musakhel, checked identity cards "
         "and shot dead 23 men from Punjab, police said.", "Musakhel;Punjab", "civilian_harm",
         "Musakhel", "reported"),
        # ... but people taken away from a place were there
        ("Russian soldiers abducted 12 residents from Oleshky, officials said.", "Oleshky",
         "civilian_harm", "Oleshky", "reported"),
        # what people flee is why they left, not a clash at the crossing
        ("Israeli strikes knocked out the main road at the Masnaa crossing, cutting the route "
         "used by thousands of people fleeing the fighting.", "Masnaa", "strike", "Masnaa",
         "reported"),
        # cables cut by an anchor: the ship "sunk by the Houthis" only describes the ship
        ("Three undersea internet cables in the Red Sea were cut after the anchor of a cargo ship "
         "sunk by the Houthis dragged across the seabed.", "Red Sea:H", "infrastructure_damage",
         "Red Sea", "reported"),
        # warships sent somewhere are a deployment
        ("The Pentagon is sending two Navy destroyers to the eastern Mediterranean, the defence "
         "secretary said.", "Mediterranean:H", "mobilisation", "Mediterranean", "reported"),
        # air defences that limited the damage let the strike through
        ("Israeli jets struck missile factories near Tehran, Israel said; Iran said its air "
         "defences had limited the damage.", "Tehran;Israel:m;Iran:m", "strike", "Tehran",
         "reported"),
        # the deal was struck where the talks before it were held
        ("Armenia and Azerbaijan agreed on the text of a peace treaty after talks between their "
         "foreign ministers in Washington.", "Armenia:m;Azerbaijan:m;Washington", "diplomacy",
         "Washington", "reported"),
        # the town a place is measured from only locates it ...
        ("An Israeli airstrike hit a tent encampment in the al-Mawasi area west of Khan Younis, "
         "killing 11 people.", "al-Mawasi;Khan Younis", "strike", "al-Mawasi", "reported"),
        ("Settlers set fire to homes in the village of Huwara, south of Nablus, overnight, and a "
         "man was shot dead.", "Huwara;Nablus", "civilian_harm", "Huwara", "reported"),
        # the country across a border is not the side the event is on
        ("US aircraft struck weapons stores used by militias near al-Qaim, on the Iraqi side of "
         "the border with Syria.", "al-Qaim;Syria:C", "strike", "al-Qaim", "reported"),
        # a "where" clause on the area a place lies in describes the scene
        ("Fighting between the SDF and tribal fighters spread to Dhiban, in the eastern "
         "countryside of Deir ez-Zor, where tribesmen seized several checkpoints.",
         "Dhiban;Deir ez-Zor", "clash", "Dhiban", "reported"),
        # ... unless the place is a sea: a ship is placed at the port it is measured from
        ("Houthi forces fired two missiles at a tanker in the Gulf of Aden, about 60 nautical "
         "miles southeast of Aden, on Friday.", "Gulf of Aden:S;Aden", "strike", "Aden",
         "reported"),
        # a ship hit at sea is at sea, not where the claim was made
        ("Houthi forces claimed a missile attack on a tanker in the Red Sea, their spokesman said "
         "in a televised statement from Sanaa.", "Red Sea:S;Sanaa", "strike", "Red Sea",
         "reported"),
        # where a spokesman spoke is not where it happened ...
        ("The destroyer shot down three drones over the Red Sea, and the spokesman told "
         "reporters in Washington.", "Red Sea:S;Washington", "air_defense", "Red Sea",
         "reported"),
        # ... unless what was said is the event itself
        ("Authorities in the Zaporizhzhia region reported the shelling of Huliaipole for the "
         "third day.", "Zaporizhzhia;Huliaipole", "strike", "Huliaipole", "reported"),
        ("Russian air defence systems were reported active over Belgorod.", "Belgorod",
         "air_defense", "Belgorod", "reported"),
        # (ev-x: Sahel, Lake Chad, DRC) what a participle clause of outcome says the event
        # forced is its outcome ...
        ("Insurgents overran an army base in Marte on Sunday, forcing troops to withdraw, "
         "military sources said.", "Marte", "advance", "Marte", "reported"),
        ("Rebels clashed with the army near Kamenge on Monday, forcing soldiers to pull back "
         "to the town.", "Kamenge", "clash", "Kamenge", "reported"),
        # ... but troops forced to retreat in the main clause did retreat
        ("Government troops were forced to withdraw from Marte after a night of fighting.",
         "Marte", "withdrawal", "Marte", "reported"),
        # a military base or outpost is territory: abandoning it is a withdrawal
        ("The army abandoned its base in Diffa after repeated attacks, residents said.",
         "Diffa", "withdrawal", "Diffa", "reported"),
        ("The ministry denied that soldiers had abandoned the outpost at Kouri.", "Kouri",
         "withdrawal", "Kouri", "denied"),
        ("Rebels took the army base at Rumangabo overnight.", "Rumangabo", "advance",
         "Rumangabo", "reported"),
        # gunmen whose subject the parser hung on "suspected" still stormed the town
        ("Gunmen suspected to be Boko Haram stormed Damasak in Borno State late on Friday, "
         "burning houses and shops and killing three residents, police said.",
         "Damasak;Borno", "civilian_harm", "Damasak", "reported"),
        # militiamen read as a proper noun after the group's name are still militiamen
        ("Zaire militiamen attacked the village of Ngongo overnight, killing 12 residents.",
         "Ngongo", "civilian_harm", "Ngongo", "reported"),
        # a warning of what is going on or was done reports it ...
        ("Armed groups are recruiting children in Cite Soleil, UNICEF warned.",
         "Cite Soleil", "mobilisation", "Cite Soleil", "reported"),
        # ... a warning of what is to come threatens it
        ("Local leaders warned that the militia would attack Bunia within days.", "Bunia",
         "civilian_harm", "Bunia", "threatened"),
    ],
)
def test_evp_wire_reports(text: str, spec: str, etype: str, place: str, status: str) -> None:
    assert_main_event(text, spec, etype, place, status)


def assert_main_event(text: str, spec: str, etype: str, place: str, status: str) -> None:
    """The report's main event has this type, place mention and status."""
    events, places = run(text, spec)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == etype
    assert best.place is not None and places[best.place].mention.text == place
    assert best.status == status


# --- evw: reports with two or more events, where the main one is chosen --------------


@pytest.mark.parametrize(
    ("text", "spec", "etype", "place", "status"),
    [
        # an irregular past form the tagger takes for a noun is still the verb
        ("Government troops retook Kosti after a week of fighting, the army said.", "Kosti",
         "advance", "Kosti", "reported"),
        # consultations between envoys are talks, held where the text says
        ("EU ambassadors held urgent consultations in Brussels after Russian drones were shot "
         "down over the Lublin region.", "Brussels;Lublin", "diplomacy", "Brussels", "reported"),
        # the losers leaving the place just taken are the capture's outcome ...
        ("Rebels captured Bunia on Friday, and the army withdrew to the south, residents said.",
         "Bunia", "advance", "Bunia", "reported"),
        # ... and raiders falling back, with no place they left, the attack's
        ("Gunmen attacked a police post in Kaya; after two hours of fighting the attackers "
         "withdrew, officials said.", "Kaya", "clash", "Kaya", "reported"),
        # but a withdrawal from a place after fighting is the news
        ("Russian troops attacked positions near Vovchansk, and Ukrainian units withdrew from "
         "Starytsia, the brigade said.", "Vovchansk;Starytsia", "withdrawal", "Starytsia",
         "reported"),
        ("Government forces withdrew from Homs after days of fighting with rebels.", "Homs",
         "withdrawal", "Homs", "reported"),
        # a report that leads with a denial is about the denied event, not the claim after it
        ("Kyiv denied that its troops had left Toretsk. The Russian Defence Ministry had "
         "claimed on Sunday that its forces had taken control of the town.", "Kyiv:m;Toretsk",
         "withdrawal", "Toretsk", "denied"),
        ("Israel denied that its jets had struck a hospital in Gaza City. Witnesses said a "
         "strike hit the building's courtyard.", "Israel:m;Gaza City", "strike", "Gaza City",
         "denied"),
        # (a denial after the lead's claim leaves the claim the news)
        ("Rebels said they had shot down a helicopter near Nyala; the army denied losing any "
         "aircraft.", "Nyala", "air_defense", "Nyala", "reported"),
        # fewer downed than launched: some got through, the attack is the news ...
        ("Russia launched 25 drones at Odesa overnight; air defences shot down 19 drones, the "
         "air force said.", "Odesa", "strike", "Odesa", "reported"),
        ("Russia launched six missiles at Kyiv; air defences destroyed four of the missiles.",
         "Kyiv", "strike", "Kyiv", "reported"),
        ("Russia fired 10 missiles at Kyiv overnight; 8 were shot down, the air force said.",
         "Kyiv", "strike", "Kyiv", "reported"),
        ("Russia attacked Kharkiv with 20 drones overnight, and air defences destroyed 15 of "
         "them.", "Kharkiv", "strike", "Kharkiv", "reported"),
        # ... all of them downed is an interception
        ("Russia attacked Kharkiv with 20 drones overnight, and air defences destroyed 20 of "
         "them.", "Kharkiv", "air_defense", "Kharkiv", "reported"),
        ("Russia launched 25 drones at Odesa overnight; air defences shot down 25 drones, the "
         "air force said.", "Odesa", "air_defense", "Odesa", "reported"),
        # where the downed weapons were launched at is the interception's place, not the
        # town their debris hit
        ("Air defences shot down 10 drones launched at the Sumy region overnight, and debris "
         "damaged houses in Shostka.", "Sumy;Shostka", "air_defense", "Sumy", "reported"),
        # an envoy arriving is a visit; troops arriving are a deployment
        ("The UN envoy arrived in Khartoum to push for a truce as shelling continued in "
         "Omdurman.", "Khartoum;Omdurman", "diplomacy", "Khartoum", "reported"),
        ("Fresh troops arrived in Kupiansk to reinforce the garrison.", "Kupiansk",
         "mobilisation", "Kupiansk", "reported"),
        # two sides firing at each other are a clash; blaming each other leaves the strike
        ("Indian and Pakistani troops fired at each other along the Line of Control near Uri.",
         "Uri", "clash", "Uri", "reported"),
        ("The two sides accused each other of shelling Enerhodar.", "Enerhodar", "strike",
         "Enerhodar", "reported"),
        # an evacuation ordered for a flood the speakers say could come is the flood threat
        ("Officials ordered residents of Zhytomyr's riverside streets to leave, saying the "
         "damaged dam upstream could burst.", "Zhytomyr", "flooding", "Zhytomyr",
         "hypothetical"),
        ("Israeli forces ordered residents of eastern Khan Younis to leave their homes.",
         "Khan Younis", "civilian_harm", "Khan Younis", "reported"),
    ],
)
def test_evw_main_event_of_several(text: str, spec: str, etype: str, place: str,
                                   status: str) -> None:
    assert_main_event(text, spec, etype, place, status)


@pytest.mark.parametrize(("text", "spec", "etype"), [
    # a clause after a semicolon follows the lead like a sentence of its own
    ("Moscow declared a truce for Easter; Kyiv rejected it, and shelling continued in Kherson.",
     "Moscow:m;Kyiv:m;Kherson", "diplomacy"),
    ("Moscow declared a truce for Easter. Kyiv rejected it, and shelling continued in Kherson.",
     "Moscow:m;Kyiv:m;Kherson", "diplomacy"),
    # (an interception after it is still the outcome of the lead's attack)
    ("Russia launched 12 drones at Sumy overnight; air defences shot down all of them.",
     "Sumy", "air_defense"),
])
def test_evw_semicolon_clause_follows_the_lead(text: str, spec: str, etype: str) -> None:
    events, _ = run(text, spec)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == etype


@pytest.mark.parametrize(("text", "spec", "speech_site"), [
    ("Three drones were shot down overnight, John Kirby told reporters in Washington.",
     "Washington", "Washington"),
    ("A tanker was struck by a missile, the group's spokesman said in a statement from Sanaa.",
     "Sanaa", "Sanaa"),
    ("A rocket hit a school, the ministry said at a briefing in Beirut.", "Beirut", "Beirut"),
])
def test_evp_speech_site_is_no_event_place(text: str, spec: str, speech_site: str) -> None:
    # where a spokesman spoke is not where the event happened: no place rather than that one
    events, places = run(text, spec)
    assert events
    assert all(e.place is None or places[e.place].mention.text != speech_site
               or e.link not in ("parse", "sentence") for e in events)


# --- the seed article (issue 4) -------------------------------------------------------

SEED_PLACES = [
    # (surface, feature class, role); "Ukraine said …" is made metonymic below
    ("Ukraine", "A", "literal"), ("Kherson", "P", "literal"), ("Dnieper river", "H", "literal"),
    ("Kharkiv region", "A", "literal"), ("Donbas region", "L", "literal"),
    ("Moscow", "P", "metonymic"), ("Kyiv", "P", "metonymic"), ("Russia", "A", "metonymic"),
    ("the region", "A", "literal"),
]


def seed_places(text: str) -> list[Place]:
    out = []
    for surface, cls, role in SEED_PLACES:
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            r = role
            if surface == "Ukraine" and re.match(r"\s+(said|may)|’s (energy|push)",
                                                 text[m.end():m.end() + 12]):
                r = "metonymic"
            if surface == "Ukraine" and re.search(r"(accused|blame)\s+$", text[:m.start()]):
                r = "metonymic"
            cand = Candidate(f"test:{surface}", surface, 47.0, 33.0, cls, "X", "UA")
            out.append(Place(Mention(m.group(), m.start(), m.end(), "", "GPE"), cand, r, 0.9))
    return sorted(out, key=lambda p: p.mention.start)


@pytest.fixture(scope="module")
def seed() -> tuple[list[Event], list[Place], str]:
    text = SEED.read_text(encoding="utf-8")
    places = seed_places(text)
    focus = next(i for i, p in enumerate(places) if p.mention.text == "Ukraine")
    events = tag_events(load_nlp()(text), places, date="2022-10-21", focus=focus)
    return events, places, text


def _types_at(seed: tuple[list[Event], list[Place], str], surface: str,
              context: str) -> set[str]:
    events, places, text = seed
    types = place_event_types(events, len(places))
    at = text.index(context)
    idx = [i for i, p in enumerate(places)
           if p.mention.text == surface and at <= p.mention.start < at + len(context)]
    assert idx, (surface, context)
    return set(types[idx[0]])


@pytest.mark.parametrize(
    ("surface", "context", "etype"),
    [
        ("Kherson", "southern city of Kherson", "fortification"),
        ("the region", "88 towns and villages in the region", "advance"),
        ("Dnieper river", "west bank of the Dnieper river", "advance"),
        ("Kharkiv region", "northeast Kharkiv region", "advance"),
        ("Donbas region", "eastern Donbas region", "infrastructure_damage"),
        ("Ukraine", "civilian infrastructure in Ukraine", "infrastructure_damage"),
        ("Ukraine", "civilian infrastructure in Ukraine", "strike"),
        ("Ukraine", "Ukraine’s thermal generation", "infrastructure_damage"),
        ("Ukraine", "dam in southern Ukraine", "flooding"),
    ],
)
def test_seed_article(seed: tuple[list[Event], list[Place], str], surface: str, context: str,
                      etype: str) -> None:
    assert etype in _types_at(seed, surface, context)


def test_seed_dam_is_a_threat_and_call_is_unplaced(
        seed: tuple[list[Event], list[Place], str]) -> None:
    events, places, _ = seed
    flood = [e for e in events if e.type == "flooding" and "southern Ukraine" in e.sentence]
    assert flood and all(e.status == "threatened" for e in flood)
    calls = [e for e in events if e.type == "diplomacy"]
    assert calls
    assert all(e.place is None or places[e.place].mention.text != "Kherson" for e in calls)
    ceasefire = [e for e in events if "ceasefire" in e.sentence and e.type == "diplomacy"]
    assert ceasefire and ceasefire[0].status == "reported"  # the appeal itself


# --- attacks in terror and crime reports (ACLED: violence against civilians) -----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no remote weapon, no armed opponent: the attack harms civilians
        ("Four shoppers were hurt in a knife attack at a market in Leeds on Friday.",
         {"civilian_harm"}),
        ("The town has not recovered from the terrorist attack on its main square.",
         {"civilian_harm"}),
        ("Two teachers were wounded in the attack, the police said.", {"civilian_harm"}),
        ("The attack, carried out with a machete, happened outside a cinema.",
         {"civilian_harm"}),
        ("A string of attacks left 40 people dead across the capital last year.",
         {"civilian_harm"}),
        ("The footballer was charged with assault after a fight in a bar.",
         {"civilian_harm", "clash"}),
        ("A gunman shot the ambassador at an art gallery.", {"civilian_harm"}),
        # arson is property destruction
        ("He confessed to the arson attack on the mosque.", {"infrastructure_damage"}),
        # gunmen against police or soldiers: an armed exchange
        ("Gunmen fired on an army patrol outside the town, officials said.", {"clash"}),
        ("The militants had planned to attack a police station in the north.", {"clash"}),
        ("Dozens have been killed in tribal clashes this month.", {"clash"}),
        # a bomb that kills and wounds is one strike
        ("A roadside bomb killed three soldiers and wounded four others.", {"strike"}),
        # unchanged: armed sides and remote weapons
        ("Russian forces attacked Ukrainian positions near Bakhmut.", {"clash"}),
        ("Two civilians were wounded in a Russian attack on the town.",
         {"civilian_harm", "strike"}),
    ],
)
def test_attack_types_in_terror_and_crime_reports(text: str, expected: set[str]) -> None:
    events, _ = run(text, "", date=None)
    assert {e.type for e in events} == expected


@pytest.mark.parametrize(
    ("text", "far_km", "place"),
    [
        # the gazetteer's only "Korabel" lies 400 km away: the district is Kherson's
        ("Flood waters reached Kherson, submerging the Korabel district.", 4.0, "Kherson"),
        # a reading inside the city is the finer point
        ("Flood waters reached Kherson, submerging the Korabel district.", 0.02,
         "Korabel district"),
    ],
)
def test_city_district_unknown_to_the_gazetteer_is_the_city(text: str, far_km: float,
                                                            place: str) -> None:
    city = Candidate("test:city", "Kherson", 46.64, 32.61, "P", "PPLA", "UA")
    part = Candidate("test:part", "Korabel", 46.64 + far_km, 32.61, "L", "LCTY", "UA")
    pl = [Place(Mention(name, text.index(name), text.index(name) + len(name), text, "GPE",
                        hint), cand, "literal", 0.9)
          for name, hint, cand in (("Kherson", None, city), ("Korabel district", "district",
                                                             part))]
    best = dominant_event(tag_events(load_nlp()(text), pl))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(("text", "trigger", "typ"), [
    # "the attack" with nothing of its own refers back to the article's attack
    ("A car bomb exploded near a bus station, killing 13 soldiers. Officials condemned the "
     "attack.", "attack", "strike"),
    ("A gunman shot the ambassador at a gallery. The president condemned the attack.",
     "attack", "civilian_harm"),
    # not to one told after it, nor to the dead and wounded of one
    ("The president condemned the attack. A gunman had shot the ambassador at a gallery.",
     "attack", "clash"),
    ("Three people were killed in the town. The president condemned the attack.", "attack",
     "clash"),
    # an attack its own clause types keeps that type
    ("A gunman shot the ambassador at a gallery. Later, soldiers repelled an attack on their "
     "checkpoint.", "repelled", "clash"),
])
def test_the_attack_refers_back(text: str, trigger: str, typ: str) -> None:
    events, _ = run(text)
    assert [e.type for e in events if e.trigger == trigger] == [typ]


@pytest.mark.parametrize(("text", "places", "place"), [
    # a street or square said to be in a town, read as a namesake far away: the town
    ("Relatives lined up along Khreshchatyk in Kyiv holding photographs.",
     [("Khreshchatyk", 48.63, 25.74, "PPL", "03"), ("Kyiv", 50.45, 30.52, "PPLC", "12")],
     "Kyiv"),
    ("People gathered in Kyiv's Independence Square for a minute of silence.",
     [("Kyiv", 50.45, 30.52, "PPLC", "12"), ("Independence", 39.09, -94.42, "PPL", "MO")],
     "Kyiv"),
    # a village of the region the town names stays the village
    ("Russian forces shelled Bilozerka in Kherson overnight.",
     [("Bilozerka", 46.63, 32.44, "PPLA2", "08"), ("Kherson", 46.64, 32.61, "PPLA", "08")],
     "Bilozerka"),
    # "the X neighbourhood of Y" reads either way round: the town is the larger reading
    ("Russian shelling hit the Kanal neighbourhood of Chasiv Yar.",
     [("Kanal", 46.09, 13.64, "PPLA", "SI.A1", 1_000),
      ("Chasiv Yar", 48.59, 37.86, "PPL", "05", 12_000)], "Chasiv Yar"),
    ("Israeli tanks shelled the Gaza neighbourhood of Shujaiya.",
     [("Gaza", 31.50, 34.47, "PPLA", "GZ", 410_000),
      ("Shujaiya", 56.85, 41.39, "PPL", "21", 58_000)], "Gaza"),
])
def test_place_in_a_town_read_far_away(text: str, places: list[tuple[str, float, float, str,
                                                                      str]],
                                       place: str) -> None:
    pl = [Place(Mention(name, text.index(name), text.index(name) + len(name), text, "GPE"),
                Candidate(f"test:{name}", name, lat, lon, "P", code, "UA", admin1_code=adm,
                          population=pop[0] if pop else 0),
                "literal", 0.9)
          for name, lat, lon, code, adm, *pop in places]
    best = dominant_event(tag_events(load_nlp()(text), pl))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(("text", "places", "place"), [
    # a pattern of attacks is the background of the dated one the report goes on to tell
    ("Russia has repeatedly targeted Odesa's ports since leaving the grain deal. Early on "
     "Monday, drones set fire to grain silos and a port terminal in Izmail, the regional "
     "governor said.", "Odesa;Izmail", "Izmail"),
    # ... but alone it is the news
    ("Russian forces repeatedly shelled Kharkiv overnight.", "Kharkiv", "Kharkiv"),
])
def test_habitual_attacks_are_background(text: str, places: str, place: str) -> None:
    events, pl = run(text, places)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(("text", "place", "etype", "status"), [
    # a trigger noun that only names a unit is no event, even as the first of two modifiers
    ("A Russian sabotage and reconnaissance group attempted to break through near Velyka "
     "Pysarivka.", "Velyka Pysarivka", "clash", "reported"),
    # explosions heard while air defence works are the air defence at work ...
    ("Loud explosions were heard in Odesa as air defence systems worked against drones.",
     "Odesa", "air_defense", "reported"),
    # ... but heard explosions alone are a strike
    ("Loud explosions were heard in Odesa overnight.", "Odesa", "strike", "reported"),
    # protection from what flies is air defence
    ("Patriot batteries could protect Dnipro from ballistic missiles, the mayor said.",
     "Dnipro", "air_defense", "hypothetical"),
    # a downed weapon's debris: the damage it did is the news, else (weakly) the interception
    ("Missile debris damaged a substation in Brovary.", "Brovary", "infrastructure_damage",
     "reported"),
    ("Wreckage of a Shahed drone fell on a house in Bila Tserkva.", "Bila Tserkva",
     "air_defense", "reported"),
    ("A Russian drone damaged a substation in Brovary.", "Brovary", "strike", "reported"),
    # drafted men are troops
    ("Russia is sending newly conscripted men to the front near Zaporizhzhia.", "Zaporizhzhia",
     "mobilisation", "reported"),
    # an outage however the water is described
    ("The pumping station's failure left Marhanets without drinking water.", "Marhanets",
     "infrastructure_damage", "reported"),
    # an air defence missile blamed for a blast is the weapon, no interception
    ("Moscow denied shelling the station in Lozova, blaming a Ukrainian air defence missile "
     "for the explosion.", "Lozova", "strike", "denied"),
    ("Air defence was active over Lozova overnight.", "Lozova", "air_defense", "reported"),
    # troops named with no event are still a deployment
    ("More Russian troops near Kupiansk, satellite images show.", "Kupiansk", "mobilisation",
     "reported"),
    # a coordinated verb phrase shares the first verb's modal
    ("Russian forces may try to cross the Oskil and advance on Kupiansk.", "Kupiansk",
     "clash", "hypothetical"),
])
def test_dominant_type_of_constructions(text: str, place: str, etype: str, status: str) -> None:
    events, places = run(text, place)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and (best.type, best.status) == (etype, status), \
        [(e.type, e.status, e.trigger) for e in events]
    assert best.place is not None and places[best.place].mention.text == place


@pytest.mark.parametrize(("text", "place", "absent"), [
    # a visit to the troops is a morale visit, not diplomacy
    ("The defence minister visited troops near Kupiansk.", "Kupiansk", "diplomacy"),
    ("Zelensky visited front-line positions near Bakhmut on Tuesday.", "Bakhmut", "diplomacy"),
    # ... nor a deployment of the troops visited
    ("The defence minister visited troops near Kupiansk.", "Kupiansk", "mobilisation"),
    ("Zelensky paid a visit to troops near Kupiansk.", "Kupiansk", "mobilisation"),
    # protecting civilians from shelling is no air defence
    ("The UN urged both sides to protect civilians in Kherson from shelling.", "Kherson",
     "air_defense"),
    ("Sabotage groups were active near Kupiansk, the army said.", "Kupiansk",
     "infrastructure_damage"),
    # (blind55) only troops that mass are a deployment, and combat aircraft are no fighting
    ("Storm clouds massed over Goma on Friday.", "Goma", "mobilisation"),
    ("Combat aircraft were seen over Goma.", "Goma", "clash"),
])
def test_type_not_tagged(text: str, place: str, absent: str) -> None:
    events, _ = run(text, place)
    assert absent not in {e.type for e in events}, [(e.type, e.trigger) for e in events]


# --- the known weak classes (ev-h) ----------------------------------------------------


@pytest.mark.parametrize(("text", "places", "etype", "place"), [
    # a venue the parser hung inside the talks' topic is still the venue
    ("Officials gathered for talks on ending the war in Ukraine in Jeddah on Saturday.",
     "Ukraine;Jeddah", "diplomacy", "Jeddah"),
    ("Kuleba and Lavrov met for talks on a ceasefire in Ukraine in Antalya.",
     "Ukraine;Antalya", "diplomacy", "Antalya"),
    ("Advisers met for talks on a peace plan for Ukraine in Copenhagen on Sunday.",
     "Ukraine;Copenhagen", "diplomacy", "Copenhagen"),
    ("Ministers held talks on air defences for Kyiv in Brussels on Thursday.",
     "Kyiv:m;Brussels", "diplomacy", "Brussels"),
    ("Grossi held talks on the safety of the plant in Zaporizhzhia with Russian officials in "
     "Istanbul.", "Zaporizhzhia;Istanbul", "diplomacy", "Istanbul"),
    # ... but the topic alone is no venue
    ("Ministers held talks on the situation in Kherson.", "Kherson", "diplomacy", "-"),
    # headlines drop the passive auxiliary: the town is what was hit, not the attacker
    ("Vuhledar shelled overnight, two civilians wounded", "Vuhledar", "strike", "Vuhledar"),
    ("Velyka Novosilka hit by glide bombs, regional governor says", "Velyka Novosilka",
     "strike", "Velyka Novosilka"),
    ("Kyiv without power after overnight missile strikes", "Kyiv", "strike", "Kyiv"),
    # movements: a withdrawal where it leaves, reinforcements where they go
    ("Ukrainian troops withdrew from Soledar to new lines closer to Bakhmut.",
     "Soledar;Bakhmut", "withdrawal", "Soledar"),
    ("Ukraine sent two more brigades from Zaporizhzhia to Bakhmut.",
     "Zaporizhzhia;Bakhmut", "mobilisation", "Bakhmut"),
    ("Ukraine moved air defence units from Lviv to Odesa to protect the port.",
     "Lviv;Odesa", "mobilisation", "Odesa"),
    ("The Russian command transferred paratroopers from Kherson to the Bakhmut sector.",
     "Kherson;Bakhmut", "mobilisation", "Bakhmut"),
    # (ev-h second set) a venue stacked on the talks after their topic's place, or after
    # a place of origin inside the topic
    ("The Pope's envoy held talks on humanitarian issues in Ukraine in Moscow.",
     "Ukraine;Moscow", "diplomacy", "Moscow"),
    ("Envoys held talks on the return of children deported from Kherson in Doha.",
     "Kherson;Doha", "diplomacy", "Doha"),
    ("Ministers held talks in Istanbul on the war in Ukraine.", "Istanbul;Ukraine",
     "diplomacy", "Istanbul"),
])
def test_weak_classes_placed(text: str, places: str, etype: str, place: str) -> None:
    events, pl = run(text, places)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and dom.type == etype
    assert (pl[dom.place].mention.text if dom.place is not None else "-") == place


def test_officials_gathering_for_talks_is_no_protest() -> None:
    events, _ = run("Senior officials gathered for talks on the grain deal in Istanbul.",
                    "Istanbul")
    assert {e.type for e in events} == {"diplomacy"}


@pytest.mark.parametrize(("text", "etype"), [
    ("Kuleba and Lavrov met for talks on a ceasefire in Ukraine in Antalya.", "diplomacy"),
    ("Zelenskiy, Biden discuss air defence in phone call", "diplomacy"),
    ("Zelensky, Erdogan discuss grain corridor in Lviv talks with UN chief", "diplomacy"),
])
def test_the_topic_of_talks_yields_to_the_talks(text: str, etype: str) -> None:
    events, _ = run(text, "Ukraine;Antalya" if "Antalya" in text else "")
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and dom.type == etype and dom.trigger not in ("ceasefire",
                                                                         "air defence")


def test_a_town_striking_back_stays_the_actor() -> None:
    events, pl = run("Kharkiv strikes back at Belgorod", "Kharkiv;Belgorod")
    placed = {pl[e.place].mention.text for e in events if e.place is not None}
    assert "Kharkiv" not in placed


@pytest.mark.parametrize(("text", "places", "status"), [
    # a falling reservoir warns of a breached or opened dam ...
    ("The water level in the Kakhovka reservoir is falling dangerously, hydrologists said.",
     "Kakhovka", "threatened"),
    ("Officials in Nikopol said the falling water level of the reservoir was threatening "
     "the town's water supply.", "Nikopol", "threatened"),
    # ... unless the breach is reported: then the fall is that flood's effect
    ("The water level in the Dnipro near Nikopol has dropped sharply after the dam was "
     "destroyed.", "Dnipro:H;Nikopol", "reported"),
])
def test_falling_reservoir_level(text: str, places: str, status: str) -> None:
    events, _ = run(text, places)
    flood = [e for e in events if e.type == "flooding"]
    assert flood and flood[0].status == status


def test_no_fallback_for_weapons_given() -> None:
    events, _ = run("France will deliver more Caesar howitzers to Ukraine by the spring.",
                    "Ukraine:M")
    assert events == []


@pytest.mark.parametrize(("text", "places", "etype", "place"), [
    # (blind51) a retaliation threatened in the main clause, not the condition it names
    ("Officials said Russian missiles would hit ministries in Kyiv if Ukraine struck Crimea.",
     "Kyiv;Ukraine:m;Crimea", "strike", "Kyiv"),
    # ... while a condition with no event of its type after it stays the news
    ("If Ukrainian troops recapture Melitopol, Crimea's land bridge would be cut.",
     "Melitopol;Crimea", "advance", "Melitopol"),
    # damage "in fighting" is the news, the fighting its cause
    ("The pumping station in Mykolaiv was damaged in fighting last month.", "Mykolaiv",
     "infrastructure_damage", "Mykolaiv"),
    ("The road bridge at Kupiansk was destroyed during fighting on Tuesday.", "Kupiansk",
     "infrastructure_damage", "Kupiansk"),
    # a place in the source's title ("the Kharkiv regional governor said") is no venue
    ("Three people were wounded in Chuhuiv, the Kharkiv regional governor said, blaming "
     "Russian shelling.", "Chuhuiv;Kharkiv", "strike", "Chuhuiv"),
    # attackers on foot killing civilians "in a wave of attacks": violence against civilians
    ("Gunmen killed 30 villagers in Djibo in a series of attacks on farms.", "Djibo",
     "civilian_harm", "Djibo"),
    ("Armed militias killed dozens of civilians in Nyala in a wave of attacks on camps.",
     "Nyala", "civilian_harm", "Nyala"),
    # ... but soldiers killed in such attacks are an armed clash
    ("Jihadists killed 12 soldiers in Djibo in a series of attacks on army posts.", "Djibo",
     "clash", "Djibo"),
    # an interception happens near what the weapon flew at, not where it was launched
    ("Air defences shot down two missiles launched from Crimea towards Odesa.",
     "Crimea;Odesa", "air_defense", "Odesa"),
    # (blind52) an ACLED sub-event label opening the note types the note's event
    ("Property destruction: On 25 February 2022, Ukrainian forces blew up the bridge in Irpin "
     "(Bucha, Kyiv).", "Irpin;Bucha;Kyiv", "infrastructure_damage", "Irpin"),
    ("Looting: On 17 May 2023, RSF fighters looted the central market in El Geneina (West "
     "Darfur).", "El Geneina;West Darfur", "infrastructure_damage", "El Geneina"),
    ("Mob violence: On 29 October 2023, hundreds of people stormed the airport in Makhachkala "
     "(Makhachkala, Dagestan).", "Makhachkala;Dagestan", "protest", "Makhachkala"),
    # the same note without a label reads its verbs
    ("On 25 February 2022, Ukrainian forces blew up the bridge in Irpin (Bucha, Kyiv).",
     "Irpin;Bucha;Kyiv", "strike", "Irpin"),
    # a hand weapon the parser hangs on the victims still makes an attack violence against
    # civilians, not a strike
    ("On 10 April 2023, ADF militants attacked villagers with machetes near Beni (Beni, "
     "Nord-Kivu). 20 civilians were killed.", "Beni;Nord-Kivu", "civilian_harm", "Beni"),
    # (blind54) a series or wave of explosions that destroys aircraft on the ground is a
    # strike, not an interception
    ("A wave of explosions destroyed four helicopters at the airfield near Berdiansk.",
     "Berdiansk", "strike", "Berdiansk"),
    # air defence that is hit or that reports is no air defence event
    ("A Russian missile struck a Ukrainian air defence battery near Odesa on Monday.",
     "Odesa", "strike", "Odesa"),
    ("Ukrainian air defence said a Russian drone had hit a warehouse in Sumy.", "Sumy",
     "strike", "Sumy"),
    # ... while air defence that acts still is one
    ("Ukrainian air defence was working over Kyiv overnight.", "Kyiv", "air_defense", "Kyiv"),
    ("The air defence forces said they shot down 20 drones over Kyiv.", "Kyiv", "air_defense",
     "Kyiv"),
    # a "where …" clause on the event's place describes the setting: the main clause's
    # event is the news
    ("Missiles hit a command post in Svatove, where Russian troops were regrouping.",
     "Svatove", "strike", "Svatove"),
    ("Fighting raged in Chasiv Yar, where Russian troops entered the eastern district.",
     "Chasiv Yar", "clash", "Chasiv Yar"),
    # of two strikes in a note, the one written with the ACLED admin qualifier is the note's
    ("On 3 March 2024, Russian forces fired missiles at Odesa. The next day, a drone hit a "
     "house in Kupiansk (Kupiansk, Kharkiv), killing a man.", "Odesa;Kupiansk;Kharkiv",
     "strike", "Kupiansk"),
    # "other missiles", "another drone": one more attack after the lead one, which stays
    # the report's event
    ("A missile struck a playground in central Dnipro. Other missiles hit a depot in "
     "Kremenchuk.", "Dnipro;Kremenchuk", "strike", "Dnipro"),
    # a clause the parser hangs on the trigger as a coordinated noun is another clause:
    # the arson's place is the cabinet's, not the line the halted trains run to
    ("Partisans set fire to a railway relay cabinet near Melitopol, halting Russian military "
     "supply trains on the line to Crimea for several hours, the Atesh movement said.",
     "Melitopol;Crimea", "infrastructure_damage", "Melitopol"),
    # looted goods are taken from where the looting was, not where they were taken to
    ("Looting: Russian soldiers removed the computers from the school in Hola Prystan and "
     "took them to Crimea.", "Hola Prystan;Crimea", "infrastructure_damage", "Hola Prystan"),
    # (blind55) troops that mass without an object are the troops moved, also when the
    # parser reads the verb as a reduced relative clause
    ("Thousands of Israeli troops and tanks massed in fields outside Sderot on Friday ahead of "
     "an expected ground offensive into Gaza.", "Sderot;Gaza", "mobilisation", "Sderot"),
    ("Russian battalions massed near Belgorod on Monday.", "Belgorod", "mobilisation",
     "Belgorod"),
    # what an event retaliates for is background
    ("US fighter jets struck two facilities near Albu Kamal in retaliation for attacks on US "
     "troops.", "Albu Kamal", "strike", "Albu Kamal"),
    ("Israeli jets struck Hamas posts in Gaza in response to rocket fire and attacks on soldiers "
     "near Sderot.", "Gaza;Sderot", "strike", "Gaza"),
    # demolishing houses is property destruction; a suicide bomber is a suicide bomb
    ("On 19 January 2024, Israeli forces demolished four houses in Jenin (Jenin, West Bank).",
     "Jenin;West Bank", "infrastructure_damage", "Jenin"),
    ("A suicide bomber drove an explosives-laden vehicle into a checkpoint in Beledweyne, "
     "killing at least 13 people.", "Beledweyne", "strike", "Beledweyne"),
    # drones flown in with reinforcements, and 'combat' as a modifier, are no fighting
    ("Congo's army flew reinforcements and combat drones into Goma this week.", "Goma",
     "mobilisation", "Goma"),
    ("Heavy combat continued near Bakhmut.", "Bakhmut", "clash", "Bakhmut"),
    # a wire story's lead carries its event; a later sentence's interception, clash or
    # advance is a second, smaller event or background
    ("A Russian drone attack on Odesa overnight damaged port infrastructure, killing two "
     "workers, officials said. Air defences shot down 17 of 20 drones launched from Crimea.",
     "Odesa;Crimea", "strike", "Odesa"),
    ("Russian and Ukrainian delegations met in Istanbul on Tuesday for talks on a ceasefire. "
     "Hours before the meeting, a missile strike on an administration building in Mykolaiv "
     "killed 12 people.", "Istanbul;Mykolaiv", "diplomacy", "Istanbul"),
    ("Russia is building trenches and anti-tank ditches around Tokmak, satellite images "
     "showed. Shelling in the Zaporizhzhia region killed two people on Sunday.",
     "Tokmak;Zaporizhzhia", "fortification", "Tokmak"),
    # a lead that only reports the harm is followed by its cause, which stays the news
    ("The grid operator introduced emergency power cuts in seven regions on Thursday. The "
     "outages followed a night in which Russian missiles hit a power plant in Burshtyn.",
     "Burshtyn", "strike", "Burshtyn"),
    # ... but harm someone did is the news of its own
    ("Jihadist fighters killed dozens of civilians in Djibo on Sunday, survivors said. The "
     "group claimed it had attacked a military camp in the town.", "Djibo",
     "civilian_harm", "Djibo"),
    # having pushed into a place is ground taken, not a mere movement
    ("Russian troops pushed into the northern outskirts of Vovchansk on Monday, officials "
     "said. Artillery fire hit the town's centre.", "Vovchansk", "advance", "Vovchansk"),
    # a relative clause that says who was there is no protest
    ("A Russian missile struck a cafe in Hroza on Thursday, killing 52 people who had "
     "gathered for a wake.", "Hroza", "strike", "Hroza"),
    ("Gunmen killed residents who had gathered at water points in Djibo.", "Djibo",
     "civilian_harm", "Djibo"),
    ("Police detained dozens of women who had gathered to protest against the call-up in "
     "Makhachkala.", "Makhachkala", "protest", "Makhachkala"),
    # ... nor does a time clause under a toll: it says what the victims were doing
    ("A Russian missile hit the centre of Sumy, killing 35 people as they gathered for a "
     "church service.", "Sumy", "strike", "Sumy"),
    ("Police detained 20 people in Tbilisi as they gathered to demand new elections.",
     "Tbilisi", "protest", "Tbilisi"),
    # a participle on an appositive describes the place
    ("Officials said they had found the bodies of hundreds of civilians in Bucha, a town "
     "north-west of Kyiv retaken from Russian forces this week.", "Bucha;Kyiv",
     "civilian_harm", "Bucha"),
    # troops rushed to a place are deployed there
    ("Ukraine has rushed additional brigades and artillery to Pokrovsk as Russian forces close "
     "in on the town, officials said. Reinforcements arrived overnight, a spokesman for the "
     "Khortytsia group of forces said.", "Ukraine:m;Pokrovsk;Khortytsia", "mobilisation",
     "Pokrovsk"),
    # what someone is blamed for is an earlier act
    ("Israel struck Beirut's southern suburbs on Tuesday, killing a commander it blamed for "
     "a rocket attack on the Golan Heights that killed 12 children.",
     "Israel:m;Beirut;Golan Heights", "strike", "Beirut"),
    # the fate of the lead's own weapon is the lead's outcome
    ("Houthi forces launched a drone at a ship in the Red Sea off Hodeidah. The drone was "
     "intercepted by a US warship.", "Red Sea:H;Hodeidah", "air_defense", None),
    # a front sector gives way to a town along it, even down another clause
    ("In the Kramatorsk direction the enemy tried five times to advance near Chasiv Yar and "
     "was repelled, the General Staff reported.", "Kramatorsk;Chasiv Yar", "clash",
     "Chasiv Yar"),
    # the goal a weapon was approaching is not where it was downed
    ("Air defences destroyed a drone approaching Moscow near Domodedovo, the mayor said.",
     "Moscow;Domodedovo", "air_defense", "Domodedovo"),
    # a summary line that places nothing gives the lead to the sentence that places its type
    ("Russia attacked overnight with five Shahed drones and two missiles. One missile hit an "
     "industrial enterprise in Kryvyi Rih; all the drones were shot down.", "Kryvyi Rih",
     "strike", "Kryvyi Rih"),
    ("There were 71 combat clashes over the past day. In the Pokrovsk direction our defenders "
     "repelled 23 attacks near Myrnohrad and Selydove.", "Pokrovsk;Myrnohrad;Selydove",
     "clash", "Myrnohrad"),
    # (evu) a call-up the state's own: its possessor, and a participle's main clause
    ("Putin ordered Russia's first mobilisation, calling up 300,000 reservists, and backed "
     "a plan to annex four regions of Ukraine.", "Russia:M;Ukraine:C", "mobilisation",
     "Russia"),
    # a country's town is the point unless it is only where the news was announced
    ("Russian troops began arriving in Belarus to form a joint force, the defence ministry "
     "in Minsk said.", "Belarus:C;Minsk", "mobilisation", "Belarus"),
    ("Missiles hit cities across Ukraine, with strikes recorded in Dnipro.",
     "Ukraine:C;Dnipro", "strike", "Dnipro"),
    # talks are held where their party is said to be met ("with the head of … in X")
    ("Grossi held talks with the head of Russia's nuclear company Rosatom in Istanbul on "
     "Wednesday.", "Russia:m;Istanbul", "diplomacy", "Istanbul"),
    ("Grossi held talks with the leaders of Turkey on Wednesday.", "Turkey:m", "diplomacy",
     "-"),
    # air defence that fired the missile that struck, or only tried to intercept, disrupted
    # nothing: the missile's hit is the event
    ("A missile that hit a grain facility in Przewodow, killing two men, was probably fired "
     "by Ukrainian air defences trying to intercept a Russian missile.", "Przewodow",
     "strike", "Przewodow"),
    ("Air defences tried to intercept the missiles, but one hit a house in Bucha.", "Bucha",
     "strike", "Bucha"),
    ("Air defences intercepted the missiles over Bucha.", "Bucha", "air_defense", "Bucha"),
    ("The missile was shot down by air defences over Bucha.", "Bucha", "air_defense",
     "Bucha"),
])
def test_blind_set_constructions(text: str, places: str, etype: str,
                                 place: str | None) -> None:
    events, pl = run(text, places)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and dom.type == etype, [(e.type, e.trigger) for e in events]
    if place is not None:  # None: the event's place is a linking question of its own
        assert (pl[dom.place].mention.text if dom.place is not None else "-") == place


@pytest.mark.parametrize(("text", "expected"), [
    ("Looting: On 5 May 2023, soldiers looted a shop.", "infrastructure_damage"),
    ("Property destruction: On 5 May 2023, ...", "infrastructure_damage"),
    ("Mob violence: On 2 June 2023, ...", "protest"),
    ("Non-violent transfer of territory: On 11 November 2022, ...", "withdrawal"),
    ("Abduction: On 3 May 2023, ...", "civilian_harm"),
    ("IED: On 3 May 2023, ...", "strike"),
    # a label two of our types share settles nothing, nor does a short modifier fragment
    ("Other: On 3 May 2023, ...", None),
    ("Air: On 3 May 2023, ...", None),
    # a place or a speaker before a colon is no label
    ("Kyiv: Russian forces shelled the city.", None),
    ("Zelensky: we will win.", None),
])
def test_note_label_type(text: str, expected: str | None) -> None:
    assert note_label_type(text) == expected


@pytest.mark.parametrize(("text", "place"), [
    # (blind52) a city district the gazetteer lacks is a part of the city named before it
    ("Russian forces launched drones at Kyiv. Energy infrastructure was hit in the "
     "Darnytskyi district.", "Kyiv"),
    ("Russian forces shelled Kharkiv. A school was hit in the Saltivskyi district.", "Kharkiv"),
    # with no city before it the district stays (unplaced, but no guess)
    ("A school was hit in the Saltivskyi district.", "Saltivskyi district"),
])
def test_unresolved_district_is_the_city_named_before(text: str, place: str) -> None:
    pl = []
    for name, hint, cand in (
            ("Kyiv", None, Candidate("test:kyiv", "Kyiv", 50.45, 30.52, "P", "PPLC", "UA")),
            ("Kharkiv", None, Candidate("test:kh", "Kharkiv", 49.99, 36.23, "P", "PPLA", "UA")),
            ("Darnytskyi district", "district", None),
            ("Saltivskyi district", "district", None)):
        if name in text:
            start = text.index(name)
            pl.append(Place(Mention(name, start, start + len(name), text, "GPE", hint), cand,
                            "literal", 0.9))
    pl.sort(key=lambda p: p.mention.start)
    best = dominant_event(tag_events(load_nlp()(text), pl), load_nlp()(text))
    assert best is not None and best.place is not None
    assert pl[best.place].mention.text == place


@pytest.mark.parametrize(("text", "expected"), [
    # a labour strike is a protest; a strike with a weapon, a target or a place is not
    ("Miners in Kryvyi Rih went on strike over unpaid wages.", "protest"),
    ("A coal miners' strike in Pavlohrad entered its third day.", "protest"),
    ("Teachers in Lviv are striking over pay.", "protest"),
    ("Striking dock workers blocked the port of Odesa.", "protest"),
    ("A strike by railway workers halted trains in Kyiv.", "protest"),
    ("A Russian strike on Kharkiv killed two workers.", "strike"),
    ("Workers were killed in a missile strike on a factory in Zaporizhzhia.", "strike"),
    ("Ukrainian forces struck a Russian depot near Tokmak.", "strike"),
    # a span of time entered is a duration, no ground taken
    ("The war in Ukraine entered its second year on Friday.", None),
    ("The siege of Mariupol entered its third week.", "clash"),
    ("Russian troops entered Kherson on Wednesday.", "advance"),
    # troops massing of their own is a mobilisation; an offensive expected is no advance
    ("Russian troops massed near Kupiansk ahead of a new offensive.", "mobilisation"),
    ("Thousands of Russian troops gathered on the border near Belgorod.", "mobilisation"),
    ("Enemy forces are concentrating near Lyman.", "mobilisation"),
    ("Russian forces are building up near Kupiansk.", "mobilisation"),
    ("A group of mothers of conscripts gathered outside the enlistment office in Makhachkala "
     "to voice their anger.", "protest"),
    ("Hundreds of people gathered in Kyiv to demand the release of prisoners.", "protest"),
    # ground held is a state: the fighting is the news
    ("Heavy fighting continues in Krynky, where Ukrainian marines have held a foothold since "
     "October.", "clash"),
    ("Ukrainian marines established a bridgehead on the left bank near Krynky.", "advance"),
    # harm done by the weather, with no armed actor, is no civilian harm
    ("Torrential rain flooded streets in Odesa, killing three people.", "flooding"),
    ("A storm in Odesa killed three people.", None),
    ("Russian troops shelled Oleshky as floodwaters rose, killing three civilians.", "strike"),
    ("Russian soldiers shot dead two men in Bucha during a storm.", "civilian_harm"),
    # an armed force's attack on civilian premises is a strike; with no force named, the
    # people harmed decide
    ("A Russian attack on a grocery store in Hroza killed 59 people.", "strike"),
    ("Russian attack on a cafe in Kramatorsk kills 12.", "strike"),
    ("An attack on a shopping mall in Kremenchuk killed 20 people.", "civilian_harm"),
    ("Gunmen attacked a hotel in Mogadishu, killing 9 people.", "civilian_harm"),
    # a detention for a protest act is a protest stopped
    ("A teenager was detained in Novosibirsk for painting an anti-war slogan.", "protest"),
    ("Russian forces detained a man in Melitopol for passing information to Ukraine.",
     "civilian_harm"),
    # an aerial attack stopped is an interception; a ground attack repelled a clash
    ("Russia says Ukrainian drone attack on Moscow foiled", "air_defense"),
    ("Russia thwarted a Ukrainian missile attack on Crimea.", "air_defense"),
    ("A massive drone attack on Kyiv was repelled overnight.", "air_defense"),
    ("Ukrainian troops repelled an attack near Robotyne.", "clash"),
    # troops pushed out of a place lost it; pushed back, their attack was repelled
    ("Ukrainian defenders have been pushed out of the centre of Sievierodonetsk.",
     "withdrawal"),
    ("Russian troops were expelled from Kherson.", "withdrawal"),
    ("Russian forces pushed Ukrainian troops out of the centre of Sievierodonetsk.", "advance"),
    ("Russian troops attacked Ukrainian positions near Bilohorivka but were pushed back.",
     "clash"),
    # attackers that fail and withdraw were repelled; an entry followed by fighting is an
    # incursion; a raid that kills civilians with no weapon named is an attack on them
    ("Russian forces attempted to storm Ukrainian positions near Tonenke but failed and "
     "withdrew.", "clash"),
    ("Russian forces withdrew from Kherson and blew up the bridge.", "withdrawal"),
    ("The Russian Volunteer Corps entered the village of Tetkino and clashed with Russian "
     "border guards.", "clash"),
    ("Russian troops entered Vovchansk.", "advance"),
    ("ADF militants raided a village near Beni, killing 12 civilians with machetes.",
     "civilian_harm"),
    ("Ukrainian special forces raided a Russian position near Krynky, killing 5 soldiers.",
     "clash"),
    # an air-defence system a strike destroys is its target, no interception
    ("A Ukrainian Bayraktar destroyed a Russian Tor air defence system near Svatove.",
     "strike"),
    ("Ukrainian air defence destroyed 20 drones over Kyiv.", "air_defense"),
    # diplomatic acts with no talks word: an envoy expelled, recalled or summoned, a state
    # sponsor of terrorism declared
    ("Moldova expelled a Russian diplomat over a plot to destabilise the government.",
     "diplomacy"),
    ("Poland recalled its ambassador from Moscow.", "diplomacy"),
    ("Ukraine summoned the Hungarian ambassador on Monday.", "diplomacy"),
    ("On 23 November 2022, the European Parliament declared Russia a state sponsor of "
     "terrorism.", "diplomacy"),
    # ... the same verbs with troops are not
    ("Ukrainian troops expelled the enemy from Kupiansk.", "advance"),
    ("The army recalled reservists to their units near Kharkiv.", "mobilisation"),
    # an armed side's attacks that kill people, with no weapon or target named, are the
    # harm to civilians; soldiers killed, or a place attacked, are not
    ("Russian attacks killed two people and injured seven others in Kherson Oblast over the "
     "past day.", "civilian_harm"),
    ("A Russian attack killed five Ukrainian soldiers near Bakhmut.", "clash"),
    ("A Russian attack on the city of Kramatorsk killed two people.", "strike"),
    ("A Russian attack on a grocery store in Hroza killed 59 people attending a wake.",
     "strike"),
    # soldiers out of the fight (surrendering, captive) shot: violence against them
    ("Russian troops shot Ukrainian soldiers who were trying to surrender near Robotyne.",
     "civilian_harm"),
    ("Russian troops shot three captured Ukrainian soldiers near Bakhmut.", "civilian_harm"),
    ("Ukrainian troops killed 20 Russian soldiers near Bakhmut.", "clash"),
    ("Ukrainian troops who had captured the hill killed 20 Russian soldiers near Bakhmut.",
     "advance"),
    # a building occupied while taking a town is part of the advance; a building alone is
    # no territory
    ("Wagner mercenaries stormed the village of Yahidne and occupied the school.", "advance"),
    ("Russian troops have occupied the hospital in Nova Kakhovka and turned it into a "
     "military base.", "fortification"),
    # walls and barriers built are fortification
    ("Egypt is building a walled enclosure in the Sinai desert near the border crossing at "
     "Rafah, amid fears of an Israeli offensive.", "fortification"),
    ("Lithuania began erecting a barrier along its border with Belarus.", "fortification"),
    ("Residents were kept in an enclosure near the school in Bucha.", None),
    # a threat to a ship bound for a country's ports is a threatened strike
    ("The Houthis threatened on Monday to target any ship bound for Israeli ports, including "
     "Haifa.", "strike"),
    # armed men killing civilians after a fight with others is a reprisal, not its toll
    ("On 30 December 2022, members of the VDP auxiliary force killed at least 28 civilians in "
     "Nouna after an attack on a VDP post.", "civilian_harm"),
    ("Soldiers killed five villagers after fighting with rebels near Beni.", "civilian_harm"),
    ("Three civilians were killed after clashes between the army and militants near Gao.",
     "clash"),
    ("Russian troops killed two civilians after shelling Kherson.", "strike"),
    # an attack the report leads with stays its event when only part of it was intercepted
    ("On 2 January 2024, Russian forces launched a combined missile and drone attack on Kyiv. "
     "Air defences shot down most of the missiles; debris injured 40 people.", "strike"),
    ("On 29 December 2022, Russia launched a massive missile attack across Ukraine; Ukrainian "
     "air defence intercepted 54 of 69 missiles. Strikes hit infrastructure in Kyiv, Lviv and "
     "Odesa.", "strike"),
    # all of it intercepted, or the interception told first, it is the interception
    ("On 5 November 2023, Houthi forces launched a drone at a ship in the Red Sea off "
     "Hodeidah. The drone was intercepted by a US warship.", "air_defense"),
    ("On 5 December 2022, Ukrainian forces intercepted 60 of 70 Russian missiles across "
     "Ukraine; debris fell on a house in Zaporizhzhia.", "air_defense"),
    ("Ukrainian forces shot down 43 of the 84 missiles launched at Ukrainian cities.",
     "air_defense"),
    # a side's account in a 'saying …' clause gives way to the main clause's event
    ("Sudan's RSF denied on Thursday that its fighters had killed dozens of villagers in "
     "al-Hilaliya, Gezira state, saying it had fought army-aligned militias there.",
     "civilian_harm"),
    ("Russian forces shelled Kherson on Monday, claiming they had hit Ukrainian positions.",
     "strike"),
    # with nothing else in the report, what is said is the event
    ("The governor posted on Telegram, saying Russian missiles hit Kharkiv.", "strike"),
    # a tank's (or gunboat's) fire is shelling whatever it hits; men firing on a car harm
    # its passengers; a company firing workers dismisses them
    ("On 21 December 2022, a Russian tank fired at a civilian car near Kupiansk, killing a "
     "family of three.", "strike"),
    ("Russian tanks fired at Ukrainian positions in Bilohorivka from across the river.",
     "strike"),
    ("Russian soldiers fired at a civilian car near Kupiansk, killing a family of three.",
     "civilian_harm"),
    ("Soldiers fired on civilians in Bucha.", "civilian_harm"),
    ("The company fired 20 workers in Kharkiv.", None),
    # the General Staff's count of combat engagements is fighting; an engagement alone is not
    ("There were 80 combat engagements near Bakhmut yesterday.", "clash"),
    ("The engagement of the prince was announced in London.", None),
    # a naming verb's complement labels the event its object is, not another one
    ("Kuleba called the overnight missile attack on Odesa's historic centre, which damaged "
     "the Transfiguration Cathedral, a war crime.", "strike"),
    ("Occupation authorities have begun demolishing the ruins of the Mariupol drama theatre, "
     "the ombudsman said, calling it an attempt to hide evidence of a war crime.",
     "infrastructure_damage"),
    # Russian MoD usage: fire damage inflicted is shelling or an air strike
    ("Units of the Dnepr group of forces inflicted fire damage on Ukrainian marine brigades "
     "near Krynky, the ministry said.", "strike"),
    # General Staff usage: a counterattack to restore lost positions is fighting
    ("Russian troops attempted to restore lost positions near Robotyne, the General Staff "
     "said.", "clash"),
    # responsibility claimed for an attack: the attack happened (a purpose would not have)
    ("Hezbollah claimed responsibility for an attack on an Israeli army position in Shtula.",
     "clash"),
    # Russian MoD usage: more advantageous lines taken are an advance, pulled back to a
    # withdrawal
    ("The Russian Defence Ministry said units of the Tsentr group had taken more "
     "advantageous lines and positions near Ocheretyne.", "advance"),
    ("Russian forces withdrew to more advantageous lines east of Kupiansk.", "withdrawal"),
    # a body's own meeting is no talks between sides
    ("Russia's Defence Ministry said Sergei Shoigu had chaired a board meeting in Moscow on "
     "military medicine.", None),
])
def test_probe_wordings(text: str, expected: str | None) -> None:
    assert classify_event_type(text) == expected


@pytest.mark.parametrize(("text", "places", "trigger", "status"), [
    # the backshifted 'will' of an announcement: a decision announced is the news, harm
    # announced is a threat, a meeting promised or a decision on a condition is still open
    ("Russia announced it would withdraw its troops from Kherson.", "Kherson", "withdraw",
     "reported"),
    ("Russia said it would call up 300,000 reservists in Crimea.", "Crimea", "call up",
     "reported"),
    ("Medvedev said Russian missiles would target Kyiv.", "Kyiv", "target", "threatened"),
    ("Medvedev said Russian missiles would target Kyiv if Ukraine attacked Crimea.",
     "Kyiv;Crimea", "target", "threatened"),
    ("Zelensky said he would meet Putin in Istanbul.", "Istanbul", "meet", "hypothetical"),
    ("Zelensky said Ukraine would withdraw from Bakhmut only if the city became impossible "
     "to hold.", "Bakhmut", "withdraw", "hypothetical"),
    ("Analysts think Russia would withdraw from Kherson.", "Kherson", "withdraw",
     "hypothetical"),
    # the meeting a pledge was made at took place; a pledge to hold talks is still to come
    ("France and Germany pledged additional Leopard tanks to Ukraine at the Ramstein "
     "meeting.", "Ramstein", "meeting", "reported"),
    ("Zelensky vowed to hold talks with Putin in Istanbul.", "Istanbul", "talks",
     "threatened"),
    # a flood warned of on a condition is a possibility; an actor's harm on a condition, or a
    # flood an actor's plan would cause, stays a threat
    ("If the dam fails, dozens of villages downstream of Nova Kakhovka could be flooded, "
     "officials warned.", "Nova Kakhovka", "flooded", "hypothetical"),
    ("Officials in Kherson warned that the river could overflow again if rain continues.",
     "Kherson", "overflow", "hypothetical"),
    ("Medvedev warned that Russia would strike decision-making centres in Kyiv if Ukraine "
     "attacked Crimea.", "Kyiv;Crimea", "strike", "threatened"),
    # what an event might have done is open, the event itself happened
    ("Moscow said the drone attack on the Kremlin could have killed Putin.", "Moscow;Kremlin",
     "drone attack", "reported"),
    # a claim denied in a relative clause set off after it is denied (not when the denial
    # is negated); a denial above a plan denies the plan
    ("A Russian military blogger claimed that Russian troops had entered Chasiv Yar, which "
     "the Ukrainian military denied.", "Chasiv Yar", "entered", "denied"),
    ("Russia said its forces had captured Robotyne, a claim Kyiv denied.", "Robotyne",
     "captured", "denied"),
    ("Russia said its forces had captured Robotyne, a claim Kyiv did not deny.", "Robotyne",
     "captured", "reported"),
    ("The Kremlin dismissed reports that Russian troops were preparing to leave Kherson as "
     "fake.", "Kherson", "leave", "denied"),
    # 'call' with an object names it (not an appeal, as 'called for talks' is)
    ("Kuleba called the missile attack on Odesa a war crime.", "Odesa", "missile attack",
     "reported"),
])
def test_announced_future(text: str, places: str, trigger: str, status: str) -> None:
    events, _ = run(text, places)
    assert {e.trigger: e.status for e in events}[trigger] == status




@pytest.mark.parametrize("text, spec, etype", [
    # aircraft destroyed as the result of a strike on their base are no interception
    ("Ukraine's military said it struck the Morozovsk air base in Rostov region, destroying "
     "at least six Su-34 jets.", "Ukraine:m;Morozovsk;Rostov", "strike"),
    ("Drones hit the Engels airfield, destroying two bombers.", "Engels", "strike"),
    # ... but air defences that destroy drones intercept them
    ("Air defences destroyed 20 drones over the Kyiv region overnight.", "Kyiv", "air_defense"),
    # mines laid around a site are a defence, not damage to it
    ("Russian forces have dug trenches and laid mines around the Zaporizhzhia nuclear power "
     "plant outside Enerhodar.", "Zaporizhzhia;Enerhodar", "fortification"),
    ("A missile damaged the Zaporizhzhia nuclear power plant's training centre.",
     "Zaporizhzhia", "strike"),
])
def test_dominant_type_at_sites(text: str, spec: str, etype: str) -> None:
    events, _ = run(text, spec)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and best.type == etype, [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(("text", "places", "etype", "status"), [
    # (ev-q) 'lost control of X' gives ground up; 'to' names the side that took it
    ("Government troops lost control of Kidal after a week of fighting.", "Kidal",
     "withdrawal", "reported"),
    ("The army lost control of Lashio to ethnic rebels on Saturday.", "Lashio", "advance",
     "reported"),
    # peacekeepers are troops: their leaving a base is a withdrawal
    ("UN peacekeepers left their base in Aguelhok on Sunday, the mission said.", "Aguelhok",
     "withdrawal", "reported"),
    # earthworks that surround a town are a defence, no encirclement
    ("A new anti-tank ditch surrounds Tokmak on three sides.", "Tokmak", "fortification",
     "reported"),
    ("A network of trenches now encircles Melitopol, satellite images show.", "Melitopol",
     "fortification", "reported"),
    ("Russian troops surrounded Avdiivka on three sides.", "Avdiivka", "clash", "reported"),
    # a dam that gave way, with the torrent it sent, is a flood; a rigged dam a threat
    ("Two dams above Derna gave way, sending a torrent through the city.", "Derna",
     "flooding", "reported"),
    ("Russian troops have laid explosives on the dam near Nova Kakhovka, Kyiv said.",
     "Nova Kakhovka;Kyiv:m", "flooding", "threatened"),
    # stones thrown and tyres burned by a crowd; carnations laid with a demand
    ("Crowds in Bunia threw stones at UN vehicles.", "Bunia", "protest", "reported"),
    ("Protesters burned tyres on the main road in Goma.", "Goma", "protest", "reported"),
    ("Mothers of conscripts laid carnations in Moscow and demanded their sons' return.",
     "Moscow", "protest", "reported"),
    # an international body's vote is diplomacy; freed hostages are a deal's terms
    ("The UN Security Council voted to demand a ceasefire in Gaza.", "Gaza", "diplomacy",
     "reported"),
    ("The sides agreed a truce in Cairo that would see hostages freed.", "Cairo", "diplomacy",
     "reported"),
    # weapons massing and brigades shifted are mobilisation
    ("Satellite images show tanks and artillery massing near Yelnya.", "Yelnya",
     "mobilisation", "reported"),
    ("Kyiv has shifted three brigades to Pokrovsk.", "Kyiv:m;Pokrovsk", "mobilisation",
     "reported"),
    # hunger in a displacement camp or a siege is the war's harm
    ("Displaced families in the camp near Kadugli are dying of hunger.", "Kadugli",
     "civilian_harm", "reported"),
    # civilians ordered out of their homes; an order that warns of a strike is a threat
    ("The army ordered residents of Rafah to leave their homes.", "Rafah", "civilian_harm",
     "reported"),
    ("The army ordered residents of Rafah to leave, warning that it would strike the area.",
     "Rafah", "strike", "threatened"),
    ("Imagery shows a new trench network encircling Tokmak.", "Tokmak", "fortification",
     "reported"),
    # rescuers who clear rubble after an attack clear no explosives: the attack is the news
    ("Rescuers cleared rubble at a hospital in Kyiv after a Russian missile attack.", "Kyiv",
     "strike", "reported"),
    ("Sappers cleared 150 explosive objects near Izium.", "Izium", "air_defense", "reported"),
    # a supposed hit ("a direct hit … could cause") is hypothetical, the warning around it
    # notwithstanding; a direct hit that happened is a strike
    ("The IAEA warned that a direct hit on the nuclear plant in Enerhodar could cause an "
     "accident.", "Enerhodar", "strike", "hypothetical"),
    ("The school in Kharkiv took a direct hit overnight.", "Kharkiv", "strike", "reported"),
    # outposts set up, also counted as a string of them, are a defence (a base)
    ("The army established a new outpost near Kidal.", "Kidal", "fortification", "reported"),
    ("Troops have built a string of fortified outposts along the road near Gaza City.",
     "Gaza City", "fortification", "reported"),
    ("Militants attacked an army outpost near Kidal.", "Kidal", "clash", "reported"),
    # a concession sets the scene: the strike that got through is the news
    ("A drone hit a house in Odesa even though air defences were firing over the city.",
     "Odesa", "strike", "reported"),
])
def test_rare_type_conventions(text: str, places: str, etype: str, status: str) -> None:
    events, _ = run(text, places)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and (dom.type, dom.status) == (etype, status), [
        (e.type, e.trigger, e.status) for e in events]


@pytest.mark.parametrize(("text", "places"), [
    ("The driver lost control of the car near Kyiv.", "Kyiv"),
    ("Parliament voted to extend martial law in Kyiv.", "Kyiv"),
    ("An elderly man died of hunger in his flat in Lviv.", "Lviv"),
    ("Hamas released 13 hostages in Gaza.", "Gaza"),
    ("The railway embankment collapsed near Lviv after heavy rain.", "Lviv"),
])
def test_rare_type_non_events(text: str, places: str) -> None:
    events, _ = run(text, places)
    assert not [e for e in events if e.type in ("withdrawal", "diplomacy", "civilian_harm",
                                                "flooding")], [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(("text", "places", "place"), [
    # (ev-q) a sentence-initial "Fighting" the tagger reads as the verb of its own clause,
    # with the real verb hung on it: the clause's places are the fighting's
    ("Fighting flared near Goma on Monday.", "Goma", "Goma"),
    ("Fighting flared around Goma's airport on Monday, days after talks in Luanda broke down.",
     "Goma;Luanda", "Goma"),
])
def test_gerund_read_as_verb(text: str, places: str, place: str) -> None:
    events, pl = run(text, places)
    clash = [e for e in events if e.type == "clash"]
    assert clash and clash[0].place is not None and pl[clash[0].place].mention.text == place


@pytest.mark.parametrize(("text", "places", "place"), [
    # (ev-q) an international body votes where it sits; delegations return to a venue
    ("The UN General Assembly in New York voted to condemn the annexation.", "New York",
     "New York"),
    ("Delegations of both sides returned to Jeddah for talks on a ceasefire.", "Jeddah",
     "Jeddah"),
])
def test_diplomacy_venue(text: str, places: str, place: str) -> None:
    events, pl = run(text, places)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and dom.type == "diplomacy" and dom.place is not None
    assert pl[dom.place].mention.text == place


# --- short texts: headlines, wire flashes, one-line summaries (ev-s) ----------------------


@pytest.mark.parametrize(("text", "places", "etype", "status", "place"), [
    # a side's losses: of soldiers, the fighting; of a town, its taking
    ("Russia lost 1,200 troops near Pokrovsk in the past day", "Russia:M;Pokrovsk", "clash",
     "reported", "Pokrovsk"),
    ("Ukraine denies losing Robotyne", "Ukraine:M;Robotyne", "advance", "denied", "Robotyne"),
    # a headline's label gives way to the place its clause names, and stands alone else
    ("Kyiv: Russia lost 1,200 troops near Pokrovsk in the past day", "Kyiv;Russia:M;Pokrovsk",
     "clash", "reported", "Pokrovsk"),
    ("Moscow: Ukrainian drones hit an oil depot in Klintsy", "Moscow;Klintsy", "strike",
     "reported", "Klintsy"),
    ("Tetkino: Ukrainian drones hit the administration building", "Tetkino", "strike",
     "reported", "Tetkino"),
    # an attack that went in near a village is a ground assault; one on a village, or with
    # drones, a strike
    ("Lyman direction: enemy attacked near Terny and Torske, General Staff says",
     "Lyman;Terny;Torske", "clash", "reported", "Terny"),
    ("The enemy attacked Terny with drones overnight.", "Terny", "strike", "reported", "Terny"),
    # a possibility not ruled out is no denial; one ruled out is
    ("Possible Russian offensive on Sumy 'cannot be ruled out' - Syrskyi", "Sumy", "advance",
     "hypothetical", "Sumy"),
    ("The Kremlin did not rule out strikes on Kyiv.", "Kyiv", "strike", "hypothetical", "Kyiv"),
    ("The Kremlin ruled out strikes on Kyiv.", "Kyiv", "strike", "denied", "Kyiv"),
    # a headline's participle: the flag raised over a town marks it taken
    ("Russian flag raised over Avdiivka coke plant, MoD says", "Avdiivka", "advance",
     "reported", "Avdiivka"),
    # saboteurs are a military unit: their failed crossing is fighting
    ("Ukrainian saboteurs tried to cross the border near Klimovo, the governor says",
     "Klimovo", "clash", "reported", "Klimovo"),
    # a military post named for its town: taking it is taking ground
    ("MNDAA says it captured Lashio regional command", "Lashio", "advance", "reported",
     "Lashio"),
])
def test_short_text_constructions(text: str, places: str, etype: str, status: str,
                                  place: str) -> None:
    events, pl = run(text, places)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and (dom.type, dom.status) == (etype, status), \
        [(e.type, e.status, e.trigger) for e in events]
    assert dom.place is not None and pl[dom.place].mention.text == place


@pytest.mark.parametrize(("text", "absent"), [
    ("The general took command of the army in March.", "advance"),
    ("The team lost the final in Kyiv.", "advance"),
])
def test_short_text_non_events(text: str, absent: str) -> None:
    events, _ = run(text, "Kyiv" if "Kyiv" in text else "")
    assert absent not in {e.type for e in events}, [(e.type, e.trigger) for e in events]


def _dateline_places(text: str, town: str, admin1: str, country: str,
                     town_role: str = "literal") -> list[Place]:
    """A dateline town (label DL) and its country, resolved as the pipeline resolves them."""
    t, c = text.index(town), text.index(country)
    return [Place(Mention(town, t, t + len(town), text, "DL"),
                  Candidate(f"test:{town}", town.title(), 50.0, 36.2, "P", "PPLA", "UA",
                            admin1=admin1), town_role, 0.9),
            Place(Mention(country, c, c + len(country), text, "GPE"),
                  Candidate(f"test:{country}", country, 49.0, 31.6, "A", "PCLI", "UA"),
                  "literal", 0.9)]


@pytest.mark.parametrize(("text", "extra", "expected"), [
    # a wire flash whose event names no place of its own happened where it was filed
    ("KHARKIV, Ukraine (AP) — A Russian missile slammed into a printing house on Thursday, "
     "killing seven workers.", "", "KHARKIV"),
    # a place the clause names wins over the dateline
    ("KHARKIV, Ukraine (AP) — A Russian missile slammed into a printing house in Izium on "
     "Thursday.", "Izium", "Izium"),
])
def test_dateline_locates_a_placeless_flash(text: str, extra: str, expected: str) -> None:
    places = _dateline_places(text, "KHARKIV", "Kharkiv Oblast", "Ukraine")
    places = sorted([*places, *make_places(text, extra)], key=lambda p: p.mention.start)
    events = tag_events(load_nlp()(text), places, focus=1)
    dom = dominant_event(events, load_nlp()(text))
    assert dom is not None and dom.place is not None, events
    assert places[dom.place].mention.text == expected


# --- ev-u: the reference case as wire paragraphs (Ukraine, September-December 2022) ----


@pytest.mark.parametrize(("text", "spec", "absent", "present"), [
    # a participle says what gathers: cars are no crowd, people are
    ("A missile strike on a convoy of civilian cars gathering on the outskirts of "
     "Zaporizhzhia killed 25 people.", "Zaporizhzhia", "protest", "strike"),
    ("Several hundred Crimean Tatars assembled in Simferopol to demand the release of "
     "detained relatives.", "Simferopol", None, "protest"),
    # an air defence battery announced for a city is aid, not an interception there
    ("Biden announced a Patriot air defence battery for Kyiv.", "Kyiv", "air_defense", None),
    ("Air defences over Kyiv shot down all 13 drones.", "Kyiv", None, "air_defense"),
    # a mass burial site is a mass grave by another name
    ("Investigators began exhuming bodies from a mass burial site outside Izium.", "Izium",
     None, "civilian_harm"),
    # a leader welcomed to a capital is a visit hosted there; a decision welcomed is not
    ("President Joe Biden welcomed Zelenskiy to Washington on Wednesday.", "Washington",
     None, "diplomacy"),
    ("Kyiv welcomed the decision by the European Union.", "Kyiv:m", "diplomacy", None),
])
def test_reference_case_senses(text: str, spec: str, absent: str | None,
                               present: str | None) -> None:
    events, _ = run(text, spec)
    types = {e.type for e in events}
    assert absent is None or absent not in types
    assert present is None or present in types


@pytest.mark.parametrize(("text", "status"), [
    # a dam mined is rigged to be blown up: the flood is the threat the report leads with
    ("Russian forces have mined the Kakhovka dam and are preparing to blow it up. Moscow "
     "said Kyiv was shelling the dam.", "threatened"),
    ("Russian forces have mined the approaches to Kakhovka. Moscow said Kyiv was shelling "
     "the town.", None),
])
def test_mined_dam_is_a_flood_threat(text: str, status: str | None) -> None:
    events, _ = run(text, "Kakhovka;Moscow:m;Kyiv:m")
    best = dominant_event(events, load_nlp()(text))
    if status is None:
        assert best is None or best.type != "flooding"
    else:
        assert best is not None and (best.type, best.status) == ("flooding", status)




@pytest.mark.parametrize(("text", "place"), [
    # where the fire came from is not where it landed
    ("Shelling from Ukraine wounded two people in Shebekino.", "Shebekino"),
    ("Drones from Ukraine hit an oil depot in Shebekino.", "Shebekino"),
    # (a country that is where the strike landed still is)
    ("Shelling in Ukraine wounded two people, officials in Shebekino said.", "Ukraine"),
])
def test_strike_origin_is_not_its_place(text: str, place: str) -> None:
    places = sorted([literal_place(text, "Ukraine", "A", "PCLI"),
                     literal_place(text, "Shebekino", "P", "PPL", cc="RU")],
                    key=lambda p: p.mention.start)
    events = tag_events(load_nlp()(text), places)
    strike = next(e for e in events if e.type == "strike")
    assert strike.place is not None and places[strike.place].mention.text == place


@pytest.mark.parametrize(("text", "spec", "etype", "status", "place"), [
    # a lead that tells only a condition, threat or denial stays the report's event: a
    # reported event later on is its context
    ("If Ukrainian forces take Svatove, Russia's defensive line could collapse, analysts "
     "wrote. Russian forces are reinforcing the town with mobilised reservists.",
     "Svatove;Russia:m", "advance", "hypothetical", "Svatove"),
    # (a reported event in the lead still comes first)
    ("Ukrainian forces took Svatove, analysts wrote. Russia could send reinforcements to "
     "the town.", "Svatove;Russia:m", "advance", "reported", "Svatove"),
    # a repulse told in the denier's own 'saying …' clause leaves the denied capture
    ("Ukraine's General Staff denied Russian claims that Moscow's forces had captured "
     "Pavlivka, saying Ukrainian troops had repelled attacks near Pavlivka. Russia's "
     "defence ministry said its marines had taken full control of the village.",
     "Ukraine:M;Moscow:m;Pavlivka;Russia:M", "advance", "denied", "Pavlivka"),
    ("Russian forces tried to capture Pavlivka but were repelled.", "Pavlivka", "clash",
     "reported", "Pavlivka"),
])
def test_unsure_lead_stays_the_event(text: str, spec: str, etype: str, status: str,
                                     place: str) -> None:
    events, places = run(text, spec)
    best = dominant_event(events, load_nlp()(text))
    assert best is not None and (best.type, best.status) == (etype, status)
    assert best.place is not None and places[best.place].mention.text == place
