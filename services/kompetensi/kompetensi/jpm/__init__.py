"""Job-person match, gap matrices and job families."""
