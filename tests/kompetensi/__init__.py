"""Tests of the kompetensi service."""
