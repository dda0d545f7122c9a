"""The JP ledger: hours of development per employee and year from every source, and the JP rights
of PP 11/2017 (PNS) and PP 49/2018 (PPPK) applied to them."""
