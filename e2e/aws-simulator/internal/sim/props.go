package sim

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Unknown stands for a value the engine does not know yet (preview).
type Unknown struct{}

// Plain turns a property value into plain Go values: secrets are opened, unknowns become
// Unknown, resource references become their id.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Plain(v.SecretValue().Element)
	case v.IsComputed():
		return Unknown{}
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return Unknown{}
		}
		return Plain(o.Element)
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		if id, ok := ref.IDString(); ok {
			return id
		}
		return Unknown{}
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			out = append(out, Plain(e))
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsAsset():
		return "asset:" + v.AssetValue().Hash
	case v.IsArchive():
		return "archive:" + v.ArchiveValue().Hash
	}
	return fmt.Sprint(v.V)
}

// PlainMap is Plain for a whole property map; null values are left out, as the engine does.
func PlainMap(m resource.PropertyMap) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if v.IsNull() {
			continue
		}
		out[string(k)] = Plain(v)
	}
	return out
}

// HasUnknown says whether a plain value holds an unknown anywhere.
func HasUnknown(v any) bool {
	switch t := v.(type) {
	case Unknown:
		return true
	case []any:
		for _, e := range t {
			if HasUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if HasUnknown(e) {
				return true
			}
		}
	}
	return false
}

// Same compares two plain values as AWS would see them: an empty list or map equals absence.
func Same(a, b any) bool {
	return reflect.DeepEqual(normal(a), normal(b))
}

func normal(v any) any {
	switch t := v.(type) {
	case []any:
		if len(t) == 0 {
			return nil
		}
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = normal(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if n := normal(e); n != nil {
				out[k] = n
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return v
}

// Values collects the strings found at a path such as "origins[].vpcOriginConfig.vpcOriginId";
// "[]" steps into every element of a list.
func Values(in map[string]any, path string) []string {
	var out []string
	var walk func(v any, parts []string)
	walk = func(v any, parts []string) {
		if len(parts) == 0 {
			switch t := v.(type) {
			case string:
				if t != "" {
					out = append(out, t)
				}
			case []any:
				for _, e := range t {
					walk(e, nil)
				}
			}
			return
		}
		part := parts[0]
		each := strings.HasSuffix(part, "[]")
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		next := m[strings.TrimSuffix(part, "[]")]
		if !each {
			walk(next, parts[1:])
			return
		}
		if list, ok := next.([]any); ok {
			for _, e := range list {
				walk(e, parts[1:])
			}
		}
	}
	walk(in, strings.Split(path, "."))
	return out
}

// Str reads a top-level string input.
func Str(in map[string]any, key string) string {
	s, _ := in[key].(string)
	return s
}

// Num reads a top-level number input.
func Num(in map[string]any, key string) (float64, bool) {
	n, ok := in[key].(float64)
	return n, ok
}

// Bool reads a top-level bool input.
func Bool(in map[string]any, key string) bool {
	b, _ := in[key].(bool)
	return b
}

// Obj reads a nested object input.
func Obj(in map[string]any, key string) map[string]any {
	m, _ := in[key].(map[string]any)
	return m
}

// List reads a list input.
func List(in map[string]any, key string) []any {
	l, _ := in[key].([]any)
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
