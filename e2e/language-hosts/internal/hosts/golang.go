package hosts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// goHost builds the program with `go build` (or runs the executable of the `binary` runtime
// option) and starts it with the PULUMI_* variables the Go SDK reads, as pulumi-language-go does.
// Not done: `buildTarget`, debugging, Go workspaces' special cases.
type goHost struct{ *base }

func (h *goHost) GetPluginInfo(context.Context, *emptyRequest) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: PulumiVersion}, nil
}

func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	program := req.GetInfo().GetOptions().GetFields()["binary"].GetStringValue()
	if program == "" {
		built, cleanup, err := h.build(ctx, dir)
		if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		defer cleanup()
		program = built
	} else if !filepath.IsAbs(program) {
		program = filepath.Join(dir, program)
	}
	env, err := sdkEnvironment(req, h.engine())
	if err != nil {
		return nil, err
	}
	cmd := h.command(ctx, program, req.GetArgs()...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, os.Stdout, os.Stderr
	return runProgram(cmd), nil
}

// build compiles the program into a temporary folder; compiler errors go to the user.
func (h *goHost) build(ctx context.Context, dir string) (string, func(), error) {
	out, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(out) }
	program := filepath.Join(out, "program")
	cmd := h.command(ctx, "go", "build", "-o", program, ".")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("go build in %s failed: %w", dir, err)
	}
	return program, cleanup, nil
}

func (h *goHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := h.command(server.Context(), "go", "mod", "download")
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	return runToStreams(cmd, stdout, stderr)
}
