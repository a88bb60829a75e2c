"""Datasette's metadata for the knowledge base: labels, facets, search and canned queries.

``datasette kb.db -m kb.metadata.json`` then browses it usefully: foreign keys (declared
in the schema) show the person's, organization's or event's label instead of an id,
tables open with facets on kind, role and strength, the ``search`` table has its full-text
box (on the Simplified-script text), and canned queries answer the usual questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CANNED = {
    "person_events": {
        "title": "A person's events (any written form)",
        "sql": """select pe.id as person, pe.name, e.date, e.title as event, p.title, p.organization, p.role
from participations p join people pe on pe.id = p.person_id join events e on e.id = p.event_id
where pe.names like '%' || :name || '%' order by e.date""",
    },
    "who_met_whom": {
        "title": "Who met whom: pairs of people at one event",
        "sql": """select a.person_id as person, pa.name, b.person_id as met, pb.name as met_name,
  count(distinct a.event_id) as events, group_concat(distinct e.date) as dates
from participations a join participations b on b.event_id = a.event_id and b.person_id > a.person_id
join people pa on pa.id = a.person_id join people pb on pb.id = b.person_id join events e on e.id = a.event_id
group by a.person_id, b.person_id order by events desc""",
    },
    "signed_with": {
        "title": "Organizations that signed at the same event",
        "sql": """select oa.name as organization, ob.name as signed_with, e.date, e.title as event
from event_organizations a join event_organizations b on b.event_id = a.event_id
  and b.organization_id > a.organization_id and a.role = 'signatory' and b.role = 'signatory'
join organizations oa on oa.id = a.organization_id join organizations ob on ob.id = b.organization_id
join events e on e.id = a.event_id order by e.date""",
    },
    "commitments_by_actor": {
        "title": "Commitments of an actor (a name as written)",
        "sql": """select e.date, e.title as event, c.actor, c.strength, c.action, c.quote
from commitments c join events e on e.id = c.event_id
where c.id in (select ca.commitment_id from commitment_actors ca
  left join people p on p.id = ca.person_id left join organizations o on o.id = ca.organization_id
  where p.names like '%' || :actor || '%' or o.names like '%' || :actor || '%')
order by e.date""",
    },
    "possible_duplicates": {
        "title": "People with one name kept apart",
        "sql": """select d.first_id, a.names as first_names, d.second_id, b.names as second_names, d.reason
from possible_duplicates d join people a on a.id = d.first_id join people b on b.id = d.second_id""",
    },
}


def metadata(db_path: Path) -> dict[str, Any]:
    """The metadata for the database file ``db_path`` (Datasette names it by its stem)."""
    tables: dict[str, Any] = {
        "people": {"label_column": "name", "sort_desc": "articles"},
        "organizations": {"label_column": "name", "sort_desc": "articles"},
        "events": {"label_column": "title", "facets": ["kind", "date_basis"], "sort": "date"},
        "articles": {"label_column": "title"},
        "participations": {"facets": ["role", "title"]},
        "event_organizations": {"facets": ["role"]},
        "commitments": {"facets": ["strength"], "sort": "event_id"},
        "commitment_actors": {},
        "possible_duplicates": {},
        "identity_reasons": {"facets": ["kind"]},
        "search": {"fts_table": "search_fts", "fts_pk": "id", "searchmode": "raw"},
    }
    return {
        "title": "summarizer knowledge base",
        "description": "Who met whom and who promised what, across summarized meeting reports.",
        "databases": {db_path.stem: {"tables": tables, "queries": CANNED}},
    }
