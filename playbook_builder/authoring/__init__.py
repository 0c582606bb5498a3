"""Staff tools: starter files, formatting, schemas, editorial checks, readability, translation."""
