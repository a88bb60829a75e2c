"""Scoring of one predicted report against one golden file, and aggregation.

Pure functions: no I/O, no model calls. Both sides are dicts in the shape fixed by
CONTRACT.md (the golden file additionally has ``id``, ``text`` and ``not_participants``).

Every comparison is script- and width-insensitive: strings go through ``clean_text``
(drops pinyin annotations and HTML remnants) and then ``fold``/``name_key``.

List fields are matched one-to-one with an optimal assignment that first maximises the
number of matched pairs and only then their total similarity. A greedy "best pair
first" matching can lose pairs that an optimal assignment keeps, which would penalise
a prediction for the order in which pairs happen to be considered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
import re
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable

import numpy as np
from scipy.optimize import linear_sum_assignment

from summarizer.clean import clean_text
from summarizer.normalize import fold, name_key
from summarizer.schema import Meeting
from summarizer.schema import Report as ReportModel
from summarizer.summary.checks import LEAD_COPY, coverage, is_complete, lead_similarity, summary_entities

ORG_THRESHOLD = 0.8
"""Organization names match when their similarity reaches this value."""

CONTAINMENT_SIMILARITY = 0.9
"""Similarity given when one organization key contains the other (shorter >= 4 chars)."""

CONTAINMENT_MIN_CHARS = 4

COMMITMENT_THRESHOLD = 0.5
"""Commitments match when their evidence overlap reaches this value."""

_MAX_OCCURRENCES = 50
"""Cap on the places one evidence is looked up at, so that tiny quotes stay cheap."""

Report = dict[str, Any]


# --------------------------------------------------------------------------- results


@dataclass
class FieldScore:
    """Counts of one list field of one article, with the unmatched items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class CommitmentScore(FieldScore):
    """Commitment counts plus strength agreement among the matched pairs."""

    strength_correct: int = 0
    strength_total: int = 0
    pairs: list[tuple[Any, Any]] = field(default_factory=list, repr=False)

    @property
    def strength_accuracy(self) -> float | None:
        """None when no pair matched: there is nothing to be right or wrong about."""
        if not self.strength_total:
            return None
        return self.strength_correct / self.strength_total

    def to_dict(self) -> dict[str, Any]:
        data = {**super().to_dict(), "strength_accuracy": self.strength_accuracy}
        data.pop("pairs", None)
        return data


@dataclass
class AttributeScore:
    """How often an attribute of matched pairs is right (title, organization, actor)."""

    correct: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, right: bool, detail: str) -> None:
        self.total += 1
        self.correct += right
        if not right:
            self.wrong.append(detail)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy, "wrong": list(self.wrong)}


@dataclass
class FieldCheck:
    """One scalar field: gold value, predicted value, and whether they agree."""

    gold: Any
    predicted: Any
    correct: bool


@dataclass
class SummaryScore:
    """What a reader can trust in one summary (``summarizer.summary.checks`` decides)."""

    length: int
    complete: bool
    entities: list[dict[str, Any]]
    similarity: float
    covered: int
    wanted: int

    @property
    def ungrounded(self) -> list[str]:
        return [e["text"] for e in self.entities if not e["grounded"]]

    @property
    def lead_copy(self) -> bool:
        return self.similarity > LEAD_COPY

    def to_dict(self) -> dict[str, Any]:
        return {
            "length": self.length, "complete": self.complete, "entities": self.entities, "ungrounded": self.ungrounded,
            "similarity": round(self.similarity, 3), "lead_copy": self.lead_copy,
            "coverage": {"covered": self.covered, "wanted": self.wanted},
        }


