"""Issue 22, inputs: odd file names, deep and unreadable folders, and symbolic links out of the input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orgkg.loaders import expand_paths

import orgkg

DESC = "Budget Analyst\nJob Code: B123\nReports to: Finance Director\n"


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgkg", "build", *args], capture_output=True, text=True)


def test_file_name_not_utf8_is_one_line_and_the_rest_builds(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    name = os.fsdecode(b"caf\xe9-analyst.txt")  # Latin-1 bytes: not valid UTF-8
    (d / name).write_text(DESC, encoding="utf-8")
    (d / "other.txt").write_text(DESC.replace("Budget Analyst", "Payroll Clerk"), encoding="utf-8")
    out = tmp_path / "org.json"
    r = build(str(d), "-o", str(out), "--quiet")
    assert r.returncode == 1, r.stderr
    assert r.stderr.splitlines() == [f"orgkg: skipped {d}/caf\\xe9-analyst.txt: file name is not valid UTF-8; "
                                     "rename the file to read it"]
    assert {n["name"] for n in orgkg.load(out).nodes("Document")} == {"other.txt"}
    # named on its own, it is read: the extraction shows the name escaped
    ex = orgkg.load_file(d / name)
    assert ex.doc == "caf\\xe9-analyst.txt" and ex.relations


def test_folders_nested_deeper_than_1000(tmp_path):
    d = tmp_path / "in"
    deep = d
    d.mkdir()
    for _ in range(1100):  # one by one: Path.mkdir(parents=True) itself recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "analyst.txt").write_text(DESC, encoding="utf-8")
    try:
        errors: list[str] = []
        files = expand_paths([d], errors)
        assert [f.name for f in files] == ["analyst.txt"] and errors == []
    finally:  # bottom up: shutil.rmtree, which cleans tmp_path, recurses too
        (deep / "analyst.txt").unlink()
        while deep != d:
            deep.rmdir()
            deep = deep.parent


def test_unreadable_directory_is_reported(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "a.txt").write_text(DESC, encoding="utf-8")
    real = os.scandir

    def scandir(path):  # root reads any folder: refuse this one as a permission would
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[str] = []
    files = expand_paths([d], errors)
    assert [f.name for f in files] == ["a.txt"]
    assert errors == [f"{d / 'locked'}: cannot read directory (Permission denied)"]


def test_newline_in_a_file_name_keeps_messages_one_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad\nname.txt").write_text("   \n", encoding="utf-8")
    (d / "good.txt").write_text(DESC, encoding="utf-8")
    r = build(str(d), "-o", str(tmp_path / "org.json"), "--quiet")
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert lines == [f"orgkg: skipped {d}/bad\\nname.txt: empty file"]


def test_symlinks_out_of_the_input_are_not_followed(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (d / "a.txt").write_text(DESC, encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "b.txt").write_text(DESC.replace("Budget Analyst", "Payroll Clerk"), encoding="utf-8")
    (d / "passwd.txt").symlink_to(secret)
    (d / "inside.txt").symlink_to(d / "sub" / "b.txt")  # a link within the given folder is followed
    (d / "loop").symlink_to(d)  # a folder linking to itself is read once
    out = tmp_path / "org.json"
    r = build(str(d), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"orgkg: skipped {d / 'passwd.txt'}: symbolic link to {secret}, outside the given paths; not followed " \
           "(--follow-links to read it)" in r.stderr.splitlines()
    names = {n["name"] for n in orgkg.load(out).nodes("Role")}
    assert not any("root" in n for n in names)
    r = build(str(d), "-o", str(out), "--follow-links", "--no-cache")
    assert "passwd.txt" not in r.stderr or "symbolic link" not in r.stderr
    docs = {Path(n["path"]).name for n in orgkg.load(out).nodes("Document")}
    assert "passwd.txt" in docs
