"""The development catalogue (katalog): programs and their batches (angkatan), BKPSDM's own."""