@dataclass
class ArticleScore:
    """Everything measured on one article."""

    id: str | None
    gold_is_meeting_report: bool
    is_meeting_report: FieldCheck
    date: FieldCheck
    kind: FieldCheck
    location: FieldCheck
    participants: FieldScore
    organizations: FieldScore
    commitments: CommitmentScore
    organizers: FieldScore = field(default_factory=FieldScore)
    participant_title: AttributeScore = field(default_factory=AttributeScore)
    participant_organization: AttributeScore = field(default_factory=AttributeScore)
    commitment_actor: AttributeScore = field(default_factory=AttributeScore)
    byline_leaks: int = 0
    leaked_names: list[str] = field(default_factory=list)
    grounded: int = 0
    grounding_total: int = 0
    ungrounded: list[str] = field(default_factory=list)
    summary: SummaryScore | None = None
    summary_missing: bool = False

    @property
    def grounding_rate(self) -> float:
        return _ratio(self.grounded, self.grounding_total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "gold_is_meeting_report": self.gold_is_meeting_report,
            "is_meeting_report": asdict(self.is_meeting_report),
            "date": asdict(self.date),
            "kind": asdict(self.kind),
            "location": asdict(self.location),
            "participants": self.participants.to_dict(),
            "organizations": self.organizations.to_dict(),
            "commitments": self.commitments.to_dict(),
            "organizers": self.organizers.to_dict(),
            "participant_title": self.participant_title.to_dict(),
            "participant_organization": self.participant_organization.to_dict(),
            "commitment_actor": self.commitment_actor.to_dict(),
            "byline_leaks": self.byline_leaks,
            "leaked_names": list(self.leaked_names),
            "grounded": self.grounded,
            "grounding_total": self.grounding_total,
            "grounding_rate": self.grounding_rate,
            "ungrounded": list(self.ungrounded),
            "summary": self.summary.to_dict() if self.summary else None,
            "summary_missing": self.summary_missing,
        }


# --------------------------------------------------------------------------- helpers


def _ratio(part: int, whole: int) -> float:
    """part / whole with 0/0 -> 1.0 (nothing predicted means nothing wrong)."""
    return part / whole if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _blank_to_none(value: Any) -> str | None:
    text = _text(value)
    return text if text.strip() else None


def _key(value: Any) -> str:
    """Name key of a cleaned string; empty for None."""
    return name_key(clean_text(_text(value)))


def _folded(value: Any) -> str:
    return fold(clean_text(_text(value)))


def _items(report: Report, name: str) -> list[Any]:
    value = report.get(name)
    return list(value) if isinstance(value, list) else []


def _attribute(item: Any, name: str) -> str:
    """``item[name]`` as a string; a bare string item stands for its own name."""
    if isinstance(item, dict):
        return _text(item.get(name))
    return _text(item) if name == "name" else ""


def _meeting(report: Report) -> dict[str, Any]:
    meeting = report.get("meeting")
    return meeting if isinstance(meeting, dict) else {}


# --------------------------------------------------------------------------- matching


