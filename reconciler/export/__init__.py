"""`export`: a live pool (and everything the tool manages in it) as a spec.

``read`` gathers the live documents (secrets dropped as they arrive), ``build``
turns them into the spec a person would write (pure), ``emit`` writes it as YAML
with comments. Planning the result shows no changes.
"""
