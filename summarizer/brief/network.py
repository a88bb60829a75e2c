"""Who met whom, as a picture: events, the organizations at each, and their people.

Each article's event is a hub; the organizations that took part hang from it and their
people from them (a person whose organization is not drawn hangs from the event). An
organization or person named in several articles is one node between their events, so
the picture shows at a glance who met whom across the brief. The layout is a
force-directed one (Fruchterman-Reingold, deterministic); the SVG goes through a jinja2
template with autoescape, the PNG for Word is drawn with Pillow.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from pypinyin import lazy_pinyin

from summarizer.brief.model import Brief
from summarizer.identity import Entity, is_generic
from summarizer.render import name_pinyin, visible

MAX_ORGANIZATIONS = 6  # per event, the most relevant first; fewer when there are many events
MAX_PEOPLE = 5
KEY_ROLES = ("host", "chair", "signatory", "delegation_lead", "receiver", "speaker")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
WIDTH, HEIGHT, MARGIN = 1100, 720, 70
SMALL = 24  # nodes
LABEL_CHARS = 14


@dataclass
class Node:
    id: str
    kind: str  # event | organization | person
    label: str
    color: str
    shared: bool = False  # named in more than one article
    x: float = 0.0
    y: float = 0.0


@dataclass
class Edge:
    source: str
    target: str
    color: str


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    hidden: int = 0  # entities left out to keep the picture readable

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def lines(self) -> list[tuple[Node, Node, str]]:
        by_id = {n.id: n for n in self.nodes}
        return [(by_id[e.source], by_id[e.target], e.color) for e in self.edges]


def _short(text: str) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _ranked_people(entities: list[tuple[Entity, str | None]], actors: set[str]) -> list[Entity]:
    def rank(item: tuple[Entity, str | None]) -> tuple[int, int, int]:
        entity, role = item
        return (-len(entity.articles), KEY_ROLES.index(role) if role in KEY_ROLES else len(KEY_ROLES),
                0 if entity.id in actors else 1)
    return [e for e, _ in sorted(entities, key=rank)]


def build_network(brief: Brief) -> Network:
    """The graph of the brief's events and who took part, with a layout."""
    network = Network()
    resolution = brief.resolution
    actors = {a.entity_id for a in brief.by_actor}
    added: set[str] = set()
    pinyin = brief.language == "en"
    for index, article in enumerate(brief.timeline):
        color = PALETTE[index % len(PALETTE)]
        event = f"E-{article.ref}"
        label = f"{article.ref} {article.date or ''}".strip()
        network.nodes.append(Node(event, "event", label, color))
        orgs: dict[str, tuple[Entity, bool]] = {}
        people: list[tuple[Entity, str | None]] = []
        for entity in resolution.entities:
            mentions = [m for m in entity.mentions if m.article == article.ref]
            if not mentions or (entity.kind == "organization" and is_generic(entity.name)):
                continue
            if entity.kind == "organization":
                orgs[entity.id] = (entity, any(m.role == "organizer" for m in mentions))
            else:
                people.append((entity, next((m.role for m in mentions if m.role), None)))
        ranked_orgs = sorted(orgs.values(), key=lambda item: (-len(item[0].articles), not item[1]))
        crowd = len(brief.timeline) // 5  # a week of 30 articles: two organizations and one person each
        shown_orgs = [e for e, _ in ranked_orgs[: max(2, MAX_ORGANIZATIONS - crowd)]]
        shown_people = _ranked_people(people, actors)[: max(1, MAX_PEOPLE - crowd)]
        network.hidden += len(orgs) - len(shown_orgs) + len(people) - len(shown_people)
        shown_ids = {e.id for e in shown_orgs}
        for entity in shown_orgs + shown_people:
            if entity.id not in added:
                added.add(entity.id)
                text = _short(entity.name)
                if pinyin and entity.kind == "person":
                    text = f"{text} {name_pinyin(entity.name) or ''}".strip()
                network.nodes.append(Node(entity.id, entity.kind, text, color, len(entity.articles) > 1))
        for entity in shown_orgs:
            network.edges.append(Edge(event, entity.id, color))
        for entity in shown_people:
            mention = next(m for m in entity.mentions if m.article == article.ref)
            org = resolution.find("organization", mention.organization, article.ref) if mention.organization else None
            target = org.id if org and org.id in shown_ids else event
            network.edges.append(Edge(target, entity.id, color))
    if len(network.nodes) > 80:  # more room, so that labels do not pile up
        network.height = min(1600, int(HEIGHT * len(network.nodes) / 80))
    elif len(network.nodes) <= SMALL:  # a brief of one or two meetings: a smaller picture
        network.width, network.height = 900, 480
    _layout(network)
    return network


