"""Employees (pegawai) and their history."""
