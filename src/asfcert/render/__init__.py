"""Renderers: pure functions from a result object to text. Each output format is a module."""
