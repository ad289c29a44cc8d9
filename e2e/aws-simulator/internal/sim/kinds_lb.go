package sim

import (
	"fmt"
	"strconv"
	"strings"
)

const (
	tLB           = "aws:lb/loadBalancer:LoadBalancer"
	tTargetGroup  = "aws:lb/targetGroup:TargetGroup"
	tListener     = "aws:lb/listener:Listener"
	tListenerRule = "aws:lb/listenerRule:ListenerRule"
	tWafAssoc     = "aws:wafv2/webAclAssociation:WebAclAssociation"
)

const (
	tgMissing       = "TargetGroupNotFound: One or more target groups not found: '{value}'"
	tgInUse         = "ResourceInUse: Target group '{arn}' is currently in use by a listener or a rule"
	lbMissing       = "LoadBalancerNotFound: One or more load balancers not found: '{value}'"
	listenerMissing = "ListenerNotFound: One or more listeners not found: '{value}'"
)

// elbHostedZones are the canonical hosted zone ids of ALBs per region (alias records need them).
var elbHostedZones = map[string]string{
	"us-east-1": "Z35SXDOTRQ7X7K", "us-east-2": "Z3AADJGX6KTTL2", "us-west-2": "Z1H1FL5HABSF5",
	"eu-west-1": "Z32O12XQLNTSW2", "eu-central-1": "Z215JYRZR1TBD5",
}

