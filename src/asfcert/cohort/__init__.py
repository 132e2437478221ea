"""Cohort operations: check every company of a term's cohort, or of the whole registry, and
report the coordinator's indicators."""
