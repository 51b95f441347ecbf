"""The only package that imports boto3/botocore: sessions, retries, a thin Cognito facade."""
