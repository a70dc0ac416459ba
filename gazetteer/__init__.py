"""Data package: the derived offline gazetteer sources (see ATTRIBUTION.md)."""
