"""Candidate scoring: priors, name penalties, fallback names, containment, one sense."""

from __future__ import annotations

import pytest
from geopy.distance import great_circle

from geomap.model import Candidate, Mention
from geomap.resolve import (
    PAIR_BONUS,
    SHORT_FORM_PENALTY,
    Resolver,
    _bearing_off,
    _border_cue,
    _pair_bonus,
    _peer_kinds,
    _roman_spelling,
    _shorter_forms,
    _stated_bearing,
    _stated_km,
    _towns_before_their_districts,
    foreign_variants,
    name_penalty,
    prior,
)


def cand(name, code, cc="UA", pop=0, lat=48.0, lon=37.0, fclass="P", admin1_code="",
         source="geonames"):
    return Candidate(id=f"t:{name}:{code}:{cc}", name=name, lat=lat, lon=lon,
                     feature_class=fclass, feature_code=code, country_code=cc,
                     admin1_code=admin1_code, population=pop, source=source)


@pytest.mark.parametrize("better, worse", [
    (cand("Ukraine", "PCLI", fclass="A"), cand("Ukraine", "PPL", pop=500)),
    (cand("Kyiv", "PPLC", pop=2_900_000), cand("Kyiv Oblast", "ADM1", fclass="A")),
    (cand("Krynky", "PPL"), cand("Krynky", "RVN", fclass="H")),
    (cand("California", "ADM1", "US", fclass="A"), cand("California", "PPL", "US", pop=11_857)),
    # a US county seat (PPLA2) is no bigger deal than a city 3.5 times its size
    (cand("Vancouver", "PPL", "CA", pop=600_000), cand("Vancouver", "PPLA2", "US", pop=172_860)),
    # a hub airport called by its bare name, not the hamlet sharing it
    (cand("Heathrow Airport", "AIRP", "GB", fclass="S"), cand("Heathrow", "PPL", "US", pop=5896)),
    # a curated site news name (gazetteer/sites.tsv), not the far town sharing its name ...
    (cand("Mount Hermon", "MT", "SY", fclass="T", source="curated"),
     cand("Mount Hermon", "PPL", "US", pop=3966)),
    (cand("Torkham", "PSTB", "PK", fclass="S", source="curated"), cand("Torkham", "PPL", pop=900)),
    # ... but a hill of the dumps (the Ukrainian register's thousands of mounds) stays below
    # the village it is named after
    (cand("Mohyla", "PPL", pop=600), cand("Mohyla", "MT", fclass="T", source="ua_register")),
    # a curated town (no head count) weighs as a curated site, above a far small namesake
    (cand("Palma", "PPL", "MZ", source="curated"), cand("Palma", "PPL", "MX", pop=2392)),
    (cand("Nasir", "PPL", "SS", source="curated"), cand("Nasir", "PPL", "PK", pop=9000)),
    # ... but not above a big city of its name, which context must outweigh
    (cand("Palma", "PPLA", "ES", pop=409_661), cand("Palma", "PPL", "MZ", source="curated")),
    # a town of the dumps without a head count keeps the plain town prior
    (cand("Khiam", "PPL", "LB", source="curated"), cand("Khiam", "PPL", "LB", source="wof")),
])
def test_prior_order(better, worse):
    assert prior(better) > prior(worse)


BEIRUT = cand("Beirut", "PPLC", "LB", pop=1_916_100, lat=33.89, lon=35.50)
US = cand("United States", "PCLI", "US", fclass="A", lat=38.76, lon=-98.07)


@pytest.mark.parametrize("c, others, elsewhere", [
    # a US town spelt like an unknown name, in a story placed in Lebanon whose only US
    # evidence is the country's own name ("US envoy ... in Beirut")
    (cand("Hiram", "PPL", "US", pop=3792, lat=33.88, lon=-84.76), [US, BEIRUT], True),
    # ... not when a town of the article lies in that country
    (cand("Hiram", "PPL", "US", pop=3792, lat=33.88, lon=-84.76),
     [US, BEIRUT, cand("Atlanta", "PPLA", "US", pop=463_878, lat=33.75, lon=-84.39)], False),
    # ... nor near one of its towns across a border (Zabadani lies some 60 km from Beirut)
    (cand("Zabadani", "PPL", "SY", lat=33.72, lon=36.10), [US, BEIRUT], False),
    # ... nor when nothing below country level places the story
    (cand("Hiram", "PPL", "US", pop=3792, lat=33.88, lon=-84.76), [US], False),
])
def test_placed_elsewhere(c, others, elsewhere):
    by_key = {"x": [c], **{o.name: [o] for o in others}}
    assert Resolver._placed_elsewhere(c, "x", by_key) is elsewhere


@pytest.mark.parametrize("sentence, name, country", [
    # the curated town in its country's story, not the big namesake abroad
    ("Insurgents attacked the town of Palma in Cabo Delgado province, Mozambique.", "Palma",
     "MZ"),
    ("Islamic State fighters stormed Palma. Thousands fled across northern Mozambique.",
     "Palma", "MZ"),
    # ... and in its region alone (the curated town carries its admin-1 code)
    ("A truck was ambushed on the road south of Palma in Cabo Delgado.", "Palma", "MZ"),
    # ... and the big namesake where nothing points elsewhere
    ("Tourists crowded the beaches of Palma this summer.", "Palma", "ES"),
])
def test_curated_town_against_a_big_namesake(gazetteer, sentence, name, country):
    names = [n for n in (name, "Cabo Delgado", "Mozambique") if n in sentence]
    names.sort(key=sentence.index)
    got = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[0].candidate
    assert got.country_code == country


@pytest.mark.parametrize("mention, name, low", [
    ("Kherson", "Kherson", True),
    ("Kherson region", "Kherson Oblast", True),  # generic words do not count
    ("Glasgow", "Pampa", False),  # an alternate name only
])
def test_name_penalty(mention, name, low):
    assert (name_penalty(mention, cand(name, "PPL")) == 0.0) is low


@pytest.mark.parametrize("mention, name, cc, exact", [
    # English news drops the Arabic article GeoNames writes
    ("Qamishli", "Al Qāmishlī", "SY", True),
    ("Raqqah", "Ar Raqqah", "SY", True),
    ("Qamishli", "Al Qāmishlī", "US", False),  # only where place names carry it
    ("Raqqah", "As Raqqah", "SY", False),  # "as" assimilates only before an s
])
def test_arabic_article_is_no_name_difference(mention, name, cc, exact):
    assert (name_penalty(mention, cand(name, "PPL", cc)) == 0.0) is exact


@pytest.mark.parametrize("mention, name, cc, cheap", [
    # (blind55) an Arabic romanization variant costs a variant's penalty, in Arab League
    # countries only
    ("Tal Rifaat", "Tall Rif‘at", "SY", True),
    ("Huwara", "Ḩuwwārah", "PS", True),
    ("Tal Rifaat", "Tall Rif‘at", "US", False),
])
def test_arabic_romanization_variant_penalty(mention, name, cc, cheap):
    assert (name_penalty(mention, cand(name, "PPL", cc)) <= 0.2) is cheap


@pytest.mark.parametrize("mention, name", [
    ("Nikolaev", "Mykolaiv"),  # Russian- vs Ukrainian-style romanization
    ("Zaporozhye", "Zaporizhzhia"),
])
def test_romanization_variants_cost_little(mention, name):
    # well under an unrelated alternate name ("Glasgow" for Pampa costs ~2.5)
    assert name_penalty(mention, cand(name, "PPL")) < 1.3


@pytest.mark.parametrize("mention, name, cc, cheap", [
    # one Cyrillic name in two romanizations is the same name, almost an exact match
    ("Andreyevka", "Andriyivka", "UA", True),
    ("Vodiane", "Vodyane", "UA", True),
    ("Vodiane", "Vodyane", "FR", False),  # only where names are romanized from Cyrillic
    ("Glasgow", "Pampa", "US", False),
])
def test_romanization_of_the_same_name_costs_a_tie_breaker(mention, name, cc, cheap):
    penalty = name_penalty(mention, cand(name, "PPL", cc))
    assert (0.0 < penalty <= 0.2) is cheap


@pytest.mark.parametrize("mention, name, cc, roman", [
    # another romanization of a name from outside the Cyrillic and Arabic keys: a loose
    # match, kept only where the article points at its country
    ("Oromia", "Oromiya", "ET", True),
    ("Myitkina", "Myitkyina", "MM", True),
    ("Arbaat", "Arbat'", "AM", True),
    ("Oromiya", "Oromiya", "ET", False),  # the name itself
    ("Niono", "Nioro", "ML", False),  # another town of Mali
    ("Andreyevka", "Andriyivka", "UA", False),  # variant_key's business
])
def test_roman_spelling(mention, name, cc, roman):
    assert _roman_spelling(mention, cand(name, "PPL", cc)) is roman


def test_direction_before_a_name_is_no_hamlet_abroad(gazetteer):
    # "North Shewa" (an Ethiopian zone the gazetteer lacks) is no Afghan hamlet "Shewah"
    sentence = "Students were abducted near Gebre Guracha in the North Shewa zone."
    (res,) = Resolver(gazetteer).resolve([_m("North Shewa", 47, sentence)])
    assert res.candidate is None or res.candidate.country_code != "AF"
    # a big town under the bare name is still read ("West Mosul" is Mosul)
    (res,) = Resolver(gazetteer).resolve([_m("West Mosul", 0, "West Mosul was shelled.")])
    assert res.candidate is not None and res.candidate.country_code == "IQ"


@pytest.mark.parametrize("mention, same, other", [
    # an -sk- adjective's ending is its gender: a neuter village name is another neuter
    # spelling, not the masculine or feminine namesake
    ("Pervomaiske", "Pervomays'ke", "Pervomayskiy"),
    ("Pervomayskoye", "Pervomaiske", "Pervomaiskaya"),
    ("Novoaydarsky", "Novoaidarskyi", "Novoaidarske"),
])
def test_variant_of_another_gender_costs_more(mention, same, other):
    same_cost = name_penalty(mention, cand(same, "PPL"))
    assert same_cost <= 0.2 < name_penalty(mention, cand(other, "PPL")) < 1.0


