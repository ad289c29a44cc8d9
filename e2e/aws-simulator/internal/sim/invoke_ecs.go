package sim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// serviceAttrs keeps what DescribeServices reports of a service (getService), beside what the
// service kind itself needs: its cluster and the capacity providers it runs on.
func serviceAttrs(c *Ctx, cluster *Record) map[string]string {
	attrs := map[string]string{
		"capacityProviders":           strings.Join(Values(c.In, "capacityProviderStrategies[].capacityProvider"), ","),
		"launchType":                  serviceLaunchType(c, cluster),
		"schedulingStrategy":          firstOf(c.Str("schedulingStrategy"), "REPLICA"),
		"availabilityZoneRebalancing": firstOf(c.Str("availabilityZoneRebalancing"), "DISABLED"),
	}
	if cluster != nil {
		attrs["cluster"] = cluster.Key
	}
	if n, given := Num(c.In, "desiredCount"); given {
		attrs["desiredCount"] = strconv.Itoa(int(n))
	}
	if tags, given := c.In["tags"].(map[string]any); given {
		data, _ := json.Marshal(tags)
		attrs["tags"] = string(data)
	}
	return attrs
}

// serviceLaunchType: ECS reports no launch type for a service on a capacity provider strategy,
// its own or the cluster's default, and EC2 when neither a launch type nor a strategy applies.
func serviceLaunchType(c *Ctx, cluster *Record) string {
	if lt := c.Str("launchType"); lt != "" {
		return lt
	}
	if len(List(c.In, "capacityProviderStrategies")) > 0 {
		return ""
	}
	if cluster != nil {
		if _, defaults := clusterCapacity(c.St, cluster); len(defaults) > 0 {
			return ""
		}
	}
	return "EC2"
}

// ecsService answers aws:ecs/getService:getService from the account: taskDefinition is the
// revision the service runs, which after a rolled-back deployment is the previous one.
func ecsService(a *Account, args map[string]any) (map[string]any, error) {
	name, clusterRef := Str(args, "serviceName"), Str(args, "clusterArn")
	var result map[string]any
	err := a.Store.View(func(st *State) error {
		cluster, svc := serviceIn(a.ctx(st, Op{}, args), clusterRef, name)
		switch {
		case cluster == nil:
			return fmt.Errorf("reading ECS Service (%s): ClusterNotFoundException: Cluster not found.", name)
		case svc == nil:
			return fmt.Errorf("reading ECS Service (%s): ServiceNotFoundException: Service not found.", name)
		}
		result = serviceResult(svc, cluster, args)
		return nil
	})
	return result, err
}

// serviceIn finds a cluster's service by its name or ARN, as DescribeServices does (the rollout
// watcher names it by its ARN, the provider's id of a service): nil for a cluster the account does
// not have, or for a service the cluster does not have.
func serviceIn(c *Ctx, clusterRef, service string) (cluster, svc *Record) {
	cluster = c.Resolve(clusterRef, []string{tCluster})
	if cluster == nil {
		return nil, nil
	}
	for _, r := range c.St.Records {
		if r.Type == tService && r.Attrs["cluster"] == cluster.Key && (r.Name == service || r.ARN == service) {
			return cluster, r
		}
	}
	return cluster, nil
}

func serviceResult(svc, cluster *Record, args map[string]any) map[string]any {
	tags := map[string]any{}
	if t := svc.Attrs["tags"]; t != "" {
		json.Unmarshal([]byte(t), &tags)
	}
	desired, _ := strconv.Atoi(svc.Attrs["desiredCount"])
	return map[string]any{
		"arn": svc.ARN, "id": svc.ARN, "clusterArn": cluster.ARN, "serviceName": svc.Name,
		"taskDefinition": svc.Attrs["taskDefinition"], "desiredCount": float64(desired),
		"launchType": svc.Attrs["launchType"], "schedulingStrategy": svc.Attrs["schedulingStrategy"],
		"availabilityZoneRebalancing": svc.Attrs["availabilityZoneRebalancing"], "tags": tags,
	}
}
