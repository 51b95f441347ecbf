"""validate must start fast: the spec stage never imports the AWS SDK."""

from __future__ import annotations

import json
import subprocess
import sys

from _spec_helpers import ROOT, WORKSHOP


def test_spec_stage_imports_no_aws_sdk() -> None:
    code = (
        "import json, sys\n"
        "import reconciler.spec, reconciler.spec.convert, reconciler.spec.schema_data\n"
        "from reconciler.spec import load_spec\n"
        f"load_spec([{str(WORKSHOP)!r}], environ={{}})\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('boto3', 'botocore', 's3transfer'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(result.stdout) == []