def assign(similarity: np.ndarray, allowed: np.ndarray) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs ``(gold_index, predicted_index)`` among allowed ones.

    Maximises the number of pairs first, then their total similarity (values in
    [0, 1]): each allowed pair weighs 1 + similarity / (k + 1), k = the most pairs
    possible, so no gain in similarity can pay for a lost pair.
    """
    if similarity.size == 0:
        return []
    bonus = 1.0 / (min(similarity.shape) + 1)
    weight = np.where(allowed, 1.0 + np.clip(similarity, 0.0, 1.0) * bonus, 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if allowed[r, c]]


def _pair_matrix(
    gold: list[Any], predicted: list[Any], measure: Callable[[Any, Any], float]
) -> np.ndarray:
    matrix = np.zeros((len(gold), len(predicted)))
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            matrix[i, j] = measure(g, p)
    return matrix


def _field_score(
    gold: list[str], predicted: list[str], pairs: list[tuple[int, int]], score: FieldScore
) -> FieldScore:
    """Fill counts and unmatched lists of ``score`` from the matched ``pairs``."""
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    score.tp = len(pairs)
    score.fn = len(gold) - len(pairs)
    score.fp = len(predicted) - len(pairs)
    score.missed = [g for i, g in enumerate(gold) if i not in matched_gold]
    score.added = [p for j, p in enumerate(predicted) if j not in matched_pred]
    return score


# --------------------------------------------------------------------------- participants


def _participant_pairs(gold: Report, predicted: Report) -> list[tuple[int, int]]:
    """Matched (gold, predicted) participant indices: exact names after cleaning and folding."""
    gold_keys = [_key(_attribute(p, "name")) for p in _items(gold, "participants")]
    pred_keys = [_key(_attribute(p, "name")) for p in _items(predicted, "participants")]
    same = _pair_matrix(gold_keys, pred_keys, lambda g, p: float(bool(g) and g == p))
    return assign(same, same > 0)


def score_participants(gold: Report, predicted: Report) -> FieldScore:
    """Exact name matching after cleaning and folding (Traditional = Simplified)."""
    gold_names = [_attribute(p, "name") for p in _items(gold, "participants")]
    pred_names = [_attribute(p, "name") for p in _items(predicted, "participants")]
    return _field_score(gold_names, pred_names, _participant_pairs(gold, predicted), FieldScore())


def title_matches(gold: Any, predicted: Any) -> bool:
    """Same title after folding; a longer form containing the other counts when the
    shorter has 3+ characters (常务副会长 / 副会长 differ, 党组书记 / 党组书记、主席 agree)."""
    g, p = _key(gold), _key(predicted)
    if not g or not p:
        return not g and not p
    shorter, longer = sorted((g, p), key=len)
    return g == p or (len(shorter) >= 3 and shorter in longer)


def organization_matches(gold: Any, predicted: Any) -> bool:
    """The same organization (as organizations are matched), or both absent."""
    g, p = _key(gold), _key(predicted)
    if not g or not p:
        return not g and not p
    return key_similarity(g, p) >= ORG_THRESHOLD or (min(len(g), len(p)) >= 2 and (g in p or p in g))


def score_participant_attributes(gold: Report, predicted: Report) -> tuple[AttributeScore, AttributeScore]:
    """Title and organization accuracy over the matched participants."""
    titles, orgs = AttributeScore(), AttributeScore()
    gold_items, pred_items = _items(gold, "participants"), _items(predicted, "participants")
    for g, p in ((gold_items[i], pred_items[j]) for i, j in _participant_pairs(gold, predicted)):
        name = _attribute(g, "name")
        gt, pt = _blank_to_none(_attribute(g, "title")), _blank_to_none(_attribute(p, "title"))
        go, po = _blank_to_none(_attribute(g, "organization")), _blank_to_none(_attribute(p, "organization"))
        titles.add(title_matches(gt, pt), f"{name}: {gt} / {pt}")
        orgs.add(organization_matches(go, po), f"{name}: {go} / {po}")
    return titles, orgs


# --------------------------------------------------------------------------- organizations


def key_similarity(a: str, b: str) -> float:
    """Similarity of two name keys: SequenceMatcher ratio, raised for containment.

    Containment covers the common short form of a name ("模具行业协会" for
    "广州市模具行业协会"), which the plain ratio can score low when the prefix is long.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= CONTAINMENT_MIN_CHARS and shorter in longer:
        return max(ratio, CONTAINMENT_SIMILARITY)
    return ratio


def org_similarity(a: str, b: str) -> float:
    """Similarity of two organization names as written (cleaned and folded first)."""
    return key_similarity(_key(a), _key(b))


def score_organizations(gold: Report, predicted: Report) -> FieldScore:
    """Fuzzy one-to-one matching of organization names at ORG_THRESHOLD."""
    gold_names = [_attribute(o, "name") for o in _items(gold, "organizations")]
    pred_names = [_attribute(o, "name") for o in _items(predicted, "organizations")]
    similarity = _pair_matrix(
        [_key(n) for n in gold_names], [_key(n) for n in pred_names], key_similarity
    )
    pairs = assign(similarity, similarity >= ORG_THRESHOLD)
    return _field_score(gold_names, pred_names, pairs, FieldScore())


# --------------------------------------------------------------------------- commitments


