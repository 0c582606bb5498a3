"""Load and validate content: models, YAML with positions, references, problems."""
