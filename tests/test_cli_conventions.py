"""One convention across commands: `-g/--graph FILE` names the graph (a GRAPH positional stays an alias), the
default is ./org.json if present else the bundled sample (said on stderr), `--format` is the output format and
`--loader` the input format, and usage errors exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import orgkg
from orgkg.cli import _parser

CLI = [sys.executable, "-m", "orgkg"]
READERS = ["ask", "chain", "collaborators", "competencies", "correct", "check", "cypher", "sparql", "serve-sparql",
           "export", "push", "validate", "viz", "chart", "review", "serve"]
POSITIONAL_ALIAS = ["check", "export", "push", "validate", "viz", "chart", "review", "serve", "serve-sparql"]


def _subparsers():
    import pkgutil

    from orgkg import commands

    names = sorted(i.name for i in pkgutil.iter_modules(commands.__path__) if not i.name.startswith("_"))
    _, sub = _parser(names)
    return sub.choices


@pytest.mark.parametrize("command", READERS)
def test_every_graph_reader_takes_dash_g(command):
    import argparse

    p = _subparsers()[command]
    nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    for parser in [c for a in nested for c in a.choices.values()] or [p]:  # `correct KIND ...` has its own
        opts = {o for a in parser._actions for o in a.option_strings}
        assert {"-g", "--graph"} <= opts, command
        dests = {a.dest for a in parser._actions}
        assert (command in POSITIONAL_ALIAS) == ("graph_pos" in dests)


def test_format_is_output_and_loader_is_input():
    subs = _subparsers()
    for command in ("build", "extract", "import"):
        p = subs[command]
        loader = [a for a in p._actions if "--loader" in a.option_strings]
        assert loader, command
    for command in ("build", "import"):  # the old --format of these stays only as a hidden alias of --loader
        help_text = subs[command].format_help()
        assert "--loader" in help_text and "--format" not in help_text


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """A working folder holding a graph that is not the sample (one more role), as ./org.json."""
    g = orgkg.sample_graph()
    g.add_node("Role", "Only In Local File", "role:only-in-local-file")
    g.save(tmp_path / "org.json")
    return tmp_path


def run(args, cwd, tty: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI; with `tty`, its stderr is a pseudo-terminal (where the default-graph note is shown)."""
    if not tty:
        return subprocess.run(CLI + args, capture_output=True, text=True, cwd=cwd)
    import os

    master, slave = os.openpty()
    r = subprocess.run(CLI + args, stdout=subprocess.PIPE, stderr=slave, text=True, cwd=cwd)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    r.stderr = err.decode("utf-8", "replace").replace("\r\n", "\n")
    return r


def test_default_is_local_org_json_then_the_sample(here, tmp_path_factory):
    q = "MATCH (n {id: 'role:only-in-local-file'}) RETURN count(n)"
    r = run(["cypher", q, "--format", "csv"], here, tty=True)
    assert r.returncode == 0 and r.stdout.split()[-1] == "1" and "using ./org.json" in r.stderr
    r = run(["sparql", "ASK { ?r orgkg:id 'role:only-in-local-file' }"], here, tty=True)
    assert r.stdout.strip() == "true" and "using ./org.json" in r.stderr
    empty = tmp_path_factory.mktemp("empty")
    r = run(["cypher", q, "--format", "csv"], empty, tty=True)
    assert r.returncode == 0 and r.stdout.split()[-1] == "0" and "bundled sample" in r.stderr
    r = run(["sparql", "ASK { ?r orgkg:id 'role:only-in-local-file' }", "--timeout", "30"], empty, tty=True)
    assert r.stdout.strip() == "false" and "bundled sample" in r.stderr
    r = run(["cypher", q, "--format", "csv"], empty)  # piped stderr: errors stay the only lines there
    assert r.stderr == ""


def test_dash_g_and_positional_alias_name_the_same_graph(here, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    graph = str(here / "org.json")
    for args in (["export", "-g", graph], ["export", graph], ["export", "--graph", graph]):
        r = run(args, elsewhere)
        assert r.returncode == 0 and "only-in-local-file" in r.stdout and "using" not in r.stderr, args
    r = run(["export", graph, "-g", str(elsewhere / "other.json")], elsewhere)
    assert r.returncode == 2 and "give the graph once" in r.stderr
    r = run(["cypher", "-g", graph, "MATCH (n {id: 'role:only-in-local-file'}) RETURN count(n)", "--format", "csv"],
            elsewhere)
    assert r.stdout.split()[-1] == "1"
    r = run(["sparql", "-g", graph, "ASK { ?r orgkg:id 'role:only-in-local-file' }"], elsewhere)
    assert r.stdout.strip() == "true"


@pytest.mark.parametrize("args,code", [
    (["ask", "chain"], 2),  # no name: a usage error (was 1)
    (["ask", "no-such-query", "x"], 2),
    (["ask", "span", "many"], 2),
    (["ask", "chain", "No Such Role Anywhere"], 1),  # a well-formed question about a name the graph lacks
    (["sparql", "a", "b", "c"], 2),
    (["cypher"], 2),
])
def test_usage_errors_exit_2(args, code, tmp_path):
    r = run(args, tmp_path)
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr


def test_build_loader_and_its_old_name(tmp_path):
    src = orgkg.sample_paths()[0]
    for flag in ("--loader", "--format"):
        out = tmp_path / f"{flag.strip('-')}.json"
        r = run(["build", str(src), "-o", str(out), flag, "mcps"], tmp_path)
        assert r.returncode == 0, r.stderr
        assert out.is_file()
