"""Tests of the gateway's pure placement and fairness modules (no services, no database)."""
