package sim

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// FaultsFile, in the account folder, names what should go wrong, so tests can make a deploy fail
// the way it would on AWS. Read at each operation: tests may change it between runs.
const FaultsFile = "faults.json"

// Faults is the content of FaultsFile.
type Faults struct {
	// FailingHealthChecks: functions (by name) whose invocation answers with a function error.
	FailingHealthChecks []string `json:"failingHealthChecks,omitempty"`
	// FailingServices: ECS services (by name) whose deployment never reaches a steady state.
	FailingServices []string `json:"failingServices,omitempty"`
	// RolledBackServices: ECS services whose deployment the circuit breaker rolls back: the
	// service is steady again, on the task definition it ran before.
	RolledBackServices []string `json:"rolledBackServices,omitempty"`
}

func readFaults(dir string) (Faults, error) {
	var f Faults
	data, err := os.ReadFile(filepath.Join(dir, FaultsFile))
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, err
	}
	return f, json.Unmarshal(data, &f)
}
