"""HR positions into the org graph: a Post per position, holding its role, in its unit, reporting to a post.

Descriptions say how a role is meant to report; the HR system says who actually reports to whom. Posts
keep the two side by side: each post links to the described role of its job class (matched by class code,
then by title), so `orgkg check` can compare the HR reporting line with the described one
(analysis/positions.py). Every post fact carries the file and row it came from as evidence.
"""

from __future__ import annotations

from pathlib import Path

from orgkg.loaders.positions import Position, PositionTable
from orgkg.ontology.schema import HOLDS_ROLE, POST, POST_IN, REPORTS_TO, ROLE, UNIT

from .ids import canonical, slug
from .orggraph import OrgGraph


def post_id(position_id: str) -> str:
    """>>> post_id("P-100")
    'post:p-100'
    """
    return f"{POST.lower()}:{slug(position_id)}"


def add_posts(g: OrgGraph, table: PositionTable) -> dict[str, int]:
    """Add the table's posts to `g`; returns counts (posts, linked to a described role by code or by title).

    >>> from orgkg.loaders.positions import read_positions
    >>> g = OrgGraph(); add_posts(g, read_positions("orgkg/sample_positions/positions.csv"))["posts"] > 0
    True
    """
    codes = _roles_by_code(g)
    counts = {"posts": 0, "by_code": 0, "by_title": 0, "new_roles": 0}
    for p in table.positions:
        pid = post_id(p.id)
        g.add_node(POST, f"{p.title} [{p.id}]", nid=pid, position_id=p.id, title=p.title, class_code=p.class_code,
                   unit=p.unit, source=table.name, row=p.row)
        counts["posts"] += 1
        ev = _evidence(table, p)
        role, how = _role_of(g, p, codes)
        counts[how] += 1
        g.add_edge(pid, role, HOLDS_ROLE, ev)
        if p.unit:
            g.add_edge(pid, g.add_node(UNIT, p.unit), POST_IN, ev)
    for p in table.positions:
        if p.manager:
            g.add_edge(post_id(p.id), post_id(p.manager), REPORTS_TO, _evidence(table, p))
    return counts


def add_posts_to_file(path: str | Path, table: PositionTable, problems: list[str]) -> dict:
    """add_posts on the graph saved at `path`, saved again; returns the graph's new summary. A post whose
    job class matches no described role gets a role of its own title (undescribed), said in `problems`."""
    g = OrgGraph.load(path)
    counts = add_posts(g, table)
    if counts["new_roles"]:
        problems.append(f"{table.name}: {counts['new_roles']} post(s) match no described role by job code or title; "
                        "linked to undescribed roles of their titles")
    g.save(path)
    return g.summary()


def _evidence(table: PositionTable, p: Position) -> dict:
    return {"doc": table.name, "section": None, "text": p.text, "start": 0, "end": len(p.text),
            "rule": "hr-positions", "locator": f"row {p.row}"}


def _roles_by_code(g: OrgGraph) -> dict[str, str]:
    """Described roles by class code, codes compared without case, spaces or leading zeros."""
    out: dict[str, str] = {}
    for nid, d in g.g.nodes(data=True):
        if d.get("type") == ROLE and d.get("code") and d.get("described"):
            out.setdefault(_code_key(d["code"]), nid)
    return out


def _code_key(code: str) -> str:
    return "".join(str(code).split()).upper().lstrip("0")


def _role_of(g: OrgGraph, p: Position, codes: dict[str, str]) -> tuple[str, str]:
    """The role node of the post's job class and how it was found: by_code, by_title or new_roles."""
    if p.class_code and _code_key(p.class_code) in codes:
        return codes[_code_key(p.class_code)], "by_code"
    hits = [m for m in g.find(p.title, (ROLE,)) if canonical(m.name) == canonical(p.title) or m.how != "fuzzy"]
    described = [m for m in hits if g.g.nodes[m.id].get("described")]
    if described or hits:
        return (described or hits)[0].id, "by_title"
    return g.add_node(ROLE, p.title, described=False, code=p.class_code), "new_roles"


def hr_reporting(g: OrgGraph, role: str) -> list[tuple[str, str, str | None, dict | None]]:
    """(post, the post it reports to, that post's role, the HR row's evidence) for each post holding `role`."""
    G = g.g
    out = []
    for post, _, k in G.in_edges(role, keys=True):
        if k != HOLDS_ROLE:
            continue
        for _, boss, k2, data in G.out_edges(post, keys=True, data=True):
            if k2 == REPORTS_TO:
                boss_role = next((v for _, v, k3 in G.out_edges(boss, keys=True) if k3 == HOLDS_ROLE), None)
                ev = (data.get("evidence") or [None])[0]
                out.append((G.nodes[post]["name"], G.nodes[boss]["name"],
                            G.nodes[boss_role]["name"] if boss_role else None, ev))
    return sorted(out, key=lambda t: t[0])
