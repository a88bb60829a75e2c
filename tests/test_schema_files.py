"""The JSON Schemas under schemas/ are exported from the pydantic models and stay in step."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.resources import resource_dir
from summarizer.schema import json_schemas


def test_exported_schemas_match_the_models() -> None:
    for name, schema in json_schemas().items():
        path = resource_dir("schemas") / f"{name}.schema.json"
        assert path.is_file(), f"{path} is missing: run `summarizer schema`"
        assert json.loads(path.read_text(encoding="utf-8")) == schema, f"{path} is stale: run `summarizer schema`"


def test_report_schema_keeps_the_contract_fields() -> None:
    report = json_schemas()["report"]
    assert {"is_meeting_report", "summary", "meeting", "participants", "organizations", "commitments"} <= set(report["properties"])
    defs = report["$defs"]
    assert {"title", "kind", "date", "location", "organizers"} <= set(defs["Meeting"]["properties"])
    assert {"name", "title", "organization"} <= set(defs["Participant"]["properties"])
    assert {"actor", "action", "evidence", "strength"} <= set(defs["Commitment"]["properties"])
    golden = json_schemas()["golden"]
    assert {"id", "text", "not_participants"} <= set(golden["properties"])


def test_golden_files_validate_against_the_golden_model() -> None:
    from summarizer.schema import GoldenFile

    golden = Path(__file__).resolve().parent.parent / "evals" / "golden"
    for path in sorted(golden.glob("*.json")):
        GoldenFile.model_validate_json(path.read_text(encoding="utf-8"))
