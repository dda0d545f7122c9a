"""The test suite: one folder per app, the shared harness in conftest.py."""
