"""Tests of the evaluation metrics, corpus readers and harness (geomap.evaluate)."""

from __future__ import annotations

import importlib.util
import math
import os
from pathlib import Path

import pytest
import spacy

from geomap.errors import EvalCorpusError, GeomapError
from geomap.evaluate import (
    CORPORA,
    EARTH_HALF_CIRCUMFERENCE_KM,
    GoldDoc,
    GoldToponym,
    OracleSpanBaseline,
    PipelineGeoparser,
    PointReport,
    PopulationBaseline,
    Prediction,
    Report,
    _align,
    auc_log_error,
    default_types,
    distance_km,
    format_report,
    load_corpus,
    match_spans,
    most_specific,
    role_scores,
    score,
    score_points,
    score_predictions,
)
from geomap.model import Article, Candidate, Document, Mention, Place

REPO = Path(__file__).resolve().parents[1]
EVAL_ROOT = Path(os.environ.get("GEOMAP_EVAL_ROOT") or REPO.parent / "shared" / "eval")
needs_eval = pytest.mark.skipif(not (EVAL_ROOT / CORPORA["gwn"]).is_file(),
                                reason=f"no gold corpora under {EVAL_ROOT}")

KYIV = (50.4501, 30.5234)
LVIV = (49.8397, 24.0297)  # ~470 km from Kyiv
BROVARY = (50.5110, 30.7909)  # ~20 km from Kyiv


