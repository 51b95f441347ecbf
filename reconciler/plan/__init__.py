"""Plan stage: desired + live -> a Plan of changes. Pure: no I/O, no AWS."""
