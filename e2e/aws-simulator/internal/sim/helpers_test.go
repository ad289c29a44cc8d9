package sim

import (
	"strings"
	"testing"
)

func newAccount(t *testing.T, region string) *Account {
	t.Helper()
	env := EnvFrom(map[string]string{EnvStateDir: t.TempDir(), EnvServiceSteadyTime: "0", EnvDistributionTime: "0"})
	store, err := NewStore(env.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	return &Account{Store: store, Env: env, Region: region}
}

// in the same account, another region (a second provider)
func (a *Account) inRegion(region string) *Account {
	return &Account{Store: a.Store, Env: a.Env, Region: region}
}

func urn(typ, name string) string {
	return "urn:pulumi:dev::proj::" + typ + "::" + name
}

func mustCreate(t *testing.T, a *Account, typ, name string, in map[string]any) Created {
	t.Helper()
	made, err := a.Create(Op{Type: typ, URN: urn(typ, name)}, in)
	if err != nil {
		t.Fatalf("create %s %s: %v", typ, name, err)
	}
	return made
}

func mustRefuse(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected AWS to refuse with %q, but it accepted", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("expected an error containing %q, got: %v", want, err)
	}
}

func failCreate(t *testing.T, a *Account, typ, name string, in map[string]any, want string) {
	t.Helper()
	_, err := a.Create(Op{Type: typ, URN: urn(typ, name)}, in)
	mustRefuse(t, err, want)
}

// network builds a VPC with one subnet.
func network(t *testing.T, a *Account) (vpc, subnet string) {
	t.Helper()
	vpc = mustCreate(t, a, tVpc, "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"}).ID
	subnet = mustCreate(t, a, tSubnet, "subnet-a", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.0.0/24", "availabilityZone": a.Region + "a"}).ID
	return vpc, subnet
}
