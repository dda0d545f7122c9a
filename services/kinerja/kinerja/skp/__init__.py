"""SKP (PermenPAN-RB 6/2022): periods, plans with cascading work results, rating and predikat."""
