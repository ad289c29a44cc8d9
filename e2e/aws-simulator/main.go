// Command aws-simulator serves the Pulumi resource plugins pulumi-resource-aws and
// pulumi-resource-docker as a test double of an AWS account kept in a folder (see README.md).
// Which plugin it is follows from the name it was started under, as the engine starts each plugin
// by its file name.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/serverless-containers/e2e/aws-simulator/internal/sim"
)

func main() {
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
