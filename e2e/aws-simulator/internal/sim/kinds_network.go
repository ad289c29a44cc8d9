package sim

import "fmt"

const (
	tVpc        = "aws:ec2/vpc:Vpc"
	tSubnet     = "aws:ec2/subnet:Subnet"
	tIgw        = "aws:ec2/internetGateway:InternetGateway"
	tRouteTable = "aws:ec2/routeTable:RouteTable"
	tRTA        = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	tSG         = "aws:ec2/securityGroup:SecurityGroup"
	tIngress    = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tEgress     = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
)

const (
	vpcMissing    = "InvalidVpcID.NotFound: The vpc ID '{value}' does not exist"
	subnetMissing = "InvalidSubnetID.NotFound: The subnet ID '{value}' does not exist"
	sgMissing     = "InvalidGroup.NotFound: The security group '{value}' does not exist"
	vpcInUse      = "DependencyViolation: The vpc '{id}' has dependencies and cannot be deleted."
	subnetInUse   = "DependencyViolation: The subnet '{id}' has dependencies and cannot be deleted."
	sgInUse       = "DependencyViolation: resource {id} has a dependent object"
)

// managedPrefixList is the id getManagedPrefixList answers for CloudFront's origin-facing list.
const managedPrefixList = "pl-3b927c52"

