"""The rdflib peer: rdflib-endpoint (FastAPI, served by uvicorn) over an rdflib Dataset.

Run by the benchmark as ``python -m kg.bench.rdflib_server --data dump.nq --port P``;
the data is the N-Quads of the same store the other servers serve, and the
default graph is the union of the named graphs, as on the others.
"""
from __future__ import annotations

import argparse
import sys
import time


def load_dataset(path: str):
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    return dataset


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)

    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    started = time.perf_counter()
    dataset = load_dataset(args.data)
    print(f"loaded {len(dataset)} quads in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    app = SparqlEndpoint(graph=dataset, cors_enabled=True, public_url=f"http://{args.host}:{args.port}/")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
