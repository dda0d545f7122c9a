"""IP ASN (Indeks Profesionalitas ASN): the pure core skor.py and the endpoints beside it."""
