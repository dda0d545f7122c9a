"""Tests of the kinerja service."""
