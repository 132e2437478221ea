"""The public ASF list: pages and data."""