@pytest.mark.parametrize("mention, exact, variant, dropped", [
    # spelt exactly as a Ukrainian village: the Ukrainian national romanization names
    # no place in Russia
    ("Yahidne", cand("Yahidne", "PPL", "UA"), cand("Yagodnoye", "PPL", "RU"), True),
    # a Russian-style spelling still reaches a Ukrainian village
    ("Sokolniki", cand("Sokolniki", "PPLX", "RU"), cand("Sokil'nyky", "PPL", "UA"), False),
    ("Andreyevka", cand("Andreyevka", "PPL", "UA"), cand("Andriyivka", "PPL", "UA"), False),
])
def test_national_spelling_keeps_variants_at_home(mention, exact, variant, dropped):
    assert (variant.id in foreign_variants(mention, [exact, variant])) is dropped
    assert exact.id not in foreign_variants(mention, [exact, variant])


@pytest.mark.parametrize("text, forms", [
    ("Far North Queensland", ["Queensland"]),
    ("Montgomery County Democrats", ["Montgomery County", "Montgomery"]),
    ("Kherson", []),
    # an official title before the area's name
    ("County of Brant", ["Brant"]),
    ("Province of Cavite", ["Cavite"]),
    ("City of Westminster", []),  # a city's title is part of its name
])
def test_shorter_forms(text, forms):
    assert _shorter_forms(text)[:len(forms)] == forms


@pytest.mark.parametrize("text, forms", [
    # a part stands for the whole before a noun or after a compass word
    ("Suffolk City", ["Suffolk"]),
    ("Greater Manchester", ["Manchester"]),
    ("North Kasba Bonli", ["Kasba Bonli"]),
    # but not when a name the gazetteer lacks goes on after the part ("Bonli")
    ("Kasba Bonli", []),
    ("Kasba Bonli Market", ["Kasba Bonli"]),
    ("Buffalo Bisons", ["Buffalo"]),  # a plural noun, however rare
    # a church named after its saint is not in a town named after the saint
    ("St. Peter's Basilica", []),
    ("St George’s Chapel", []),
    ("St. Petersburg Metro", ["St. Petersburg"]),
    # the words after the town name its district
    ("Grabske Amvrosiyevsky district", ["Grabske Amvrosiyevsky", "Grabske"]),
])
def test_shorter_forms_exactly(text, forms):
    assert _shorter_forms(text) == forms


def _m(text, start, sentence, hint=None, label="GPE"):
    return Mention(text=text, start=start, end=start + len(text), sentence=sentence,
                   label=label, hint=hint)


def test_containment_and_country_context(gazetteer):
    sentence = "Shelling near Pisky, Donetsk region."
    mentions = [_m("Pisky", 14, sentence), _m("Donetsk region", 21, sentence, hint="region")]
    pisky, region = Resolver(gazetteer).resolve(mentions)
    assert region.candidate.feature_code == "ADM1"
    assert pisky.candidate.admin1_code == region.candidate.admin1_code
    assert 0 < pisky.confidence <= 1 and pisky.alternatives


def test_one_sense_per_article(gazetteer):
    s1, s2 = "Paris, Texas flooded.", "Paris was quiet later."
    res = Resolver(gazetteer).resolve([_m("Paris", 0, s1), _m("Texas", 7, s1),
                                       _m("Paris", 100, s2)])
    assert res[0].candidate == res[2].candidate and res[0].candidate.country_code == "US"


def test_unknown_name_is_unresolved(gazetteer):
    (res,) = Resolver(gazetteer).resolve([_m("Qwzxv", 0, "Qwzxv.")])
    assert res.candidate is None and res.confidence == 0.0


def _sentence_mentions(sentence, names, hint=None):
    """Mentions for each name at its first position in the sentence."""
    return [_m(n, sentence.index(n), sentence, hint=hint) for n in names]


@pytest.mark.parametrize("sentence, name, code", [
    # a list of states: each is the state, not a small town named after it
    ("Cases in Arizona, California, Colorado, Indiana, Kansas and Oregon.", "Indiana", "ADM1"),
    ("Cases in Arizona, California, Colorado, Indiana, Kansas and Oregon.", "Kansas", "ADM1"),
    ("Ranchers in Montana and Wyoming sold cattle.", "Montana", "ADM1"),
    # the others are siblings in a list, not regions that hold a town named Oregon
    ("Michigan, Oregon, New Mexico, Indiana and Ohio report cases.", "Oregon", "ADM1"),
    # ... but a big city stays the city
    ("Flights from Texas and New York resumed.", "New York", "PPL"),
])
def test_peer_admin_areas(gazetteer, sentence, name, code):
    names = [n for n in ("Arizona", "California", "Colorado", "Indiana", "Kansas", "Oregon",
                         "Texas", "Montana", "Wyoming", "New York", "Michigan", "New Mexico",
                         "Ohio") if n in sentence]
    names.sort(key=sentence.index)
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))
    got = res[names.index(name)].candidate
    assert (got.feature_code, got.country_code) == (code, "US")


def test_ocean_beats_namesake_town_in_a_one_country_article(gazetteer):
    sentence = "The United States and Florida brace as the Atlantic warms."
    names = ["United States", "Florida", "Atlantic"]
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))
    assert res[2].candidate.feature_code == "OCN"


@pytest.mark.parametrize("text, admin1, country", [
    ("Md.", "Maryland", "US"),
    ("N.M.", "New Mexico", "US"),
    ("Mo.", "Missouri", "US"),  # not Mo i Rana, Norway
    ("Ill.", "Illinois", "US"),  # not the river Ill
    ("B.C.", "British Columbia", "CA"),
    ("Que.", "Quebec", "CA"),
])
def test_state_abbreviations(gazetteer, text, admin1, country):
    sentence = f"SPRINGFIELD, {text} (AP) - Officials said."
    mentions = [_m("SPRINGFIELD", 0, sentence), _m(text, 13, sentence)]
    got = Resolver(gazetteer).resolve(mentions)[1].candidate
    assert (got.feature_code, got.country_code, got.admin1) == ("ADM1", country, admin1)


@pytest.mark.parametrize("sentence, names, index, code, country", [
    ("She flew from Atlanta, Georgia to Wichita.", ["Atlanta", "Georgia", "Wichita"], 1,
     "ADM1", "US"),
    ("A girl from Buffalo, New York died.", ["Buffalo", "New York"], 1, "ADM1", "US"),
    # the city, not the state, holds its borough
    ("Funeral homes across Brooklyn, New York.", ["Brooklyn", "New York"], 1, "PPL", "US"),
    # a list of countries is no containment (Niger State lies in Nigeria)
    ("Cases in Ghana, Guinea, Niger, Nigeria and Togo.",
     ["Ghana", "Guinea", "Niger", "Nigeria", "Togo"], 2, "PCLI", "NE"),
    # "X and Y" names siblings: no town called Tocantins inside Minas Gerais
    ("Cases were found in Tocantins and Minas Gerais.", ["Tocantins", "Minas Gerais"], 0,
     "ADM1", "BR"),
    ("One case each in Tocantins, and Minas Gerais.", ["Tocantins", "Minas Gerais"], 0,
     "ADM1", "BR"),
])
def test_comma_container(gazetteer, sentence, names, index, code, country):
    got = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[index].candidate
    assert (got.feature_code, got.country_code) == (code, country)


@pytest.mark.parametrize("sentence, name, hint, code", [
    # a spelling the town carries among its own names reaches it as surely as the exact
    # spelling of a small village elsewhere (Mar'yinka, Dnipropetrovsk Oblast) ...
    ("Russian forces shelled Maryinka on Tuesday.", "Maryinka", None, "PPL"),
    # ... and the district named after the town needs its district word
    ("Fighting raged in the Maryinka district.", "Maryinka district", "district", "ADM2"),
])
def test_town_by_one_of_its_names(gazetteer, sentence, name, hint, code):
    (got,) = Resolver(gazetteer).resolve([_m(name, sentence.index(name), sentence, hint=hint)])
    assert (got.candidate.feature_code, got.candidate.admin1) == (code, "Donetsk Oblast")


@pytest.mark.parametrize("town_score, district_score, first", [
    (1.0, 1.4, "town"),  # the district named after the town yields to it
    (1.4, 1.0, "town"),
    (None, 1.4, "district"),  # no town of that name in its region: the district stands
])
def test_towns_before_their_districts(town_score, district_score, first):
    town = Candidate("t", "Marinka", 47.9, 37.5, "P", "PPL", "UA", "Donetsk Oblast", "UA.05")
    district = Candidate("d", "Marinka Raion", 47.9, 37.4, "A", "ADM2", "UA", "Donetsk Oblast",
                         "UA.05")
    elsewhere = Candidate("e", "Marinka", 49.8, 23.0, "P", "PPL", "UA", "Lviv Oblast", "UA.15")
    scored = [(district_score, district), (town_score or 0.5, town if town_score else elsewhere)]
    got = sorted(_towns_before_their_districts(scored), key=lambda x: -x[0])
    assert got[0][1].id == {"town": "t", "district": "d"}[first]


def test_abbreviation_without_its_final_dot(gazetteer):
    # at a sentence end the tokenizer leaves the dot out of the mention
    sentence = "She was born in Churchill, Man."
    mentions = [_m("Churchill", 16, sentence), _m("Man", 27, sentence)]
    got = Resolver(gazetteer).resolve(mentions)[1].candidate
    assert (got.feature_code, got.admin1) == ("ADM1", "Manitoba")