def _layout(network: Network, iterations: int = 400) -> None:
    """Fruchterman-Reingold on a unit square, started from a deterministic spiral, then
    scaled into the picture's box leaving room for labels."""
    count = len(network.nodes)
    if count == 0:
        return
    index = {n.id: i for i, n in enumerate(network.nodes)}
    events = [i for i, n in enumerate(network.nodes) if n.kind == "event"]
    positions = np.zeros((count, 2))
    golden = math.pi * (3 - math.sqrt(5))
    for i in range(count):
        radius = 0.5 * math.sqrt((i + 0.5) / count)
        positions[i] = (0.5 + radius * math.cos(i * golden), 0.5 + radius * math.sin(i * golden))
    for rank, i in enumerate(events):  # the hubs start spread on a circle
        angle = 2 * math.pi * rank / max(len(events), 1)
        positions[i] = (0.5 + 0.35 * math.cos(angle), 0.5 + 0.35 * math.sin(angle)) if len(events) > 1 else (0.5, 0.5)
    pairs = np.array([(index[e.source], index[e.target]) for e in network.edges], dtype=int).reshape(-1, 2)
    k = 1.1 * math.sqrt(1.0 / count)
    temperature = 0.1
    for _ in range(iterations):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 0.01)
        displacement = (delta / distance[..., None] * (k * k / distance)[..., None]).sum(axis=1)
        if len(pairs):
            edge = positions[pairs[:, 0]] - positions[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(edge, axis=1), 0.01)
            pull = edge / length[:, None] * (length * length / k)[:, None]
            np.add.at(displacement, pairs[:, 0], -pull)
            np.add.at(displacement, pairs[:, 1], pull)
        displacement += (0.5 - positions) * 0.05 * count  # a little gravity keeps parts together
        size = np.maximum(np.linalg.norm(displacement, axis=1), 1e-9)
        positions += displacement / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    low, high = positions.min(axis=0), positions.max(axis=0)
    span = np.where(high - low < 1e-9, 1.0, high - low)
    scaled = (positions - low) / span
    for node, (x, y) in zip(network.nodes, scaled):
        node.x = MARGIN + x * (network.width - 2 * MARGIN)
        node.y = MARGIN * 0.6 + y * (network.height - 1.6 * MARGIN)
    _spread_labels(network)


def _text_width(label: str, size: float = 12) -> float:
    """About how wide a label is drawn: a Han character is a full em, Latin about half."""
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in label)


