"""What the benchmark ran on: cores, CPU model, memory, and the versions of what it measured."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("un-resolutions-kg", "pyoxigraph", "oxigraph", "rdflib", "oxrdflib", "pyshacl", "flask", "waitress",
            "lxml", "pyahocorasick", "rdflib-endpoint", "uvicorn", "fastapi", "psutil")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def machine_info() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": _memory_gb(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def versions(oxigraph_cli: str | None = None) -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    if oxigraph_cli:
        try:
            out = subprocess.run([oxigraph_cli, "--version"], capture_output=True, text=True, timeout=10)
            found["oxigraph serve (CLI)"] = out.stdout.strip() or out.stderr.strip()
        except (OSError, subprocess.SubprocessError):
            found["oxigraph serve (CLI)"] = "not available"
    return found