def test_village_in_the_named_district_beats_its_namesake_in_the_oblast(gazetteer):
    # two villages of this name in Luhansk Oblast, 60 km apart: the district decides
    sentence = "Shelling near Pobeda village, Novoaidar district, Luhansk region."
    mentions = [_m("Pobeda", 14, sentence, hint="city"),
                _m("Novoaidar district", 30, sentence, hint="district"),
                _m("Luhansk region", 50, sentence, hint="region")]
    pobeda, district, _ = Resolver(gazetteer).resolve(mentions)
    assert district.candidate.feature_code == "ADM2"
    assert gazetteer.contains(district.candidate.id, pobeda.candidate.lat,
                              pobeda.candidate.lon)


@pytest.mark.parametrize("sentence, names, index, country", [
    # a name of generic words needs the article to point at the country of the entry
    ("Stops in Boston and New York before the West Coast.", ["Boston", "New York",
                                                               "West Coast"], 2, None),
    ("Fighting in Cameroon spread to the North.", ["Cameroon", "North"], 1, "CM"),
    # "Gulf" matches Gulf County, Florida through its bare name
    ("The Gulf security fair opened in Dubai.", ["Gulf", "Dubai"], 0, None),
])
def test_generic_names_need_their_country(gazetteer, sentence, names, index, country):
    got = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[index].candidate
    assert (got.country_code if got else None) == country


@pytest.mark.parametrize("text, country", [
    ("Democratic Republic of Congo", "CD"),  # the gazetteer says "... of the Congo"
    ("Republic of Congo", "CG"),
    ("Nazi Germany", "DE"),  # a word before a country's name
    ("Politics Ukraine", "UA"),
    ("Palmyra", "SY"),  # the curated English name of Tadmur, not a small US namesake
    ("Bint Jbeil", "LB"),  # curated English spelling of GeoNames' Bent Jbaïl
])
def test_name_variants(gazetteer, text, country):
    (res,) = Resolver(gazetteer).resolve([_m(text, 0, f"{text} said.")])
    assert res.candidate is not None and res.candidate.country_code == country


@pytest.mark.parametrize("sentence, names, index, expected", [
    # a street is in the town named before it, not in a town named like it (Collins, MS)
    ("A museum opens on Collins Avenue in Miami Beach.", ["Collins Avenue", "Miami Beach"],
     0, "Miami Beach"),
    ("Police in Kherson closed Sovetskaya Street.", ["Kherson", "Sovetskaya Street"], 1,
     "Kherson"),
    # a building named after a major place is in it
    ("Mass at the Manila Cathedral drew crowds.", ["Manila Cathedral"], 0, "Manila"),
    ("Shelling hit the Kherson airport.", ["Kherson airport"], 0, "Kherson"),
    # no town named anywhere: the place the name starts with is the best guess left
    ("Shells fell on the Avdiivka Coke Plant.", ["Avdiivka Coke Plant"], 0, "Avdiivka"),
])
def test_facilities(gazetteer, sentence, names, index, expected):
    got = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[index].candidate
    assert got is not None and expected in got.name  # "Kherson International Airport"


@pytest.mark.parametrize("mass, country", [(0.0, "US"), (1.0, "CA")])
def test_one_unambiguous_name_is_not_certainty(gazetteer, monkeypatch, mass, country):
    # a lone US-only name does not make a village in Kentucky beat Edmonton, Alberta
    monkeypatch.setattr("geomap.resolve.COUNTRY_PRIOR_MASS", mass)
    sentence = "Edmonton and Tuscaloosa were both mentioned."
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, ["Edmonton", "Tuscaloosa"]))
    assert res[0].candidate.country_code == country


@pytest.mark.parametrize("sentence, name, feature_class", [
    ("Civilians fled across the Dnipro from Nikopol.", "Dnipro", "H"),  # the river
    ("Missiles hit Dnipro overnight.", "Dnipro", "P"),  # the city
    ("Officials of the Dnipro city council spoke.", "Dnipro", "P"),  # a modifier
    ("Officials in the Dnipro and Poltava regions spoke.", "Dnipro", None),  # a pair
    ("Officials of the Dnipro-based firm spoke.", "Dnipro", "P"),  # a compound modifier
    # an adverb of the river's course ends the noun phrase: the river, not the state
    ("A burst dam at Sennar would flood towns along the Blue Nile downstream.",
     "Blue Nile", "H"),
    ("Towns along the Blue Nile upstream were spared.", "Blue Nile", "H"),
])
def test_definite_article_means_no_town(gazetteer, sentence, name, feature_class):
    (res,) = Resolver(gazetteer).resolve([_m(name, sentence.index(name), sentence)])
    if feature_class is None:
        assert res.candidate.feature_class != "H"
    else:
        assert res.candidate.feature_class == feature_class


def test_the_river_and_the_city_in_one_article(gazetteer):
    s1 = "Troops crossed the Dnipro near Kherson."
    s2 = "Later Dnipro was shelled."
    res = Resolver(gazetteer).resolve([_m("Dnipro", s1.index("Dnipro"), s1),
                                       _m("Kherson", s1.index("Kherson"), s1),
                                       _m("Dnipro", 100, s2)])
    assert res[0].candidate.feature_class == "H" and res[2].candidate.feature_class == "P"


@pytest.mark.parametrize("sentence, name, code, country", [
    # in a list of states every item is a state, even one named like a country or city
    ("Farms in Texas, Georgia, Ohio and Iowa were hit.", "Georgia", "ADM1", "US"),
    ("Farms in Texas, Florida, New York and Iowa were hit.", "New York", "ADM1", "US"),
    # two items are no list evidence beyond the article-wide peers
    ("Flights between Texas and New York resumed.", "New York", "PPL", "US"),
    # a state named beside another state of the article's country, with nothing pointing
    # at the country of that name, is the state; with more pointing elsewhere, the country
    ("The Georgia National Guard sent a team to Alaska.", "Georgia", "ADM1", "US"),
    ("Russia invaded Georgia in 2008, a senator from Alaska said.", "Georgia", "PCLI", "GE"),
])
def test_list_peers(gazetteer, sentence, name, code, country):
    names = [n for n in ("Texas", "Georgia", "Ohio", "Iowa", "Florida", "New York", "Alaska",
                         "Russia") if n in sentence]
    names.sort(key=sentence.index)
    got = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[
        names.index(name)].candidate
    assert (got.feature_code, got.country_code) == (code, country)


def test_village_spelt_otherwise_is_found_inside_its_district(gazetteer):
    sentence = "Shelling near Chumak village, Starobeshivskiy district, Donetsk region."
    mentions = [_m("Chumak", 14, sentence, hint="city"),
                _m("Starobeshivskiy district", 30, sentence, hint="district"),
                _m("Donetsk region", 56, sentence, hint="region")]
    chumak, district, _ = Resolver(gazetteer).resolve(mentions)
    assert chumak.candidate.name == "Chumaky"
    assert gazetteer.contains(district.candidate.id, chumak.candidate.lat,
                              chumak.candidate.lon)


def test_village_named_like_a_city_is_found_inside_the_named_oblast(gazetteer):
    # "Lugansk" in Donetsk Oblast: the village Luhanske, not the city of Luhansk
    sentence = "Shelling near the village of Lugansk (Donetsk region)."
    mentions = [_m("Lugansk", 29, sentence, hint="city"),
                _m("Donetsk region", 38, sentence, hint="region")]
    village, region = Resolver(gazetteer).resolve(mentions)
    assert village.candidate.admin1_code == region.candidate.admin1_code == "UA.05"
    assert village.candidate.feature_class == "P"


@pytest.mark.parametrize("sentence, village, oblast", [
    # the data hold Polevoe of Shakhtarsk Raion under no spelling the name reaches: no
    # namesake in Crimea or Odesa Oblast is meant
    ("Shelling near the village of Polevoe (Shakhtersky district) Donetsk region.",
     "Polevoe", "UA.05"),
    ("A mine exploded near Trypillia, Bakhmut district, Donetsk region.", "Trypillia",
     "UA.05"),
])
def test_village_outside_the_area_written_after_it_is_dropped(gazetteer, sentence, village,
                                                               oblast):
    names = [village] + [n for n in ("Shakhtersky district", "Bakhmut district",
                                     "Donetsk region") if n in sentence]
    mentions = [_m(n, sentence.index(n), sentence,
                   hint="city" if n == village else n.split()[-1]) for n in names]
    got = Resolver(gazetteer).resolve(mentions)
    assert got[0].candidate is None or got[0].candidate.admin1_code == oblast
    assert got[-1].candidate.admin1_code == oblast


@pytest.mark.parametrize("sentence, village, district, lat", [
    # two Hranitnes 25 km apart on either side of the Volnovakha Raion border; the one
    # the data file under that raion lies 3.5 km outside its generalised polygon, the other
    # (filed under Nikolske Raion) within the polygon's 3 km margin
    ("Shelling hit Hranitne, Volnovakha district, Donetsk region.", "Hranitne",
     "Volnovakha district", 47.457),
    # filed under Volnovakha Raion, but inside the polygon of the district the report names
    ("A mine blew up near Vodiane in Novoazovsk district, Donetsk region.", "Vodiane",
     "Novoazovsk district", 47.148),
])
def test_village_filed_under_the_named_district(gazetteer, sentence, village, district, lat):
    mentions = [_m(village, sentence.index(village), sentence, hint="city"),
                _m(district, sentence.index(district), sentence, hint="district"),
                _m("Donetsk region", sentence.index("Donetsk region"), sentence,
                   hint="region")]
    got = Resolver(gazetteer).resolve(mentions)
    assert got[0].candidate.lat == pytest.approx(lat, abs=0.01)


