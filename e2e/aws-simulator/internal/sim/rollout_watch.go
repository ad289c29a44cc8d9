package sim

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
)

// rolloutWatch is what the component's rollout watcher is asked for one service
// (components/.../rollout_watcher.py).
type rolloutWatch struct {
	Container      string   `json:"container"`
	Cluster        string   `json:"cluster"`
	Service        string   `json:"service"`
	TaskDefinition string   `json:"taskDefinition"`
	LogGroup       string   `json:"logGroup"`
	WaitSeconds    *float64 `json:"waitSeconds"`
}

func asRolloutWatch(input string) (rolloutWatch, bool) {
	var req rolloutWatch
	if err := json.Unmarshal([]byte(input), &req); err != nil || req.Service == "" || req.TaskDefinition == "" || req.WaitSeconds == nil {
		return req, false
	}
	return req, true
}

// watchRollout answers as the watcher's code does, from the service's deployment as the account
// keeps it (rollout in kinds_containers.go): the service as asked when it runs the task definition and
// that deployment did not fail; else a function error that names the stopped tasks' reason, the
// revision ECS rolled back to, and where to look. The simulator has no tasks of its own: a failed
// deployment's tasks failed the target group's health checks, as an app that never answers does.
func watchRollout(c *Ctx, watcher *Record, req rolloutWatch) (string, error) {
	_, svc := serviceIn(c, req.Cluster, req.Service)
	if svc == nil {
		name := req.Service[strings.LastIndex(req.Service, "/")+1:]
		return "", functionError(watcher, fmt.Sprintf("containers.%s: ECS service %s in %s: MISSING", req.Container, name, req.Cluster))
	}
	running, failed := svc.Attrs["taskDefinition"], svc.Attrs["failedTaskDefinition"]
	if running == req.TaskDefinition && failed != req.TaskDefinition {
		desired := svc.Attrs["desiredCount"]
		if desired == "" {
			desired = "1"
		}
		return fmt.Sprintf(`{"service":%q,"taskDefinition":%q,"runningCount":%s}`, req.Service, req.TaskDefinition, desired), nil
	}
	what, stopped := "ECS runs another task definition", "none stopped yet"
	if failed == req.TaskDefinition {
		what = "the deployment failed: ECS deployment circuit breaker: tasks failed to start"
		sum := sha256.Sum256([]byte(svc.ARN + req.TaskDefinition))
		stopped = fmt.Sprintf("task %x: Task failed ELB health checks in (target-group %s) (container %s: exit code 137)",
			sum[:16], strings.Split(svc.Attrs["targetGroups"], ",")[0], req.Container)
	}
	if running != req.TaskDefinition {
		what += fmt.Sprintf("; ECS rolled the service back to %s, which goes on serving", running)
	}
	return "", functionError(watcher, fmt.Sprintf("containers.%s: ECS service %s did not roll out %s: %s. Stopped tasks: %s."+
		" See the container's logs in %s and the service's events in the ECS console",
		req.Container, svc.Name, req.TaskDefinition, what, stopped, req.LogGroup))
}

// functionError is how the provider reports an invocation whose function raised: its payload.
func functionError(fn *Record, message string) error {
	payload, _ := json.Marshal(map[string]string{"errorType": "RolloutFailed", "errorMessage": message})
	return fmt.Errorf("invoking Lambda Function (%s): function error: Unhandled: %s", fn.ID, payload)
}
