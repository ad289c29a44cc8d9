package sim

import (
	"strings"
	"testing"
)

func checkFailures(t *testing.T, a *Account, typ string, in map[string]any) string {
	t.Helper()
	_, _, failures, err := a.Check(Op{Type: typ, URN: urn(typ, "x"), Logical: "x"}, nil, in)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, f := range failures {
		reasons = append(reasons, f.Property+": "+f.Reason)
	}
	return strings.Join(reasons, "; ")
}

func TestNamesOutsideEachKindsLengthAndCharactersFailCheck(t *testing.T) {
	a := newAccount(t, "us-east-1")
	cases := []struct {
		typ, prop, name, want string
	}{
		{tFunction, "name", strings.Repeat("f", 65), "cannot be longer than 64"},
		{tFunction, "name", "shop.dev", "letters, digits, hyphens and underscores"},
		{tRole, "name", strings.Repeat("r", 65), "cannot be longer than 64"},
		{tRole, "name", "shop dev", "+=,.@_-"},
		{tRolePolicy, "name", strings.Repeat("p", 129), "cannot be longer than 128"},
		{tRepo, "name", "Shop", "lower-case"},
		{tCfFunction, "name", strings.Repeat("c", 65), "cannot be longer than 64"},
		{tOAC, "name", strings.Repeat("o", 65), "cannot be longer than 64"},
		{tTargetGroup, "name", strings.Repeat("t", 33), "cannot be longer than 32"},
		{tLogGroup, "name", "/aws/lambda/a b", "._-/#"},
		{tTaskDef, "family", "shop:dev", "letters, digits, hyphens and underscores"},
		{tPermission, "statementId", strings.Repeat("s", 101), "cannot be longer than 100"},
	}
	for _, c := range cases {
		if got := checkFailures(t, a, c.typ, map[string]any{c.prop: c.name}); !strings.Contains(got, c.want) {
			t.Errorf("%s %s %q: failures %q do not say %q", c.typ, c.prop, c.name, got, c.want)
		}
	}
	if got := checkFailures(t, a, tFunction, map[string]any{"name": "shop-dev_api"}); got != "" {
		t.Errorf("a valid name fails: %s", got)
	}
}

func TestAutonamedNamesFitTheKindsLimitAndKeepTheirOldValue(t *testing.T) {
	a := newAccount(t, "us-east-1")
	added, defaults, _, _ := a.Check(Op{Type: tTargetGroup, URN: urn(tTargetGroup, "x"), Logical: strings.Repeat("long", 10)}, nil, map[string]any{})
	if name := added["name"].(string); len(name) != 32 || len(defaults) != 1 {
		t.Errorf("autoname %q %v", name, defaults)
	}
	added, _, _, _ = a.Check(Op{Type: tTargetGroup, URN: urn(tTargetGroup, "x"), Logical: "x"}, map[string]any{"name": "x-1234567"}, map[string]any{})
	if added["name"] != "x-1234567" {
		t.Errorf("an update keeps the autoname: %v", added)
	}
}

// issue 19 item 4: IAM and CloudFront names are account-wide, not per region
func TestGlobalNamesCollideAcrossRegions(t *testing.T) {
	a := newAccount(t, "us-east-1")
	west := a.inRegion("us-west-2")
	mustCreate(t, a, tRole, "role", map[string]any{"name": "shop-dev-api-role", "assumeRolePolicy": "{}"})
	failCreate(t, west, tRole, "role", map[string]any{"name": "shop-dev-api-role", "assumeRolePolicy": "{}"}, "EntityAlreadyExists: Role with name shop-dev-api-role already exists.")
	mustCreate(t, a, tOAC, "oac", map[string]any{"name": "shop-dev-oac"})
	failCreate(t, west, tOAC, "oac", map[string]any{"name": "shop-dev-oac"}, "OriginAccessControlAlreadyExists")
	// regional names do not collide
	mustCreate(t, a, tLogGroup, "logs", map[string]any{"name": "/aws/lambda/shop-dev-api"})
	mustCreate(t, west, tLogGroup, "logs", map[string]any{"name": "/aws/lambda/shop-dev-api"})
	failCreate(t, west, tLogGroup, "logs2", map[string]any{"name": "/aws/lambda/shop-dev-api"}, "ResourceAlreadyExistsException")
}

func TestParameterNameCountsItsArnAgainstTheLimit(t *testing.T) {
	a := newAccount(t, "us-east-1")
	failCreate(t, a, tParameter, "p", map[string]any{"name": "/" + strings.Repeat("p", 1000), "type": "String", "value": "v"}, "is too long")
	mustCreate(t, a, tParameter, "p", map[string]any{"name": "/" + strings.Repeat("p", 900), "type": "String", "value": "v"})
}
