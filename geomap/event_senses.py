"""Word senses of event triggers: whether a matched trigger word names an event at all.

Real news uses the trigger words of ``data/event_triggers.tsv`` in many senses that are no
event: metaphors ("the Old World is submerged in its problems", "we have entered a period of
cold war"), names ("Shell", "NJ Advance Media"), weapons as goods ("$1 billion in missiles"),
chats among non-officials ("MSF's psychologist agrees"), deaths from disease. These checks
look at the trigger's arguments in the dependency parse; they are pure functions of spaCy
tokens, with their word classes in ``data/event_senses.tsv`` (and the force/weapon/civilian/
diplo classes of ``data/event_cues.tsv``). ``geomap.events.tag_events`` calls
:func:`non_event_reason` once per typed trigger and drops the trigger when it gives a reason.

The checks are written to keep recall on conflict reports. Most need positive evidence of
the other sense: an abstract argument ("execution of the policy"), a figurative modifier
("trade war"), a civilian mover or scenery ("migrants pushing past each other", "surrounded
by fences"), a commerce frame, a natural cause of death, a criminal case, a gas explosion.
Two need context instead: everyday words with a military sense (hit, fight, engage, capture,
deploy; class ``polysemous``) need a military word in their sentence or a place, country or
location noun among their arguments ("hit the jackpot" no, "Russia hit Kyiv" yes); and talks,
calls and visits need a diplomatic party (a country, nation, place, title or official body,
or a person the article names with a title; in a short report any named person or body).
Topic words ("troops", "civilians", "army") stand in for an event only in a short report
(at most ``REPORT_SENTENCES`` sentences); in an article they are mentions.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

REPORT_SENTENCES = 3  # a text this short is a report: its topic words may stand in for events
# classes of event_cues.tsv these checks reuse
_CUE_CLASSES = ("force", "troops", "weapon", "civilian", "diplo", "locnoun")
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
_NAME_ENTS = frozenset({"PERSON", "WORK_OF_ART"})
_PARTY_ENTS = frozenset({"GPE", "NORP"})
# named things that may be parties or accords in a short report, which gives no titles
_NAMED = frozenset({"PERSON", "ORG", "LAW", "EVENT", "FAC", "LOC"})
# prepositions that take an argument of the event ("submerged in", "entered into", "hit by");
# not "from" ("liberating it from terrorism"), times or reasons
_ARG_PREPS = frozenset({"in", "into", "against", "on", "by", "with", "over", "of", "past"})
# types whose triggers are physical events (abstract arguments make them metaphors);
# protests are about policies and talks about issues, so those two types are left out
_PHYSICAL = frozenset({"advance", "withdrawal", "clash", "strike", "air_defense",
                       "infrastructure_damage", "fortification", "flooding", "civilian_harm",
                       "mobilisation"})


def _rows(name: str) -> Iterable[list[str]]:
    text = resources.files("geomap.data").joinpath(name).read_text(encoding="utf-8")
    header = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        yield next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def load_senses() -> dict[str, frozenset[str]]:
    """Word classes of data/event_senses.tsv plus the reused classes of event_cues.tsv."""
    out = {row[0]: frozenset(row[1].lower().split()) for row in _rows("event_senses.tsv")}
    cues = {row[0]: frozenset(row[1].lower().split()) for row in _rows("event_cues.tsv")}
    out.update({k: cues[k] for k in _CUE_CLASSES if k in cues})
    return out


def _w(name: str) -> frozenset[str]:
    return load_senses()[name]


def _lem(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _with_conjuncts(toks: Iterable[Token]) -> list[Token]:
    out = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _arguments(tok: Token) -> list[Token]:
    """Head words of the trigger's arguments: subject, objects, the objects of its
    prepositions and, for a participle modifying a noun, that noun."""
    out = []
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in _ARG_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)  # "controversy surrounding the centre"
    return _with_conjuncts(out)


def _objects(tok: Token) -> list[Token]:
    return _with_conjuncts(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))


def _subject(tok: Token) -> Token | None:
    """Who does it: the nsubj or passive agent, else that of the verb it hangs on."""
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "nsubj":
                return c
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head  # "a woman visiting from Canada"
        if cur.dep_ not in ("advcl", "xcomp", "conj") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _is_person_like(tok: Token) -> bool:
    """People who are not an armed force: migrants, tourists, 'medical personnel'."""
    mods = {_lem(c) for c in tok.children if c.dep_ in ("amod", "compound")}
    if mods & (_w("armed_modifier") | _w("military")):
        return False  # "armed men entered the village"
    lem = _lem(tok)
    return lem in _w("person") or lem in _w("civilian") or bool(mods & _w("civilian_modifier"))


# --- the checks ------------------------------------------------------------------------


def _name(head: Token, span: Span) -> str | None:
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.text[:1].isupper() and any(t.ent_type_ in _NAME_ENTS for t in span):
        return "part of a name"  # ("the plant's cooling pond dam" misread as a person is not)
    if head.text[:1].isupper() and head.i != head.sent.start:
        # a word inside an organisation's name that is not what the name names: "NJ Advance
        # Media", "the Government of National Accord" (but "the Trade Agreement" is one)
        ent = next((e for e in head.sent.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ == "ORG" and ent.root.i != head.i:
            return "part of a name"
    return None


def _according_to(span: Span) -> str | None:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if span[-1].lower_ == "according" and nxt is not None and nxt.lower_ == "to":
        return "according to"  # a source, never an accord
    return None


def _article_topic(head: Token, topic: bool) -> str | None:
    if topic and not _is_report(head.doc.sents):
        return "topic word in an article"
    return None


def _negative_quantifier(head: Token) -> str | None:
    # "None of the injured were British"
    if head.head.lower_ == "of" and _lem(head.head.head) in _w("negative_quantifier"):
        return "negated quantifier"
    return None


def _natural_death(head: Token) -> str | None:
    if _lem(head) not in ("die", "death", "dead", "toll"):
        return None
    words = {_lem(t) for t in head.sent}
    for t in head.sent:  # "died of an accidental overdose", "dead from the virus, taking
        # the death toll to 212", "because of sugar starvation … four died"
        causes = {_lem(t), *(_lem(m) for m in t.children if m.dep_ in ("compound", "amod"))}
        if t.dep_ == "pobj" and t.head.lower_ in ("of", "from") and causes & _w("natural_cause"):
            if causes & _w("hunger_cause") and words & _w("war_hunger"):
                continue  # hunger in a siege or a displacement camp is the war's harm
            return "natural death"
    for c in head.children:
        if c.dep_ == "advcl" and _lem(c) == "live" and any(
                m.lower_ == "as" for m in c.children if m.dep_ == "mark"):
            return "comparison"  # "He thus died as he lived"
    return None


def _natural_disaster(head: Token, typ: str) -> str | None:
    if typ != "civilian_harm" or _lem(head) not in _w("casualty"):
        return None
    words = {_lem(t) for t in head.sent}
    if words & _w("natural_hazard") and not (words - _w("casualty")) & (
            _w("military") | _w("weapon")):
        return "natural disaster"  # "a storm killed three", "rain flooded streets, killing
        # three": the weather, no armed actor, harmed them (the flood stays a flooding event)
    return None


def _the_wounded(head: Token, typ: str) -> str | None:
    """'the wounded' as a group of people cared for is no new harm."""
    if typ not in ("civilian_harm", "clash") or _lem(head) not in (
            "wound", "wounded", "injure", "injured", "dead", "sick"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or any(
            c.dep_ in ("dobj", "nsubjpass", "agent") or c.dep_ == "prep" and c.lower_ == "by"
            for c in head.children):
        return None  # ("the wounded from the two towns" still; not "wounded by shelling")
    gov = head.head
    if head.dep_ in ("dobj", "nsubjpass", "nsubj") and (
            _lem(gov) in _w("care_verb") or any(
                _lem(c) in _w("care_verb") for c in gov.subtree if c.pos_ == "VERB")):
        return "the wounded cared for"  # "the rebels offered to evacuate the wounded"
    return None


def _law_enforcement(head: Token, typ: str) -> str | None:
    if typ not in ("civilian_harm", "clash") or _lem(head) not in (
            "arrest", "detain", "detention", "raid", "deport", "deportation"):
        return None
    lemmas = {_lem(t) for t in head.sent}
    if lemmas & _w("law_enforcement") and not lemmas & _w("armed_actor"):
        return "criminal case"  # "arrested in connection with the blast"
    return None


def _into_the_air(head: Token) -> str | None:
    if _lem(head) not in ("fire", "shoot"):
        return None
    for t in head.subtree:
        if t.lower_ == "air" and t.dep_ == "pobj" and t.head.lower_ in ("in", "into"):
            return "shots into the air"
    return None


def _display(head: Token, typ: str) -> str | None:
    if typ != "protest" or _lem(head) not in ("demonstrate", "demonstration", "show"):
        return None
    shown = [c for c in head.children if c.dep_ == "dobj"] + [
        g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj"]
    if any(_lem(o) in _w("display") for o in shown):
        return "a display"  # "a demonstration of military power", "demonstrate solidarity"
    return None


def _light_verb(head: Token) -> str | None:
    if _lem(head) in ("take", "hold", "have", "make", "give") and any(
            _lem(o) in _w("light_object") for o in head.children if o.dep_ == "dobj"):
        return "light-verb idiom"  # "took place", "taking the death toll up"
    return None


def _figurative(head: Token, typ: str = "clash") -> str | None:
    if typ in _PHYSICAL and head.pos_ in ("NOUN", "PROPN") and any(
            _lem(c) in _w("figurative_modifier") for c in head.children
            if c.dep_ in ("compound", "amod", "nmod")):
        return "figurative"  # "trade war", "legal battle", "heart attack"
    return None


def _modifier_of_equipment(head: Token) -> str | None:
    cur = head
    for _ in range(2):
        if cur.dep_ not in ("compound", "amod", "nmod", "npadvmod") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and _lem(cur) in _w("equipment"):
            return "modifies equipment"  # "combat ships", "assault rifle", "riot police"
    return None


_BLASTS = frozenset({"explosion", "blast", "explode", "fire"})  # (a gas leak is no blast)


def _accidental(tok: Token) -> bool:
    return _lem(tok) in _BLASTS and any(
        _lem(c) in _w("accident_modifier") for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod"))


def _accident(head: Token) -> str | None:
    # a gas explosion, or harm chained with one: "left one person dead and a dozen
    # injured", "two people died and 55 were injured in a gas explosion"
    chain = {"conj", "oprd", "xcomp", "acomp", "ccomp"}
    near = [head]
    cur = head
    for _ in range(3):
        if cur.dep_ not in chain or cur.head.i == cur.i:
            break
        cur = cur.head
        near.append(cur)
    near += [g for c in head.children if c.dep_ in chain
             for g in (c, *(x for x in c.children if x.dep_ in chain))]
    if _accidental(head) or any(_accidental(a) for t in near for a in _arguments(t)):
        return "accident"
    if _lem(head) in ("explosion", "blast", "explode") and not any(
            _lem(t) in _w("weapon") for t in head.subtree if t.i != head.i) and any(
            _accidental(t) for t in head.doc):
        # one sense per article: once it calls the blast a gas explosion, "the blast" and
        # "the explosion" elsewhere in it are that accident too
        return "accident"
    return None


def _abstract(head: Token, typ: str) -> str | None:
    if typ not in _PHYSICAL:
        return None
    args = _arguments(head)
    if head.pos_ in ("NOUN", "PROPN"):
        args = [g for c in head.children if c.dep_ == "prep" and c.lower_ in (
            "of", "against", "on", "over", "in") for g in c.children if g.dep_ == "pobj"]
        args = _with_conjuncts(args)
    if any(_lem(a) in _w("abstract") and a.ent_type_ not in ("GPE", "LOC", "FAC", "ORG")
           and not any(c.pos_ == "PROPN" for c in a.children if c.dep_ == "nmod")
           for a in args):  # (a misparsed caption: "battling the Islamic State, file photo")
        return "abstract argument"  # "submerged in its problems", "execution of the policy"
    return None


def _duration(head: Token, typ: str) -> str | None:
    if typ not in ("advance", "withdrawal") or head.pos_ != "VERB":
        return None
    if any(_lem(o) in _w("time_span") for o in _objects(head)):
        return "a duration"  # "the strike entered its third day", "the war entered its second year"
    return None


def _non_military_mover(head: Token, typ: str) -> str | None:
    if typ not in ("advance", "clash") or _lem(head) not in _w("force_verb"):
        return None
    mover = _subject(head)
    if mover is None or mover.pos_ == "PRON" and _lem(mover) != "other":
        return None
    # (what a ring or network is of: "a network of trenches encircles the town")
    parts = [mover, *(g for c in mover.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"),
             *(c for c in mover.children if c.dep_ in ("compound", "nmod"))]  # "trench network"
    if _is_person_like(mover) or (_lem(head) in ("surround", "encircle")
                                  and any(_lem(m) in _w("scenery") for m in parts)):
        return "not an armed force"  # "migrants pushing past each other", "razor-wire fences"
    if _lem(mover) in _w("abstract"):
        return "abstract argument"  # "controversy surrounding the centre"
    return None


def _capture_non_territory(head: Token, typ: str, places: Collection[int]) -> str | None:
    if typ != "advance" or _lem(head) not in ("capture", "seize"):
        return None
    objs = _objects(head)
    if head.dep_ == "acl" and head.tag_ == "VBN":
        # "soldiers captured in Mariupol": the noun it modifies (or the noun right before
        # it, where the parser hung it higher: "an exchange of soldiers captured in …")
        prev = head.doc[head.i - 1]
        objs = _with_conjuncts([head.head, *([prev] if prev.pos_ in ("NOUN", "PROPN") else [])])
    for o in objs:
        if o.i not in places and (_lem(o) in _w("capture_non_territory")
                                  or _lem(o) in _w("person") | _w("captive")):
            return "captured no territory"  # "captured video", "inmates captured",
            # "captured two Russian soldiers": prisoners, not ground
    return None


def _hold_without_detention(head: Token, typ: str) -> str | None:
    if typ != "civilian_harm" or _lem(head) != "hold":
        return None
    if any(_lem(t) in _w("detention") for t in head.subtree):
        return None
    return "no detention"  # "held the Turkish forces from making progress"


def _one_recruit(head: Token, typ: str) -> str | None:
    if typ != "mobilisation" or _lem(head) not in ("enlist", "join", "sign", "volunteer",
                                                   "serve", "enrol", "enroll"):
        return None
    subj = _subject(head)
    if subj is not None and (subj.lower_ in ("he", "she", "i") or subj.ent_type_ == "PERSON"):
        return "one person's career"  # "He enlisted in the Army on September 27 2004"
    return None


def _search_dig(head: Token, typ: str) -> str | None:
    if not (typ == "fortification" and _lem(head) == "dig"
            or typ in ("air_defense", "advance") and _lem(head) == "clear"):
        return None
    # what is dug through or for, or who digs: rescuers in rubble, not sappers in trenches
    # (nor do rescuers who clear rubble clear explosives or ground: "rescuers cleared rubble
    # at the hospital after a missile attack")
    args = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    args += [g for c in head.children if c.dep_ in ("prep", "prt")
             for g in (c, *c.children) if g.dep_ in ("pobj", "prt", "prep")]
    if any(_lem(a) in _w("search_dig") for a in _with_conjuncts(args)):
        return "a search of rubble or graves"  # "rescuers dig through the rubble"
    return None


def _existing_fortification(head: Token, typ: str) -> str | None:
    if typ != "fortification" or head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head
    while noun.dep_ == "conj" and noun.head.i != noun.i:  # "… their headquarters and their
        noun = noun.head                                   # fortifications"
    gov = noun.head
    if noun.dep_ == "pobj" and gov.head.i != gov.i:
        gov = gov.head
    if noun.dep_ in ("dobj", "pobj", "nsubjpass", "dep") and _lem(gov) in _w("undo_verb"):
        return "an existing fortification"
    return None


def _cargo(head: Token, typ: str) -> str | None:
    if typ != "mobilisation" or _lem(head) not in ("deploy", "send", "dispatch"):
        return None
    objs = _objects(head)
    if not objs and head.dep_ in ("acl", "relcl"):  # "the number of buses … to be deployed"
        noun = head.head
        objs = _with_conjuncts([g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                for g in c.children if g.dep_ == "pobj"] or [noun])
    if objs and all(_lem(o) in _w("non_troop_cargo") for o in objs):
        return "no troops sent"  # "buses to be deployed in the rescue"
    return None


def _weapon_as_goods(head: Token, typ: str) -> str | None:
    if typ not in ("strike", "air_defense") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    weapons = _w("weapon") | _w("weapon_goods")
    if _lem(head) not in weapons and not any(_lem(t) in weapons for t in head.subtree):
        return None
    act = _lem(head) in _w("strike_act")  # "delivered a missile strike" is no gift
    cur = head
    for _ in range(5):
        if any(_lem(c) in _w("surveillance") for c in cur.children
               if c.dep_ in ("compound", "amod", "nmod")):
            return "surveillance"  # "surveillance drone operations"
        if not act and cur.dep_ in ("dobj", "nsubjpass") and any(
                c.dep_ == "prep" and c.lower_ == "for" and any(
                    g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
                for c in cur.children):
            return "weapon as aid"  # "announced a Patriot air defence battery for Kyiv"
        if cur.dep_ in _CLAUSAL or cur.head.i == cur.i:
            break
        below, cur = cur, cur.head
        if any(_lem(c) in _w("demand_noun") for c in cur.children
               if c.dep_ in ("advmod", "acomp", "amod") and c.i != below.i):
            return "weapon as aid"  # "running low on shells"
        if _lem(cur) in _w("commodity"):
            return "weapon as goods"  # "selling artillery", "$1 billion in missiles"
        if not act and _lem(cur) in _w("muster_word"):
            return "weapon massed"  # "tanks and artillery massing near X": a mobilisation
        if cur.pos_ in ("VERB", "AUX") and not act:
            subj = next((c for v in (cur, cur.head if cur.dep_ == "conj" else cur)
                         for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None and _lem(subj) in _w("commodity") or below.dep_ == "nsubj" \
                    and any(_lem(c) in _w("commodity") for c in cur.children
                            if c.dep_ in ("xcomp", "ccomp")):
                return "weapon as goods"  # "the deal could include tanks and missile
                # defense systems", "the artillery would help the Saudis modernize"
        if not act and (_lem(cur) in _w("transfer_verb") | _w("demand_noun")
                        or _lem(cur) in _w("send_verb") and below.dep_ == "dobj"
                        and _sent_to_recipient(cur)):
            return "weapon as aid"  # "pledged to deliver air defence systems", "demand for
            # artillery shells", "will send more missiles to Ukraine"
    return None


def _sent_to_recipient(verb: Token) -> bool:
    """'send X to Ukraine' (a recipient, dative or 'to') and no target ('at', 'into')."""
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "dative")}
    return bool(preps & {"to"} or any(c.dep_ == "dative" and c.pos_ != "ADP"
                                      for c in verb.children)) \
        and not preps & _w("target_prep")


def _briefing(head: Token, typ: str) -> str | None:
    if typ != "diplomacy" or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(_lem(c) in _w("briefing_modifier") for c in head.children
           if c.dep_ in ("compound", "amod", "nmod")):
        return "a briefing"  # "told a news conference", "at a press conference in Kyiv"
    return None


def _sanctions_topic(head: Token, typ: str) -> str | None:
    if typ != "diplomacy" or _lem(head) != "sanction" or head.pos_ != "NOUN":
        return None
    cur = head
    for _ in range(3):  # "imposed new sanctions", "a package of sanctions was adopted"
        if _lem(cur) in _w("sanction_act") or any(
                _lem(c) in _w("sanction_act") for c in cur.children
                if c.dep_ in ("compound", "amod", "nsubj", "nsubjpass")):
            return None
        if cur.head.i == cur.i or cur.dep_ in _CLAUSAL:
            break
        cur = cur.head
    return "sanctions as a topic"  # "the economy has adapted to sanctions", "a sanctions war"


def _titled_people(doc_ents: Iterable[Span]) -> set[str]:
    """Last names of the people an article names with a diplomatic title."""
    out = set()
    for ent in doc_ents:
        if ent.label_ != "PERSON":
            continue
        name = [t for t in ent if t.lower_ not in ("'s", "’s", "'")]
        if not name:
            continue
        before = ent.doc[max(0, ent.start - 4):ent.start]
        titles = [t for t in [*before, *name[:-1]] if _lem(t) in _w("diplo_title")]
        # ("Jaime King's baby" has no title, "Police Chief Adam Palmer" none of a diplomat)
        if titles and not any(_lem(t) in _w("non_political") for t in [*before, *name[:-1]]):
            out.add(name[-1].text)
    return out


def _official(tok: Token, titled: set[str]) -> bool:
    """A title, an official body or a titled person ('business leaders' are none)."""
    if tok.ent_type_ == "PERSON":
        return tok.text in titled
    lem = _lem(tok)
    if not (lem in _w("diplo") or lem in _w("diplo_title") or lem in _w("diplo_org")):
        return False
    return not any(_lem(c) in _w("non_political") for c in tok.children
                   if c.dep_ in ("compound", "amod", "nmod", "conj"))


def _is_report(doc_sents: Iterable[Span]) -> bool:
    return sum(1 for _ in doc_sents) <= REPORT_SENTENCES


def _party(tok: Token, places: Collection[int], titled: set[str], report: bool = False) -> bool:
    """A country, nation, place or official; in a short report, which gives no titles,
    also any named person or organisation ("Zelenskiy and Erdogan discussed …")."""
    return (tok.ent_type_ in _PARTY_ENTS or tok.i in places or _official(tok, titled)
            or (report and tok.ent_type_ in _NAMED))


def _frame_phrase(tok: Token) -> list[Token]:
    """The subtree of ``tok`` without the clauses inside it, reached through party
    prepositions only (not venues or times)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in _CLAUSAL or (c.dep_ == "prep" and c.lower_ not in _w("party_prep")):
            continue
        out.extend(_frame_phrase(c))
    return out


