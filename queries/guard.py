"""Checks run on query text before an engine sees it, and engine errors turned into one readable line.

Why before the engine: a deeply nested SPARQL query overflows pyoxigraph's parser stack (3,000 braces kill
the process with SIGSEGV), and FalkorDB's Cypher parser doubles its time with each level of brackets
(12 levels 0.05 s, 18 levels 4 s, 26 levels > 60 s), inside the server where no timeout reaches it. Both are
refused here on a cheap scan of the text. SERVICE (SPARQL federation) and LOAD CSV / APOC loaders (Cypher)
make the engine open outbound connections or read local files: a read-only query surface refuses them.

    check_shape("SELECT * WHERE { ?s ?p ?o }", "SPARQL")      # fine: returns None
    uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")  # -> True
"""

from __future__ import annotations

import re

from orgkg.errors import UserError

SPARQL_MAX_DEPTH = 64  # real queries nest < 15; pyoxigraph's stack gives out in the thousands
SPARQL_MAX_CHARS = 1 << 20
CYPHER_MAX_DEPTH = 12  # FalkorDB's parse time doubles per level: 12 levels ~0.05 s
CYPHER_MAX_CHARS = 64 << 10

# strings, IRIs and comments, whose brackets and keywords do not count
SPARQL_STRIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                          r'|<[^<>\s"{}|^`\\]*>|#[^\n]*')
CYPHER_STRIP = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)

# SERVICE as a keyword: not a variable (?service), not part of a prefixed name (ex:service, service:x)
_SERVICE = re.compile(r"(?<![?$\w:\-])SERVICE(?![\w:\-])", re.I)
_LOAD = re.compile(r"(?<![?$\w:\-])LOAD(?![\w:\-])", re.I)
# Cypher clauses and procedures that read files or URLs, or run other queries behind the read-only check
_CYPHER_IO = re.compile(r"\bLOAD\s+CSV\b|(?<![.\w$])(?:apoc\.(?:load|import|export|bolt|es|mongo\w*|couchbase|redis|"
                        r"jdbc|gephi|systemdb|cypher|periodic|trigger|custom|dv|log|static)\b|dbms\.|db\.(?:create|drop)\b)",
                        re.I)


def _depth(text: str) -> int:
    depth = worst = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            if depth > worst:
                worst = depth
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return worst


def check_shape(text: str, lang: str) -> None:
    """Refuse, with one line, a query too long or too deeply nested for the engine to parse safely."""
    sparql = lang == "SPARQL"
    max_chars, max_depth = (SPARQL_MAX_CHARS, SPARQL_MAX_DEPTH) if sparql else (CYPHER_MAX_CHARS, CYPHER_MAX_DEPTH)
    if len(text) > max_chars:
        raise UserError(f"{lang} query refused: {len(text):,} characters (limit {max_chars:,})")
    depth = _depth((SPARQL_STRIP if sparql else CYPHER_STRIP).sub(" ", text))
    if depth > max_depth:
        raise UserError(f"{lang} query refused: brackets nest {depth} levels deep (limit {max_depth})")


def uses_service(text: str) -> bool:
    """True when a SPARQL query or update federates (SERVICE) or fetches a document (LOAD <url>)."""
    s = SPARQL_STRIP.sub(" ", text)
    return bool(_SERVICE.search(s) or _LOAD.search(s))


def cypher_io(query: str) -> str | None:
    """The first clause or procedure in a Cypher query that reads outside the graph (LOAD CSV, apoc.load...)."""
    m = _CYPHER_IO.search(CYPHER_STRIP.sub(" ", query))
    return " ".join(m.group(0).split()).rstrip(".") if m else None


# ---- engine errors -> one line with the position ------------------------------------------------

_OX_POS = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?:\s*", re.S)
_CHAR_CLASS = re.compile(r"\[[^\]]*\\u\{[^\]]*\]")  # Unicode ranges in pyoxigraph's "expected one of" lists
_FALKOR = re.compile(r"errMsg:\s*(?P<msg>.*?)\s*line:\s*(?P<line>\d+),\s*column:\s*(?P<col>\d+)", re.S)


def sparql_error(e: BaseException, n: int = 240) -> str:
    """pyoxigraph's 'error at 1:21: expected one of ...' as 'at line 1, column 21: expected one of ...'."""
    msg = str(e)
    m = _OX_POS.match(msg)
    if m:
        msg = f"at line {m.group(1)}, column {m.group(2)}: " + _CHAR_CLASS.sub("a name character", msg[m.end():])
    return shorten(msg, n)


def cypher_error(msg: str, n: int = 240) -> str:
    """FalkorDB's 'errMsg: X line: 1, column: 10, offset: 9 errCtx: ...' as 'at line 1, column 10: X'."""
    m = _FALKOR.search(msg)
    if m:
        return shorten(f"syntax error at line {m.group('line')}, column {m.group('col')}: {m.group('msg')}", n)
    return shorten(msg, n)


def shorten(msg: object, n: int = 240) -> str:
    s = " ".join(str(msg).split())
    return s if len(s) <= n else s[: n - 1] + "…"
