"""Compiled twins of the hot modules (orgkg/native.py): they must give exactly what their sources give, and a
source changed since its twin was compiled must run as itself, never as the stale twin.

These tests need an install that compiled the twins (a C compiler and Cython at install time); without one they
skip, except where ORGKG_EXPECT_COMPILED=1 says the install must have them (CI sets it)."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from orgkg.synth.corpus import write_corpus

import orgkg
from orgkg import native

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXPECTED = os.environ.get("ORGKG_EXPECT_COMPILED") == "1"


def _compiled() -> dict[str, str]:
    native.summary()  # imports the hot modules
    return native.status()


@pytest.fixture(scope="module")
def compiled():
    states = _compiled()
    if not any(s == "compiled" for s in states.values()):
        if EXPECTED:
            pytest.fail(f"ORGKG_EXPECT_COMPILED=1 but the install compiled nothing: {native.summary()}")
        pytest.skip(f"no compiled twins in this install: {native.summary()}")
    return states


def _env(pure: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    return env | {native.PURE_ENV: "1"} if pure else env


def _orgkg(*args: str, pure: bool, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, env=_env(pure),
                          cwd=cwd)


def test_the_install_compiled_every_hot_module(compiled):
    assert compiled == {m: "compiled" for m in native.COMPILED}, native.summary()
    assert native.summary() == f"compiled: {len(native.COMPILED)} of {len(native.COMPILED)} hot modules"


_DUMP = """
import json, sys
from orgkg import native
from orgkg.loaders import expand_paths, load_file
for f in expand_paths(sys.argv[1:]):
    print(json.dumps(load_file(f).to_json(), sort_keys=True, ensure_ascii=False))
print(json.dumps(native.status()))
"""


def test_twins_extract_exactly_what_the_sources_extract(compiled, tmp_path):
    synth = tmp_path / "synth"
    write_corpus(300, 7, synth)
    dirs = [str(d) for d in (SHARED / "seeds", SHARED / "corpus", synth, orgkg.SAMPLES) if d.is_dir()]
    runs = {}
    for pure in (False, True):
        run = subprocess.run([sys.executable, "-c", _DUMP, *dirs], capture_output=True, text=True, env=_env(pure),
                             cwd=tmp_path, check=True)
        *lines, states = run.stdout.splitlines()
        runs[pure] = (lines, set(json.loads(states).values()))
    assert runs[False][1] == {"compiled"} and runs[True][1] == {"python"}
    assert len(runs[False][0]) >= 300
    assert runs[False][0] == runs[True][0]


@pytest.mark.parametrize("flags", [["--no-cache", "--jobs", "1"], ["--jobs", "2"]], ids=["no-cache", "cached-2-jobs"])
def test_twins_build_the_same_graph_file(compiled, tmp_path, flags):
    """The graph modules too (merge, store, cache, build state), and in worker processes (pickling)."""
    docs = tmp_path / "docs"
    write_corpus(150, 3, docs)
    for pure in (False, True):
        out = tmp_path / f"graph-{pure}.json"
        run = _orgkg("build", str(docs), "-o", str(out), *flags, "--quiet", pure=pure, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    assert filecmp.cmp(tmp_path / "graph-False.json", tmp_path / "graph-True.json", shallow=False)


def _tree_with_changed_memo(tmp_path: Path) -> Path:
    """A package tree of this checkout whose loaders/memo.py differs from the source its twin was compiled
    from, with that stale twin lying beside it under the name the default import machinery looks for."""
    tree = tmp_path / "tree"
    pkg = tree / "orgkg"
    pkg.mkdir(parents=True)
    for entry in (REPO / "orgkg").iterdir():
        if entry.name != "__pycache__":
            (pkg / entry.name).symlink_to(entry)
    for name, folder in tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"].items():
        if name.startswith("orgkg.") and name != "orgkg.loaders":
            (pkg / name.split(".", 1)[1]).symlink_to(REPO / folder)
    loaders = pkg / "loaders"
    shutil.copytree(REPO / "loaders", loaders, ignore=shutil.ignore_patterns("__pycache__"))
    (loaders / "memo.py").write_text((REPO / "loaders" / "memo.py").read_text() + "\n# changed after compiling\n")
    twin = next(native.NATIVE_DIR.glob("orgkg.loaders.memo-*"))
    shutil.copy(twin, loaders / f"memo{EXTENSION_SUFFIXES[0]}")
    return tree


def test_a_changed_source_runs_as_itself_and_says_so(compiled, tmp_path):
    tree = _tree_with_changed_memo(tmp_path)
    code = ("import orgkg.loaders.memo as m, orgkg.loaders.phrases as p; from orgkg import native;"
            "print(m.__file__); print(p.__file__); print(native.summary())")
    env = _env(False) | {"PYTHONPATH": str(tree)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    memo_file, phrases_file, summary = run.stdout.splitlines()
    assert memo_file == str(tree / "orgkg" / "loaders" / "memo.py")  # not the stale twin beside it
    assert Path(phrases_file).parent == native.NATIVE_DIR  # unchanged sources still run compiled
    assert f"{tree}/orgkg/loaders/memo.py:0: StaleCompiledModule: memo.py changed since it was compiled" in run.stderr
    assert "StaleCompiledModule" not in run.stderr.replace("memo.py:0: StaleCompiledModule", "")  # that one only
    assert summary == (f"compiled: {len(native.COMPILED) - 1} of {len(native.COMPILED)} hot modules "
                       "(as Python: orgkg.loaders.memo)")
    # and the changed module works: a whole extraction through the mixed set
    run = subprocess.run([sys.executable, "-m", "orgkg", "extract", str(orgkg.SAMPLES)], capture_output=True, text=True,
                         env=env, cwd=tmp_path)
    assert run.returncode == 0 and "Coordinator" in run.stdout, run.stderr


def test_pure_python_switch(compiled, tmp_path):
    run = subprocess.run([sys.executable, "-m", "orgkg", "--version"], capture_output=True, text=True,
                         env=_env(True), cwd=tmp_path, check=True)
    assert run.stdout.strip() == f"orgkg {orgkg.__version__} (pure Python ({native.PURE_ENV} is set))"
    run = subprocess.run([sys.executable, "-m", "orgkg", "--version"], capture_output=True, text=True,
                         env=_env(False), cwd=tmp_path, check=True)
    assert run.stdout.strip() == f"orgkg {orgkg.__version__} ({native.summary()})"
