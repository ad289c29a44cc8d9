package sim

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A function's published versions are 1..attrs["version"] less the ones deleted since
// (attrs["deletedVersions"], comma-separated). Nothing in the simulated account runs code, so the
// one function whose effect on the account matters, the component's version pruner, is simulated by
// its contract: an invocation whose input is {"functionName": NAME, "keep": N} deletes what the
// pruner's code would (components/.../version_pruner.py): every published version of NAME but the N
// newest and those an alias points at, and answers as the code does.

const deletedVersionsAttr = "deletedVersions"

// pruneRequest is the pruner's input, when the invocation's input is one.
type pruneRequest struct {
	FunctionName string `json:"functionName"`
	Keep         *int   `json:"keep"`
}

func asPruneRequest(input string) (pruneRequest, bool) {
	var req pruneRequest
	if err := json.Unmarshal([]byte(input), &req); err != nil || req.FunctionName == "" || req.Keep == nil {
		return req, false
	}
	return req, true
}

// aliasAttrs: the versions an alias sends requests to, its main one and a weighted one's others.
func aliasAttrs(c *Ctx) map[string]string {
	versions := []string{c.Str("functionVersion")}
	for v := range Obj(Obj(c.In, "routingConfig"), "additionalVersionWeights") {
		versions = append(versions, v)
	}
	return map[string]string{"versions": strings.Join(versions, ",")}
}

// versionDeleted: the version of the function was published once and deleted since.
func versionDeleted(fn *Record, version string) bool {
	return contains(splitVersions(fn.Attrs[deletedVersionsAttr]), version)
}

// prune deletes the function's old versions as the pruner's code does, and answers as it does.
func prune(c *Ctx, pruner *Record, req pruneRequest) (string, error) {
	fn := c.Resolve(req.FunctionName, []string{tFunction})
	if fn == nil {
		return "", fmt.Errorf("invoking Lambda Function (%s): function error: Unhandled: {\"errorType\":\"ResourceNotFoundException\","+
			"\"errorMessage\":\"An error occurred (ResourceNotFoundException) when calling the ListVersionsByFunction operation: Function not found: %s\"}",
			pruner.ID, req.FunctionName)
	}
	if *req.Keep < 1 {
		return "", fmt.Errorf("invoking Lambda Function (%s): function error: Unhandled: {\"errorType\":\"ValueError\",\"errorMessage\":\"keep must be at least 1 (got %d)\"}",
			pruner.ID, *req.Keep)
	}
	last, _ := strconv.Atoi(fn.Attrs["version"])
	var published []int
	for v := last; v >= 1; v-- {
		if !versionDeleted(fn, strconv.Itoa(v)) {
			published = append(published, v)
		}
	}
	aliased := aliasedVersions(c.St, fn)
	kept, deleted := []int{}, []int{}
	for i, v := range published {
		if i < *req.Keep || aliased[strconv.Itoa(v)] {
			kept = append(kept, v)
		} else {
			deleted = append(deleted, v)
		}
	}
	gone := splitVersions(fn.Attrs[deletedVersionsAttr])
	for _, v := range deleted {
		gone = append(gone, strconv.Itoa(v))
	}
	sort.Slice(gone, func(i, j int) bool { a, _ := strconv.Atoi(gone[i]); b, _ := strconv.Atoi(gone[j]); return a < b })
	if fn.Attrs == nil {
		fn.Attrs = map[string]string{}
	}
	fn.Attrs[deletedVersionsAttr] = strings.Join(gone, ",")
	sort.Ints(kept)
	sort.Ints(deleted)
	answer, err := json.Marshal(map[string]any{"functionName": req.FunctionName, "kept": numbers(kept), "deleted": numbers(deleted), "skipped": []string{}})
	return string(answer), err
}

func aliasedVersions(st *State, fn *Record) map[string]bool {
	aliased := map[string]bool{}
	for _, r := range st.Records {
		if r.Type != tAlias {
			continue
		}
		for _, ref := range r.Refs {
			if ref.Key == fn.Key {
				for _, v := range splitVersions(r.Attrs["versions"]) {
					aliased[v] = true
				}
			}
		}
	}
	return aliased
}

func splitVersions(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}

// numbers: version numbers as Lambda writes them, strings.
func numbers(versions []int) []string {
	out := make([]string, len(versions))
	for i, v := range versions {
		out[i] = strconv.Itoa(v)
	}
	return out
}
