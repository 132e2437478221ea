"""asfcert: certify Swedish work-integration social enterprises (ASF)."""

__version__ = "0.1.0"