def _load_harness():
    spec = importlib.util.spec_from_file_location(
        "eval_geoparse", REPO / "benchmarks" / "eval_geoparse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- span matching


@pytest.mark.parametrize(("gold", "pred", "expected"), [
    ([(0, 4)], [(0, 4)], {0: 0}),
    ([(0, 4)], [(2, 10)], {0: 0}),  # partial overlap counts
    ([(0, 4)], [(4, 8)], {}),  # touching is not overlapping
    ([(0, 4), (5, 9)], [(0, 9)], {0: 0}),  # one prediction matches one gold only
    ([(0, 9)], [(0, 3), (4, 9)], {0: 1}),  # the larger overlap wins
    ([(0, 4), (10, 14)], [(11, 13), (1, 2)], {0: 1, 1: 0}),
    ([], [(0, 3)], {}),
    ([(0, 3)], [], {}),
])
def test_match_spans(gold, pred, expected):
    assert match_spans(gold, pred) == expected


# --------------------------------------------------------------------------- AUC, distance


@pytest.mark.parametrize(("errors", "expected"), [
    ([0.0, 0.0, 0.0], 0.0),
    ([0.0, math.e - 1], 0.5 / math.log(EARTH_HALF_CIRCUMFERENCE_KM)),
    ([math.e - 1, 0.0], 0.5 / math.log(EARTH_HALF_CIRCUMFERENCE_KM)),  # sorted first
    ([math.e - 1], 1 / math.log(EARTH_HALF_CIRCUMFERENCE_KM)),
    ([EARTH_HALF_CIRCUMFERENCE_KM - 1] * 4, 1.0),
    # sorted logs 0, 1, 2: trapezoids (0+1)/2 + (1+2)/2 = 2 over (3-1) intervals
    ([math.e ** 2 - 1, 0.0, math.e - 1], 1.0 / math.log(EARTH_HALF_CIRCUMFERENCE_KM)),
])
def test_auc_log_error(errors, expected):
    assert auc_log_error(errors) == pytest.approx(expected)


def test_auc_log_error_empty_is_none():
    assert auc_log_error([]) is None


def test_distance_km_kyiv_lviv():
    assert distance_km(*KYIV, *LVIV) == pytest.approx(469, abs=5)


# --------------------------------------------------------------------------- scoring spans

TEXT = "Kyiv and Lviv said Brovary was calm; Russians in Odesa."
#       0    5    10   15   20   25   30   35   40   45   50


def _gold_doc() -> GoldDoc:
    return GoldDoc("d1", "gwn", TEXT, (
        GoldToponym(0, 4, "Kyiv", "Metonymic", *KYIV, geonameid=703448),
        GoldToponym(9, 13, "Lviv", "Metonymic", *LVIV, geonameid=702550),
        GoldToponym(19, 26, "Brovary", "Literal", *BROVARY),
        GoldToponym(37, 45, "Russians", "Demonym"),
        GoldToponym(49, 54, "Odesa", "Literal"),  # no gold coordinates
    ))


def _report(preds: list[Prediction], types=("Literal", "Metonymic")) -> Report:
    return score_predictions([_gold_doc()], [preds], types=types, system_name="t")


def test_score_predictions_counts_and_geocoding():
    report = _report([
        Prediction(0, 4, *KYIV, role="metonymic", geonameid=703448),  # right
        Prediction(9, 13, *KYIV, role="literal",  # found, 469 km off, right runner-up
                   alternatives=(("Kyiv", *KYIV), ("Lviv", *LVIV)), geonameid=703448),
        Prediction(19, 26),  # found, unresolved
        Prediction(37, 45, 55.0, 37.0),  # a demonym: false positive
    ])
    assert (report.gold, report.predicted, report.matched) == (4, 4, 3)
    assert report.precision == pytest.approx(3 / 4)
    assert report.recall == pytest.approx(3 / 4)
    assert report.f1 == pytest.approx(3 / 4)
    assert report.exact == 3
    o = report.overall
    assert (o.geo_gold, o.geo_found, o.found_within) == (3, 3, 1)
    assert o.acc_found == pytest.approx(1 / 3)
    assert o.acc_e2e == pytest.approx(1 / 3)
    assert report.unresolved == 1
    assert report.wrong_with_right_alternative == 1
    assert (report.id_gold, report.id_match, report.wrong_same_id) == (2, 1, 0)
    assert [e.alternative for e in report.errors if e.kind == "wrong"] == ["Lviv"]
    assert sorted(o.errors_km)[-1] == EARTH_HALF_CIRCUMFERENCE_KM
    assert report.spurious_on_excluded == {"Demonym": 1}
    assert report.role_confusion == {"metonymic/metonymic": 1, "metonymic/literal": 1,
                                     "literal/?": 1}
    assert report.by_type["Metonymic"].recall == 1.0
    assert report.by_type["Literal"].recall == pytest.approx(1 / 2)
    kinds = sorted(e.kind for e in report.errors)
    assert kinds == ["missed", "spurious", "unresolved", "wrong"]


def test_score_predictions_end_to_end_counts_unfound_as_wrong():
    report = _report([Prediction(0, 4, *BROVARY)])  # Brovary is 20 km from Kyiv: a hit
    o = report.overall
    assert o.acc_found == 1.0
    assert o.acc_e2e == pytest.approx(1 / 3)
    assert report.recall == pytest.approx(1 / 4)
    assert report.precision == 1.0


def test_score_resolved_only_drops_unplaced_predictions():
    def geoparse(text: str):
        return [(0, 4, *KYIV), (9, 13, None, None)]

    kept = score([_gold_doc()], geoparse, types={"Metonymic"})
    dropped = score([_gold_doc()], geoparse, types={"Metonymic"}, resolved_only=True)
    assert (kept.matched, kept.unresolved) == (2, 1)
    assert (dropped.matched, dropped.unresolved) == (1, 0)
    assert dropped.overall.acc_e2e == kept.overall.acc_e2e == pytest.approx(1 / 2)


def test_score_predictions_all_types_when_none():
    report = _report([Prediction(37, 45)], types=None)
    assert report.gold == 5
    assert report.matched == 1
    assert report.spurious_on_excluded == {}


def test_score_predictions_right_id_but_distant_point():
    report = _report([Prediction(9, 13, *KYIV, geonameid=702550)])  # Lviv's id, Kyiv's point
    assert (report.id_gold, report.id_match, report.wrong_same_id) == (1, 1, 1)


def test_score_predictions_partial_span_is_a_match_but_not_exact():
    report = _report([Prediction(0, 8, *KYIV)])  # "Kyiv and"
    assert report.matched == 1
    assert report.exact == 0


def test_score_with_a_tuple_function_and_format():
    def geoparse(text: str):
        return [(0, 4, *KYIV), (19, 26, *BROVARY)]

    report = score([_gold_doc()], geoparse, types={"Literal", "Metonymic"}, system_name="fn")
    assert report.matched == 2
    assert report.overall.acc_found == 1.0
    text = format_report(report)
    assert "F1 0.667" in text
    assert "Metonymic" in text
    assert report.as_dict()["f1"] == pytest.approx(2 / 3)


class TableGazetteer:
    """A gazetteer over a hand-written table, with the real Gazetteer.lookup signature."""

    def __init__(self, rows: dict[str, list[Candidate]]) -> None:
        self.rows = rows

    def lookup(self, name, *, country=None, feature_class=None, limit=10):
        return self.rows.get(name, [])[:limit]


def _cand(name: str, lat: float, lon: float, population: int, code: str = "PPL") -> Candidate:
    return Candidate(f"t:{name}:{population}", name, lat, lon, code[0] if code != "PPL" else "P",
                     code, "UA", population=population)


def test_oracle_spans_use_gold_spans():
    oracle = OracleSpanBaseline(TableGazetteer({}), types={"Literal", "Metonymic"})
    report = score([_gold_doc()], oracle, types={"Literal", "Metonymic"})
    assert report.recall == 1.0 and report.precision == 1.0
    assert report.unresolved == 4


def test_population_baseline_takes_ner_places_and_the_most_populous_namesake():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "GPE", "pattern": [{"LOWER": "kyiv"}, {"ORTH": "'s"}]},
        {"label": "GPE", "pattern": "Odesa"},
        {"label": "PERSON", "pattern": "Lviv"},  # not a place label: ignored
    ])
    gazetteer = TableGazetteer({
        "Kyiv": [_cand("Kyiv", 1.0, 1.0, 10), _cand("Kyiv", *KYIV, 2_900_000)],
    })
    baseline = PopulationBaseline(gazetteer, nlp)
    preds = baseline("Kyiv's mayor met Lviv in Odesa.")
    assert [(p.start, p.end) for p in preds] == [(0, 6), (25, 30)]
    assert (preds[0].lat, preds[0].lon) == KYIV  # possessive dropped, most populous chosen
    assert preds[0].alternatives == (("Kyiv", 1.0, 1.0),)
    assert preds[1].lat is None  # not in the gazetteer: found but unresolved


