"""Malformed inputs at the command line: one-line errors naming the file, right exit codes, the rest processed.

Why: users point orgkg at folders they did not curate. A bad file must cost one line on stderr,
never a traceback, and never the good files beside it. Exit codes: 0 ok, 1 some inputs skipped,
2 nothing could be done. Every case runs the real CLI in a subprocess (`python -m orgkg`).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import orgkg

BIG_MB = 50


def cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "orgkg", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def error_lines(stderr: str) -> list[str]:
    """stderr lines that are messages (progress bars redraw with \\r and are not messages)."""
    return [ln for ln in stderr.splitlines() if ln.strip() and ln.startswith("orgkg:")]


def assert_clean(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in out.stderr, out.stderr
    assert "Traceback" not in out.stdout


def sample_text() -> str:
    return orgkg.sample_paths()[1].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory) -> Path:
    """Good UTF-8 and cp1252 descriptions beside a binary, an empty and a 50 MB file (all *.txt)."""
    d = tmp_path_factory.mktemp("mixed")
    (d / "good.txt").write_text(sample_text(), encoding="utf-8")
    (d / "cp1252.txt").write_bytes("Coordinator \u2013 Caf\u00e9\nUnder the direction of the Chief of Staff, "
                                   "works with the Office of Food \u2019Services\u2019.\n".encode("cp1252"))
    (d / "binary.txt").write_bytes(random.Random(1).randbytes(4096))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t\n")
    line = ("Under the direction of the Chief of Staff, coordinates the work of the office. " * 20 + "\n").encode()
    with open(d / "huge.txt", "wb") as f:
        for _ in range(BIG_MB * 1024 * 1024 // len(line) + 1):
            f.write(line)
    return d


BAD = ("binary.txt", "empty.txt", "blank.txt", "huge.txt")
GOOD = ("good.txt", "cp1252.txt")


def test_mixed_directory_build(mixed_dir, tmp_path):
    out = cli("build", mixed_dir, "-o", tmp_path / "org.json", "--quiet")
    assert_clean(out)
    assert out.returncode == 1, out.stderr
    lines = error_lines(out.stderr)
    for bad in BAD:
        mine = [ln for ln in lines if bad in ln]
        assert len(mine) == 1, f"expected one line naming {bad}: {lines}"
    assert not [ln for ln in lines if any(g in ln for g in GOOD)], lines
    data = json.loads((tmp_path / "org.json").read_text(encoding="utf-8"))
    docs = {n["name"] if "name" in n else n["id"] for n in data["nodes"] if n["type"] == "Document"}
    docs = {d.split(":", 1)[-1] for d in docs}
    assert set(GOOD) <= docs, docs
    assert not set(BAD) & docs


def test_mixed_directory_extract(mixed_dir):
    out = cli("extract", mixed_dir)
    assert_clean(out)
    assert out.returncode == 1
    docs = [json.loads(ln)["doc"] for ln in out.stdout.splitlines()]
    assert sorted(docs) == sorted(GOOD)
    warned = [ln for ln in error_lines(out.stderr) if "encoding:" in ln]
    lines = [ln for ln in error_lines(out.stderr) if "encoding:" not in ln]
    assert len(lines) == len(BAD), lines
    assert any("huge.txt" in ln and "too large" in ln for ln in lines), lines
    assert any("binary.txt" in ln and "binary" in ln for ln in lines), lines
    # the cp1252 file is read, with a one-line warning that its encoding was guessed
    assert len(warned) == 1 and "cp1252.txt" in warned[0], warned


def test_missing_file_beside_good_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(sample_text(), encoding="utf-8")
    out = cli("extract", good, tmp_path / "missing.txt")
    assert_clean(out)
    assert out.returncode == 1
    assert len(out.stdout.splitlines()) == 1
    assert error_lines(out.stderr) == [ln for ln in error_lines(out.stderr) if "missing.txt" in ln]
    assert len(error_lines(out.stderr)) == 1


def test_build_of_only_missing_files_is_an_error(tmp_path):
    out = cli("build", tmp_path / "missing.txt", "-o", tmp_path / "org.json", "--quiet")
    assert_clean(out)
    assert out.returncode == 2
    assert any("missing.txt" in ln for ln in error_lines(out.stderr))
    assert not (tmp_path / "org.json").exists()


def test_extract_of_only_missing_files_is_an_error(tmp_path):
    out = cli("extract", tmp_path / "missing.txt")
    assert_clean(out)
    assert out.returncode == 2


def test_empty_directory(tmp_path):
    (tmp_path / "d").mkdir()
    out = cli("build", tmp_path / "d", "-o", tmp_path / "org.json", "--quiet")
    assert_clean(out)
    assert out.returncode == 2
    assert any(str(tmp_path / "d") in ln for ln in error_lines(out.stderr))


def test_unreadable_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(sample_text(), encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(sample_text(), encoding="utf-8")
    locked.chmod(0)
    try:
        try:
            locked.read_bytes()
            pytest.skip("running as root: chmod 000 does not stop root from reading the file")
        except PermissionError:
            pass
        out = cli("extract", good, locked)
        assert_clean(out)
        assert out.returncode == 1
        assert len(out.stdout.splitlines()) == 1
        lines = error_lines(out.stderr)
        assert len(lines) == 1 and "locked.txt" in lines[0], lines
    finally:
        locked.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = cli("extract", fifo, timeout=5)
    assert_clean(out)
    assert out.returncode in (1, 2)
    assert any("pipe.txt" in ln for ln in error_lines(out.stderr))


# ---- graph files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "org.json"
    orgkg.sample_graph().save(path)
    return path


def _edit(good: Path, change) -> str:
    data = json.loads(good.read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data)


def bad_graphs(good: Path) -> dict[str, bytes]:
    text = good.read_text(encoding="utf-8")
    return {
        "truncated.json": text[: len(text) // 2].encode(),
        "truncated-early.json": text[:40].encode(),
        "empty.json": b"",
        "binary.json": random.Random(2).randbytes(2048),
        "not-utf8.json": b'{"format": "orgkg-graph", "name": "\xff\xfe"}',
        "list.json": b"[1, 2, 3]",
        "other-json.json": b'{"nodes": [], "edges": []}',
        "future.json": _edit(good, lambda d: d.update(version=99)).encode(),
        "no-version.json": _edit(good, lambda d: d.pop("version")).encode(),
        "nodes-not-list.json": _edit(good, lambda d: d.update(nodes=5)).encode(),
        "node-without-id.json": _edit(good, lambda d: d["nodes"][0].pop("id")).encode(),
        "unknown-type.json": _edit(good, lambda d: d["nodes"][0].update(type="Spaceship")).encode(),
        "dangling-edge.json": _edit(good, lambda d: d["edges"][0].update(target="role:ghost")).encode(),
    }


CHAIN = ["chain", "Coordinator, Innovative and Progressive Systemwide Training"]


@pytest.mark.parametrize("command,only", [
    (CHAIN, ("truncated.json", "binary.json", "future.json", "not-utf8.json")),
    (["collaborators", "DSSEM"], ("truncated-early.json", "list.json", "dangling-edge.json")),
])
def test_corrupt_graph_files(good_graph, tmp_path, command, only):
    """In a real process: exit 2, one stderr line naming the file, no traceback, no output."""
    ok = cli(*command, "--graph", good_graph)
    assert ok.returncode == 0, ok.stderr
    for name, data in bad_graphs(good_graph).items():
        if name not in only:
            continue
        path = tmp_path / name
        path.write_bytes(data)
        out = cli(*command, "--graph", path)
        assert_clean(out)
        assert out.returncode == 2, f"{name}: exit {out.returncode}"
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, f"{name}: {out.stderr!r}"
        assert str(path) in lines[0], f"{name}: error does not name the file: {lines[0]}"
        assert out.stdout == "", f"{name}: printed output from a bad graph"


def test_every_corrupt_graph_kind_in_process(good_graph, tmp_path, capsys):
    """All kinds of damaged graph through `orgkg.cli.main` (fast): any escaping exception fails the test."""
    from orgkg.cli import main

    for name, data in bad_graphs(good_graph).items():
        path = tmp_path / name
        path.write_bytes(data)
        code = main([*CHAIN, "--graph", str(path)])
        out, err = capsys.readouterr()
        assert code == 2, f"{name}: exit {code}"
        lines = err.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], f"{name}: {err!r}"
        assert out == "", f"{name}: printed output from a bad graph"


def test_future_version_says_upgrade(good_graph, tmp_path):
    path = tmp_path / "future.json"
    path.write_text(_edit(good_graph, lambda d: d.update(version=99)), encoding="utf-8")
    out = cli("chain", "DSSEM", "--graph", path)
    assert out.returncode == 2
    assert "99" in out.stderr and "upgrade" in out.stderr.lower()


@pytest.mark.parametrize("where", ["directory", "missing"])
def test_graph_path_not_a_file(tmp_path, where):
    path = tmp_path / "graphdir" if where == "directory" else tmp_path / "nope.json"
    if where == "directory":
        path.mkdir()
    out = cli("collaborators", "DSSEM", "--graph", path)
    assert_clean(out)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], out.stderr


def test_build_output_into_missing_dir_or_directory(tmp_path):
    good = orgkg.sample_paths()[0]
    (tmp_path / "taken").mkdir()
    out = cli("build", good, "-o", tmp_path / "taken", "--quiet")
    assert_clean(out)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "taken" in out.stderr


def test_a_command_alone_parses_as_it_does_among_all(capsys):
    """main() registers only the command it runs (cli.parser(command)): that sub-parser must be the one the
    full parser holds, and a name no module bears (a typo, `import` in import_rdf.py) gets every command,
    so argparse's "invalid choice" lists them all."""
    from orgkg.cli import main, parser

    def commands(ap):
        return next(a for a in ap._actions if a.dest == "command").choices

    every = commands(parser())
    alone = 0
    for name, sub in every.items():
        got = commands(parser(name))
        assert got[name].format_help() == sub.format_help(), name
        assert len(got) == 1 or got.keys() == every.keys(), name
        alone += len(got) == 1
    assert alone >= len(every) - 1  # all but `import`
    for name in ("import_rdf", "biuld", "-h", "_common"):
        assert commands(parser(name)).keys() == every.keys(), name
    with pytest.raises(SystemExit):
        main(["biuld", "x"])
    err = capsys.readouterr().err
    assert "invalid choice: 'biuld'" in err and all(repr(n) in err for n in every)


def test_graph_name_with_a_byte_not_utf8_is_one_escaped_line(tmp_path):
    """A name the file system allows but UTF-8 does not: the error shows the byte as \\xff, as the skipped-file
    lines of a build do, not a lone surrogate the terminal cannot print."""
    name = os.fsencode(tmp_path) + b"/graph\xff.json"
    for command in ("check", "competencies"):
        out = subprocess.run([sys.executable, "-m", "orgkg", command, "-g", name], capture_output=True,
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert out.returncode == 2
        err = out.stderr.decode("utf-8")  # valid UTF-8 through and through
        assert error_lines(err) == [f"orgkg: {tmp_path}/graph\\xff.json: no such graph file"], err
