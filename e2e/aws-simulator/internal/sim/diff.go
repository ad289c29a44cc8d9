package sim

import (
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// DiffOf compares a resource's old inputs with its new ones as the provider does: which
// top-level inputs changed, which of them force a replacement, and whether the replacement must
// delete first (a physical name the program chose cannot be held by two resources at once).
func DiffOf(k *Kind, olds, news map[string]any, ignoreChanges []string) *pulumirpc.DiffResponse {
	changed := changedKeys(strip(olds, k.DiffIgnore), strip(news, k.DiffIgnore), ignoreChanges)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE, HasDetailedDiff: true}
	}
	detailed := map[string]*pulumirpc.PropertyDiff{}
	var replaces []string
	for _, key := range changed {
		replace := contains(k.Replace, key) || (k.ReplaceAll && key != "tags")
		kind := pulumirpc.PropertyDiff_UPDATE
		_, hadOld := olds[key]
		_, hasNew := news[key]
		switch {
		case !hadOld:
			kind = pulumirpc.PropertyDiff_ADD
		case !hasNew:
			kind = pulumirpc.PropertyDiff_DELETE
		}
		if replace {
			kind += 1 // each *_REPLACE follows its kind
			replaces = append(replaces, key)
		}
		detailed[key] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	deleteFirst := false
	if len(replaces) > 0 && k.Name != nil && k.Name.Auto {
		_, given := news[k.Name.Prop]
		defaulted := contains(Values(news, "__defaults"), k.Name.Prop)
		deleteFirst = given && !defaulted
	}
	return &pulumirpc.DiffResponse{
		Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed, Replaces: replaces,
		DeleteBeforeReplace: deleteFirst, DetailedDiff: detailed, HasDetailedDiff: true,
	}
}

func changedKeys(olds, news map[string]any, ignore []string) []string {
	keys := map[string]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	var changed []string
	for k := range keys {
		if k == "__defaults" || contains(ignore, k) {
			continue
		}
		if HasUnknown(news[k]) || !Same(olds[k], news[k]) {
			changed = append(changed, k)
		}
	}
	sort.Strings(changed)
	return changed
}

// strip removes nested inputs such as "registry.password" from a copy of the inputs.
func strip(in map[string]any, paths []string) map[string]any {
	if len(paths) == 0 {
		return in
	}
	out := map[string]any{}
	for k, v := range in {
		out[k] = v
	}
	for _, p := range paths {
		top, rest, _ := strings.Cut(p, ".")
		if m, ok := out[top].(map[string]any); ok {
			copied := map[string]any{}
			for k, v := range m {
				if k != rest {
					copied[k] = v
				}
			}
			out[top] = copied
		}
	}
	return out
}
