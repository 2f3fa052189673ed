"""Which files a build reads: every file under the given paths accounted for, each skip with its reason.

A folder is walked without recursion (folders nested thousands deep are fine), an unreadable folder is
reported, and symbolic links are followed only to files under the paths the user gave, unless
`follow_links`: a link in an input folder to /etc/passwd is not a job description. Names that are not
valid UTF-8, or that hold a newline, are shown escaped so every message stays one line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import SUPPORTED_SUFFIXES
from .errors import printable


@dataclass
class Skipped:
    """What a walk left out on purpose. Links leading outside the given paths and things that are not regular
    files are one line each (`lines`); files of unsupported kinds, which a corpus folder may hold by the
    thousand (a gold/ folder of .json), are kept by suffix so a report can name a few and count the rest."""

    lines: list[str] = field(default_factory=list)
    kinds: dict[str, list[str]] = field(default_factory=dict)  # suffix ("" for none) -> printable paths

    def unsupported(self, path: str, suffix: str) -> None:
        self.kinds.setdefault(suffix, []).append(printable(path))

    def report(self, named: int = 3) -> list[str]:
        """One line per skip on purpose, then up to `named` files of unsupported kinds by name and, when there
        are more (or `named` is 0), one line counting them all by suffix.

        >>> s = Skipped()
        >>> for i in range(5): s.unsupported(f"gold/{i}.json", ".json")
        >>> s.unsupported("notes", "")
        >>> s.report(named=1)
        ['gold/0.json: unsupported kind (.json)', '6 files of unsupported kinds (.json 5, no suffix 1)']
        """
        files = sorted((p, k) for k, paths in self.kinds.items() for p in paths)
        out = list(self.lines) + [f"{p}: unsupported kind ({_label(k)})" for p, k in files[:named]]
        if len(files) > named:
            counts = sorted(self.kinds.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            what = "1 file of an unsupported kind" if len(files) == 1 else f"{len(files):,} files of unsupported kinds"
            out.append(f"{what} (" + ", ".join(f"{_label(k)} {len(v):,}" for k, v in counts) + ")")
        return out


def _label(suffix: str) -> str:
    return printable(suffix) if suffix else "no suffix"


def expand_paths(paths: Iterable[str | Path], errors: list[str] | None = None,
                 follow_links: bool = False, skipped: Skipped | None = None) -> list[Path]:
    """Files named or found in directories, in path order. What could not be read goes to `errors` (a build
    that has any is partial); what was left out on purpose (other kinds of file, links leading outside the
    given paths) goes to `skipped`, so a folder is accounted for file by file.

    >>> expand_paths(["orgkg/samples"])[0].name
    '0262-director-school-support-and-well-being.txt'
    """
    out: list[Path] = []
    errors = errors if errors is not None else []
    skipped = skipped if skipped is not None else Skipped()
    roots = []
    for p in map(Path, paths):
        try:
            roots.append(os.path.realpath(p))
        except (OSError, ValueError):
            pass
    for p in map(Path, paths):
        if p.is_dir():
            found = _walk(str(p), roots, follow_links, errors, skipped)
            if not found:
                errors.append(f"{printable(p)}: directory holds no text files or documents "
                              f"({', '.join(s for s in SUPPORTED_SUFFIXES if s)})")
            # sorted as Paths sort (part by part), but on strings, with the separator as "\0"
            out.extend(Path(f) for f in sorted(found, key=lambda f: f.replace(os.sep, "\0")))
        elif p.exists():
            out.append(p)  # named on the command line: read whatever kind it is, link or not
        elif p.is_symlink():
            errors.append(f"{printable(p)}: broken symbolic link")
        else:
            errors.append(f"{printable(p)}: no such file or directory")
    return out


def _walk(root: str, roots: list[str], follow_links: bool, errors: list[str], skipped: Skipped) -> list[str]:
    """Supported files below root, depth first with an explicit stack; hidden names are left out."""
    found: list[str] = []
    stack = [root]
    seen_dirs: set[tuple[int, int]] = set()
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = list(it)
            st = os.stat(d)
        except OSError as e:
            errors.append(f"{printable(d)}: cannot read directory ({e.strerror or e})")
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:  # a link loop back to a folder already read
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        for e in entries:
            if e.name.startswith("."):
                continue
            _entry(e, (roots, follow_links), errors, skipped, found, stack)
    return found


def _entry(e: os.DirEntry, links: tuple[list[str], bool], errors: list[str], skipped: Skipped, found: list[str],
           stack: list[str]) -> None:
    """Sort one directory entry into found files, folders to read, or a message; `links`: (the given paths'
    real paths, follow links anywhere)."""
    roots, follow_links = links
    if e.is_symlink():
        target = os.path.realpath(e.path)
        if not follow_links and not any(_under(target, r) for r in roots):
            skipped.lines.append(f"{printable(e.path)}: symbolic link to {printable(target)}, outside the given paths; "
                          "not followed (--follow-links to read it)")
            return
    try:
        st = os.stat(e.path)
    except OSError as err:
        errors.append(f"{printable(e.path)}: cannot read ({err.strerror or err})")
        return
    if stat.S_ISDIR(st.st_mode):
        stack.append(e.path)
    elif not stat.S_ISREG(st.st_mode):
        skipped.lines.append(f"{printable(e.path)}: not a regular file")
    elif os.path.splitext(e.name)[1].lower() in SUPPORTED_SUFFIXES:
        found.append(e.path)  # a name that is not UTF-8 too: documents and evidence show it printable
    else:
        skipped.unsupported(e.path, os.path.splitext(e.name)[1].lower())


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
