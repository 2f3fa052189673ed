"""The build path under a hostile or unlucky user (issue 22): one writer per output, a damaged cache is
never a failed build, orgkg never replaces what it does not own, files follow the umask, no leftovers of
dead processes, and `--jobs` workers die with their build."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

import orgkg
from orgkg.graph.lock import output_lock
from orgkg.synth.corpus import write_corpus


def cli(*args: str, umask: int | None = None, **kw) -> subprocess.CompletedProcess:
    pre = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, preexec_fn=pre, **kw)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    """Two inputs: 24 synthetic documents, and a copy with 8 of them edited."""
    root = tmp_path_factory.mktemp("corpora")
    a = root / "a"
    write_corpus(24, 4, a)
    for f in a.iterdir():  # the corpus writes ground truth beside the documents
        if f.suffix != ".txt":
            shutil.rmtree(f) if f.is_dir() else f.unlink()
    b = root / "b"
    shutil.copytree(a, b)
    for f in sorted(b.glob("*.txt"))[:8]:
        f.write_text(f.read_text(encoding="utf-8") + "\nCollaborates with the Office of Testing Operations.\n",
                     encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def clean(corpora, tmp_path_factory) -> tuple[bytes, bytes]:
    root = tmp_path_factory.mktemp("clean")
    out = []
    for name, d in zip("ab", corpora):
        r = cli("build", str(d), "-o", str(root / f"{name}.json"), "--no-cache", "--quiet")
        assert r.returncode == 0, r.stderr
        out.append((root / f"{name}.json").read_bytes())
    return out[0], out[1]


# ---- one writer per output ----------------------------------------------------------------------------
def test_a_second_build_waits_or_fails_in_one_line_under_no_wait(tmp_path, sample_paths):
    out = tmp_path / "org.json"
    samples = str(sample_paths[0].parent)
    with output_lock(out):
        r = cli("build", samples, "-o", str(out), "--no-wait")
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and "another build" in r.stderr, r.stderr
        assert not out.exists()
        waiting = subprocess.Popen([sys.executable, "-m", "orgkg", "build", samples, "-o", str(out), "--quiet"],
                                   stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline()
        assert "waiting" in line, line
        time.sleep(0.3)
        assert waiting.poll() is None and not out.exists()  # still waiting while the lock is held
    assert waiting.wait(120) == 0
    waiting.stderr.close()
    assert out.exists()


def test_two_builds_to_one_output_always_give_one_clean_graph(corpora, clean, tmp_path):
    """Twenty times: builds of two different inputs, started together, with the cache, to the same output;
    the file is always exactly one input's clean build."""
    out = tmp_path / "w" / "org.json"
    assert cli("build", str(corpora[0]), "-o", str(out), "--quiet").returncode == 0
    for i in range(20):
        order = (corpora[i % 2], corpora[1 - i % 2])
        procs = [subprocess.Popen([sys.executable, "-m", "orgkg", "build", str(d), "-o", str(out), "--quiet"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for d in order]
        for p in procs:
            assert p.wait(300) == 0, p.stderr.read()
            p.stderr.close()
        assert out.read_bytes() in clean, f"run {i}: the graph is neither input's clean build"


# ---- a damaged cache ----------------------------------------------------------------------------------
def _unwritable(path: Path) -> Path:
    """Make `path` unwritable even for root (chattr +i); returns it. Skips if that cannot be done here."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return path
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("root without chattr +i: cannot make a file unwritable here")
    return path


@contextmanager
def _writable_again(path: Path):
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def _truncate(f: Path, part: float) -> None:
    data = f.read_bytes()
    f.write_bytes(data[: int(len(data) * part)])


DAMAGE = {
    "truncated-10": lambda f: _truncate(f, 0.10),
    "truncated-50": lambda f: _truncate(f, 0.50),
    "truncated-99": lambda f: _truncate(f, 0.99),
    "garbage-header": lambda f: f.write_bytes(b"GARBAGE!" * 16 + f.read_bytes()[128:]),
    "a-directory": lambda f: (f.unlink(), f.mkdir(), (f / "x").write_text("x")),
    "read-only-file": _unwritable,
    "unwritable-folder": lambda f: _unwritable(f.parent),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_a_warning_and_a_build_without_it(damage, sample_paths, tmp_path):
    out = tmp_path / "org.json"
    samples = str(sample_paths[0].parent)
    assert cli("build", samples, "-o", str(out), "--quiet").returncode == 0
    want = out.read_bytes()
    out.unlink()
    db = tmp_path / "org.json.cache" / "cache.sqlite"
    made = DAMAGE[damage](db)
    held = made if isinstance(made, Path) else tmp_path / "nothing"
    with _writable_again(held):
        r = cli("build", samples, "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr and "orgkg: warning:" in r.stderr, r.stderr
        assert all(line.startswith("orgkg: ") for line in r.stderr.splitlines()), r.stderr
        assert out.read_bytes() == want
    if damage in ("read-only-file", "unwritable-folder") and os.geteuid() == 0:
        return  # immutable: it could not be moved aside; the build ran without it
    assert list(db.parent.glob("cache.sqlite.damaged-*")), "the damaged cache is moved aside"
    again = cli("build", samples, "-o", str(out))
    assert "5 reused, 0 extracted" in again.stdout and "warning" not in again.stderr, again.stderr


# ---- outputs orgkg may write ----------------------------------------------------------------------------
def test_an_output_symlink_is_written_through(sample_paths, tmp_path):
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    r = cli("build", str(sample_paths[0].parent), "-o", str(tmp_path / "link.json"), "--quiet")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "link.json").is_symlink() and os.readlink(tmp_path / "link.json") == "real.json"
    assert orgkg.load(tmp_path / "real.json").summary() == orgkg.sample_graph().summary()
    # the lock and the cache are beside the file written, not beside the link
    assert (tmp_path / "real.json.cache").is_dir() and (tmp_path / "real.json.lock").is_file()
    assert not (tmp_path / "link.json.cache").exists() and not (tmp_path / "link.json.lock").exists()


def _special(kind: str, where: Path) -> Path:
    if kind == "device":
        return Path("/dev/null")
    path = where / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["device", "fifo", "socket", "directory"])
def test_a_device_fifo_socket_or_directory_is_refused_in_one_line(kind, sample_paths, tmp_path):
    path = _special(kind, tmp_path)
    before = os.stat(path)
    r = cli("build", str(sample_paths[0].parent), "-o", str(path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "refusing" in r.stderr, r.stderr
    after = os.stat(path)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert not Path(f"{path}.cache").exists() and not Path(f"{path}.lock").exists()


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "md"], ["viz"], ["export"], ["chart"]])
@pytest.mark.parametrize("target", ["/proc/orgkg-x.out", "/dev/null", "DIR"])
def test_every_output_option_is_one_line_on_a_place_it_may_not_write(command, target, sample_graph_file, tmp_path):
    """`check -o /proc/x.md` was a traceback: every command's -o refuses a device or folder and names an
    unwritable place in one line, exit 2, and leaves the device as it was."""
    out = str(tmp_path) if target == "DIR" else target
    before = os.stat(out) if os.path.exists(out) else None
    r = cli(*command, "-g", str(sample_graph_file), "-o", out)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"orgkg: {out}: "), r.stderr
    if before is not None:
        after = os.stat(out)
        assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))


def test_an_unwritable_place_is_one_line(sample_paths, tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    with _writable_again(_unwritable(d)):
        r = cli("build", str(sample_paths[0].parent), "-o", str(d / "org.json"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr


def test_a_cache_path_that_is_a_fifo_is_a_warning(sample_paths, tmp_path):
    os.mkfifo(tmp_path / "org.json.cache")
    r = cli("build", str(sample_paths[0].parent), "-o", str(tmp_path / "org.json"), "--quiet")
    assert r.returncode == 0 and "orgkg: warning:" in r.stderr and "FIFO" in r.stderr, r.stderr
    assert stat.S_ISFIFO(os.stat(tmp_path / "org.json.cache").st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_outputs_follow_the_umask_and_the_cache_the_output(mask, sample_paths, tmp_path):
    out = tmp_path / "org.json"
    assert cli("build", str(sample_paths[0].parent), "-o", str(out), "--quiet", umask=mask).returncode == 0
    want = 0o666 & ~mask
    assert stat.S_IMODE(os.stat(out).st_mode) == want
    assert stat.S_IMODE(os.stat(tmp_path / "org.json.cache" / "cache.sqlite").st_mode) == want
    # the folder as private as the graph: 0700 beside a 0600 graph, 0755 beside a 0644 one
    assert stat.S_IMODE(os.stat(tmp_path / "org.json.cache").st_mode) == want | (want & 0o444) >> 2


def test_a_private_graph_gets_a_private_cache_folder(sample_paths, tmp_path):
    """A graph made 0600 keeps 0600 at the next build, and its new cache folder is 0700, whatever the umask."""
    out = tmp_path / "org.json"
    out.write_text("{}")
    out.chmod(0o600)
    assert cli("build", str(sample_paths[0].parent), "-o", str(out), "--quiet", umask=0o022).returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "org.json.cache").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "org.json.cache" / "cache.sqlite").st_mode) == 0o600


def test_stale_temp_files_of_dead_processes_are_removed(sample_paths, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".org.json.{dead.pid}.x1y2.tmp"
    live = tmp_path / f".org.json.{os.getpid()}.a1b2.tmp"  # a writer that is still running: left alone
    stale.write_text("half a graph")
    live.write_text("being written")
    assert cli("build", str(sample_paths[0].parent), "-o", str(tmp_path / "org.json"), "--quiet").returncode == 0
    assert not stale.exists() and live.exists()


# ---- workers die with their build ------------------------------------------------------------------------
def _children(pid: int) -> set[int]:
    kids = set()
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                fields = (p / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.add(int(p.name))
    return kids


def _running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_jobs_workers_die_with_their_build(sig, tmp_path):
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    docs = tmp_path / "docs"
    write_corpus(4000, 9, docs)  # large enough that the build is still extracting when the signal comes
    build = subprocess.Popen([sys.executable, "-m", "orgkg", "build", str(docs), "-o", str(tmp_path / "o.json"),
                              "--jobs", "2", "--no-cache", "--quiet"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # a pipe nobody reads would block the build's messages
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and build.poll() is None:
        workers = {k for k in _children(build.pid) if _running(k)}
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    build.send_signal(sig)
    build.wait(30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(w) for w in workers):
        time.sleep(0.1)
    assert not any(_running(w) for w in workers), "workers outlived their build"
    assert not list(tmp_path.glob(".o.json.*.tmp"))
