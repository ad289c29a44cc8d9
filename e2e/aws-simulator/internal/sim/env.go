package sim

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// Settings of the simulated account, all from environment variables (documented in README.md).
const (
	EnvStateDir          = "SCF_AWS_SIM_STATE"
	EnvAccountID         = "SCF_AWS_SIM_ACCOUNT_ID"
	EnvServiceSteadyTime = "SCF_AWS_SIM_ECS_STEADY_SECONDS"
	EnvDistributionTime  = "SCF_AWS_SIM_DISTRIBUTION_DEPLOY_SECONDS"
	EnvHostedZones       = "SCF_AWS_SIM_HOSTED_ZONES"
	DefaultHostedZones   = "example.com"

	DefaultAccountID = "123456789012"
	// Short by default so that engine tests stay fast; tests that need to observe ordering while
	// something slow is in progress raise them.
	defaultSlowSeconds = 0.05
)

// Env is the simulator's configuration, passed in rather than read from the process so tests
// can run several accounts side by side.
type Env struct {
	StateDir         string
	AccountID        string
	ServiceSteady    time.Duration
	DistributionWait time.Duration
	// Region is the environment's region (AWS_REGION, AWS_DEFAULT_REGION), used when a provider has none.
	Region string
	// HostedZones are the public Route 53 zones the account owns.
	HostedZones []string
}

// EnvFromProcess reads Env from the process environment.
func EnvFromProcess() Env {
	vars := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	return EnvFrom(vars)
}

// EnvFrom reads Env from a map of variables.
func EnvFrom(vars map[string]string) Env {
	account := vars[EnvAccountID]
	if account == "" {
		account = DefaultAccountID
	}
	return Env{
		StateDir:         vars[EnvStateDir],
		AccountID:        account,
		ServiceSteady:    seconds(vars[EnvServiceSteadyTime]),
		DistributionWait: seconds(vars[EnvDistributionTime]),
		HostedZones:      zones(vars),
		Region:           firstOf(vars["AWS_REGION"], vars["AWS_DEFAULT_REGION"]),
	}
}

func seconds(s string) time.Duration {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 {
		v = defaultSlowSeconds
	}
	return time.Duration(v * float64(time.Second))
}

func zones(vars map[string]string) []string {
	s, set := vars[EnvHostedZones]
	if !set {
		s = DefaultHostedZones
	}
	var out []string
	for _, z := range strings.Split(s, ",") {
		if z = strings.TrimSuffix(strings.TrimSpace(z), "."); z != "" {
			out = append(out, z)
		}
	}
	return out
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
