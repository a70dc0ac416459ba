"""Telling a place from the government it stands for (literal vs metonymic toponyms)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from geomap.lexicon import Lexicon, load_lexicon
from geomap.model import Candidate, Mention, Role

# Names that can stand for a government: countries, capitals and first-level regions
# ("Texas sued", "Crimea's de facto authorities").
GOVERNMENT_CODES = frozenset({
    "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR", "PPLC", "ADM1", "PPLG",
})
# Words that may stand between a subject and its verb ("Moscow has long said").
_BETWEEN = frozenset({"has", "have", "had", "is", "was", "also", "reportedly", "previously",
                      "already", "again", "then", "now", "'s", "’s", "would", "will", "did",
                      "does", "long", "repeatedly", "officially", "publicly", "later"})


_RELATION_PREPS = frozenset({"with", "between", "against", "on", "among", "from"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across",
                             "through", "throughout", "along"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _acts(verb: Token, lex: Lexicon) -> bool:
    """Whether a subject of this verb acts, as only a government can ("the U.S. stopped
    selling", "Russia is responsible"), rather than being where something is or happens."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = _lemma(verb)
    if lemma == "be":
        return any(c.dep_ in ("acomp", "attr") and _lemma(c) in lex.agent_predicates
                   for c in verb.children)
    if lemma in lex.literal_verbs:
        # "the US would stay in contact with Russia": staying in a relation is an act
        return any(c.dep_ == "prep" and any(_lemma(o) in lex.relation_words
                                            for o in c.children if o.dep_ == "pobj")
                   for c in verb.children)
    return True


def is_headline(sent: Span) -> bool:
    """A headline: no full stop, '!' or '?' ends the sentence, not even inside a closing
    quote ('He said: "We will hold."' is no headline)."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text not in (".", "!", "?") and not (
        last.is_quote and last.i > sent.start and sent.doc[last.i - 1].text in (".", "!", "?"))


def _headline_patient(subject: Token, lex: Lexicon) -> bool:
    """A headline drops the passive auxiliary: with no object, the subject of a harm verb
    is what was harmed ("Kharkiv shelled overnight"), also where the tagger read a plural
    noun after the noun it compounds with as the verb ("Kyiv without power after missile
    strikes"); "Kyiv strikes back" still acts."""
    verb = subject.head
    if not is_headline(subject.sent) or _lemma(verb) not in lex.headline_patient_verbs:
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass") or c.lower_ == "back" for c in verb.children):
        return False
    prev = subject.doc[verb.i - 1] if verb.i > 0 else None
    return verb.tag_ in ("VBD", "VBN") or (
        verb.tag_ == "VBZ" and prev is not None and prev.pos_ == "NOUN"
        and prev.i != subject.i and prev.dep_ != "nsubj")


def _origin_compound(doc: Doc, mention: Mention, lex: Lexicon) -> bool:
    """'US-made', 'Iran-backed': the name joined by a hyphen to an origin participle
    (data/metonymy_cues.tsv; not "-based" or "-born", whose place is literal) is a
    modifier of the thing (its maker or sponsor), no place of the event."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc):
        return False
    dash, word = doc[span.end], doc[span.end + 1]
    return (dash.text == "-" and dash.idx == span.end_char and word.idx == dash.idx + 1
            and word.lower_ in lex.origin_participles)


def classify_role(doc: Doc, mention: Mention, candidate: Candidate | None,
                  lexicon: Lexicon | None = None) -> Role:
    """'metonymic' when the name acts as a government ("Moscow said", "Kyiv's forces")."""
    lex = lexicon or load_lexicon()
    if candidate is not None and _origin_compound(doc, mention, lex):
        return "metonymic"
    if candidate is None or candidate.feature_code not in GOVERNMENT_CODES:
        return "literal"
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "literal"
    head = span.root
    governor = head.head
    after = doc[span.end] if span.end < len(doc) else None
    possessive = after is not None and after.tag_ == "POS"

    # "Kyiv's forces", "Russia's defence ministry", "Kyiv officials", "Moscow government"
    if head.dep_ in ("poss", "compound", "nmod", "amod") or possessive:
        noun = _lemma(governor) if governor.i != head.i else ""
        if noun in lex.metonymy_nouns:
            return "metonymic"
        # "EU Transport Commissioner Violeta Bulc", "Venezuela's Mining Minister Victor
        # Cano": the title sits between the name and the person it modifies
        if governor.i > span.end and any(_lemma(t) in lex.metonymy_nouns
                                         for t in doc[span.end:governor.i]):
            return "metonymic"
        if possessive and governor.pos_ == "PROPN" and governor.ent_type_ == "ORG":
            return "metonymic"  # "Mexico's Senate", "Russia's Gazprom": the state's body
        if possessive and noun and noun not in lex.place_nouns and governor.pos_ == "NOUN":
            return "metonymic"  # "Russia's supply routes", "Ukraine's push": the state's
    # "Moscow said", "Washington has seen"
    subject = head
    while subject.dep_ == "conj":  # "Kyiv and Moscow said": conjuncts share the verb
        subject = subject.head
    if subject.dep_ in ("nsubj", "agent") and _lemma(subject.head) in lex.metonymy_verbs:
        return "metonymic"
    if subject.dep_ == "nsubj" and _acts(subject.head, lex) \
            and not _headline_patient(subject, lex):
        return "metonymic"
    # "was hit by Russia", "a response by Moscow": the agent of a passive or of an action noun
    if subject.dep_ == "pobj" and (subject.head.dep_ == "agent" or (
            subject.head.lower_ == "by" and subject.head.head.pos_ == "NOUN")):
        return "metonymic"
    # "the government of Ukraine", "the President of Russia", "the embassy of France"
    if (subject.dep_ == "pobj" and subject.head.lower_ == "of"
            and _lemma(subject.head.head) in lex.metonymy_nouns):
        return "metonymic"
    # "relations between London and Harare", "sanctions against Iran", "talks with Kyiv"
    if subject.dep_ == "pobj" and subject.head.lower_ in _RELATION_PREPS:
        holder = subject.head.head
        # the preposition may hang on the verb of the relation noun ("received strong
        # backing from the United States", "signed a deal with Kyiv")
        nouns = [holder] + ([c for c in holder.children if c.dep_ == "dobj"]
                            if holder.pos_ == "VERB" else [])
        if any(_lemma(n) in lex.relation_words for n in nouns):
            return "metonymic"
    # the parser sometimes misses the subject ("since Moscow invaded Ukraine"), but a place
    # after a locative preposition locates the subject before it ("protesters in Kyiv
    # demanded …", "women rallied in central Kyiv demanding …")
    i = span.end
    while i < len(doc) and doc[i].lower_ in _BETWEEN:
        i += 1
    located = subject.dep_ == "pobj" and subject.head.lower_ in _LOCATIVE_PREPS
    if i < len(doc) and doc[i].pos_ in ("VERB", "AUX") and _lemma(doc[i]) in lex.metonymy_verbs \
            and not located:
        return "metonymic"
    # "Austin urged Moscow to …", "Russia has accused Ukraine of …"
    if head.dep_ == "dobj" and _lemma(governor) in lex.metonymy_object_verbs:
        return "metonymic"
    return "literal"
