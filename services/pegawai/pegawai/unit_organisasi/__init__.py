"""Organisation units: the tree of instansi, OPD and the units under them."""
