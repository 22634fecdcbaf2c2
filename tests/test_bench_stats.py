"""The benchmark's statistics: percentiles, summaries, latencies, growth exponents, ratios."""
from __future__ import annotations

import math

from kg.bench.stats import fmt_num, growth, latency, percentile, ratio, summarize
from kg.bench.stages import timed_passes


def test_percentile_interpolates_between_ranks():
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert percentile([1, 2, 3, 4, 5], 0) == 1
    assert percentile([1, 2, 3, 4, 5], 100) == 5
    assert percentile([10, 20], 99) == 19.9
    assert math.isnan(percentile([], 50))


def test_summary_gives_median_and_spread():
    s = summarize([3.0, 1.0, 2.0, 10.0])
    assert (s.median, s.low, s.high, s.runs) == (2.5, 1.0, 10.0, 4)
    assert s.text("{:.1f}") == "2.5 (1.0-10.0, n=4)"
    assert summarize([]).runs == 0 and summarize([]).text() == "n/a"


def test_latency_in_milliseconds():
    lat = latency([0.001] * 98 + [0.050, 0.100])
    assert lat.count == 100 and lat.p50 == 1.0 and lat.max == 100.0
    assert 1.0 < lat.p99 <= 100.0


def test_growth_exponent_tells_linear_from_quadratic():
    sizes = [100, 1000, 10000]
    assert growth(sizes, [2 * s for s in sizes]).linear
    quadratic = growth(sizes, [s * s / 1000 for s in sizes])
    assert abs(quadratic.exponent - 2) < 1e-9 and not quadratic.linear
    assert "superlinear" in quadratic.text()
    assert growth([100], [1]).text() == "not measured at two sizes"


def test_ratio_and_formatting_handle_missing_values():
    assert ratio(50, 200) == 0.25
    assert math.isnan(ratio(50, 0)) and math.isnan(ratio(None, 3))
    assert fmt_num(float("nan")) == "n/a" and fmt_num(12345.6) == "12,346" and fmt_num(1.234, 2) == "1.23"


def test_timed_passes_time_every_run_within_budget():
    calls = []
    sample, passes, outputs = timed_passes(lambda x: calls.append(x) or x * 2, list(range(10)), runs=3, budget=5.0)
    assert sample == 10 and len(passes) == 3 and outputs == [x * 2 for x in range(10)]
    assert len(calls) == 3 + 3 * 10          # warm-up on 3, then 3 passes


def test_linear_projection_separates_fixed_cost_from_cost_per_item():
    from kg.bench.stats import linear_fit, project

    intercept, slope = linear_fit([100, 200, 400], [1.5, 2.0, 3.0])
    assert abs(intercept - 1.0) < 1e-9 and abs(slope - 0.005) < 1e-12
    assert abs(project([100, 200], [1.5, 2.0], 20_000) - 101.0) < 1e-9
    assert project([100], [2.0], 1000) == 20.0          # one size: proportional
    assert linear_fit([100], [2.0]) is None
