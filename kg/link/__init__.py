"""Pipeline stage: link."""
