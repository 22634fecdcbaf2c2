"""A dump stopped by the bench's time budget still reports the formats it finished."""
from __future__ import annotations

from kg.bench.builds import _finished_files


def test_the_progress_lines_of_a_stopped_dump_give_the_finished_files(tmp_path):
    log = tmp_path / "dump.log"
    log.write_text("/w/dumps/bench/unres.nt.gz: 29110133 triples in 25.1 s (0 of 19684 graphs had no graph file)\n"
                   "/w/dumps/bench/unres.nq.gz: 32929390 quads in 21.2 s\n"
                   "Terminated\n", encoding="utf-8")
    files = _finished_files(log)
    assert set(files) == {"unres.nt.gz", "unres.nq.gz"}
    assert files["unres.nt.gz"]["items"] == 29110133
    assert round(files["unres.nt.gz"]["triples_per_s"]) == round(29110133 / 25.1)
