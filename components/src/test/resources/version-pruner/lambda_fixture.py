"""Shapes a function in the Lambda API at AWS_ENDPOINT_URL, as a deploy would have left it.

  create NAME VERSIONS       a function with that many published versions (1..VERSIONS)
  alias NAME ALIAS VERSION   an alias on a version
  weighted NAME ALIAS VERSION OTHER
                             an alias on a version that sends a tenth of the requests to another
  versions NAME              prints the function's versions as JSON, $LATEST included
"""
import io
import json
import sys
import zipfile

import boto3

ROLE_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def code(revision):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return %d\n" % revision)
    return buffer.getvalue()


def create(name, count):
    role = boto3.client("iam").create_role(RoleName=name + "-role", AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"]
    client = boto3.client("lambda")
    client.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": code(0)})
    for revision in range(1, count + 1):
        client.update_function_code(FunctionName=name, ZipFile=code(revision))
        client.publish_version(FunctionName=name)


def main(command, *args):
    client = boto3.client("lambda")
    if command == "create":
        create(args[0], int(args[1]))
    elif command == "alias":
        client.create_alias(FunctionName=args[0], Name=args[1], FunctionVersion=args[2])
    elif command == "weighted":
        client.create_alias(FunctionName=args[0], Name=args[1], FunctionVersion=args[2],
                            RoutingConfig={"AdditionalVersionWeights": {args[3]: 0.1}})
    elif command == "versions":
        pages = client.get_paginator("list_versions_by_function").paginate(FunctionName=args[0])
        print(json.dumps([v["Version"] for page in pages for v in page["Versions"]]))
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main(*sys.argv[1:])
