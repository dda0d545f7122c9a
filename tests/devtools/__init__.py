"""Tests of the developer commands (make run, test, bench, lint) and the demo dataset."""
