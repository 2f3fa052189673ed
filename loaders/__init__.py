"""Loaders: text -> extractions with evidence.

Loaders register by name; `load_file` picks the best one by detection score
or the one named with `format`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import generic, mcps, pipeline, warnings
from .model import Alias, Competency, Evidence, Extraction, Relation
from .text import InputError, Repaired, _decode, decode, read_page, read_text, repair


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

TEXT_SUFFIXES = (".txt", ".text", ".md", "")


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


def _extract(text: str, utf8: bytes | None, doc: str, path: str, format: str | None, sha256: str | None = None) -> Extraction:
    """extract_text, given the text's UTF-8 encoding when the caller has it (None: encode the text), and that
    encoding's sha256 hex digest if the caller has it too."""
    loader = pick(text, format)
    rep = repair(text)
    ex = Extraction(doc=doc, path=path, format=loader.name)
    ex.sha256 = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass") if utf8 is None else utf8).hexdigest()
    sections = loader.load(ex, rep)
    return warnings.check(pipeline.run(ex, rep, sections), text)


def load_file(path: str | Path, format: str | None = None) -> Extraction:
    if not isinstance(path, Path):  # a Path is kept: a new one would parse it again and lose its cached str
        path = Path(path)
    text, utf8 = read_page(path)
    return _extract(text, utf8, path.name, str(path), format)


def load_bytes(path: str | Path, data: bytes, format: str | None = None, sha256: str | None = None) -> Extraction:
    """load_file of the file's bytes, read by the caller, who checked what read_page checks first (a regular file,
    at most MAX_BYTES): a cached build reads each file once, for its cache key and its extraction. `sha256`: the
    hex digest of `data` if the caller has it, reused when `data` is the text's UTF-8 encoding."""
    if not isinstance(path, Path):
        path = Path(path)
    text, utf8 = _decode(data, path)
    return _extract(text, utf8, path.name, str(path), format, sha256 if utf8 is data else None)


def expand_paths(paths: Iterable[str | Path], errors: list[str] | None = None) -> list[Path]:
    """Files named or found in directories; problems go to `errors` as one-line messages."""
    out: list[Path] = []
    errors = errors if errors is not None else []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            # sorted as Paths sort (part by part), but on strings: Path objects compare slowly, and with the
            # separator as "\0", below any character a name holds, one string compares as its list of parts
            found = [Path(f) for f in sorted(_text_files(p), key=lambda f: f.replace(os.sep, "\0"))]
            if not found:
                errors.append(f"{p}: directory holds no text files (*.txt, *.md)")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return out


def _text_files(root: Path) -> Iterator[str]:
    """Text files below root; os.walk's scandir is several times faster than Path.rglob + is_file."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                yield os.path.join(dirpath, name)


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
