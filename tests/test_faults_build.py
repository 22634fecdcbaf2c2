"""Faults during a build: SIGKILL at seeded random moments, a full disk, a remote store that answers
500 or drops connections.  After each, the store is consistent (manifest = graphs = the clean
build's content) and the next build completes it (issue 10).

The fast subset uses the build with a small RDF pipeline (the stages are not what is under test
here: the build loop and the stores are); ``tests/stress`` repeats it with the real stages.
"""
from __future__ import annotations

import threading
import time

import pytest

from fault_support import (BASE, RDF_PIPELINE, build_command, by_graph, consistent, env, kill_at_random,
                           mount_tmpfs, rdf_corpus, read_only, resize_tmpfs, seeded_kill_points, umount)
from kg.store.backends import EmbeddedStore, RemoteStore, canonical_quads
from kg.store.build import BuildOptions, build
from kg.store.http import HttpClient, StoreError
from kg.store.testing import OxigraphServer, oxigraph_binary
from reliability_support import FaultProxy

DOCUMENTS = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return rdf_corpus(tmp_path_factory.mktemp("faults") / "corpus", DOCUMENTS)


@pytest.fixture(scope="module")
def clean_store(corpus):
    """The reference: the same corpus built without faults (its manifest beside it)."""
    store = EmbeddedStore(None, BASE)
    report = build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False),
                   store)
    assert report.balanced and report.refused == 2
    return store


@pytest.fixture(scope="module")
def clean(clean_store):
    """The reference's quads (an embedded store holds the graphs only)."""
    return canonical_quads(clean_store)


def test_sigkill_at_random_moments_leaves_a_consistent_store_that_the_next_build_completes(corpus, clean,
                                                                                         tmp_path):
    store = tmp_path / "store"
    command = build_command(corpus, str(store), RDF_PIPELINE)
    slow = env(KG_BUILD_COMMIT_DELAY="0.02")
    reference = by_graph(clean)
    kills = 0
    for after, jitter in seeded_kill_points(seed=10, count=3, max_commits=DOCUMENTS // 3, max_jitter=0.03):
        killed, commits = kill_at_random(command, slow, after, jitter, tmp_path / "trace")
        kills += killed
        half = read_only(store)
        # the manifest claims nothing the store lacks (graphs it does not know yet: dropped by the next build)
        assert consistent(half, reference, exact=False) == [], \
            f"after a kill {jitter} s after commit {after} ({commits} commits)"
        del half
    assert kills >= 2, "the builds finished before they could be killed"
    import subprocess
    rerun = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 2, rerun.stderr          # 2: the two bad documents are refused
    assert canonical_quads(read_only(store)) == clean
    assert consistent(read_only(store), reference) == []


def test_a_full_disk_fails_the_build_clearly_and_the_next_build_completes(tmp_path):
    import subprocess

    disk = tmp_path / "disk"
    if not mount_tmpfs(disk, 1.0):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        corpus = rdf_corpus(tmp_path / "big", 150, words=1500)
        reference_store = EmbeddedStore(None, BASE)
        build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False),
              reference_store)
        clean = canonical_quads(reference_store)
        store = disk / "store"
        command = build_command(corpus, str(store), RDF_PIPELINE, batch=5)
        full = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
        assert full.returncode == 1, full.stderr
        assert "No space left on device" in full.stderr and "Traceback" not in full.stderr
        assert len(full.stderr.strip().splitlines()) == 1, full.stderr
        half = read_only(store)
        assert consistent(half, by_graph(clean), exact=False) == []
        del half
        resize_tmpfs(disk, 64)
        rerun = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 2, rerun.stderr
        assert canonical_quads(read_only(store)) == clean
        assert consistent(read_only(store), by_graph(clean)) == []
    finally:
        umount(disk)


# --- a remote store behind a misbehaving proxy --------------------------------------------------

@pytest.fixture
def remote(tmp_path):
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server CLI is not installed")
    server = OxigraphServer(tmp_path / "oxigraph").start()
    proxy = None
    try:
        proxy = FaultProxy(server.url, tmp_path)
        yield server, proxy
    finally:
        if proxy is not None:
            proxy.stop()
        server.stop()


def _remote_build(corpus, proxy):  # type: ignore[no-untyped-def]
    client = HttpClient(attempts=6, first_delay=0.02, max_delay=0.2, timeout=30)
    store = RemoteStore(f"sparql+{proxy.url}/", BASE, client=client)
    return build(BuildOptions(sources=[str(corpus)], base=BASE, jobs=1, pipeline=RDF_PIPELINE, progress=False,
                              batch_documents=4), store)


def test_a_flaky_remote_store_gets_the_same_graphs(corpus, clean, clean_store, remote):
    server, proxy = remote
    proxy.mode("flaky")          # of every three requests: a 500, a drop after the write, a pass
    report = _remote_build(corpus, proxy)
    assert report.balanced
    stats = proxy.stats()
    assert stats["error500"] > 0 and stats["dropped"] > 0
    direct = RemoteStore(server.store_spec, BASE)
    assert canonical_quads(direct, include_manifest=False) == clean     # a remote store keeps its manifest inside
    assert direct.manifest() == clean_store.manifest()


def test_a_remote_store_that_only_fails_stops_the_build_clearly_and_holds_nothing(corpus, remote):
    server, proxy = remote
    proxy.mode("error500")
    with pytest.raises(StoreError, match="HTTP 500"):
        _remote_build(corpus, proxy)
    direct = RemoteStore(server.store_spec, BASE)
    assert direct.named_graphs() == set()


@pytest.mark.parametrize("fault", ["drop", "drop-after", "error500"])
def test_a_remote_store_failing_midway_stays_consistent_and_the_next_build_completes(corpus, clean, clean_store,
                                                                                     remote, fault):
    server, proxy = remote
    proxy.mode("pass")
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["report"] = _remote_build(corpus, proxy)
        except StoreError as error:
            outcome["error"] = error

    builder = threading.Thread(target=run)
    builder.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proxy.stats()["forwarded"] < 12 and builder.is_alive():
        time.sleep(0.005)
    proxy.mode(fault)
    builder.join(120)
    assert "error" in outcome, "the build went through a failing store"
    direct = RemoteStore(server.store_spec, BASE)
    assert consistent(direct, by_graph(clean), exact=False) == []
    proxy.mode("pass")
    report = _remote_build(corpus, proxy)
    assert report.balanced
    assert canonical_quads(direct, include_manifest=False) == clean
    assert direct.manifest() == clean_store.manifest()
