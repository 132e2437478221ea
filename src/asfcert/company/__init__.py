"""A company folder: its layout, safe evidence references, the evidence manifest."""
