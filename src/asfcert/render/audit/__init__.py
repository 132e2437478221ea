"""The audit result: terminal text, the audit report."""
