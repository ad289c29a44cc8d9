package sim

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func strategy(providers ...string) []any {
	var out []any
	for _, p := range providers {
		out = append(out, map[string]any{"capacityProvider": p, "weight": float64(1)})
	}
	return out
}

func TestClusterCapacityProvidersNeedTheirClusterAndAreOnePerCluster(t *testing.T) {
	a := newAccount(t, "us-east-1")
	in := map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE", "FARGATE_SPOT"},
		"defaultCapacityProviderStrategies": strategy("FARGATE")}
	failCreate(t, a, tCapacityProviders, "cp", in, "ClusterNotFoundException: Cluster not found.")
	mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"})
	cp := mustCreate(t, a, tCapacityProviders, "cp", in)
	if cp.ID != "shop-dev" {
		t.Errorf("id %s", cp.ID)
	}
	failCreate(t, a, tCapacityProviders, "cp2", in, "already has its capacity providers set")
	failCreate(t, a.inRegion("eu-west-1"), tCapacityProviders, "cp3", in, "ClusterNotFoundException")
}

func TestClusterCapacityProvidersRefuseUnknownProvidersAndADefaultOutsideTheList(t *testing.T) {
	a := newAccount(t, "us-east-1")
	mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"})
	failCreate(t, a, tCapacityProviders, "cp", map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE", "MY_ASG"}},
		"The specified capacity provider 'MY_ASG' does not exist")
	failCreate(t, a, tCapacityProviders, "cp", map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE"},
		"defaultCapacityProviderStrategies": strategy("FARGATE_SPOT")}, providerNotInCluster)
}

func TestServiceOnACapacityProviderItsClusterLacksIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"}).ID
	td := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"}).ARN
	svc := map[string]any{"name": "api", "cluster": cluster, "taskDefinition": td, "capacityProviderStrategies": strategy("FARGATE", "FARGATE_SPOT")}
	failCreate(t, a, tService, "svc", svc, "InvalidParameterException: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster")
	cpIn := map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE"}}
	cp := mustCreate(t, a, tCapacityProviders, "cp", cpIn)
	failCreate(t, a, tService, "svc", svc, "not associated with the cluster")
	cpOp := Op{Type: tCapacityProviders, URN: urn(tCapacityProviders, "cp")}
	if _, err := a.Update(cpOp, cp.ID, nil, withValue(cpIn, "capacityProviders", []any{"FARGATE", "FARGATE_SPOT"})); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, a, tService, "svc", svc)
	_, err := a.Update(cpOp, cp.ID, nil, cpIn)
	mustRefuse(t, err, "ResourceInUseException: The specified capacity provider FARGATE_SPOT is in use and cannot be removed")
	mustRefuse(t, a.Delete(cpOp, cp.ID, nil), "ResourceInUseException")
}

func TestClusterCapacityProvidersGoWithTheirCluster(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"}).ID
	cp := mustCreate(t, a, tCapacityProviders, "cp", map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE"}})
	if err := a.Delete(Op{Type: tCluster, URN: urn(tCluster, "cluster")}, cluster, nil); err != nil {
		t.Fatal(err)
	}
	if exists, _ := a.Exists(Op{Type: tCapacityProviders, URN: urn(tCapacityProviders, "cp")}, cp.ID, nil); exists {
		t.Error("the capacity providers went with their cluster")
	}
}

func TestGetServiceReportsTheTaskDefinitionTheServiceRunsAfterARollback(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "shop-dev"})
	mustCreate(t, a, tCapacityProviders, "cp", map[string]any{"clusterName": "shop-dev", "capacityProviders": []any{"FARGATE", "FARGATE_SPOT"}})
	old := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"}).ARN
	in := map[string]any{"name": "web", "cluster": cluster.ID, "taskDefinition": old, "desiredCount": float64(2),
		"capacityProviderStrategies": strategy("FARGATE_SPOT"), "tags": map[string]any{"stage": "dev"}}
	svc := mustCreate(t, a, tService, "svc", in)
	getService, err := FunctionOf("aws:ecs/getService:getService")
	if err != nil {
		t.Fatal(err)
	}
	got, err := getService(a, map[string]any{"serviceName": "web", "clusterArn": cluster.ARN})
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for k := range got {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	// every field the SDKs' GetServiceResult requires
	want := []string{"arn", "availabilityZoneRebalancing", "clusterArn", "desiredCount", "id", "launchType", "schedulingStrategy", "serviceName", "tags", "taskDefinition"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields %v", fields)
	}
	if got["arn"] != svc.ARN || got["clusterArn"] != cluster.ARN || got["taskDefinition"] != old || got["desiredCount"] != float64(2) ||
		got["launchType"] != "" || got["schedulingStrategy"] != "REPLICA" || !reflect.DeepEqual(got["tags"], map[string]any{"stage": "dev"}) {
		t.Errorf("getService %v", got)
	}
	next := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[{}]"}).ARN
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{"rolledBackServices":["web"]}`), 0o644)
	if _, err := a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "taskDefinition", next)); err != nil {
		t.Fatal(err)
	}
	if got, _ := getService(a, map[string]any{"serviceName": "web", "clusterArn": "shop-dev"}); got["taskDefinition"] != old {
		t.Errorf("after a rollback the service runs %v, want %s", got["taskDefinition"], old)
	}
	os.WriteFile(filepath.Join(a.Env.StateDir, FaultsFile), []byte(`{}`), 0o644)
	a.Update(Op{Type: tService, URN: urn(tService, "svc")}, svc.ID, nil, withValue(in, "taskDefinition", next))
	if got, _ := getService(a, map[string]any{"serviceName": "web", "clusterArn": cluster.ARN}); got["taskDefinition"] != next {
		t.Errorf("after a good deployment the service runs %v, want %s", got["taskDefinition"], next)
	}
	if got, err := getService(a, map[string]any{"serviceName": svc.ID, "clusterArn": cluster.ARN}); err != nil || got["serviceName"] != "web" {
		t.Errorf("a service by its ARN, as DescribeServices takes it: %v %v", got, err)
	}
	_, err = getService(a, map[string]any{"serviceName": "api", "clusterArn": cluster.ARN})
	mustRefuse(t, err, "ServiceNotFoundException: Service not found.")
	_, err = getService(a, map[string]any{"serviceName": "web", "clusterArn": "other"})
	mustRefuse(t, err, "ClusterNotFoundException")
}

func TestGetServiceReportsTheLaunchTypeEcsDoes(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cluster := mustCreate(t, a, tCluster, "cluster", map[string]any{"name": "c"}).ID
	td := mustCreate(t, a, tTaskDef, "task", map[string]any{"family": "f", "containerDefinitions": "[]"}).ARN
	mustCreate(t, a, tService, "fargate", map[string]any{"name": "a", "cluster": cluster, "taskDefinition": td, "launchType": "FARGATE"})
	mustCreate(t, a, tService, "none", map[string]any{"name": "b", "cluster": cluster, "taskDefinition": td})
	for name, want := range map[string]string{"a": "FARGATE", "b": "EC2"} {
		if got, err := ecsService(a, map[string]any{"serviceName": name, "clusterArn": cluster}); err != nil || got["launchType"] != want || got["desiredCount"] != float64(0) {
			t.Errorf("service %s: %v %v", name, got, err)
		}
	}
}
