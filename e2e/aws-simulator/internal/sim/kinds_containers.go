package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

const (
	tRepo      = "aws:ecr/repository:Repository"
	tLifecycle = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
	tCluster   = "aws:ecs/cluster:Cluster"
	tService   = "aws:ecs/service:Service"
	tTaskDef   = "aws:ecs/taskDefinition:TaskDefinition"
	tScaleTgt  = "aws:appautoscaling/target:Target"
	tScalePol  = "aws:appautoscaling/policy:Policy"
	tLogGroup  = "aws:cloudwatch/logGroup:LogGroup"
	tAlarm     = "aws:cloudwatch/metricAlarm:MetricAlarm"
	tImage     = "docker:index/image:Image"
	// ECS does not stop a role being deleted under a task definition; the simulator does (README)
	roleUsedByTask = "DeleteConflict: Cannot delete role {name}: it is still used by ECS task definition {holder} (simulator rule)"
	repoMissing    = "RepositoryNotFoundException: The repository with name '{value}' does not exist in the registry with id '{account}'"
)

func init() {
	register(&Kind{
		Token:   tRepo,
		Replace: []string{"name", "encryptionConfigurations"},
		Name: &Naming{Prop: "name", Auto: true, Max: 256, Chars: ecrName, Rule: ecrNameRule,
			Taken: "RepositoryAlreadyExistsException: The repository with name '{name}' already exists in the registry with id '{account}'"},
		Computed: []string{"arn", "registryId", "repositoryUrl", "tagsAll", "imageTagMutability"},
		Create: func(c *Ctx) (Created, error) {
			name := c.Str("name")
			arn := c.ARN("ecr", "repository/"+name)
			url := fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", c.Env.AccountID, c.Region, name)
			mutability := c.Str("imageTagMutability")
			if mutability == "" {
				mutability = "MUTABLE"
			}
			return Created{ID: name, ARN: arn, Attrs: map[string]string{"url": url, "forceDelete": strconv.FormatBool(Bool(c.In, "forceDelete"))},
				Outputs: map[string]any{"arn": arn, "registryId": c.Env.AccountID, "repositoryUrl": url, "tagsAll": c.In["tags"], "imageTagMutability": mutability}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			c.Old.Attrs["forceDelete"] = strconv.FormatBool(Bool(c.In, "forceDelete"))
			return nil, nil
		},
		Refuse: func(c *Ctx, r *Record) error {
			if len(r.Images) > 0 && r.Attrs["forceDelete"] != "true" {
				return fmt.Errorf("RepositoryNotEmptyException: The repository with name '%s' in registry with id '%s' cannot be deleted because it still contains images", r.ID, c.Env.AccountID)
			}
			return nil
		},
	})
	register(&Kind{
		Token:    tLifecycle,
		Replace:  []string{"repository"},
		Uses:     []Use{{Path: "repository", Types: []string{tRepo}, Missing: repoMissing, GoesWith: true}},
		Computed: []string{"registryId"},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: c.Str("repository"), Outputs: map[string]any{"registryId": c.Env.AccountID}}, nil
		},
	})
	register(&Kind{
		Token:    tCluster,
		Replace:  []string{"name"},
		Name:     &Naming{Prop: "name", Auto: true, Max: 255, Chars: ecsName, Rule: ecsNameRule},
		Computed: []string{"arn", "tagsAll"},
		Refuse: func(c *Ctx, r *Record) error {
			for _, other := range c.St.Records {
				if other.Type == tService && other.Attrs["cluster"] == r.Key {
					return fmt.Errorf("ClusterContainsServicesException: The Cluster cannot be deleted while Services are active.")
				}
			}
			return nil
		},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("ecs", "cluster/"+c.Str("name"))
			return Created{ID: arn, ARN: arn, Outputs: map[string]any{"arn": arn, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token: tTaskDef,
		// a task definition revision is immutable: any change registers a new one
		ReplaceAll: true,
		Name:       &Naming{Prop: "family", Max: 255, Chars: ecsName, Rule: ecsNameRule},
		Uses: []Use{
			{Path: "executionRoleArn", Types: []string{tRole}, Missing: roleArnMissing, Refuse: roleUsedByTask},
			{Path: "taskRoleArn", Types: []string{tRole}, Missing: roleArnMissing, Refuse: roleUsedByTask},
		},
		Computed: []string{"arn", "arnWithoutRevision", "revision", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			family := c.Str("family")
			c.St.Revisions[family]++
			rev := c.St.Revisions[family]
			base := c.ARN("ecs", "task-definition/"+family)
			arn := fmt.Sprintf("%s:%d", base, rev)
			return Created{ID: family, ARN: arn, Outputs: map[string]any{"arn": arn, "arnWithoutRevision": base, "revision": float64(rev), "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tService,
		Replace: []string{"name", "cluster", "launchType", "iamRole", "schedulingStrategy", "deploymentController"},
		Name: &Naming{Prop: "name", Auto: true, Max: 255, Chars: ecsName, Rule: ecsNameRule, Within: func(c *Ctx) string { return c.Str("cluster") },
			Taken: "InvalidParameterException: Creation of service was not idempotent."},
		Uses: []Use{
			{Path: "cluster", Types: []string{tCluster}, Missing: "ClusterNotFoundException: Cluster not found."},
			{Path: "taskDefinition", Types: []string{tTaskDef}, Missing: "ClientException: TaskDefinition not found."},
			{Path: "loadBalancers[].targetGroupArn", Types: []string{tTargetGroup}, Missing: tgMissing, Refuse: tgInUse},
			{Path: "networkConfiguration.subnets[]", Types: []string{tSubnet}, Missing: subnetMissing, Refuse: subnetInUse},
			{Path: "networkConfiguration.securityGroups[]", Types: []string{tSG}, Missing: sgMissing, Refuse: sgInUse},
		},
		Validate: func(c *Ctx) error {
			for _, tg := range Values(c.In, "loadBalancers[].targetGroupArn") {
				if !targetGroupAttached(c, tg) {
					return fmt.Errorf("InvalidParameterException: The target group with targetGroupArn %s does not have an associated load balancer.", tg)
				}
			}
			return serviceCapacityError(c)
		},
		Computed: []string{"tagsAll", "platformVersion"},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"taskDefinition": in["taskDefinition"], "loadBalancers": in["loadBalancers"]}
		},
		Slow: func(e Env) time.Duration { return e.ServiceSteady },
		Create: func(c *Ctx) (Created, error) {
			cluster := c.Resolve(c.Str("cluster"), []string{tCluster})
			arn := c.ARN("ecs", "service/"+strings.TrimPrefix(cluster.ID[strings.LastIndex(cluster.ID, "/")+1:], "")+"/"+c.Str("name"))
			running, failed, err := rollout(c, arn, "")
			if err != nil {
				return Created{}, err
			}
			attrs := deploymentAttrs(c, serviceAttrs(c, cluster), running, failed)
			return Created{ID: arn, ARN: arn, Attrs: attrs, Outputs: map[string]any{"tagsAll": c.In["tags"], "platformVersion": "LATEST"}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			running, failed, err := rollout(c, c.Old.ID, c.Old.Attrs["taskDefinition"])
			if err != nil {
				return nil, err
			}
			attrs := deploymentAttrs(c, serviceAttrs(c, c.St.Records[c.Old.Attrs["cluster"]]), running, failed)
			if Bool(c.In, "waitForSteadyState") {
				// the circuit breaker went back to the old revision and the service is steady there, which is
				// all that the provider's wait looks at: it reads the service back on the old revision
				c.In = withValue(c.In, "taskDefinition", running)
			}
			c.Old.Attrs = attrs
			return nil, nil
		},
	})
	register(&Kind{
		Token:   tScaleTgt,
		Replace: []string{"resourceId", "scalableDimension", "serviceNamespace"},
		Validate: func(c *Ctx) error {
			if !serviceExists(c, c.Str("resourceId")) {
				return fmt.Errorf("ValidationException: ECS service doesn't exist: %s", c.Str("resourceId"))
			}
			return nil
		},
		Computed: []string{"arn", "roleArn", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("application-autoscaling", "scalable-target/"+c.Hex(24))
			role := c.GlobalARN("iam", "role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService")
			return Created{ID: c.Str("resourceId"), ARN: arn, Outputs: map[string]any{"arn": arn, "roleArn": role, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tScalePol,
		Replace: []string{"name", "resourceId", "scalableDimension", "serviceNamespace"},
		Name:    &Naming{Prop: "name", Max: 256, Chars: alarmPolicyName, Rule: alarmPolicyRule},
		Validate: func(c *Ctx) error {
			for _, r := range c.St.Records {
				if r.Type == tScaleTgt && r.ID == c.Str("resourceId") && r.Region == c.Region {
					return nil
				}
			}
			return fmt.Errorf("ObjectNotFoundException: No scalable target registered for service namespace: %s, resource ID: %s, scalable dimension: %s",
				c.Str("serviceNamespace"), c.Str("resourceId"), c.Str("scalableDimension"))
		},
		Computed: []string{"arn", "alarmArns", "policyType"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("autoscaling", fmt.Sprintf("scalingPolicy:%s:resource/%s:policyName/%s", c.Hex(8), c.Str("resourceId"), c.Str("name")))
			policyType := c.Str("policyType")
			if policyType == "" {
				policyType = "StepScaling"
			}
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{"arn": arn, "alarmArns": []any{}, "policyType": policyType}}, nil
		},
	})
	register(&Kind{
		Token:   tLogGroup,
		Replace: []string{"name", "namePrefix", "logGroupClass"},
		Name: &Naming{Prop: "name", Auto: true, Max: 512, Chars: logGroupName, Rule: logGroupRule,
			Taken: "ResourceAlreadyExistsException: The specified log group already exists"},
		Computed: []string{"arn", "tagsAll", "retentionInDays", "logGroupClass"},
		// what a program's transforms may change on every log group (issue 18)
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"retentionInDays": in["retentionInDays"]}
		},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("logs", "log-group:"+c.Str("name"))
			class := c.Str("logGroupClass")
			if class == "" {
				class = "STANDARD"
			}
			retention, _ := Num(c.In, "retentionInDays")
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{"arn": arn, "tagsAll": c.In["tags"], "retentionInDays": retention, "logGroupClass": class}}, nil
		},
	})
	register(&Kind{
		Token:    tAlarm,
		Replace:  []string{"name"},
		Name:     &Naming{Prop: "name", Auto: true, Max: 255, Chars: alarmPolicyName, Rule: alarmPolicyRule},
		Uses:     []Use{{Path: "alarmActions[]", Types: []string{tScalePol}, External: func(v string) bool { return !strings.Contains(v, ":autoscaling:") }}},
		Computed: []string{"arn", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("cloudwatch", "alarm:"+c.Str("name"))
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{"arn": arn, "tagsAll": c.In["tags"]}}, nil
		},
	})
}