class OnePlacePipeline:
    """Stands in for geomap.pipeline.Pipeline: places every "Kyiv" it sees, role metonymic."""

    def process(self, document: Document) -> Article:
        start = document.text.find("Kyiv")
        if start < 0:
            return Article(document)
        kyiv = _cand("Kyiv", *KYIV, 2_900_000)
        mention = Mention("Kyiv", start, start + 4, document.text, "GPE")
        return Article(document, (Place(mention, kyiv, role="metonymic",
                                        alternatives=(_cand("Kyiv", 1.0, 1.0, 10),)),))


def test_pipeline_adapter_converts_articles():
    report = score([_gold_doc()], PipelineGeoparser(OnePlacePipeline()),
                   types={"Metonymic"}, system_name="pipeline")
    assert (report.matched, report.predicted) == (1, 1)
    assert report.overall.acc_found == 1.0
    assert report.role_confusion == {"metonymic/metonymic": 1}


# --------------------------------------------------------------------------- UCDP points


@pytest.mark.parametrize(("preds", "expected"), [
    ([Prediction(0, 5, 1, 1, feature_code="ADM1"), Prediction(9, 12, 2, 2, feature_code="PPL")],
     (9, 12)),
    ([Prediction(0, 5, 1, 1, feature_code="PPL"), Prediction(9, 12, 2, 2, feature_code="PPL")],
     (0, 5)),
    ([Prediction(0, 5), Prediction(9, 12, 2, 2, feature_code="PCLI")], (9, 12)),
    ([Prediction(0, 5, 1, 1), Prediction(9, 12, 2, 2)], (0, 5)),  # no codes: the first
    ([Prediction(0, 5)], None),
])
def test_most_specific(preds, expected):
    best = most_specific(preds)
    assert ((best.start, best.end) if best else None) == expected


def test_score_points_by_precision():
    docs = [
        GoldDoc("u1", "ucdp", "near Brovary village, Kyiv region", lat=KYIV[0], lon=KYIV[1],
                precision=2),
        GoldDoc("u2", "ucdp", "Lviv", lat=KYIV[0], lon=KYIV[1], precision=1),
        GoldDoc("u3", "ucdp", "somewhere", lat=KYIV[0], lon=KYIV[1], precision=4),
        GoldDoc("u4", "ucdp", "Ukraine", lat=49.0, lon=32.0, precision=6),  # skipped
        GoldDoc("u5", "ucdp", "", lat=49.0, lon=32.0, precision=1),  # skipped
    ]
    places = {"near Brovary village, Kyiv region": [(5, 12, *BROVARY)],
              "Lviv": [(0, 4, *LVIV)]}
    calls = []

    def geoparse(text):
        calls.append(text)
        return places.get(text, [])

    report = score(docs, geoparse, system_name="fn")
    assert isinstance(report, PointReport)
    assert (report.rows, report.skipped, report.placed, report.within) == (3, 2, 2, 1)
    assert report.headline_rows == 2 and report.headline_share == pytest.approx(0.5)
    assert report.by_precision[4]["placed"] == 0
    assert sorted(calls) == sorted(set(calls))  # each distinct text parsed once
    assert "where_prec" in format_report(report)
    assert {e.kind for e in report.errors} == {"wrong", "unplaced"}


