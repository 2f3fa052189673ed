"""An extraction cache keyed by content: rebuilding after one edit re-extracts only that document.

Entries live in one SQLite file in a directory beside the graph file (`org.json.cache/cache.sqlite`),
keyed `<sha256 of the file bytes>-<context>`, where the context hashes the path, the format asked for
and the installed package's code and data (graph/fingerprint.py), so a changed extractor, schema or
profile never serves stale results. Writes are transactions; an unreadable entry is a miss, a damaged
database a warning (it is moved aside), never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from operator import itemgetter
from pathlib import Path

from orgkg.loaders.model import Extraction, pack, unpack

from .atomic import file_mode, folder_mode, kind_of, writable_target
from .fingerprint import package_fingerprint

try:  # a dependency; the plain json module serves if it is missing
    import orjson
except ImportError:  # pragma: no cover - exercised by the json-only test
    orjson = None

CACHE_VERSION = 2  # 2: entries in the wire form
_CHUNK = 500  # keys per query (an SQLite query takes at most 999 parameters before version 3.32)


def extractor_fingerprint() -> str:
    """What every entry depends on besides its file: the cache version and the package's code and data."""
    return f"v{CACHE_VERSION}-{package_fingerprint()}"


def encode(ex: Extraction) -> str | bytes:
    """An entry: the extraction's wire form (model.pack) as JSON arrays. Against the dataclasses as JSON
    objects: a quarter smaller, and read back in less than half the time (3,000 entries 0.171 -> 0.076 s)."""
    t = pack(ex)
    if orjson is not None:
        try:
            return orjson.dumps(t)
        except TypeError:  # orjson.JSONEncodeError: a key that is no string, an int beyond 64 bits
            pass
    return json.dumps(t, ensure_ascii=False)


def decode(text: str | bytes) -> Extraction:
    """The Extraction `encode` was given (JSON has no tuples: the section spans are made tuples again)."""
    t = orjson.loads(text) if orjson is not None else json.loads(text)
    t[4] = {k: (a, b) for k, (a, b) in t[4].items()}
    return unpack(t)


