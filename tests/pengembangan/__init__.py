"""Tests of the pengembangan service."""
