package sim

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type alb struct{ vpc, subnet, lb, listener, tg string }

func loadBalancer(t *testing.T, a *Account) alb {
	t.Helper()
	vpc, subnet := network(t, a)
	lb := mustCreate(t, a, tLB, "alb", map[string]any{"name": "shop-dev-alb", "internal": true, "subnets": []any{subnet}})
	if dns := lb.Outputs["dnsName"].(string); !strings.HasPrefix(dns, "internal-shop-dev-alb-") || !strings.HasSuffix(dns, ".us-east-1.elb.amazonaws.com") {
		t.Errorf("internal ALB DNS name = %s", dns)
	}
	listener := mustCreate(t, a, tListener, "listener", map[string]any{"loadBalancerArn": lb.ID, "port": float64(80),
		"defaultActions": []any{map[string]any{"type": "fixed-response"}}})
	tg := mustCreate(t, a, tTargetGroup, "tg", map[string]any{"name": "shop-dev-api-tg", "port": float64(8080), "protocol": "HTTP", "vpcId": vpc, "targetType": "ip"})
	return alb{vpc, subnet, lb.ID, listener.ID, tg.ID}
}

func rule(tg string, listener string, priority float64, patterns ...string) map[string]any {
	values := []any{}
	for _, p := range patterns {
		values = append(values, p)
	}
	return map[string]any{"listenerArn": listener, "priority": priority,
		"actions":    []any{map[string]any{"type": "forward", "targetGroupArn": tg}},
		"conditions": []any{map[string]any{"pathPattern": map[string]any{"values": values}}}}
}

func TestTargetGroupNameIsUniquePerRegion(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	failCreate(t, a, tTargetGroup, "tg2", map[string]any{"name": "shop-dev-api-tg", "port": float64(80), "protocol": "HTTP", "vpcId": x.vpc},
		"DuplicateTargetGroupName: A target group with the same name 'shop-dev-api-tg' exists")
}

func TestTargetGroupUsedByARuleCannotBeDeleted(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	r := mustCreate(t, a, tListenerRule, "rule", rule(x.tg, x.listener, 1, "/api/*"))
	if !strings.Contains(r.ID, ":listener-rule/app/shop-dev-alb/") {
		t.Errorf("rule ARN %s", r.ID)
	}
	mustRefuse(t, a.Delete(Op{Type: tTargetGroup, URN: urn(tTargetGroup, "tg")}, x.tg, nil),
		"ResourceInUse: Target group '"+x.tg+"' is currently in use by a listener or a rule")
}

func TestRulePriorityIsUniquePerListener(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	mustCreate(t, a, tListenerRule, "r1", rule(x.tg, x.listener, 10, "/a/*"))
	failCreate(t, a, tListenerRule, "r2", rule(x.tg, x.listener, 10, "/b/*"), "PriorityInUse: Priority '10' is currently in use")
	mustCreate(t, a, tListenerRule, "r3", rule(x.tg, x.listener, 11, "/b/*"))
}

// issue 19 item 3
func TestRuleWithMoreThanFiveWildcardsIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	in := rule(x.tg, x.listener, 1, "/a*/b?/c*")
	in["conditions"] = append(in["conditions"].([]any), map[string]any{"hostHeader": map[string]any{"values": []any{"*.shop.example.com", "a?.*.example.com"}}})
	failCreate(t, a, tListenerRule, "r", in, "ValidationError: A rule can have at most 5 wildcards")
	in = rule(x.tg, x.listener, 1, "/a*/b?/c*")
	in["conditions"] = append(in["conditions"].([]any), map[string]any{"hostHeader": map[string]any{"values": []any{"*.shop.example.com"}}},
		map[string]any{"httpHeader": map[string]any{"httpHeaderName": "x", "values": []any{"api"}}})
	mustCreate(t, a, tListenerRule, "r", in)
}

// issue 19 item 12
func TestListenerHoldsAtMostAHundredRules(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	for i := 1; i <= MaxRulesPerListener; i++ {
		mustCreate(t, a, tListenerRule, fmt.Sprintf("r%d", i), rule(x.tg, x.listener, float64(i), "/x"))
	}
	failCreate(t, a, tListenerRule, "r101", rule(x.tg, x.listener, 101, "/x"), "TooManyRules")
}

// issue 19 item 4: the provider rejects these names before calling AWS
func TestLoadBalancerNamesAwsForbidsFailCheck(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cases := map[string]string{
		"internal-shop":         `cannot begin with "internal-"`,
		"-shop":                 "cannot begin with a hyphen",
		"shop-":                 "cannot end with a hyphen",
		"shop_dev":              "only alphanumeric characters and hyphens",
		strings.Repeat("a", 33): "cannot be longer than 32 characters",
	}
	for name, want := range cases {
		_, _, failures, err := a.Check(Op{Type: tLB, URN: urn(tLB, "alb"), Logical: "alb"}, nil, map[string]any{"name": name})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range failures {
			found = found || strings.Contains(f.Reason, want)
		}
		if !found {
			t.Errorf("name %q: failures %v do not say %q", name, failures, want)
		}
	}
}

