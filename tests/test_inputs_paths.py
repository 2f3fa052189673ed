"""Issue 22, inputs: odd file names, deep and unreadable folders, and symbolic links out of the input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orgkg
from orgkg.loaders import expand_paths

DESC = "Budget Analyst\nJob Code: B123\nReports to: Finance Director\n"


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orgkg", "build", *args], capture_output=True, text=True)


def test_file_name_not_utf8_is_read_and_named_printably(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    name = os.fsdecode(b"caf\xe9-analyst.txt")  # Latin-1 bytes: not valid UTF-8
    assert os.fsencode(name) == b"caf\xe9-analyst.txt"
    (d / name).write_text(DESC, encoding="utf-8")
    (d / "other.txt").write_text(DESC.replace("Budget Analyst", "Payroll Clerk"), encoding="utf-8")
    (d / os.fsdecode(b"vide-\xff.txt")).write_bytes(b"")  # a real problem with such a name: one printable line
    out = tmp_path / "org.json"
    for extra in ((), ("--no-cache", "-j", "2"), ()):  # cold with the cache, in worker processes, then from the cache
        r = build(str(d), "-o", str(out), "--quiet", *extra)
        assert r.returncode == 1, r.stderr
        assert r.stderr.splitlines() == [f"orgkg: skipped {d}/vide-\\xff.txt: empty file"]
        g = orgkg.load(out)
        docs = {n["name"]: n for n in g.nodes("Document")}
        assert set(docs) == {"caf\\xe9-analyst.txt", "other.txt"}, docs
        assert docs["caf\\xe9-analyst.txt"]["path"] == f"{d}/caf\\xe9-analyst.txt"
        evidence = [e for _, _, a in g.g.edges(data=True) for e in a.get("evidence", [])]
        assert {e["doc"] for e in evidence} == {"caf\\xe9-analyst.txt", "other.txt"}
        out.read_bytes().decode("utf-8")  # the graph file stays valid UTF-8
    # named on its own, it is read the same way
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


def test_files_of_other_kinds_are_counted_not_listed(tmp_path):
    """A corpus with a gold/ folder of answers: a few named, one count line; real errors one line each."""
    d = tmp_path / "in"
    (d / "gold").mkdir(parents=True)
    (d / "analyst.txt").write_text(DESC, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    for i in range(250):
        (d / "gold" / f"{i:03d}.json").write_text("{}", encoding="utf-8")
    (d / "table.csv").write_text("a,b\n", encoding="utf-8")
    out = str(tmp_path / "org.json")
    errors = [f"orgkg: skipped {d}/bad.txt: binary file, not text",
              f"orgkg: skipped {d}/empty.txt: empty file"]
    count = "orgkg: skipped 251 files of unsupported kinds (.json 250, .csv 1)"
    quiet = build(str(d), "-o", out, "--quiet")
    assert quiet.returncode == 1, quiet.stderr
    assert sorted(quiet.stderr.splitlines()) == sorted([count, *errors])
    loud = build(str(d), "-o", out)
    assert loud.returncode == 1, loud.stderr
    named = [f"orgkg: skipped {d}/gold/000.json: unsupported kind (.json)",
             f"orgkg: skipped {d}/gold/001.json: unsupported kind (.json)",
             f"orgkg: skipped {d}/gold/002.json: unsupported kind (.json)"]
    lines = [x for x in loud.stderr.splitlines() if x.startswith("orgkg: skipped")]
    assert lines == [*named, count, *errors] or lines == [*named, count, *errors[::-1]], loud.stderr
    # one or two of them: named, no count line; with --quiet, the count alone
    few = tmp_path / "few"
    few.mkdir()
    (few / "analyst.txt").write_text(DESC, encoding="utf-8")
    (few / "notes.json").write_text("{}", encoding="utf-8")
    r = build(str(few), "-o", out)
    assert [x for x in r.stderr.splitlines() if "skipped" in x] == \
        [f"orgkg: skipped {few}/notes.json: unsupported kind (.json)"]
    r = build(str(few), "-o", out, "--quiet")
    assert (r.returncode, r.stderr) == (0, "orgkg: skipped 1 file of an unsupported kind (.json 1)\n")


def test_output_names_not_utf8_are_shown_printably(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "analyst.txt").write_text(DESC, encoding="utf-8")
    out = tmp_path / os.fsdecode(b"org\xe9.json")
    r = build(str(d), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"built {tmp_path}/org\\xe9.json: 1 documents" in r.stdout and f"({tmp_path}/org\\xe9.json.cache)" in r.stdout
    folder = tmp_path / os.fsdecode(b"dossier\xe9")
    folder.mkdir()
    r = build(str(d), "-o", str(folder))
    assert r.returncode == 2 and r.stderr == (f"orgkg: {tmp_path}/dossier\\xe9: is a directory, not a file orgkg "
                                              "writes; refusing to replace it\n")
