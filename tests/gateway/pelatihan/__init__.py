"""Tests of the gateway's pure training plan (no services, no database)."""