func TestEcsServiceHoldsItsTargetGroupAndClusterAndSubnet(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	mustCreate(t, a, tListenerRule, "rule", rule(x.tg, x.listener, 1, "/api/*"))
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"}).ID
	exec := mustCreate(t, a, tRole, "exec", map[string]any{"name": "shop-dev-exec", "assumeRolePolicy": "{}"})
	td := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "shop-dev-api", "executionRoleArn": exec.ARN, "containerDefinitions": "[]"})
	if td.Outputs["revision"] != float64(1) || td.ARN != "arn:aws:ecs:us-east-1:"+DefaultAccountID+":task-definition/shop-dev-api:1" {
		t.Errorf("task definition = %s %v", td.ARN, td.Outputs)
	}
	svc := mustCreate(t, a, tService, "svc", map[string]any{"name": "api", "cluster": cluster, "taskDefinition": td.ARN,
		"loadBalancers":        []any{map[string]any{"targetGroupArn": x.tg, "containerName": "api", "containerPort": float64(8080)}},
		"networkConfiguration": map[string]any{"subnets": []any{x.subnet}}})
	if svc.ID != "arn:aws:ecs:us-east-1:"+DefaultAccountID+":service/shop-dev/api" {
		t.Errorf("service id %s", svc.ID)
	}
	mustRefuse(t, a.Delete(Op{Type: tCluster, URN: urn(tCluster, "cluster")}, cluster, nil), "ClusterContainsServicesException")
	mustRefuse(t, a.Delete(Op{Type: tSubnet, URN: urn(tSubnet, "subnet-a")}, x.subnet, nil), "DependencyViolation: The subnet")
	mustRefuse(t, a.Delete(Op{Type: tRole, URN: urn(tRole, "exec")}, exec.ID, nil), "DeleteConflict")
	// a second revision of the family
	td2 := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "shop-dev-api", "executionRoleArn": exec.ARN, "containerDefinitions": "[{}]"})
	if td2.Outputs["revision"] != float64(2) {
		t.Errorf("second revision = %v", td2.Outputs["revision"])
	}
}

func TestEcsServiceOnATargetGroupNoListenerForwardsToIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"}).ID
	td := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"})
	failCreate(t, a, tService, "svc", map[string]any{"name": "api", "cluster": cluster, "taskDefinition": td.ARN,
		"loadBalancers": []any{map[string]any{"targetGroupArn": x.tg}}}, "does not have an associated load balancer")
}

func TestRolledBackServiceKeepsRunningItsPreviousTaskDefinition(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "c"}).ID
	old := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"}).ARN
	in := map[string]any{"name": "web", "cluster": cluster, "taskDefinition": old}
	svc := mustCreate(t, a, tService, "svc", in)
	next := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[{}]"}).ARN
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"rolledBackServices":["web"]}`), 0o644)
	if _, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "taskDefinition", next)); err != nil {
		t.Fatalf("a rolled-back deployment still reaches a steady state: %v", err)
	}
	a.Store.View(func(st *State) error {
		r := st.Find(tService, svc.ID)
		if r.Attrs["taskDefinition"] != old || r.Attrs["rolledBackFrom"] != next {
			t.Errorf("service attrs %v", r.Attrs)
		}
		return nil
	})
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"failingServices":["web"]}`), 0o644)
	_, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(withValue(in, "taskDefinition", next), "waitForSteadyState", true))
	mustRefuse(t, err, "waiting for ECS Service ("+svc.ID+") update: timeout while waiting for state to become 'tfSTABLE'"+
		" (last state: 'tfPENDING', timeout: 20m0s)")
}

func TestANewServiceThatNeverBecomesHealthyFailsTheProvidersWaitAtItsCustomTimeoutInTheProvidersWords(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "c"}).ID
	td := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"}).ARN
	// named as a program names services that must survive replacement: the fault names the part before the hash
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"failingServices":["shop-dev-web-service"]}`), 0o644)
	op := Op{Type: tService, URN: urn(tService, "svc"), Timeout: 9 * time.Minute}
	_, err := a.Create(op, map[string]any{"name": "shop-dev-web-service-3f2a1b0", "cluster": cluster, "taskDefinition": td, "waitForSteadyState": true})
	mustRefuse(t, err, "waiting for ECS Service (arn:aws:ecs:us-east-1:"+DefaultAccountID+":service/c/shop-dev-web-service-3f2a1b0) create:"+
		" timeout while waiting for state to become 'tfSTABLE' (last state: 'tfPENDING', timeout: 9m0s)")
	a.Store.View(func(st *State) error {
		for _, r := range st.Records {
			if r.Type == tService {
				t.Errorf("a service whose create failed is in the account: %v", r)
			}
		}
		return nil
	})
}
