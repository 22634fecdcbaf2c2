"""Pipeline stage: map."""
