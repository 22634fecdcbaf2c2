"""UN Resolutions Knowledge Graph: read, parse, link, map, validate, store, publish, serve."""

__version__ = "0.1.0"
