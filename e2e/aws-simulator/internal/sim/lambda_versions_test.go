package sim

import (
	"encoding/json"
	"strings"
	"testing"
)

// publishN publishes the function n more times, as n updates with publish: true do.
func publishN(t *testing.T, a *Account, fn Created, in map[string]any, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, err := a.Update(Op{Type: tFunction, URN: urn(tFunction, "fn")}, fn.ID, fn.Outputs, withValue(in, "memorySize", float64(128+i))); err != nil {
			t.Fatal(err)
		}
	}
}

func pruner(t *testing.T, a *Account) Created {
	role := mustCreate(t, a, tRole, "pruner-role", map[string]any{"name": "shop-dev-euw1-version_pruner-role", "assumeRolePolicy": "{}"})
	return mustCreate(t, a, tFunction, "pruner", map[string]any{"name": "shop-dev-version_pruner-fn", "runtime": "python3.12",
		"handler": "version_pruner.handler", "code": "archive:abc", "role": role.ARN})
}

func pruneResult(t *testing.T, made Created) (kept, deleted []string) {
	t.Helper()
	var answer struct{ Kept, Deleted []string }
	if err := json.Unmarshal([]byte(made.Outputs["result"].(string)), &answer); err != nil {
		t.Fatal(err)
	}
	return answer.Kept, answer.Deleted
}

func TestThePrunersInvocationDeletesOldVersionsButTheNewestAndTheAliasedOnes(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	fn, in := function(t, a, pushed(t, a, "shop-dev-api"), nil)
	publishN(t, a, fn, in, 7) // versions 1..8
	mustCreate(t, a, tAlias, "previous", map[string]any{"name": "previous", "functionName": fn.ID, "functionVersion": "2"})
	live := mustCreate(t, a, tAlias, "live", map[string]any{"name": "live", "functionName": fn.ID, "functionVersion": "7"})
	if _, err := a.Update(Op{Type: tAlias, URN: urn(tAlias, "live")}, live.ID, live.Outputs,
		map[string]any{"name": "live", "functionName": fn.ID, "functionVersion": "8"}); err != nil {
		t.Fatal(err)
	}
	p := pruner(t, a)

	input := `{"functionName":"shop-dev-api-fn","keep":5}`
	first := mustCreate(t, a, tInvocation, "prune", map[string]any{"functionName": p.ID, "input": input, "triggers": map[string]any{"liveVersion": "8"}})
	kept, deleted := pruneResult(t, first)
	if join(kept) != "2,4,5,6,7,8" || join(deleted) != "1,3" {
		t.Errorf("kept %v deleted %v; want the 5 newest and the aliased 2 kept, 1 and 3 deleted", kept, deleted)
	}
	again := mustCreate(t, a, tInvocation, "prune-again", map[string]any{"functionName": p.ID, "input": input})
	if _, deleted := pruneResult(t, again); len(deleted) != 0 {
		t.Errorf("a second run deleted %v", deleted)
	}

	// a deleted version is gone: no alias may point at it, and it cannot be invoked
	failCreate(t, a, tAlias, "back", map[string]any{"name": "back", "functionName": fn.ID, "functionVersion": "3"},
		"ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:"+DefaultAccountID+":function:shop-dev-api-fn:3")
	failCreate(t, a, tInvocation, "check-old", map[string]any{"functionName": fn.ID, "qualifier": "1", "input": "{}"}, "ResourceNotFoundException")
	mustCreate(t, a, tAlias, "back", map[string]any{"name": "back", "functionName": fn.ID, "functionVersion": "4"})
	// the health check still answers as before
	check := mustCreate(t, a, tInvocation, "check", map[string]any{"functionName": fn.ID, "qualifier": "8", "input": "{}"})
	if check.Outputs["result"] == first.Outputs["result"] {
		t.Error("the health check was answered as a pruning")
	}
}

func TestThePrunerKeepsAVersionAWeightedAliasSendsRequestsTo(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	fn, in := function(t, a, pushed(t, a, "shop-dev-api"), nil)
	publishN(t, a, fn, in, 3) // versions 1..4
	mustCreate(t, a, tAlias, "live", map[string]any{"name": "live", "functionName": fn.ID, "functionVersion": "4",
		"routingConfig": map[string]any{"additionalVersionWeights": map[string]any{"1": 0.1}}})
	p := pruner(t, a)
	made := mustCreate(t, a, tInvocation, "prune", map[string]any{"functionName": p.ID, "input": `{"functionName":"shop-dev-api-fn","keep":1}`})
	if kept, deleted := pruneResult(t, made); join(kept) != "1,4" || join(deleted) != "2,3" {
		t.Errorf("kept %v deleted %v", kept, deleted)
	}
}

func TestThePrunerFailsLikeItsCodeForAFunctionThatDoesNotExist(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	p := pruner(t, a)
	failCreate(t, a, tInvocation, "prune", map[string]any{"functionName": p.ID, "input": `{"functionName":"shop-dev-gone-fn","keep":5}`},
		"invoking Lambda Function (shop-dev-version_pruner-fn): function error: Unhandled: {\"errorType\":\"ResourceNotFoundException\"")
}

func join(list []string) string { return strings.Join(list, ",") }