def test_score_points_headline_is_appended():
    doc = GoldDoc("u1", "ucdp", "Brovary", title="Shelling near Kyiv", lat=KYIV[0],
                  lon=KYIV[1], precision=1)
    seen = []
    score_points([doc], lambda t: seen.append(t) or [], headline=True)
    assert seen == ["Brovary. Shelling near Kyiv"]


# --------------------------------------------------------------------------- corpus readers


@pytest.mark.parametrize(("text", "start", "end", "surface", "expected"), [
    ("in Kyiv today", 3, 7, "Kyiv", (3, 7)),
    ("in Kyiv today", 4, 8, "Kyiv", (3, 7)),  # drifted by one
    ("Kyiv, then Kyiv again", 9, 13, "Kyiv", (11, 15)),  # the nearest occurrence
    ("no such name", 3, 7, "Kyiv", (3, 7)),  # left alone
])
def test_align(text, start, end, surface, expected):
    assert _align(text, start, end, surface) == expected


def _write(root: Path, name: str, content: str) -> None:
    path = root / CORPORA[name]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


GWN_SAMPLE = """<?xml version="1.0" ?>
<articles><article file="7"><title>T</title><link>L</link>
<text>Kyiv said Ukrainians near Lviv.</text><toponyms>
<toponym><extractedName>Lviv</extractedName><type>Literal</type><start>26</start><end>30</end>
<latitude>49.84</latitude><longitude>24.03</longitude><geonamesID>702550</geonamesID></toponym>
<toponym><extractedName>Kyiv</extractedName><type>Metonymic</type><start>0</start><end>4</end>
<latitude>50.45</latitude><longitude>30.52</longitude></toponym>
<toponym><extractedName>Ukrainians</extractedName><type>Demonym</type><start>10</start>
<end>20</end></toponym>
<toponym><extractedName>TITLE</extractedName><type>Literal</type><start>-9</start><end>-4</end>
</toponym></toponyms></article></articles>"""

