"""briefgen: negotiation prep sheets, pitches and reviewable diffs from YAML dossiers.

The pipeline, one module a step: load -> validate -> compute -> render -> write.
"""

__version__ = "0.1.0"
