"""Waits for an ECS service's rollout of one task definition and fails fast, with the reason, when it fails.

Invoked by the deploy (an aws:lambda/Invocation) right after the service was created or updated with
{"container", "cluster", "service" (its ARN), "taskDefinition", "logGroup", "waitSeconds"}. It reads the
service (DescribeServices) every few seconds:

- done, when the primary deployment runs that task definition, its rolloutState is COMPLETED and
  all its desired tasks run: answers {"service", "taskDefinition", "runningCount"};
- failed, as soon as the deployment of that task definition is FAILED (the circuit breaker tripped,
  whether or not it rolls back), or once that deployment was seen and the primary deployment then
  runs another task definition (ECS rolled back); when that deployment has not appeared within
  UNSEEN_DEPLOYMENT_GRACE_SECONDS (ECS never started it); and when the wait reaches waitSeconds, or
  the function's own timeout comes near, with the last state it saw. A failure raises RolloutFailed,
  whose message (the function error the deploy shows) names the container, the service, the stopped
  tasks' reasons with each container's exit code, and the log group to read.
"""
import time

import boto3
from botocore.exceptions import ClientError

# ECS reports a task's state change within seconds; one DescribeServices call per poll
POLL_SECONDS = 5
# kept back from the function's own timeout, to read the stopped tasks and answer before Lambda ends it
ANSWER_MARGIN_SECONDS = 30
# stopped tasks quoted in the message: the first few tell the story, ECS keeps them for an hour
STOPPED_TASKS_SHOWN = 5
# ECS's reads are eventually consistent: right after UpdateService, DescribeServices may still show the
# old primary deployment alone, so another primary means a rollback only once ours was seen. ECS shows
# a new deployment within seconds; a minute is ample, and short beside a rollout's minutes
UNSEEN_DEPLOYMENT_GRACE_SECONDS = 60


class RolloutFailed(Exception):
    pass


def handler(event, context=None):
    started = time.monotonic()
    wait = float(event["waitSeconds"])
    if context is not None:
        wait = min(wait, context.get_remaining_time_in_millis() / 1000.0 - ANSWER_MARGIN_SECONDS)
    deadline = started + wait
    ecs = boto3.client("ecs")
    seen = False
    while True:
        try:
            service = describe(ecs, event)
        except ClientError as e:
            # IAM takes a few seconds to apply a policy the same update just wrote (a new container's
            # service added to the watcher's): a refusal is retried until the deadline
            if e.response.get("Error", {}).get("Code") != "AccessDeniedException" or time.monotonic() + POLL_SECONDS > deadline:
                raise
            time.sleep(POLL_SECONDS)
            continue
        ours = deployment_of(service, event["taskDefinition"])
        primary = primary_deployment(service)
        seen = seen or ours is not None
        if primary is not None and primary is ours and rolled_out(ours):
            return {"service": event["service"], "taskDefinition": event["taskDefinition"], "runningCount": ours["runningCount"]}
        if ours is not None and ours.get("rolloutState") == "FAILED":
            raise failure(ecs, event, "the deployment failed: " + (ours.get("rolloutStateReason") or "no reason given").rstrip(".")
                          + rolled_back_to(primary, event))
        if seen and primary is not None and primary.get("taskDefinition") != event["taskDefinition"]:
            raise failure(ecs, event, "ECS runs another task definition" + rolled_back_to(primary, event))
        if not seen and time.monotonic() - started >= UNSEEN_DEPLOYMENT_GRACE_SECONDS:
            raise never_started(event, primary)
        if time.monotonic() + POLL_SECONDS > deadline:
            raise failure(ecs, event, "the rollout did not complete within %d s (last state: %s)"
                          % (round(time.monotonic() - started), state_of(ours)))
        time.sleep(POLL_SECONDS)