@pytest.mark.parametrize("old, new", [
    # the data keep a village's pre-2016 name as its own name (Artemivsk, Luhansk Oblast,
    # now Kypuche); the town renamed from it carries it as a curated alias
    ("Artemivsk", "Bakhmut"),
    ("Krasnyy Luch", "Khrustalnyi"),
    # a romanization variant of a former name; the data also hold hamlets called so
    ("Krasnii Liman", "Lyman"),
])
def test_former_name_of_a_renamed_town(gazetteer, old, new):
    assert gazetteer.aliased(old) and not gazetteer.aliased("Bakhmut")
    sentence = f"Shelling was reported on the outskirts of {old}."
    got = Resolver(gazetteer).resolve([_m(old, sentence.index(old), sentence)],
                                      country_hint="UA")
    assert got[0].candidate.name == new


def test_town_name_typed_with_a_slip_is_the_town(gazetteer):
    sentence = "A soldier was killed near Iloviaks town, Donetsk."
    mentions = [_m("Iloviaks", 26, sentence, hint="city", label="CTX"),
                _m("Donetsk", 42, sentence)]
    got = Resolver(gazetteer).resolve(mentions, country_hint="UA")
    assert got[0].candidate is not None and got[0].candidate.name == "Ilovaisk"


@pytest.mark.parametrize("sentence, name, cue", [
    ("Shelling near the border village of Stepanovka, Donetsk region.", "Stepanovka", True),
    ("Fire at the Marynivka border checkpoint.", "Marynivka", True),
    ("Fighting near Marynivka and the border.", "Marynivka", False),
    ("Shelling near Marynivka.", "Marynivka", False),
])
def test_border_cue(sentence, name, cue):
    assert _border_cue(_m(name, sentence.index(name), sentence)) is cue


def test_border_village_is_the_namesake_at_the_border(gazetteer):
    sentence = "Shelling near the border village of Stepanovka, Donetsk region."
    mentions = [_m("Stepanovka", 36, sentence, hint="city", label="CTX"),
                _m("Donetsk region", 48, sentence, hint="region")]
    village = Resolver(gazetteer).resolve(mentions, country_hint="UA")[0].candidate
    assert gazetteer.land_border_km(village.lat, village.lon, "UA") < 20


def test_list_of_villages_of_a_region_drops_namesakes_elsewhere(gazetteer):
    # the region ends the list: no Bezimenne of Donetsk Oblast is meant
    sentence = "Strikes on the settlements of Bezymennoe and Ternovye Pody in the Nikolaev region."
    names = ["Bezymennoe", "Ternovye Pody", "Nikolaev region"]
    mentions = [_m(n, sentence.index(n), sentence,
                   hint="region" if n.endswith("region") else "city") for n in names]
    got = Resolver(gazetteer).resolve(mentions, country_hint="UA")
    region = got[2].candidate
    assert region.feature_code == "ADM1"
    assert got[0].candidate is None or got[0].candidate.admin1_code == region.admin1_code


def test_village_in_a_list_with_a_district_keeps_its_namesakes(gazetteer):
    # "Yampol and Ivanovsky": a list, not Yampol inside an Ivanivka Raion
    sentence = "Donetsk region: in Yampol and Ivanovsky."
    mentions = [_m(n, sentence.index(n), sentence) for n in
                ("Donetsk region", "Yampol", "Ivanovsky")]
    got = Resolver(gazetteer).resolve(mentions)
    assert got[1].candidate is not None and got[1].candidate.admin1_code == "UA.05"


@pytest.mark.parametrize("name", ["Stepove", "Berdychi"])
def test_villages_near_the_town_they_are_named_with(gazetteer, name):
    # Berdychi is first read as Berdychiv (an alternate spelling) and must not pull itself
    # there; Stepove's namesake near Avdiivka sits late in the gazetteer's list of 49
    sentence = "Shelling hit Stepove and Berdychi, north of Avdiivka."
    names = ["Stepove", "Berdychi", "Avdiivka"]
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))
    assert res[names.index(name)].candidate.admin1 == "Donetsk Oblast"


def test_village_inside_the_named_district_beyond_the_candidate_limit(gazetteer):
    # 69 places answer to "Pervomaiske"; the one in Yasynuvata Raion at 48.10 N, 37.59 E
    # is not among the first 60 the lookup returns
    sentence = "Shelling near the village of Pervomaiske, Yasynuvata district, Donetsk region."
    names = ["Pervomaiske", "Yasynuvata district", "Donetsk region"]
    mentions = _sentence_mentions(sentence, names)
    mentions[0] = _m("Pervomaiske", mentions[0].start, sentence, hint="city")
    resolver = Resolver(gazetteer, focus=False)
    village, district, _ = resolver.resolve(mentions)
    inside = [c for c in (village.candidate, *village.alternatives)
              if gazetteer.contains(district.candidate.id, c.lat, c.lon)]
    assert village.candidate in inside
    assert any(abs(c.lat - 48.097) < 0.01 and abs(c.lon - 37.592) < 0.01 for c in inside)


def test_village_just_outside_its_district_polygon_counts_as_inside(gazetteer):
    # Ridkodub's point lies 1.8 km outside the generalised Shakhtarsk Raion polygon;
    # the other Ridkodub and Redkodub are 100+ km away
    sentence = "Shelling near the village of Redkodub (Shakhtersky district)."
    mentions = [_m("Redkodub", 29, sentence, hint="city"),
                _m("Shakhtersky district", 39, sentence, hint="district")]
    village, _ = Resolver(gazetteer, focus=False).resolve(mentions)
    assert village.candidate.admin1 == "Donetsk Oblast"
    assert abs(village.candidate.lat - 48.264) < 0.01


@pytest.mark.parametrize("sentence, name, hint, resolved", [
    # a call sign or English word that matches a hamlet abroad is no place in Ukraine
    ("Vostok battalion HQ near Vuhledar.", "Vostok", "UA", False),
    ("Granite, Volnovakha district, Donetsk region.", "Granite", "UA", False),
    # ... unless the article points at the other country
    ("Vostok, a village in Russia, was shelled.", "Vostok", "UA", True),
    # ... and without the user's country the hamlet stays a reading (unless the text
    # puts it near a town far from every Vostok, see test_place_said_to_lie_near_a_town)
    ("Vostok battalion HQ at Vuhledar.", "Vostok", None, True),
])
def test_small_place_abroad_needs_its_country(gazetteer, sentence, name, hint, resolved):
    names = [n for n in ("Vostok", "Granite", "Vuhledar", "Volnovakha district",
                         "Donetsk region", "Russia") if n in sentence]
    res = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names),
                                                   country_hint=hint)
    got = res[names.index(name)].candidate
    assert (got is not None and got.country_code != "UA") is resolved


def _feed(resolver, names, times):
    for name in names * times:
        sentence = f"Shelling in {name}."
        resolver.resolve([_m(name, 12, sentence)])


def test_run_focus_places_a_bare_village_near_the_runs_other_places(gazetteer):
    # nine places answer to "Zaitseve"; the run's reports around Horlivka and Bakhmut make
    # it the one there (Donetsk Oblast), not the most likely one without them
    sentence = "Shelling near Zaitseve."
    alone = Resolver(gazetteer).resolve([_m("Zaitseve", 14, sentence)])[0].candidate
    resolver = Resolver(gazetteer)
    _feed(resolver, ["Horlivka", "Toretsk", "Svitlodarsk", "Bakhmut", "Yasynuvata"], 5)
    assert resolver.focus.total >= 5
    got = resolver.resolve([_m("Zaitseve", 14, sentence)])[0].candidate
    assert alone.admin1 != "Donetsk Oblast"
    assert got.admin1 == "Donetsk Oblast" and abs(got.lat - 48.45) < 0.15


@pytest.mark.parametrize("variant, name", [
    # no exact "Pesky": a spelling variant of Pisky, a name some forty villages share. The
    # variant must reach them all, or a run of reports around Horlivka cannot choose the
    # one by Donetsk (the five most populous lie elsewhere).
    ("Pesky", "Pisky"),
])
def test_run_focus_chooses_among_the_namesakes_of_a_spelling_variant(gazetteer, variant,
                                                                    name):
    sentence = f"Shelling near {variant} village."
    resolver = Resolver(gazetteer)
    _feed(resolver, ["Horlivka", "Toretsk", "Svitlodarsk", "Bakhmut", "Yasynuvata"], 5)
    mention = _m(variant, 14, sentence, hint="city", label="CTX")
    got = resolver.resolve([mention], country_hint="UA")[0].candidate
    assert got is not None and got.name == name and got.admin1 == "Donetsk Oblast"


def test_run_focus_needs_many_reports_and_can_be_switched_off(gazetteer):
    sentence = "Shelling near Zaitseve."
    few = Resolver(gazetteer)
    _feed(few, ["Horlivka"], 1)  # one report is not yet a focus (FOCUS_MASS)
    off = Resolver(gazetteer, focus=False)
    _feed(off, ["Horlivka", "Toretsk", "Svitlodarsk", "Bakhmut", "Yasynuvata"], 5)
    for resolver in (few, off):
        got = resolver.resolve([_m("Zaitseve", 14, sentence)])[0].candidate
        assert got.admin1 != "Donetsk Oblast"
    assert off.focus is None


@pytest.mark.parametrize("sentence, names, index, country", [
    # the focus never outweighs the article's own country: a run of Ukrainian reports
    # leaves Paris, Texas in Texas
    ("Paris, Texas flooded.", ["Paris", "Texas"], 0, "US"),
    ("Protests in Paris and Lyon.", ["Paris", "Lyon"], 0, "FR"),
])
def test_run_focus_stays_in_the_articles_country(gazetteer, sentence, names, index, country):
    resolver = Resolver(gazetteer)
    _feed(resolver, ["Horlivka", "Toretsk", "Svitlodarsk", "Bakhmut", "Yasynuvata"], 5)
    got = resolver.resolve(_sentence_mentions(sentence, names))[index].candidate
    assert got.country_code == country