class ExtractionCache:
    """Extractions by key, packed in one SQLite file (`OUT.cache/cache.sqlite`): one open, not 10,000.

    The cache is only ever a speed-up: a damaged one (truncated, not a database, a folder in its place) is
    moved aside with a warning and a fresh one used; one that cannot be used at all (an unwritable or
    odd place) is a warning and a build without it. Never a failed build. `warnings` holds those lines.
    """

    FILE = "cache.sqlite"

    def __init__(self, directory: str | Path, mode: int | None = None):
        self.dir = Path(directory)
        self.mode = mode  # the permissions of the graph file it serves (None: the umask's)
        self.hits = 0
        self.misses = 0
        self.warnings: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._broken = False

    @classmethod
    def beside(cls, output: str | Path) -> ExtractionCache:
        return cls(Path(str(output) + ".cache"), file_mode(writable_target(output)))

    def key(self, data: bytes, path: str | Path, format: str | None) -> str:
        """The entry of a file with these bytes at this path, extracted with this format (and this extractor)."""
        ctx = hashlib.sha256(f"{path}\0{format or 'auto'}\0{extractor_fingerprint()}".encode()).hexdigest()[:16]
        return f"{hashlib.sha256(data).hexdigest()}-{ctx}"

    @property
    def db(self) -> sqlite3.Connection | None:
        """The open database (created on first use), or None when the cache cannot be used."""
        if self._db is None and not self._broken:
            problem = self._place_problem()
            if problem is None and (damage := damaged(self.dir / self.FILE)) is not None:
                problem = self._set_aside(damage)
            if problem is None:
                try:
                    self._db = self._connect()
                except (OSError, sqlite3.Error) as e:
                    problem = self._set_aside(f"cannot be opened ({e})")
                    if problem is None:  # set aside: a fresh one
                        try:
                            self._db = self._connect()
                        except (OSError, sqlite3.Error) as e2:
                            problem = f"{self.dir}: cannot keep a cache here ({e2})"
            if problem is not None:
                self.warnings.append(f"{problem}; building without the cache")
                self._broken = True
        return self._db

    def _place_problem(self) -> str | None:
        """Why the cache folder cannot be used (not a folder, cannot be made), or None."""
        try:
            st = os.stat(self.dir)
        except FileNotFoundError:
            try:
                self.dir.mkdir(parents=True)
                if self.mode is not None:  # as private as the graph it serves
                    os.chmod(self.dir, folder_mode(self.mode))
            except OSError as e:
                return f"{self.dir}: cannot create the cache folder ({e.strerror or e})"
            return None
        except OSError as e:
            return f"{self.dir}: cannot use the cache folder ({e.strerror or e})"
        kind = kind_of(st.st_mode)
        if kind != "a directory":
            return f"{self.dir}: is {kind or 'a file'}, not a cache folder"
        if not os.access(self.dir, os.W_OK | os.X_OK):
            return f"{self.dir}: the cache folder is not writable"
        return None

    def _connect(self) -> sqlite3.Connection:
        file = self.dir / self.FILE
        new = not file.exists()
        db = sqlite3.connect(file, timeout=30, isolation_level=None)
        try:
            # a rollback journal, not WAL: a first build writes every page once, into the file, where WAL
            # wrote it to the log, then again at the checkpoint (50,000 cold entries: 8.9 -> 4.7 s)
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, json TEXT NOT NULL)")
            db.execute("SELECT count(*) FROM (SELECT 1 FROM extractions LIMIT 1)").fetchone()
            if new:
                os.chmod(file, self.mode if self.mode is not None else file_mode(file))
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, why: str) -> str | None:
        """Move the damaged database (and its journal) aside, with a warning; the reason it cannot be, or None."""
        file = self.dir / self.FILE
        aside = self.dir / f"{self.FILE}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        try:
            if os.path.lexists(file):
                os.replace(file, aside)
            journal = self.dir / f"{self.FILE}-journal"
            if os.path.lexists(journal):
                os.replace(journal, Path(f"{aside}-journal"))
        except OSError as e:
            return f"{file}: {why}, and cannot be moved aside ({e.strerror or e})"
        self.warnings.append(f"{file}: {why}; moved aside to {aside.name}, starting a new cache")
        return None

    def get(self, key: str) -> Extraction | None:
        """The entry, or None (a miss) if there is none or it is not one of ours."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: list[str]) -> dict[str, Extraction]:
        """The entries of these keys that are there and are ours (the others are misses), in queries of
        `_CHUNK` keys: one query per key cost more than the reading (10,000 entries: 0.3 -> 0.1 s)."""
        found: dict[str, Extraction] = {}
        wanted = list(dict.fromkeys(keys))
        for i in range(0, len(wanted), _CHUNK):
            db = self.db
            if db is None:
                break
            chunk = wanted[i:i + _CHUNK]
            try:
                rows = db.execute(f"SELECT key, json FROM extractions WHERE key IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
            except sqlite3.DatabaseError as e:  # damage found only now (a page past a truncation)
                self._damaged_now(str(e))
                continue
            for key, text in rows:
                try:
                    found[key] = decode(text)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):  # not an entry of ours
                    pass
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def _damaged_now(self, why: str) -> None:
        self.close()
        problem = self._set_aside(why)
        if problem is not None:
            self.warnings.append(f"{problem}; building without the cache")
            self._broken = True

    def put_many(self, items: list[tuple[str, Extraction]]) -> None:
        """Store these entries, in key order: the table's pages fill one after another, where the keys' random
        order had each insert land in an old page and split it (50,000 cold entries: 4.7 -> 2.4 s)."""
        db = self.db
        if not items or db is None:
            return
        items = sorted(items, key=itemgetter(0))
        try:
            with _transaction(db):
                db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?)",
                               ((k, encode(ex)) for k, ex in items))  # one entry encoded at a time
        except sqlite3.Error as e:
            self.warnings.append(f"{self.dir / self.FILE}: cannot be written ({e}); the next build extracts again")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def damaged(file: Path) -> str | None:
    """What is wrong with the cache database file at first sight (no read of its pages), or None: not a
    regular file, not an SQLite header, or shorter than its header says (a truncated copy or write)."""
    try:
        st = os.stat(file)
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    kind = kind_of(st.st_mode)
    if kind is not None:
        return f"is {kind}, not a database"
    if st.st_size == 0:
        return None  # sqlite makes an empty file a new database
    if not os.access(file, os.R_OK | os.W_OK):
        return "is not readable and writable"
    try:
        with open(file, "rb") as f:
            head = f.read(100)
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    if len(head) < 100 or not head.startswith(b"SQLite format 3\0"):
        return "is not an SQLite database"
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    if head[24:28] == head[92:96] and st.st_size < page * pages:
        return f"is truncated ({st.st_size} of {page * pages} bytes)"
    return None


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False
