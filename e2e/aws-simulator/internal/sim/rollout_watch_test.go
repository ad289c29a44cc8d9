package sim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func watcher(t *testing.T, a *Account) Created {
	role := mustCreate(t, a, tRole, "watcher-role", map[string]any{"name": "shop-dev-euw1-rollout_watcher-role", "assumeRolePolicy": "{}"})
	return mustCreate(t, a, tFunction, "watcher", map[string]any{"name": "shop-dev-rollout_watcher-fn", "runtime": "python3.12",
		"handler": "rollout_watcher.handler", "code": "archive:abc", "role": role.ARN})
}

func watchInput(cluster, service, taskDefinition string) string {
	data, _ := json.Marshal(map[string]any{"container": "web", "cluster": cluster, "service": service, "taskDefinition": taskDefinition,
		"logGroup": "/ecs/shop-dev-web-fargate-logs", "waitSeconds": 870})
	return string(data)
}

func TestTheWatchersInvocationPassesARolloutAndFailsOneTheCircuitBreakerFailedWithTheStoppedReason(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	mustCreate(t, a, tListenerRule, "rule", rule(x.tg, x.listener, 1, "/*"))
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev-cluster"})
	first := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "shop-dev-web-task", "containerDefinitions": "[]"}).ARN
	w := watcher(t, a)
	in := map[string]any{"name": "shop-dev-web-service-3f2a1b0", "cluster": cluster.ID, "taskDefinition": first, "desiredCount": float64(2),
		"deploymentCircuitBreaker": map[string]any{"enable": true, "rollback": true},
		"loadBalancers":            []any{map[string]any{"targetGroupArn": x.tg, "containerName": "web", "containerPort": float64(8080)}}}

	// a new service whose tasks never become healthy: created at once (no provider wait), failed by the watcher
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"failingServices":["shop-dev-web-service"]}`), 0o644)
	svc := mustCreate(t, a, tService, "svc", in)
	failCreate(t, a, tInvocation, "rollout", map[string]any{"functionName": w.ID, "input": watchInput(cluster.ARN, svc.ID, first)},
		`invoking Lambda Function (shop-dev-rollout_watcher-fn): function error: Unhandled: {"errorMessage":"containers.web: ECS service`+
			` shop-dev-web-service-3f2a1b0 did not roll out `+first+`: the deployment failed: ECS deployment circuit breaker: tasks failed to start.`+
			` Stopped tasks: task `)
	made, err := a.Create(Op{Type: tInvocation, URN: urn(tInvocation, "rollout")}, map[string]any{"functionName": w.ID,
		"input": watchInput(cluster.ARN, svc.ID, first)})
	if err == nil || !strings.Contains(err.Error(), "Task failed ELB health checks in (target-group "+x.tg+") (container web: exit code 137)."+
		" See the container's logs in /ecs/shop-dev-web-fargate-logs") || strings.Contains(err.Error(), "rolled the service back") {
		t.Errorf("watcher on a failed first deployment: %v %v", made, err)
	}

	// healthy now: the same revision, deployed again, rolls out
	os.Remove(filepath.Join(a.Env.StateDir, FaultsFile))
	if _, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "desiredCount", float64(3))); err != nil {
		t.Fatal(err)
	}
	ok := mustCreate(t, a, tInvocation, "rollout-ok", map[string]any{"functionName": w.ID, "input": watchInput(cluster.ARN, svc.ID, first)})
	if ok.Outputs["result"] != `{"service":"`+svc.ID+`","taskDefinition":"`+first+`","runningCount":3}` {
		t.Errorf("result %v", ok.Outputs["result"])
	}

	// an update whose new tasks fail: ECS rolls back to the revision before, and the watcher says so
	next := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "shop-dev-web-task", "containerDefinitions": "[{}]"}).ARN
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"failingServices":["shop-dev-web-service"]}`), 0o644)
	if _, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "taskDefinition", next)); err != nil {
		t.Fatalf("without the provider's wait an update returns as ECS accepted it: %v", err)
	}
	failCreate(t, a, tInvocation, "rollout-next", map[string]any{"functionName": w.ID, "input": watchInput(cluster.ARN, svc.ID, next)},
		"tasks failed to start; ECS rolled the service back to "+first+", which goes on serving. Stopped tasks: task ")

	// the rolledBackServices fault: the same for the watcher, whatever the tasks said
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"rolledBackServices":["shop-dev-web-service"]}`), 0o644)
	third := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "shop-dev-web-task", "containerDefinitions": "[{},{}]"}).ARN
	if _, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "taskDefinition", third)); err != nil {
		t.Fatal(err)
	}
	failCreate(t, a, tInvocation, "rollout-third", map[string]any{"functionName": w.ID, "input": watchInput(cluster.ARN, svc.ID, third)},
		"ECS rolled the service back to "+first)
}
