package sim

import "fmt"

// SeedURN marks what exists in the account before any program: a user's own VPC
// (`deployment.awsVpc`), which programs name by id and never create.
const SeedURN = "urn:scf-aws-simulator:seed"

// SeedNetwork creates a VPC with two public and two private subnets and two security groups, as a
// user would have them for deployment.awsVpc, and returns their ids under the keys of that block.
func SeedNetwork(a *Account, name string) (map[string]any, error) {
	create := func(typ, logical string, in map[string]any) (string, error) {
		made, err := a.Create(Op{Type: typ, URN: fmt.Sprintf("%s::%s::%s-%s", SeedURN, typ, name, logical)}, in)
		return made.ID, err
	}
	vpc, err := create(tVpc, "vpc", map[string]any{"cidrBlock": "10.20.0.0/16", "tags": map[string]any{"Name": name}})
	if err != nil {
		return nil, err
	}
	subnets := map[string][]any{}
	for i, kind := range []string{"public", "public", "private", "private"} {
		zone := a.Region + string(rune('a'+i%2))
		id, err := create(tSubnet, fmt.Sprintf("%s-%d", kind, i), map[string]any{"vpcId": vpc, "availabilityZone": zone,
			"cidrBlock": fmt.Sprintf("10.20.%d.0/24", i)})
		if err != nil {
			return nil, err
		}
		subnets[kind] = append(subnets[kind], id)
	}
	groups := map[string]string{}
	for _, g := range []string{"s2s", "alb"} {
		id, err := create(tSG, g, map[string]any{"vpcId": vpc, "name": name + "-" + g, "description": "seeded " + g + " group"})
		if err != nil {
			return nil, err
		}
		groups[g] = id
	}
	return map[string]any{"id": vpc, "publicSubnets": subnets["public"], "privateSubnets": subnets["private"],
		"s2sSecurityGroupId": groups["s2s"], "loadBalancerSecurityGroupId": groups["alb"]}, nil
}
