"""The file formats, as pydantic models with `extra="forbid"`."""
