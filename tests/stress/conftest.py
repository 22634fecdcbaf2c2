"""``make stress``: the long runs of issue 10 (fuzzing, faults with the real stages, load for minutes).

The helpers live beside the fast tests in ``tests/``; put that folder on the import path.
Each run writes its figures to ``var/reliability/*.json`` (the numbers in docs/reliability.md).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

FIGURES = TESTS.parent / "var" / "reliability"


def record(name: str, figures: dict) -> None:
    """Write one run's figures (read by whoever updates docs/reliability.md)."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    (FIGURES / f"{name}.json").write_text(json.dumps(figures, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\n{name}: {json.dumps(figures, default=str)}")
