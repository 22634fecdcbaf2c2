"""The build report states the CPU of the main process (store writer and loader), beside the workers' CPU."""
from __future__ import annotations

from pathlib import Path

from kg.store.backends import EmbeddedStore
from kg.store.build import BuildOptions, build

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def test_the_report_gives_the_main_process_cpu(tmp_path):
    with EmbeddedStore(tmp_path / "store", "https://w3id.org/unres") as store:
        report = build(BuildOptions(sources=[str(SAMPLE)], jobs=2, progress=False), store)

    assert report.main_cpu_s > 0
    assert report.to_json()["main_cpu_s"] == report.main_cpu_s
    assert f"CPU of the main process (store writer and loader) {report.main_cpu_s:.1f} s" in report.to_markdown()
