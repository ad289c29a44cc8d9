package sim

import (
	"testing"
)

func TestAvailabilityZonesIncludeALocalZoneThatFiltersRemove(t *testing.T) {
	a := newAccount(t, "us-east-1")
	all, _ := availabilityZones(a, map[string]any{"state": "available"})
	if len(all["names"].([]any)) != 4 {
		t.Errorf("names %v", all["names"])
	}
	std, _ := availabilityZones(a, map[string]any{"filters": []any{
		map[string]any{"name": "opt-in-status", "values": []any{"opt-in-not-required"}}}})
	if names := std["names"].([]any); len(names) != 3 || names[0] != "us-east-1a" || std["zoneIds"].([]any)[0] != "use1-az1" {
		t.Errorf("standard zones %v", std)
	}
}

func TestManagedPolicyNamesGiveTheirWellKnownIds(t *testing.T) {
	a := newAccount(t, "us-east-1")
	p, err := cachePolicy(a, map[string]any{"name": "Managed-CachingDisabled"})
	if err != nil || p["id"] != "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" {
		t.Errorf("%v %v", p, err)
	}
	o, err := originRequestPolicy(a, map[string]any{"name": "Managed-AllViewerExceptHostHeader"})
	if err != nil || o["id"] != "b689b0a8-53d0-40ab-baf2-68738e2966ac" {
		t.Errorf("%v %v", o, err)
	}
	if _, err := cachePolicy(a, map[string]any{"name": "Mine"}); err == nil {
		t.Error("an unknown policy name is an error")
	}
}

func TestFunctionsAnswerForTheProvidersRegionAndAccount(t *testing.T) {
	a := newAccount(t, "eu-central-1")
	r, _ := region(a, nil)
	c, _ := callerIdentity(a, nil)
	tok, _ := authorizationToken(a, nil)
	if r["name"] != "eu-central-1" || c["accountId"] != DefaultAccountID ||
		tok["proxyEndpoint"] != "https://"+DefaultAccountID+".dkr.ecr.eu-central-1.amazonaws.com" {
		t.Errorf("%v %v %v", r, c, tok)
	}
	if _, err := FunctionOf("aws:s3/getBucket:getBucket"); err == nil {
		t.Error("unknown token")
	}
	if _, err := hostedZoneLookup(a, map[string]any{"name": "other.org"}); err == nil {
		t.Error("a zone the account does not have")
	}
}
