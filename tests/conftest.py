"""Before any test: the shared corpus the tests read must be there, else one clear message.

The tests check the parser, the graph and the server against real UN documents in
``../shared/corpus`` (beside the clone) or in the folder ``KG_SHARED`` names.  Without
them hundreds of tests would fail one by one with bare assertion errors.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    """Where the tests look for the shared data: ``KG_SHARED``, else ``../shared`` beside the clone."""
    return Path(os.environ.get("KG_SHARED") or REPO.parent / "shared")


def pytest_sessionstart(session: pytest.Session) -> None:
    corpus = shared_folder() / "corpus"
    if not (corpus / "MANIFEST.tsv").is_file():
        pytest.exit(f"the shared corpus is not at {corpus} (no MANIFEST.tsv there): the tests read real UN "
                    f"documents from it. Put the shared folder beside the clone (../shared) or name it: "
                    f"KG_SHARED=/path/to/shared make test", returncode=4)
