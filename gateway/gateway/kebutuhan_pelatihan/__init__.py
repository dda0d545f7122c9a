"""Training needs (issue 14, the reads): an employee's competency gaps with the catalogue's programs
and open batches that close them, and a unit's needs for the planning meeting."""