def _diplomacy_without_parties(head: Token, span: Span, typ: str,
                               places: Collection[int]) -> str | None:
    words = {_lem(t) for t in span} | {span.text.lower(), span.text.lower().replace(" ", "")}
    if head.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in head.children):
        words.discard("talk")  # "Lukyanov talks about whether …" speaks, he holds no talks
    if typ != "diplomacy" or words & _w("diplo_inherent"):
        return None  # ("cease-fire" is three tokens)
    if head.text[:1].isupper() and any(e.root.i == head.i and e.label_ in ("ORG", "LAW")
                                       for e in head.sent.ents):
        return None  # a named accord: "the Comprehensive Economic and Trade Agreement"
    lem = _lem(head)
    objs = [c for c in head.children if c.dep_ == "dobj"]
    if lem == "call" and any(_lem(o) in _w("naming") for o in objs) and any(
            c.dep_ in ("oprd", "xcomp", "attr", "ccomp") for c in [*head.children,
                                                                   *(o for o in objs)]):
        return "naming"  # "calling it a diversion"
    if lem == "sign" and (any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children)
                          or any(_lem(o) in _w("non_event_document") for o in objs)):
        return "not an agreement"  # "signed off on selling", "signed a proclamation"
    if lem in ("meet", "meeting", "host"):
        partners = [c for c in head.children if c.dep_ == "dobj"] + [
            g for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
            for g in c.children if g.dep_ == "pobj"]
        partners = _with_conjuncts(partners)
        titled = _titled_people(head.doc.ents)
        report = _is_report(head.doc.sents)
        # the partners are people, and none of them a party ("meeting with prominent
        # business leaders", "meets her friend's new baby"); "with the aim of" is no partner
        people = [p for p in partners if _is_person_like(p) or p.ent_type_ == "PERSON"
                  or _lem(p) in _w("diplo_title")]
        if people and len(people) == len(partners) and not any(
                _party(t, places, titled, report) for p in partners for t in _frame_phrase(p)):
            return "no diplomatic partner"
    # who takes part: the trigger's own phrase (no clauses), its subject and objects,
    # and for a noun the subject of the verb it hangs on
    frame = _frame_phrase(head)
    subj = _subject(head)
    if subj is None and head.pos_ in ("VERB", "AUX"):
        # a misparsed chain of conjoined verbs: the nearest subject before the verb
        subj = next((t for t in reversed(head.doc[head.sent.start:head.i])
                     if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        frame += _frame_phrase(subj)
        if head.dep_ == "acl" and subj.i == head.head.i and not _is_person_like(subj):
            # a document's calls are its authors': "the Senate passed a resolution calling
            # for …"
            author = _subject(subj.head) if subj.head.i != subj.i else None
            frame += _frame_phrase(author) if author is not None else []
    if head.dep_ in ("ccomp", "parataxis") and head.head.pos_ in ("VERB", "AUX"):
        # who reports the talks takes part in them: "'… were discussed,' said Russia's
        # defence ministry"
        frame += [t for c in head.head.children if c.dep_ == "nsubj" for t in _frame_phrase(c)]
    for o in _objects(head):
        frame += _frame_phrase(o)
    if head.pos_ in ("NOUN", "PROPN"):
        # the verb a noun hangs on ("agreed in a phone call", "the visit would be headed by
        # the deputy minister", "forge any deal with China"): its subject, agent and partners
        gov = head
        for _ in range(4):  # up through "support for the deal", "agreed in a call"
            if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
                break
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX") and gov.i != head.i:
            gsubj = _subject(gov)
            frame += _frame_phrase(gsubj) if gsubj is not None else []
            frame += [t for c in gov.children if c.dep_ in ("nsubjpass", "agent", "prep")
                      and (c.dep_ != "prep" or c.lower_ in ("with", "between"))
                      for t in _frame_phrase(c)]
    titled = _titled_people(head.doc.ents)
    report = _is_report(head.doc.sents)
    official = any(_official(t, titled) or (report and t.ent_type_ in _NAMED)
                   for t in frame)
    if subj is not None and _is_person_like(subj) and not official:
        return "no diplomatic party"  # "a woman visiting from Canada"
    if report:
        frame = list(head.sent)  # a terse report: "the grain deal was extended in Istanbul"
    if any(_party(t, places, titled, report) for t in frame):
        return None
    if head.pos_ in ("NOUN", "PROPN") and any(
            _lem(t) in _w("armed_actor") or _official(t, titled) for t in head.sent):
        return None  # a deal or meeting where armed parties or officials are the news
    return "no diplomatic party"  # "MSF's psychologist agrees", "whom MSF teams met"


def _wide_arguments(head: Token) -> list[Token]:
    """Every argument that may ground an everyday word in a real place or party: the
    objects of all its prepositions, its subject (or the verb's it hangs on), the noun a
    participle modifies, for a noun the arguments of its verb, and their modifiers and
    prepositional objects one level down, also those of a participle ("deployed convicts to
    the front line near X", "mobilised men from Chuvashia", "battles are under way in the
    centre of X", "target any ship bound for X")."""
    args = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr",
                                                   "oprd", "poss", "compound", "amod",
                                                   "npadvmod")]
    args += [g for c in head.children if c.dep_ in ("prep", "agent", "dative")
             for g in c.children if g.dep_ == "pobj"]
    subj = _subject(head)
    if subj is not None:
        args.append(subj)
    if head.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "dobj") for c in head.children):
        # a gerund the tagger took for the verb of its own clause ("Fighting flared near
        # Goma", with "flared" hung on it as a modifier): the clause's arguments are its own
        for v in head.children:
            if v.dep_ in ("acl", "relcl") and v.pos_ == "VERB":
                args += [g for c in v.children if c.dep_ in ("prep", "agent")
                         for g in c.children if g.dep_ == "pobj"]
    if head.dep_ in ("amod", "acl", "compound") or head.pos_ in ("NOUN", "PROPN"):
        gov = head.head
        args.append(gov)
        args += [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss")]
        args += [g for c in gov.children if c.dep_ in ("prep", "agent")
                 for g in c.children if g.dep_ == "pobj"]
    out = _with_conjuncts(args)
    # (a name before its noun, however the parser labels it: "captured Lashio regional
    # command" hangs the town as an nmod)
    out += [m for a in list(out) for m in a.children
            if m.dep_ in ("compound", "amod", "poss", "nmod")]
    # (and through a participle: "target any ship bound for Israeli ports")
    out += [g for a in list(out) for c in [*a.children, *(p for q in a.children
                                                          if q.dep_ == "acl"
                                                          for p in q.children)]
            if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [t for t in out if t.i != head.i]


def _grounded(tok: Token, places: Collection[int]) -> bool:
    """A place, a country or nation, or a location noun after the trigger."""
    return (tok.i in places or tok.ent_type_ in _PARTY_ENTS
            or (_lem(tok) in _w("locnoun") and tok.i > tok.head.i))


def _named_plural(tok: Token) -> str:
    """The singular of a plural word in a name, which the tagger leaves unlemmatised as a
    proper noun ("the Sudanese Armed Forces" -> force); '' for any other word."""
    low = tok.lower_
    return low[:-1] if tok.tag_ == "NNPS" and low.endswith("s") and len(low) > 3 else ""


def _military_context(head: Token, span: Span, typ: str, places: Collection[int]) -> str | None:
    if typ in ("diplomacy", "protest", "flooding") or _lem(head) not in _w("polysemous"):
        return None  # (the water that "entered the streets" needs no soldiers)
    mil = _w("military") | _w("weapon")
    inside = {t.i for t in span}
    for t in head.sent:
        if t.i in inside or t.ent_type_ == "EVENT":
            continue  # "World War II" is history, not this sentence's fighting
        if (_lem(t) in mil or _named_plural(t) in mil) and not _figurative(t):
            return None
    if any(_grounded(a, places) for a in _wide_arguments(head)):
        return None  # "Russia hit Kyiv overnight", "started to target the areas"
    if _lem(head) in _w("fight_word") and any(_acronym_party(a) for a in _wide_arguments(head)):
        return None  # "clashes between the SAF and the SPLM-N": armed parties by acronym
    return "no military context"  # "hit the jackpot", "keeps people engaged"


def _acronym_party(tok: Token) -> bool:
    """An organisation named by an all-capital acronym ("SAF", "SPLM-N", "M23"), the way
    conflict reports name armed groups."""
    return tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" and tok.text.isupper() \
        and len(tok.text) >= 2


def _released(head: Token, typ: str) -> str | None:
    if typ != "civilian_harm" or _lem(head) not in _w("held_person"):
        return None
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ == "of":
        gov = gov.head  # "the release of hostages"
    elif head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    if gov.i != head.i and _lem(gov) in _w("release_word"):
        return "captives released"  # "a truce that would see hostages freed"
    return None


def non_event_reason(head: Token, span: Span, typ: str, places: Collection[int] = (), *,
                     topic: bool = False) -> str | None:
    """Why the trigger ``span`` (head token ``head``), typed ``typ``, names no event, or None
    when it may. ``places`` holds the token indices of place mentions; ``topic`` says the
    trigger is a topic word (a rule weighted below the topic threshold)."""
    return (_name(head, span)
            or _according_to(span)
            or _article_topic(head, topic)
            or _negative_quantifier(head)
            or _natural_death(head)
            or _law_enforcement(head, typ)
            or _natural_disaster(head, typ)
            or _the_wounded(head, typ)
            or _into_the_air(head)
            or _display(head, typ)
            or _light_verb(head)
            or _figurative(head, typ)
            or _modifier_of_equipment(head)
            or _accident(head)
            or _abstract(head, typ)
            or _duration(head, typ)
            or _non_military_mover(head, typ)
            or _capture_non_territory(head, typ, places)
            or _hold_without_detention(head, typ)
            or _released(head, typ)
            or _cargo(head, typ)
            or _existing_fortification(head, typ)
            or _search_dig(head, typ)
            or _one_recruit(head, typ)
            or _weapon_as_goods(head, typ)
            or _briefing(head, typ)
            or _sanctions_topic(head, typ)
            or _diplomacy_without_parties(head, span, typ, places)
            or _military_context(head, span, typ, places))


def is_event_sense(head: Token, span: Span, typ: str, places: Collection[int] = (), *,
                   topic: bool = False) -> bool:
    """Whether the trigger is used in a sense that names an event of type ``typ``."""
    return non_event_reason(head, span, typ, places, topic=topic) is None
