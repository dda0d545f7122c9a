"""Staffing needs (kebutuhan vs bezetting) and the retirement projection."""
