"""Property-based fuzzing of every app's OpenAPI (schemathesis)."""
