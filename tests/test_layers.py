"""The layers, checked on the source: no import runs back up, not even inside a function, and no circle.

    orgkg.errors  <-  ontology  <-  loaders  <-  graph  <-  (queries, viz, analysis, synth)  <-  orgkg (API, CLI)

`orgkg.errors` (one exception class, importing nothing) may be used by every layer. The packages of one
layer may not import each other either; a circle of imports between modules of one package fails too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# folder -> package name (pyproject's package-dir mapping)
FOLDERS = {"orgkg": "orgkg", "ontology": "orgkg.ontology", "loaders": "orgkg.loaders", "graph": "orgkg.graph",
           "queries": "orgkg.queries", "viz": "orgkg.viz", "analysis": "orgkg.analysis", "synth": "orgkg.synth"}
LAYER = {"orgkg.errors": 0, "orgkg.ontology": 1, "orgkg.loaders": 2, "orgkg.graph": 3, "orgkg.queries": 4,
         "orgkg.viz": 4, "orgkg.analysis": 4, "orgkg.synth": 4, "orgkg": 5}


# Known, named exceptions (each one a debt of its module's owner); any other upward import fails.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}
# Known circles of imports: none left (a set of module names here would excuse one).
KNOWN_CIRCLES: list[set[str]] = []


def modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    out = {}
    for folder, package in FOLDERS.items():
        for f in sorted((ROOT / folder).rglob("*.py")):
            parts = list(f.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([package, *parts])] = f
    return out


def unit(module: str) -> str:
    """The layer unit a module belongs to: its package of LAYER (the longest prefix)."""
    return max((u for u in LAYER if module == u or module.startswith(u + ".")), key=len)


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, int]]:
    """(module imported, line) for every import of an orgkg module in the file, wherever it stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for a in node.names:  # `from pkg import submodule` imports the submodule
                sub = f"{base}.{a.name}"
                out.append((sub if sub in known else base, node.lineno))
    return [(m, line) for m, line in out if m == "orgkg" or m.startswith("orgkg.")]


def edges() -> dict[str, list[tuple[str, int]]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_no_import_runs_up_or_sideways():
    bad = []
    for mod, targets in edges().items():
        for target, line in targets:
            a, b = unit(mod), unit(target)
            if a != b and LAYER[b] >= LAYER[a] and (mod, target) not in KNOWN_UPWARD:
                bad.append(f"{modules()[mod].relative_to(ROOT)}:{line}: {mod} imports {target}")
    assert not bad, "\n".join(bad)


def test_no_circle_of_imports():
    graph = {m: sorted({t for t, _ in ts if t in graph_keys() and t != m}) for m, ts in edges().items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in graph[m]:
            if state.get(t) == 1 and set(stack[stack.index(t):]) not in KNOWN_CIRCLES:
                circles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not circles, "\n".join(circles)


def graph_keys() -> set[str]:
    return set(modules())


def test_the_checker_sees_imports_inside_functions(tmp_path):
    """A function-level upward import is caught (the checker is no formality)."""
    f = tmp_path / "x.py"
    f.write_text("def f():\n    from orgkg.queries import canned\n    from . import store\n")
    got = imports("orgkg.graph.x", f, {"orgkg.graph.store": f})
    assert got == [("orgkg.queries", 2), ("orgkg.graph.store", 3)]
    assert LAYER[unit("orgkg.queries.canned")] > LAYER[unit("orgkg.graph.x")]
