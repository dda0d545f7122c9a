"""Budgets for development per OPD per year: the OPD's pagu, the allocation, and what enrollments commit and realise."""
