"""The one schema of orgkg: node types, edge types, their properties and IRIs.

Loaders, the graph, the RDF mapping, the Cypher mapping and the visualisation
all read these tables, so a type is added or renamed in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGKG = "https://orgkg.dev/ns#"
ORGKG_ID = "https://orgkg.dev/id/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "orgkg": ORGKG,
    "org": ORG,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "rdfs": RDFS,
    "xsd": XSD,
}

GRAPH_FORMAT = "orgkg-graph"
GRAPH_FORMAT_VERSION = 1


@dataclass(frozen=True)
class NodeType:
    name: str
    iri: str  # the project's own class
    aligned: tuple[str, ...]  # standard classes it is also typed as
    label: str
    comment: str
    color: str  # visualisation fill
    shape: str  # visualisation shape (vis-network / graphviz)
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class EdgeType:
    name: str
    iri: str
    label: str
    comment: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    aligned: tuple[str, ...] = ()  # standard properties it implies
    symmetric: bool = False
    style: str = "solid"  # solid | dashed | dotted
    color: str = "#555555"
    reporting: bool = False  # part of the reporting hierarchy


ROLE, UNIT, ORGANIZATION, COMPETENCY, DOCUMENT = "Role", "Unit", "Organization", "Competency", "Document"
POST = "Post"

NODE_TYPES: dict[str, NodeType] = {
    ROLE: NodeType(
        ROLE, ORGKG + "Role", (ORG + "Post", SCHEMA + "Occupation"), "role",
        "A job or position: described by a class description or referenced by one.",
        "#4e79a7", "box",
        ("name", "aliases", "described", "official_title", "code", "grade", "months",
         "overtime_eligible", "sq_oq", "established", "revised", "documents"),
    ),
    UNIT: NodeType(
        UNIT, ORGKG + "Unit", (ORG + "OrganizationalUnit",), "unit",
        "An office, department, division, unit, team, committee or board inside the organisation.",
        "#f28e2b", "ellipse", ("name", "aliases"),
    ),
    ORGANIZATION: NodeType(
        ORGANIZATION, ORGKG + "Organization", (ORG + "FormalOrganization",), "organization",
        "An organisation outside the one described (police, county government, state agency).",
        "#59a14f", "diamond", ("name", "aliases"),
    ),
    COMPETENCY: NodeType(
        COMPETENCY, ORGKG + "Competency", (SKOS + "Concept",), "competency",
        "A knowledge, skill, ability, education, certification, experience or tool a role requires.",
        "#b07aa1", "dot", ("name", "aliases", "kind"),
    ),
    DOCUMENT: NodeType(
        DOCUMENT, ORGKG + "Document", (PROV + "Entity",), "document",
        "A source description that evidence points into.",
        "#bab0ac", "square", ("name", "path", "format", "sha256", "truncated", "missing"),
    ),
    POST: NodeType(
        POST, ORGKG + "Post", (ORG + "Post",), "post",
        "A position in an HR system's export: one seat, holding a role (its job class), in a unit, reporting to "
        "another post.",
        "#edc948", "box", ("name", "aliases", "position_id", "title", "class_code", "unit", "source", "row"),
    ),
}

UNDER_DIRECTION_OF = "UNDER_DIRECTION_OF"
SUPERVISES = "SUPERVISES"
COLLABORATES_WITH = "COLLABORATES_WITH"
MEMBER_OF = "MEMBER_OF"
PART_OF = "PART_OF"
REQUIRES = "REQUIRES"
DESCRIBED_IN = "DESCRIBED_IN"
HOLDS_ROLE = "HOLDS_ROLE"
POST_IN = "POST_IN"
REPORTS_TO = "REPORTS_TO"

_ENTITIES = (ROLE, UNIT, ORGANIZATION)

EDGE_TYPES: dict[str, EdgeType] = {
    UNDER_DIRECTION_OF: EdgeType(
        UNDER_DIRECTION_OF, ORGKG + "underDirectionOf", "under direction of",
        "The source works under the direction of the target (its supervisor).",
        (ROLE, UNIT), _ENTITIES, (ORG + "reportsTo",), style="solid", color="#1f3b73", reporting=True,
    ),
    SUPERVISES: EdgeType(
        SUPERVISES, ORGKG + "supervises", "supervises",
        "The source supervises, leads, oversees or manages the target.",
        (ROLE, UNIT), _ENTITIES, style="solid", color="#2e7d32", reporting=True,
    ),
    COLLABORATES_WITH: EdgeType(
        COLLABORATES_WITH, ORGKG + "collaboratesWith", "collaborates with",
        "The source works together with the target; symmetric.",
        _ENTITIES, _ENTITIES, symmetric=True, style="dashed", color="#e15759",
    ),
    MEMBER_OF: EdgeType(
        MEMBER_OF, ORGKG + "memberOf", "member of",
        "The source serves as a member of a team, committee or board.",
        (ROLE,), (UNIT, ORGANIZATION), (ORG + "memberOf",), style="dotted", color="#76b7b2",
    ),
    PART_OF: EdgeType(
        PART_OF, ORGKG + "partOf", "part of",
        "The source belongs to an organisational unit (a post in a unit, a unit in a unit).",
        _ENTITIES, (UNIT, ORGANIZATION), (ORG + "postIn", ORG + "subOrganizationOf"),
        style="dotted", color="#9c755f",
    ),
    REQUIRES: EdgeType(
        REQUIRES, ORGKG + "requires", "requires",
        "The role requires the competency.",
        (ROLE,), (COMPETENCY,), (SCHEMA + "skills",), style="dotted", color="#b07aa1",
    ),
    DESCRIBED_IN: EdgeType(
        DESCRIBED_IN, ORGKG + "describedIn", "described in",
        "The role's class description.",
        (ROLE,), (DOCUMENT,), (PROV + "wasDerivedFrom",), style="dotted", color="#bab0ac",
    ),
    # from HR data (--positions): kept apart from the described reporting lines, which the health checks read
    HOLDS_ROLE: EdgeType(
        HOLDS_ROLE, ORGKG + "holdsRole", "holds role",
        "The post is a position of the role (its job class).",
        (POST,), (ROLE,), (ORG + "role",), style="dotted", color="#edc948",
    ),
    POST_IN: EdgeType(
        POST_IN, ORGKG + "postIn", "post in",
        "The post sits in the unit.",
        (POST,), (UNIT, ORGANIZATION), (ORG + "postIn",), style="dotted", color="#edc948",
    ),
    REPORTS_TO: EdgeType(
        REPORTS_TO, ORGKG + "reportsTo", "reports to",
        "The post reports to the target post, as the HR system records it.",
        (POST,), (POST,), (ORG + "reportsTo",), style="solid", color="#b8860b",
    ),
}

REPORTING_TYPES = tuple(t for t, e in EDGE_TYPES.items() if e.reporting)

COMPETENCY_KINDS = ("knowledge", "skill", "ability", "education", "certification", "experience", "tool")

# Evidence: one per statement of an edge; a PROV entity in RDF.
EVIDENCE_FIELDS = ("doc", "section", "text", "start", "end", "rule")
# Evidence whose target name was resolved to a node of another name (graph/resolve.py) also says how: `resolved`
# (the rules below, joined by "+" when several applied) and `mention` (the name as the sentence wrote it).
RESOLUTION_FIELDS = ("mention", "resolved")


@dataclass(frozen=True)
class Resolution:
    """A way a name in one document is resolved to a node named otherwise; `confidence` scales the relation's."""

    name: str
    confidence: float
    comment: str


ACRONYM, ALIAS, PLURAL, INVERTED_TITLE, OFFICIAL_TITLE, REJOINED, COMPLETED = (
    "acronym", "alias", "plural", "inverted-title", "official-title", "rejoined", "completed")

RESOLUTIONS: dict[str, Resolution] = {r.name: r for r in (
    Resolution(ACRONYM, 1.0, "an acronym some document defines, read as its expansion"),
    Resolution(ALIAS, 1.0, "another name some document gives the node"),
    Resolution(PLURAL, 1.0, "a plural mention ('principals') of a described role of that title"),
    Resolution(INVERTED_TITLE, 0.95, "a described title written the other way ('director of X' for 'Director, X')"),
    Resolution(OFFICIAL_TITLE, 0.9, "the official (class) title of a described role whose working title only "
                                    "puts its department in front of it"),
    Resolution(REJOINED, 1.0, "pieces of a name split at its commas or 'and', rejoined as the one role or unit "
                              "the corpus knows by that whole name"),
    Resolution(COMPLETED, 0.95, "a piece of a described title, completed to the whole title the sentence spells "
                                "around it"),
)}


def node_iri(node_id: str) -> str:
    return ORGKG_ID + node_id
