"""Self-service requests (permintaan): an employee asks to join an open batch that fits its job."""
