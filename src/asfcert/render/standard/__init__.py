"""The standard browser: terminal and Markdown."""