def _occurrences(needle: str, haystack: str) -> list[int]:
    """Start indices of ``needle`` in ``haystack`` (overlapping, capped)."""
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1 and len(found) < _MAX_OCCURRENCES:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _longest_common_substring(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def _shared_characters(gold_ev: str, pred_ev: str, folded_text: str) -> int:
    """Characters of the article both quotes cover, or their longest common substring
    when either quote cannot be located in the article."""
    gold_starts = _occurrences(gold_ev, folded_text)
    pred_starts = _occurrences(pred_ev, folded_text)
    if not gold_starts or not pred_starts:
        return _longest_common_substring(gold_ev, pred_ev)
    return max(
        max(0, min(g + len(gold_ev), p + len(pred_ev)) - max(g, p))
        for g in gold_starts
        for p in pred_starts
    )


def evidence_overlap(gold_evidence: str, predicted_evidence: str, gold_text: str) -> float:
    """Shared characters / length of the shorter quote, both cleaned and folded.

    Dividing by the shorter quote lets a prediction that quotes only the decisive part
    of a longer gold quote (or a bit more than it) still match.
    """
    gold_ev, pred_ev = _folded(gold_evidence), _folded(predicted_evidence)
    return _folded_overlap(gold_ev, pred_ev, _folded(gold_text))


def _folded_overlap(gold_ev: str, pred_ev: str, folded_text: str) -> float:
    shorter = min(len(gold_ev), len(pred_ev))
    if not shorter:
        return 0.0
    return min(1.0, _shared_characters(gold_ev, pred_ev, folded_text) / shorter)


def _strength(item: Any) -> str:
    return _attribute(item, "strength").strip().lower()


def score_commitments(gold: Report, predicted: Report) -> CommitmentScore:
    """One-to-one matching by evidence overlap, plus strength agreement of the pairs."""
    gold_items = _items(gold, "commitments")
    pred_items = _items(predicted, "commitments")
    gold_quotes = [_attribute(c, "evidence") for c in gold_items]
    pred_quotes = [_attribute(c, "evidence") for c in pred_items]
    folded_text = _folded(gold.get("text"))
    overlap = _pair_matrix(
        [_folded(q) for q in gold_quotes],
        [_folded(q) for q in pred_quotes],
        lambda g, p: _folded_overlap(g, p, folded_text),
    )
    pairs = assign(overlap, overlap >= COMMITMENT_THRESHOLD)
    score = _field_score(gold_quotes, pred_quotes, pairs, CommitmentScore())
    score.strength_total = len(pairs)
    score.strength_correct = sum(
        1 for i, j in pairs if _strength(gold_items[i]) == _strength(pred_items[j])
    )
    score.pairs = [(gold_items[i], pred_items[j]) for i, j in pairs]
    return score


def _actor_parts(actor: Any) -> list[str]:
    return [part for part in (_key(p) for p in re.split(r"[;；、/]|和|与", _text(actor))) if part]


def actor_matches(gold: Any, predicted: Any) -> bool:
    """The actors name the same parties: every predicted party is one of the gold
    parties, and at least half of the gold parties are named (a person's name or an
    organization, matched as organizations are; a name inside a longer form counts)."""
    gold_parts, pred_parts = _actor_parts(gold), _actor_parts(predicted)
    if not gold_parts or not pred_parts:
        return not gold_parts and not pred_parts

    def same(a: str, b: str) -> bool:
        shorter, longer = sorted((a, b), key=len)
        return a == b or key_similarity(a, b) >= ORG_THRESHOLD or (len(shorter) >= 2 and shorter in longer)

    named = sum(any(same(g, p) for p in pred_parts) for g in gold_parts)
    return all(any(same(g, p) for g in gold_parts) for p in pred_parts) and named * 2 >= len(gold_parts)


def score_commitment_actors(commitments: CommitmentScore) -> AttributeScore:
    actors = AttributeScore()
    for g, p in commitments.pairs:
        ga, pa = _attribute(g, "actor"), _attribute(p, "actor")
        actors.add(actor_matches(ga, pa), f"{_attribute(g, 'evidence')[:20]}…: {ga} / {pa}")
    return actors


def score_organizers(gold: Report, predicted: Report) -> FieldScore:
    gold_names = [_text(n) for n in _meeting(gold).get("organizers") or []]
    pred_names = [_text(n) for n in _meeting(predicted).get("organizers") or []]
    similarity = _pair_matrix([_key(n) for n in gold_names], [_key(n) for n in pred_names], key_similarity)
    pairs = assign(similarity, similarity >= ORG_THRESHOLD)
    return _field_score(gold_names, pred_names, pairs, FieldScore())


# --------------------------------------------------------------------------- meeting fields


def _check_date(gold: Any, predicted: Any) -> FieldCheck:
    """Exact string equality; blank counts as null."""
    g, p = _blank_to_none(gold), _blank_to_none(predicted)
    return FieldCheck(gold=g, predicted=p, correct=g == p)


def _check_kind(gold: Any, predicted: Any) -> FieldCheck:
    g, p = _blank_to_none(gold), _blank_to_none(predicted)
    correct = (g is None and p is None) or (
        g is not None and p is not None and _key(g) == _key(p)
    )
    return FieldCheck(gold=g, predicted=p, correct=correct)


def _check_location(gold: Any, predicted: Any) -> FieldCheck:
    """Either key contains the other: "天河区" and "广州市天河区政府" both name the place."""
    g, p = _blank_to_none(gold), _blank_to_none(predicted)
    if g is None or p is None:
        return FieldCheck(gold=g, predicted=p, correct=g is None and p is None)
    gk, pk = _key(g), _key(p)
    return FieldCheck(gold=g, predicted=p, correct=bool(gk and pk) and (gk in pk or pk in gk))


def _check_is_meeting(gold: Report, predicted: Report) -> FieldCheck:
    g = bool(gold.get("is_meeting_report"))
    p = bool(predicted.get("is_meeting_report"))
    return FieldCheck(gold=g, predicted=p, correct=g == p)


# --------------------------------------------------------------------------- leaks, grounding


def _byline_leaks(gold: Report, predicted: Report) -> list[str]:
    """Predicted participant names that the golden file lists as not participants."""
    banned = {_key(n) for n in _items(gold, "not_participants")} - {""}
    names = [_attribute(p, "name") for p in _items(predicted, "participants")]
    return [n for n in names if _key(n) in banned]


def _predicted_strings(predicted: Report) -> Iterable[str]:
    """Every string that must be copied from the article verbatim."""
    for item in _items(predicted, "participants"):
        yield _attribute(item, "name")
    for item in _items(predicted, "organizations"):
        yield _attribute(item, "name")
    for item in _items(predicted, "commitments"):
        yield _attribute(item, "evidence")


def _ungrounded(gold: Report, predicted: Report) -> tuple[int, list[str]]:
    """Number of predicted strings checked, and those not found in the article.

    An empty string is counted as ungrounded: it quotes nothing.
    """
    folded_text = _folded(gold.get("text"))
    strings = list(_predicted_strings(predicted))
    missing = [s for s in strings if not _folded(s) or _folded(s) not in folded_text]
    return len(strings), missing


# --------------------------------------------------------------------------- summary


def _gold_facts(gold: Report) -> ReportModel:
    """The golden file's meeting facts as a report, the reference for coverage (what the
    summary should say, whatever the prediction found); facts that do not validate count
    as absent."""
    try:
        meeting = Meeting.model_validate(_meeting(gold))
    except ValueError:
        meeting = Meeting()
    return ReportModel(is_meeting_report=True, summary="", meeting=meeting)


def score_summary(predicted: Report, gold: Report) -> SummaryScore | None:
    """The summary checks on a predicted summary of a golden meeting report (None for a
    golden non-meeting or an empty summary): entities grounded in the article, whole
    sentences, similarity to the lead, and coverage of the golden date, place, kind and
    organizers."""
    text = _text(predicted.get("summary")).strip()
    if not gold.get("is_meeting_report") or not text:
        return None
    article = clean_text(_text(gold.get("text")))
    covered, wanted = coverage(text, _gold_facts(gold))
    return SummaryScore(
        length=len(text), complete=is_complete(text),
        entities=[{"kind": e.kind, "text": e.text, "grounded": e.grounded} for e in summary_entities(text, article)],
        similarity=lead_similarity(text, article), covered=covered, wanted=wanted,
    )


# --------------------------------------------------------------------------- article, aggregate


def score_article(predicted: Report, gold: Report) -> ArticleScore:
    """Score one predicted report against one golden file."""
    predicted = predicted if isinstance(predicted, dict) else {}
    gold_meeting, pred_meeting = _meeting(gold), _meeting(predicted)
    leaks = _byline_leaks(gold, predicted)
    total, ungrounded = _ungrounded(gold, predicted)
    commitments = score_commitments(gold, predicted)
    titles, orgs = score_participant_attributes(gold, predicted)
    return ArticleScore(
        id=_blank_to_none(gold.get("id")),
        gold_is_meeting_report=bool(gold.get("is_meeting_report")),
        is_meeting_report=_check_is_meeting(gold, predicted),
        date=_check_date(gold_meeting.get("date"), pred_meeting.get("date")),
        kind=_check_kind(gold_meeting.get("kind"), pred_meeting.get("kind")),
        location=_check_location(gold_meeting.get("location"), pred_meeting.get("location")),
        participants=score_participants(gold, predicted),
        organizations=score_organizations(gold, predicted),
        commitments=commitments,
        organizers=score_organizers(gold, predicted) if gold.get("is_meeting_report") else FieldScore(),
        participant_title=titles,
        participant_organization=orgs,
        commitment_actor=score_commitment_actors(commitments),
        byline_leaks=len(leaks),
        leaked_names=leaks,
        grounded=total - len(ungrounded),
        grounding_total=total,
        ungrounded=ungrounded,
        summary=score_summary(predicted, gold),
        summary_missing=bool(gold.get("is_meeting_report")) and not _text(predicted.get("summary")).strip(),
    )


LIST_FIELDS = ("participants", "organizations", "commitments")
MEETING_FIELDS = ("date", "kind", "location")
ATTRIBUTES = ("participant_title", "participant_organization", "commitment_actor")


def _micro(scores: list[ArticleScore], name: str) -> dict[str, float | int]:
    """Micro average: counts summed over articles before dividing."""
    tp = sum(getattr(s, name).tp for s in scores)
    fp = sum(getattr(s, name).fp for s in scores)
    fn = sum(getattr(s, name).fn for s in scores)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
    }


