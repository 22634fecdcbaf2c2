"""Releases on disk: ``{data_dir}/{version}/`` folders and the ``latest`` pointer.

A release is complete when its ``release.json`` exists: the dump writes it
last, after every data file, the VoID and the catalogue.  ``releases()``
lists only complete releases, so the endpoint never serves half a release.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.publish.files import symlink_atomic, write_bytes_atomic
from kg.publish.formats import RELEASE_JSON

LATEST = "latest"
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass
class FileRecord:
    """A release file as the catalogue describes it."""

    filename: str
    bytes: int
    sha256: str
    items: int | None = None       # triples or quads written, for the dumps
    seconds: float | None = None   # time it took to write


@dataclass
class ReleaseManifest:
    """What a release holds, written to ``release.json``: the catalogue is built from it."""

    version: str
    base: str
    issued: str                    # ISO 8601 date-time (UTC)
    modified: str
    triples: int
    graphs: int
    temporal_start: str | None = None   # earliest adoption date of a resolution whose text it holds
    temporal_end: str | None = None     # latest adoption date
    languages: list[str] = field(default_factory=list)   # three-letter codes of the expressions
    files: list[FileRecord] = field(default_factory=list)

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes | str) -> "ReleaseManifest":
        raw = json.loads(data)
        raw["files"] = [FileRecord(**f) for f in raw.get("files", [])]
        return cls(**raw)

    def file(self, filename: str) -> FileRecord | None:
        return next((f for f in self.files if f.filename == filename), None)


def check_version(version: str) -> str:
    """A version is a safe single path segment (it becomes a folder and a URL part)."""
    if not VERSION_PATTERN.match(version) or version == LATEST or set(version) == {"."}:
        raise ValueError(f"invalid release version {version!r}: use letters, digits, '.', '_' or '-'")
    return version


def read_manifest(release_dir: str | Path) -> ReleaseManifest:
    return ReleaseManifest.from_json(Path(release_dir, RELEASE_JSON).read_bytes())


def write_manifest(release_dir: Path, manifest: ReleaseManifest) -> None:
    write_bytes_atomic(release_dir / RELEASE_JSON, manifest.to_json())


def releases(data_dir: str | Path) -> list[ReleaseManifest]:
    """Complete releases under ``data_dir``, oldest first (by issue time, then version)."""
    root = Path(data_dir)
    found = []
    if root.is_dir():
        for entry in root.iterdir():
            if entry.name == LATEST or entry.is_symlink() or not entry.is_dir():
                continue
            if (entry / RELEASE_JSON).is_file():
                try:
                    found.append(read_manifest(entry))
                except (ValueError, TypeError, KeyError):
                    continue  # a foreign or damaged folder is not a release
    return sorted(found, key=lambda m: (m.issued, m.version))


def latest_release(data_dir: str | Path) -> Path | None:
    """The folder of the latest release: where ``latest`` points, else the newest complete one."""
    root = Path(data_dir)
    pointer = root / LATEST
    if pointer.exists() and (pointer / RELEASE_JSON).is_file():
        return pointer.resolve()
    found = releases(root)
    return (root / found[-1].version) if found else None


def release_path(data_dir: str | Path, version: str) -> Path | None:
    """The folder of release ``version`` (``latest`` allowed) if complete, else None.

    Safe to call with a version taken from a URL: anything that is not a
    plain version name gives None.
    """
    if version == LATEST:
        return latest_release(data_dir)
    try:
        check_version(version)
    except ValueError:
        return None
    folder = Path(data_dir) / version
    return folder if (folder / RELEASE_JSON).is_file() else None


def point_latest(data_dir: Path, version: str) -> None:
    symlink_atomic(data_dir / LATEST, version)