def test_run_focus_never_outweighs_a_region_the_article_names(gazetteer):
    # the run's reports are around Horlivka, but this article names Dnipropetrovsk Oblast
    # (in another sentence, the weakest containment there is): its Zaitseve is the one there
    s1, s2 = "Dnipropetrovsk region reported damage.", "Shelling near Zaitseve."
    resolver = Resolver(gazetteer)
    _feed(resolver, ["Horlivka", "Toretsk", "Svitlodarsk", "Bakhmut", "Yasynuvata"], 20)
    mentions = [_m("Dnipropetrovsk region", 0, s1, hint="region"),
                _m("Zaitseve", 100, s2)]
    got = resolver.resolve(mentions)[1].candidate
    assert got.admin1 == "Dnipropetrovsk Oblast"


@pytest.mark.parametrize("sentence, names", [
    # a region written after "in (the)", also with a direction ("in western Crimea"), holds
    # the village before it against the run's focus, even when the region's name is read
    # first as a peninsula
    ("Missiles were intercepted over Chornomorske in western Crimea.",
     ["Chornomorske", "Crimea"]),
    ("Explosions were heard in Chornomorske in Crimea.", ["Chornomorske", "Crimea"]),
])
def test_region_after_in_holds_the_village_against_the_run_focus(gazetteer, sentence, names):
    resolver = Resolver(gazetteer)
    _feed(resolver, ["Odesa", "Izmail", "Bilhorod-Dnistrovskyi", "Yuzhne"], 10)
    bare = resolver.resolve([_m("Chornomorske", 12, "Shelling in Chornomorske.")])[0]
    got = resolver.resolve(_sentence_mentions(sentence, names))[0].candidate
    assert bare.candidate.admin1 == "Odesa Oblast"  # the focus does pull the bare name
    assert got.admin1 == "Autonomous Republic of Crimea"


@pytest.mark.parametrize("sentence, names, code, admin1", [
    # Russian "район" translated "region": inside the oblast named beside it, a district
    ("Shelling in the Sverdlovsk region, Luhansk region.",
     ["Sverdlovsk region", "Luhansk region"], "ADM2", "Luhansk Oblast"),
    ("Fighting in the Krasnodon region, Lugansk region.",
     ["Krasnodon region", "Lugansk region"], "ADM2", "Luhansk Oblast"),
    # "of the" / "in the" join a place to the region that holds it, as a comma does
    ("Shelling in the Kupyansk region of the Kharkov region.",
     ["Kupyansk region", "Kharkov region"], "ADM2", "Kharkiv Oblast"),
    ("Shelling in the Sverdlovsk region in the Luhansk region.",
     ["Sverdlovsk region", "Luhansk region"], "ADM2", "Luhansk Oblast"),
    # no oblast beside it: the oblast of that name
    ("Floods hit the Sverdlovsk region.", ["Sverdlovsk region"], "ADM1", "Sverdlovsk Oblast"),
])
def test_region_inside_a_named_oblast_is_a_district(gazetteer, sentence, names, code, admin1):
    mentions = _sentence_mentions(sentence, names, hint="region")
    got = Resolver(gazetteer, focus=False).resolve(mentions)[0].candidate
    assert (got.feature_code, got.admin1) == (code, admin1)


def test_drawn_district_decides_over_its_point_only_namesake(gazetteer):
    # "Volnovakha district" is both the raion polygon and a GeoNames point; the point
    # would hold every Novoselivka within 60 km of it
    sentence = "Shelling near the village Novoselivka, Volnovakha district, Donetsk region."
    names = ["Novoselivka", "Volnovakha district", "Donetsk region"]
    mentions = _sentence_mentions(sentence, names)
    mentions[0] = _m("Novoselivka", mentions[0].start, sentence, hint="city")
    village = Resolver(gazetteer, focus=False).resolve(mentions)[0].candidate
    drawn = [c for c in gazetteer.lookup("Volnovakha district", limit=5) if c.has_geometry]
    # inside its polygon's margin, or filed under that raion by the village's source
    assert drawn and (gazetteer.contains(drawn[0].id, village.lat, village.lon, margin_km=3.0)
                      or gazetteer.admin2_code(village.id) == drawn[0].id)


@pytest.mark.parametrize("sentence, names, expected", [
    # no Butivka the gazetteer knows lies near Avdiivka: the mine is none of them
    ("Shelling hit Butivka, south of Avdiivka.", ["Butivka", "Avdiivka"], None),
    # ... but the Stepove there is found
    ("Shelling hit Stepove, north of Avdiivka.", ["Stepove", "Avdiivka"], "Donetsk Oblast"),
    # a stated distance widens "near" ...
    ("Shelling hit Pavlopil, 70 km south of Donetsk.", ["Pavlopil", "Donetsk"],
     "Donetsk Oblast"),
    # ... and a distance "from" a town may be long
    ("Sanitation services in Delmas, only 70 km from Johannesburg, are primitive.",
     ["Delmas", "Johannesburg"], "Mpumalanga"),
    # a major city is never dropped for a misread relation
    ("Troops massed near Kharkiv, outside Kyiv.", ["Kharkiv", "Kyiv"], "Kharkiv Oblast"),
    # a compass point alone reaches farther, the way it points (Tal Afar lies 60 km west
    # of Mosul), but not the other way
    ("Gunmen attacked a checkpoint near Tal Afar, west of Mosul.", ["Tal Afar", "Mosul"],
     "Nineveh"),
    ("Gunmen attacked a checkpoint near Tal Afar, east of Mosul.", ["Tal Afar", "Mosul"],
     None),
])
def test_place_said_to_lie_near_a_town(gazetteer, sentence, names, expected):
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))[0]
    assert (got.candidate.admin1 if got.candidate else None) == expected


@pytest.mark.parametrize("sentence, names, index, code, admin1", [
    # Russia named first makes Donetsk, Rostov the first reading of "Donetsk", just ahead
    # of Donetsk, Ukraine: the town near the one meant is kept, not dropped for its raion
    ("Russia's defence minister said troops had taken full control of Marinka, a town on "
     "the western outskirts of Donetsk.", ["Russia", "Marinka", "Donetsk"], 1,
     "PPL", "Donetsk Oblast"),
    ("Russia's defence minister said troops had taken full control of Marinka, a town on "
     "the western outskirts of Donetsk.", ["Russia", "Marinka", "Donetsk"], 2,
     "PPLA", "Donetsk Oblast"),
])
def test_place_near_a_close_second_reading_of_the_town(gazetteer, sentence, names, index,
                                                       code, admin1):
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))[index]
    assert (got.candidate.feature_code, got.candidate.admin1) == (code, admin1)


@pytest.mark.parametrize("text, km", [
    (" some 70 kilometres south of ", 70.0),
    (", 800 meters from ", 0.8),
    (" 5 miles outside ", 8.045),
    (", south of ", 0.0),
])
def test_stated_distance(text, km):
    assert _stated_km(text) == pytest.approx(km)


@pytest.mark.parametrize("text, hint, expected", [
    # the hinted name is unknown and the bare name an everyday word: the large feature
    # under the bare name, never a town that shares it
    ("Pacific province", "region", "Pacific Ocean"),
    ("Bank region", "region", None),  # "Bank" is no name of Portsmouth here
])
def test_bare_name_when_the_hinted_name_is_unknown(gazetteer, text, hint, expected):
    mention = Mention(text=text, start=0, end=len(text), sentence=text, label="GAZ",
                      hint=hint, query=text)
    got = Resolver(gazetteer, focus=False).resolve([mention])[0]
    assert (got.candidate.name if got.candidate else None) == expected


@pytest.mark.parametrize("mention, name, short", [
    ("Newcastle", "Newcastle upon Tyne", True),
    ("Frankfurt", "Frankfurt am Main", True),
    ("Rostov", "Rostov-on-Don", True),
    ("Stratford", "Stratford-upon-Avon", True),
    ("Tyne", "Newcastle upon Tyne", False),  # the qualifier is no name of the town
    ("Newcastle", "Newcastle Emlyn", False),  # no joining word: another town
    ("Kent", "Kentwood", False),
])
def test_short_form_of_a_qualified_town_name(mention, name, short):
    assert (name_penalty(mention, cand(name, "PPL")) == SHORT_FORM_PENALTY) is short


@pytest.mark.parametrize("sentence, names, index, country", [
    # the feature word is the reporter's: Jordan's governorate is spelt "Karak", Pakistan's
    # district "Karak District"
    ("Gunmen attacked police in Jordan, in the Karak district.", ["Jordan", "Karak district"],
     1, "JO"),
    # with no country named the exact name still stands
    ("Police were attacked in the Karak district.", ["Karak district"], 0, "PK"),
])
def test_admin_area_named_with_its_feature_word_in_the_articles_country(
        gazetteer, sentence, names, index, country):
    mentions = [_m(n, sentence.index(n), sentence,
                   hint="district" if n.endswith("district") else None) for n in names]
    got = Resolver(gazetteer, focus=False).resolve(mentions)[index].candidate
    assert got.country_code == country


@pytest.mark.parametrize("sentences, country", [
    # a big town of the article's country near its other places beats a capital abroad
    (["London police arrested two men from Texas.", "Both had lived in Kitchener, Canada."],
     "CA"),
    # a country named beside it is no such evidence: envoys sit in capitals
    (["Canada's envoy in London met officials."], "GB"),
])
def test_home_namesake_beats_a_capital_nothing_points_at(gazetteer, sentences, country):
    mentions, offset = [], 0
    for s in sentences:
        for n in ("London", "Texas", "Kitchener", "Canada"):
            if n in s:
                mentions.append(_m(n, offset + s.index(n), s))
        offset += len(s) + 1
    got = Resolver(gazetteer, focus=False).resolve(mentions)[0].candidate
    assert got.name == "London" and got.country_code == country


def test_a_state_elsewhere_in_the_sentence_is_not_also_its_namesake_counties(gazetteer):
    # "Ohio" holds Wyoming, Ohio; Ohio County, Indiana (its point 40 km off) must not hold
    # it a second time and so outweigh the state Wyoming beside Montana
    sentence = "We looked from mid-Ohio to the western borders of Montana and Wyoming."
    names = ["Ohio", "Montana", "Wyoming"]
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))[2]
    assert (got.candidate.feature_code, got.candidate.country_code) == ("ADM1", "US")


