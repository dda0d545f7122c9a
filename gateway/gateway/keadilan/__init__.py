"""Fairness of a selection: the adverse-impact report (four-fifths rule) by gender and age band.
The only module that reads protected attributes, and only to report on a selection made."""
