"""The merit system's evidence (PermenPAN-RB 19/2025) the platform holds, composed from the services' counts."""
