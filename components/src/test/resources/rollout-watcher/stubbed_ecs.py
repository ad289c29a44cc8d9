"""Runs the rollout watcher's handler against ECS answers given in a JSON file, through botocore's
Stubber: the watcher's real boto3 client, with every request checked against ECS's API model and
answered from the file, in order. No network.

  stubbed_ecs.py HANDLER EVENT ANSWERS

ANSWERS: {"pollSeconds": N, "remainingMillis": M, "graceSeconds": G (optional), "calls": [{"operation", "expect",
"answer" or "error": CODE}]}.
Prints {"result": ...} or {"error": {"type", "message"}}, and whether every answer was asked for;
a request the file does not expect, or with other parameters, fails the run (a Stubber error).
"""
import importlib
import json
import sys

import boto3
from botocore.stub import Stubber


class Context:
    def __init__(self, remaining_millis):
        self.remaining_millis = remaining_millis

    def get_remaining_time_in_millis(self):
        return self.remaining_millis


def main(handler, event, answers_file):
    with open(answers_file) as f:
        answers = json.load(f)
    client = boto3.client("ecs", region_name="eu-west-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    stubber = Stubber(client)
    for call in answers["calls"]:
        if "error" in call:
            stubber.add_client_error(call["operation"], service_error_code=call["error"], service_message="refused",
                                     http_status_code=400, expected_params=call.get("expect"))
        else:
            stubber.add_response(call["operation"], call["answer"], call.get("expect"))
    module_name, function = handler.rsplit(".", 1)
    module = importlib.import_module(module_name)
    module.POLL_SECONDS = answers.get("pollSeconds", 0)
    if "graceSeconds" in answers:
        module.UNSEEN_DEPLOYMENT_GRACE_SECONDS = answers["graceSeconds"]
    module.boto3.client = lambda service, **kwargs: client
    outcome = {}
    with stubber:
        try:
            outcome["result"] = getattr(module, function)(json.loads(event), Context(answers.get("remainingMillis", 900000)))
        except Exception as e:  # what Lambda reports as the function error
            outcome["error"] = {"type": type(e).__name__, "message": str(e)}
        try:
            stubber.assert_no_pending_responses()
            outcome["allAnswersUsed"] = True
        except AssertionError:
            outcome["allAnswersUsed"] = False
    print(json.dumps(outcome, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:])
