package sim

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func keyValueStore(t *testing.T, a *Account, name string) Created {
	t.Helper()
	return mustCreate(t, a, tKeyValueStore, name, map[string]any{"name": name, "comment": "routes of shop dev"})
}

func TestKeyValueStoreNameIsUniquePerAccountAndItsArnHoldsAnId(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	store := keyValueStore(t, a, "shop-dev-routes")
	arn := regexp.MustCompile(`^arn:aws:cloudfront::` + DefaultAccountID + `:key-value-store/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	if store.ID != "shop-dev-routes" || !arn.MatchString(store.ARN) || store.Outputs["arn"] != store.ARN || store.Outputs["etag"] == "" {
		t.Errorf("store %s %s %v", store.ID, store.ARN, store.Outputs)
	}
	failCreate(t, a.inRegion("us-east-1"), tKeyValueStore, "again", map[string]any{"name": "shop-dev-routes"}, "EntityAlreadyExists")
	failCreate(t, a, tKeyValueStore, "long", map[string]any{"name": "c", "comment": strings.Repeat("c", 129)}, "InvalidArgument")
}

func TestKeyValueStoreNamesOutsideAwsRulesFailCheck(t *testing.T) {
	a := newAccount(t, "us-east-1")
	for name, want := range map[string]string{strings.Repeat("k", 65): "cannot be longer than 64", "shop.dev": "letters, digits, hyphens and underscores"} {
		if got := checkFailures(t, a, tKeyValueStore, map[string]any{"name": name}); !strings.Contains(got, want) {
			t.Errorf("name %q: failures %q do not say %q", name, got, want)
		}
	}
	if got := checkFailures(t, a, tKeyValueStore, map[string]any{"name": "shop-dev_routes1"}); got != "" {
		t.Errorf("a valid name fails check: %s", got)
	}
}

func TestKeyValueStoreNameChangeReplacesAndCommentChangeUpdates(t *testing.T) {
	k, _ := KindOf(tKeyValueStore)
	olds := map[string]any{"name": "shop-dev-routes", "comment": "a"}
	if d := DiffOf(k, olds, withValue(olds, "name", "shop-dev-routes2"), nil); !reflect.DeepEqual(d.Replaces, []string{"name"}) || !d.DeleteBeforeReplace {
		t.Errorf("name change: %v", d)
	}
	if d := DiffOf(k, olds, withValue(olds, "comment", "b"), nil); len(d.Replaces) != 0 || len(d.Diffs) != 1 {
		t.Errorf("comment change: %v", d)
	}
}

func TestKeyValueStoreAssociatedWithAFunctionCannotBeDeleted(t *testing.T) {
	a := newAccount(t, "us-east-1")
	store := keyValueStore(t, a, "shop-dev-routes")
	other := keyValueStore(t, a, "shop-dev-other")
	fn := map[string]any{"name": "shop-dev-router", "runtime": "cloudfront-js-2.0", "code": "function handler(e){return e.request}"}
	failCreate(t, a, tCfFunction, "router", withValue(fn, "keyValueStoreAssociations", []any{"arn:aws:cloudfront::" + DefaultAccountID + ":key-value-store/00000000-0000-0000-0000-000000000000"}),
		"EntityNotFound: The key value store entity was not found")
	failCreate(t, a, tCfFunction, "router", withValue(fn, "keyValueStoreAssociations", []any{store.ARN, other.ARN}),
		"A function can have only one key value store association")
	made := mustCreate(t, a, tCfFunction, "router", withValue(fn, "keyValueStoreAssociations", []any{store.ARN}))
	storeOp := Op{Type: tKeyValueStore, URN: urn(tKeyValueStore, "shop-dev-routes")}
	mustRefuse(t, a.Delete(storeOp, store.ID, nil), "CannotDeleteEntityWhileInUse")
	// moving the function to the other store frees the first
	if _, err := a.Update(Op{Type: tCfFunction, URN: urn(tCfFunction, "router")}, made.ID, made.Outputs, withValue(fn, "keyValueStoreAssociations", []any{other.ARN})); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(storeOp, store.ID, nil); err != nil {
		t.Errorf("a store no function uses is deleted: %v", err)
	}
}

func pairs(kv ...string) []any {
	var out []any
	for i := 0; i < len(kv); i += 2 {
		out = append(out, map[string]any{"key": kv[i], "value": kv[i+1]})
	}
	return out
}

func TestStoreKeysNeedTheirStoreAndTheEventLogShowsWhenAKeyAppeared(t *testing.T) {
	a := newAccount(t, "us-east-1")
	failCreate(t, a, tKeyValueKeys, "keys", map[string]any{"keyValueStoreArn": "arn:aws:cloudfront::" + DefaultAccountID + ":key-value-store/nope",
		"resourceKeyValuePairs": pairs("/api", "api")}, "ResourceNotFoundException")
	store := keyValueStore(t, a, "shop-dev-routes")
	in := map[string]any{"keyValueStoreArn": store.ARN, "resourceKeyValuePairs": pairs("/api", "lambda")}
	keys := mustCreate(t, a, tKeyValueKeys, "keys", in)
	if keys.ID != store.ARN || keys.Outputs["totalSizeInBytes"] != float64(len("/api")+len("lambda")) || keys.Outputs["maxBatchSize"] != float64(MaxKeyValueBatch) {
		t.Errorf("keys %s %v", keys.ID, keys.Outputs)
	}
	failCreate(t, a, tKeyValueKeys, "keys2", in, "already managed by another KeyvaluestoreKeysExclusive")
	op := Op{Type: tKeyValueKeys, URN: urn(tKeyValueKeys, "keys")}
	out, err := a.Update(op, keys.ID, keys.Outputs, withValue(in, "resourceKeyValuePairs", pairs("/web", "fargate", "/api", "lambda")))
	if err != nil || out["totalSizeInBytes"] != float64(len("/api/weblambdafargate")) {
		t.Fatalf("update in place: %v %v", out, err)
	}
	var seen [][]string
	for _, e := range readEvents(t, a) {
		if e.Type == tKeyValueKeys && e.Phase == PhaseEnd {
			var names []string
			for _, k := range e.Detail["keys"].([]any) {
				names = append(names, k.(string))
			}
			seen = append(seen, names)
		}
	}
	if !reflect.DeepEqual(seen, [][]string{{"/api"}, {"/api", "/web"}}) {
		t.Errorf("keys per event %v", seen)
	}
	_, err = a.Update(op, keys.ID, keys.Outputs, withValue(in, "resourceKeyValuePairs", pairs("/big", strings.Repeat("v", MaxKeyValueValueBytes+1))))
	mustRefuse(t, err, "ValidationException")
	if err := a.Delete(Op{Type: tKeyValueStore, URN: urn(tKeyValueStore, "shop-dev-routes")}, store.ID, nil); err != nil {
		t.Fatal(err)
	}
	if exists, _ := a.Exists(op, keys.ID, nil); exists {
		t.Error("the keys went with their store")
	}
}

func TestStoreKeysBatchSizeOutsideTheProvidersRangeFailsCheck(t *testing.T) {
	a := newAccount(t, "us-east-1")
	if got := checkFailures(t, a, tKeyValueKeys, map[string]any{"keyValueStoreArn": "x", "maxBatchSize": float64(51)}); !strings.Contains(got, "maxBatchSize") {
		t.Errorf("failures %q", got)
	}
}
