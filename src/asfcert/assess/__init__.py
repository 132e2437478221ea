"""The one assessment engine: requirements evaluated by rules, the check, the audit decision."""
