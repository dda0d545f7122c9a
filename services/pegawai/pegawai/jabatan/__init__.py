"""Positions (jabatan) with headcount, tasks and requirements."""
