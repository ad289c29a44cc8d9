"""A handler as awslambdaric runs it: each path shows one thing a function URL does with a result."""
import base64
import json
import os
import socket
import time

# read once, at init: a new version of this file is only seen after a reload
with open(os.path.join(os.path.dirname(__file__), "version.txt")) as f:
    VERSION = f.read().strip()


def handler(event, context):
    path = event["rawPath"]
    if path == "/event":
        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(event)}
    if path == "/env":
        names = [n for n in os.environ if n.startswith(("AWS_LAMBDA_", "LAMBDA_", "AWS_REGION"))]
        env = {n: os.environ[n] for n in names}
        env["remaining_ms"] = context.get_remaining_time_in_millis()
        env["function_name"] = context.function_name
        return env
    if path == "/reverse":
        body = base64.b64decode(event["body"]) if event.get("isBase64Encoded") else event.get("body", "").encode()
        return {"statusCode": 200, "headers": {"content-type": "application/octet-stream"},
                "body": base64.b64encode(body[::-1]).decode(), "isBase64Encoded": True}
    if path == "/cookies":
        return {"statusCode": 201, "cookies": ["a=1; Path=/", "b=2"], "headers": {"x-custom": "yes"}, "body": "baked"}
    if path == "/string":
        return "Hello, world!"
    if path == "/object":
        return {"message": "Hello, world!"}
    if path == "/error":
        raise ValueError("the handler failed on purpose")
    if path == "/slow":
        time.sleep(float(event["queryStringParameters"]["seconds"]))
        # the host name tells containers apart, the process id processes
        return {"statusCode": 200, "body": socket.gethostname() + ":" + str(os.getpid())}
    if path == "/big":
        return {"statusCode": 200, "body": "x" * (6 * 1024 * 1024 + 10)}
    if path == "/exit":
        os._exit(3)
    return {"statusCode": 200, "body": VERSION + " " + event["requestContext"]["http"]["method"] + " " + path}
