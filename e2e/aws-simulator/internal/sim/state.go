package sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Record is one live thing in the simulated account.
type Record struct {
	Key    string `json:"key"`
	Type   string `json:"type"`
	Region string `json:"region,omitempty"`
	ID     string `json:"id"`
	ARN    string `json:"arn,omitempty"`
	// Name is the physical name AWS keeps unique within Scope.
	Name  string `json:"name,omitempty"`
	Scope string `json:"scope,omitempty"`
	URN   string `json:"urn"`
	// Refs are the records this one names in its inputs, with what AWS says when one of them is
	// deleted while this one still uses it ("" when AWS does not mind).
	Refs    []Ref             `json:"refs,omitempty"`
	Attrs   map[string]string `json:"attrs,omitempty"`
	Images  []Image           `json:"images,omitempty"`
	Created time.Time         `json:"created"`
}

// Ref is an edge from a record to a record it uses.
type Ref struct {
	Key    string `json:"key"`
	Refuse string `json:"refuse,omitempty"`
	// GoesWith: this record is deleted with the referenced one.
	GoesWith bool `json:"goesWith,omitempty"`
}

// Image is an image pushed to a repository.
type Image struct {
	Tag    string `json:"tag"`
	Digest string `json:"digest"`
}

// State is the whole account, as stored in state.json.
type State struct {
	Counter   int64              `json:"counter"`
	Events    int64              `json:"events"`
	Revisions map[string]int     `json:"revisions"`
	Records   map[string]*Record `json:"records"`
}

// Store guards the account folder: several plugin processes of one `pulumi up` share it, so
// every change happens under an exclusive file lock and the state file is replaced atomically.
type Store struct {
	dir string
}

func NewStore(dir string) (*Store, error) {
	if dir == "" {
		return nil, fmt.Errorf("the AWS simulator needs %s: the folder that holds the simulated account", EnvStateDir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Store{dir: dir}, nil
}

func (s *Store) Dir() string { return s.dir }

// Update runs fn on the state under the lock and saves it when fn succeeds.
func (s *Store) Update(fn func(*State) error) error {
	return s.locked(func(st *State) (bool, error) {
		err := fn(st)
		return err == nil, err
	})
}

// View runs fn on the state under the lock without saving.
func (s *Store) View(fn func(*State) error) error {
	return s.locked(func(st *State) (bool, error) { return false, fn(st) })
}

func (s *Store) locked(fn func(*State) (bool, error)) error {
	lock, err := os.OpenFile(filepath.Join(s.dir, "state.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	st, err := s.load()
	if err != nil {
		return err
	}
	save, err := fn(st)
	if err != nil || !save {
		return err
	}
	return s.save(st)
}

func (s *Store) load() (*State, error) {
	st := &State{Revisions: map[string]int{}, Records: map[string]*Record{}}
	data, err := os.ReadFile(filepath.Join(s.dir, "state.json"))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("simulated account %s: state.json: %w", s.dir, err)
	}
	if st.Revisions == nil {
		st.Revisions = map[string]int{}
	}
	if st.Records == nil {
		st.Records = map[string]*Record{}
	}
	return st, nil
}

func (s *Store) save(st *State) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, "state-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(s.dir, "state.json"))
}

// Next returns a new number, unique in the account.
func (st *State) Next() int64 {
	st.Counter++
	return st.Counter
}

// Find returns the live record of a type with the given id.
func (st *State) Find(typ, id string) *Record {
	for _, r := range st.Records {
		if r.Type == typ && r.ID == id {
			return r
		}
	}
	return nil
}

// FindARN returns the live record with the given ARN.
func (st *State) FindARN(arn string) *Record {
	for _, r := range st.Records {
		if r.ARN == arn {
			return r
		}
	}
	return nil
}

// Holders lists the live records that use r and what AWS answers when r is deleted under them.
func (st *State) Holders(r *Record) []Holder {
	var out []Holder
	for _, other := range st.Records {
		for _, ref := range other.Refs {
			if ref.Key == r.Key && ref.Refuse != "" && other.Key != r.Key {
				out = append(out, Holder{other, ref.Refuse})
			}
		}
	}
	return out
}

// Holder is a record that uses another.
type Holder struct {
	Record *Record
	Refuse string
}
