"""Build the Job Quality Playbook: YAML content in, one MkDocs site per audience out."""

__version__ = "0.1.0"
