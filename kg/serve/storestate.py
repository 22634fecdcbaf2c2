"""What the server knows of the store on disk, without opening it: its version, the build marker,
whether a build holds it open for writing.

``kg serve`` answers from a store that ``kg build`` may rewrite in place.  These few reads (file
names, sizes and times; one ``stat``; one lock question to the kernel) let the result cache and the
query pool tell one state of the store from the next (kg/serve/cache.py, kg/serve/pool.py).  Free of
Flask and of the store, so query workers start fast.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import struct
from pathlib import Path

BUILD_MARKER = "kg-build.json"        # = kg.store.build.BUILD_MARKER (not imported: workers must start fast)
FLOCK = "hhqqi4x"                     # struct flock on Linux: type, whence, start, len, pid


def store_file_lines(store_path: Path) -> list[str]:
    """One line per file of the store (name, size, modification time); logs left out: readers write them."""
    lines = []
    if store_path.is_dir():
        for item in sorted(store_path.iterdir()):
            if item.name.startswith("LOG") or not item.is_file():
                continue
            stat = item.stat()
            lines.append(f"{item.name}|{stat.st_size}|{stat.st_mtime_ns}\n")
    return lines


def store_version(store_path: str | Path) -> str:
    """A digest of the store's files: the same while the store is unchanged, another once it is rebuilt."""
    return hashlib.sha256("".join(store_file_lines(Path(store_path))).encode()).hexdigest()[:16]


Signature = tuple[int, int, int, int]


def marker_signature(store_path: str | Path) -> Signature | None:
    """(device, inode, size, mtime) of the build marker, ``None`` without one: one ``stat``.

    The build replaces the marker by a rename, so every finished build gives a new inode even
    when its content is the same (``SOURCE_DATE_EPOCH``)."""
    try:
        stat = os.stat(Path(store_path) / BUILD_MARKER)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def writer_active(store_path: str | Path) -> bool:
    """Whether another process holds the store open for writing (a build running): asks the kernel
    about RocksDB's lock on ``LOCK`` (``F_GETLK``: a question, no lock is taken).  Linux layout of
    ``struct flock``; on any doubt, ``False``."""
    try:
        fd = os.open(Path(store_path) / "LOCK", os.O_RDONLY)
    except OSError:
        return False
    try:
        probe = struct.pack(FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        return struct.unpack(FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))[0] != fcntl.F_UNLCK
    except (OSError, struct.error):
        return False
    finally:
        os.close(fd)


def read_marker(store_path: str | Path) -> dict:
    """What the last finished build wrote in its marker (its time, graphs, triples); ``{}`` if none."""
    try:
        data = json.loads((Path(store_path) / BUILD_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
