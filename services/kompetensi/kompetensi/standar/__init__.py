"""Job competency standards: the required level per competency of a position."""
