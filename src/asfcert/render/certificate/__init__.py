"""The certificate PDF and the certification stamp."""
