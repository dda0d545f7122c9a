"""Competency assessments (history) and the current profile derived from them."""
