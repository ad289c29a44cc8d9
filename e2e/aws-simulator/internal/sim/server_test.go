package sim

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestUpdatePreviewKeepsStableOutputsAndMakesChangingOnesUnknown(t *testing.T) {
	s, err := NewServer(AWS, EnvFrom(map[string]string{EnvStateDir: t.TempDir(), EnvDistributionTime: "0"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:region": "eu-west-1"}}); err != nil {
		t.Fatal(err)
	}
	typ := tDistribution
	in := resource.PropertyMap{"enabled": resource.NewBoolProperty(true), "comment": resource.NewStringProperty("a")}
	props, _ := marshal(in)
	made, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(typ, "cdn"), Type: typ, Properties: props})
	if err != nil {
		t.Fatal(err)
	}
	olds := made.Properties
	in["comment"] = resource.NewStringProperty("b")
	news, _ := marshal(in)
	preview, err := s.Update(ctx, &pulumirpc.UpdateRequest{Id: made.Id, Urn: urn(typ, "cdn"), Type: typ, Olds: olds, News: news, Preview: true})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := unmarshal(preview.Properties)
	before, _ := unmarshal(olds)
	if !out["etag"].IsComputed() || out["domainName"].StringValue() != before["domainName"].StringValue() {
		t.Errorf("preview outputs %v", out)
	}
	updated, err := s.Update(ctx, &pulumirpc.UpdateRequest{Id: made.Id, Urn: urn(typ, "cdn"), Type: typ, Olds: olds, News: news})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := unmarshal(updated.Properties)
	if after["etag"].StringValue() == before["etag"].StringValue() || after["arn"].StringValue() != before["arn"].StringValue() {
		t.Errorf("update outputs %v", after)
	}
}
