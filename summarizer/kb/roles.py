"""An organization's role in an event, derived from the report.

The rule, in order (an organization may hold several roles; ``attendee`` only when it
holds none of the others):

- an organizer of the meeting is its ``host``;
- the organization of a participant who leads or is a member of a delegation
  (``delegation_lead``, ``delegation_member``) is a ``visitor``; of a participant who
  receives visitors (``receiver``), ``visited``. The report's roles are the only
  evidence for who visited whom: a visit (考察, 调研 …) whose participants carry no such
  role gives host and attendee only, because the organizer of a visit is as often the
  visiting side as the visited one;
- the organization of a participant whose role is ``signatory``, and each organization
  named as the actor of an ``agreed`` commitment whose quote says it was signed (签) or
  made at a signing (the meeting's kind has 签: 签约仪式), is a ``signatory``;
- every other organization that took part is an ``attendee``.
"""

from __future__ import annotations

from collections.abc import Callable

from summarizer.identity import Entity, Mention
from summarizer.schema import Report

ROLES = ("host", "attendee", "visitor", "visited", "signatory")
_BY_PARTICIPANT_ROLE = {
    "delegation_lead": "visitor", "delegation_member": "visitor", "receiver": "visited", "signatory": "signatory",
}


def organization_roles(
    report: Report, actors: dict[int, list[Mention]], entity_of: Callable[[str], Entity | None]
) -> list[tuple[Entity, str, str]]:
    """(organization entity, name as written, role) for the event, each pair once, in the
    report's order; ``entity_of`` maps an organization's name in this article to its entity."""
    roles: dict[str, dict[str, str]] = {}  # entity id -> role -> name as written
    entities: dict[str, Entity] = {}

    def give(name: str | None, role: str) -> None:
        entity = entity_of(name) if name else None
        if entity is None or name is None:
            return
        entities[entity.id] = entity
        roles.setdefault(entity.id, {}).setdefault(role, name)

    for name in report.meeting.organizers:
        give(name, "host")
    for participant in report.participants:
        if participant.role in _BY_PARTICIPANT_ROLE:
            give(participant.organization, _BY_PARTICIPANT_ROLE[participant.role])
    signing = "签" in (report.meeting.kind or "") or "簽" in (report.meeting.kind or "")
    for number, commitment in enumerate(report.commitments, 1):
        signed = signing or "签" in commitment.evidence or "簽" in commitment.evidence
        if commitment.strength == "agreed" and signed:
            for mention in actors.get(number, []):
                if mention.kind == "organization":
                    give(mention.name, "signatory")
    for organization in report.organizations:
        give(organization.name, "attendee")
    rows = []
    for entity_id, held in roles.items():
        kept = [role for role in held if role != "attendee"] or ["attendee"]
        rows += [(entities[entity_id], held[role], role) for role in kept]
    return rows
