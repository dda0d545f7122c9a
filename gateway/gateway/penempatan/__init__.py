"""Placement decisions, pure: the JPM matrix of a whole Pemda, eligibility with every reason, the
ranking of candidates for one position and the optimal re-placement. Plain typed functions over
frozen dataclasses and numpy arrays (no HTTP, no database), so that the gateway's endpoints call
them and the tests try them exhaustively. The inputs carry no protected attribute."""
