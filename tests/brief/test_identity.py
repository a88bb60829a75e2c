"""Identity across articles: scripts, widths, abbreviations, places, and caution."""

from __future__ import annotations

from summarizer.identity import Mention, org_key, person_key, resolve


def person(name: str, article: str, organization: str | None = None) -> Mention:
    return Mention("person", name, article, organization=organization)


def org(name: str, article: str) -> Mention:
    return Mention("organization", name, article)


def test_keys_fold_script_width_and_spacing() -> None:
    assert person_key("甄 某某") == person_key("甄某某")
    assert person_key("阿不都•艾买提") == person_key("阿不都·艾买提")
    assert org_key("蘭城市工商聯") == org_key("兰城市工商联") == org_key("兰城市工商业联合会")
    assert org_key("ＡＢＣ协会") == org_key("abc协会")


def test_one_person_in_two_scripts_is_one_entity_with_a_reason() -> None:
    result = resolve([
        person("甄某某", "a", "蘭城市工商聯"), org("蘭城市工商聯", "a"),
        person("甄某某", "b", "兰城市工商业联合会"), org("兰城市工商业联合会", "b"),
    ])
    [who] = result.of_kind("person")
    [body] = result.of_kind("organization")
    assert who.articles == ["a", "b"] and body.articles == ["a", "b"]
    assert len(who.merges) == 1 and "same organization" in who.merges[0].reason
    assert "abbreviation" in body.merges[0].reason and not result.possible_duplicates


def test_traditional_name_merges_by_folding() -> None:
    result = resolve([person("蔺曉暉", "a"), person("蔺晓晖", "b")])
    [who] = result.of_kind("person")
    assert "folding" in who.merges[0].reason and who.names == ["蔺曉暉", "蔺晓晖"]


def test_same_name_in_unrelated_organizations_stays_apart_and_is_flagged() -> None:
    result = resolve([person("滕某某", "a", "兰城市侨联"), person("滕某某", "b", "桂川县农业局")])
    people = result.of_kind("person")
    assert len(people) == 2
    [pair] = result.possible_duplicates
    assert {pair.first, pair.second} == {p.id for p in people} and "kept apart" in pair.reason


def test_a_mention_without_organization_joins_only_an_unambiguous_person() -> None:
    alone = resolve([person("滕某某", "a", "兰城市侨联"), person("滕某某", "b")])
    assert len(alone.of_kind("person")) == 1
    ambiguous = resolve([person("滕某某", "a", "兰城市侨联"), person("滕某某", "b", "桂川县农业局"), person("滕某某", "c")])
    assert len(ambiguous.of_kind("person")) == 3 and len(ambiguous.possible_duplicates) == 3


def test_a_bare_level_name_takes_the_one_city_of_its_article() -> None:
    result = resolve([
        org("市工商联", "a"), org("兰城市侨联", "a"),
        org("兰城市工商业联合会", "b"),
        org("市工商联", "c"),  # no city named: stays in its article
    ])
    merged = result.find("organization", "市工商联", "a")
    assert merged is not None and merged.articles == ["a", "b"]
    assert any("兰城市" in m.reason for m in merged.merges)
    alone = result.find("organization", "市工商联", "c")
    assert alone is not None and alone.articles == ["c"]


def test_generic_bodies_never_leave_their_article() -> None:
    result = resolve([org("各行业协会", "a"), org("各行业协会", "b"), org("未注明", "a"), org("未注明", "b")])
    assert len(result.of_kind("organization")) == 4


def test_a_place_prefix_is_dropped_only_when_unambiguous() -> None:
    one = resolve([org("兰城市松林湖产业发展局", "a"), org("松林湖产业发展局", "b")])
    assert len(one.of_kind("organization")) == 1
    assert "place prefix" in one.of_kind("organization")[0].merges[0].reason
    two = resolve([org("兰城市商务促进局", "a"), org("桂川县商务促进局", "b"), org("商务促进局", "c")])
    assert len(two.of_kind("organization")) == 3


def test_ids_are_dense_and_deterministic() -> None:
    mentions = [org("兰城市松林湖产业发展局", "a"), org("松林湖产业发展局", "b"), org("桂川县侨联", "b"), person("甄某某", "a")]
    first, second = resolve(mentions), resolve(mentions)
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    assert sorted(e.id for e in first.of_kind("organization")) == ["O1", "O2"]
