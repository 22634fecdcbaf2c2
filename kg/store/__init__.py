"""Pipeline stage: store.  ``kg build`` publishes every resolution into its own named graph.

* ``kg.store.build``: the build loop (scan, plan, run on all cores, decide, load), incremental;
* ``kg.store.backends``: ``EmbeddedStore`` (pyoxigraph on disk / in memory) and ``RemoteStore``
  (SPARQL 1.1 Graph Store Protocol + Update), one interface, ``open_store(spec, base)``;
* ``kg.store.manifest``: the build manifest's entries and the rule choosing one file per expression;
* ``kg.store.manifest_file``: where an embedded store keeps the manifest: ``kg-manifest.sqlite`` beside it
  (a remote store keeps it in its named graph ``{base}/graph/build-manifest``);
* ``kg.store.pipeline``: what a worker does with one file (``Outcome``).

See docs/store.md.
"""
