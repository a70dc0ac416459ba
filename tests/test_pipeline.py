"""End-to-end geoparsing with the real model and gazetteer: the seed article and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.model import Document
from geomap.pipeline import Pipeline

SEED = Path(__file__).resolve().parents[1] / "seeds" / "us-russia-defence-chiefs-call.txt"


@pytest.fixture(scope="module")
def pipeline(gazetteer):
    return Pipeline(gazetteer)


@pytest.fixture(scope="module")
def seed(pipeline):
    text = SEED.read_text(encoding="utf-8")
    return pipeline.process(Document(id="seed", text=text, source=str(SEED)))


def _places(article, mention_prefix):
    return [p for p in article.places if p.mention.text.startswith(mention_prefix)]


def test_offsets_index_the_text(seed):
    text = seed.document.text
    for p in seed.places:
        assert text[p.mention.start:p.mention.end] == p.mention.text
        assert p.mention.text in p.mention.sentence


@pytest.mark.parametrize("mention, code, lat, lon, role", [
    ("Kherson", "PPLA", 46.64, 32.61, "literal"),
    ("Kharkiv region", "ADM1", 49.5, 36.5, "literal"),
    ("Donbas", "RGN", 48.3, 38.5, "literal"),
    ("Dnieper", "STM", None, None, "literal"),
    ("Moscow", "PPLC", 55.75, 37.62, "metonymic"),
    ("Washington", "PPLC", 38.9, -77.04, "metonymic"),
])
def test_seed_places(seed, mention, code, lat, lon, role):
    found = _places(seed, mention)
    assert found, f"{mention} not found in {[p.mention.text for p in seed.places]}"
    place = found[0]
    assert place.candidate is not None
    assert place.candidate.feature_code == code
    if lat is not None:
        assert place.candidate.lat == pytest.approx(lat, abs=1.5)
        assert place.candidate.lon == pytest.approx(lon, abs=1.5)
    assert any(p.role == role for p in found)


def test_seed_kherson_city_and_region(seed):
    kherson = [p for p in seed.places if p.mention.text == "Kherson"]
    assert len(kherson) >= 2  # "city of Kherson" and "the region's main city Kherson"
    assert all(p.candidate.feature_code.startswith("PPL") for p in kherson)


def test_seed_kyiv_is_metonymic(seed):
    kyiv = _places(seed, "Kyiv")
    assert kyiv and all(p.role == "metonymic" for p in kyiv)
    assert kyiv[0].candidate.feature_code == "PPLC"


@pytest.mark.parametrize("country", ["UA", "RU", "US"])
def test_seed_countries(seed, country):
    assert any(p.candidate and p.candidate.country_code == country
               and p.candidate.feature_code.startswith("PCL") for p in seed.places)


@pytest.mark.parametrize("not_a_place", [
    "Austin", "Lloyd", "Shoigu", "Blinken", "Colonna", "French", "West", "Putin",
    "Pentagon", "Reuters", "Zelenskyy", "Galushchenko", "Ukrainians",
])
def test_seed_no_false_places(seed, not_a_place):
    assert not [p for p in seed.places if not_a_place in p.mention.text]


@pytest.mark.parametrize("text, mention, country, code", [
    ("Heavy fighting continued near Bakhmut, Donetsk region, on Monday.", "Bakhmut", "UA",
     "PPL"),
    ("Ukrainian troops entered Robotyne in Zaporizhzhia oblast.", "Robotyne", "UA", "PPL"),
    ("BEIRUT — Israeli jets struck targets in southern Lebanon.", "BEIRUT", "LB", "PPLC"),
    ("Officials in Paris said the summit would go ahead.", "Paris", "FR", "PPLC"),
    ("Floods hit Paris, Texas, and nearby towns in Lamar County.", "Paris", "US", "PPL"),
    ("Shelling hit Kyiv's outskirts overnight.", "Kyiv", "UA", "PPLC"),
    ("The Dnipro river flooded villages below the Kakhovka dam.", "Dnipro river", "", "STM"),
    ("Ukrainian forces crossed to the left bank of the Dnipro near Krynky.", "Dnipro", "",
     "STM"),
    ("Bakhmut, Donetsk region", "Bakhmut", "UA", "PPL"),
    # (ev-m) a compass adjective before a name the model calls a person
    ("The army ordered residents of eastern Khan Younis to leave.", "Khan Younis", "PS", "PPL"),
    # the English name of Sudan's Al Jazirah state (curated alias)
    ("The RSF pushed deeper into Gezira state.", "Gezira state", "SD", "ADM1"),
    ("near Severodonetsk town, Luhansk region", "Severodonetsk", "UA", "PPL"),
    ("Village of Gorbatenko, Donetsk oblast", "Gorbatenko", "UA", "PPL"),
    ("near Chernukhino village (Popasnyansky district, Luhansk region)", "Chernukhino", "UA",
     "PPL"),
    # conflict regions that no administrative dump names (curated)
    ("Airplanes are flying into Darfur and Malakal.", "Darfur", "SD", "RGN"),
    ("Azerbaijani soldiers laid mines during the war with Nagorno-Karabakh.",
     "Nagorno-Karabakh", "AZ", "RGN"),
])
def test_resolution_table(pipeline, text, mention, country, code):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    found = [p for p in article.places if p.mention.text == mention]
    assert found, f"{mention!r} not in {[p.mention.text for p in article.places]}"
    c = found[0].candidate
    assert c is not None
    if country:
        assert c.country_code == country
    assert c.feature_code.startswith(code)


def test_person_sharing_a_city_name(pipeline):
    text = ("Defence secretary Lloyd Austin spoke to reporters. Later, Austin said the "
            "talks in Brussels were useful.")
    article = pipeline.process(Document(id="t", text=text, source="test"))
    names = [p.mention.text for p in article.places]
    assert "Austin" not in names
    assert "Brussels" in names


@pytest.mark.parametrize("text, mention, lat, lon", [
    # containment picks the namesake inside the region named next to it
    ("Shelling near Bakhmut, Donetsk region.", "Bakhmut", 48.59, 38.0),
    ("Fighting near Krynky on the left bank of the Dnipro, Kherson oblast.", "Krynky", 46.73,
     33.07),
    ("Village of Gorbatenko, Donetsk oblast", "Gorbatenko", 47.76, 38.10),
    # a point written as decimal coordinates is a place of its own
    ("Verbivka, Kharkiv Oblast. 49.48613, 36.84078.", "49.48613, 36.84078", 49.49, 36.84),
    ("47.374601, 33.825174 (Khreschenivka)", "47.374601, 33.825174", 47.37, 33.83),
])
def test_namesakes_in_context(pipeline, text, mention, lat, lon):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    place = next(p for p in article.places if p.mention.text == mention)
    assert place.candidate.lat == pytest.approx(lat, abs=0.1)
    assert place.candidate.lon == pytest.approx(lon, abs=0.1)


@pytest.mark.parametrize("text", [
    "",
    "nothing to see here.",
    # a pair of five-decimal numbers far from any town is no written point (open sea)
    "The euro traded at 1.08412, 1.08533 on Monday.",
])
def test_placeless_text(pipeline, text):
    assert pipeline.process(Document(id="e", text=text, source="test")).places == ()


@pytest.mark.parametrize("text, kept", [
    # a road number the gazetteer lacks is still a road: reported, unresolved
    ("A man was hurt after a crash on the A120 between a lorry and a cyclist.", ["A120"]),
    # a single word no gazetteer knows is mostly no place ("Wedbush")
    ("Analysts at Wedbush said the shares rose.", []),
])
def test_unresolved_single_words_kept_only_for_roads(pipeline, text, kept):
    article = pipeline.process(Document(id="r", text=text, source="test"))
    assert [p.mention.text for p in article.places if p.candidate is None] == kept


def test_written_point_takes_its_country(pipeline):
    text = "Verbivka, Kharkiv Oblast. 49.48613, 36.84078."
    article = pipeline.process(Document(id="t", text=text, source="test"))
    (point,) = [p for p in article.places if p.mention.label == "COORD"]
    assert (point.candidate.country_code, point.candidate.admin1_code) == ("UA", "UA.07")


def test_seed_kherson_region_from_anaphora(seed):
    # The seed never writes "Kherson region": "88 towns and villages in the region" and
    # "the region's main city Kherson" name it.
    oblasts = [p for p in seed.places if p.candidate and p.candidate.name == "Kherson Oblast"]
    assert oblasts and all(p.mention.text == "region" for p in oblasts)
    assert any("advance" in p.event_types for p in oblasts)


@pytest.mark.parametrize("text, name", [("Vuhledar", "Vuhledar"), ("Gorlovka", "Horlivka")])
def test_country_hint_places_bare_village_names(gazetteer, text, name):
    # a location field of one rare word: a place only when the user names the country
    hinted = Pipeline(gazetteer, country="UA", events=False)
    found = hinted.process(Document(id="t", text=text, source="test")).places
    assert [p.candidate.name for p in found] == [name]
    assert found[0].candidate.country_code == "UA"


@pytest.mark.parametrize("text, mention, country", [
    ("Russian forces shelled Kherson on Monday.", "Russian", "RU"),
    ("South Korean officials met in Seoul.", "South Korean", "KR"),
    ("The British government said it would send more aid to Kyiv.", "British", "GB"),
])
def test_demonym_adjectives_are_places_when_asked(gazetteer, text, mention, country):
    asked = Pipeline(gazetteer, events=False, demonyms=True)
    found = [p for p in asked.process(Document(id="t", text=text, source="test")).places
             if p.mention.text == mention]
    assert len(found) == 1 and found[0].role == "demonym"
    assert found[0].candidate.country_code == country
    assert found[0].candidate.feature_code.startswith("PCL")
    # off by default: the contract ("French" is no place)
    default = Pipeline(gazetteer, events=False).process(
        Document(id="t", text=text, source="test"))
    assert not any(p.mention.text == mention for p in default.places)


@pytest.mark.parametrize("text, word", [
    ("Ukrainians fled the city of Kherson.", "Ukrainians"),  # people, not an adjective
    ("Two Americans were detained in Moscow.", "Americans"),
    ("She speaks Russian at home in Kharkiv.", "Russian"),  # the language
])
def test_demonym_nouns_stay_unplaced(gazetteer, text, word):
    asked = Pipeline(gazetteer, events=False, demonyms=True)
    article = asked.process(Document(id="t", text=text, source="test"))
    assert not any(p.mention.text == word for p in article.places)


def test_demonyms_never_carry_events(gazetteer):
    text = "Russian troops shelled the town of Vuhledar on Friday."
    article = Pipeline(gazetteer, demonyms=True).process(
        Document(id="t", text=text, source="test", date="2022-11-12"))
    demonym = [i for i, p in enumerate(article.places) if p.role == "demonym"]
    assert demonym and article.events
    assert all(e.place not in demonym for e in article.events)


def test_dateline_is_no_event_location(pipeline):
    text = "KYIV, Nov 14 (Reuters) - Russian forces shelled the town of Orikhiv overnight."
    article = pipeline.process(Document(id="t", text=text, source="test", date="2022-11-14"))
    [strike] = [e for e in article.events if e.type == "strike"]
    assert article.places[strike.place].candidate.name == "Orikhiv"
    kyiv = [p for p in article.places if p.mention.text == "KYIV"]
    assert kyiv and kyiv[0].candidate.name == "Kyiv"  # still a place of the article


def test_facility_event_at_the_facility(pipeline):
    text = ("The Zaporizhzhia nuclear power plant near Enerhodar lost external power again "
            "after shelling.")
    article = pipeline.process(Document(id="t", text=text, source="test"))
    [damage] = [e for e in article.events if e.type == "infrastructure_damage"]
    assert article.places[damage.place].candidate.feature_code == "PS"


@pytest.mark.parametrize("text, mention, name", [
    # the city is its own admin-1 area too, but "region" means the oblast around it
    ("KYIV (Reuters) - Drones were shot down over Kyiv region.", "Kyiv region", "Kyiv Oblast"),
    ("Shelling hit Kyiv and the Kyiv region.", "Kyiv region", "Kyiv Oblast"),
])
def test_region_of_a_city_with_its_own_admin_area(pipeline, text, mention, name):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    assert [p.candidate.name for p in article.places if p.mention.text == mention] == [name]


@pytest.mark.parametrize("text, place, seat", [
    # a report naming only the region: its seat's coordinates, as ACLED codes them
    ("Russian forces shelled the Kherson region overnight.", "Kherson Oblast", "Kherson"),
    ("Russian forces shelled Kherson overnight.", "Kherson", None),
    # the capital is a first-level unit of its own, and still the seat of the oblast
    ("Drones were shot down over the Kyiv region.", "Kyiv Oblast", "Kyiv"),
    # GeoNames names the region by its seat alone ("Brest")
    ("Belarus deployed troops in the Brest region.", "Brest", "Brest"),
    # no seat named like the region (Zakarpattia's is Uzhhorod): the region's own point
    ("Drones were shot down over the Zakarpattia region.", "Zakarpattia Oblast", None),
])
def test_region_events_at_the_seat(pipeline, gazetteer, text, place, seat):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    [event] = article.events
    linked = article.places[event.place].candidate
    assert linked.name == place and event.point == ("seat" if seat else "place")
    if seat:
        [town] = [c for c in gazetteer.lookup(seat, limit=5)
                  if c.feature_code in ("PPLA", "PPLC")]
        assert (event.lat, event.lon) == (town.lat, town.lon)
    else:
        assert (event.lat, event.lon) == (linked.lat, linked.lon)


@pytest.mark.parametrize("text, name", [
    # no country named: a name English never uses, with namesakes in one country only
    ("Russian forces shelled Vuhledar on Monday.", "Vuhledar"),
    ("Russian forces shelled Soledar on Monday.", "Soledar"),
    # the small model calls these NORP / PERSON; Russian-style spellings
    ("Ukrainian officials said Russian troops attacked Energodar.", "Enerhodar"),
    ("Ukrainian officials said Russian troops attacked Chasov Yar.", "Chasiv Yar"),
    ("Ukrainian officials said Russian troops attacked Novaya Kakhovka.", "Nova Kakhovka"),
])
def test_small_places_without_context(gazetteer, text, name):
    article = Pipeline(gazetteer, events=False).process(
        Document(id="t", text=text, source="test"))
    assert name in [p.candidate.name for p in article.places if p.candidate]


@pytest.mark.parametrize("text, name, code", [
    ("Fires spread in the state of Washington.", "Washington", "ADM1"),
    ("Heavy fighting in the province of Aleppo.", "Aleppo", "ADM1"),
])
def test_kind_word_before_of(pipeline, text, name, code):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    assert [(p.candidate.name, p.candidate.feature_code) for p in article.places] == [
        (name, code)]


def test_romanization_variants_stay_in_their_countries(pipeline):
    # "Abbassiya" is a spelling variant of no Egyptian place, and Abaza (Russia) is far
    text = "Police in Cairo searched the Abbassiya district of Cairo, Egypt."
    article = pipeline.process(Document(id="t", text=text, source="test"))
    [place] = [p for p in article.places if p.mention.text.startswith("Abbassiya")]
    assert place.candidate is None or place.candidate.country_code == "EG"
    # in a Ukrainian story the variant still finds the village
    text = "Ukrainian troops entered Zaitsevo and Tsvetnye Peski."
    article = pipeline.process(Document(id="t", text=text, source="test"))
    assert {p.candidate.country_code for p in article.places if p.candidate} == {"UA"}


@pytest.mark.parametrize("text, mention, name, code", [
    # a name's own first reading (Lyman County, listed first) is no container for itself
    ("Fighting continued near Lyman.", "Lyman", "Lyman", "PPL"),
    # "the X front": X modifies a noun, so it is no bare river/region name after "the"
    ("Ukraine sent fresh brigades to the Zaporizhzhia front.", "Zaporizhzhia", "Zaporizhzhia",
     "PPLA"),
])
def test_front_line_towns(pipeline, text, mention, name, code):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    [place] = [p for p in article.places if p.mention.text == mention]
    assert (place.candidate.name, place.candidate.feature_code) == (name, code)
    assert place.candidate.country_code == "UA"


def test_western_weapons_are_no_place(pipeline):
    text = "Ukraine's forces, equipped with Western tanks, advanced near Kreminna."
    article = pipeline.process(Document(id="t", text=text, source="test"))
    assert "Western" not in [p.mention.text for p in article.places]


@pytest.mark.parametrize("text, mention, admin1", [
    # the town named right after a village picks the village's namesake
    ("Russia's defence ministry said its troops had liberated the village of Pervomaiske "
     "near Avdiivka.", "Pervomaiske", "UA.05"),
    ("Shelling near the village of Andreevka near Slavyansk.", "Andreevka", "UA.05"),
])
def test_village_near_a_town(pipeline, text, mention, admin1):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    [place] = [p for p in article.places if p.mention.text == mention]
    assert (place.candidate.country_code, place.candidate.admin1_code) == ("UA", admin1)


@pytest.mark.parametrize("text, name, kept", [
    # a name the gazetteer lacks stays, unresolved, when the NER calls it a place and a
    # preposition of place introduces it
    ("She moved out of an informal settlement in Khayelitsha to live in Delft. She has "
     "now moved back to Khayelitsha.", "Khayelitsha", True),
    # otherwise a lone unknown word is mostly a firm or a person's
    ("Shares in Wedbush rose. An analyst at Wedbush said so.", "Wedbush", False),
    ("Ram Vilas Paswan, a minister in Modi's cabinet, said the data was wrong.", "Modi",
     False),
])
def test_unknown_names_introduced_as_places(pipeline, text, name, kept):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    found = [p for p in article.places if p.mention.text == name]
    assert bool(found) is kept
    assert all(p.candidate is None for p in found)


@pytest.mark.parametrize("text, lat, lon", [
    # a two-word town the model calls a person, after "bombs on"
    ("Russian aircraft dropped glide bombs on Velykyi Burluk overnight, wounding two "
     "people, the governor said.", 50.06, 37.39),
    # "the Crimean bridge": the NORP adjective and a lower-case generic noun
    ("Sea drones hit the Crimean bridge on Tuesday, and traffic was halted for hours.",
     45.31, 36.51),
    # a plant named after its town, set in a region
    ("Russian drones struck the Ladyzhyn thermal power plant in Vinnytsia region, the "
     "operator said.", 48.68, 29.24),
    # a plant named after a city, at a town; an airfield named after a village, near a city
    ("Drones attacked the Kursk nuclear power plant at Kurchatov on Saturday, Russian "
     "officials said.", 51.66, 35.65),
    ("Partisans said they blew up a helicopter at the Machulishchy airfield near Minsk.",
     53.78, 27.59),
    ("A Russian missile hit the Khmelnytskyi nuclear power plant near Netishyn, Energoatom "
     "said.", 50.33, 26.65),
    # a district named after a town that only a far spelling of another district matches
    ("Air defences shot down a drone over the Ramenskoye district, the Moscow region "
     "governor said.", 55.57, 38.23),
    # a renamed village under its current name (a curated alias)
    ("Russian troops shelled Niu-York in Donetsk region on Tuesday, the governor said.",
     48.32, 37.85),
    # "the main square of X"; a two-word town the model cuts to its second word
    ("A drone strike hit the main square of Finote Selam, killing 26 people.", 10.70, 37.27),
    ("Ukrainian forces struck a Russian boat near Hola Prystan on the left bank.",
     46.53, 32.52),
    # a town in quotation marks after the verb
    ("The Russian ministry said its troops had 'liberated' Krasnogorovka after months of "
     "fighting.", 48.01, 37.51),
    # a share of a town after the verb
    ("Russian guns shelled most of Velyka Novosilka overnight, the governor said.",
     47.85, 36.84),
    # a town said to lie near another whose first reading is elsewhere
    ("Russia's Defence Ministry claimed that its troops had 'liberated' Selidovo, a mining "
     "town south-east of Pokrovsk.", 48.15, 37.30),
])
def test_event_placed_at_facilities_and_decorated_names(pipeline, text, lat, lon):
    from geopy.distance import great_circle

    from geomap.events import dominant_event
    from geomap.nlp import load_nlp

    article = pipeline.process(Document(id="t", text=text, source="test"))
    event = dominant_event(list(article.events), load_nlp()(text))
    assert event is not None and event.lat is not None
    assert great_circle((event.lat, event.lon), (lat, lon)).km <= 10
