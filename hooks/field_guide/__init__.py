"""Data loading and Markdown rendering for the LLM Field Guide.

Nothing in this package imports MkDocs: the hook modules one folder up adapt
it to MkDocs events, and the tests call it directly.
"""
