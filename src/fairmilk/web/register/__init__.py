"""The register on the web: the CFS form (typed or uploaded), search, records, moderation."""
