package hosts

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// pythonHost runs a program with the runner script the Python SDK's host ships
// (pulumi-language-python-exec, installed next to this binary), in the virtual environment and
// toolchain (pip, poetry, uv) of the runtime options, through the SDK's own toolchain code.
// Not done: type checkers, debugging.
type pythonHost struct{ *base }

const pythonRunner = "pulumi-language-python-exec"

func (h *pythonHost) GetPluginInfo(context.Context, *emptyRequest) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: PulumiVersion}, nil
}

func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	tc, err := pythonToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runner, err := findPythonRunner()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runCtx, cancel := context.WithCancel(h.cancelCtx)
	context.AfterFunc(ctx, cancel)
	cmd, err := tc.Command(runCtx, append([]string{"-u", runner}, pythonRunnerArguments(req, h.engine())...)...)
	if err != nil {
		return nil, err
	}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	if cmd.Env, err = configEnvironment(cmd.Env, req.GetConfig(), req.GetConfigSecretKeys()); err != nil {
		return nil, err
	}
	cmd.Dir, cmd.Stdout, cmd.Stderr = req.GetInfo().GetProgramDirectory(), os.Stdout, os.Stderr
	return runProgram(cmd), nil
}

// pythonRunnerArguments are the runner script's flags (see its argparse setup), then the entry
// point and the program's own arguments.
func pythonRunnerArguments(req *pulumirpc.RunRequest, engineAddress string) []string {
	var args runnerFlags
	args.add("monitor", req.GetMonitorAddress())
	args.add("engine", engineAddress)
	args.add("project", req.GetProject())
	args.add("root_directory", req.GetInfo().GetRootDirectory())
	args.add("stack", req.GetStack())
	args.add("pwd", req.GetPwd())
	args.add("dry_run", strconv.FormatBool(req.GetDryRun()))
	args.add("parallel", strconv.Itoa(int(req.GetParallel())))
	args.add("organization", req.GetOrganization())
	args = append(args, req.GetInfo().GetEntryPoint())
	return append(args, req.GetArgs()...)
}

func (h *pythonHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	tc, err := pythonToolchain(req.GetInfo())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	return tc.InstallDependencies(server.Context(), req.GetInfo().GetProgramDirectory(), req.GetUseLanguageVersionTools(), true, stdout, stderr)
}

func pythonToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	options := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Virtualenv: info.GetOptions().GetFields()["virtualenv"].GetStringValue(),
	}
	switch name := info.GetOptions().GetFields()["toolchain"].GetStringValue(); name {
	case "", "auto":
		options.Toolchain = toolchain.Auto
	case "pip":
		options.Toolchain = toolchain.Pip
	case "poetry":
		options.Toolchain = toolchain.Poetry
	case "uv":
		options.Toolchain = toolchain.Uv
	default:
		return nil, fmt.Errorf("unsupported python toolchain option %q (pip, poetry or uv)", name)
	}
	return toolchain.ResolveToolchain(options)
}

// findPythonRunner looks next to this binary first, where the setup installs the runner, then on
// the PATH.
func findPythonRunner() (string, error) {
	if self, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(self); err == nil {
			candidate := filepath.Join(filepath.Dir(resolved), pythonRunner)
			if _, err := os.Stat(candidate); err == nil {
				return candidate, nil
			}
		}
	}
	if path, err := exec.LookPath(pythonRunner); err == nil {
		return path, nil
	}
	return "", fmt.Errorf("could not find %s next to this language host or on the PATH", pythonRunner)
}
