package sim

import (
	"fmt"
	"sort"
)

const (
	tKeyValueStore = "aws:cloudfront/keyValueStore:KeyValueStore"
	tKeyValueKeys  = "aws:cloudfront/keyvaluestoreKeysExclusive:KeyvaluestoreKeysExclusive"
)

// CloudFront KeyValueStore limits (CloudFront quotas; CreateKeyValueStore API reference).
const (
	MaxKeyValueStoreComment = 128
	MaxKeyValueKeyBytes     = 512
	MaxKeyValueValueBytes   = 1024
	MaxKeyValueStoreBytes   = 5 * 1024 * 1024
	// MaxKeyValueBatch is the provider's bound on maxBatchSize (keys per UpdateKeys call).
	MaxKeyValueBatch = 50
)

func init() {
	register(&Kind{
		Token:   tKeyValueStore,
		Global:  true,
		Replace: []string{"name"},
		Name: &Naming{Prop: "name", Auto: true, Max: 64, Chars: cfFunctionName, Rule: cfFunctionRule,
			Taken: "EntityAlreadyExists: A key value store named '{name}' already exists in account {account}."},
		Validate: func(c *Ctx) error {
			if comment := c.Str("comment"); len(comment) > MaxKeyValueStoreComment {
				return fmt.Errorf("InvalidArgument: The comment of key value store %s is %d characters; the maximum is %d.", c.Str("name"), len(comment), MaxKeyValueStoreComment)
			}
			return nil
		},
		Computed: []string{"arn", "etag", "lastModifiedTime"},
		Volatile: []string{"etag", "lastModifiedTime"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.GlobalARN("cloudfront", "key-value-store/"+uuid(c))
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{"arn": arn, "etag": "E" + c.Alnum(13), "lastModifiedTime": now()}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			return map[string]any{"etag": "E" + c.Alnum(13), "lastModifiedTime": now()}, nil
		},
	})
	register(&Kind{
		Token:   tKeyValueKeys,
		Global:  true,
		Replace: []string{"keyValueStoreArn"},
		// two "exclusive" key sets on one store would delete each other's keys on every update
		Name: &Naming{Prop: "keyValueStoreArn",
			Taken: "the keys of key value store {name} are already managed by another KeyvaluestoreKeysExclusive (simulator rule)"},
		Uses: []Use{{Path: "keyValueStoreArn", Types: []string{tKeyValueStore},
			Missing: "ResourceNotFoundException: The key value store {value} was not found.", GoesWith: true}},
		Plan: func(in map[string]any) []Failure {
			if n, given := Num(in, "maxBatchSize"); given && (n < 1 || n > MaxKeyValueBatch) {
				return []Failure{{"maxBatchSize", fmt.Sprintf("expected maxBatchSize to be in the range (1 - %d), got %v", MaxKeyValueBatch, n)}}
			}
			return nil
		},
		Validate: func(c *Ctx) error {
			_, err := keyValueSize(c.In)
			return err
		},
		Computed: []string{"totalSizeInBytes", "maxBatchSize"},
		Volatile: []string{"totalSizeInBytes"},
		Create: func(c *Ctx) (Created, error) {
			size, _ := keyValueSize(c.In)
			batch, given := Num(c.In, "maxBatchSize")
			if !given {
				batch = MaxKeyValueBatch
			}
			return Created{ID: c.Str("keyValueStoreArn"), Outputs: map[string]any{"totalSizeInBytes": float64(size), "maxBatchSize": batch}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			size, _ := keyValueSize(c.In)
			return map[string]any{"totalSizeInBytes": float64(size)}, nil
		},
		Detail: func(in map[string]any) map[string]any {
			// key names only: values may be configuration a user would not want in a log
			keys := Values(in, "resourceKeyValuePairs[].key")
			sort.Strings(keys)
			return map[string]any{"keyValueStoreArn": in["keyValueStoreArn"], "keys": keys}
		},
	})
}

// keyValueSize is the store's size as CloudFront counts it (keys and values), or the refusal of a
// key, value or store over its limit.
func keyValueSize(in map[string]any) (int, error) {
	size := 0
	for _, p := range List(in, "resourceKeyValuePairs") {
		pair, _ := p.(map[string]any)
		key, value := Str(pair, "key"), Str(pair, "value")
		if len(key) == 0 || len(key) > MaxKeyValueKeyBytes {
			return 0, fmt.Errorf("ValidationException: Key %q must be between 1 and %d bytes (got %d)", key, MaxKeyValueKeyBytes, len(key))
		}
		if len(value) > MaxKeyValueValueBytes {
			return 0, fmt.Errorf("ValidationException: The value of key %q is %d bytes; the maximum is %d", key, len(value), MaxKeyValueValueBytes)
		}
		size += len(key) + len(value)
	}
	if size > MaxKeyValueStoreBytes {
		return 0, fmt.Errorf("ServiceQuotaExceededException: The key value store would hold %d bytes; the maximum is %d", size, MaxKeyValueStoreBytes)
	}
	return size, nil
}
