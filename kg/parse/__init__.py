"""Pipeline stage: parse."""
