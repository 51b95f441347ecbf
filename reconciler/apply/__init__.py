"""Apply stage: run a plan's requests in order, stop at the first failure, report."""
