"""Render stage: a Plan as text, JSON or Markdown. Writes only to the stream it is given."""
