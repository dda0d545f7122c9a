"""Tests of the container images and the compose file."""
