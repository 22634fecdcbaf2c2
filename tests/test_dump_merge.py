"""The dump's merge of sorted graph runs (kg/publish/merge.py, kg/publish/dump.py) gives exactly
`sort -u` of all the lines, however the graphs' key ranges interleave."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.publish.dump import own_prefixes, own_runs, own_spans, shared_parts
from kg.publish.merge import merge, prefix_span

# Works whose IRIs extend one another (…/65/14, …/65/140, …/65/1400), in several languages, and
# lines about them, their parts, other works and shared entities: key ranges that interleave.
WORKS = ["u:/res/65/14", "u:/res/65/140", "u:/res/65/1400", "u:/res/65/2", "u:/res/7"]
GRAPHS = [f"{w}/{lang}/graph" for w in WORKS for lang in ("eng", "fra")]
SUBJECTS = [f"<{w}{tail}" for w in WORKS for tail in (">", "/eng>", "/op/1>", "/op/10>", "0>", "/>")] + [
    "<u:/id/state/fra>", "<u:/id/organ/ga>", "<http://x/concept/1>"]
LINE = st.builds(lambda s, o: f'{s} <u:p> "{o}" .\n'.encode(), st.sampled_from(SUBJECTS),
                 st.sampled_from(["a", "b", "é", 'q\\"']))
GRAPH = st.tuples(st.sampled_from(GRAPHS), st.lists(LINE, max_size=25))


def _dump(graphs: list[tuple[str, list[bytes]]]) -> tuple[bytes, int]:
    """As the dump does it: the shared parts sorted and unique, the own blocks merged by key range."""
    contents = [b"".join(sorted(set(lines))) for _, lines in graphs]
    shared = {line for (graph, _), content in zip(graphs, contents)
              for part in shared_parts(content, own_spans(content, graph)) for line in part.splitlines(keepends=True)}
    out: list[bytes] = []
    written = merge(own_runs([g for g, _ in graphs], contents.__getitem__), sorted(shared), out.append)
    return b"".join(out), written


@settings(max_examples=300, deadline=None)
@given(st.lists(GRAPH, max_size=12))
def test_merge_is_the_sorted_set_of_all_lines(graphs):
    expected = sorted({line for _, lines in graphs for line in lines})
    output, written = _dump(graphs)
    assert output == b"".join(expected)
    assert written == len(expected)


@given(st.sampled_from(GRAPHS), st.lists(LINE, max_size=25))
def test_own_blocks_are_exactly_the_lines_about_the_work(graph, lines):
    content = b"".join(sorted(set(lines)))
    for prefix in own_prefixes(graph):
        start, end = prefix_span(content, prefix)
        assert content[start:end].splitlines(keepends=True) == [
            line for line in sorted(set(lines)) if line.startswith(prefix)]