// targetGroupAttached: ECS accepts a target group only once a listener or rule forwards to it.
func targetGroupAttached(c *Ctx, arn string) bool {
	tg := c.Resolve(arn, []string{tTargetGroup})
	if tg == nil {
		return true // reported as missing by the uses check
	}
	for _, r := range c.St.Records {
		if r.Type != tListener && r.Type != tListenerRule {
			continue
		}
		for _, ref := range r.Refs {
			if ref.Key == tg.Key {
				return true
			}
		}
	}
	return false
}

func serviceExists(c *Ctx, resourceID string) bool {
	parts := strings.Split(resourceID, "/")
	if len(parts) != 3 || parts[0] != "service" {
		return false
	}
	for _, r := range c.St.Records {
		if r.Type == tService && r.Region == c.Region && strings.HasSuffix(r.ID, "/"+parts[1]+"/"+parts[2]) {
			return true
		}
	}
	return false
}

// providerWaitTimeout is how long the provider waits for a service's steady state unless the program
// gives a custom timeout (the resource's default create and update timeouts).
const providerWaitTimeout = 20 * time.Minute

// rollout is what becomes of the service's deployment, as faults.json wants it: the task definition
// the service runs afterwards, and the one whose deployment failed ("" when none).
//
// With the provider's wait (waitForSteadyState), a failing deployment ends as it does under the
// provider: its wait looks only at the number of deployments and running tasks, not at the rollout
// state, so a deployment the circuit breaker marked FAILED, with nothing to roll back to, keeps it
// waiting until its timeout; the error names the timeout, not the tasks' stopped reasons (which only
// ECS's DescribeTasks gives). The simulator does not wait that long: it fails at once with the words
// the provider would use. Without that wait, the create or update returns as ECS accepted it, and the
// deployment fails afterwards: the service stays, and with the circuit breaker's rollback and a
// revision to go back to, ECS goes back to it; what reads the service later (the rollout watcher's
// invocation, getService) sees that.
func rollout(c *Ctx, arn, previous string) (running, failed string, err error) {
	faults, err := readFaults(c.Env.StateDir)
	if err != nil {
		return "", "", err
	}
	name, requested, wait := c.Str("name"), c.Str("taskDefinition"), Bool(c.In, "waitForSteadyState")
	switch {
	case serviceNamed(faults.FailingServices, name) && wait:
		operation, timeout := "update", c.Timeout
		if previous == "" {
			operation = "create"
		}
		if timeout == 0 {
			timeout = providerWaitTimeout
		}
		return "", "", fmt.Errorf("waiting for ECS Service (%s) %s: timeout while waiting for state to become 'tfSTABLE' "+
			"(last state: 'tfPENDING', timeout: %s)", arn, operation, timeout)
	case serviceNamed(faults.FailingServices, name):
		if previous != "" && Bool(Obj(c.In, "deploymentCircuitBreaker"), "rollback") {
			running = previous
		} else {
			running = requested
		}
		return running, requested, nil
	case serviceNamed(faults.RolledBackServices, name) && previous != "":
		return previous, requested, nil
	}
	return requested, "", nil
}

// deploymentAttrs records the outcome of rollout beside the service's other attributes.
func deploymentAttrs(c *Ctx, attrs map[string]string, running, failed string) map[string]string {
	attrs["taskDefinition"] = running
	if failed != "" {
		attrs["failedTaskDefinition"] = failed
	}
	if requested := c.Str("taskDefinition"); running != requested && requested != "" {
		attrs["rolledBackFrom"] = requested
	}
	attrs["targetGroups"] = strings.Join(Values(c.In, "loadBalancers[].targetGroupArn"), ",")
	return attrs
}

// serviceNamed: a service's name is in faults.json as it is, or as the part before the suffix that a
// program adds to keep names unique across replacements (`web` for `web-3f2a1b0`).
func serviceNamed(names []string, name string) bool {
	for _, n := range names {
		if n == name || strings.HasPrefix(name, n+"-") {
			return true
		}
	}
	return false
}

func withValue(in map[string]any, key string, v any) map[string]any {
	out := map[string]any{}
	for k, e := range in {
		out[k] = e
	}
	out[key] = v
	return out
}
