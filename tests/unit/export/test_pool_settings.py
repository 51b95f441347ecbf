"""Export writes pool settings the way the planner reads them (issue 10.1, 10.8, 10.12)."""

from __future__ import annotations

from reconciler import pool_defaults
from reconciler.export.build import build_pool

from .test_build import empty_pool_describe, pool

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:tokens"


def test_export_never_writes_unused_account_validity_days() -> None:
    describe = empty_pool_describe()
    describe["AdminCreateUserConfig"] = {"AllowAdminCreateUserOnly": True,
                                         "UnusedAccountValidityDays": 3}
    describe["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"] = 3
    exported = build_pool(pool(describe)).pool
    assert exported["admin_create_user_config"] == {"allow_admin_create_user_only": True}
    assert exported["policies"]["password_policy"]["temporary_password_validity_days"] == 3
    full = build_pool(pool(describe), full=True).pool
    assert "unused_account_validity_days" not in full["admin_create_user_config"]


def test_export_writes_mirrored_members_once_in_the_modern_spelling() -> None:
    describe = empty_pool_describe()
    describe.update({
        "EmailVerificationMessage": "code {####}", "SmsVerificationMessage": "sms {####}",
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE",
                                        "EmailMessage": "code {####}",
                                        "SmsMessage": "sms {####}"},
        "LambdaConfig": {"PreTokenGeneration": LAMBDA, "PreTokenGenerationConfig": {
            "LambdaVersion": "V2_0", "LambdaArn": LAMBDA}}})
    exported = build_pool(pool(describe)).pool
    for legacy in ("email_verification_message", "sms_verification_message"):
        assert legacy not in exported
    assert exported["verification_message_template"] == {
        "email_message": "code {####}", "sms_message": "sms {####}"}
    assert exported["lambda_config"] == {"pre_token_generation_config": {
        "lambda_version": "V2_0", "lambda_arn": LAMBDA}}


def test_the_default_account_recovery_setting_is_left_out() -> None:
    describe = empty_pool_describe()
    describe["AccountRecoverySetting"] = pool_defaults.DEFAULT_RECOVERY
    assert "account_recovery_setting" not in build_pool(pool(describe)).pool
    describe["AccountRecoverySetting"] = {"RecoveryMechanisms": [
        {"Priority": 1, "Name": "admin_only"}]}
    assert build_pool(pool(describe)).pool["account_recovery_setting"] == {
        "recovery_mechanisms": [{"priority": 1, "name": "admin_only"}]}
