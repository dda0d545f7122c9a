"""Proposals (usulan): an OPD proposes its employees for a batch; BKPSDM approves or rejects."""
