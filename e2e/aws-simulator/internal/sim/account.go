package sim

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Account performs resource operations on the simulated account for one configured provider
// (one region). It knows nothing of gRPC: the server translates.
type Account struct {
	Store  *Store
	Env    Env
	Region string
}

// Op identifies the resource an operation is about.
type Op struct {
	Type string
	URN  string
	// Logical is the resource's name in the program (for autonaming).
	Logical string
	// Timeout is the program's custom timeout for the operation (customTimeouts), zero when it set none.
	Timeout time.Duration
}

// Check applies the provider's defaults (autonamed physical names) and plan-time validation.
// It returns the keys to add to the inputs and the failures.
func (a *Account) Check(op Op, olds, news map[string]any) (map[string]any, []string, []Failure, error) {
	k, err := KindOf(op.Type)
	if err != nil {
		return nil, nil, nil, err
	}
	added := map[string]any{}
	var defaults []string
	if n := k.Name; n != nil && n.Auto {
		if _, given := news[n.Prop]; !given {
			if old, ok := olds[n.Prop].(string); ok && old != "" {
				added[n.Prop] = old
			} else {
				added[n.Prop] = autoName(op.Logical, n.Max)
			}
			defaults = append(defaults, n.Prop)
		}
	}
	merged := map[string]any{}
	for key, v := range news {
		merged[key] = v
	}
	for key, v := range added {
		merged[key] = v
	}
	var failures []Failure
	if n := k.Name; n != nil && n.Max > 0 {
		if name, ok := merged[n.Prop].(string); ok && len(name) > n.Max {
			failures = append(failures, Failure{n.Prop, fmt.Sprintf("%q cannot be longer than %d characters (got %d)", name, n.Max, len(name))})
		}
		if name, ok := merged[n.Prop].(string); ok && n.Chars != nil && !n.Chars.MatchString(name) {
			failures = append(failures, Failure{n.Prop, fmt.Sprintf("%q is not a valid name: %s", name, n.Rule)})
		}
	}
	if k.Plan != nil {
		failures = append(failures, k.Plan(merged)...)
	}
	return added, defaults, failures, nil
}

func autoName(logical string, max int) string {
	b := make([]byte, 4)
	rand.Read(b)
	suffix := "-" + hex.EncodeToString(b)[:7]
	if max > 0 && len(logical)+len(suffix) > max {
		logical = logical[:max-len(suffix)]
	}
	return logical + suffix
}

// Preview returns the outputs a create would add, all unknown.
func (a *Account) Preview(op Op, in map[string]any) ([]string, error) {
	k, err := KindOf(op.Type)
	if err != nil {
		return nil, err
	}
	var unknown []string
	for _, key := range k.Computed {
		if _, given := in[key]; !given {
			unknown = append(unknown, key)
		}
	}
	return unknown, nil
}

// Create makes the resource in the account, or returns AWS's refusal.
func (a *Account) Create(op Op, in map[string]any) (Created, error) {
	k, err := KindOf(op.Type)
	if err != nil {
		return Created{}, err
	}
	var made Created
	var failure error
	operation := OpCreate
	err = a.Store.Update(func(st *State) error {
		for _, r := range st.Records {
			if r.URN == op.URN && r.Type == op.Type {
				// the engine creates the replacement before deleting the old one
				operation = OpReplace
			}
		}
		a.event(st, k, op, operation, PhaseStart, "", in, nil)
		var rec *Record
		made, rec, failure = a.create(k, a.ctx(st, op, in), op)
		if failure != nil {
			a.event(st, k, op, operation, PhaseFailed, "", in, failure)
			return nil
		}
		st.Records[rec.Key] = rec
		return nil
	})
	if err != nil {
		return Created{}, err
	}
	if failure != nil {
		return Created{}, failure
	}
	a.finish(k, op, operation, made.ID, in, made.Outputs)
	return made, nil
}

func (a *Account) create(k *Kind, c *Ctx, op Op) (Created, *Record, error) {
	if k.Validate != nil {
		if err := k.Validate(c); err != nil {
			return Created{}, nil, err
		}
	}
	refs, err := a.resolveUses(k, c)
	if err != nil {
		return Created{}, nil, err
	}
	name, scope := a.nameScope(k, c)
	if scope != "" {
		for _, r := range c.St.Records {
			if r.Scope == scope {
				return Created{}, nil, a.taken(k, c, name)
			}
		}
	}
	made, err := k.Create(c)
	if err != nil {
		return Created{}, nil, err
	}
	rec := &Record{
		Key: fmt.Sprintf("r%d", c.St.Next()), Type: op.Type, Region: a.Region, ID: made.ID, ARN: made.ARN,
		Name: name, Scope: scope, URN: op.URN, Refs: refs, Attrs: made.Attrs, Created: time.Now().UTC(),
	}
	if made.Scope != "" {
		rec.Scope = made.Scope
	}
	return made, rec, nil
}

