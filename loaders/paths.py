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
from pathlib import Path

from .documents import SUPPORTED_SUFFIXES
from .errors import printable


def expand_paths(paths: Iterable[str | Path], errors: list[str] | None = None,
                 follow_links: bool = False, skipped: list[str] | None = None) -> list[Path]:
    """Files named or found in directories, in path order. What could not be read goes to `errors` (a build
    that has any is partial); what was left out on purpose (other kinds of file, links leading outside the
    given paths) goes to `skipped`, one line each, so a folder is accounted for file by file.

    >>> expand_paths(["orgkg/samples"])[0].name
    '0262-director-school-support-and-well-being.txt'
    """
    out: list[Path] = []
    errors = errors if errors is not None else []
    skipped = skipped if skipped is not None else []
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


def _walk(root: str, roots: list[str], follow_links: bool, errors: list[str], skipped: list[str]) -> list[str]:
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


def _entry(e: os.DirEntry, links: tuple[list[str], bool], errors: list[str], skipped: list[str], found: list[str],
           stack: list[str]) -> None:
    """Sort one directory entry into found files, folders to read, or a message; `links`: (the given paths'
    real paths, follow links anywhere)."""
    roots, follow_links = links
    if e.is_symlink():
        target = os.path.realpath(e.path)
        if not follow_links and not any(_under(target, r) for r in roots):
            skipped.append(f"{printable(e.path)}: symbolic link to {printable(target)}, outside the given paths; "
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
        skipped.append(f"{printable(e.path)}: not a regular file")
    elif os.path.splitext(e.name)[1].lower() in SUPPORTED_SUFFIXES:
        if _utf8(e.path):
            found.append(e.path)
        else:  # the build's state and graph file hold names as UTF-8 text
            errors.append(f"{printable(e.path)}: file name is not valid UTF-8; rename the file to read it")
    else:
        suffix = os.path.splitext(e.name)[1].lower()
        skipped.append(f"{printable(e.path)}: unsupported kind ({printable(suffix)})")


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
