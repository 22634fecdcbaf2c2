"""The published releases as the endpoint serves them: which files, where, and how described.

Pure helpers over the folders ``kg dump`` writes (``{data_dir}/{version}/``
and ``{data_dir}/latest``).  The one rule that keeps downloads safe: a file is
served only when its name is one the release declares (a data file of its
``release.json`` or one of the metadata files the dump writes) and the name,
resolved, is a regular file directly inside a release folder directly inside
the data folder.  Nothing taken from a URL is ever joined to a path
unchecked, so ``..``, encoded slashes, absolute paths and symlinks that lead
out all end in "not found".
"""
from __future__ import annotations

import csv
import hashlib
import io
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.publish import formats as release_formats
from kg.publish.release import LATEST, ReleaseManifest, latest_release, read_manifest, release_path

NO_RELEASE = ("No release has been published on this server yet: write one with "
              "`kg dump --store STORE --out DATA` and serve it with `kg serve --store STORE --data DATA`.")

# Files the dump writes besides the ones its manifest lists (they describe the release itself).
METADATA_FILES: dict[str, tuple[str, str]] = {   # filename -> (media type, title)
    release_formats.CATALOG_TTL: ("text/turtle", "DCAT-AP 3 catalogue (Turtle)"),
    release_formats.CATALOG_JSONLD: ("application/ld+json", "DCAT-AP 3 catalogue (JSON-LD)"),
    release_formats.CHECKSUMS: ("text/plain", "SHA-256 checksums of the data files"),
    release_formats.RELEASE_JSON: ("application/json", "Release manifest"),
}
GZIP = release_formats.GZIP_MEDIA_TYPE
LISTING_COLUMNS = ("version", "issued", "filename", "title", "bytes", "media_type", "compress_format",
                   "content_type", "sha256", "url")


@dataclass(frozen=True)
class ReleaseEntry:
    """One downloadable file of a release, as listings and responses describe it."""

    filename: str
    title: str
    bytes: int
    sha256: str
    media_type: str              # of the content, as the catalogue's dcat:mediaType states it
    compress_format: str | None  # dcat:compressFormat (application/gzip for the .gz dumps)
    content_type: str            # the HTTP Content-Type: the bytes as stored (gzip, never Content-Encoding)


@dataclass(frozen=True)
class Release:
    """A complete release found on disk: its manifest and real folder."""

    manifest: ReleaseManifest
    folder: Path                 # resolved, inside the data folder

    @property
    def version(self) -> str:
        return self.manifest.version


def content_type_of(media_type: str, compressed: bool) -> str:
    """What HTTP says for a file: gzip bytes are ``application/gzip``; text gets a charset."""
    if compressed:
        return GZIP
    textual = media_type.startswith("text/") or media_type.endswith(("+json", "/json"))
    return f"{media_type}; charset=utf-8" if textual else media_type


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        return False


def find_release(data_dir: str | Path | None, version: str) -> Release | None:
    """The complete release ``version`` (or ``latest``) under ``data_dir``, else None (safe for URL input)."""
    if not data_dir or not version:
        return None
    try:
        folder = release_path(data_dir, version)
        if folder is None or not _inside(folder, Path(data_dir)):
            return None
        manifest = read_manifest(folder)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return Release(manifest, folder.resolve())


def all_releases(data_dir: str | Path | None) -> tuple[list[Release], str | None]:
    """Every complete release, newest first, and the version ``latest`` names."""
    if not data_dir or not Path(data_dir).is_dir():
        return [], None
    from kg.publish.release import releases
    found = [r for m in reversed(releases(data_dir)) if (r := find_release(data_dir, m.version)) is not None]
    latest = latest_release(data_dir)
    latest_version = latest.name if latest is not None and found else None
    return found, latest_version


_digests: dict[tuple[str, int, int], str] = {}
_digests_lock = threading.Lock()


def sha256_of(path: Path) -> str:
    """SHA-256 of a (small, metadata) file, remembered while its size and time are unchanged."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _digests_lock:
        if key in _digests:
            return _digests[key]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with _digests_lock:
        if len(_digests) > 256:
            _digests.clear()
        _digests[key] = digest
    return digest


def entry(release: Release, filename: str) -> tuple[ReleaseEntry, Path] | None:
    """The file ``filename`` of ``release`` if the release declares it and it is safely on disk."""
    record = release.manifest.file(filename)
    if record is None and filename not in METADATA_FILES:
        return None
    path = release.folder / filename
    if not _inside(path, release.folder) or not path.is_file():
        return None
    if record is not None:
        described = release_formats.BY_FILENAME.get(filename)
        media_type = described.media_type if described else "application/octet-stream"
        compressed = described.compressed if described else filename.endswith(".gz")
        title = described.title if described else filename
        return ReleaseEntry(filename, title, record.bytes, record.sha256, media_type,
                            GZIP if compressed else None, content_type_of(media_type, compressed)), path
    media_type, title = METADATA_FILES[filename]
    return ReleaseEntry(filename, title, path.stat().st_size, sha256_of(path), media_type, None,
                        content_type_of(media_type, False)), path


def entries(release: Release) -> list[ReleaseEntry]:
    """Every file of a release: the manifest's data files, then the metadata files present."""
    names = [f.filename for f in release.manifest.files] + [n for n in METADATA_FILES
                                                             if release.manifest.file(n) is None]
    return [found[0] for name in names if (found := entry(release, name)) is not None]


def release_summary(release: Release, site: str, path_version: str, latest_version: str | None) -> dict:
    """A release as a listing shows it (``path_version`` is ``latest`` or the version, for the URLs)."""
    m = release.manifest
    folder_url = f"{site}/data/{path_version}/"
    return {
        "version": m.version, "latest": m.version == latest_version, "issued": m.issued, "modified": m.modified,
        "triples": m.triples, "graphs": m.graphs, "base": m.base, "languages": m.languages,
        "temporal": {"start": m.temporal_start, "end": m.temporal_end},
        "url": folder_url, "versioned_url": f"{site}/data/{m.version}/",
        "catalog": f"{folder_url}{release_formats.CATALOG_TTL}",
        "files": [{**asdict(e), "url": folder_url + e.filename} for e in entries(release)],
    }


def listing_csv(summaries: list[dict]) -> str:
    """One CSV row per file of the given releases (Datasette-style flat table)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LISTING_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for summary in summaries:
        for item in summary["files"]:
            writer.writerow({**item, "version": summary["version"], "issued": summary["issued"],
                             "compress_format": item["compress_format"] or ""})
    return out.getvalue()


def is_latest_path(version: str) -> bool:
    return version == LATEST
