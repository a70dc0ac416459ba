"""Literal vs metonymic toponyms on real parses."""

from __future__ import annotations

import pytest

from geomap.model import Document
from geomap.nlp import load_nlp
from geomap.pipeline import Pipeline
from geomap.roles import is_headline


@pytest.fixture(scope="module")
def pipeline(gazetteer):
    return Pipeline(gazetteer, events=False)


@pytest.mark.parametrize("text, mention, role", [
    ("Moscow said the talks had failed.", "Moscow", "metonymic"),
    ("Kyiv's forces advanced overnight.", "Kyiv", "metonymic"),
    ("Kyiv officials called it a provocation.", "Kyiv", "metonymic"),
    ("Washington has seen no evidence of that.", "Washington", "metonymic"),
    ("Austin urged Moscow to implement a ceasefire.", "Moscow", "metonymic"),
    ("Russia's defence ministry confirmed the call.", "Russia", "metonymic"),
    ("Explosions were heard in Kyiv on Monday.", "Kyiv", "literal"),
    ("Pro-Kremlin officials in Ukraine's east said so.", "Ukraine", "literal"),
    ("Shelling hit Kharkiv overnight.", "Kharkiv", "literal"),
    # (ev-n) hyphened to a maker's or sponsor's participle the name says whose, not where;
    # a firm's base is still where it is
    ("Russian forces destroyed a US-made HIMARS launcher near Orikhiv.", "US", "metonymic"),
    ("Iran-backed militias fired rockets at the base.", "Iran", "metonymic"),
    ("A Kharkiv-based volunteer group delivered the aid.", "Kharkiv", "literal"),
    # a town is never a government, whatever the verb
    ("Bakhmut said goodbye to its last residents.", "Bakhmut", "literal"),
    # a state that acts, whatever the verb
    ("The U.S. stopped selling certain munitions to the Saudis.", "U.S.", "metonymic"),
    ("Russia has ordered Britain to cut its embassy staff.", "Russia", "metonymic"),
    ("Russia is most likely responsible for the attack.", "Russia", "metonymic"),
    ("The drones were launched by Russia, the air force said.", "Russia", "metonymic"),
    ("Relations between London and Harare collapsed.", "London", "metonymic"),
    ("The EU imposed sanctions against Iran.", "Iran", "metonymic"),
    ("He met his U.S. counterpart in Brussels.", "U.S.", "metonymic"),
    ("The government of Ukraine asked for more air defence.", "Ukraine", "metonymic"),
    ("Washington warned that a response by Russia would be an escalation.", "Russia",
     "metonymic"),
    # a title between the name and the person, a state's body, support from a state
    ("Ukraine's Defence Minister Oleksii Reznikov spoke to reporters.", "Ukraine",
     "metonymic"),
    ("Mexico's Senate has passed a resolution.", "Mexico", "metonymic"),
    ("May has received strong backing from the United States.", "United States",
     "metonymic"),
    ("The attack was blamed on Russia by the British government.", "Russia", "metonymic"),
    ("Austin said the US would stay in contact with Russia.", "US", "metonymic"),
    ("US, Russia defence chiefs discuss Ukraine war in rare phone call", "Russia",
     "metonymic"),
    # … while a state's economy, and a flight from a capital, are the place
    ("Hawaii's economy has grown just 1.6 percent per year.", "Hawaii", "literal"),
    ("The flight from London landed in Kyiv.", "London", "literal"),
    # … but a place that lies somewhere, undergoes something or is described stays a place
    ("Kyiv lies on the Dnieper.", "Kyiv", "literal"),
    ("Kyiv came under heavy fire on Monday.", "Kyiv", "literal"),
    ("Ukraine plunged into darkness after the strikes.", "Ukraine", "literal"),
    ("Russia is the largest country in the world.", "Russia", "literal"),
    ("Kyiv was hit by missiles overnight.", "Kyiv", "literal"),
    # a headline drops the passive auxiliary ('strikes' read as its verb)
    ("Kyiv without power after overnight missile strikes", "Kyiv", "literal"),
    ("Kharkiv shelled overnight", "Kharkiv", "literal"),
    ("Kyiv strikes Moscow with drones", "Kyiv", "metonymic"),
    ("Flights between London and Paris were cancelled.", "London", "literal"),
    # a place after a locative preposition locates the subject before it
    ("Protesters in Kyiv demanded that the city spend more on drones.", "Kyiv", "literal"),
    ("Around 200 women rallied in central Kyiv demanding the release of prisoners.", "Kyiv",
     "literal"),
    ("The ceasefire has held since Moscow announced it.", "Moscow", "metonymic"),
    # a run-on entity: a building in a city, a city and a number
    ("Russian forces targeted the Transfiguration Cathedral in Odesa with a missile strike.",
     "Odesa", "literal"),
    ("Russian forces attacked Kherson 45 times over the past day.", "Kherson", "literal"),
    # what a city owns that lies in it
    ("Kyiv's metro suspended service on three lines after a power outage.", "Kyiv", "literal"),
])
def test_roles(pipeline, text, mention, role):
    article = pipeline.process(Document(id="t", text=text, source="test"))
    place = next(p for p in article.places if p.mention.text == mention)
    assert place.role == role


@pytest.mark.parametrize(("text", "headline"), [
    ("Vuhledar shelled overnight, two civilians wounded", True),
    ('Zelensky: "We will hold Bakhmut"', True),
    ("Russian forces shelled Vuhledar overnight.", False),
    ('He said: "We will hold Bakhmut."', False),  # the full stop inside the closing quote
    ("Will Kherson hold?", False),
])
def test_is_headline(text: str, headline: bool) -> None:
    assert is_headline(next(load_nlp()(text).sents)) is headline
