"""A one-section page around a few sentences of our own: what the relation-rule tests read.

One template, so every such test puts its sentences in the same page (a labelled title, then one section).
"""

from __future__ import annotations

from orgkg.loaders import extract_text
from orgkg.loaders.model import Relation

PAGE = """Position Title: {title}

{section}
{body}
"""


def page_relations(body: str, title: str = "Program Analyst", section: str = "Summary") -> list[Relation]:
    """Every relation extracted from the page that holds `body` in one section under the title `title`."""
    return extract_text(PAGE.format(title=title, section=section, body=body), "t.txt").relations