func (a *Account) taken(k *Kind, c *Ctx, name string) error {
	return fmt.Errorf("%s", fill(k.Name.Taken, "{name}", name, "{within}", within(k, c), "{account}", a.Env.AccountID,
		"{type}", c.Str("type"), "{fqdn}", strings.TrimSuffix(name, ".")))
}

func within(k *Kind, c *Ctx) string {
	if k.Name.Within == nil {
		return ""
	}
	return k.Name.Within(c)
}

func (a *Account) nameScope(k *Kind, c *Ctx) (string, string) {
	if k.Name == nil || k.Name.Taken == "" {
		if k.Name != nil {
			return c.Str(k.Name.Prop), ""
		}
		return "", ""
	}
	name := c.Str(k.Name.Prop)
	if name == "" {
		return "", ""
	}
	region := a.Region
	if k.Global {
		region = ""
	}
	return name, strings.Join([]string{k.Token, region, within(k, c), name}, "|")
}

func (a *Account) resolveUses(k *Kind, c *Ctx) ([]Ref, error) {
	var refs []Ref
	for _, u := range k.Uses {
		for _, v := range Values(c.In, u.Path) {
			if u.External != nil && u.External(v) {
				continue
			}
			r := c.Resolve(v, u.Types)
			if r == nil {
				msg := u.Missing
				if msg == "" {
					msg = "InvalidParameterValue: {value} does not exist"
				}
				return nil, fmt.Errorf("%s", fill(msg, "{value}", v, "{account}", a.Env.AccountID))
			}
			refs = append(refs, Ref{Key: r.Key, Refuse: u.Refuse, GoesWith: u.GoesWith})
		}
	}
	return refs, nil
}