func init() {
	register(&Kind{
		Token:   tLB,
		Replace: []string{"name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 32, Taken: "DuplicateLoadBalancerName: A load balancer with the same name '{name}' exists, but with different settings"},
		Uses: []Use{
			{Path: "subnets[]", Types: []string{tSubnet}, Missing: subnetMissing, Refuse: subnetInUse},
			{Path: "securityGroups[]", Types: []string{tSG}, Missing: sgMissing, Refuse: sgInUse},
		},
		Plan: func(in map[string]any) []Failure {
			return lbNameFailures("name", Str(in, "name"), "load balancer")
		},
		Computed: []string{"arn", "arnSuffix", "dnsName", "zoneId", "vpcId", "tagsAll", "loadBalancerType", "internal", "ipAddressType"},
		Create: func(c *Ctx) (Created, error) {
			name := c.Str("name")
			suffix := "app/" + name + "/" + c.Hex(16)
			arn := c.ARN("elasticloadbalancing", "loadbalancer/"+suffix)
			dns := fmt.Sprintf("%s-%d.%s.elb.amazonaws.com", name, 1000000000+c.St.Next()*7919%999999999, c.Region)
			if Bool(c.In, "internal") {
				dns = "internal-" + dns
			}
			vpc := ""
			if subnets := Values(c.In, "subnets"); len(subnets) > 0 {
				if s := c.St.Find(tSubnet, subnets[0]); s != nil {
					for _, ref := range s.Refs {
						if v := c.St.Records[ref.Key]; v != nil && v.Type == tVpc {
							vpc = v.ID
						}
					}
				}
			}
			lbType := c.Str("loadBalancerType")
			if lbType == "" {
				lbType = "application"
			}
			return Created{ID: arn, ARN: arn, Outputs: map[string]any{
				"arn": arn, "arnSuffix": suffix, "dnsName": dns, "zoneId": elbZone(c.Region), "vpcId": vpc,
				"tagsAll": c.In["tags"], "loadBalancerType": lbType, "internal": Bool(c.In, "internal"), "ipAddressType": "ipv4",
			}}, nil
		},
	})
	register(&Kind{
		Token:   tTargetGroup,
		Replace: []string{"name", "namePrefix", "port", "protocol", "protocolVersion", "vpcId", "targetType", "ipAddressType"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 32, Taken: "DuplicateTargetGroupName: A target group with the same name '{name}' exists, but with different settings"},
		Uses:    []Use{{Path: "vpcId", Types: []string{tVpc}, Missing: vpcMissing, Refuse: vpcInUse}},
		Plan: func(in map[string]any) []Failure {
			return lbNameFailures("name", Str(in, "name"), "target group")
		},
		Computed: []string{"arn", "arnSuffix", "loadBalancerArns", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			suffix := "targetgroup/" + c.Str("name") + "/" + c.Hex(16)
			arn := c.ARN("elasticloadbalancing", suffix)
			return Created{ID: arn, ARN: arn, Outputs: map[string]any{"arn": arn, "arnSuffix": suffix, "loadBalancerArns": []any{}, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tListener,
		Replace: []string{"loadBalancerArn"},
		Uses: []Use{
			// deleting a load balancer deletes its listeners, so a listener holds nothing back
			{Path: "loadBalancerArn", Types: []string{tLB}, Missing: lbMissing, GoesWith: true},
			{Path: "defaultActions[].targetGroupArn", Types: []string{tTargetGroup}, Missing: tgMissing, Refuse: tgInUse},
			{Path: "defaultActions[].forward.targetGroups[].arn", Types: []string{tTargetGroup}, Missing: tgMissing, Refuse: tgInUse},
		},
		Computed: []string{"arn", "tagsAll"},
		Create: func(c *Ctx) (Created, error) {
			lb := c.Resolve(c.Str("loadBalancerArn"), []string{tLB})
			arn := strings.Replace(lb.ARN, ":loadbalancer/", ":listener/", 1) + "/" + c.Hex(16)
			return Created{ID: arn, ARN: arn, Outputs: map[string]any{"arn": arn, "tagsAll": c.In["tags"]}}, nil
		},
	})
	register(&Kind{
		Token:   tListenerRule,
		Replace: []string{"listenerArn"},
		Uses: []Use{
			{Path: "listenerArn", Types: []string{tListener}, Missing: listenerMissing, GoesWith: true},
			{Path: "actions[].targetGroupArn", Types: []string{tTargetGroup}, Missing: tgMissing, Refuse: tgInUse},
			{Path: "actions[].forward.targetGroups[].arn", Types: []string{tTargetGroup}, Missing: tgMissing, Refuse: tgInUse},
		},
		Computed: []string{"arn", "priority", "tagsAll"},
		Volatile: nil,
		Validate: validateRule,
		Create: func(c *Ctx) (Created, error) {
			listener := c.Resolve(c.Str("listenerArn"), []string{tListener})
			priority := rulePriority(c, listener)
			arn := strings.Replace(listener.ARN, ":listener/", ":listener-rule/", 1) + "/" + c.Hex(16)
			return Created{ID: arn, ARN: arn, Scope: priorityScope(listener, priority),
				Attrs:   map[string]string{"priority": strconv.Itoa(priority)},
				Outputs: map[string]any{"arn": arn, "priority": float64(priority), "tagsAll": c.In["tags"]}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			listener := c.Resolve(c.Str("listenerArn"), []string{tListener})
			priority := rulePriority(c, listener)
			c.Old.Scope = priorityScope(listener, priority)
			c.Old.Attrs = map[string]string{"priority": strconv.Itoa(priority)}
			return map[string]any{"priority": float64(priority)}, nil
		},
	})
	register(&Kind{
		Token:   tWafAssoc,
		Replace: []string{"resourceArn", "webAclArn"},
		Uses:    []Use{{Path: "resourceArn", Types: []string{tLB}, GoesWith: true, Missing: "WAFNonexistentItemException: AWS WAF couldn’t perform the operation because your resource doesn’t exist: {value}"}},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: c.Str("webAclArn") + "," + c.Str("resourceArn"), Outputs: map[string]any{}}, nil
		},
	})
}

func elbZone(region string) string {
	if z, ok := elbHostedZones[region]; ok {
		return z
	}
	return "Z35SXDOTRQ7X7K"
}

func priorityScope(listener *Record, priority int) string {
	return fmt.Sprintf("%s|%s|priority|%d", tListenerRule, listener.Key, priority)
}

// rulePriority is the rule's given priority, or the next free one as the provider picks it.
func rulePriority(c *Ctx, listener *Record) int {
	if p, ok := Num(c.In, "priority"); ok {
		return int(p)
	}
	if c.Old != nil {
		if p, err := strconv.Atoi(c.Old.Attrs["priority"]); err == nil {
			return p
		}
	}
	highest := 0
	for _, r := range c.St.Records {
		if r.Type == tListenerRule && strings.HasPrefix(r.Scope, tListenerRule+"|"+listener.Key+"|") {
			if p, err := strconv.Atoi(r.Attrs["priority"]); err == nil && p > highest {
				highest = p
			}
		}
	}
	return highest + 1
}

func validateRule(c *Ctx) error {
	if n := ruleWildcards(List(c.In, "conditions")); n > MaxRuleWildcards {
		return fmt.Errorf("ValidationError: A rule can have at most %d wildcards ('*' or '?') across its conditions (got %d)", MaxRuleWildcards, n)
	}
	listener := c.Resolve(c.Str("listenerArn"), []string{tListener})
	if listener == nil {
		return nil
	}
	priority := rulePriority(c, listener)
	rules := 0
	for _, r := range c.St.Records {
		if r.Type != tListenerRule || !strings.HasPrefix(r.Scope, tListenerRule+"|"+listener.Key+"|") || (c.Old != nil && r.Key == c.Old.Key) {
			continue
		}
		rules++
		if r.Scope == priorityScope(listener, priority) {
			return fmt.Errorf("PriorityInUse: Priority '%d' is currently in use", priority)
		}
	}
	if rules >= MaxRulesPerListener {
		return fmt.Errorf("TooManyRules: You've reached the limit on the number of rules per listener (%d)", MaxRulesPerListener)
	}
	return nil
}
