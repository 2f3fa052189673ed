"""The other names a described role's own page gives it: what other documents may call the same role.

A page titled "Director, Division of Food Services" is what another page calls "the director of the Division of
Food Services" or "the Division of Food Services director"; a page whose working title is "Transportation Bus
Route Supervisor" and whose official title is "Bus Route Supervisor" is what another calls "bus route
supervisors". These keys let a mention in any document reach the described role instead of making a stub.

Each variant is a (canonical key, rule) pair; the rules are the names of ontology/schema.py RESOLUTIONS, which
say how sure each one is. Which variants a corpus keeps (unique ones only) is graph/resolve.py's job.
"""

from __future__ import annotations

from orgkg.loaders.lexicon import ROLE_HEADS
from orgkg.ontology.schema import INVERTED_TITLE, OFFICIAL_TITLE

from .ids import canonical

# Words that rank a title rather than place it: "Senior Budget Analyst" is not what "budget analysts" means, so an
# official title is not an alias of a working title that only adds one of these in front of it.
RANK_WORDS = frozenset("""
senior junior lead principal chief head assistant associate deputy acting interim trainee apprentice master
executive supervising managing general first second third
""".split())

_MAX_HEAD_WORDS = 4  # "Assistant Principal, Rock Terrace": the title head before the comma or "of"


def title_variants(working: str, official: str | None = None) -> list[tuple[str, str]]:
    """(key, rule) for each other name of the described role titled `working` (official title `official`).

    >>> title_variants("Coordinator, Magnet Programs")
    [('coordinator of magnet program', 'inverted-title'), ('magnet programs coordinator', 'inverted-title')]
    >>> title_variants("Transportation Bus Route Supervisor (BRS)", "Bus Route Supervisor")
    [('bus route supervisor', 'official-title')]
    """
    own = canonical(working)
    out = [(k, INVERTED_TITLE) for k in inverted(working) if k != own]
    if official:
        key = canonical(official)
        if key != own and official_names_the_class(own, key):
            out.append((key, OFFICIAL_TITLE))
    seen: set[str] = set()
    return [(k, how) for k, how in out if k and not (k in seen or seen.add(k))]


def inverted(title: str) -> list[str]:
    """The keys of a title written the other two ways: 'Head, Area' == 'Head of Area' == 'Area Head'.

    Only a short head that ends in a role word is inverted ("Paraeducator Level III, Special Education - ..."
    is not a head and an area).

    >>> inverted("Director of Transportation")
    ['director transportation', 'transportation director']
    >>> inverted("Superintendent")
    []
    """
    head, area, sep = _split_head(title)
    if not head:
        return []
    if sep == ",":
        forms = (f"{head} of {area}", f"{area} {head}")
    else:
        forms = (f"{head}, {area}", f"{area} {head}")
    return [canonical(f) for f in forms]


def _split_head(title: str) -> tuple[str, str, str]:
    """(head, area, separator) of 'Head, Area' or 'Head of/for Area'; empty strings when the title is neither."""
    t = " ".join(title.split())
    comma = t.find(",")
    words = t.split(" ")
    of_at = next((i for i, w in enumerate(words[1:_MAX_HEAD_WORDS + 1], 1) if w.lower() in ("of", "for")), None)
    if comma > 0 and (of_at is None or comma < len(" ".join(words[:of_at]))):
        head, area, sep = t[:comma], t[comma + 1:], ","
    elif of_at is not None:
        head, area, sep = " ".join(words[:of_at]), " ".join(words[of_at + 1:]), "of"
    else:
        return "", "", ""
    head_words = head.split()
    area = area.strip(" ,")
    if not area or not 1 <= len(head_words) <= _MAX_HEAD_WORDS or head_words[-1].lower() not in ROLE_HEADS:
        return "", "", ""
    return head, area, sep


def official_names_the_class(own: str, official: str) -> bool:
    """Whether the official title (key `official`) also names the role whose working title has key `own`.

    It does when the working title only puts the role's department or field in front of it ("Transportation
    Bus Route Supervisor" / "Bus Route Supervisor"): both name one class. It does not when the working title
    adds a complement ("Associate Superintendent of School Leadership" / "Associate Superintendent": one post
    of a class many pages may share) or a rank ("Senior Budget Analyst" / "Budget Analyst"), nor when the
    official title is one word ("Coordinator"), too generic to stand for one page.

    >>> official_names_the_class("transportation bus route supervisor", "bus route supervisor")
    True
    >>> official_names_the_class("associate superintendent of school leadership", "associate superintendent")
    False
    """
    ow, kw = own.split(), official.split()
    if len(kw) < 2 or len(ow) <= len(kw) or ow[-len(kw):] != kw:
        return False
    return RANK_WORDS.isdisjoint(ow[:-len(kw)])
