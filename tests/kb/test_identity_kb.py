"""Identity in the knowledge base: scripts, abbreviations, caution, a merge and its undo."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.identity import person_key
from summarizer.kb import query
from summarizer.kb.add import add_inputs
from summarizer.kb.decide import merge, split

from .articles import A, B, C, D, E, F, write
from .conftest import gold_meetings, no_model, snapshot

runner = CliRunner()


def test_the_golden_set_names_nobody_in_two_articles_so_invented_ones_do() -> None:
    """Measured, not assumed: the pair in two scripts comes from the invented articles."""
    files: dict[str, set[str]] = {}
    for item in gold_meetings():
        for participant in item["participants"]:
            files.setdefault(person_key(participant["name"]), set()).add(item["id"])
    assert all(len(ids) == 1 for ids in files.values())
    assert person_key(A["participants"][0]["name"]) == person_key(B["participants"][0]["name"])
    assert A["participants"][0]["name"] != B["participants"][0]["name"]


def test_every_gold_participant_is_found_with_its_event(golden_db: sqlite_utils.Database) -> None:
    for item in gold_meetings():
        for participant in item["participants"]:
            profiles = query.person(golden_db, participant["name"])
            events = [e for p in profiles for e in p["events"]]
            assert any(e["written"] == participant["name"] and e["title"] == participant.get("title") for e in events)


def test_a_person_in_two_scripts_is_one_with_both_events(golden_db: sqlite_utils.Database, tmp_path: Path) -> None:
    result = runner.invoke(app, ["kb", "person", A["participants"][0]["name"], "--db", str(tmp_path / "kb.db"), "-f", "json"])
    assert result.exit_code == 0, result.output
    [profile] = json.loads(result.stdout)
    assert [e["date"] for e in profile["events"]] == [A["meeting"]["date"], B["meeting"]["date"]]
    assert [e["written"] for e in profile["events"]] == [A["participants"][0]["name"], B["participants"][0]["name"]]
    assert [t["title"] for t in profile["titles"]] == ["主席", "会长"]  # titles over time
    [organization] = profile["organizations"]
    assert organization["events"] == 2
    assert {m["name"] for m in profile["met"]} == {A["participants"][1]["name"], B["participants"][1]["name"]}
    assert [c["quote"] for c in profile["commitments"]] == [A["commitments"][0]["evidence"]]
    assert any("folding" in r["reason"] for r in profile["reasons"])


def test_an_abbreviation_is_the_long_name(golden_db: sqlite_utils.Database) -> None:
    [long] = query.organization(golden_db, "桂川县工商业联合会")
    [short] = query.organization(golden_db, "桂川縣工商聯")
    assert long["id"] == short["id"] and len(long["events"]) == 2
    assert {e["roles"] for e in long["events"]} == {"host", "host,signatory"}
    signed = [m for m in long["met"] if m["signed_with"]]
    assert [m["name"] for m in signed] == [B["organizations"][1]["name"]]
    assert any("abbreviation" in r["reason"] for r in long["reasons"])


def test_one_name_in_unrelated_organizations_is_flagged_not_merged(golden_db: sqlite_utils.Database) -> None:
    name = C["participants"][0]["name"]
    profiles = query.person(golden_db, name)
    assert len(profiles) == 3  # A, C and D: three organizations, three people
    assert all(len(p["events"]) == 1 for p in profiles)
    for profile in profiles:
        others = {d["other_id"] for d in profile["possible_duplicates"]}
        assert others == {p["id"] for p in profiles} - {profile["id"]}
        assert all("kept apart" in d["reason"] for d in profile["possible_duplicates"])
    assert golden_db["possible_duplicates"].count == 3


def test_a_merge_is_explained_kept_and_undone(golden_db: sqlite_utils.Database, invented: Path) -> None:
    before = snapshot(golden_db)
    first, second = E["participants"][0]["name"], F["participants"][0]["name"]
    [one] = query.person(golden_db, first)
    assert len(one["events"]) == 2  # B's and E's: E names no organization, B one
    merged = merge(golden_db, first, second, "the association's site gives his full name")
    [profile] = query.person(golden_db, second)
    assert profile["id"] == merged["id"] and len(profile["events"]) == 3
    assert any(r["reason"] == "merged by hand: the association's site gives his full name" for r in profile["reasons"])
    add_inputs(golden_db, [str(invented)], no_model)  # the merge outlives a rebuild
    assert len(query.person(golden_db, second)[0]["events"]) == 3
    f_event = next(e["event_id"] for e in profile["events"] if e["written"] == second)
    stays, left = split(golden_db, first, [str(f_event)], "not the same person after all")
    assert stays["id"] != left["id"] and left["names"] == second
    assert [len(p["events"]) for p in query.person(golden_db, first)] == [2]
    after = snapshot(golden_db)
    assert {k: v for k, v in after.items() if k not in ("decisions", "identity_reasons")} == {
        k: v for k, v in before.items() if k not in ("decisions", "identity_reasons")
    }
    assert [row["action"] for row in golden_db["decisions"].rows] == ["merge", "split"]


def test_merge_and_split_from_the_command_line(golden_db: sqlite_utils.Database, tmp_path: Path) -> None:
    base = ["--db", str(tmp_path / "kb.db")]
    first, second = E["participants"][0]["name"], F["participants"][0]["name"]
    result = runner.invoke(app, ["kb", "merge", first, second, "--why", "one person", *base])
    assert result.exit_code == 0, result.output
    [profile] = json.loads(runner.invoke(app, ["kb", "person", second, "-f", "json", *base]).stdout)
    event = next(e["event_id"] for e in profile["events"] if e["written"] == second)
    result = runner.invoke(app, ["kb", "split", second, "--article", str(event), "--why", "two people", *base])
    assert result.exit_code == 0, result.output
    assert len(json.loads(runner.invoke(app, ["kb", "person", second, "-f", "json", *base]).stdout)[0]["events"]) == 1
    ambiguous = runner.invoke(app, ["kb", "merge", C["participants"][0]["name"], first, "--why", "x", *base])
    assert ambiguous.exit_code == 13 and "several person entities" in ambiguous.output
    assert "Traceback" not in ambiguous.output


def test_a_name_in_one_article_only_joins_the_one_entity_it_can_be(db: sqlite_utils.Database, tmp_path: Path) -> None:
    add_inputs(db, [str(p) for p in write(tmp_path / "two", C, D, E)], no_model)
    assert len(query.person(db, C["participants"][0]["name"])) == 2


def test_forced_decisions_are_applied_in_order_in_identity() -> None:
    """The knowledge base's merges and splits are identity's own: resolve() honours them."""
    from summarizer.identity import ForcedMerge, ForcedSplit, Mention, Ref, resolve

    mentions = [
        Mention("person", "滕某某", "e"), Mention("person", "滕某", "f"),
        Mention("organization", "兰城市贸促会", "e"), Mention("organization", "鹭洲市国际商会", "f"),
    ]
    assert len(resolve(mentions).of_kind("person")) == 2
    joined = ForcedMerge(Ref("person", "滕某某", "e"), Ref("person", "滕某", "f"), "one person")
    [person] = resolve(mentions, [joined]).of_kind("person")
    assert person.articles == ["e", "f"] and person.merges[-1].reason == "merged by hand: one person"
    undone = resolve(mentions, [joined, ForcedSplit(Ref("person", "滕某某", "e"), ("f",), "two")]).of_kind("person")
    assert [p.articles for p in undone] == [["e"], ["f"]]
    assert undone[1].merges[0].reason == "split off by hand: two"
    assert len(resolve(mentions).of_kind("organization")) == 2
    orgs = resolve(mentions, [ForcedMerge(Ref("organization", "鹭洲市国际商会", "f"), Ref("organization", "兰城市贸促会", "e"), "same")])
    assert len(orgs.of_kind("organization")) == 1
    unknown = ForcedMerge(Ref("person", "蔺某某", "x"), Ref("person", "滕某", "f"), "gone")
    assert len(resolve(mentions, [unknown]).of_kind("person")) == 2  # an article no longer there: skipped
