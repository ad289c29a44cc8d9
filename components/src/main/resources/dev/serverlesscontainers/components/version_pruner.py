"""Deletes a Lambda function's old published versions, keeping the newest few for rollback.

Invoked by the deploy (an aws:lambda/Invocation) once a function's `live` alias has moved, with
{"functionName": NAME, "keep": N}. Kept: the N newest versions, and every version an alias points at
(also through a weighted alias's additional version), whatever its age; $LATEST is no version of its
own and is never touched. Running it twice deletes nothing the second time.

Answers {"functionName", "kept", "deleted", "skipped"} (version numbers as strings). A version that
an alias took between the listing and the deletion is skipped, as Lambda refuses to delete it; any
other refusal (a missing permission, a function that does not exist) fails the invocation, so the
deploy reports it instead of leaving versions to pile up unseen.
"""
import time

import boto3
from botocore.exceptions import ClientError

LATEST = "$LATEST"
# IAM takes a few seconds to apply a policy the same update just wrote (a new container's function
# added to the pruner's): a refusal is retried this often, this many seconds apart, within the
# function's timeout
ACCESS_RETRIES = 4
ACCESS_RETRY_SECONDS = 10


def handler(event, context=None):
    name = event["functionName"]
    keep = int(event["keep"])
    if keep < 1:
        raise ValueError("keep must be at least 1 (got %r): the newest version is the one just deployed" % event["keep"])
    client = boto3.client("lambda")
    versions = with_access_retries(lambda: published_versions(client, name))
    kept = set(sorted(versions, key=int, reverse=True)[:keep]) | (aliased_versions(client, name) & set(versions))
    deleted, skipped = [], []
    for version in sorted(set(versions) - kept, key=int):
        try:
            client.delete_function(FunctionName=name, Qualifier=version)
            deleted.append(version)
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code")
            if code == "ResourceNotFoundException":
                continue  # deleted meanwhile, by another run: the goal is reached
            if code == "ResourceConflictException":
                skipped.append(version)  # an alias now points at it (Lambda refuses), or the function is updating
                continue
            raise
    return {"functionName": name, "kept": sorted(kept, key=int), "deleted": deleted, "skipped": skipped}


def with_access_retries(call):
    for attempt in range(ACCESS_RETRIES + 1):
        try:
            return call()
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") != "AccessDeniedException" or attempt == ACCESS_RETRIES:
                raise
            time.sleep(ACCESS_RETRY_SECONDS)


def published_versions(client, name):
    pages = client.get_paginator("list_versions_by_function").paginate(FunctionName=name)
    return [v["Version"] for page in pages for v in page["Versions"] if v["Version"] != LATEST]


def aliased_versions(client, name):
    aliased = set()
    for page in client.get_paginator("list_aliases").paginate(FunctionName=name):
        for alias in page["Aliases"]:
            aliased.add(alias["FunctionVersion"])
            aliased.update((alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights", {}).keys())
    return aliased
