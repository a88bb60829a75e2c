"""Who is who across articles: people and organizations merged into entities, cautiously.

One place decides identity for everything that looks across articles (the brief today,
the knowledge base later). The input is a list of :class:`Mention` (a name as one
article writes it, with that article's key and, for a person, the title and
organization written there); :func:`resolve` returns :class:`Entity` objects with ids,
the mentions merged into each and a :class:`Merge` reason for every mention that joined
an entity, plus the :class:`PossibleDuplicate` pairs it would not merge.

Rules, in order of confidence:

- names are compared after script, width, case and spacing folding (甄曉暉 = 甄晓晖,
  工商聯 = 工商联, ＡＢＣ协会 = abc协会, 甄 晓晖 = 甄晓晖) and with one middle dot;
- an organization's long form and its usual abbreviation are one name
  (工商业联合会 = 工商联, 国际贸易促进委员会 = 贸促会 …); a name that begins with a bare
  level (市工商联, 区商务局) takes the one city, district … the same article names
  (市工商联 in an article naming 东莞市 is 东莞市工商联), and otherwise stays in its
  article; a name with a place prefix equals the same name without it when that is the
  only reading (东莞市松山湖产业发展局 = 松山湖产业发展局);
- generic bodies (各行业协会, 相关部门) never leave their article;
- a person is merged across articles only when the organizations agree (the same
  organization entity) or when one side names none and no other person of that name
  has a different one; two people with one name in unrelated organizations stay apart
  and are reported as a possible duplicate, never silently merged.

A person's decisions override the rules: a :class:`ForcedMerge` joins two entities and a
:class:`ForcedSplit` takes an entity's mentions in some articles out into an entity of
their own (the undo of a merge). Both name entities by a mention (a name and an article),
which stays valid however the ids are numbered, are applied in the order given (a later
decision wins), and carry the person's reason into the entity's merges. Organizations'
decisions are applied before people are resolved, so people follow their organizations.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from summarizer.fields.words.organizations import ORG_CLASS_WORDS, ORG_GENERIC_HEADS
from summarizer.normalize import name_key
from summarizer.schema import Report

Kind = Literal["person", "organization"]

# Long forms and the abbreviation they are usually written as, in Simplified script (keys
# are compared after folding). The long form is replaced by the short one in the key.
ORG_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("工商业联合会", "工商联"),
    ("国际贸易促进委员会", "贸促会"),
    ("归国华侨联合会", "侨联"),
    ("台湾同胞联谊会", "台联"),
    ("妇女联合会", "妇联"),
    ("青年联合会", "青联"),
    ("科学技术协会", "科协"),
    ("文学艺术界联合会", "文联"),
    ("发展和改革委员会", "发改委"),
    ("发展和改革局", "发改局"),
    ("工业和信息化局", "工信局"),
    ("人力资源和社会保障局", "人社局"),
    ("外事办公室", "外办"),
    ("侨务办公室", "侨办"),
    ("台湾事务办公室", "台办"),
    ("统一战线工作部", "统战部"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("人民政治协商会议", "政协"),
    ("人民政府", "政府"),
    ("管理委员会", "管委会"),
    ("市场监督管理局", "市场监管局"),
)
_LEVELS = "省市区县州镇"
_ACTOR_SEPARATORS = re.compile(r"[;；]")
_DOTS = re.compile(r"[·•・‧.]")
# Pronouns and placeholders for an actor the article does not name (未注明: "not stated").
_GENERIC_STARTS = ORG_GENERIC_HEADS + ("双方", "多方", "各方", "我们", "我会", "本会", "未注明", "不详")
MIN_BARE_NAME = 5  # a name shorter than this is never equated with a longer, prefixed one


@dataclass(frozen=True)
class Mention:
    """A name as one article writes it.

    ``article`` is the key of the article (any string unique per article). For a person,
    ``organization`` and ``title`` are as written next to the name in that article.
    """

    kind: Kind
    name: str
    article: str
    organization: str | None = None
    title: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Merge:
    """Why ``mention`` belongs to the entity it was merged into."""

    mention: Mention
    reason: str


@dataclass
class Entity:
    """One person or organization: an id, the name to show, and every mention of it."""

    id: str
    kind: Kind
    key: str
    mentions: list[Mention] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The form written most often (the longest of equals, then the first seen)."""
        counts = Counter(m.name for m in self.mentions)
        return max(counts, key=lambda n: (counts[n], len(n), -self._first(n)))

    def _first(self, name: str) -> int:
        return next(i for i, m in enumerate(self.mentions) if m.name == name)

    @property
    def names(self) -> list[str]:
        """Every written form, in the order first seen."""
        return list(dict.fromkeys(m.name for m in self.mentions))

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article for m in self.mentions))


