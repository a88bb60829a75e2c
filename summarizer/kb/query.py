"""Questions to the knowledge base: a person, an organization, commitments, text search.

Each function returns plain data (dicts and lists of dicts), which the CLI prints as
rich tables, JSON or CSV. Names are looked up script-, width- and spacing-insensitively
(甄曉暉 finds 甄晓晖), against every form an entity was written in; an id (P3, O7)
works too. One name may stand for several entities (two people kept apart): each is
returned, with the possible duplicates listed.
"""

from __future__ import annotations

import re
from typing import Any

import sqlite_utils

from summarizer.identity import org_key, person_key
from summarizer.normalize import fold

Row = dict[str, Any]
TRIGRAM = 3  # FTS5's trigram tokenizer finds nothing shorter


def find_entities(db: sqlite_utils.Database, kind: str, name: str) -> list[Row]:
    """The people (or organizations) one of whose written forms is ``name``, or whose id it is."""
    table = "people" if kind == "person" else "organizations"
    key = (person_key if kind == "person" else org_key)(name)
    rows = list(db.query(f"select * from [{table}] order by length(id), id"))
    exact = [r for r in rows if r["id"] == name.strip()]
    if exact:
        return exact
    fold_name = person_key if kind == "person" else org_key
    return [r for r in rows if any(fold_name(n) == key for n in r["names"].split("、"))]


