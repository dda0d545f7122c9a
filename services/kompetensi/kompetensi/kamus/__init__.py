"""The competency dictionary (kamus kompetensi)."""
