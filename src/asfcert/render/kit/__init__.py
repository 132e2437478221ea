"""The result of `asfcert new`."""
