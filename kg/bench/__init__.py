"""Pipeline stage: bench.  ``kg bench`` measures the pipeline and the endpoint against its peers.

``corpus`` generates the scaled corpus (pure renumbering of real documents),
``stats`` the medians, spreads, percentiles and growth exponents, ``stages``
the per-stage figures in process, ``builds`` ``kg build``/``kg dump`` in child
processes, ``servers``/``load``/``endpoints`` the SPARQL servers and the load
generator, ``run`` the whole run inside a time budget, ``report`` the Markdown.
"""
