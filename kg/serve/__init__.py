"""Pipeline stage: serve."""
