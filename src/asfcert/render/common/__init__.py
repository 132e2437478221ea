"""Shared pieces of every renderer: labels, findings lists, JSON, PDF and SVG helpers."""
