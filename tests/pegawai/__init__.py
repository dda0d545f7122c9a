"""Tests of the pegawai service."""
