"""`asfcert new`: a company kit written from templates, never overwriting a file."""
