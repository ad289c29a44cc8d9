package sim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// EventsFile is the account's ordered event log, one JSON object a line.
const EventsFile = "events.jsonl"

// Event is one line of the event log: an operation on a resource starting, ending or failing.
// Seq orders events across all plugin processes of the account.
type Event struct {
	Seq       int64          `json:"seq"`
	Time      time.Time      `json:"time"`
	Phase     string         `json:"phase"`
	Operation string         `json:"operation"`
	Type      string         `json:"type"`
	URN       string         `json:"urn"`
	ID        string         `json:"id,omitempty"`
	Error     string         `json:"error,omitempty"`
	Detail    map[string]any `json:"detail,omitempty"`
}

const (
	PhaseStart  = "start"
	PhaseEnd    = "end"
	PhaseFailed = "failed"

	OpCreate  = "create"
	OpUpdate  = "update"
	OpDelete  = "delete"
	OpReplace = "replace"
)

// appendEvent numbers e and appends it; call it while holding the state lock.
func (s *Store) appendEvent(st *State, e Event) error {
	st.Events++
	e.Seq = st.Events
	e.Time = time.Now().UTC()
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(s.dir, EventsFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(append(line, '\n'))
	return err
}
