"""Writing a synthetic corpus: N descriptions, their gold files and truth.json, deterministic for a seed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from .org import Org, generate
from .writer import render

TRUNCATED_SHARE = 0.04  # real corpus: a few pages end mid-sentence
QUIRK_SHARE = 0.10  # real corpus: apostrophes and dashes decoded as an inverted question mark


@dataclass
class CorpusInfo:
    roles: int
    units: int
    depth: int
    truncated: int
    quirky: int
    relations: int


def documents(org: Org):
    """(file name, text, gold) per role; each document has its own seeded generator."""
    for r in org.roles:
        rng = random.Random(f"{org.seed}:{r.code}")
        truncate = rng.random() < TRUNCATED_SHARE
        quirk = rng.random() < QUIRK_SHARE
        text, gold = render(org, r, rng, truncate=truncate, quirk=quirk)
        gold["quirk"] = quirk
        yield r.doc, text, gold


def write_corpus(n_roles: int, seed: int, out: str | Path) -> CorpusInfo:
    out = Path(out)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    org = generate(n_roles, seed)
    truth = []
    for name, text, gold in documents(org):
        (out / name).write_text(text, encoding="utf-8")
        (out / "gold" / (name[:-4] + ".json")).write_text(json.dumps(gold, ensure_ascii=False) + "\n",
                                                           encoding="utf-8")
        truth.append(gold)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return CorpusInfo(roles=len(org.roles), units=len(org.units), depth=org.depth,
                      truncated=sum(g["truncated"] for g in truth), quirky=sum(g["quirk"] for g in truth),
                      relations=sum(len(g["relations"]) for g in truth))
