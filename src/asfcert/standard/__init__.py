"""The standard as data: its model, loading and validating a standard file, and views of it."""
