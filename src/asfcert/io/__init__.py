"""Reading and writing files: YAML with positions, validation to located findings, atomic writes, the cache."""
