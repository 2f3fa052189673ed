"""Connection options shared by `orgkg cypher`, `orgkg ask` and `orgkg push` (URI, user, password, database).

The password comes from ORGKG_NEO4J_PASSWORD / NEO4J_PASSWORD, or is asked for with getpass (never echoed,
never logged, never accepted on the command line where `ps` would show it).
"""

from __future__ import annotations

import os
import sys

PASSWORD_ENV = ("ORGKG_NEO4J_PASSWORD", "NEO4J_PASSWORD")


def add_connection_options(p, uri_help: str) -> None:
    p.add_argument("--uri", default=None, help=uri_help)
    p.add_argument("--user", default=None, help="user name (default: env NEO4J_USER, else neo4j)")
    p.add_argument("--password", action="store_true",
                   help="ask for the password (otherwise env ORGKG_NEO4J_PASSWORD or NEO4J_PASSWORD)")
    p.add_argument("--database", default=None, help="Neo4j database (default: the server's default)")


def password(prompt_flag: bool, uri: str | None) -> str | None:
    if not prompt_flag:
        for name in PASSWORD_ENV:
            if os.environ.get(name) is not None:
                return os.environ[name]
        if uri is None or not sys.stdin.isatty() or uri.startswith("falkordb://"):
            return None
    import getpass

    return getpass.getpass(f"password for {uri}: ")


def user(value: str | None) -> str | None:
    return value or os.environ.get("NEO4J_USER")
