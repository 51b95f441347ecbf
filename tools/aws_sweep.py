"""Delete user pools the conformance suite (tests/aws) left behind.

    python tools/aws_sweep.py [--prefix crtest-] [--older-than-hours 3] [--yes]

Lists every pool in the region whose name starts with the prefix and that was
created more than N hours ago, and what deleting it involves (its domain first,
deletion protection lifted). Without ``--yes`` it only lists (a dry run). Region,
credentials and endpoint come from the environment and ``--region``, as for the
tool itself (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL...).

The suite's own finalizers use ``delete_pool`` from here, so the sweeper and the
suite clean up the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reconciler.aws.session import AwsSettings, ClientFactory

PREFIX = "crtest-"
# A domain's deletion takes up to a minute (API reference, CreateUserPoolDomain).
DOMAIN_GONE_SECONDS = 180.0

Log = Callable[[str], None]


def pools(client: Any) -> Iterator[dict[str, Any]]:
    """Every pool of the region (ListUserPools pages of 60, the most it allows)."""
    kwargs: dict[str, Any] = {"MaxResults": 60}
    while True:
        page = client.list_user_pools(**kwargs)
        yield from page.get("UserPools", [])
        if not page.get("NextToken"):
            return
        kwargs["NextToken"] = page["NextToken"]


def leftovers(client: Any, prefix: str, older_than: dt.timedelta,
              now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Pools named with ``prefix`` created before ``now - older_than``."""
    if not prefix.startswith(PREFIX):
        raise ValueError(f"refusing a prefix that doesn't start with {PREFIX!r}: {prefix!r}")
    now = now or dt.datetime.now(dt.timezone.utc)
    found = []
    for pool in pools(client):
        created = pool.get("CreationDate")
        if not str(pool.get("Name", "")).startswith(prefix):
            continue
        if isinstance(created, dt.datetime) and now - created < older_than:
            continue
        found.append(pool)
    return found


def _domain_gone(client: Any, domain: str, sleep: Callable[[float], None],
                 timeout: float = DOMAIN_GONE_SECONDS) -> None:
    waited = 0.0
    while waited < timeout:
        description = client.describe_user_pool_domain(Domain=domain).get("DomainDescription")
        if not description or not description.get("UserPoolId"):
            return
        sleep(1.0)
        waited += 1.0
    raise TimeoutError(f"domain {domain} still there after {timeout:.0f} s")


def delete_pool(client: Any, pool_id: str, log: Log,
                sleep: Callable[[float], None] = time.sleep) -> None:
    """Delete a pool: its domains first (a pool with a domain can't be deleted),
    deletion protection lifted, then the pool. A pool already gone is no error."""
    try:
        pool = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    except client.exceptions.ResourceNotFoundException:
        return
    for domain in {pool.get("Domain"), pool.get("CustomDomain")} - {None, ""}:
        log(f"  deleting domain {domain} of {pool_id}")
        try:
            client.delete_user_pool_domain(Domain=domain, UserPoolId=pool_id)
        except client.exceptions.InvalidParameterException as exc:
            if "No such domain" not in str(exc):
                raise
        _domain_gone(client, str(domain), sleep)
    if pool.get("DeletionProtection") == "ACTIVE":
        log(f"  lifting deletion protection of {pool_id}")
        # A full UpdateUserPool would be needed to keep the pool's settings; it is about
        # to be deleted, so only what the update must not refuse is carried.
        client.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE",
                                MfaConfiguration=pool.get("MfaConfiguration", "OFF"))
    log(f"  deleting pool {pool_id} ({pool.get('Name')})")
    client.delete_user_pool(UserPoolId=pool_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", default=PREFIX,
                        help=f"pool name prefix (default {PREFIX}; must start with it)")
    parser.add_argument("--older-than-hours", type=float, default=3.0,
                        help="only pools created at least this long ago (default 3)")
    parser.add_argument("--region", help="AWS region (default: the environment's)")
    parser.add_argument("--yes", action="store_true",
                        help="delete them; without it, only list (dry run)")
    args = parser.parse_args(argv)
    if not args.prefix.startswith(PREFIX):
        # Checked before any call: this deletes pools, and only the suite's.
        print(f"error: refusing a prefix that doesn't start with {PREFIX!r}: {args.prefix!r}",
              file=sys.stderr)
        return 1
    client = ClientFactory(AwsSettings(region=args.region)).client()
    found = leftovers(client, args.prefix, dt.timedelta(hours=args.older_than_hours))
    verb = "deleting" if args.yes else "would delete (dry run; --yes deletes)"
    print(f"{len(found)} pool(s) named {args.prefix}* older than "
          f"{args.older_than_hours:g} h: {verb}")
    for pool in found:
        print(f"- {pool['Id']} {pool['Name']} created {pool.get('CreationDate')}")
    if not args.yes:
        return 0
    failed = 0
    for pool in found:
        try:
            delete_pool(client, str(pool["Id"]), print)
        except Exception as exc:  # one stuck pool must not keep the rest
            failed += 1
            print(f"error: {pool['Id']} not deleted: {exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