@pytest.mark.parametrize("sentence, code", [
    # a governor heads a state: the name before the title is the state, not its city
    ("Former New York Gov. Mario Cuomo died.", "ADM1"),
    ("New York Governor Kathy Hochul spoke.", "ADM1"),
    ("The New York mayor spoke.", "PPL"),
])
def test_a_governors_title_names_the_state(gazetteer, sentence, code):
    (got,) = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, ["New York"]))
    assert (got.candidate.feature_code, got.candidate.country_code) == (code, "US")


def test_run_focus_never_lifts_a_town_over_the_region_the_article_reads(gazetteer,
                                                                         monkeypatch):
    # a run whose places crowd around every namesake town still leaves the state the
    # governor's title names a state: the focus chooses among towns only
    monkeypatch.setattr("geomap.resolve.RunFocus.bonus", lambda self, c: 3.0)
    sentence = "Former New York Gov. Mario Cuomo died."
    (got,) = Resolver(gazetteer).resolve(_sentence_mentions(sentence, ["New York"]))
    assert got.candidate.feature_code == "ADM1"


@pytest.mark.parametrize("sentence, names, name, code", [
    # "Zaporizhzhia" after a town is the drawn oblast, not the old Zaporizhzhia lands known
    # by a point 150 km around, which would hold the raion named after the town but not
    # the town itself
    ("A priest was abducted in Berdiansk (Zaporizhzhia).", ["Berdiansk", "Zaporizhzhia"],
     "Berdiansk", "PPLA2"),
    ("Residents of Berdiansk, Zaporizhzhia, rallied.", ["Berdiansk", "Zaporizhzhia"],
     "Berdiansk", "PPLA2"),
])
def test_loose_region_beside_a_drawn_oblast_holds_nothing(gazetteer, sentence, names, name,
                                                           code):
    mentions = _sentence_mentions(sentence, names)
    got = Resolver(gazetteer, focus=False).resolve(mentions)[0].candidate
    assert (got.name, got.feature_code) == (name, code)


@pytest.mark.parametrize("sentence, names, index", [
    # Ukraine's own romanization names a Ukrainian place, whatever "Russia" votes for
    ("Russia digs in on the left bank, building trench lines near Oleshky",
     ["Russia", "Oleshky"], 1),
    ("Russian vehicles were destroyed in a failed assault near Novomykhailivka.",
     ["Russia", "Novomykhailivka"], 1),
])
def test_ukrainian_spelling_is_a_place_in_ukraine(gazetteer, sentence, names, index):
    mentions = _sentence_mentions(sentence.replace("Russian", "Russia"), names)
    got = Resolver(gazetteer).resolve(mentions)[index].candidate
    assert got.country_code == "UA"


def test_russian_spelling_may_still_be_russia(gazetteer):
    # the reverse does not hold: a Russian-style name keeps its Russian namesakes
    sentence = "Drones struck an oil depot in Novomikhaylovka, Altai Krai."
    got = Resolver(gazetteer).resolve(
        _sentence_mentions(sentence, ["Novomikhaylovka", "Altai Krai"]))[0].candidate
    assert got.country_code == "RU"


def _town(name, cc, lat, lon, code="PPL", fclass="P", pop=0):
    return Candidate(id=f"t:{name}:{cc}:{lat}", name=name, lat=lat, lon=lon,
                     feature_class=fclass, feature_code=code, country_code=cc, population=pop)


ALPHA_CA = _town("Alpha", "CA", 53.5, -113.5, "PPLA")
ALPHA_GB = _town("Alpha", "GB", 51.62, -0.06)
BETA_US = _town("Beta", "US", 42.0, -72.6)
BETA_GB = _town("Beta", "GB", 51.65, -0.08)  # ~3 km from Alpha, GB
BETA_GB_NEAR = _town("Beta", "GB", 51.60, -0.04)  # a second Beta beside Alpha, GB
GAMMA_US = _town("Gamma", "US", 42.0, -72.6)  # beside Beta, US


@pytest.mark.parametrize("by_key, expected", [
    # the one spot where namesakes of both names meet
    ({"alpha": [ALPHA_CA, ALPHA_GB], "beta": [BETA_US, BETA_GB]},
     {"alpha": {ALPHA_GB.id: PAIR_BONUS}, "beta": {BETA_GB.id: PAIR_BONUS}}),
    # two namesakes of one name beside the other's: no single spot
    ({"alpha": [ALPHA_CA, ALPHA_GB], "beta": [BETA_US, BETA_GB, BETA_GB_NEAR]}, {}),
    # the first readings already agree: nothing to add
    ({"beta": [BETA_US, BETA_GB], "gamma": [GAMMA_US, ALPHA_CA]}, {}),
    # a name read first as a country is no town to pair
    ({"alpha": [_town("Alpha", "AL", 41.0, 20.0, "PCLI", "A"), ALPHA_CA, ALPHA_GB],
      "beta": [BETA_US, BETA_GB]}, {}),
    # an unambiguous name is placed already, and pairs with nothing
    ({"alpha": [ALPHA_CA, ALPHA_GB], "beta": [BETA_GB]}, {}),
])
def test_pair_bonus(by_key, expected):
    assert _pair_bonus(by_key) == expected


@pytest.mark.parametrize("sentence, name, cc", [
    # Edmonton, Alberta is the big namesake; Tottenham's only namesake near an Edmonton
    # is the north London one
    ("Police in Edmonton said the man had lived in Tottenham for years.", "Edmonton", "GB"),
    ("Police in Edmonton said the man had lived in Tottenham for years.", "Tottenham", "GB"),
    # a lone Edmonton is the big one
    ("Police in Edmonton said the man had lived there for years.", "Edmonton", "CA"),
])
def test_two_names_meeting_in_one_spot(gazetteer, sentence, name, cc):
    names = [n for n in ("Edmonton", "Tottenham") if n in sentence]
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))
    assert got[names.index(name)].candidate.country_code == cc


FIFE_GB = _town("Fife", "GB", 56.2, -3.1, "ADM2", "A")
FIFE_US = _town("Fife", "US", 47.24, -122.36, pop=9970)
LEICESTERSHIRE = _town("Leicestershire", "GB", 52.6, -1.1, "ADM2", "A")
KENT_GB = _town("Kent", "GB", 51.17, 0.67, "ADM2", "A")
KENT_US = _town("Kent", "US", 47.38, -122.23, pop=126952)  # a big city, abroad
HAMPSHIRE_GB = _town("Hampshire", "GB", 51.06, -1.31, "ADM2", "A")
WARREN_US = _town("Warren", "US", 42.49, -83.03, pop=134056)
WARREN_COUNTY = _town("Warren County", "US", 39.43, -84.17, "ADM2", "A")
DELAWARE_STATE = _town("Delaware", "US", 39.0, -75.5, "ADM1", "A")
DELAWARE_COUNTY = _town("Delaware County", "US", 40.3, -83.1, "ADM2", "A")
FRANKLIN_COUNTY = _town("Franklin County", "US", 39.96, -83.0, "ADM2", "A")


@pytest.mark.parametrize("by_key, text, expected", [
    # an English county among others is the county, not a US town named after it
    ({"fife": [FIFE_US, FIFE_GB], "leicestershire": [LEICESTERSHIRE]}, "Fife", FIFE_GB),
    # ... even when the first reading is a big city, as long as that city is abroad
    ({"kent": [KENT_US, KENT_GB], "hampshire": [HAMPSHIRE_GB]}, "Kent", KENT_GB),
    # a big city among its own country's counties stays the city
    ({"warren": [WARREN_US, WARREN_COUNTY], "franklin county": [FRANKLIN_COUNTY]},
     "Warren", WARREN_US),
    # a state among counties stays the state: "Delaware County" is not written "Delaware"
    ({"delaware": [DELAWARE_STATE, DELAWARE_COUNTY], "franklin county": [FRANKLIN_COUNTY]},
     "Delaware", DELAWARE_STATE),
])
def test_admin2_peers_under_their_own_name(gazetteer, by_key, text, expected):
    key = text.casefold()
    mentions = [_m(k.title(), 0, k.title()) for k in by_key]
    peers = _peer_kinds(mentions, list(by_key), by_key)
    ranked = Resolver(gazetteer, focus=False)._rank(by_key[key], None, {}, None, None, text,
                                                   peers.get(key))
    assert ranked[0][1] == expected


@pytest.mark.parametrize("sentence, name, hint, expected, code", [
    # abbreviations written without full stops and former country names (curated aliases)
    ("Horses in NSW were quarantined.", "NSW", None, "New South Wales", "ADM1"),
    ("The outbreak began in Zaire in 1976.", "Zaire", None, "Democratic Republic of the Congo",
     "PCLI"),
    ("The minister said T&T would vote.", "T&T", None, "Trinidad and Tobago", "PCLI"),
    ("The agent was developed by the Soviet Union.", "Soviet Union", None, "Russia", "PCLI"),
    # a big island the dumps lack (curated): not the Georgian village named Java
    ("A tsunami hit the island of Java.", "Java", "island", "Java", "ISL"),
    ("Three children from Sumatra were hospitalized.", "Sumatra", None, "Sumatra", "ISL"),
    # a hub airport by its bare name (curated)
    ("Flights at Heathrow were delayed.", "Heathrow", None, "Heathrow Airport", "AIRP"),
    # English counties that the dumps split into unitary authorities (curated), not the
    # US towns named after them; common short names of counties (curated aliases)
    ("He grew up in Yorkshire.", "Yorkshire", None, "Yorkshire", "RGN"),
    ("The race moves to Rockingham, Northamptonshire.", "Northamptonshire", None,
     "Northamptonshire", "ADM2"),
    ("Flooding hit homes in Berkshire.", "Berkshire", None, "Berkshire", "ADM2"),
    ("They will arrive in East Yorkshire on Friday.", "East Yorkshire", None,
     "East Riding of Yorkshire", "ADM2"),
    ("The Essex and Herts Air Ambulance attended.", "Herts", None, "Hertfordshire", "ADM2"),
    # a short name before a feature word: the hint word is no part of the name
    ("Residents of the US state of Texas were asked.", "US state", "region", "United States",
     "PCLI"),
])
def test_curated_short_and_former_names(gazetteer, sentence, name, hint, expected, code):
    (got,) = Resolver(gazetteer, focus=False).resolve(
        _sentence_mentions(sentence, [name], hint=hint))
    assert (got.candidate.name, got.candidate.feature_code) == (expected, code)


