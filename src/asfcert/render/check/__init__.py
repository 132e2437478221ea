"""The check result as terminal text and Markdown."""
