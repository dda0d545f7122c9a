"""The full profile of an employee, composed from the four services (GET /api/v1/profil/{nip})."""