func init() {
	register(&Kind{
		Token:    tVpc,
		Replace:  []string{"cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"},
		Computed: []string{"arn", "defaultSecurityGroupId", "defaultRouteTableId", "defaultNetworkAclId", "mainRouteTableId", "dhcpOptionsId", "ownerId", "tagsAll", "enableDnsSupport", "enableDnsHostnames", "instanceTenancy"},
		Create: func(c *Ctx) (Created, error) {
			id := c.ID("vpc")
			rt := c.ID("rtb")
			return Created{ID: id, ARN: c.ARN("ec2", "vpc/"+id), Outputs: map[string]any{
				"arn": c.ARN("ec2", "vpc/"+id), "defaultSecurityGroupId": c.ID("sg"), "defaultRouteTableId": rt,
				"mainRouteTableId": rt, "defaultNetworkAclId": c.ID("acl"), "dhcpOptionsId": c.ID("dopt"),
				"ownerId": c.Env.AccountID, "tagsAll": c.In["tags"], "enableDnsSupport": true,
				"enableDnsHostnames": false, "instanceTenancy": "default",
			}}, nil
		},
	})
	register(&Kind{
		Token:    tSubnet,
		Replace:  []string{"cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId", "ipv6Native", "outpostArn"},
		Uses:     []Use{{Path: "vpcId", Types: []string{tVpc}, Missing: vpcMissing, Refuse: vpcInUse}},
		Computed: []string{"arn", "availabilityZoneId", "ownerId", "tagsAll", "mapPublicIpOnLaunch"},
		Create: func(c *Ctx) (Created, error) {
			id := c.ID("subnet")
			az := c.Str("availabilityZone")
			return Created{ID: id, ARN: c.ARN("ec2", "subnet/"+id), Outputs: map[string]any{
				"arn": c.ARN("ec2", "subnet/"+id), "availabilityZoneId": zoneID(c.Region, az),
				"ownerId": c.Env.AccountID, "tagsAll": c.In["tags"], "mapPublicIpOnLaunch": Bool(c.In, "mapPublicIpOnLaunch"),
			}}, nil
		},
	})
	register(&Kind{
		Token:    tIgw,
		Uses:     []Use{{Path: "vpcId", Types: []string{tVpc}, Missing: vpcMissing, Refuse: vpcInUse}},
		Computed: []string{"arn", "ownerId", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			id := c.ID("igw")
			arn := c.ARN("ec2", "internet-gateway/"+id)
			return Created{ID: id, ARN: arn, Outputs: map[string]any{"arn": arn, "ownerId": c.Env.AccountID, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tRouteTable,
		Replace: []string{"vpcId"},
		Uses: []Use{
			{Path: "vpcId", Types: []string{tVpc}, Missing: vpcMissing, Refuse: vpcInUse},
			{Path: "routes[].gatewayId", Types: []string{tIgw}, Missing: "InvalidGatewayID.NotFound: The gateway ID '{value}' does not exist",
				Refuse: "DependencyViolation: Network vpc of gateway '{id}' has some mapped public address(es). Please unmap those public address(es) before detaching the gateway."},
		},
		Computed: []string{"arn", "ownerId", "propagatingVgws", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			id := c.ID("rtb")
			arn := c.ARN("ec2", "route-table/"+id)
			return Created{ID: id, ARN: arn, Outputs: map[string]any{"arn": arn, "ownerId": c.Env.AccountID, "propagatingVgws": []any{}, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tRTA,
		Replace: []string{"subnetId", "gatewayId"},
		Uses: []Use{
			{Path: "subnetId", Types: []string{tSubnet}, Missing: subnetMissing},
			{Path: "routeTableId", Types: []string{tRouteTable}, Missing: "InvalidRouteTableID.NotFound: The routeTable ID '{value}' does not exist",
				Refuse: "DependencyViolation: The routeTable '{id}' has dependencies and cannot be deleted."},
		},
		Create: func(c *Ctx) (Created, error) { return Created{ID: c.ID("rtbassoc"), Outputs: map[string]any{}}, nil },
	})
	register(&Kind{
		Token:   tSG,
		Replace: []string{"name", "namePrefix", "description", "vpcId"},
		Name: &Naming{Prop: "name", Auto: true, Max: 255, Within: func(c *Ctx) string { return c.Str("vpcId") },
			Taken: "InvalidGroup.Duplicate: The security group '{name}' already exists for VPC '{within}'"},
		Uses:     []Use{{Path: "vpcId", Types: []string{tVpc}, Missing: vpcMissing, Refuse: vpcInUse}},
		Computed: []string{"arn", "ownerId", "tagsAll", "egress", "ingress", "revokeRulesOnDelete"},
		Validate: func(c *Ctx) error {
			name := c.Str("name")
			if len(name) >= 3 && name[:3] == "sg-" {
				return fmt.Errorf("InvalidParameterValue: Group names may not be in the format sg-* (got %s)", name)
			}
			if err := ec2TextError("GroupName", name); err != nil {
				return err
			}
			description := c.Str("description")
			if _, given := c.In["description"]; !given {
				description = "Managed by Pulumi"
			}
			if err := ec2TextError("GroupDescription", description); err != nil {
				return err
			}
			for _, list := range []string{"ingress", "egress"} {
				for _, d := range Values(c.In, list+"[].description") {
					if err := ec2TextError("Description", d); err != nil {
						return err
					}
				}
			}
			return nil
		},
		Create: func(c *Ctx) (Created, error) {
			id := c.ID("sg")
			arn := c.ARN("ec2", "security-group/"+id)
			out := map[string]any{"arn": arn, "ownerId": c.Env.AccountID, "tagsAll": c.In["tags"], "revokeRulesOnDelete": false}
			if _, given := c.In["description"]; !given {
				out["description"] = "Managed by Pulumi"
			}
			for _, list := range []string{"ingress", "egress"} {
				if _, given := c.In[list]; !given {
					out[list] = []any{}
				}
			}
			return Created{ID: id, ARN: arn, Outputs: out}, nil
		},
	})
	for _, rule := range []struct{ token, kind string }{{tIngress, "ingress"}, {tEgress, "egress"}} {
		register(&Kind{
			Token:   rule.token,
			Replace: []string{"securityGroupId"},
			Uses: []Use{
				// rules on a group go away with it; a rule naming another group holds that one
				{Path: "securityGroupId", Types: []string{tSG}, Missing: sgMissing, GoesWith: true},
				{Path: "referencedSecurityGroupId", Types: []string{tSG}, Missing: sgMissing, Refuse: sgInUse},
				{Path: "prefixListId", Types: nil, Missing: "InvalidPrefixListID.NotFound: The prefix list ID '{value}' does not exist",
					External: func(v string) bool { return v == managedPrefixList }},
			},
			Computed: []string{"arn", "securityGroupRuleId", "tagsAll"},
			Validate: func(c *Ctx) error {
				if d, given := c.In["description"].(string); given {
					return ec2TextError("Description", d)
				}
				return nil
			},
			Create: func(c *Ctx) (Created, error) {
				id := c.ID("sgr")
				arn := c.ARN("ec2", "security-group-rule/"+id)
				return Created{ID: id, ARN: arn, Outputs: map[string]any{"arn": arn, "securityGroupRuleId": id, "tagsAll": c.In["tags"]}}, nil
			},
		})
	}
}

// zoneID maps a zone name to an id like use1-az1, as AWS numbers them per account.
func zoneID(region, az string) string {
	if az == "" {
		return ""
	}
	short := map[string]string{"us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1", "eu-central-1": "euc1"}[region]
	if short == "" {
		short = region
	}
	return fmt.Sprintf("%s-az%d", short, int(az[len(az)-1]-'a')+1)
}
