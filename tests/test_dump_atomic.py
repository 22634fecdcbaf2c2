"""A dump killed with SIGKILL halfway leaves no file that looks complete."""
from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from kg.publish import releases
from kg.publish.files import is_temp_name
from kg.publish.formats import ALL_FILES, RELEASE_JSON
from kg.publish.sample_store import build_sample_store
from publish_support import REPO


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("atomic") / "store"
    build_sample_store(path, 300)
    return path


def _start_dump(store: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "dump", "--store", str(store), "--out", str(out),
                             "--version", "k1"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(proc: subprocess.Popen, ready, timeout: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            return True
        time.sleep(0.005)
    return False


def _gzip_complete(path: Path) -> bool:
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
        return True
    except (EOFError, OSError, zlib.error):
        return False


def _check_nothing_looks_complete(release: Path, data: Path) -> None:
    assert not (release / RELEASE_JSON).exists()
    assert releases(data) == []
    assert not (data / "latest").exists()
    for entry in release.iterdir():
        if is_temp_name(entry.name) or entry.name.startswith("sort"):
            continue
        # anything under a final name was renamed there only once complete
        assert entry.name in {f.filename for f in ALL_FILES}, entry.name
        if entry.suffix == ".gz":
            assert _gzip_complete(entry), f"{entry.name} is truncated"


@pytest.mark.parametrize("stage", ["first-file", "after-ntriples"])
def test_sigkill_leaves_no_complete_looking_file(big_store, tmp_path, stage):
    out = tmp_path / "out"
    release = out / "k1"
    proc = _start_dump(big_store, out)
    try:
        if stage == "first-file":
            ready = lambda: release.is_dir() and any(  # noqa: E731
                is_temp_name(p.name) and p.stat().st_size > 0 for p in release.iterdir())
        else:
            ready = lambda: (release / "unres.nt.gz").exists()  # noqa: E731
        caught = _wait_for(proc, ready)
        assert caught, "the dump finished before it could be interrupted (store too small?)"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    temps = [p for p in release.iterdir() if is_temp_name(p.name)]
    if stage == "first-file":
        assert temps, "the interrupted file stays under its temporary name"
    _check_nothing_looks_complete(release, out)

    # the next dump cleans up and completes the release
    rerun = subprocess.run([sys.executable, "-m", "kg.cli", "dump", "--store", str(big_store), "--out", str(out),
                            "--version", "k1"], cwd=REPO, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert not [p for p in release.iterdir() if is_temp_name(p.name)]
    assert [m.version for m in releases(out)] == ["k1"]
