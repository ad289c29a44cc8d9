package sim

import (
	"fmt"
	"regexp"
	"strings"
)

// AWS's own limits and character rules that the component must respect (issue 19).

// ec2Text is what EC2 accepts in security group names and descriptions and in rule descriptions
// (EC2 API reference, CreateSecurityGroup and IpRange/SecurityGroupRuleRequest: "a-z, A-Z, 0-9,
// spaces, and ._-:/()#,@[]+=&;{}!$*").
var ec2Text = regexp.MustCompile(`^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]*$`)

func ec2TextError(field, value string) error {
	if len(value) > 255 {
		return fmt.Errorf("InvalidParameterValue: Value (%s) for parameter %s is invalid. Length exceeds maximum of 255 characters", value, field)
	}
	if !ec2Text.MatchString(value) {
		bad := firstOutside(value)
		return fmt.Errorf("InvalidParameterValue: Value (%s) for parameter %s is invalid. Character %q is not allowed: valid characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*", value, field, bad)
	}
	return nil
}

func firstOutside(s string) string {
	for _, r := range s {
		if !ec2Text.MatchString(string(r)) {
			return string(r)
		}
	}
	return ""
}

// lbNameFailures are the provider's plan-time checks of load balancer and target group names.
func lbNameFailures(prop, name string, kind string) []Failure {
	var out []Failure
	add := func(reason string) {
		out = append(out, Failure{prop, fmt.Sprintf("%s name %q %s", kind, name, reason)})
	}
	if !regexp.MustCompile(`^[0-9A-Za-z-]*$`).MatchString(name) {
		add("may contain only alphanumeric characters and hyphens")
	}
	if len(name) > 32 {
		add(fmt.Sprintf("cannot be longer than 32 characters (got %d)", len(name)))
	}
	if strings.HasPrefix(name, "-") {
		add("cannot begin with a hyphen")
	}
	if strings.HasSuffix(name, "-") {
		add("cannot end with a hyphen")
	}
	if kind == "load balancer" && strings.HasPrefix(name, "internal-") {
		add(`cannot begin with "internal-"`)
	}
	return out
}

// MaxCertificateNames is ACM's default quota of domain names per certificate.
const MaxCertificateNames = 10

// MaxCommonNameLength is the longest domainName ACM accepts (the certificate's common name).
const MaxCommonNameLength = 64

// MaxRuleWildcards is how many '*' and '?' an ALB rule's conditions may hold together.
const MaxRuleWildcards = 5

// MaxRulesPerListener is the ALB quota of rules per listener (the default rule not counted).
const MaxRulesPerListener = 100

// MaxLambdaEnvironment is Lambda's limit on all environment variables of a function, keys and values.
const MaxLambdaEnvironment = 4096

func ruleWildcards(conditions []any) int {
	count := 0
	for _, c := range conditions {
		m, _ := c.(map[string]any)
		for _, path := range []string{"pathPattern.values", "hostHeader.values", "httpHeader.values"} {
			for _, v := range Values(m, path) {
				count += strings.Count(v, "*") + strings.Count(v, "?")
			}
		}
	}
	return count
}

func environmentSize(vars map[string]any) int {
	size := 0
	for k, v := range vars {
		size += len(k)
		if s, ok := v.(string); ok {
			size += len(s)
		}
	}
	return size
}

// Name rules the provider checks before calling AWS, per kind (AWS API references).
var (
	lambdaName      = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	lambdaNameRule  = "letters, digits, hyphens and underscores only"
	iamName         = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamNameRule     = "letters, digits and +=,.@_- only"
	ecrName         = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)
	ecrNameRule     = "lower-case letters and digits, separated by single '.', '_', '-' or '/' (2 to 256 characters)"
	ecsName         = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	ecsNameRule     = "letters, digits, hyphens and underscores only"
	logGroupName    = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]+$`)
	logGroupRule    = "letters, digits and ._-/# only"
	ssmName         = regexp.MustCompile(`^[a-zA-Z0-9_.\-/]+$`)
	ssmNameRule     = "letters, digits and _.-/ only"
	cfFunctionName  = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	cfFunctionRule  = "letters, digits, hyphens and underscores only"
	alarmPolicyName = regexp.MustCompile(`^[^:]+$`)
	alarmPolicyRule = "any characters but ':'"
)
