"""bench/instructions.py counts another revision's code by putting a package tree first on the path; that tree
must import every orgkg package from the checkout it was made for (an editable install points elsewhere). The
sources are what is checked here, so compiled twins are turned off."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_package_tree_imports_the_given_checkout(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_instructions", REPO / "bench" / "instructions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tree = mod.package_tree(REPO, tmp_path / "tree")
    code = ("import orgkg, orgkg.loaders.phrases, orgkg.graph.store, orgkg.ontology.schema;"
            "print(orgkg.__file__); print(orgkg.loaders.phrases.__file__); print(orgkg.graph.store.__file__)")
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "ORGKG_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                         check=True).stdout.split()
    assert [Path(p).parts[:len(tree.parts)] for p in out] == [tree.parts] * 3  # imported through the tree
    assert Path(out[1]).resolve() == REPO / "loaders" / "phrases.py"
