"""A Lambda handler behind a function URL: the event is payload format 2.0, the result becomes the response."""
import json
import os
import time

STARTED = time.time()  # once per execution environment: a cold start runs this again


def handler(event, context):
    http = event["requestContext"]["http"]
    if event["rawPath"] == "/health":
        return {"statusCode": 200, "body": "ok"}
    if event["rawPath"] == "/slow":
        time.sleep(2)
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({
            "message": f"{os.environ['GREETING']} from {context.function_name}",
            "method": http["method"],
            "path": event["rawPath"],
            "query": event.get("queryStringParameters") or {},
            "environment_age_seconds": round(time.time() - STARTED, 1),
            "pid": os.getpid(),
        }),
    }
