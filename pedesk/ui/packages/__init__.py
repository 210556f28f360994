"""The Packages section: the semi-annual data packages exported, imported and consolidated (п.17)."""
