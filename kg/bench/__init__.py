"""Pipeline stage: bench."""
