package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Kind is what the simulator knows about one resource type: how AWS names, identifies,
// replaces and refuses it. Kinds are registered by the files kinds_*.go, one AWS area each.
type Kind struct {
	Token string
	// Global kinds (IAM, CloudFront) live outside regions.
	Global bool
	// Replace lists the top-level inputs whose change makes AWS (the provider) replace the resource.
	Replace    []string
	ReplaceAll bool
	// DiffIgnore lists nested inputs whose changes are no change ("registry.password").
	DiffIgnore []string
	// SharedIDs: ids are unique only within a parent (permission statement ids per function), so a
	// record is found by its URN as well.
	SharedIDs bool
	Name      *Naming
	Uses      []Use
	// Computed are the outputs AWS gives at create; unknown during preview.
	Computed []string
	// Volatile are the outputs an update changes; unknown while previewing an update.
	Volatile []string
	Create   func(c *Ctx) (Created, error)
	Update   func(c *Ctx) (map[string]any, error)
	// Validate holds AWS's refusals of the API call (create and update).
	Validate func(c *Ctx) error
	// Plan holds what the provider itself rejects before calling AWS (Check failures).
	Plan func(in map[string]any) []Failure
	// Refuse holds delete refusals beyond "still used by" edges.
	Refuse func(c *Ctx, r *Record) error
	// Slow is how long the operation waits before AWS reports it done.
	Slow func(Env) time.Duration
	// Detail is what the event log records of the inputs.
	Detail func(in map[string]any) map[string]any
}

// Created is what a create returns.
type Created struct {
	ID      string
	ARN     string
	Outputs map[string]any
	Attrs   map[string]string
	Scope   string
}

// Naming is a kind's physical name: unique per account (and region) or within a narrower scope.
type Naming struct {
	Prop string
	// Auto: the provider picks "<logical name>-<7 hex>" when the program gives none.
	Auto bool
	Max  int
	// Chars is the provider's check of the name's characters, and Rule says it in words.
	Chars *regexp.Regexp
	Rule  string
	// Within narrows uniqueness (a VPC for security groups, a role for its policies).
	Within func(c *Ctx) string
	// Taken is AWS's answer to a duplicate; {name} and {within} are filled in.
	Taken string
}

// Use is an input that names another resource of the account.
type Use struct {
	Path  string
	Types []string
	// Missing is AWS's answer when the named resource does not exist ({value}).
	Missing string
	// Refuse is AWS's answer to deleting the named resource while this one uses it ({id}, {arn}, {name}).
	Refuse string
	// GoesWith: AWS deletes this resource together with the named one (a function's URL and
	// permissions, a load balancer's listeners, a group's rules).
	GoesWith bool
	// External values (AWS-managed policies, prefix lists) need not exist in the account.
	External func(value string) bool
}

// Failure is a Check failure on one property.
type Failure struct {
	Property string
	Reason   string
}

// Ctx is what a kind's functions see of one operation.
type Ctx struct {
	Env    Env
	Region string
	St     *State
	In     map[string]any
	URN    string
	// Timeout is the program's custom timeout for a create or update, zero when it set none.
	Timeout time.Duration
	// Old is the record being updated or deleted; OldOut its outputs as the engine stored them.
	Old    *Record
	OldOut map[string]any
}

var kinds = map[string]*Kind{}

func register(k *Kind) {
	if _, dup := kinds[k.Token]; dup {
		panic("kind registered twice: " + k.Token)
	}
	kinds[k.Token] = k
}

// KindOf returns the kind of a type token, or a clear error naming it.
func KindOf(token string) (*Kind, error) {
	k, ok := kinds[token]
	if !ok {
		return nil, fmt.Errorf("the AWS simulator does not know resource type %q; it simulates only the types the "+
			"Serverless Containers component uses (see e2e/aws-simulator/README.md)", token)
	}
	return k, nil
}

// Hex returns n hex digits unique in the account.
func (c *Ctx) Hex(n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", c.Env.AccountID, c.St.Next())))
	s := hex.EncodeToString(sum[:])
	for len(s) < n {
		s += s
	}
	return s[:n]
}

// ID returns an EC2-style id such as vpc-0a1b2c3d4e5f60718.
func (c *Ctx) ID(prefix string) string { return prefix + "-0" + c.Hex(16) }

// Alnum returns n upper-case letters and digits (CloudFront ids).
func (c *Ctx) Alnum(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	h := c.Hex(n * 2)
	var b strings.Builder
	for i := 0; i < n; i++ {
		var v int
		fmt.Sscanf(h[2*i:2*i+2], "%02x", &v)
		b.WriteByte(alphabet[v%len(alphabet)])
	}
	return b.String()
}

// ARN is a regional ARN of the account.
func (c *Ctx) ARN(service, res string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, c.Region, c.Env.AccountID, res)
}

// GlobalARN is an ARN without region (IAM, CloudFront).
func (c *Ctx) GlobalARN(service, res string) string {
	return fmt.Sprintf("arn:aws:%s::%s:%s", service, c.Env.AccountID, res)
}

// Str reads a string input.
func (c *Ctx) Str(key string) string { return Str(c.In, key) }

// Resolve finds the record an input value names.
func (c *Ctx) Resolve(value string, types []string) *Record {
	for _, r := range c.St.Records {
		if !contains(types, r.Type) {
			continue
		}
		if r.ID != value && r.ARN != value && r.Name != value {
			continue
		}
		k := kinds[r.Type]
		if k != nil && !k.Global && r.Region != c.Region && r.ARN != value {
			continue
		}
		return r
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func fill(template string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(template)
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }
