package sim

import (
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestTargetGroupPortChangeReplacesAndANamedGroupIsDeletedFirst(t *testing.T) {
	k, _ := KindOf(tTargetGroup)
	olds := map[string]any{"name": "shop-dev-api-tg", "port": float64(8080), "vpcId": "vpc-1"}
	d := DiffOf(k, olds, withValue(olds, "port", float64(80)), nil)
	if d.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(d.Replaces) != 1 || d.Replaces[0] != "port" || !d.DeleteBeforeReplace {
		t.Errorf("diff %v", d)
	}
	if d.DetailedDiff["port"].Kind != pulumirpc.PropertyDiff_UPDATE_REPLACE {
		t.Errorf("detailed diff %v", d.DetailedDiff)
	}
	// an autonamed group can exist twice for a while: create first
	auto := withValue(olds, "__defaults", []any{"name"})
	d = DiffOf(k, auto, withValue(auto, "port", float64(80)), nil)
	if d.DeleteBeforeReplace {
		t.Error("an autonamed resource is replaced create-before-delete")
	}
	d = DiffOf(k, olds, withValue(olds, "healthCheck", map[string]any{"path": "/health"}), nil)
	if len(d.Replaces) != 0 || d.Changes != pulumirpc.DiffResponse_DIFF_SOME {
		t.Errorf("a health check change is an update: %v", d)
	}
}

func TestTaskDefinitionAnyChangeReplacesButTags(t *testing.T) {
	k, _ := KindOf(tTaskDef)
	olds := map[string]any{"family": "f", "cpu": "256", "tags": map[string]any{"a": "b"}}
	if d := DiffOf(k, olds, withValue(olds, "cpu", "512"), nil); len(d.Replaces) != 1 {
		t.Errorf("cpu: %v", d)
	}
	if d := DiffOf(k, olds, withValue(olds, "tags", map[string]any{"a": "c"}), nil); len(d.Replaces) != 0 {
		t.Errorf("tags: %v", d)
	}
}

func TestUnknownNewValueIsAChangeAndEqualValuesAreNone(t *testing.T) {
	k, _ := KindOf(tFunction)
	olds := map[string]any{"name": "f", "packageType": "Image", "environment": map[string]any{"variables": map[string]any{"A": "1"}}, "layers": []any{}}
	news := map[string]any{"name": "f", "packageType": "Image", "environment": map[string]any{"variables": map[string]any{"A": "1"}}}
	if d := DiffOf(k, olds, news, nil); d.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("no phantom diff: %v", d)
	}
	if d := DiffOf(k, olds, withValue(news, "packageType", Unknown{}), nil); len(d.Replaces) != 1 {
		t.Errorf("an unknown packageType may replace: %v", d)
	}
	if d := DiffOf(k, olds, withValue(news, "imageUri", "x"), []string{"imageUri"}); d.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("ignoreChanges: %v", d)
	}
}

func TestImageRegistryCredentialsAreNoChange(t *testing.T) {
	k, _ := KindOf(tImage)
	olds := map[string]any{"imageName": "r:v1", "registry": map[string]any{"server": "s", "username": "AWS", "password": "p1"}}
	news := map[string]any{"imageName": "r:v1", "registry": map[string]any{"server": "s", "username": "AWS", "password": "p2"}}
	if d := DiffOf(k, olds, news, nil); d.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("%v", d)
	}
	news["build"] = map[string]any{"contextDigest": "new"}
	if d := DiffOf(k, olds, news, nil); d.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(d.Replaces) != 0 {
		t.Errorf("a new context is an update: %v", d)
	}
}