def _query(db: sqlite_utils.Database, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[Row]:
    return list(db.query(sql, params))


def person(db: sqlite_utils.Database, name: str) -> list[Row]:
    """For each person of that name: events with dates, titles over time, organizations,
    people met, commitments, why the mentions are one person, possible duplicates."""
    found = []
    for entity in find_entities(db, "person", name):
        pid = entity["id"]
        events = _query(db, """
            select e.id as event_id, e.date, e.title as event, e.kind, e.location, p.name as written,
                   p.title, p.organization, p.role
            from participations p join events e on e.id = p.event_id
            where p.person_id = :id order by e.date is null, e.date, e.id""", {"id": pid})
        titles = [
            {"date": e["date"], "title": e["title"], "organization": e["organization"]}
            for e in events if e["title"]
        ]
        organizations = _query(db, """
            select o.id, o.name, count(distinct p.event_id) as events
            from participations p join organizations o on o.id = p.organization_id
            where p.person_id = :id group by o.id order by events desc, o.name""", {"id": pid})
        met = _query(db, """
            select other.id, other.name, group_concat(distinct q.organization) as organization,
                   count(distinct q.event_id) as events
            from participations p join participations q on q.event_id = p.event_id and q.person_id != p.person_id
            join people other on other.id = q.person_id
            where p.person_id = :id group by other.id order by events desc, other.name""", {"id": pid})
        found.append({
            "id": pid, "name": entity["name"], "names": entity["names"].split("、"),
            "events": events, "titles": titles, "organizations": organizations, "met": met,
            "commitments": _commitments_of(db, "person_id", pid),
            "reasons": _reasons(db, "person", pid),
            "possible_duplicates": _duplicates(db, pid),
        })
    return found


def organization(db: sqlite_utils.Database, name: str) -> list[Row]:
    """For each organization of that name: events and its roles there, its people, the
    organizations met (and signed with), commitments, why the names are one organization."""
    found = []
    for entity in find_entities(db, "organization", name):
        oid = entity["id"]
        events = _query(db, """
            select e.id as event_id, e.date, e.title as event, e.kind, e.location,
                   group_concat(distinct r.role) as roles, min(r.name) as written
            from event_organizations r join events e on e.id = r.event_id
            where r.organization_id = :id group by e.id order by e.date is null, e.date, e.id""", {"id": oid})
        people = _query(db, """
            select pe.id, pe.name, group_concat(distinct p.title) as titles, count(distinct p.event_id) as events
            from participations p join people pe on pe.id = p.person_id
            where p.organization_id = :id group by pe.id order by events desc, pe.name""", {"id": oid})
        met = _query(db, """
            select o.id, o.name, group_concat(distinct b.role) as roles, count(distinct b.event_id) as events,
                   max(a.role = 'signatory' and b.role = 'signatory') as signed_with
            from event_organizations a join event_organizations b
                 on b.event_id = a.event_id and b.organization_id != a.organization_id
            join organizations o on o.id = b.organization_id
            where a.organization_id = :id group by o.id order by signed_with desc, events desc, o.name""", {"id": oid})
        found.append({
            "id": oid, "name": entity["name"], "names": entity["names"].split("、"), "events": events,
            "people": people, "met": met, "commitments": _commitments_of(db, "organization_id", oid),
            "reasons": _reasons(db, "organization", oid),
        })
    return found


_COMMITMENT_COLUMNS = """
    c.id, e.date, e.title as event, c.actor, c.strength, c.action, c.quote, c.span_start, c.span_end,
    c.counterpart, c.timeframe"""


def _commitments_of(db: sqlite_utils.Database, column: str, entity_id: str) -> list[Row]:
    return _query(db, f"""
        select distinct {_COMMITMENT_COLUMNS}
        from commitment_actors a join commitments c on c.id = a.commitment_id join events e on e.id = c.event_id
        where a.{column} = :id order by e.date is null, e.date, c.id""", {"id": entity_id})


def _reasons(db: sqlite_utils.Database, kind: str, entity_id: str) -> list[Row]:
    return _query(db, """
        select r.name, a.date, a.origin as article, r.reason from identity_reasons r join articles a on a.id = r.article_id
        where r.kind = :kind and r.entity_id = :id order by r.id""", {"kind": kind, "id": entity_id})


def _duplicates(db: sqlite_utils.Database, person_id: str) -> list[Row]:
    return _query(db, """
        select case when d.first_id = :id then d.second_id else d.first_id end as other_id, d.reason
        from possible_duplicates d where :id in (d.first_id, d.second_id) order by d.id""", {"id": person_id})


def commitments(
    db: sqlite_utils.Database, actor: str | None = None, since: str | None = None, strength: str | None = None
) -> list[Row]:
    """Commitments, oldest first; ``actor`` is a person's or organization's name (any
    written form, any script) or id; ``since`` (YYYY-MM-DD) leaves out earlier events and
    events whose date has no year."""
    where, params = [], {}
    if actor is not None:
        people = [r["id"] for r in find_entities(db, "person", actor)]
        orgs = [r["id"] for r in find_entities(db, "organization", actor)]
        ids = people + orgs
        marks = ", ".join(f":a{i}" for i in range(len(ids))) or "null"
        params |= {f"a{i}": value for i, value in enumerate(ids)}
        where.append(f"c.id in (select commitment_id from commitment_actors where person_id in ({marks}) "
                     f"or organization_id in ({marks}))")
    if since is not None:
        where.append("e.date glob '[0-9]*' and e.date >= substr(:since, 1, length(e.date))")
        params["since"] = since
    if strength is not None:
        where.append("c.strength = :strength")
        params["strength"] = strength
    clause = ("where " + " and ".join(where)) if where else ""
    return _query(db, f"""
        select {_COMMITMENT_COLUMNS},
               (select group_concat(coalesce(person_id, organization_id)) from commitment_actors
                where commitment_id = c.id) as actor_ids
        from commitments c join events e on e.id = c.event_id {clause}
        order by e.date is null, e.date, c.id""", params)


def _like(text: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


def search(db: sqlite_utils.Database, text: str, limit: int = 50) -> list[Row]:
    """Summaries and quotes that contain ``text`` (any script).

    Both sides are folded to Simplified script. Three characters or more go through the
    FTS5 trigram index; a shorter query (a two-character name) through LIKE, which the
    trigram tokenizer cannot answer.
    """
    query = fold(" ".join(text.split()))
    if not query:
        return []
    columns = """s.field, s.text, e.id as event_id, e.date, e.title as event, c.actor"""
    joins = "join events e on e.id = s.event_id left join commitments c on c.id = s.commitment_id"
    if len(query) >= TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        return _query(db, f"""
            select {columns} from search_fts f join search s on s.id = f.rowid {joins}
            where search_fts match :q order by f.rank limit :limit""", {"q": phrase, "limit": limit})
    return _query(db, f"""
        select {columns} from search s {joins}
        where s.folded like :q escape '\\' order by e.date, s.id limit :limit""", {"q": _like(query), "limit": limit})
