"""The verified ledger as JSON (facts/snapshot.py): a round trip gives back the same ledger."""

import json

from conftest import PROJECT, THEMES, ledger as load_ledger
from jinjiang_report.facts.snapshot import from_json, inputs_digest, to_json


def test_the_ledger_survives_a_json_round_trip():
    ledger = load_ledger()
    again = from_json(json.loads(json.dumps(to_json(ledger), ensure_ascii=False)))
    for field in ("folder", "facts", "derived", "exclusions", "entities", "assessments", "vocabulary", "records",
                  "entity_texts"):
        assert getattr(again, field) == getattr(ledger, field), field
    assert {k: (s.text, s.metadata, s.path) for k, s in again.sources.items()} == \
        {k: (s.text, s.metadata, s.path) for k, s in ledger.sources.items()}
    assert list(again.vocabulary.claims) == list(ledger.vocabulary.claims)  # reading order kept


def test_the_digest_covers_every_input_file(data_copy):
    before = inputs_digest(data_copy, None, THEMES)
    assert before == inputs_digest(data_copy, None, THEMES)
    (data_copy.parent / "entities" / "hospital.yaml").write_text("# changed\n{}\n", encoding="utf-8")
    assert inputs_digest(data_copy, None, THEMES) != before
    assert inputs_digest(PROJECT.ledger, None, {**THEMES, "more": THEMES["export"]}) != \
        inputs_digest(PROJECT.ledger, None, THEMES)
