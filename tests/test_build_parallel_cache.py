"""Parallel extraction and the content-keyed extraction cache behind `orgkg build`."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from orgkg.graph import cache as cache_mod
from orgkg.graph.cache import ExtractionCache, decode, encode
from orgkg.loaders import load_file
from orgkg.loaders.parallel import extract_many
from orgkg.synth.corpus import write_corpus


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    d = tmp_path_factory.mktemp("docs")
    write_corpus(80, 11, d)
    return d


def _cli(*a):
    return subprocess.run([sys.executable, "-m", "orgkg", *a], capture_output=True, text=True)


def test_parallel_keeps_order_and_survives_bad_files(docs, tmp_path):
    files = sorted(docs.glob("*.txt"))[:40]
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    paths = files[:10] + [tmp_path / "empty.txt"] + files[10:30] + [tmp_path / "binary.txt", tmp_path / "gone.txt"] + files[30:]
    errors: list[str] = []
    par = extract_many(paths, jobs=2, errors=errors)
    assert len(par) == len(paths)
    assert [p is None for p in par] == [p.name in ("empty.txt", "binary.txt", "gone.txt") for p in paths]
    assert len(errors) == 3 and all(str(tmp_path) in e for e in errors)
    serial = extract_many(paths, jobs=1, errors=[])
    assert par == serial
    assert [ex.doc for ex in par if ex] == [p.name for p in files]


def test_cache_round_trip_is_exact(docs, sample_paths):
    for p in [*sample_paths, *sorted(docs.glob("*.txt"))[:30]]:
        ex = load_file(p)
        back = decode(encode(ex))
        assert back == ex
        assert all(type(v) is tuple for v in back.sections.values())


def test_cache_entries_orjson_cannot_encode_fall_back_to_json(sample_paths, monkeypatch):
    ex = load_file(sample_paths[0])
    ex.role = {**ex.role, 7: "a key that is no string"}
    assert decode(encode(ex)).role["7"] == "a key that is no string"
    monkeypatch.setattr(cache_mod, "orjson", None)  # the json module alone, as without the dependency
    plain = load_file(sample_paths[0])
    assert isinstance(encode(plain), str)
    assert decode(encode(plain)) == plain


def test_cache_key_follows_content_path_and_format(tmp_path):
    c = ExtractionCache(tmp_path)
    k = c.key(b"abc", "a.txt", None)
    assert k == c.key(b"abc", "a.txt", "auto")
    assert len({k, c.key(b"abd", "a.txt", None), c.key(b"abc", "b.txt", None), c.key(b"abc", "a.txt", "generic")}) == 4
    c.db.execute("INSERT INTO extractions VALUES (?, ?)", (k, "{not json"))
    assert c.get(k) is None and c.misses == 1
    for other in ('{"doc": "an entry of cache version 1"}', "[1, 2]", '[1, 2, 3, 4, "no sections"]', "[]"):
        c.db.execute("UPDATE extractions SET json = ? WHERE key = ?", (other, k))
        assert c.get(k) is None  # anything but this version's entry is a miss
    assert (tmp_path / ExtractionCache.FILE).is_file()


def test_get_many_looks_up_more_keys_than_one_query_takes(docs, tmp_path, monkeypatch):
    """Entries are looked up a chunk of keys a query: every stored entry comes back whole, across chunks; a key
    with no entry or with one that is not ours is a miss, counted once however often it is asked."""
    monkeypatch.setattr(cache_mod, "_CHUNK", 7)
    c = ExtractionCache(tmp_path)
    files = sorted(docs.glob("*.txt"))[:20]
    stored = {c.key(f.read_bytes(), f.name, None): load_file(f) for f in files}
    c.put_many(list(stored.items()))
    bad = c.key(b"not ours", "x.txt", None)
    c.db.execute("INSERT INTO extractions VALUES (?, ?)", (bad, "[1, 2]"))
    absent = c.key(b"absent", "y.txt", None)
    got = c.get_many([absent, *stored, bad, absent])
    assert got == stored
    assert (c.hits, c.misses) == (20, 2)


def test_build_reuses_the_cache_and_re_extracts_only_the_changed_document(docs, tmp_path):
    out = tmp_path / "org.json"
    first = _cli("build", str(docs), "-o", str(out), "--jobs", "2")
    assert first.returncode == 0, first.stderr
    assert "cache: 0 reused, 80 extracted" in first.stdout
    assert re.search(r"time: extract [\d.]+ s, merge [\d.]+ s, save [\d.]+ s", first.stdout), first.stdout
    second = _cli("build", str(docs), "-o", str(out))
    assert "cache: 80 reused, 0 extracted" in second.stdout
    victim = sorted(docs.glob("*.txt"))[5]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nCollaborates with the Office of Testing Operations.\n",
                      encoding="utf-8")
    third = _cli("build", str(docs), "-o", str(out))
    assert "cache: 79 reused, 1 extracted" in third.stdout
    fresh = _cli("build", str(docs), "-o", str(tmp_path / "fresh.json"), "--no-cache")
    assert fresh.returncode == 0 and not (tmp_path / "fresh.json.cache").exists()
    a, b = json.loads(out.read_text()), json.loads((tmp_path / "fresh.json").read_text())
    assert a["nodes"] == b["nodes"] and a["edges"] == b["edges"]


def test_build_errors_stay_one_line(docs, tmp_path):
    bad = _cli("build", str(docs), "-o", str(tmp_path / "o.json"), "--jobs", "-1")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--jobs" in bad.stderr
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    only_bad = _cli("build", str(tmp_path / "in"), "-o", str(tmp_path / "o.json"), "-j", "2")
    assert only_bad.returncode == 2 and "Traceback" not in only_bad.stderr


def test_jobs_auto_uses_every_core_only_for_many_documents(monkeypatch):
    from orgkg.loaders import parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    assert parallel.jobs_for(None, parallel.AUTO_MIN_DOCS - 1) == 1  # a one-edit rebuild stays in-process
    assert parallel.jobs_for(None, parallel.AUTO_MIN_DOCS) == 8
    assert parallel.jobs_for(0, 1) == 8 and parallel.jobs_for(3, 10_000) == 3 and parallel.jobs_for(1, 10_000) == 1


def test_build_without_jobs_runs_a_pool_for_a_large_corpus(tmp_path, monkeypatch):
    """The CLI's default: enough documents go to worker processes (seen as pool submissions), and the
    graph equals a one-process build."""
    from concurrent.futures import process

    from orgkg.cli import main
    from orgkg.loaders import parallel

    write_corpus(120, 3, tmp_path / "docs")
    submitted = []
    real = process.ProcessPoolExecutor  # extract_many imports it from there when it needs a pool

    class Pool(real):
        def submit(self, fn, *args, **kwargs):
            submitted.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(process, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert main(["build", str(tmp_path / "docs"), "-o", str(tmp_path / "auto.json"), "--no-cache", "--quiet"]) == 0
    assert sum(submitted) == 120
    submitted.clear()
    assert main(["build", str(tmp_path / "docs"), "-o", str(tmp_path / "one.json"), "--no-cache", "--quiet",
                 "--jobs", "1"]) == 0
    assert submitted == []
    assert (tmp_path / "auto.json").read_bytes() == (tmp_path / "one.json").read_bytes()


def test_load_bytes_equals_load_file_and_reuses_the_digest_only_of_utf8(tmp_path):
    """load_bytes (a build's extraction of the bytes it read for the cache key) gives load_file's Extraction;
    the caller's digest stands for ex.sha256 only when the bytes are the text's UTF-8 (no BOM, not cp1252)."""
    import hashlib

    from orgkg.loaders import load_bytes

    body = "Principal\n\nDEFINITION\nSupervises the Office of Testing Operations. Café.\n"
    pages = {"plain.txt": body.encode(), "bom.txt": b"\xef\xbb\xbf" + body.encode(), "cp.txt": body.encode("cp1252")}
    for name, data in pages.items():
        p = tmp_path / name
        p.write_bytes(data)
        want = load_file(p)
        assert load_bytes(str(p), data) == want
        digest = hashlib.sha256(data).hexdigest()
        assert load_bytes(p, data, sha256=digest) == want  # the digest is reused only where it is ex.sha256
        assert (want.sha256 == digest) == (name == "plain.txt")


def test_a_one_process_cached_build_reads_each_file_once_and_orders_errors_as_files(docs, tmp_path, monkeypatch):
    """The bytes read for a file's cache key are the ones extracted; a file that cannot be extracted still
    gets its one-line error, in file order, and the build equals one without the cache."""
    from orgkg.graph import pipeline as incremental
    from orgkg.loaders import expand_paths
    from orgkg.loaders import text as text_mod

    d = tmp_path / "in"
    d.mkdir()
    for f in sorted(docs.glob("*.txt"))[:12]:
        (d / f.name).write_bytes(f.read_bytes())
    (d / "a-empty.txt").write_text("")
    (d / "z-binary.txt").write_bytes(b"\x00\x01" * 50)
    files = expand_paths([d])
    reads: list[str] = []
    real = incremental.read_file
    monkeypatch.setattr(incremental, "read_file", lambda p, n: reads.append(str(p)) or real(p, n))
    monkeypatch.setattr(text_mod, "read_file", lambda p, n: pytest.fail(f"{p} read a second time"))
    errors: list[str] = []
    r = incremental.build_file(files, tmp_path / "org.json", jobs=1, errors=errors)
    monkeypatch.undo()
    assert sorted(reads) == sorted(map(str, files)) and r.extracted == 12
    assert [e.split(":")[0] for e in errors] == [str(d / "a-empty.txt"), str(d / "z-binary.txt")]
    plain: list[str] = []
    incremental.build_file(files, tmp_path / "plain.json", jobs=1, errors=plain, use_cache=False)
    assert plain == errors and (tmp_path / "org.json").read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert incremental.build_file(files, tmp_path / "org.json", jobs=1).extracted == 0
