"""The pydantic models of every file a person writes (extra="forbid")."""