def describe(ecs, event):
    answer = ecs.describe_services(cluster=event["cluster"], services=[event["service"]])
    for service in answer.get("services", []):
        if service.get("status") != "INACTIVE":
            return service
    reasons = ", ".join(f.get("reason", "?") for f in answer.get("failures", [])) or "not found"
    raise RolloutFailed("containers.%s: ECS service %s in %s: %s" % (event["container"], service_name(event), event["cluster"], reasons))


def service_name(event):
    """The name the ECS console shows, from the service's ARN (arn:...:service/CLUSTER/NAME)."""
    return event["service"].rsplit("/", 1)[-1]


def deployment_of(service, task_definition):
    found = [d for d in service.get("deployments", []) if d.get("taskDefinition") == task_definition]
    # a task definition deployed twice (rolled back, then forward again): the newest deployment counts
    return max(found, key=lambda d: d.get("createdAt") or 0) if found else None


def primary_deployment(service):
    return next((d for d in service.get("deployments", []) if d.get("status") == "PRIMARY"), None)


def rolled_out(deployment):
    return deployment.get("rolloutState") == "COMPLETED" and deployment.get("runningCount") == deployment.get("desiredCount")


def rolled_back_to(primary, event):
    if primary is None or primary.get("taskDefinition") == event["taskDefinition"]:
        return ""
    return "; ECS rolled the service back to %s, which goes on serving" % primary["taskDefinition"]


def state_of(deployment):
    if deployment is None:
        return "no deployment of this task definition"
    return "rolloutState %s, %s of %s tasks running, %s pending, %s failed" % (
        deployment.get("rolloutState", "?"), deployment.get("runningCount", 0), deployment.get("desiredCount", 0),
        deployment.get("pendingCount", 0), deployment.get("failedTasks", 0))


def failure(ecs, event, what):
    try:
        tasks = stopped_tasks(ecs, event)
        told = "; ".join(describe_task(t) for t in tasks[:STOPPED_TASKS_SHOWN]) if tasks else "none stopped yet"
    except ClientError as e:  # the failure itself is known: say it, with why the reasons are missing
        told = "not readable (%s)" % e
    return RolloutFailed("containers.%s: ECS service %s did not roll out %s: %s. Stopped tasks: %s. See the container's logs in %s"
                         " and the service's events in the ECS console" % (
                             event["container"], service_name(event), event["taskDefinition"], what, told, event["logGroup"]))


def never_started(event, primary):
    running = "" if primary is None else "; its primary deployment runs %s" % primary.get("taskDefinition", "?")
    return RolloutFailed("containers.%s: ECS service %s did not roll out %s: ECS never started a deployment of this task definition"
                         " (none appeared within %d s)%s. See the service's events in the ECS console" % (
                             event["container"], service_name(event), event["taskDefinition"], UNSEEN_DEPLOYMENT_GRACE_SECONDS, running))


def stopped_tasks(ecs, event):
    """The stopped tasks of this task definition, newest first."""
    family = event["taskDefinition"].rsplit("/", 1)[-1].rsplit(":", 1)[0]
    arns = ecs.list_tasks(cluster=event["cluster"], family=family, desiredStatus="STOPPED").get("taskArns", [])
    if not arns:
        return []
    tasks = ecs.describe_tasks(cluster=event["cluster"], tasks=arns[:100]).get("tasks", [])
    ours = [t for t in tasks if t.get("taskDefinitionArn") == event["taskDefinition"]]
    return sorted(ours, key=lambda t: t.get("stoppedAt") or t.get("createdAt") or 0, reverse=True)


def describe_task(task):
    containers = []
    for c in task.get("containers", []):
        said = []
        if c.get("exitCode") is not None:
            said.append("exit code %s" % c["exitCode"])
        if c.get("reason"):
            said.append(c["reason"])
        if said:
            containers.append("container %s: %s" % (c.get("name", "?"), ", ".join(said)))
    detail = " (%s)" % "; ".join(containers) if containers else ""
    return "task %s: %s%s" % (task.get("taskArn", "?").rsplit("/", 1)[-1], task.get("stoppedReason", "no reason given"), detail)
