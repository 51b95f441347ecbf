"""cognito-reconciler: plan and apply AWS Cognito user pools from YAML specs."""

__version__ = "0.1.0"
