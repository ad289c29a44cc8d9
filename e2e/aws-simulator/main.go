// Command aws-simulator serves the Pulumi resource plugins pulumi-resource-aws and
// pulumi-resource-docker as a test double of an AWS account kept in a folder (see README.md).
// Which plugin it is follows from the name it was started under, as the engine starts each plugin
// by its file name.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/serverless-containers/e2e/aws-simulator/internal/sim"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "seed-network" {
		os.Exit(seedNetwork(os.Args[2]))
	}
	pkg := sim.AWS
	if strings.Contains(filepath.Base(os.Args[0]), "docker") {
		pkg = sim.Docker
	}
	err := provider.Main(pkg.Name, func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return sim.NewServer(pkg, sim.EnvFromProcess())
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// seedNetwork: `pulumi-resource-aws seed-network NAME` creates, in the account of
// SCF_AWS_SIM_STATE and the region of AWS_REGION, a VPC as a user's deployment.awsVpc would name it,
// and prints that block's values as JSON.
func seedNetwork(name string) int {
	env := sim.EnvFromProcess()
	store, err := sim.NewStore(env.StateDir)
	if err == nil && env.Region == "" {
		err = fmt.Errorf("seed-network needs AWS_REGION")
	}
	var vpc map[string]any
	if err == nil {
		vpc, err = sim.SeedNetwork(&sim.Account{Store: store, Env: env, Region: env.Region}, name)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "seed-network:", err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(vpc)
	return 0
}
