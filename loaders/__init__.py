"""Loaders: text -> extractions with evidence.

Loaders register by name; `load_file` picks the best one by detection score
or the one named with `format`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import generic, mcps, pipeline, warnings
from .documents import Document, read_document
from .model import Alias, Competency, Evidence, Extraction, Relation
from .paths import expand_paths, printable
from .text import InputError, Repaired, checked_stat, decode, read_file, read_text, repair


@dataclass(frozen=True)
class Loader:
    name: str
    detect: Callable[[str], float]
    load: Callable[[Extraction, Repaired], list]
    description: str


LOADERS: dict[str, Loader] = {}


def register(loader: Loader) -> None:
    LOADERS[loader.name] = loader


register(Loader(mcps.NAME, mcps.detect, mcps.load, "Montgomery County Public Schools class descriptions"))
register(Loader(generic.NAME, generic.detect, generic.load, "job/position descriptions of other organisations"))

def pick(text: str, format: str | None = None) -> Loader:
    if format and format != "auto":
        try:
            return LOADERS[format]
        except KeyError:
            raise InputError(f"unknown format {format!r}; known: {', '.join(LOADERS)}") from None
    best, score = None, -1.0
    for ld in LOADERS.values():  # detect() scores lie in [0, 1]: a sure 1.0 needs no second opinion
        sc = ld.detect(text)
        if sc > score:
            best, score = ld, sc
            if sc >= 1.0:
                break
    return best


def extract_text(text: str, doc: str, path: str = "", format: str | None = None) -> Extraction:
    """Extract one document from its (decoded) text."""
    return _extract(text, None, doc, path, format)


def _extract(text: str, utf8: bytes | None, doc: str, path: str, format: str | None, sha256: str | None = None,
             source: Document | None = None) -> Extraction:
    """extract_text, given the text's UTF-8 encoding when the caller has it (None: encode the text), and that
    encoding's sha256 hex digest if the caller has it too. `source`: the document the text was read from, whose
    parts give each piece of evidence its locator (page, element) and whose warnings the extraction keeps."""
    loader = pick(text, format)
    rep = repair(text)
    kind = source.kind if source is not None else "text"
    # a document that was not plain text records its file kind beside the loader: "pdf/generic"
    ex = Extraction(doc=doc, path=path, format=loader.name if kind == "text" else f"{kind}/{loader.name}")
    ex.sha256 = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass") if utf8 is None else utf8).hexdigest()
    sections = loader.load(ex, rep)
    if source is not None and source.titles and loader.name == "generic":
        generic.use_page_title(ex, source.titles)
    ex = warnings.check(pipeline.run(ex, rep, sections), text)
    if source is not None:
        ex.warnings[:0] = source.warnings
        if source.parts:
            _locate(ex, source)
    return ex


def _locate(ex: Extraction, source: Document) -> None:
    """Give every piece of evidence the locator of the part of the file its span starts in."""
    evs = [r.evidence for r in ex.relations] + [c.evidence for c in ex.competencies]
    evs += [a.evidence for a in ex.aliases if a.evidence is not None]
    for e in evs:
        if e.locator is None:
            e.locator = source.locator(e.start)


def load_file(path: str | Path, format: str | None = None) -> Extraction:
    """One file's extraction, whatever its kind (text in any common encoding, HTML, PDF, DOCX).

    >>> load_file("orgkg/samples/0453-chief-district-operations.txt").format
    'mcps'
    """
    if not isinstance(path, Path):  # a Path is kept: a new one would parse it again and lose its cached str
        path = Path(path)
    st = checked_stat(path)
    try:
        data = read_file(path, st.st_size)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    return load_bytes(path, data, format)


def load_bytes(path: str | Path, data: bytes, format: str | None = None, sha256: str | None = None) -> Extraction:
    """load_file of the file's bytes, read by the caller, who checked what load_file checks first (a regular file,
    at most MAX_BYTES): a cached build reads each file once, for its cache key and its extraction. `sha256`: the
    hex digest of `data` if the caller has it, reused when `data` is the text's UTF-8 encoding."""
    if not isinstance(path, Path):
        path = Path(path)
    src = read_document(data, path)
    name, where = printable(path.name), printable(str(path))
    return _extract(src.text, src.utf8, name, where, format, sha256 if src.utf8 is data else None, src)


def load_many(paths: Iterable[str | Path], format: str | None = None,
              errors: list[str] | None = None) -> Iterator[Extraction]:
    """Extract every file; a bad file adds a one-line message to `errors` and the rest go on."""
    errors = errors if errors is not None else []
    for f in expand_paths(paths, errors):
        try:
            yield load_file(f, format)
        except InputError as e:
            errors.append(str(e))


__all__ = ["LOADERS", "Loader", "register", "pick", "extract_text", "load_file", "load_bytes", "load_many", "expand_paths",
           "Extraction", "Relation", "Evidence", "Alias", "Competency", "InputError", "decode", "read_text",
           "repair"]
