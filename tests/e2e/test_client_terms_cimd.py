"""A client's terms documents and CIMD policies through the CLI (issue 11, item 2).

"Every new part managed, each with plan/apply/export, sandbox support ... CIMD
policies per client; Terms per client. Replaces and create-only members shown with
their reason, as for the rest."
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cli import Result, clear_requests, run, sandbox_requests, write_spec

SPEC = """\
version: 1
user_pools:
  - pool_name: legal
    clients:
      - client_name: web
{client}
        terms:
{terms}
        cimd_policies:
{policies}
"""
TERMS = """\
          - terms_name: terms-of-use
            terms_source: LINK
            enforcement: NONE
            links:
              "cognito:default": https://example.com/terms
              "cognito:spanish": https://example.com/es/terms
          - terms_name: privacy-policy
            terms_source: LINK
            enforcement: NONE
            links: {"cognito:default": "https://example.com/privacy"}"""
POLICIES = """\
          - policy_name: partners
            cache_duration: 172800
            url_patterns: ["https://partners.example.com/*"]"""


def spec(tmp_path: Path, terms: str = TERMS, policies: str = POLICIES,
         client: str = "        generate_secret: false") -> str:
    return write_spec(tmp_path, SPEC.format(client=client, terms=terms, policies=policies))


def apply(url: str, path: str, *extra: str) -> Result:
    return run(url, "apply", "--auto-approve", *extra, path)


def ids(idp: Any) -> tuple[str, str]:
    [pool] = idp.list_user_pools(MaxResults=60)["UserPools"]
    [client] = idp.list_user_pool_clients(UserPoolId=pool["Id"])["UserPoolClients"]
    return str(pool["Id"]), str(client["ClientId"])


def live_terms(idp: Any) -> dict[str, dict[str, Any]]:
    pool_id, client_id = ids(idp)
    found = {}
    for name in ("terms-of-use", "privacy-policy"):
        try:
            found[name] = idp.describe_terms_by_client(UserPoolId=pool_id, ClientId=client_id,
                                                       TermsName=name)["Terms"]
        except idp.exceptions.ResourceNotFoundException:
            pass
    return found


def live_policies(idp: Any) -> list[dict[str, Any]]:
    pool_id, _ = ids(idp)
    return [idp.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=p["CIMDPolicyId"])[
        "CIMDPolicy"] for p in idp.list_cimd_policies(UserPoolId=pool_id)["CIMDPolicies"]]


def sent(url: str, operation: str) -> list[dict[str, Any]]:
    return [r["body"] for r in sandbox_requests(url) if r["operation"] == operation]


def test_created_then_plans_clean(sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    path = spec(tmp_path)
    planned = run(sandbox_url, "plan", path)
    assert planned.code == 0, planned.text
    assert "user_pool.legal.terms.web.terms-of-use" in planned.out
    assert "user_pool.legal.cimd_policy.web.partners" in planned.out
    done = apply(sandbox_url, path)
    assert done.code == 0, done.text
    terms = live_terms(idp)
    assert terms["terms-of-use"]["Links"]["cognito:spanish"] == "https://example.com/es/terms"
    assert terms["privacy-policy"]["Links"] == {"cognito:default": "https://example.com/privacy"}
    [policy] = live_policies(idp)
    assert policy["CacheDuration"] == 172800
    assert policy["URLPatterns"] == ["https://partners.example.com/*"]
    again = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert again.code == 0, again.text
    assert "No changes" in again.out


def test_updates_carry_every_member_and_keep_the_id(sandbox_url: str, idp: Any,
                                                    tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    before_terms = live_terms(idp)["terms-of-use"]["TermsId"]
    [before_policy] = live_policies(idp)
    clear_requests(sandbox_url)
    changed = spec(tmp_path, terms=TERMS.replace("https://example.com/es/terms",
                                                 "https://example.com/es/v2"),
                   policies=POLICIES.replace("partners.example.com", "apps.example.com"))
    planned = run(sandbox_url, "plan", changed)
    assert "# user_pool.legal.terms.web.terms-of-use will be updated in place" in planned.out, (
        planned.text)
    assert "https://example.com/es/v2" in planned.out
    done = apply(sandbox_url, changed)
    assert done.code == 0, done.text  # the pre-write re-read knows both kinds
    [update] = sent(sandbox_url, "UpdateTerms")
    # UpdateTerms is treated as a full replacement: every member, with the live id.
    assert set(update) == {"UserPoolId", "TermsId", "TermsName", "TermsSource", "Enforcement",
                           "Links"}
    assert update["TermsId"] == before_terms
    [policy_update] = sent(sandbox_url, "UpdateCIMDPolicy")
    # The live cache duration and name are carried, and the required client id.
    assert policy_update["CacheDuration"] == 172800
    assert policy_update["PolicyName"] == "partners"
    assert policy_update["ClientId"] == ids(idp)[1]
    assert policy_update["CIMDPolicyId"] == before_policy["CIMDPolicyId"]
    assert live_terms(idp)["terms-of-use"]["Links"]["cognito:spanish"] == (
        "https://example.com/es/v2")
    assert sent(sandbox_url, "CreateTerms") == sent(sandbox_url, "CreateCIMDPolicy") == []
    assert run(sandbox_url, "plan", "--detailed-exitcode", changed).code == 0


def test_items_left_out_of_the_list_are_deleted(sandbox_url: str, idp: Any,
                                                tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    only_terms = TERMS.split("          - terms_name: privacy-policy")[0].rstrip("\n")
    fewer = Path(spec(tmp_path, terms=only_terms, policies="          []")).read_text()
    path = write_spec(tmp_path, fewer.replace("        cimd_policies:\n          []",
                                              "        cimd_policies: []"))
    planned = run(sandbox_url, "plan", path)
    assert "# user_pool.legal.terms.web.privacy-policy will be deleted" in planned.out, (
        planned.text)
    assert "# user_pool.legal.cimd_policy.web.partners will be deleted" in planned.out
    done = apply(sandbox_url, path)
    assert done.code == 0, done.text
    assert set(live_terms(idp)) == {"terms-of-use"}
    assert live_policies(idp) == []
    [deleted] = sent(sandbox_url, "DeleteTerms")
    assert set(deleted) == {"UserPoolId", "TermsId"}


def test_unmanaged_when_the_keys_are_left_out(sandbox_url: str, idp: Any,
                                              tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    bare = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: legal\n"
                                "    clients:\n      - client_name: web\n")
    planned = run(sandbox_url, "plan", "--detailed-exitcode", bare)
    assert planned.code == 0, planned.text
    assert len(live_terms(idp)) == 2 and len(live_policies(idp)) == 1


def test_a_replaced_client_takes_new_policies_and_drops_the_old(
        sandbox_url: str, idp: Any, tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    [old] = live_policies(idp)
    confidential = spec(tmp_path, client="        generate_secret: true")
    planned = run(sandbox_url, "plan", confidential)
    assert "# user_pool.legal.cimd_policy.web.partners must be replaced" in planned.out, (
        planned.text)
    assert "outlives its client" in planned.out
    done = apply(sandbox_url, confidential, "--allow-replace")
    assert done.code == 0, done.text
    [new] = live_policies(idp)  # the orphan is gone, not left without a client
    assert new["CIMDPolicyId"] != old["CIMDPolicyId"] and new["ClientId"] == ids(idp)[1]
    assert set(live_terms(idp)) == {"terms-of-use", "privacy-policy"}
    assert run(sandbox_url, "plan", "--detailed-exitcode", confidential).code == 0


def test_bad_items_are_refused_offline(sandbox_url: str, tmp_path: Path) -> None:
    bad = spec(tmp_path, terms=TERMS.replace("terms_name: terms-of-use",
                                             "terms_name: cookie-policy"),
               policies=POLICIES.replace("https://partners", "http://partners"))
    checked = run(sandbox_url, "validate", bad)
    assert checked.code == 1
    assert "terms_name" in checked.text and "url_patterns" in checked.text
    assert sandbox_requests(sandbox_url) == []


def test_export_round_trips(sandbox_url: str, tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    exported = run(sandbox_url, "export", "--pool-name", "legal")
    assert exported.code == 0, exported.text
    assert "terms_name: terms-of-use" in exported.out
    assert "policy_name: partners" in exported.out
    assert "cognito:spanish: https://example.com/es/terms" in exported.out
    path = write_spec(tmp_path, exported.out, "exported.yaml")
    replanned = run(sandbox_url, "plan", "--detailed-exitcode", path)
    assert replanned.code == 0, replanned.text


def test_a_deleted_clients_policies_are_deleted_first(sandbox_url: str, idp: Any,
                                                      tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    assert len(live_policies(idp)) == 1
    other = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: legal\n"
                                 "    clients:\n      - client_name: mobile\n")
    planned = run(sandbox_url, "plan", other)
    assert "# user_pool.legal.cimd_policy.web.partners will be deleted" in planned.out, (
        planned.text)
    assert "outlives its client" in planned.out
    clear_requests(sandbox_url)
    done = apply(sandbox_url, other)
    assert done.code == 0, done.text
    order = [r["operation"] for r in sandbox_requests(sandbox_url)
             if r["operation"] in ("DeleteCIMDPolicy", "DeleteUserPoolClient")]
    assert order == ["DeleteCIMDPolicy", "DeleteUserPoolClient"]
    pool_id = idp.list_user_pools(MaxResults=60)["UserPools"][0]["Id"]
    # Not left behind without a client (CIMDPolicyType.ClientId: omitted once it is gone).
    assert idp.list_cimd_policies(UserPoolId=pool_id)["CIMDPolicies"] == []


def test_destroy_names_the_terms_and_policies_it_destroys(sandbox_url: str, idp: Any,
                                                          tmp_path: Path) -> None:
    path = spec(tmp_path)
    assert apply(sandbox_url, path).code == 0
    # Named whether or not the spec given to destroy manages them.
    bare = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: legal\n",
                      "bare.yaml")
    done = run(sandbox_url, "destroy", "--auto-approve", bare)
    assert done.code == 0, done.text
    for address in ("user_pool.legal.terms.web.terms-of-use",
                    "user_pool.legal.terms.web.privacy-policy",
                    "user_pool.legal.cimd_policy.web.partners"):
        assert address in done.out, done.text
    assert idp.list_user_pools(MaxResults=60)["UserPools"] == []


def test_a_pool_replace_names_the_terms_and_policies_it_loses(sandbox_url: str,
                                                              tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    # A new username_attributes replaces the pool; this spec keeps the terms of use only.
    only_terms = TERMS.split("          - terms_name: privacy-policy")[0].rstrip("\n")
    text = Path(spec(tmp_path, terms=only_terms)).read_text().replace(
        "  - pool_name: legal\n", "  - pool_name: legal\n    username_attributes: [email]\n")
    planned = run(sandbox_url, "plan", write_spec(tmp_path, text, "replace.yaml"))
    assert planned.code == 0, planned.text
    assert "user_pool.legal must be replaced" in planned.out
    assert ("destroys, not re-created:\n        - user_pool.legal.terms.web.privacy-policy\n"
            in planned.out)
    assert "+ user_pool.legal.cimd_policy.web.partners\n" in planned.out  # re-created



def test_verifying_a_terms_change_rereads_the_client_not_the_pool(
        sandbox_url: str, tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    changed = spec(tmp_path, terms=TERMS.replace("https://example.com/privacy",
                                                 "https://example.com/privacy/v2"))
    clear_requests(sandbox_url)
    done = apply(sandbox_url, changed)
    assert done.code == 0, done.text
    calls = [r["operation"] for r in sandbox_requests(sandbox_url)]
    after = calls[calls.index("UpdateTerms") + 1:]
    # The verification reads what the apply wrote: the client and its parts, not the
    # pool's settings again (issue 15: apply's necessary work).
    assert "DescribeUserPool" not in after and "GetUserPoolMfaConfig" not in after, after
    assert after.count("DescribeTermsByClient") == 2, after


def test_a_name_twice_in_a_clients_list_is_refused_offline(sandbox_url: str,
                                                           tmp_path: Path) -> None:
    twice = spec(tmp_path, terms=TERMS.replace("terms_name: privacy-policy",
                                               "terms_name: terms-of-use"),
                 policies=POLICIES + "\n" + POLICIES)
    checked = run(sandbox_url, "validate", twice)
    assert checked.code == 1
    assert "terms_name 'terms-of-use' is used twice in terms" in checked.text
    assert "policy_name 'partners' is used twice in cimd_policies" in checked.text
    assert sandbox_requests(sandbox_url) == []


def test_links_without_a_default_language_are_a_warning(sandbox_url: str,
                                                        tmp_path: Path) -> None:
    spanish_only = spec(tmp_path, terms=TERMS.replace(
        '"cognito:default": https://example.com/terms\n', ""))
    checked = run(sandbox_url, "validate", spanish_only)
    assert checked.code == 0, checked.text
    assert "links has no 'cognito:default'" in checked.text


def test_a_saved_plan_applies_and_is_refused_after_a_change(sandbox_url: str, idp: Any,
                                                            tmp_path: Path) -> None:
    assert apply(sandbox_url, spec(tmp_path)).code == 0
    changed = spec(tmp_path, policies=POLICIES.replace("172800", "259200"))
    saved = str(tmp_path / "terms.plan")
    assert run(sandbox_url, "plan", "--out", saved, changed).code == 0
    # Someone changes the policy after the plan was made: the saved plan is refused.
    pool_id, client_id = ids(idp)
    [before] = live_policies(idp)
    idp.update_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=before["CIMDPolicyId"],
                           ClientId=client_id, URLPatterns=["https://x.example.com/*"])
    refused = run(sandbox_url, "apply", "--auto-approve", saved)
    assert refused.code == 1, refused.text
    [still] = live_policies(idp)
    assert still["CacheDuration"] == 172800  # not overwritten
    assert run(sandbox_url, "plan", "--out", saved, changed).code == 0
    applied = run(sandbox_url, "apply", "--auto-approve", saved)
    assert applied.code == 0, applied.text
    [now] = live_policies(idp)
    assert now["CacheDuration"] == 259200
    assert now["URLPatterns"] == ["https://partners.example.com/*"]


def test_export_and_destroy_read_the_lists_once_per_pool(sandbox_url: str,
                                                         tmp_path: Path) -> None:
    three = Path(spec(tmp_path)).read_text() + (
        "      - client_name: mobile\n      - client_name: admin\n")
    path = write_spec(tmp_path, three, "three.yaml")
    assert apply(sandbox_url, path).code == 0
    bare = write_spec(tmp_path, "version: 1\nuser_pools:\n  - pool_name: legal\n",
                      "bare.yaml")
    for args in (("export", "--pool-name", "legal"), ("destroy", "--auto-approve", bare)):
        clear_requests(sandbox_url)
        done = run(sandbox_url, *args)
        assert done.code == 0, done.text
        calls = [r["operation"] for r in sandbox_requests(sandbox_url)]
        # One list of each kind for the pool and a describe of each item (two terms,
        # one policy), not three calls for each of the three clients.
        assert (calls.count("ListTerms"), calls.count("DescribeTerms"),
                calls.count("ListCIMDPolicies"), calls.count("DescribeCIMDPolicy"),
                calls.count("DescribeTermsByClient")) == (1, 2, 1, 1, 0), (args, calls)