def _spread_labels(network: Network, rounds: int = 80) -> None:
    """Push apart nodes whose label boxes overlap (labels are wide, the force layout
    treats nodes as points), along the axis that needs the smaller move."""
    boxes = np.array([
        (_text_width(n.label, 13) + 16, 28.0) if n.kind == "event" else (_text_width(n.label) + 6, 36.0)
        for n in network.nodes
    ])
    centre = np.array([(n.x, n.y + (0 if n.kind == "event" else 10)) for n in network.nodes])
    low, high = boxes / 2 + 4, np.array([network.width, network.height]) - boxes / 2 - 4
    for _ in range(rounds):
        gap = centre[:, None, :] - centre[None, :, :]
        overlap = (boxes[:, None, :] + boxes[None, :, :]) / 2 - np.abs(gap)
        np.fill_diagonal(overlap[..., 0], 0)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        if not clash.any():
            break
        axis = (overlap[..., 1] < overlap[..., 0]).astype(int)  # 1: move vertically
        direction = np.sign(np.where(gap == 0, 1e-3 * (np.arange(len(centre))[:, None, None] % 2 - 0.5), gap))
        push = np.zeros_like(gap)
        rows, cols = np.nonzero(clash)
        picked = axis[rows, cols]
        sign = direction[rows, cols, picked]
        push[rows, cols, picked] = (overlap[rows, cols, picked] / 2 + 0.5) * sign
        centre = np.clip(centre + push.sum(axis=1), low, high)
    for node, (x, y) in zip(network.nodes, centre):
        node.x = round(float(x), 1)
        node.y = round(float(y - (0 if node.kind == "event" else 10)), 1)


# --- PNG -----------------------------------------------------------------------------

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, int] | None:
    """A font file (and face index) that has Chinese glyphs, or None when none is found."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}|%{index}", "sans-serif:lang=zh-cn"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        path, _, face = found.partition("|")
        if path and Path(path).is_file() and _has_han(path, int(face or 0)):
            return path, int(face or 0)
    for path in FONT_PATHS:
        if Path(path).is_file() and _has_han(path, 0):
            return path, 0
    return None


def _has_han(path: str, face: int) -> bool:
    from PIL import ImageFont

    try:
        font = ImageFont.truetype(path, 16, index=face)
    except OSError:
        return False
    return font.getmask("会").getbbox() is not None


def _latin(label: str) -> str:
    """A label without Han characters, for a machine with no Chinese font: the pinyin it
    holds already (a person's in English output), else the pinyin of its Han characters."""
    latin = "".join(c for c in label if ord(c) < 0x2E80).strip()
    return latin if re.search("[A-Za-z]", latin) else " ".join(lazy_pinyin(label))


def to_png(network: Network, scale: float = 2.0) -> bytes:
    """The network as a PNG (drawn at ``scale`` for sharp print)."""
    from PIL import Image, ImageDraw, ImageFont

    found = cjk_font()
    def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if found:
            return ImageFont.truetype(found[0], int(size * scale), index=found[1])
        return ImageFont.load_default(size=int(size * scale))
    small, bold = font(12), font(13)
    image = Image.new("RGB", (int(network.width * scale), int(network.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    for a, b, color in network.lines():
        draw.line([(a.x * scale, a.y * scale), (b.x * scale, b.y * scale)], fill=color, width=int(1.5 * scale))
    for node in network.nodes:
        x, y, label = node.x * scale, node.y * scale, node.label if found else _latin(node.label)
        if node.kind == "event":
            box = draw.textbbox((0, 0), label, font=bold)
            w, h = (box[2] - box[0]) / 2 + 8 * scale, (box[3] - box[1]) / 2 + 6 * scale
            draw.rounded_rectangle([x - w, y - h, x + w, y + h], radius=5 * scale, fill=node.color)
            draw.text((x, y), label, font=bold, fill="white", anchor="mm")
            continue
        radius = (9 if node.kind == "organization" else 6) * scale
        outline = "#222222" if node.shared else node.color
        shape = [x - radius, y - radius, x + radius, y + radius]
        if node.kind == "organization":
            draw.rectangle(shape, fill="white", outline=outline, width=int((3 if node.shared else 2) * scale))
        else:
            draw.ellipse(shape, fill=node.color, outline=outline, width=int((3 if node.shared else 1) * scale))
        draw.text((x, y + radius + 2 * scale), label, font=bold if node.shared else small, fill="#222222", anchor="ma")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
