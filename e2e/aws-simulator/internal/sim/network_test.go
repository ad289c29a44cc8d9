package sim

import (
	"regexp"
	"testing"
)

func TestVpcSubnetAndGroupGetAwsShapedIdsAndArns(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	vpc := mustCreate(t, a, tVpc, "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"})
	if !regexp.MustCompile(`^vpc-0[0-9a-f]{16}$`).MatchString(vpc.ID) {
		t.Errorf("vpc id %q is not in AWS's format", vpc.ID)
	}
	if want := "arn:aws:ec2:eu-west-1:" + DefaultAccountID + ":vpc/" + vpc.ID; vpc.Outputs["arn"] != want {
		t.Errorf("vpc arn = %v, want %s", vpc.Outputs["arn"], want)
	}
	subnet := mustCreate(t, a, tSubnet, "s", map[string]any{"vpcId": vpc.ID, "cidrBlock": "10.0.1.0/24", "availabilityZone": "eu-west-1b"})
	if !regexp.MustCompile(`^subnet-0[0-9a-f]{16}$`).MatchString(subnet.ID) || subnet.Outputs["availabilityZoneId"] != "euw1-az2" {
		t.Errorf("subnet = %s %v", subnet.ID, subnet.Outputs)
	}
	sg := mustCreate(t, a, tSG, "sg", map[string]any{"name": "web", "vpcId": vpc.ID, "description": "HTTP from CloudFront"})
	if !regexp.MustCompile(`^sg-0[0-9a-f]{16}$`).MatchString(sg.ID) {
		t.Errorf("security group id %q is not in AWS's format", sg.ID)
	}
}

func TestReferenceToAnIdNotInTheAccountIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	failCreate(t, a, tSubnet, "s", map[string]any{"vpcId": "vpc-0123456789abcdef0", "cidrBlock": "10.0.0.0/24"},
		"InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef0' does not exist")
}

func TestReferenceToAResourceOfAnotherRegionIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, _ := network(t, a)
	failCreate(t, a.inRegion("eu-west-1"), tSubnet, "s", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.9.0/24"}, "InvalidVpcID.NotFound")
}

func TestVpcWithSubnetsCannotBeDeleted(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, subnet := network(t, a)
	err := a.Delete(Op{Type: tVpc, URN: urn(tVpc, "vpc")}, vpc, nil)
	mustRefuse(t, err, "DependencyViolation: The vpc '"+vpc+"' has dependencies and cannot be deleted.")
	if err := a.Delete(Op{Type: tSubnet, URN: urn(tSubnet, "subnet-a")}, subnet, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(Op{Type: tVpc, URN: urn(tVpc, "vpc")}, vpc, nil); err != nil {
		t.Fatalf("the VPC is free once its subnet is gone: %v", err)
	}
}

func TestSecurityGroupNameIsUniquePerVpc(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, _ := network(t, a)
	other := mustCreate(t, a, tVpc, "vpc2", map[string]any{"cidrBlock": "10.1.0.0/16"}).ID
	mustCreate(t, a, tSG, "a", map[string]any{"name": "web", "vpcId": vpc})
	failCreate(t, a, tSG, "b", map[string]any{"name": "web", "vpcId": vpc},
		"InvalidGroup.Duplicate: The security group 'web' already exists for VPC '"+vpc+"'")
	mustCreate(t, a, tSG, "c", map[string]any{"name": "web", "vpcId": other})
}

// issue 19 item 1: EC2's character set for names and descriptions
func TestSecurityGroupAndRuleDescriptionsOutsideEc2CharacterSetAreRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, _ := network(t, a)
	failCreate(t, a, tSG, "sg", map[string]any{"name": "alb", "vpcId": vpc, "description": "HTTP from CloudFront's origin-facing servers"},
		`Character "'" is not allowed`)
	failCreate(t, a, tSG, "sg", map[string]any{"name": "sg-alb", "vpcId": vpc, "description": "ok"}, "Group names may not be in the format sg-*")
	failCreate(t, a, tSG, "sg", map[string]any{"name": "alb", "vpcId": vpc, "description": "caf\u00e9"}, "is not allowed")
	group := mustCreate(t, a, tSG, "sg", map[string]any{"name": "alb", "vpcId": vpc, "description": "HTTP from CloudFront (origin-facing) #1: [a+b=c;{d}!$*@,]"}).ID
	failCreate(t, a, tIngress, "rule", map[string]any{"securityGroupId": group, "ipProtocol": "tcp", "description": "to the tasks' container port"},
		"InvalidParameterValue")
	mustCreate(t, a, tIngress, "rule", map[string]any{"securityGroupId": group, "ipProtocol": "tcp", "description": "to the tasks container port",
		"prefixListId": managedPrefixList})
}

func TestSecurityGroupReferencedByAnotherGroupsRuleCannotBeDeleted(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, _ := network(t, a)
	alb := mustCreate(t, a, tSG, "alb", map[string]any{"name": "alb", "vpcId": vpc}).ID
	tasks := mustCreate(t, a, tSG, "tasks", map[string]any{"name": "tasks", "vpcId": vpc}).ID
	rule := mustCreate(t, a, tIngress, "from-alb", map[string]any{"securityGroupId": tasks, "referencedSecurityGroupId": alb, "ipProtocol": "tcp"})
	mustRefuse(t, a.Delete(Op{Type: tSG, URN: urn(tSG, "alb")}, alb, nil), "DependencyViolation: resource "+alb+" has a dependent object")
	// the group that holds the rule may go: its own rules go with it
	if err := a.Delete(Op{Type: tIngress, URN: urn(tIngress, "from-alb")}, rule.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(Op{Type: tSG, URN: urn(tSG, "alb")}, alb, nil); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownTypeIsNamedInTheError(t *testing.T) {
	a := newAccount(t, "us-east-1")
	_, err := a.Create(Op{Type: "aws:sqs/queue:Queue", URN: "u"}, map[string]any{})
	mustRefuse(t, err, `does not know resource type "aws:sqs/queue:Queue"`)
}
