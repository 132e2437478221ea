"""The intake review: terminal and Markdown."""