TRNEWS_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="42"><title>T</title><url>U</url><domain>D</domain>
<dltime>2016-12-19</dltime><text><![CDATA[Shots in Ankara.]]></text><toponyms>
<toponym><phrase>Ankara</phrase><start>10</start><end>16</end>
<gaztag geonameid="323786"><name>Ankara</name><fclass>P</fclass><fcode>PPLC</fcode>
<lat>39.92</lat><lon>32.85</lon></gaztag></toponym>
<toponym><phrase>Shots</phrase><start>0</start><end>5</end></toponym>
</toponyms></article></articles>"""

GEOVIRUS_SAMPLE = """<articles><article><source>S</source><text>Cases in Pandi rose.</text>
<locations><location><name>Pandi</name><start>10</start><end>15</end><lat>14.87</lat>
<lon>120.95</lon><page>P</page></location></locations></article></articles>"""

UCDP_SAMPLE = (
    "id,where_prec,where_description,source_headline,date_start,latitude,longitude\n"
    "1,2,\"near Pisky village, Donetsk region\",Shelling;Other,1/22/2014 12:00:00 AM,48.06,37.68\n"
)


def test_load_corpus_readers(tmp_path):
    for name, content in [("gwn", GWN_SAMPLE), ("trnews", TRNEWS_SAMPLE),
                          ("geovirus", GEOVIRUS_SAMPLE), ("ucdp", UCDP_SAMPLE)]:
        _write(tmp_path, name, content)
    [gwn] = load_corpus("gwn", tmp_path)
    assert gwn.id == "gwn:7"
    assert [(t.text, t.type) for t in gwn.toponyms] == [
        ("Kyiv", "Metonymic"), ("Ukrainians", "Demonym"), ("Lviv", "Literal")]
    assert gwn.toponyms[2].geonameid == 702550 and gwn.toponyms[1].lat is None
    [tr] = load_corpus("trnews", tmp_path)
    assert [(t.text, t.lat) for t in tr.toponyms] == [("Shots", None), ("Ankara", 39.92)]
    assert tr.date == "2016-12-19"
    [gv] = load_corpus("geovirus", tmp_path)
    assert [(t.start, t.end, t.text) for t in gv.toponyms] == [(9, 14, "Pandi")]  # re-aligned
    [uc] = load_corpus("ucdp", tmp_path)
    assert (uc.text, uc.title, uc.precision, uc.lat) == (
        "near Pisky village, Donetsk region", "Shelling", 2, 48.06)


@pytest.mark.parametrize("name", ["gwn", "nope"])
def test_load_corpus_missing_raises(tmp_path, name):
    with pytest.raises(EvalCorpusError) as info:
        load_corpus(name, tmp_path)
    assert isinstance(info.value, GeomapError)
    assert "Fix:" in str(info.value)


def test_load_corpus_malformed_names_the_file(tmp_path):
    _write(tmp_path, "gwn", "<articles><article>")
    with pytest.raises(EvalCorpusError, match="GWN.xml"):
        load_corpus("gwn", tmp_path)


# --------------------------------------------------------------------------- harness


def test_harness_skips_cleanly_without_eval_root(tmp_path, capsys):
    harness = _load_harness()
    assert harness.main(["--root", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().err


def test_harness_rejects_unknown_corpus(tmp_path, capsys):
    harness = _load_harness()
    assert harness.main(["--root", str(tmp_path), "--corpus", "gwn,bogus"]) == 2


def test_harness_rejects_unknown_gwn_type(tmp_path, capsys):
    _write(tmp_path, "gwn", GWN_SAMPLE)
    harness = _load_harness()
    assert harness.main(["--root", str(tmp_path), "--corpus", "gwn", "--types", "Literal,Lit"]) == 2
    assert "Lit" in capsys.readouterr().err


def test_harness_writes_error_files(tmp_path):
    harness = _load_harness()
    report = _report([Prediction(37, 45)])
    for suffix in (".tsv", ".jsonl"):
        path = tmp_path / f"errors{suffix}"
        n = harness.write_errors(path, [report])
        assert n == len(report.errors) == 5  # four golds missed, one spurious
        text = path.read_text(encoding="utf-8")
        assert "missed" in text and "Brovary" in text


# --------------------------------------------------------------------------- real corpora


@pytest.mark.eval
@needs_eval
@pytest.mark.parametrize("name", ["gwn", "trnews", "geovirus"])
def test_real_corpus_gold_scores_perfectly(name):
    docs = load_corpus(name, EVAL_ROOT, limit=5)
    assert len(docs) == 5
    assert all(doc.text[t.start:t.end] == t.text for doc in docs for t in doc.toponyms)

    def gold_system(text):
        doc = next(d for d in docs if d.text == text)
        keep = default_types(name)
        return [(t.start, t.end, t.lat, t.lon) for t in doc.toponyms
                if keep is None or t.type in keep]

    report = score(docs, gold_system)
    assert report.f1 == 1.0
    assert report.overall.acc_e2e == 1.0
    assert report.overall.geo_gold > 0


@pytest.mark.eval
@needs_eval
def test_real_ucdp_reads_events():
    docs = load_corpus("ucdp", EVAL_ROOT, limit=50)
    assert len(docs) == 50
    assert all(d.lat is not None and d.precision is not None for d in docs)


@pytest.mark.eval
@pytest.mark.slow
@needs_eval
def test_real_pipeline_smoke():
    pytest.importorskip("geomap.pipeline")
    from geomap.evaluate import PipelineGeoparser

    docs = load_corpus("gwn", EVAL_ROOT, limit=3)
    report = score(docs, PipelineGeoparser(), system_name="pipeline")
    assert report.predicted > 0
    assert 0.0 < report.f1 <= 1.0


@pytest.mark.parametrize(("confusion", "expected"), [
    ({"metonymic/metonymic": 3, "metonymic/literal": 1, "literal/metonymic": 1,
      "literal/literal": 5}, (0.75, 0.75, 0.75)),
    ({"metonymic/literal": 2, "literal/literal": 4}, (0.0, 0.0, 0.0)),
    ({"metonymic/metonymic": 2, "metonymic/demonym": 2}, (1.0, 0.5, 2 / 3)),
    ({}, (0.0, 0.0, 0.0)),
])
def test_role_scores(confusion, expected):
    assert role_scores(confusion) == pytest.approx(expected)