@pytest.mark.parametrize("sentence, names, expected", [
    # curated conflict sites (gazetteer/sites.tsv) over far namesakes: a Virginia village,
    # Chinese and Ukrainian villages reached by loose spellings
    ("Israeli troops dug in on Mount Hermon, across the line from Syria.",
     ["Syria", "Mount Hermon"], "site:mount-hermon"),
    ("Israel could strike Iran's oil terminal on Kharg Island.", ["Iran", "Kharg Island"],
     "site:kharg-island"),
    ("A merchant ship was struck west of Mokha, Yemen.", ["Yemen", "Mokha"], "site:mokha"),
    ("A drone attack targeted the Ain al-Asad air base in Iraq.", ["Iraq", "Ain al-Asad"],
     "site:ain-al-asad"),
])
def test_curated_sites_beat_far_namesakes(gazetteer, sentence, names, expected):
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))
    assert got[-1].candidate.id == expected


@pytest.mark.parametrize("sentence, names", [
    # an English county beside English places is the county, not Cheshire, Connecticut
    ("9/10 June: Oulton Park, Cheshire. 23/24 June: Croft, Yorkshire.",
     ["Cheshire", "Yorkshire"]),
    ("Rain is forecast for Chester and Cheshire in England tonight.", ["England", "Cheshire"]),
])
def test_english_counties_in_an_english_context(gazetteer, sentence, names):
    got = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))
    assert got[-1].candidate.country_code == "GB"
    assert got[-1].candidate.id.startswith("cur:")


def test_an_area_under_its_official_title(gazetteer):
    sentence = "Contact the County of Brant police detachment."
    (got,) = Resolver(gazetteer, focus=False).resolve(
        _sentence_mentions(sentence, ["County of Brant"]))
    assert (got.candidate.name, got.candidate.country_code) == ("Brant", "CA")


@pytest.mark.parametrize("village, raion, oblast", [
    # post-2020 raions, as ACLED and UCDP write them: Kramatorsk had no raion before the
    # reform (the name alone is the city), Borova had its own raion, now in Izium's
    ("Mykolaivka", "Kramatorsk raion", "Donetsk oblast"),
    ("Berestove", "Bakhmut raion", "Donetsk oblast"),
    ("Borovaya", "Izyumsky district", "Kharkiv oblast"),
])
def test_village_inside_its_new_raion(gazetteer, village, raion, oblast):
    sentence = f"Shelling was reported in {village} ({raion}, {oblast})."
    start = len("Shelling was reported in ")
    mentions = [_m(village, start, sentence, hint="city"),
                _m(raion, start + len(village) + 2, sentence, hint="district"),
                _m(oblast, start + len(village) + len(raion) + 4, sentence, hint="region")]
    got, area, _ = Resolver(gazetteer).resolve(mentions)
    assert area.candidate.feature_code == "ADM2"
    new = [c for c in gazetteer.lookup(raion, limit=10)
           if c.feature_code == "ADM2" and c.source == "geonames+geoboundaries"]
    assert new and gazetteer.contains(new[0].id, got.candidate.lat, got.candidate.lon,
                                      margin_km=5)


@pytest.mark.parametrize("sentence, district, town, raion", [
    # a district of a town lies in it: a namesake abroad is not meant, and with none near
    # the town is the best place left for it
    ("Troops pulled back from the Kanal district of Chasiv Yar.", "Kanal district",
     "Chasiv Yar", False),
    ("A missile hit the Kyivskyi district of Kharkiv.", "Kyivskyi district", "Kharkiv", False),
    # "in" the town as well as "of" it (no Kirovskiy Rayon of St Petersburg, no
    # Shevchenkove Raion of Kharkiv oblast)
    ("Shelling hit Kirovsky district in Donetsk on Monday.", "Kirovsky district", "Donetsk",
     False),
    ("A missile hit the Shevchenkivskyi district in Kyiv.", "Shevchenkivskyi district", "Kyiv",
     False),
    # a microdistrict's bare name: no village of Zaporizhzhia oblast 65 km away
    ("Shelling hit the Vostochny microdistrict of Mariupol.", "Vostochny", "Mariupol", False),
    ("Shelling hit the Vostochny microdistrict in Mariupol.", "Vostochny", "Mariupol", False),
    ("Shelling hit the Vostochny microdistrict of the city of Mariupol.", "Vostochny",
     "Mariupol", False),
    # a raion of the oblast the name also reads as stays the raion
    ("Artillery hit the Pokrovsk district of Donetsk.", "Pokrovsk district", "Donetsk", True),
    ("Artillery hit the Pokrovsk district in Donetsk.", "Pokrovsk district", "Donetsk", True),
])
def test_district_of_a_town(gazetteer, sentence, district, town, raion):
    hint = "district" if district.endswith("district") else None
    mentions = [_m(district, sentence.index(district), sentence, hint=hint),
                _m(town, sentence.index(town), sentence)]
    part, city = Resolver(gazetteer).resolve(mentions)
    if raion:
        assert part.candidate.feature_code == "ADM2"
    else:
        assert part.candidate.id == city.candidate.id or (
            great_circle((part.candidate.lat, part.candidate.lon),
                         (city.candidate.lat, city.candidate.lon)).km <= 20)


def test_a_city_before_its_suburb_is_the_city(gazetteer):
    # "the Cincinnati suburb of West Chester": the city comes first, no part of the suburb
    sentence = "He came from the Cincinnati suburb of West Chester."
    city, _ = Resolver(gazetteer).resolve(_sentence_mentions(sentence, ["Cincinnati",
                                                                        "West Chester"]))
    assert (city.candidate.name, city.candidate.country_code) == ("Cincinnati", "US")


@pytest.mark.parametrize("sentence, name, hint", [
    # a site named after a town is named after the town, not the raion of its name
    ("Russian forces shelled the Pechenihy reservoir.", "Pechenihy reservoir", "lake"),
    ("Russian forces shelled the Pechenihy dam.", "Pechenihy", None),
    ("Russian forces shelled the Pechenihy power plant.", "Pechenihy", None),
    ("Russian forces shelled the Pechenihy railway station.", "Pechenihy", None),
    ("The Pechenihy dam was shelled on Monday.", "Pechenihy", None),
])
def test_a_site_is_named_after_the_town(gazetteer, sentence, name, hint):
    (res,) = Resolver(gazetteer).resolve([_m(name, sentence.index(name), sentence, hint=hint)])
    assert (res.candidate.name, res.candidate.feature_class) == ("Pechenihy", "P")


@pytest.mark.parametrize("sentence, name, admin1", [
    # a village of the very name beats a GeoNames village of a looser spelling elsewhere in
    # Ukraine (Lypcha, Zakarpattia) that only its head count carried ...
    ("Russian forces shelled Lyptsi on Tuesday.", "Lyptsi", "UA.07"),
    # ... unless the article points at the variant's region
    ("Floods hit Lyptsi, Zakarpattia region.", "Lyptsi", "UA.25"),
    # a town of 10,000+ keeps its namesakes ("Popasne" for Popasna)
    ("Russian forces shelled Popasne on Tuesday.", "Popasne", "UA.14"),
])
def test_exact_village_name_beats_a_looser_spelling(gazetteer, sentence, name, admin1):
    names = [name] + (["Zakarpattia region"] if "Zakarpattia" in sentence else [])
    mentions = [_m(n, sentence.index(n), sentence, hint="region" if "region" in n else None)
                for n in names]
    res = Resolver(gazetteer).resolve(mentions)[0]
    assert res.candidate.admin1_code == admin1


@pytest.mark.parametrize("sentence, name, country", [
    # a military position's name is no town abroad ...
    ("Ukrainian forces attacked the Valera stronghold near Bakhmut.", "Valera", None),
    ("The Valera stronghold was captured, Russia's defence ministry said.", "Valera", None),
    # ... but a town of the war's front is what a position is named after
    ("Russia's forces attacked the Avdiivka stronghold.", "Avdiivka", "UA"),
])
def test_military_positions_are_at_the_front(gazetteer, sentence, name, country):
    names = [n for n in (name, "Bakhmut", "Russia") if n in sentence]
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, names))[0]
    assert (res.candidate.country_code if res.candidate else None) == country


@pytest.mark.parametrize("gap, bearing", [
    (" north-west of ", 315.0),
    (", northwest of ", 315.0),
    (", 5 km south of ", 180.0),
    (" east of ", 90.0),
    (" near ", None),
    (" on the outskirts of ", None),
])
def test_stated_bearing(gap, bearing):
    assert _stated_bearing(gap) == bearing


@pytest.mark.parametrize("lat, lon, bearing, fits", [
    (48.2, 36.9, 315.0, True),   # north-west of the town
    (48.2, 37.02, 315.0, False),  # north of it
    (47.9, 37.0, 180.0, True),
    (48.0, 37.2, 180.0, False),  # east, not south
])
def test_bearing_off(lat, lon, bearing, fits):
    town = cand("Town", "PPL")
    assert (_bearing_off(town, cand("Village", "PPL", lat=lat, lon=lon), bearing) <= 45.0) \
        is fits


