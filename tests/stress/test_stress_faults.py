"""Faults during a build with the real stages (parse -> link -> map -> validate): SIGKILL at seeded
random moments, a full disk, a flaky remote store through ``kg build --store sparql+http://``
(issue 10).  Each time the store stays consistent and the next build completes it."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import record
from fault_support import (BASE, build_command, by_graph, consistent, env, kill_at_random, mount_tmpfs, read_only,
                           resize_tmpfs, seeded_kill_points, umount)
from kg.store.backends import EmbeddedStore, RemoteStore, canonical_quads
from kg.store.testing import OxigraphServer, oxigraph_binary
from reliability_support import CORPUS, FaultProxy

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("KG_FAULT_KILLS", "6"))
SOURCES = ["seed", "unxml-ga/xml/78session/English", "unxml-sc/xml/2022/English", "ods-word/ga72/text-seedlike",
           "unxml-hrc/xml/54session/English"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real") / "corpus"
    folder.mkdir()
    for rel in SOURCES:
        source = CORPUS / rel
        if not source.exists():
            continue
        for path in sorted(source.iterdir())[:8] if source.is_dir() else [source]:
            if path.is_file():
                shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.doc").write_bytes(os.urandom(4096))
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("clean") / "store"
    run = subprocess.run(build_command(corpus, str(store), None, jobs=2, batch=64), env=env(),
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 2, run.stderr
    with EmbeddedStore(store, BASE) as built:
        return canonical_quads(built)


def test_sigkill_at_random_moments_with_the_real_stages(corpus, clean, tmp_path):
    store = tmp_path / "store"
    command = build_command(corpus, str(store), None, jobs=2, batch=1)
    killed, notes = 0, []
    documents = len(list(corpus.iterdir()))
    for after, jitter in seeded_kill_points(seed=20, count=KILLS, max_commits=documents // KILLS, max_jitter=0.3):
        was_killed, commits = kill_at_random(command, env(), after, jitter, tmp_path / "trace")
        killed += was_killed
        problems = consistent(read_only(store), by_graph(clean), exact=False)
        notes.append({"after_commit": after, "jitter": jitter, "killed": was_killed, "commits": commits,
                      "problems": problems})
        assert problems == []
    rerun = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=900)
    final = canonical_quads(read_only(store))
    equal = final == clean
    record("faults-sigkill", {"documents": documents, "kills": killed, "attempts": KILLS, "runs": notes,
                              "final_equal": equal, "rerun_exit": rerun.returncode,
                              "differences": sorted(set(final) ^ set(clean))[:6]})
    assert killed >= KILLS // 2 and rerun.returncode == 2 and equal


def test_a_full_disk_with_the_real_stages(corpus, clean, tmp_path):
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, 1.0):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        command = build_command(corpus, str(disk / "store"), None, jobs=2, batch=2)
        full = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=900)
        problems = consistent(read_only(disk / "store"), by_graph(clean), exact=False) if (disk / "store").exists() else []
        resize_tmpfs(disk, 256)
        rerun = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=900)
        final = canonical_quads(read_only(disk / "store"))
        equal = final == clean
        record("faults-disk-full", {"first_exit": full.returncode, "message": full.stderr.strip()[-300:],
                                    "problems": problems, "rerun_exit": rerun.returncode, "final_equal": equal,
                                    "differences": sorted(set(final) ^ set(clean))[:6]})
        assert full.returncode == 1 and "Traceback" not in full.stderr
        assert problems == [] and rerun.returncode == 2 and equal
    finally:
        umount(disk)


@pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph server CLI not installed")
def test_a_flaky_remote_store_through_the_command(corpus, clean, tmp_path):
    with OxigraphServer(tmp_path / "oxigraph") as server:
        proxy = FaultProxy(server.url, tmp_path)
        try:
            proxy.mode("flaky")
            command = build_command(corpus, f"sparql+{proxy.url}/", None, jobs=2, batch=4)
            run = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=900)
            stats = proxy.stats()
            final = canonical_quads(RemoteStore(server.store_spec, BASE), include_manifest=False)  # its manifest: a named graph
            equal = final == clean
            proxy.mode("error500")
            down = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=900)
            record("faults-remote", {"flaky_exit": run.returncode, "proxy": stats, "final_equal": equal,
                                     "differences": sorted(set(final) ^ set(clean))[:6],
                                     "down_exit": down.returncode, "down_message": down.stderr.strip()[-300:]})
            assert run.returncode == 2 and equal
            assert stats["error500"] > 0 and stats["dropped"] > 0
            assert down.returncode == 1 and "Traceback" not in down.stderr
        finally:
            proxy.stop()
