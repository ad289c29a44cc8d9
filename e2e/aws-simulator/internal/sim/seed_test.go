package sim

import "testing"

func TestSeededNetworkCanBeNamedByAProgram(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	vpc, err := SeedNetwork(a, "existing")
	if err != nil {
		t.Fatal(err)
	}
	subnets := vpc["publicSubnets"].([]any)
	if len(subnets) != 2 || len(vpc["privateSubnets"].([]any)) != 2 {
		t.Fatalf("seeded %v", vpc)
	}
	mustCreate(t, a, tLB, "alb", map[string]any{"name": "shop-dev-alb", "internal": true, "subnets": subnets,
		"securityGroups": []any{vpc["loadBalancerSecurityGroupId"]}})
	mustCreate(t, a, tTargetGroup, "tg", map[string]any{"name": "shop-dev-tg", "port": 8080.0, "vpcId": vpc["id"]})
}
