"""Offline security review of specs (``cognito-reconciler review``): rules as data,
findings at FILE:LINE:COL, acceptances in the spec, and renderers."""
