"""Needs planning: staffing per position, retirements ahead, and the formation to request."""