def _accuracy(correct: int, total: int) -> float | None:
    """None when there is nothing to measure (unlike precision, no convention helps)."""
    return correct / total if total else None


def aggregate(scores: list[ArticleScore]) -> dict[str, Any]:
    """Set-level numbers over many articles.

    List fields are micro-averaged (tp/fp/fn summed, then divided; 0/0 -> 1.0 for
    precision, recall and grounding rate). Date, kind and location accuracy count only
    articles whose gold ``is_meeting_report`` is true; an accuracy with nothing to
    measure is None.
    """
    result: dict[str, Any] = {"articles": len(scores)}
    for name in LIST_FIELDS:
        result[name] = _micro(scores, name)
    meetings = [s for s in scores if s.gold_is_meeting_report]
    result["meeting_articles"] = len(meetings)
    for name in MEETING_FIELDS:
        right = sum(getattr(s, name).correct for s in meetings)
        result[f"{name}_accuracy"] = _accuracy(right, len(meetings))
    right = sum(s.is_meeting_report.correct for s in scores)
    result["is_meeting_report_accuracy"] = _accuracy(right, len(scores))
    matched = sum(s.commitments.strength_total for s in scores)
    same = sum(s.commitments.strength_correct for s in scores)
    result["strength_matched"] = matched
    result["strength_accuracy"] = _accuracy(same, matched)
    result["organizers"] = _micro(scores, "organizers")
    for name in ATTRIBUTES:
        result[f"{name}_accuracy"] = _accuracy(
            sum(getattr(s, name).correct for s in scores), sum(getattr(s, name).total for s in scores)
        )
    result["byline_leaks"] = sum(s.byline_leaks for s in scores)
    grounded = sum(s.grounded for s in scores)
    checked = sum(s.grounding_total for s in scores)
    result["grounded"] = grounded
    result["grounding_total"] = checked
    result["grounding_rate"] = _ratio(grounded, checked)
    result["summaries"] = aggregate_summaries(scores)
    return result


