"""The extraction cache is keyed on everything extraction reads: the file, its path and format, and the
installed package's code and data (ontology/, loaders/, profiles, ...) with its version."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from orgkg.graph import fingerprint
from orgkg.graph.pipeline import build_file
from orgkg.loaders import expand_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_fingerprint():
    fingerprint.package_fingerprint.cache_clear()
    yield
    fingerprint.package_fingerprint.cache_clear()


def test_the_fingerprint_covers_every_package_of_the_distribution():
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    assert set(fingerprint.PACKAGES) == set(packages)
    files = {str(f) for f in fingerprint.package_files(fingerprint.package_dirs())}
    for name in ("ontology/schema.py", "loaders/relations.py", "loaders/model.py", "orgkg/__init__.py"):
        assert str((ROOT / name).resolve()) in files, name
    data = [f for f in files if not f.endswith(".py")]
    assert any(f.endswith(".ttl") for f in data), "data files (the ontology, profiles) are part of it"


def test_an_edit_under_ontology_makes_every_entry_stale(tmp_path, sample_paths, monkeypatch, fresh_fingerprint):
    """A cached build after a change of one schema file extracts everything again (a stale extraction would
    carry the old section labels); with nothing changed, nothing is extracted."""
    onto = tmp_path / "ontology"
    real = fingerprint.package_dirs()
    shutil.copytree(ROOT / "ontology", onto, ignore=shutil.ignore_patterns("__pycache__"))
    dirs = [onto if d == (ROOT / "ontology").resolve() else d for d in real]
    assert dirs != real
    monkeypatch.setattr(fingerprint, "package_dirs", lambda: dirs)
    files, out = expand_paths(sample_paths), tmp_path / "org.json"
    assert build_file(files, out).extracted == len(files)
    fingerprint.package_fingerprint.cache_clear()
    assert build_file(files, out).extracted == 0
    with open(onto / "schema.py", "a", encoding="utf-8") as f:
        f.write("\n# a section label changed\n")
    fingerprint.package_fingerprint.cache_clear()
    assert build_file(files, out).extracted == len(files)


def test_the_version_is_part_of_the_key(tmp_path):
    dirs = [tmp_path]
    (tmp_path / "a.py").write_text("x = 1\n")
    assert fingerprint.fingerprint(dirs, "0.1.0") != fingerprint.fingerprint(dirs, "0.2.0")
    before = fingerprint.fingerprint(dirs, "0.1.0")
    (tmp_path / "profile.toml").write_text("[labels]\n")
    assert fingerprint.fingerprint(dirs, "0.1.0") != before
