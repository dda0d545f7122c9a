"""The cadre school (sekolah kader): cohorts of selected employees, their program and outcome."""
