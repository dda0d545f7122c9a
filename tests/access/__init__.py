"""The access matrix: every operation of every app against every kind of caller."""
