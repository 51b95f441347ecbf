"""Live stage: read what exists in Cognito (read-only calls only)."""
