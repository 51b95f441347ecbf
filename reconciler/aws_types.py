"""Names shared between the AWS edge and the pure core, without importing boto3."""

UNMODELED_KEY = "ReconcilerUnmodeledFields"
