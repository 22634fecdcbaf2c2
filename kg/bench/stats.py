"""Statistics of the benchmark: medians and spreads over runs, latency percentiles, growth (pure)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation between closest ranks; NaN when empty."""
    if not values:
        return math.nan
    data = sorted(values)
    if len(data) == 1:
        return float(data[0])
    rank = (len(data) - 1) * min(max(q, 0.0), 100.0) / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """A figure measured over several runs: its median and its spread."""

    median: float
    low: float        # min
    high: float       # max
    q1: float
    q3: float
    runs: int

    def to_json(self) -> dict[str, Any]:
        return {k: (round(v, 6) if isinstance(v, float) and math.isfinite(v) else v) for k, v in asdict(self).items()}

    def text(self, fmt: str = "{:.1f}") -> str:
        """``"12.3 (11.9-12.8, n=5)"``: median, then min-max over the runs."""
        if self.runs == 0:
            return "n/a"
        if self.runs == 1:
            return f"{fmt.format(self.median)} (1 run)"
        return f"{fmt.format(self.median)} ({fmt.format(self.low)}-{fmt.format(self.high)}, n={self.runs})"


def summarize(values: Sequence[float]) -> Summary:
    values = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not values:
        return Summary(math.nan, math.nan, math.nan, math.nan, math.nan, 0)
    return Summary(percentile(values, 50), min(values), max(values), percentile(values, 25),
                   percentile(values, 75), len(values))


@dataclass(frozen=True)
class Latency:
    """Latencies of one load run, in milliseconds."""

    count: int
    p50: float
    p90: float
    p99: float
    max: float
    mean: float

    def to_json(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) and math.isfinite(v) else v) for k, v in asdict(self).items()}


def latency(seconds: Sequence[float]) -> Latency:
    ms = [s * 1000.0 for s in seconds]
    if not ms:
        return Latency(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    return Latency(len(ms), percentile(ms, 50), percentile(ms, 90), percentile(ms, 99), max(ms), sum(ms) / len(ms))


def ratio(ours: float, theirs: float) -> float:
    """``ours / theirs``; NaN when either is missing or theirs is zero."""
    if ours is None or theirs is None or not theirs or not math.isfinite(ours) or not math.isfinite(theirs):
        return math.nan
    return ours / theirs


@dataclass(frozen=True)
class Growth:
    """How a per-item cost grows with size: the slope of log(time) on log(size).

    An exponent near 1 is linear growth; 1.15 or more is called superlinear.
    """

    exponent: float
    linear: bool
    points: int

    def text(self) -> str:
        if self.points < 2 or not math.isfinite(self.exponent):
            return "not measured at two sizes"
        verdict = "linear" if self.linear else ("superlinear" if self.exponent > 1 else "sublinear")
        return f"{verdict} (time ~ size^{self.exponent:.2f} over {self.points} sizes)"


def growth(sizes: Sequence[float], times: Sequence[float], tolerance: float = 0.15) -> Growth:
    """Least-squares exponent ``b`` in ``time = a * size^b`` over the measured sizes."""
    pairs = [(math.log(s), math.log(t)) for s, t in zip(sizes, times) if s and t and s > 0 and t > 0]
    if len({p[0] for p in pairs}) < 2:
        return Growth(math.nan, False, len(pairs))
    mx = sum(p[0] for p in pairs) / len(pairs)
    my = sum(p[1] for p in pairs) / len(pairs)
    sxx = sum((p[0] - mx) ** 2 for p in pairs)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in pairs)
    b = sxy / sxx
    return Growth(b, abs(b - 1.0) <= tolerance, len(pairs))


def fmt_num(value: float | None, digits: int = 1) -> str:
    """A number for the report: thousands separated, NaN/None as "n/a"."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """Least-squares ``y = intercept + slope * x`` (a fixed cost plus a cost per item); None below two sizes."""
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys) if x is not None and y is not None]
    if len({p[0] for p in pairs}) < 2:
        return None
    mx = sum(p[0] for p in pairs) / len(pairs)
    my = sum(p[1] for p in pairs) / len(pairs)
    slope = sum((x - mx) * (y - my) for x, y in pairs) / sum((x - mx) ** 2 for x, _ in pairs)
    return my - slope * mx, slope


def project(xs: Sequence[float], ys: Sequence[float], at: float) -> float:
    """``y`` at size ``at`` from the linear fit (a fixed cost plus a cost per item); proportional with one size."""
    fit = linear_fit(xs, ys)
    if fit is not None:
        intercept, slope = fit
        return max(intercept, 0.0) + max(slope, 0.0) * at
    if xs and ys and xs[-1]:
        return ys[-1] * at / xs[-1]
    return math.nan
