"""`outputs`: a client's Secrets Manager ARN and a client type worth saying (issue 11)."""

from __future__ import annotations

from reconciler.commands.outputs_cmd import PoolOutputs, client_facts, env_lines
from reconciler.model import LiveClient, LivePool

ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret/cognito-idp/p/c1-abc123"


def _pool() -> LivePool:
    def client(client_id: str, **describe: str) -> LiveClient:
        return LiveClient(client_id=client_id, name=client_id, has_secret=True,
                          describe={"ClientId": client_id, **describe})

    return LivePool(pool_id="eu-west-1_x", describe={}, mfa={}, clients=[
        client("c1", ClientSecretArn=ARN, ClientType="REGULAR"),
        client("c2", ClientType="DCR"), client("c3")])


def test_arns_and_types_other_than_regular_are_given_per_client() -> None:
    arns, types = client_facts(_pool(), {"api": "c1", "agent": "c2", "old": "c3"})
    assert arns == {"api": ARN}
    assert types == {"agent": "DCR"}


def test_env_lines_name_the_arn_and_the_type() -> None:
    outputs = PoolOutputs(name="shop", region="eu-west-1", user_pool_id="eu-west-1_x",
                          user_pool_arn="arn:aws:cognito-idp:eu-west-1:1:userpool/x",
                          issuer_url="https://cognito-idp.eu-west-1.amazonaws.com/x",
                          clients={"api": "c1", "agent": "c2"},
                          client_secret_arns={"api": ARN}, client_types={"agent": "DCR"})
    lines = env_lines([outputs])
    assert f"SHOP_CLIENT_API_SECRET_ARN={ARN}" in lines
    assert "SHOP_CLIENT_AGENT_TYPE=DCR" in lines
    assert outputs.to_json()["client_secret_arns"] == {"api": ARN}