def aggregate_summaries(scores: list[ArticleScore]) -> dict[str, Any]:
    """Summary numbers over the golden meeting reports that got a summary: rates of
    complete summaries and lead copies, grounded entities / all entities, covered facts /
    facts the golden reports have, length in characters; ``missing`` counts golden
    meeting reports left without a summary."""
    measured = [s.summary for s in scores if s.summary is not None]
    entities = sum(len(m.entities) for m in measured)
    grounded = sum(len(m.entities) - len(m.ungrounded) for m in measured)
    covered, wanted = sum(m.covered for m in measured), sum(m.wanted for m in measured)
    lengths = [m.length for m in measured]
    return {
        "articles": len(measured),
        "missing": sum(s.summary_missing for s in scores),
        "complete_rate": _accuracy(sum(m.complete for m in measured), len(measured)),
        "entities": entities,
        "grounded_entities": grounded,
        "grounded_entity_rate": _ratio(grounded, entities),
        "lead_copies": sum(m.lead_copy for m in measured),
        "lead_copy_rate": _accuracy(sum(m.lead_copy for m in measured), len(measured)),
        "covered": covered,
        "wanted": wanted,
        "coverage": _accuracy(covered, wanted),
        "length_mean": round(sum(lengths) / len(lengths), 1) if lengths else None,
        "length_max": max(lengths, default=None),
    }