@dataclass(frozen=True)
class PossibleDuplicate:
    """Two entities with one name that were kept apart, and why."""

    first: str
    second: str
    reason: str


@dataclass(frozen=True)
class Ref:
    """An entity named by one of its mentions: a name as written in an article."""

    kind: Kind
    name: str
    article: str


@dataclass(frozen=True)
class ForcedMerge:
    """A person's decision that ``first`` and ``second`` are one entity, and why."""

    first: Ref
    second: Ref
    why: str


@dataclass(frozen=True)
class ForcedSplit:
    """A person's decision that the mentions of ``entity`` in ``articles`` are someone else."""

    entity: Ref
    articles: tuple[str, ...]
    why: str


Override = ForcedMerge | ForcedSplit


@dataclass
class Resolution:
    entities: list[Entity]
    possible_duplicates: list[PossibleDuplicate]
    _by_mention: dict[Mention, Entity]

    def entity_of(self, mention: Mention) -> Entity:
        return self._by_mention[mention]

    def get(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def of_kind(self, kind: Kind) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def find(self, kind: Kind, name: str, article: str) -> Entity | None:
        """The entity a name written in ``article`` stands for, if it was resolved."""
        key = name_key(name)
        for mention, entity in self._by_mention.items():
            if mention.kind == kind and mention.article == article and name_key(mention.name) == key:
                return entity
        return None


# --- keys ------------------------------------------------------------------------------


def person_key(name: str) -> str:
    """A person's name folded: script, width, case, spacing; any middle dot is ``·``."""
    return _DOTS.sub("·", name_key(name))


def org_key(name: str) -> str:
    """An organization's name folded, with long forms written as their abbreviation."""
    key = name_key(name)
    for long, short in ORG_ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def is_generic(name: str) -> bool:
    """A class of bodies, a pronoun or a placeholder (各行业协会, 相关部门, 双方, 未注明), not one organization."""
    key = name_key(name)
    return key.startswith(_GENERIC_STARTS) or any(word in key for word in ORG_CLASS_WORDS)


def _bare_level(key: str) -> bool:
    """A name that starts with an administrative level and no place (市工商联)."""
    return len(key) > 1 and key[0] in _LEVELS


def _places(keys: Iterable[str], level: str) -> set[str]:
    """Places of ``level`` named at the start of organization names (东莞市… -> 东莞市)."""
    found = set()
    for key in keys:
        match = re.match(rf"^(.{{2,4}}?{level})", key)
        if match and not _bare_level(key) and match.group(1)[0] not in _LEVELS:
            found.add(match.group(1))
    return found


def report_mentions(report: Report, article: str) -> tuple[list[Mention], dict[int, list[Mention]]]:
    """A report's people and organizations as mentions of ``article``, and the mentions
    each commitment's actor makes (by commitment number, from 1): a consensus actor
    ("A; B") names each party; a part that is a participant's name (or ends with one, as
    in 会长甄某某) is that person, any other part an organization."""
    people = [
        Mention("person", p.name, article, organization=p.organization, title=p.title, role=p.role)
        for p in report.participants
    ]
    orgs = [Mention("organization", name, article, role="organizer") for name in report.meeting.organizers]
    orgs += [Mention("organization", o.name, article) for o in report.organizations]
    by_key = {person_key(m.name): m for m in people}
    actors: dict[int, list[Mention]] = {}
    for number, commitment in enumerate(report.commitments, 1):
        found = []
        for part in (p.strip() for p in _ACTOR_SEPARATORS.split(commitment.actor)):
            if not part:
                continue
            key = person_key(part)
            person = by_key.get(key) or next((m for k, m in by_key.items() if len(k) >= 2 and key.endswith(k)), None)
            found.append(person or Mention("organization", part, article))
        actors[number] = found
    return people + orgs + [m for ms in actors.values() for m in ms], actors


# --- resolution ------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_mention: dict[Mention, Entity] = {}
        self.replaced: dict[int, Entity] = {}  # by id(): an entity merged away, and where it went

    def new(self, kind: Kind, key: str, mention: Mention) -> Entity:
        entity = Entity("", kind, key)  # numbered once every merge is done
        self.entities.append(entity)
        self.add(entity, mention, None)
        return entity

    def add(self, entity: Entity, mention: Mention, reason: str | None) -> None:
        if mention in self.by_mention:
            return
        repeated = any(m.article == mention.article and name_key(m.name) == name_key(mention.name) for m in entity.mentions)
        entity.mentions.append(mention)
        self.by_mention[mention] = entity
        if reason and not repeated:  # the same name again in one article needs no reason
            entity.merges.append(Merge(mention, reason))


    def find(self, ref: Ref) -> Entity | None:
        fold = person_key if ref.kind == "person" else org_key
        key = fold(ref.name)
        return next((
            e for m, e in self.by_mention.items()
            if m.kind == ref.kind and m.article == ref.article and fold(m.name) == key
        ), None)

    def merge(self, target: Entity, other: Entity, reason: str) -> None:
        """Every mention of ``other`` joins ``target``; ``other`` is gone."""
        for mention in other.mentions:
            self.by_mention[mention] = target
            target.mentions.append(mention)
            target.merges.append(Merge(mention, reason))
        self.entities.remove(other)
        self.replaced[id(other)] = target

    def split(self, entity: Entity, articles: set[str], reason: str) -> None:
        """The mentions of ``entity`` in ``articles`` leave it for an entity of their own."""
        leaving = [m for m in entity.mentions if m.article in articles]
        if not leaving or len(leaving) == len(entity.mentions):
            return
        entity.mentions = [m for m in entity.mentions if m.article not in articles]
        entity.merges = [m for m in entity.merges if m.mention.article not in articles]
        apart = Entity("", entity.kind, entity.key, merges=[Merge(leaving[0], reason)])
        self.entities.insert(self.entities.index(entity) + 1, apart)
        for mention in leaving:
            apart.mentions.append(mention)
            self.by_mention[mention] = apart

    def current(self, entity: Entity) -> Entity:
        while id(entity) in self.replaced:
            entity = self.replaced[id(entity)]
        return entity

    def apply(self, overrides: Iterable[Override], kind: Kind) -> None:
        """The person's decisions about ``kind``, in order; one naming no known mention is skipped."""
        for override in overrides:
            if isinstance(override, ForcedMerge) and override.first.kind == kind:
                first, second = self.find(override.first), self.find(override.second)
                if first is not None and second is not None and first is not second:
                    self.merge(first, second, f"merged by hand: {override.why}")
            elif isinstance(override, ForcedSplit) and override.entity.kind == kind:
                entity = self.find(override.entity)
                if entity is not None:
                    self.split(entity, set(override.articles), f"split off by hand: {override.why}")


def _same_name_reason(mention: Mention, entity: Entity) -> str:
    written = entity.names
    if mention.name in written:
        return f"same name {mention.name}"
    return f"same name after script, width and spacing folding ({mention.name} = {written[0]})"


def _org_reason(mention: Mention, entity: Entity) -> str:
    if name_key(mention.name) in {name_key(n) for n in entity.names}:
        return _same_name_reason(mention, entity)
    return f"same organization by its abbreviation ({mention.name} = {entity.names[0]})"


def _resolve_organizations(mentions: list[Mention], builder: _Builder) -> None:
    by_article: dict[str, list[str]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article].append(org_key(mention.name))
    keyed: dict[str, Entity] = {}
    local: dict[tuple[str, str], Entity] = {}
    for mention in mentions:
        key = org_key(mention.name)
        reason_prefix = ""
        if _bare_level(key):
            places = _places(by_article[mention.article], key[0])
            if len(places) == 1:
                place = places.pop()
                reason_prefix = f"{mention.name} read as {place}{key[1:]} (the one {key[0]} its article names); "
                key = place + key[1:]
        if is_generic(mention.name) or _bare_level(key):
            entity = local.get((mention.article, key))
            if entity is None:
                local[(mention.article, key)] = builder.new("organization", key, mention)
            else:
                builder.add(entity, mention, None)
            continue
        entity = keyed.get(key)
        if entity is None:
            keyed[key] = builder.new("organization", key, mention)
            if reason_prefix:
                keyed[key].merges.append(Merge(mention, reason_prefix.rstrip("; ")))
        else:
            builder.add(entity, mention, reason_prefix + _org_reason(mention, entity))
    _merge_place_prefixes(keyed, builder)


def _merge_place_prefixes(keyed: dict[str, Entity], builder: _Builder) -> None:
    """东莞市松山湖产业发展局 = 松山湖产业发展局 when the shorter name is long enough to be
    specific and only one prefixed name ends with it (two cities' 商务局 stay apart)."""
    for short_key, short in list(keyed.items()):
        if len(short_key) < MIN_BARE_NAME:
            continue
        longer = [
            (k, e) for k, e in keyed.items()
            if k != short_key and k.endswith(short_key) and e is not short
            and re.fullmatch(rf"[^{_LEVELS}].{{0,5}}[{_LEVELS}]", k[: -len(short_key)])
        ]
        if len({id(e) for _, e in longer}) != 1:
            continue
        long_key, target = longer[0]
        for mention in short.mentions:
            builder.by_mention[mention] = target
            target.mentions.append(mention)
            target.merges.append(Merge(mention, f"{mention.name} is {target.names[0]} without its place prefix"))
        builder.entities.remove(short)
        keyed[short_key] = target


def _resolve_people(
    mentions: list[Mention], builder: _Builder, org_of: dict[tuple[str, str], Entity]
) -> list[tuple[Entity, Entity, str]]:
    """People by name, kept apart when their organizations disagree; the pairs kept apart."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[person_key(mention.name)].append(mention)
    duplicates: list[tuple[Entity, Entity, str]] = []
    for key, group in groups.items():
        # First the mentions that name an organization, grouped by its entity; then the rest.
        by_org: dict[int, Entity] = {}  # by the organization entity's identity (ids come last)
        for mention in group:
            org = org_of.get((mention.article, org_key(mention.organization))) if mention.organization else None
            if org is None:
                continue
            entity = by_org.get(id(org))
            if entity is None:
                by_org[id(org)] = builder.new("person", key, mention)
            else:
                builder.add(entity, mention, f"{_same_name_reason(mention, entity)} and the same organization ({org.name})")
        people = list(by_org.values())
        for mention in group:
            if mention in builder.by_mention:
                continue
            if len(people) == 1:
                builder.add(people[0], mention, f"{_same_name_reason(mention, people[0])}; no other organization given")
            elif not people:
                people.append(builder.new("person", key, mention))
            else:
                builder.new("person", key, mention)  # which one is it? keep it apart
        apart = [e for e in builder.entities if e.kind == "person" and e.key == key]
        for i, first in enumerate(apart):
            for second in apart[i + 1 :]:
                duplicates.append((
                    first, second,
                    f"both named {first.name}, in {_orgs_of(first, org_of)} and {_orgs_of(second, org_of)}; kept apart",
                ))
    return duplicates


def _orgs_of(person: Entity, org_of: dict[tuple[str, str], Entity]) -> str:
    names = [
        org_of[(m.article, org_key(m.organization))].name
        for m in person.mentions if m.organization and (m.article, org_key(m.organization)) in org_of
    ]
    return "、".join(dict.fromkeys(names)) or "no organization given"


def resolve(mentions: Iterable[Mention], overrides: Iterable[Override] = ()) -> Resolution:
    """Entities for ``mentions``; a person's organization, as written, is resolved too;
    ``overrides`` (a person's merges and splits) are applied in their order.

    Deterministic: the same mentions and overrides in the same order give the same ids.
    """
    overrides = list(overrides)
    mentions = list(dict.fromkeys(mentions))
    people = [m for m in mentions if m.kind == "person"]
    orgs = [m for m in mentions if m.kind == "organization"]
    known = {(m.article, org_key(m.name)) for m in orgs}
    orgs += [  # a person's organization is an organization mention of that article too
        Mention("organization", m.organization, m.article)
        for m in people if m.organization and (m.article, org_key(m.organization)) not in known
    ]
    orgs = list(dict.fromkeys(orgs))
    builder = _Builder()
    _resolve_organizations(orgs, builder)
    builder.apply(overrides, "organization")
    org_of = {(m.article, org_key(m.name)): builder.by_mention[m] for m in orgs}
    pairs = _resolve_people(people, builder, org_of)
    builder.apply(overrides, "person")
    pairs = [(builder.current(a), builder.current(b), reason) for a, b, reason in pairs]
    pairs = [(a, b, reason) for a, b, reason in pairs if a is not b]
    for kind, letter in (("organization", "O"), ("person", "P")):  # ids without the gaps merges left
        for number, entity in enumerate((e for e in builder.entities if e.kind == kind), 1):
            entity.id = f"{letter}{number}"
    duplicates = [PossibleDuplicate(first.id, second.id, reason) for first, second, reason in pairs]
    return Resolution(builder.entities, duplicates, builder.by_mention)
