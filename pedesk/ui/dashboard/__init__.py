"""The Dashboard section: what needs the office's attention today."""
