"""Atomic, deterministic file writing for release files.

Every release file is written to a hidden temporary name in its final folder,
flushed and fsynced, then renamed over the final name with ``os.replace``:
a reader (a harvester, the endpoint) sees either the old complete file or
the new complete file, never half of one.  A writer killed halfway leaves only
a ``.<name>.tmp-<pid>`` file, which no final name matches.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from isal import igzip

TEMP_MARK = ".tmp-"
CHUNK = 1 << 20
GZIP_LEVEL = 2     # ISA-L's levels are 0-3; 2 writes about zlib's level-1 sizes at several times its speed


def temp_path(final: Path) -> Path:
    """The hidden temporary name used while ``final`` is being written."""
    return final.with_name(f".{final.name}{TEMP_MARK}{os.getpid()}")


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TEMP_MARK in name


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_file(final: Path) -> Iterator[IO[bytes]]:
    """Open a binary file that appears at ``final`` only once fully written."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    handle = open(tmp, "wb")
    try:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except BaseException:
        handle.close()
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_gzip(final: Path, level: int = GZIP_LEVEL) -> Iterator[IO[bytes]]:
    """Like :func:`atomic_file`, compressing with gzip (ISA-L's igzip: the same format, faster).

    The gzip header carries no file name and a zero timestamp, so the same
    bytes in give the same bytes out (deterministic releases).
    """
    with atomic_file(final) as raw:
        with igzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=level, mtime=0) as gz:
            yield gz


def write_bytes_atomic(final: Path, data: bytes) -> None:
    with atomic_file(final) as handle:
        handle.write(data)


def symlink_atomic(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` (relative), replacing any old link atomically."""
    tmp = temp_path(link)
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)
    fsync_dir(link.parent)


def temp_dir(final: Path) -> Path:
    """A hidden scratch folder beside ``final`` (its name is a temporary name)."""
    return temp_path(final)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files and scratch folders left by a killed writer; return what was removed."""
    removed = []
    if folder.is_dir():
        for entry in folder.iterdir():
            if not is_temp_name(entry.name):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()