def test_namesake_in_the_stated_direction_wins(gazetteer):
    # two entries answer to "Novobakhmutovka" within 15 km of Avdiivka; "north-west of
    # Avdeyevka" is the one that lies north-west of it, not the one north
    sentence = "Russian forces took control of Novobakhmutovka north-west of Avdeyevka."
    village, town = Resolver(gazetteer, focus=False).resolve(
        _sentence_mentions(sentence, ["Novobakhmutovka", "Avdeyevka"]))
    assert town.candidate.name == "Avdiivka"
    assert _bearing_off(town.candidate, village.candidate, 315.0) <= 45.0


def test_direction_drops_no_namesake_for_a_far_one(gazetteer):
    # the only "Pervomayskiy" west of Donetsk lies beyond a neighbour's reach: the stated
    # direction must not drop the nearer namesakes and hand the name to one in Dagestan
    sentence = "Russian troops advanced near Pervomayskoye, west of Donetsk."
    village, _ = Resolver(gazetteer, focus=False).resolve(
        _sentence_mentions(sentence, ["Pervomayskoye", "Donetsk"]))
    assert village.candidate.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize("forces, country", [
    # armed forces fight across their country's land border: the town at the front
    # beats a smaller namesake deep inside the forces' own country
    ((("RU", 1),), "UA"),
    # a demonym that names no armed force points at its country alone
    ((), "RU"),
])
def test_armed_forces_point_at_the_front(gazetteer, forces, country):
    sentence = "Engineers dig trenches on the approaches to Pokrovsk as Russian troops close in."
    (res,) = Resolver(gazetteer).resolve(_sentence_mentions(sentence, ["Pokrovsk"]),
                                         demonyms=[("RU", 1)], forces=forces)
    assert res.candidate.country_code == country


@pytest.mark.parametrize("sentence, name, admin1", [
    # a front-line town's Russian name among its own names is its name, not a stray
    # alternate: Donetsk's Kostiantynivka, not the smaller Konstantinovka in Amur oblast
    ("Russian forces hit a drone workshop near Konstantinovka, the Russian Defence "
     "Ministry said.", "Konstantinovka", "Donetsk Oblast"),
    # ... while the Russian town keeps the name where it is its own and the largest
    ("Ukrainian drones struck an oil depot near Novorossiysk, Russian officials said.",
     "Novorossiysk", "Krasnodar Krai"),
])
def test_russian_name_of_a_front_town(gazetteer, sentence, name, admin1):
    (res,) = Resolver(gazetteer, focus=False).resolve(
        _sentence_mentions(sentence, [name]), demonyms=[("RU", 2)], forces=(("RU", 1),))
    assert res.candidate.admin1 == admin1


@pytest.mark.parametrize("sentence, name, found", [
    # a long name the gazetteer lacks keeps no pin rather than a wrong one for its part
    ("Many in the West Wing believed it.", "West Wing", None),
    ("He lives in the small town of Kasba Bonli.", "Kasba Bonli", None),
    # ... unless an area's feature word follows: the strange word may begin its name
    # (alone, without the region, the best known namesake)
    ("village Makarov Stanichno Luhansk region", "Makarov Stanichno", "Makariv"),
    # a lower-case word is no part of a name
    ("near the city of Gorlovka near Mayorskaya", "Gorlovka near Mayorskaya", "Horlivka"),
    # ... while a part that stands for the whole keeps its pin
    ("He lives in East Bakhmut now.", "East Bakhmut", "Bakhmut"),
    ("Farms in West Prince flooded.", "West Prince", "Prince County"),
    ("Police in Suffolk City said so.", "Suffolk City", "Suffolk"),
])
def test_long_name_and_its_part(gazetteer, sentence, name, found):
    (res,) = Resolver(gazetteer).resolve(_sentence_mentions(sentence, [name]))
    assert (res.candidate.name if res.candidate else None) == found


@pytest.mark.parametrize("sentence, code", [
    # a plural noun of areas says what a short list holds
    ("Jobs left western states such as California or Washington.", "ADM1"),
    ("Jobs left the states of California and Washington.", "ADM1"),
    # without it, two names are no list of states: the capital keeps its name
    ("Jobs left California and Washington.", "PPLC"),
])
def test_list_headed_by_areas(gazetteer, sentence, code):
    res = Resolver(gazetteer).resolve(_sentence_mentions(sentence, ["California", "Washington"]))
    assert res[1].candidate.feature_code == code


@pytest.mark.parametrize("sentence, names, name, country", [
    # a town written with a country that holds none of its namesakes: unresolved, not a
    # village of a similar name thousands of km away
    ("He was arrested in Stroud, Ontario, Canada.", ["Stroud", "Ontario", "Canada"],
     "Stroud", None),
    # ... the one in that country where the gazetteer holds it (gazetteer/sites.tsv's Mokha
    # port), never the Ukrainian village of a similar spelling
    ("A ship was struck west of Mokha, Yemen, the agency said.", ["Mokha", "Yemen"],
     "Mokha", "YE"),
    ("Houthi forces attacked a ship off Mokha in Yemen.", ["Mokha", "Yemen"], "Mokha", "YE"),
    # a namesake in the country named is kept
    ("Shelling hit Kyiv, Ukraine.", ["Kyiv", "Ukraine"], "Kyiv", "UA"),
    ("They met in Tbilisi, Georgia.", ["Tbilisi", "Georgia"], "Tbilisi", "GE"),
    # dependent territories and disputed areas are held or claimed by the country named
    ("A plane landed in Hagatna, US, on Monday.", ["Hagatna", "US"], "Hagatna", "GU"),
    ("Drones struck Sevastopol, Russia, overnight.", ["Sevastopol", "Russia"],
     "Sevastopol", "UA"),
    # a fronted phrase before the clause's subject is no qualifier
    ("In Moscow, Ukraine's envoy said nothing.", ["Moscow", "Ukraine"], "Moscow", "RU"),
    # a list of countries is no qualifier, nor is a region or a sea judged by one
    ("Protests in Ghana, Niger, Nigeria and Chad.", ["Ghana", "Niger", "Nigeria", "Chad"],
     "Niger", "NE"),
])
def test_country_qualifier_vetoes_namesakes_abroad(gazetteer, sentence, names, name, country):
    res = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))
    got = res[names.index(name)].candidate
    assert (got.country_code if got else None) == country


@pytest.mark.parametrize("sentence, names, name, country", [
    # "Kharg" (a Chinese village's alternate name) is not what "Kharg Island" means in a
    # story about Iran (gazetteer/sites.tsv holds the island), nor is Benin's Plateau the
    # "Central Plateau" of Haiti
    ("Israel could strike Iran's oil terminal on Kharg Island, US officials said.",
     ["Israel", "Iran", "Kharg Island", "US"], "Kharg Island", "IR"),
    ("Cholera spread in Haiti's Central Plateau and Artibonite regions.",
     ["Haiti", "Central Plateau", "Artibonite"], "Central Plateau", None),
    # ... nor a bay named after some place the town of that name (however big)
    ("The otter was found at Islington Bay near Auckland, New Zealand.",
     ["Islington Bay", "Auckland", "New Zealand"], "Islington Bay", None),
    # a major town lends its name to the longer one ("the Buffalo Bisons")
    ("Toronto sent him to its affiliate, the Buffalo Bisons, in Canada.",
     ["Toronto", "Buffalo Bisons", "Canada"], "Buffalo Bisons", "US"),
    # ... and a part found at home is kept ("Far North Queensland" is in Queensland)
    ("Floods hit Far North Queensland near Cairns, Australia.",
     ["Far North Queensland", "Cairns", "Australia"], "Far North Queensland", "AU"),
])
def test_part_of_a_name_reaches_no_small_place_abroad(gazetteer, sentence, names, name,
                                                      country):
    res = Resolver(gazetteer, focus=False).resolve(_sentence_mentions(sentence, names))
    got = res[names.index(name)].candidate
    assert (got.country_code if got else None) == country


@pytest.mark.parametrize("sentence, names, name, country, admin1", [
    # a club bears a big town's name: its opponents' towns say nothing of where it is
    ("The Houston Rockets beat the Portland Trail Blazers in Texas.",
     ["Houston", "Portland", "Texas"], "Portland", "US", "US.OR"),
    # ... no club: a partnership, an association, a qualified town
    ("Blue Collar Paris Victory Gardens in Paris, Texas, grows vegetables.",
     ["Paris", "Paris", "Texas"], "Paris", "US", "US.TX"),
])
def test_club_named_for_a_town(gazetteer, sentence, names, name, country, admin1):
    mentions, at = [], 0
    for n in names:  # each name at its next position
        at = sentence.index(n, at)
        mentions.append(_m(n, at, sentence))
        at += len(n)
    res = Resolver(gazetteer, focus=False).resolve(mentions)
    got = res[names.index(name)].candidate
    assert (got.country_code, got.admin1_code) == (country, admin1)


@pytest.mark.parametrize("sentence, parts, name, country", [
    # a part that lies near another name's reading is no stray ("Istra" by Moscow)
    ("Drones from Ukraine approaching Moscow fell in the Istra district.",
     [("Ukraine", None), ("Moscow", None), ("Istra district", "district")],
     "Istra district", "RU"),
    # a river belongs to no country: it points at none ("the Pechenihy reservoir" by the
    # Siverskyi Donets is still at Pechenihy)
    ("The dam of the Pechenihy reservoir could flood villages along the Siverskyi Donets.",
     [("Pechenihy reservoir", "lake"), ("Siverskyi Donets", None)],
     "Pechenihy reservoir", "UA"),
])
def test_part_of_a_name_near_the_story_is_kept(gazetteer, sentence, parts, name, country):
    mentions = [_m(n, sentence.index(n), sentence, hint=h) for n, h in parts]
    res = Resolver(gazetteer, focus=False).resolve(mentions)
    got = res[[n for n, _ in parts].index(name)].candidate
    assert (got.country_code if got else None) == country