// Update changes the resource in place.
func (a *Account) Update(op Op, id string, oldOut, in map[string]any) (map[string]any, error) {
	k, err := KindOf(op.Type)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	var failure error
	err = a.Store.Update(func(st *State) error {
		c := a.ctx(st, op, in)
		c.OldOut = oldOut
		a.event(st, k, op, OpUpdate, PhaseStart, id, in, nil)
		out, failure = a.update(k, c, op, id)
		if failure != nil {
			a.event(st, k, op, OpUpdate, PhaseFailed, id, in, failure)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if failure != nil {
		return nil, failure
	}
	a.finish(k, op, OpUpdate, id, in, out)
	return out, nil
}

func (a *Account) update(k *Kind, c *Ctx, op Op, id string) (map[string]any, error) {
	rec := a.find(c.St, k, op, id, c.OldOut)
	if rec == nil {
		return nil, fmt.Errorf("%s %s does not exist in the simulated account (deleted outside of Pulumi?)", k.Token, id)
	}
	c.Old = rec
	if k.Validate != nil {
		if err := k.Validate(c); err != nil {
			return nil, err
		}
	}
	refs, err := a.resolveUses(k, c)
	if err != nil {
		return nil, err
	}
	name, scope := a.nameScope(k, c)
	if scope != "" && scope != rec.Scope {
		for _, r := range c.St.Records {
			if r.Scope == scope && r.Key != rec.Key {
				return nil, a.taken(k, c, name)
			}
		}
	}
	out := map[string]any{}
	if k.Update != nil {
		if out, err = k.Update(c); err != nil {
			return nil, err
		}
	}
	rec.Refs, rec.Name = refs, name
	if scope != "" {
		rec.Scope = scope
	}
	return out, nil
}

// find locates the record of a resource: by ARN where ids are shared (task definition revisions),
// else by id, and among equal ids (permission statement ids are per function) the one of this URN.
func (a *Account) find(st *State, k *Kind, op Op, id string, out map[string]any) *Record {
	if arn := Str(out, "arn"); arn != "" {
		if r := st.FindARN(arn); r != nil && r.Type == k.Token {
			return r
		}
	}
	var found *Record
	for _, r := range st.Records {
		if r.Type != k.Token || r.ID != id || (!k.Global && r.Region != a.Region && r.Region != "") {
			continue
		}
		if r.URN == op.URN {
			return r
		}
		if !k.SharedIDs || op.URN == "" {
			found = r
		}
	}
	return found
}

// Delete removes the resource, unless AWS refuses because something still uses it.
func (a *Account) Delete(op Op, id string, out map[string]any) error {
	k, err := KindOf(op.Type)
	if err != nil {
		return err
	}
	var failure error
	err = a.Store.Update(func(st *State) error {
		c := a.ctx(st, op, out)
		c.OldOut = out
		a.event(st, k, op, OpDelete, PhaseStart, id, nil, nil)
		rec := a.find(st, k, op, id, out)
		if rec == nil {
			// already gone: the provider treats "not found" on delete as done
			return nil
		}
		c.Old = rec
		if holders := st.Holders(rec); len(holders) > 0 {
			h := holders[0]
			failure = fmt.Errorf("%s", fill(h.Refuse, "{id}", rec.ID, "{arn}", rec.ARN, "{name}", rec.Name,
				"{holder}", h.Record.ID, "{account}", a.Env.AccountID))
		} else if k.Refuse != nil {
			failure = k.Refuse(c, rec)
		}
		if failure != nil {
			a.event(st, k, op, OpDelete, PhaseFailed, id, nil, failure)
			return nil
		}
		delete(st.Records, rec.Key)
		a.deleteDependents(st, rec)
		return nil
	})
	if err != nil {
		return err
	}
	if failure != nil {
		return failure
	}
	a.finish(k, op, OpDelete, id, nil, nil)
	return nil
}

// deleteDependents removes what AWS deletes along with rec, and logs it: a later update of such a
// resource fails as it would on AWS, where the program still believes it exists.
func (a *Account) deleteDependents(st *State, rec *Record) {
	for _, other := range st.Records {
		for _, ref := range other.Refs {
			if ref.Key == rec.Key && ref.GoesWith {
				delete(st.Records, other.Key)
				a.Store.appendEvent(st, Event{Phase: PhaseEnd, Operation: OpDelete, Type: other.Type, URN: other.URN, ID: other.ID,
					Detail: map[string]any{"deletedWith": rec.URN}})
				a.deleteDependents(st, other)
				break
			}
		}
	}
}

// Exists says whether the resource is still in the account (Read).
func (a *Account) Exists(op Op, id string, out map[string]any) (bool, error) {
	k, err := KindOf(op.Type)
	if err != nil {
		return false, err
	}
	found := false
	err = a.Store.View(func(st *State) error {
		found = a.find(st, k, op, id, out) != nil
		return nil
	})
	return found, err
}

func (a *Account) ctx(st *State, op Op, in map[string]any) *Ctx {
	return &Ctx{Env: a.Env, Region: a.Region, St: st, In: in, URN: op.URN, Timeout: op.Timeout}
}

// reportedOutputs are the outputs an end event carries, so that tests can tie an address (a
// distribution origin's domain, an image URI) to the resource that made it.
var reportedOutputs = []string{"arn", "functionUrl", "dnsName", "domainName", "repositoryUrl", "repoDigest", "imageName", "version", "qualifiedArn"}

// finish waits as long as AWS takes for slow kinds, then logs the end.
func (a *Account) finish(k *Kind, op Op, operation, id string, in, outputs map[string]any) {
	if k.Slow != nil {
		time.Sleep(k.Slow(a.Env))
	}
	a.Store.Update(func(st *State) error {
		e := a.newEvent(k, op, operation, PhaseEnd, id, in, nil)
		for _, key := range reportedOutputs {
			if v, ok := outputs[key]; ok && v != nil {
				if e.Detail == nil {
					e.Detail = map[string]any{}
				}
				e.Detail[key] = v
			}
		}
		return a.Store.appendEvent(st, e)
	})
}

func (a *Account) event(st *State, k *Kind, op Op, operation, phase, id string, in map[string]any, err error) {
	a.Store.appendEvent(st, a.newEvent(k, op, operation, phase, id, in, err))
}

func (a *Account) newEvent(k *Kind, op Op, operation, phase, id string, in map[string]any, err error) Event {
	e := Event{Phase: phase, Operation: operation, Type: op.Type, URN: op.URN, ID: id}
	if err != nil {
		e.Error = err.Error()
	}
	if k.Detail != nil && in != nil {
		e.Detail = k.Detail(in)
	}
	return e
}
