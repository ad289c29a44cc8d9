package sim

import (
	"fmt"
	"strings"
)

const tCapacityProviders = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"

// fargateProviders are the capacity providers every account has; the simulator has no
// aws:ecs/capacityProvider kind, so these are the only ones a cluster can list.
var fargateProviders = []string{"FARGATE", "FARGATE_SPOT"}

const providerNotInCluster = "InvalidParameterException: The specified capacity provider strategy cannot contain a capacity provider " +
	"that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again."

func init() {
	register(&Kind{
		Token:   tCapacityProviders,
		Replace: []string{"clusterName"},
		// AWS keeps one list per cluster: a second resource would silently overwrite the first's
		Name: &Naming{Prop: "clusterName",
			Taken: "cluster {name} already has its capacity providers set by another ClusterCapacityProviders (simulator rule)"},
		Uses: []Use{{Path: "clusterName", Types: []string{tCluster}, Missing: "ClusterNotFoundException: Cluster not found.", GoesWith: true}},
		Validate: func(c *Ctx) error {
			listed := Values(c.In, "capacityProviders")
			for _, p := range listed {
				if !contains(fargateProviders, p) {
					return fmt.Errorf("InvalidParameterException: The specified capacity provider '%s' does not exist. Specify a valid capacity provider and try again.", p)
				}
			}
			for _, p := range Values(c.In, "defaultCapacityProviderStrategies[].capacityProvider") {
				if !contains(listed, p) {
					return fmt.Errorf("%s", providerNotInCluster)
				}
			}
			if cluster := c.Resolve(c.Str("clusterName"), []string{tCluster}); cluster != nil {
				return providersInUse(c, cluster, listed)
			}
			return nil
		},
		Refuse: func(c *Ctx, r *Record) error {
			// the provider's delete empties the cluster's list, which ECS refuses while services use it
			if cluster := c.St.Records[r.Attrs["cluster"]]; cluster != nil {
				return providersInUse(c, cluster, nil)
			}
			return nil
		},
		Create: func(c *Ctx) (Created, error) {
			cluster := c.Resolve(c.Str("clusterName"), []string{tCluster})
			return Created{ID: c.Str("clusterName"), Attrs: capacityAttrs(c.In, cluster), Outputs: map[string]any{}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			c.Old.Attrs = capacityAttrs(c.In, c.Resolve(c.Str("clusterName"), []string{tCluster}))
			return nil, nil
		},
	})
}

func capacityAttrs(in map[string]any, cluster *Record) map[string]string {
	return map[string]string{"cluster": cluster.Key, "capacityProviders": strings.Join(Values(in, "capacityProviders"), ","),
		"defaultStrategy": strings.Join(Values(in, "defaultCapacityProviderStrategies[].capacityProvider"), ",")}
}

// clusterCapacity is the cluster's capacity providers and default strategy (none without a
// ClusterCapacityProviders).
func clusterCapacity(st *State, cluster *Record) (providers, defaults []string) {
	for _, r := range st.Records {
		if r.Type == tCapacityProviders && r.Attrs["cluster"] == cluster.Key {
			return splitList(r.Attrs["capacityProviders"]), splitList(r.Attrs["defaultStrategy"])
		}
	}
	return nil, nil
}

// providersInUse refuses a cluster list that drops a provider a service of the cluster runs on.
func providersInUse(c *Ctx, cluster *Record, listed []string) error {
	for _, svc := range c.St.Records {
		if svc.Type != tService || svc.Attrs["cluster"] != cluster.Key {
			continue
		}
		for _, p := range splitList(svc.Attrs["capacityProviders"]) {
			if !contains(listed, p) {
				return fmt.Errorf("ResourceInUseException: The specified capacity provider %s is in use and cannot be removed (service %s).", p, svc.Name)
			}
		}
	}
	return nil
}

// serviceCapacityError is ECS's refusal of a service strategy naming a provider its cluster lacks.
func serviceCapacityError(c *Ctx) error {
	cluster := c.Resolve(c.Str("cluster"), []string{tCluster})
	if cluster == nil {
		return nil // reported as missing by the uses check
	}
	providers, _ := clusterCapacity(c.St, cluster)
	for _, p := range Values(c.In, "capacityProviderStrategies[].capacityProvider") {
		if !contains(providers, p) {
			return fmt.Errorf("%s", providerNotInCluster)
		}
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
